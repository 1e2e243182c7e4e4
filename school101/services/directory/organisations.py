"""Organisations of the cluster: join requests, verification by staff, suspension, employers.

SIRET: 14 digits passing the Luhn check. Exception: establishments of La Poste (SIREN 356 000 000)
were numbered beyond what Luhn allows, so for them INSEE's rule is that the sum of the 14 digits
is a multiple of 5; both rules are implemented in `siret_error`.
"""

from __future__ import annotations

import re

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from school101.core import audit
from school101.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from school101.extensions import db
from school101.models import User, UserRole
from school101.models._base import utcnow
from school101.models.organisations import ORG_KINDS, Organisation, OrganisationMember
from school101.services.identity.accounts import (
    create_user,
    find_by_email,
    roles_changed,
    secret_link,
)
from school101.services.identity.security import unsign
from school101.services.identity.validation import email_error, name_error, normalise_email
from school101.services.messaging import outbox as mail

LA_POSTE_SIREN = "356000000"


PHONE_RE = re.compile(r"^\+?[0-9 .()-]{6,30}$")


def normalise_siret(value: str) -> str:
    """Digits only ("552 100 554 00011" -> "55210055400011")."""
    return re.sub(r"[\s.-]", "", value or "")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def siret_error(value: str):
    """A message when `value` is not a valid SIRET (format and check digit), else None."""
    siret = normalise_siret(value)
    if not siret:
        return _l("The SIRET number is required.")
    if len(siret) != 14 or not siret.isdigit():
        return _l("A SIRET number has exactly 14 digits.")
    if siret.startswith(LA_POSTE_SIREN):
        if sum(int(c) for c in siret) % 5 != 0:
            return _l("This SIRET number is not valid (check digit).")
        return None
    if not luhn_ok(siret):
        return _l("This SIRET number is not valid (check digit).")
    return None


def find_by_siret(siret: str) -> Organisation | None:
    """The organisation with this SIRET (spaces allowed), or None."""
    return db.session.scalars(
        db.select(Organisation).where(Organisation.siret == normalise_siret(siret))
    ).first()


def get_organisation(org_id: int) -> Organisation:
    org = db.session.get(Organisation, org_id)
    if org is None:
        raise NotFound(_l("No such organisation."))
    return org


def membership_of(user) -> OrganisationMember | None:
    if user is None or not getattr(user, "id", None):
        return None
    return db.session.scalars(
        db.select(OrganisationMember).where(OrganisationMember.user_id == user.id)
    ).first()


def organisation_of(user) -> Organisation | None:
    row = membership_of(user)
    return row.organisation if row else None


def can_use_directory(user) -> bool:
    """Staff, or an employer of a verified organisation that is a member and not suspended."""
    if user is None or not getattr(user, "is_authenticated", True):
        return False
    if user.is_staff:
        return True
    if not user.has_role("employer"):
        return False
    org = organisation_of(user)
    return org is not None and org.active_member


def _validate(data: dict, *, require_contact: bool) -> tuple[dict, dict]:
    errors: dict = {}
    name = (data.get("name") or "").strip()
    if not name:
        errors["name"] = _l("The organisation's name is required.")
    elif len(name) > 200 or any(c in name for c in "<>{}"):
        errors["name"] = _l("This name is not valid.")
    siret = normalise_siret(data.get("siret") or "")
    if msg := siret_error(siret):
        errors["siret"] = msg
    kind = data.get("kind") or "company"
    if kind not in ORG_KINDS:
        errors["kind"] = _l("Choose a kind of organisation from the list.")
    contact_name = (data.get("contact_name") or "").strip()
    contact_email = normalise_email(data.get("contact_email") or "")
    contact_phone = (data.get("contact_phone") or "").strip()
    if (require_contact or contact_name) and (
        msg := name_error(contact_name, _l("Contact person"))
    ):
        errors["contact_name"] = msg
    if (require_contact or contact_email) and (msg := email_error(contact_email)):
        errors["contact_email"] = msg
    if contact_phone and not PHONE_RE.match(contact_phone):
        errors["contact_phone"] = _l("This is not a valid phone number.")
    message = (data.get("message") or "").strip()
    if len(message) > 2000:
        errors["message"] = _l("%(n)d characters at most.", n=2000)
    return (
        {
            "name": name,
            "siret": siret,
            "kind": kind,
            "contact_name": contact_name,
            "contact_email": contact_email,
            "contact_phone": contact_phone,
            "message": message,
        },
        errors,
    )


def _insert(clean: dict, **extra) -> Organisation:
    if find_by_siret(clean["siret"]) is not None:
        raise Conflict(
            _l("An organisation with this SIRET number is already registered."),
            fields={"siret": _l("An organisation with this SIRET number is already registered.")},
            code="siret_taken",
        )
    org = Organisation(**clean, **extra)
    try:
        with db.session.begin_nested():
            db.session.add(org)
    except IntegrityError:
        raise Conflict(
            _l("An organisation with this SIRET number is already registered."),
            fields={"siret": _l("An organisation with this SIRET number is already registered.")},
            code="siret_taken",
        ) from None
    return org


def request_membership(data: dict) -> Organisation:
    """Public join form: the organisation and its contact person; status pending; staff notified."""
    clean, errors = _validate(data, require_contact=True)
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    org = _insert(clean, status="pending")
    audit.record(
        "org.join_requested", actor=None, target=org, after={"siret": org.siret, "kind": org.kind}
    )
    link = url_for("directory.staff_organisations", _external=True)
    staff = db.session.scalars(
        db.select(User)
        .join(UserRole)
        .where(
            UserRole.role.in_(("staff", "admin")), User.active.is_(True), User.erased_at.is_(None)
        )
        .distinct()
    )
    for person in staff:
        mail.send_template("org_join_request", person.email, user=person, org=org, link=link)
    return org


def create_organisation(data: dict, *, actor=None, verified: bool = False) -> Organisation:
    """Staff or CLI: register an organisation directly, verified or pending; audited."""
    clean, errors = _validate(data, require_contact=False)
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    org = _insert(clean, status="pending")
    audit.record(
        "org.created", actor=actor, target=org, after={"siret": org.siret, "kind": org.kind}
    )
    if verified:
        verify(org, actor=actor, require_contact=False)
    return org


def ensure_staff_or_system(actor) -> None:
    if actor is not None and not actor.is_staff:
        raise Forbidden(_l("Only staff can do this."))


def verify(
    org: Organisation, *, actor, reason: str = "", require_contact: bool = True
) -> Organisation:
    """Staff check the SIRET (format, check digit, uniqueness) and the contact person, then make
    the organisation a verified member. actor=None is the command line."""
    ensure_staff_or_system(actor)
    errors = {}
    if msg := siret_error(org.siret):
        errors["siret"] = msg
    elif db.session.scalar(
        db.select(Organisation.id).where(Organisation.siret == org.siret, Organisation.id != org.id)
    ):
        errors["siret"] = _l("An organisation with this SIRET number is already registered.")
    if require_contact and (
        name_error(org.contact_name, _l("Contact person")) or email_error(org.contact_email)
    ):
        errors["contact_name"] = _l(
            "The organisation needs a contact person with an e-mail address."
        )
    if errors:
        raise ValidationFailed(_l("This organisation cannot be verified yet."), fields=errors)
    if org.status == "suspended":
        raise Conflict(
            _l("This organisation is suspended: lift the suspension instead."), code="suspended"
        )
    if org.status == "member" and org.verified_at:
        return org
    before = {"status": org.status}
    org.status = "member"
    org.verified_at = utcnow()
    org.verified_by_id = getattr(actor, "id", None)
    audit.record(
        "org.verified",
        actor=actor,
        target=org,
        before=before,
        after={"status": "member"},
        reason=reason,
    )
    return org


def suspend(org: Organisation, *, actor, reason: str) -> Organisation:
    """Staff suspend an organisation (its employers lose the directory at once); reason required."""
    ensure_staff_or_system(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_l("Give a reason."), fields={"reason": _l("Give a reason.")})
    if org.status == "suspended":
        return org
    before = {"status": org.status}
    org.status = "suspended"
    org.suspended_at = utcnow()
    org.suspended_reason = reason[:2000]
    audit.record(
        "org.suspended",
        actor=actor,
        target=org,
        before=before,
        after={"status": "suspended"},
        reason=reason,
    )
    return org


def unsuspend(org: Organisation, *, actor, reason: str) -> Organisation:
    """Lift a suspension (back to member when verified, else pending); reason required."""
    ensure_staff_or_system(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_l("Give a reason."), fields={"reason": _l("Give a reason.")})
    if org.status != "suspended":
        return org
    org.status = "member" if org.verified_at else "pending"
    org.suspended_at = None
    audit.record(
        "org.unsuspended",
        actor=actor,
        target=org,
        before={"status": "suspended"},
        after={"status": org.status},
        reason=reason,
    )
    return org


def add_member(
    org: Organisation, user: User, is_org_admin: bool = False, *, actor=None
) -> OrganisationMember:
    """Attach an employer to an organisation (adds the employer role when missing). An employer
    belongs to one organisation: another membership is a conflict; the same one is kept."""
    existing = membership_of(user)
    if existing is not None:
        if existing.organisation_id != org.id:
            raise Conflict(
                _l("This person already belongs to another organisation."),
                code="other_organisation",
            )
        if is_org_admin and not existing.is_org_admin:
            existing.is_org_admin = True
            audit.record("org.member_promoted", actor=actor, target=org, after={"user_id": user.id})
        return existing
    if not user.has_role("employer"):
        user.role_rows.append(UserRole(role="employer"))
        audit.record(
            "user.roles_changed",
            actor=actor,
            target=user,
            after={"added": "employer"},
            reason=f"member of organisation {org.id}",
        )
    row = OrganisationMember(user_id=user.id, organisation_id=org.id, is_org_admin=is_org_admin)
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:
        raise Conflict(
            _l("This person already belongs to another organisation."), code="other_organisation"
        ) from None
    audit.record(
        "org.member_added",
        actor=actor,
        target=org,
        after={"user_id": user.id, "is_org_admin": is_org_admin},
    )
    return row


def members_of(org: Organisation) -> list[OrganisationMember]:
    return list(
        db.session.scalars(
            db.select(OrganisationMember)
            .where(OrganisationMember.organisation_id == org.id)
            .order_by(OrganisationMember.id)
        )
    )


def can_invite(actor, org: Organisation) -> bool:
    if actor is None or actor.is_staff:
        return True
    row = membership_of(actor)
    return bool(row and row.organisation_id == org.id and row.is_org_admin and org.active_member)


INVITE_SALT = "org-invite"
INVITE_MAX_AGE = 7 * 24 * 3600


def invite_employer(
    org: Organisation,
    *,
    email: str,
    first_name: str = "",
    last_name: str = "",
    is_org_admin: bool = False,
    actor,
) -> str:
    """By staff or the organisation's admin: e-mail `email` an invitation to join `org` as an
    employer; returns the address, normalised. Nothing changes for any account until the person
    accepts (accept_invitation, logged in; or create_invited_account for a new address), and
    the inviter is told the same whether an account uses the address or not."""
    if not can_invite(actor, org):
        raise Forbidden(_l("Only staff or this organisation's administrator can invite employers."))
    if org.status == "suspended":
        raise Conflict(_l("This organisation is suspended."), code="suspended")
    email = normalise_email(email)
    first_name, last_name = (first_name or "").strip(), (last_name or "").strip()
    errors = {}
    if msg := email_error(email):
        errors["email"] = msg
    for key, value, label in (
        ("first_name", first_name, _l("First name")),
        ("last_name", last_name, _l("Last name")),
    ):
        if value and (msg := name_error(value, label)):
            errors[key] = msg
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    user = find_by_email(email)
    payload = {
        "org": org.id,
        "email": email,
        "admin": bool(is_org_admin),
        "first_name": first_name,
        "last_name": last_name,
    }
    mail.send_template(
        "org_invite",
        email,
        user=user,
        org=org,
        has_account=user is not None,
        secret_link=secret_link("auth.invitation", INVITE_SALT, payload),
    )
    audit.record(
        "org.employer_invited",
        actor=actor,
        target=org,
        after={"is_org_admin": bool(is_org_admin)},
    )
    return email


def read_invitation(token: str) -> dict:
    """The invitation a link carries ({"org", "email", "admin", ...}) with its organisation
    (key "organisation"), when the link is genuine, fresh and the organisation not suspended;
    ValidationFailed (`invalid_token`) otherwise."""
    payload = unsign(token or "", INVITE_SALT, INVITE_MAX_AGE)
    org = (
        db.session.get(Organisation, payload.get("org"))
        if isinstance(payload, dict) and isinstance(payload.get("org"), int)
        else None
    )
    if org is None or org.status == "suspended" or not isinstance(payload.get("email"), str):
        msg = _l("This invitation is invalid or has expired. Ask for a new one.")
        raise ValidationFailed(msg, fields={"token": msg}, code="invalid_token")
    return {**payload, "organisation": org}


def accept_invitation(token: str, user: User) -> OrganisationMember:
    """The logged-in person accepts an invitation sent to their address: they join the
    organisation and get the employer role (their sessions and tokens end when a role is added:
    the caller logs them in again). An employer belongs to one organisation (Conflict)."""
    invitation = read_invitation(token)
    if user is None or user.email != invitation["email"]:
        raise Forbidden(
            _l(
                "This invitation was sent to another address: log in with that address to accept it."
            )
        )
    had_role = user.has_role("employer")
    row = add_member(
        invitation["organisation"], user, is_org_admin=bool(invitation.get("admin")), actor=user
    )
    if not had_role:
        roles_changed(user)
    audit.record(
        "org.invitation_accepted",
        actor=user,
        target=invitation["organisation"],
        after={"user_id": user.id},
    )
    return row


def create_invited_account(token: str, *, password: str, first_name: str, last_name: str) -> User:
    """A new address accepts its invitation: the employer account is created (address
    confirmed by the link) and joins the organisation. An address that has an account since
    must log in and accept instead (Conflict `account_exists`)."""
    invitation = read_invitation(token)
    if find_by_email(invitation["email"]) is not None:
        raise Conflict(
            _l("An account already uses this address: log in to accept the invitation."),
            code="account_exists",
        )
    user = create_user(
        email=invitation["email"],
        password=password,
        roles=["employer"],
        first_name=(first_name or "").strip(),
        last_name=(last_name or "").strip(),
        actor=None,
        confirmed=True,
    )
    add_member(
        invitation["organisation"], user, is_org_admin=bool(invitation.get("admin")), actor=user
    )
    audit.record(
        "org.invitation_accepted",
        actor=user,
        target=invitation["organisation"],
        after={"user_id": user.id, "new_account": True},
    )
    return user


def organisations(status: str | None = None) -> list[Organisation]:
    query = db.select(Organisation).order_by(Organisation.created_at.desc(), Organisation.id.desc())
    if status:
        query = query.where(Organisation.status == status)
    return list(db.session.scalars(query))
