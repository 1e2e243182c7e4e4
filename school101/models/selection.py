"""The selection aggregate: rounds with weighted criteria, human decisions (with history),
offers that admitted candidates confirm or decline, and editable notification templates."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from school101.extensions import db
from school101.models._base import UTCDateTime, utcnow

DECISIONS = ("admit", "waitlist", "reject")


class SelectionRound(db.Model):
    """Staff's settings for ranking one or more piscines: criteria weights, blind mode, deadline."""

    __tablename__ = "selection_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    weights: Mapped[str] = mapped_column(Text)  # JSON {criterion: weight}
    blind: Mapped[bool] = mapped_column(Boolean, default=True)
    confirm_days: Mapped[int] = mapped_column(Integer, default=7)
    cohort_name: Mapped[str] = mapped_column(String(60), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RoundPiscine(db.Model):
    """A piscine ranked in a round (scores are normalised per piscine)."""

    __tablename__ = "round_piscines"
    __table_args__ = (UniqueConstraint("round_id", "piscine_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("selection_rounds.id", ondelete="CASCADE"), index=True
    )
    piscine_id: Mapped[int] = mapped_column(
        ForeignKey("piscines.id", ondelete="CASCADE"), index=True
    )


class Decision(db.Model):
    """A human decision about one candidate of one piscine. Posting again records a revision:
    the newest row (highest `version`) is current; older rows are the history."""

    __tablename__ = "decisions"
    __table_args__ = (UniqueConstraint("piscine_id", "user_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    piscine_id: Mapped[int] = mapped_column(
        ForeignKey("piscines.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    round_id: Mapped[int | None] = mapped_column(
        ForeignKey("selection_rounds.id", ondelete="SET NULL")
    )
    version: Mapped[int] = mapped_column(Integer, default=1)
    decision: Mapped[str] = mapped_column(String(10), index=True)
    reason: Mapped[str] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    current: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    # The ranking as it stood when decided (JSON breakdown), so the person can see it later.
    breakdown: Mapped[str] = mapped_column(Text, default="")
    # Offer to admitted candidates: pending | confirmed | declined | expired ("" otherwise).
    offer_status: Mapped[str] = mapped_column(String(10), default="")
    offer_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class MailTemplate(db.Model):
    """An editable e-mail template (decision notifications), one per kind and language."""

    __tablename__ = "mail_templates"
    __table_args__ = (UniqueConstraint("kind", "locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    locale: Mapped[str] = mapped_column(String(5))
    subject: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
