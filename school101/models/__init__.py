"""SQLAlchemy models, one module per aggregate; importing this package registers them all."""

from school101.models.admissions import Application, ApplicationNote, Campaign, EligibilityException
from school101.models.evaluations import (
    AvailabilitySlot,
    BusyQuarter,
    CorrectionScale,
    Evaluation,
    EvaluationMember,
    PointsBalance,
    PointsEntry,
    RushTeam,
    RushTeamMember,
)
from school101.models.exams import (
    ExamAssignment,
    ExamAttempt,
    ExamConnection,
    ExamRoom,
    ExamRoomSession,
    ExamTry,
)
from school101.models.games import GameLevel, GamePlausibility, GameRefusal, GameSession
from school101.models.grading import GradingRun, Submission
from school101.models.integrity import IntegrityDocument, IntegrityFingerprint, IntegrityPair
from school101.models.organisations import (
    AbuseReport,
    ContactRequest,
    Organisation,
    OrganisationMember,
)
from school101.models.piscine import Booking, Invitation, Piscine, PiscineDay
from school101.models.results import DayGrading
from school101.models.retention import AnonymisedPerson, CampaignStatistic
from school101.models.saved_filters import SavedFilter
from school101.models.selection import Decision, MailTemplate, RoundPiscine, SelectionRound
from school101.models.students import Cohort, GraduateProfile, Student
from school101.models.user import (
    ApiToken,
    AuditLog,
    Consent,
    ConsentText,
    OutboxMail,
    Profile,
    User,
    UserRole,
)

__all__ = [
    "AbuseReport",
    "AnonymisedPerson",
    "ApiToken",
    "Application",
    "ApplicationNote",
    "AuditLog",
    "AvailabilitySlot",
    "Booking",
    "BusyQuarter",
    "Campaign",
    "CampaignStatistic",
    "Cohort",
    "Consent",
    "ConsentText",
    "ContactRequest",
    "CorrectionScale",
    "DayGrading",
    "Decision",
    "EligibilityException",
    "Evaluation",
    "EvaluationMember",
    "ExamAssignment",
    "ExamAttempt",
    "ExamConnection",
    "ExamRoom",
    "ExamRoomSession",
    "ExamTry",
    "GameLevel",
    "GamePlausibility",
    "GameRefusal",
    "GameSession",
    "GradingRun",
    "IntegrityDocument",
    "IntegrityFingerprint",
    "IntegrityPair",
    "GraduateProfile",
    "Invitation",
    "MailTemplate",
    "Organisation",
    "OrganisationMember",
    "OutboxMail",
    "Piscine",
    "PiscineDay",
    "PointsBalance",
    "PointsEntry",
    "Profile",
    "RoundPiscine",
    "RushTeam",
    "RushTeamMember",
    "SavedFilter",
    "SelectionRound",
    "Student",
    "Submission",
    "User",
    "UserRole",
]
