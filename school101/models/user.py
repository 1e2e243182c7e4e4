"""People and their credentials: users, roles, API tokens, profiles, consents."""

from __future__ import annotations

from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from school101.extensions import db
from school101.models._base import UTCDateTime, utcnow

ROLES = ("candidate", "staff", "admin", "employer")
SITUATIONS = ("student", "job_seeker", "employed", "retraining", "self_employed", "other")
HEARD_FROM = (
    "press",
    "social_media",
    "friend",
    "job_centre",
    "school",
    "event",
    "search_engine",
    "other",
)
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


TOKEN_SCOPES = ("api", "git")


class ApiToken(db.Model):
    """A bearer token (also the git password); only its SHA-256 is stored.

    It works until `expires_at`, until revoked, and only while its owner's session_version is
    still `user_version` (a password change or reset, a role change or an erasure bumps it).
    `scopes` is "api", "git" or "api git": what the token may be used for.
    """

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(100), default="")
    scopes: Mapped[str] = mapped_column(String(20), default="api")
    user_version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()

    @property
    def scope_list(self) -> list[str]:
        """The scopes as a sorted list (["api"], ["git"] or ["api", "git"])."""
        return sorted(s for s in (self.scopes or "").split() if s in TOKEN_SCOPES)

    def has_scope(self, scope: str) -> bool:
        return scope in self.scope_list


class Profile(db.Model):
    """What a candidate tells about themselves."""

    __tablename__ = "profiles"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
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


class ConsentText(db.Model):
    """The exact words of one data-processing notice, in one language, kept once per SHA-256.

    `text` is the notice as shown, as plain text (services.consent.render_notice); consents
    point at it by hash, so what a person agreed to can be shown to them and to staff later.
    Not personal data: it is never erased.
    """

    __tablename__ = "consent_texts"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[str] = mapped_column(String(40), index=True)
    locale: Mapped[str] = mapped_column(String(5))
    text: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Consent(db.Model):
    """A data-processing consent: the notice version, its language and the SHA-256 of the exact
    text shown (None for consents given before texts were kept)."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    text_version: Mapped[str] = mapped_column(String(40))
    text_sha256: Mapped[str | None] = mapped_column(ForeignKey("consent_texts.sha256"), index=True)
    locale: Mapped[str] = mapped_column(String(5), default="fr")
    keep_two_years: Mapped[bool] = mapped_column(Boolean, default=False)
    given_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ip: Mapped[str] = mapped_column(String(64), default="")

    user: Mapped[User] = relationship()
    notice: Mapped[ConsentText | None] = relationship()


class AuditLog(db.Model):
    """Who did what, when and why. Actor and target are kept as ids; `summary` has no personal data."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    action: Mapped[str] = mapped_column(String(60), index=True)
    target_type: Mapped[str] = mapped_column(String(40), default="")
    target_id: Mapped[int | None] = mapped_column(Integer, index=True)
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])


MAIL_STATUSES = ("pending", "sent", "failed")


class OutboxMail(db.Model):
    """Every e-mail the platform sends, kept as a record (and the dev outbox when no SMTP).

    Over SMTP a mail is `pending` until a delivery attempt succeeds (`sent`, `sent_at`) or gives
    up (`failed`); `attempts` counts the tries and `error` keeps the last failure (no secrets).
    Without SMTP the outbox is the delivery: the mail is `sent` when recorded.
    """

    __tablename__ = "outbox_mails"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    to: Mapped[str] = mapped_column(String(254), index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(String(40))
    locale: Mapped[str] = mapped_column(String(5), default="fr")
    subject: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    transport: Mapped[str] = mapped_column(String(10), default="outbox")
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set while an attempt runs (a lease): no second attempt starts before it ends or expires.
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str] = mapped_column(Text, default="")
    # A mail carrying a secret link (reset, confirmation, invitation) stores its body with the
    # placeholder messaging.links.LINK_MARK and here what signs the link at delivery time (a
    # JSON {"url", "salt", "payload"}; no secret: the signature needs SECRET_KEY). Staff pages
    # and the API thus never hold a working link, and a resend signs a fresh one.
    link_ref: Mapped[str | None] = mapped_column(Text)
