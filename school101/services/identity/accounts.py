"""Accounts: registration, e-mail confirmation, passwords, API tokens, roles, export, erasure."""

from __future__ import annotations

from datetime import date, timedelta

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from school101.core import audit
from school101.core.clock import paris_today
from school101.core.errors import Conflict, NotFound, ValidationFailed
from school101.extensions import db
from school101.models import ApiToken, User, UserRole
from school101.models._base import utcnow
from school101.models.user import ROLES, TOKEN_SCOPES
from school101.services.identity.consent import give_consent
from school101.services.identity.security import (
    hash_password,
    hash_token,
    new_token,
    password_needs_rehash,
    unsign,
    verify_password,
)
from school101.services.identity.validation import (
    birth_date_error,
    email_error,
    name_error,
    normalise_email,
    password_error,
)
from school101.services.messaging import links
from school101.services.messaging import outbox as mail

CONFIRM_SALT = "email-confirm"
RESET_SALT = "password-reset"
CONFIRM_MAX_AGE = 7 * 24 * 3600
RESET_MAX_AGE = 2 * 3600


def find_by_email(email: str) -> User | None:
    """The account with this e-mail address (case-insensitive), erased ones excluded."""
    return db.session.scalars(
        db.select(User).where(User.email == normalise_email(email), User.erased_at.is_(None))
    ).first()


def validate_registration(*, email, password, first_name, last_name, birth_date, consent) -> dict:
    """Per-field messages for a registration; empty when everything is fine."""
    errors = {}
    if msg := email_error(email):
        errors["email"] = msg
    if msg := password_error(password, email):
        errors["password"] = msg
    if msg := name_error(first_name, _l("First name")):
        errors["first_name"] = msg
    if msg := name_error(last_name, _l("Last name")):
        errors["last_name"] = msg
    if msg := birth_date_error(birth_date, paris_today()):
        errors["birth_date"] = msg
    if consent is not True:
        errors["consent"] = _l("You must agree to the processing of your data to register.")
    return errors


def register(
    *,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    birth_date: date | None,
    consent: bool,
    keep_two_years: bool = False,
    locale: str = "fr",
    notice_sha256: str | None = None,
) -> User:
    """Create a candidate account with its consent and send the confirmation e-mail;
    `notice_sha256` is the hash of the notice the page showed (services.consent.give_consent)."""
    email = normalise_email(email)
    errors = validate_registration(
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        birth_date=birth_date,
        consent=consent,
    )
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    if db.session.scalar(db.select(User.id).where(User.email == email)) is not None:
        raise Conflict(
            _l("An account already uses this e-mail address."),
            fields={"email": _l("An account already uses this e-mail address.")},
            code="email_taken",
        )
    user = User(
        email=email,
        password_hash=hash_password(password),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        birth_date=birth_date,
        locale=locale,
    )
    user.role_rows.append(UserRole(role="candidate"))
    db.session.add(user)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(
            _l("An account already uses this e-mail address."), code="email_taken"
        ) from None
    give_consent(user, keep_two_years=keep_two_years, locale=locale, shown_sha256=notice_sha256)
    audit.record("user.registered", actor=user, target=user)
    send_confirmation(user)
    return user


def secret_link(endpoint: str, salt: str, payload) -> links.SecretLink:
    """A link to `endpoint` whose `token` is signed with `salt` when the mail is delivered, so
    no working link is stored in the outbox (services.messaging.outbox)."""
    url = url_for(endpoint, token=links.TOKEN_SLOT, _external=True)
    return links.SecretLink(url=url, salt=salt, payload=payload)


def reset_link(user: User) -> links.SecretLink:
    """The password-setting link of `user` (dead once their password changes)."""
    return secret_link(
        "auth.reset_password", RESET_SALT, {"uid": user.id, "v": user.session_version}
    )


def send_confirmation(user: User) -> None:
    """E-mail a signed confirmation link."""
    mail.send_template(
        "confirm_email",
        user.email,
        user=user,
        secret_link=secret_link(
            "auth.confirm_email", CONFIRM_SALT, {"uid": user.id, "email": user.email}
        ),
    )


def confirm_email(token: str) -> User | None:
    """Mark the address confirmed when the link is genuine; None for a bad or expired link."""
    payload = unsign(token, CONFIRM_SALT, CONFIRM_MAX_AGE)
    if not isinstance(payload, dict):
        return None
    user = db.session.get(User, payload.get("uid"))
    if user is None or user.email != payload.get("email") or user.erased_at:
        return None
    if user.email_confirmed_at is None:
        user.email_confirmed_at = utcnow()
        audit.record("user.email_confirmed", actor=user, target=user)
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active account for these credentials, or None."""
    user = find_by_email(email or "")
    ok = verify_password(user.password_hash if user else None, password or "")
    if not ok or user is None or not user.is_active:
        return None
    if password_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    return user


def request_password_reset(email: str) -> None:
    """E-mail a reset link when the account exists; says nothing either way. A malformed
    address is refused (ValidationFailed on `email`), which reveals nothing about accounts."""
    if msg := email_error(normalise_email(email)):
        raise ValidationFailed(msg, fields={"email": msg})
    user = find_by_email(email or "")
    if user is None or not user.is_active:
        return
    mail.send_template(
        "password_reset",
        user.email,
        user=user,
        secret_link=reset_link(user),
    )


def user_for_reset_token(token: str) -> User | None:
    """The user a reset link was made for, when it is genuine, fresh and unused."""
    payload = unsign(token, RESET_SALT, RESET_MAX_AGE)
    if not isinstance(payload, dict):
        return None
    user = db.session.get(User, payload.get("uid"))
    if user is None or not user.is_active or user.session_version != payload.get("v"):
        return None
    return user


def reset_password(token: str, new_password: str) -> User:
    """Set a new password from a reset link; the link then stops working."""
    user = user_for_reset_token(token)
    if user is None:
        msg = _l("This link is invalid or has expired. Ask for a new one.")
        raise ValidationFailed(msg, fields={"token": msg}, code="invalid_token")
    if msg := password_error(new_password, user.email):
        raise ValidationFailed(msg, fields={"password": msg})
    set_password(user, new_password, actor=user)
    return user


def set_password(user: User, password: str, *, actor=None) -> None:
    """Change a password and end the user's other sessions."""
    user.password_hash = hash_password(password)
    user.session_version += 1
    _end_tokens(user)
    audit.record("user.password_changed", actor=actor, target=user)


TOKEN_STATES = ("active", "expired", "revoked")


def parse_scopes(value) -> list[str]:
    """ "api", "git", "api git" (or a list of them) -> the sorted scopes; ValidationFailed on
    anything else (an empty value is refused too)."""
    if isinstance(value, str):
        items = value.replace(",", " ").split()
    elif isinstance(value, (list, tuple, set)):
        items = [str(v).strip() for v in value]
    else:
        items = []
    wanted = sorted(set(items))
    if not wanted or any(s not in TOKEN_SCOPES for s in wanted):
        msg = _l('Choose the scope "api", "git" or both.')
        raise ValidationFailed(msg, fields={"scope": msg}, code="invalid_scope")
    return wanted


def issue_token(user: User, name: str = "", scopes=("api",)) -> str:
    """Create a bearer token for the user with the given scopes ("api", "git"); returns it in
    clear, once (see create_token)."""
    return create_token(user, name=name, scopes=scopes)[0]


def create_token(user: User, *, name: str = "", scopes=("api",)) -> tuple[str, ApiToken]:
    """A new token of `user`, valid API_TOKEN_DAYS days and until the user's next password or
    role change or erasure, with `scopes` ("api", "git", "api git" or a list); returns the
    token in clear (shown once) and its row. Audited."""
    wanted = parse_scopes(scopes)
    name = (name or "").strip()
    if len(name) > 100 or any(ord(c) < 32 for c in name):
        msg = _l("%(n)d characters at most.", n=100)
        raise ValidationFailed(msg, fields={"name": msg})
    token, digest = new_token()
    days = int(current_app.config.get("API_TOKEN_DAYS", 90))
    row = ApiToken(
        user_id=user.id,
        token_hash=digest,
        prefix=token[:12],
        name=name,
        scopes=" ".join(wanted),
        user_version=user.session_version or 0,
        expires_at=utcnow() + timedelta(days=days),
    )
    db.session.add(row)
    db.session.flush()
    audit.record(
        "token.created",
        actor=user,
        target=user,
        after={"token_id": row.id, "scopes": wanted, "expires_at": row.expires_at.isoformat()},
    )
    return token, row


def token_state(row: ApiToken, now=None) -> str:
    """ "active", "expired" or "revoked" (by hand, or by a password, role change or erasure)."""
    now = now or utcnow()
    user = row.user
    if (
        row.revoked_at is not None
        or user is None
        or row.user_version != user.session_version
        or not user.is_active
    ):
        return "revoked"
    if row.expires_at is not None and row.expires_at <= now:
        return "expired"
    return "active"


def token_for(raw: str, scope: str) -> ApiToken | None:
    """The working token row for `raw` when it carries `scope` ("api" or "git"), else None.
    Marks it used (last_used_at, at most once a minute so a busy client does not write on
    every request); the caller commits."""
    if not raw:
        return None
    row = db.session.scalars(
        db.select(ApiToken).where(
            ApiToken.token_hash == hash_token(raw), ApiToken.revoked_at.is_(None)
        )
    ).first()
    now = utcnow()
    if row is None or token_state(row, now) != "active" or not row.has_scope(scope):
        return None
    if row.last_used_at is None or now - row.last_used_at > timedelta(minutes=1):
        row.last_used_at = now
    return row


def user_for_token(raw: str, scope: str = "api") -> User | None:
    """The active user owning a working token with `scope`, or None (see token_for)."""
    row = token_for(raw, scope)
    return row.user if row is not None else None


def tokens_of(user: User) -> list[ApiToken]:
    """The user's tokens, newest first."""
    return list(
        db.session.scalars(
            db.select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id.desc())
        )
    )


def token_json(row: ApiToken) -> dict:
    """A token as the API lists it (never its value)."""
    return {
        "id": row.id,
        "name": row.name,
        "prefix": row.prefix,
        "scopes": row.scope_list,
        "state": token_state(row),
        "created_at": row.created_at,
        "expires_at": row.expires_at,
        "last_used_at": row.last_used_at,
        "revoked_at": row.revoked_at,
    }


def revoke_token(user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's tokens."""
    row = db.session.get(ApiToken, token_id)
    if row is None or row.user_id != user.id:
        raise NotFound(_l("No such token."))
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        audit.record("token.revoked", actor=user, target=user, after={"token_id": token_id})
    return row


def roles_changed(user: User) -> None:
    """After a user's roles changed: their web sessions and tokens end (session_version)."""
    user.session_version += 1
    _end_tokens(user)


def _end_tokens(user: User) -> None:
    """Mark the user's live tokens revoked (a version bump already ends them; this keeps the
    account page and the API listing honest)."""
    now = utcnow()
    for row in db.session.scalars(
        db.select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    ):
        row.revoked_at = now


def create_user(
    *,
    email: str,
    password: str,
    roles: list[str],
    first_name: str = "",
    last_name: str = "",
    actor=None,
    confirmed: bool = True,
) -> User:
    """Create an account with the given roles (staff tooling and CLI); audited."""
    email = normalise_email(email)
    errors = {}
    if msg := email_error(email):
        errors["email"] = msg
    if msg := password_error(password, email):
        errors["password"] = msg
    bad = [r for r in roles if r not in ROLES]
    if bad or not roles:
        errors["roles"] = _l("Unknown role: %(roles)s", roles=", ".join(bad) or "-")
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    if find_by_email(email) is not None:
        raise Conflict(
            _l("An account already uses this e-mail address."),
            code="email_taken",
            fields={"email": _l("An account already uses this e-mail address.")},
        )
    user = User(
        email=email,
        password_hash=hash_password(password),
        first_name=first_name,
        last_name=last_name,
        email_confirmed_at=utcnow() if confirmed else None,
    )
    for role in sorted(set(roles)):
        user.role_rows.append(UserRole(role=role))
    db.session.add(user)
    db.session.flush()
    audit.record("user.created", actor=actor, target=user, after={"roles": sorted(set(roles))})
    return user


def set_roles(user: User, roles: list[str], *, actor, reason: str = "") -> User:
    """Replace a user's roles; audited with before/after. An admin cannot drop their own admin role."""
    wanted = sorted(set(roles))
    bad = [r for r in wanted if r not in ROLES]
    if bad or not wanted:
        raise ValidationFailed(
            _l("Unknown role: %(roles)s", roles=", ".join(bad) or "-"),
            fields={"roles": _l("Choose at least one known role.")},
        )
    if (
        actor is not None
        and actor.id == user.id
        and "admin" in user.roles
        and "admin" not in wanted
    ):
        raise ValidationFailed(
            _l("You cannot remove your own admin role."),
            fields={"roles": _l("You cannot remove your own admin role.")},
        )
    before = user.roles
    if before == wanted:
        return user
    user.role_rows[:] = [r for r in user.role_rows if r.role in wanted]
    held = {r.role for r in user.role_rows}
    for role in wanted:
        if role not in held:
            user.role_rows.append(UserRole(role=role))
    roles_changed(user)
    audit.record(
        "user.roles_changed",
        actor=actor,
        target=user,
        before={"roles": before},
        after={"roles": wanted},
        reason=reason,
    )
    return user
