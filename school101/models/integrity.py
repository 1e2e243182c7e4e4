"""The integrity aggregate: fingerprinted submissions, the fingerprint index and the pairs of
candidates (or rush teams) whose code is alike, with staff's decision on each pair."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from school101.extensions import db
from school101.models._base import UTCDateTime, utcnow

PAIR_STATUSES = ("open", "cleared", "confirmed")


class IntegrityDocument(db.Model):
    """One fingerprinted submission; `current` marks its owner's latest for the exercise."""

    __tablename__ = "integrity_documents"
    __table_args__ = (Index("ix_integrity_documents_lookup", "exercise", "piscine_id", "current"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), unique=True
    )
    piscine_id: Mapped[int | None] = mapped_column(
        ForeignKey("piscines.id", ondelete="SET NULL"), index=True
    )
    exercise: Mapped[str] = mapped_column(String(80))
    day_id: Mapped[str] = mapped_column(String(40), default="")
    #: who the work belongs to: "u<user id>" or "t<rush team id>"
    owner: Mapped[str] = mapped_column(String(24), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("rush_teams.id", ondelete="SET NULL"))
    token_count: Mapped[int] = mapped_column(Integer, default=0)
    own_tokens: Mapped[int] = mapped_column(Integer, default=0)
    current: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class IntegrityFingerprint(db.Model):
    """The index: one winnowed fingerprint of a current document (hash -> documents)."""

    __tablename__ = "integrity_fingerprints"
    __table_args__ = (Index("ix_integrity_fingerprints_hash", "exercise", "hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("integrity_documents.id", ondelete="CASCADE"), index=True
    )
    #: the document's piscine, copied here so that a lookup needs no join
    piscine_id: Mapped[int | None] = mapped_column(ForeignKey("piscines.id", ondelete="CASCADE"))
    exercise: Mapped[str] = mapped_column(String(80))
    hash: Mapped[int] = mapped_column(BigInteger)
    position: Mapped[int] = mapped_column(Integer)


class IntegrityPair(db.Model):
    """Two owners whose latest work on one exercise is alike: evidence for staff to decide."""

    __tablename__ = "integrity_pairs"
    __table_args__ = (
        UniqueConstraint("piscine_id", "exercise", "owner_a", "owner_b", name="uq_integrity_pair"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    piscine_id: Mapped[int] = mapped_column(
        ForeignKey("piscines.id", ondelete="CASCADE"), index=True
    )
    exercise: Mapped[str] = mapped_column(String(80))
    day_id: Mapped[str] = mapped_column(String(40), default="", index=True)
    owner_a: Mapped[str] = mapped_column(String(24))
    owner_b: Mapped[str] = mapped_column(String(24))
    user_a_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    user_b_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    team_a_id: Mapped[int | None] = mapped_column(ForeignKey("rush_teams.id", ondelete="SET NULL"))
    team_b_id: Mapped[int | None] = mapped_column(ForeignKey("rush_teams.id", ondelete="SET NULL"))
    document_a_id: Mapped[int | None] = mapped_column(
        ForeignKey("integrity_documents.id", ondelete="SET NULL")
    )
    document_b_id: Mapped[int | None] = mapped_column(
        ForeignKey("integrity_documents.id", ondelete="SET NULL")
    )
    #: side b is from an earlier piscine (compared when staff asked)
    earlier: Mapped[bool] = mapped_column(Boolean, default=False)
    score: Mapped[float] = mapped_column(Float, default=0.0, index=True)
    shared: Mapped[int] = mapped_column(Integer, default=0)
    tokens: Mapped[int] = mapped_column(Integer, default=0)  # the smaller side's token count
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
