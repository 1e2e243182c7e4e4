"""The admissions aggregate: campaigns, applications and staff notes."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from school101.extensions import db
from school101.models._base import UTCDateTime, utcnow
from school101.models.user import User

APPLICATION_STATUSES = ("applied", "games_done", "invited", "not_selected", "withdrawn")


class Campaign(db.Model):
    """A yearly intake campaign with its eligibility rules and game settings."""

    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    age_min: Mapped[int] = mapped_column(Integer, default=18)
    age_max: Mapped[int] = mapped_column(Integer, default=30)
    age_reference_date: Mapped[date] = mapped_column(Date)
    memory_attempts: Mapped[int] = mapped_column(Integer, default=2)
    logic_attempts: Mapped[int] = mapped_column(Integer, default=2)
    memory_levels: Mapped[int] = mapped_column(Integer, default=12)
    logic_levels: Mapped[int] = mapped_column(Integer, default=10)
    invitations_planned: Mapped[int] = mapped_column(Integer, default=400)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    def is_open(self, now: datetime) -> bool:
        """True while applications are accepted."""
        return self.opens_at <= now < self.closes_at


class Application(db.Model):
    """One person's application to one campaign; game scores are cached here for sorting."""

    __tablename__ = "applications"
    __table_args__ = (UniqueConstraint("user_id", "campaign_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="applied", index=True)
    motivation: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    memory_score: Mapped[int | None] = mapped_column(Integer, index=True)
    logic_score: Mapped[int | None] = mapped_column(Integer, index=True)
    logic_instructions: Mapped[int | None] = mapped_column(Integer)
    logic_time_ms: Mapped[int | None] = mapped_column(Integer)
    games_completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    campaign: Mapped[Campaign] = relationship()
    notes: Mapped[list[ApplicationNote]] = relationship(
        back_populates="application", cascade="all, delete-orphan", order_by="ApplicationNote.id"
    )


class EligibilityException(db.Model):
    """Staff allowing a person outside the age rules to apply, with a documented reason."""

    __tablename__ = "eligibility_exceptions"
    __table_args__ = (UniqueConstraint("user_id", "campaign_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ApplicationNote(db.Model):
    """A staff note on an application."""

    __tablename__ = "application_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    application: Mapped[Application] = relationship(back_populates="notes")
    author: Mapped[User | None] = relationship()
