"""People and their credentials: users, roles, API tokens, profiles, consents."""
from __future__ import annotations

from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ._base import UTCDateTime, utcnow

ROLES = ("candidate", "staff", "admin", "employer")
SITUATIONS = ("student", "job_seeker", "employed", "retraining", "self_employed", "other")
HEARD_FROM = ("press", "social_media", "friend", "job_centre", "school", "event", "search_engine", "other")
GENDERS = ("female", "male", "non_binary", "undisclosed")


class User(UserMixin, db.Model):
    """An account. Erased accounts keep their row (for foreign keys) with personal data wiped."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, index=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    birth_date: Mapped[date | None] = mapped_column(Date)
    locale: Mapped[str] = mapped_column(String(5), default="fr")
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Bumped on password change / erasure so old sessions stop working.
    session_version: Mapped[int] = mapped_column(Integer, default=0)

    role_rows: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )
    profile: Mapped[Profile | None] = relationship(
        back_populates="user", cascade="all, delete-orphan", uselist=False
    )

    @property
    def roles(self) -> list[str]:
        """Role names, sorted."""
        return sorted(r.role for r in self.role_rows)

    def has_role(self, *names: str) -> bool:
        """True when the user holds any of the given roles."""
        held = {r.role for r in self.role_rows}
        return any(n in held for n in names)

    @property
    def is_staff(self) -> bool:
        return self.has_role("staff", "admin")

    @property
    def is_active(self) -> bool:  # Flask-Login
        return bool(self.active) and self.erased_at is None

    def get_id(self) -> str:  # Flask-Login: invalidated by session_version bumps
        return f"{self.id}:{self.session_version}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class UserRole(db.Model):
    """One role held by a user."""

    __tablename__ = "user_roles"
    __table_args__ = (UniqueConstraint("user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    user: Mapped[User] = relationship(back_populates="role_rows")


class ApiToken(db.Model):
    """A bearer token; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()


class Profile(db.Model):
    """What a candidate tells about themselves."""

    __tablename__ = "profiles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    city: Mapped[str] = mapped_column(String(100), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="", index=True)
    situation: Mapped[str] = mapped_column(String(30), default="")
    heard_from: Mapped[str] = mapped_column(String(30), default="")
    gender: Mapped[str] = mapped_column(String(20), default="undisclosed")
    phone: Mapped[str] = mapped_column(String(30), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    user: Mapped[User] = relationship(back_populates="profile")

    @property
    def department(self) -> str:
        """French département from the postcode (2A/2B for Corsica, 3 digits overseas)."""
        code = self.postcode or ""
        if len(code) != 5 or not code.isdigit():
            return ""
        if code.startswith("97"):
            return code[:3]
        if code.startswith("20"):
            return "2A" if int(code) < 20200 else "2B"
        return code[:2]


class Consent(db.Model):
    """A data-processing consent, with the exact text version agreed to."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    text_version: Mapped[str] = mapped_column(String(40))
    locale: Mapped[str] = mapped_column(String(5), default="fr")
    keep_two_years: Mapped[bool] = mapped_column(Boolean, default=False)
    given_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ip: Mapped[str] = mapped_column(String(64), default="")

    user: Mapped[User] = relationship()


class AuditLog(db.Model):
    """Who did what, when and why. Actor and target are kept as ids; `summary` has no personal data."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(String(60), index=True)
    target_type: Mapped[str] = mapped_column(String(40), default="")
    target_id: Mapped[int | None] = mapped_column(Integer, index=True)
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])


class OutboxMail(db.Model):
    """Every e-mail the platform sends, kept as a record (and the dev outbox when no SMTP)."""

    __tablename__ = "outbox_mails"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    to: Mapped[str] = mapped_column(String(254), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    locale: Mapped[str] = mapped_column(String(5), default="fr")
    subject: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    transport: Mapped[str] = mapped_column(String(10), default="outbox")
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str] = mapped_column(Text, default="")
