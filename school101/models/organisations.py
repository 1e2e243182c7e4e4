"""Organisations of the regional digital cluster, their employer users, contact requests to
graduates and abuse reports about those requests."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from school101.extensions import db
from school101.models._base import UTCDateTime, utcnow

ORG_KINDS = ("company", "school", "lab", "association")
MEMBERSHIP_STATUSES = ("pending", "member", "suspended")
CONTACT_STATUSES = ("pending", "accepted", "declined", "withdrawn")


class Organisation(db.Model):
    """A company, school, lab or association asking to be, or being, a member of the cluster.

    Its employers may use the directory only while it is verified (`verified_at` set) and its
    membership status is "member" (see services.organisations.can_use_directory)."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    siret: Mapped[str] = mapped_column(String(14), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="company")
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    contact_phone: Mapped[str] = mapped_column(String(30), default="")
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    suspended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    suspended_reason: Mapped[str] = mapped_column(Text, default="")

    members: Mapped[list[OrganisationMember]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )

    @property
    def active_member(self) -> bool:
        return (
            self.status == "member" and self.verified_at is not None and self.suspended_at is None
        )


class OrganisationMember(db.Model):
    """An employer user of an organisation (an employer belongs to one organisation)."""

    __tablename__ = "organisation_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    is_org_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user = relationship("User")
    organisation: Mapped[Organisation] = relationship(back_populates="members")


class ContactRequest(db.Model):
    """An employer asks a graduate for contact; details are exchanged only once accepted.
    At most one pending request per employer and graduate (a partial unique index: race-free)."""

    __tablename__ = "contact_requests"
    __table_args__ = (
        Index(
            "uq_contact_requests_pending_pair",
            "employer_id",
            "graduate_id",
            unique=True,
            sqlite_where=text("status = 'pending'"),
            postgresql_where=text("status = 'pending'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    graduate_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    message: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    employer = relationship("User", foreign_keys=[employer_id])
    graduate = relationship("User", foreign_keys=[graduate_id])
    organisation: Mapped[Organisation] = relationship()


class AbuseReport(db.Model):
    """A graduate reports a contact request as abusive; staff handle it (and may suspend)."""

    __tablename__ = "abuse_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_request_id: Mapped[int] = mapped_column(
        ForeignKey("contact_requests.id", ondelete="CASCADE"), index=True
    )
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    outcome: Mapped[str] = mapped_column(Text, default="")

    contact_request: Mapped[ContactRequest] = relationship()
