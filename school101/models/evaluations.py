"""Peer evaluations and rushes: availability, evaluations, busy quarter-hours, points,
correction scales, rush teams.

Races are settled by the database: an evaluation holds one `BusyQuarter` row per
quarter-hour it occupies for each of its two people, under a unique (user, quarter)
constraint, so two bookings of the same free evaluator at the same instant cannot both
commit; a person's points live in `PointsBalance` under a `balance >= 0` check, changed only
by conditional UPDATEs, with `PointsEntry` rows as the ledger.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from school101.extensions import db
from school101.models._base import UTCDateTime, utcnow

EVALUATION_STATUSES = (
    "booked",  # a time and an evaluator; waiting for the evaluation
    "submitted",  # the evaluator filled the scale; the evaluated person may rate the feedback
    "done",  # final: rated, or 24 hours after submission
    "cancelled",  # cancelled more than 30 minutes ahead (the point refunded)
    "late_cancelled",  # cancelled later (recorded)
    "no_show",  # one side reported the other absent: staff decide
    "voided",  # staff voided it (reason audited)
)
ACTIVE_STATUSES = ("booked", "submitted", "done", "no_show")


class AvailabilitySlot(db.Model):
    """A window in which a candidate offers to evaluate (15-minute grid, at least 30 minutes,
    within the piscine's campus hours)."""

    __tablename__ = "availability_slots"
    __table_args__ = (CheckConstraint("ends_at > starts_at", name="slot_not_empty"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    piscine_id: Mapped[int] = mapped_column(
        ForeignKey("piscines.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Evaluation(db.Model):
    """One peer evaluation (or rush defense): who, when, the filled scale and the feedback."""

    __tablename__ = "evaluations"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="evaluation_not_empty"),
        CheckConstraint("evaluator_id <> evaluated_id", name="no_self_evaluation"),
        CheckConstraint("mark IS NULL OR (mark >= 0 AND mark <= 125)", name="mark_in_range"),
        CheckConstraint(
            "feedback_rating IS NULL OR (feedback_rating >= 0 AND feedback_rating <= 4)",
            name="rating_in_range",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    piscine_id: Mapped[int] = mapped_column(
        ForeignKey("piscines.id", ondelete="CASCADE"), index=True
    )
    day_id: Mapped[str] = mapped_column(String(40), index=True)
    evaluated_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    evaluator_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("rush_teams.id", ondelete="CASCADE"), index=True
    )
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default="booked", index=True)
    #: the scale as it was when the evaluation was filled (JSON), and the answers (JSON)
    scale: Mapped[str] = mapped_column(Text, default="")
    answers: Mapped[str] = mapped_column(Text, default="")
    flags: Mapped[str] = mapped_column(String(400), default="")  # comma-separated flag ids
    mark: Mapped[int | None] = mapped_column(Integer)
    to_staff: Mapped[bool] = mapped_column(default=False, index=True)
    feedback: Mapped[str] = mapped_column(Text, default="")
    feedback_rating: Mapped[int | None] = mapped_column(Integer)
    feedback_comment: Mapped[str] = mapped_column(Text, default="")
    no_show_of: Mapped[str] = mapped_column(String(12), default="")  # evaluator | evaluated
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    rated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: when both sides were told who the other is (the 15-minute reminder), once
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)

    members: Mapped[list[EvaluationMember]] = relationship(
        back_populates="evaluation", cascade="all, delete-orphan"
    )


class EvaluationMember(db.Model):
    """A rush defense's individual mark for one team member."""

    __tablename__ = "evaluation_members"
    __table_args__ = (UniqueConstraint("evaluation_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(
        ForeignKey("evaluations.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    mark: Mapped[int | None] = mapped_column(Integer)
    absent: Mapped[bool] = mapped_column(default=False)
    cannot_explain: Mapped[bool] = mapped_column(default=False)

    evaluation: Mapped[Evaluation] = relationship(back_populates="members")


class BusyQuarter(db.Model):
    """A quarter-hour a person is taken by an evaluation (either side): the unique constraint
    is what makes booking the last free evaluator race-free."""

    __tablename__ = "busy_quarters"
    __table_args__ = (UniqueConstraint("user_id", "quarter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    quarter: Mapped[datetime] = mapped_column(UTCDateTime)
    evaluation_id: Mapped[int] = mapped_column(
        ForeignKey("evaluations.id", ondelete="CASCADE"), index=True
    )


class PointsBalance(db.Model):
    """A person's evaluation points in one piscine (never negative)."""

    __tablename__ = "points_balances"
    __table_args__ = (
        UniqueConstraint("piscine_id", "user_id"),
        CheckConstraint("balance >= 0", name="points_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    piscine_id: Mapped[int] = mapped_column(
        ForeignKey("piscines.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    balance: Mapped[int] = mapped_column(Integer, default=0)


class PointsEntry(db.Model):
    """One movement of evaluation points (the ledger behind a balance)."""

    __tablename__ = "points_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    piscine_id: Mapped[int] = mapped_column(
        ForeignKey("piscines.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    delta: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(20))  # start, booked, refund, earned, granted...
    evaluation_id: Mapped[int | None] = mapped_column(
        ForeignKey("evaluations.id", ondelete="SET NULL"), index=True
    )
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CorrectionScale(db.Model):
    """A scale edited by staff for one day, project or rush (else the shipped scale.toml)."""

    __tablename__ = "correction_scales"

    id: Mapped[int] = mapped_column(primary_key=True)
    day_id: Mapped[str] = mapped_column(String(40), unique=True)
    content: Mapped[str] = mapped_column(Text)  # JSON, the scale.toml structure
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class RushTeam(db.Model):
    """A team of two or three for one rush of one piscine."""

    __tablename__ = "rush_teams"
    __table_args__ = (UniqueConstraint("piscine_id", "day_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    piscine_id: Mapped[int] = mapped_column(
        ForeignKey("piscines.id", ondelete="CASCADE"), index=True
    )
    day_id: Mapped[str] = mapped_column(String(40), index=True)
    number: Mapped[int] = mapped_column(Integer)
    #: rushes whose day assigns one exercise per team (rush00's variants): this team's
    exercise: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    members: Mapped[list[RushTeamMember]] = relationship(
        back_populates="team", cascade="all, delete-orphan", order_by="RushTeamMember.id"
    )


class RushTeamMember(db.Model):
    """One person in a rush team (one team per person per rush)."""

    __tablename__ = "rush_team_members"
    __table_args__ = (UniqueConstraint("piscine_id", "day_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(
        ForeignKey("rush_teams.id", ondelete="CASCADE"), index=True
    )
    piscine_id: Mapped[int] = mapped_column(
        ForeignKey("piscines.id", ondelete="CASCADE"), index=True
    )
    day_id: Mapped[str] = mapped_column(String(40))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)

    team: Mapped[RushTeam] = relationship(back_populates="members")
