"""SQLAlchemy models, one module per aggregate; importing this package registers them all."""
from .admissions import Application, ApplicationNote, Campaign, EligibilityException  # noqa: F401
from .exams import ExamAssignment, ExamAttempt, ExamTry  # noqa: F401
from .games import GameLevel, GameSession  # noqa: F401
from .grading import GradingRun, Submission  # noqa: F401
from .organisations import AbuseReport, ContactRequest, Organisation, OrganisationMember  # noqa: F401
from .piscine import Booking, Invitation, Piscine, PiscineDay  # noqa: F401
from .results import DayGrading  # noqa: F401
from .retention import AnonymisedPerson, CampaignStatistic  # noqa: F401
from .selection import Decision, MailTemplate, RoundPiscine, SelectionRound  # noqa: F401
from .students import Cohort, GraduateProfile, Student  # noqa: F401
from .user import ApiToken, AuditLog, Consent, ConsentText, OutboxMail, Profile, User, UserRole  # noqa: F401
