"""Accounts as admins manage them: lists, staff accounts and roles (audited)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_
from sqlalchemy.exc import IntegrityError

from school101.core.audit import required_reason
from school101.core.errors import Conflict, NotFound, ValidationFailed
from school101.core.paging import (
    PER_PAGE_DEFAULT,
    SEARCH_MAX,
    Page,
    contains_text,
    paginate,
    parse_page,
)
from school101.core.permissions import ensure_admin
from school101.extensions import db
from school101.models import (
    AuditLog,
    User,
    UserRole,
)
from school101.models.user import ROLES


def users(
    *, actor, q: str = "", role: str = "", page: Any = 1, per_page: Any = PER_PAGE_DEFAULT
) -> Page:
    """Accounts (erased ones excluded), searchable on name and e-mail, filtered on a role."""
    ensure_admin(actor)
    page, per_page = parse_page(page, per_page)
    role = (role or "").strip()
    if role and role not in ROLES:
        raise ValidationFailed(
            _l("Some filters are not valid."), fields={"role": _l("Unknown role.")}
        )
    q = (q or "").strip()
    if len(q) > SEARCH_MAX:
        raise ValidationFailed(
            _l("Some filters are not valid."),
            fields={"q": _l("The search is too long (%(n)d characters at most).", n=SEARCH_MAX)},
        )
    query = db.select(User).where(User.erased_at.is_(None))
    if role:
        query = query.where(User.id.in_(db.select(UserRole.user_id).where(UserRole.role == role)))
    for word in q.split():
        query = query.where(
            or_(
                contains_text(User.first_name, word),
                contains_text(User.last_name, word),
                contains_text(User.email, word),
            )
        )
    return paginate(query.order_by(User.email), page, per_page)


def get_user(user_id: Any, *, actor) -> User:
    ensure_admin(actor)
    try:
        user = db.session.get(User, int(user_id))
    except (TypeError, ValueError):
        user = None
    if user is None or user.erased_at is not None:
        raise NotFound(_l("No such user."))
    return user


def user_history(user: User, *, actor) -> list[AuditLog]:
    """Audit rows about an account, newest first."""
    ensure_admin(actor)
    return list(
        db.session.scalars(
            db.select(AuditLog)
            .where(AuditLog.target_type == "users", AuditLog.target_id == user.id)
            .order_by(AuditLog.at.desc(), AuditLog.id.desc())
            .limit(200)
        )
    )


STAFF_CREATABLE_ROLES = ("staff", "admin", "employer")


def create_account(
    *,
    actor,
    email: str,
    password: str,
    roles: Iterable[str],
    first_name: str = "",
    last_name: str = "",
) -> User:
    """An admin creates a staff, admin or employer account (accounts.create_user; audited)."""
    ensure_admin(actor)
    from school101.services.identity import accounts

    roles = sorted(set(roles or ()))
    if not roles or any(r not in STAFF_CREATABLE_ROLES for r in roles):
        raise ValidationFailed(
            _l("Some fields are not valid."),
            fields={"roles": _l("Choose staff, admin or employer.")},
        )
    errors = {}
    from school101.services.identity.validation import NAME_RE

    for name, value in (("first_name", first_name), ("last_name", last_name)):
        value = (value or "").strip()
        if len(value) > 100 or (value and not NAME_RE.match(value)):
            errors[name] = _l("This name contains characters that are not allowed.")
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    try:
        return accounts.create_user(
            email=email,
            password=password,
            roles=roles,
            first_name=(first_name or "").strip(),
            last_name=(last_name or "").strip(),
            actor=actor,
        )
    except IntegrityError:  # the same address created at the same moment
        db.session.rollback()
        raise Conflict(
            _l("An account already uses this e-mail address."),
            code="email_taken",
            fields={"email": _l("An account already uses this e-mail address.")},
        ) from None


def change_roles(user_id: Any, roles: Iterable[str], *, actor, reason: Any) -> User:
    """An admin replaces a user's roles with a written reason (accounts.set_roles; audited)."""
    ensure_admin(actor)
    from school101.services.identity import accounts

    user = get_user(user_id, actor=actor)
    text = required_reason(reason)
    wanted = sorted(set(roles or ()))
    if wanted == user.roles:
        raise Conflict(
            _l("These are already the user's roles."),
            code="unchanged",
            fields={"roles": _l("These are already the user's roles.")},
        )
    return accounts.set_roles(user, wanted, actor=actor, reason=text)
