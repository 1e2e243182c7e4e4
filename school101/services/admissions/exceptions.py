"""Eligibility exceptions: staff let a person outside the age rules apply, with a reason."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from school101.core import audit
from school101.core.audit import required_reason
from school101.core.clock import iso
from school101.core.errors import Conflict, NotFound, ValidationFailed
from school101.core.permissions import ensure_staff
from school101.extensions import db
from school101.models import (
    Application,
    Campaign,
    EligibilityException,
    User,
)
from school101.services.admissions import campaigns
from school101.services.admissions.review import get_application


def exception_for(application: Application) -> EligibilityException | None:
    return db.session.scalars(
        db.select(EligibilityException).where(
            EligibilityException.user_id == application.user_id,
            EligibilityException.campaign_id == application.campaign_id,
        )
    ).first()


def campaign_exceptions(campaign: Campaign, *, actor) -> list[tuple[EligibilityException, User]]:
    """The eligibility exceptions granted for a campaign with their person, newest first."""
    ensure_staff(actor)
    return [
        tuple(row)
        for row in db.session.execute(
            db.select(EligibilityException, User)
            .join(User, User.id == EligibilityException.user_id)
            .where(EligibilityException.campaign_id == campaign.id)
            .order_by(EligibilityException.granted_at.desc(), EligibilityException.id.desc())
        )
    ]


def exception_json(row: EligibilityException | None) -> dict | None:
    if row is None:
        return None
    return {
        "id": row.id,
        "user_id": row.user_id,
        "campaign_id": row.campaign_id,
        "reason": row.reason,
        "granted_by_id": row.granted_by_id,
        "granted_at": iso(row.granted_at),
    }


def grant_exception(
    *,
    actor,
    reason: Any,
    campaign_id: Any = None,
    user_id: Any = None,
    email: str | None = None,
    application_id: Any = None,
) -> EligibilityException:
    """An eligibility exception for a person (by application, user id or e-mail) and a campaign."""
    ensure_staff(actor)
    text = required_reason(reason)
    if application_id is not None:
        application = get_application(application_id, actor=actor)
        user, campaign = application.user, application.campaign
    else:
        user = None
        if user_id is not None:
            try:
                user = db.session.get(User, int(user_id))
            except (TypeError, ValueError):
                user = None
        elif email:
            from school101.services.identity.accounts import find_by_email

            user = find_by_email(email)
        if user is None or user.erased_at is not None:
            raise NotFound(_l("No such person."), fields={"user": _l("No such person.")})
        try:
            campaign = campaigns.get_campaign(int(campaign_id))
        except (TypeError, ValueError):
            raise ValidationFailed(
                _l("Some fields are not valid."), fields={"campaign_id": _l("Unknown campaign.")}
            ) from None
    try:
        return add_exception(user, campaign, text, actor=actor)
    except IntegrityError:  # a colleague granted the same exception at the same moment
        db.session.rollback()
        raise Conflict(
            _l("An exception already exists for this person and campaign."), code="conflict"
        ) from None


def has_exception(user: User, campaign: Campaign) -> bool:
    """True when staff granted this person an eligibility exception for the campaign."""
    return (
        db.session.scalar(
            db.select(EligibilityException.id).where(
                EligibilityException.user_id == user.id,
                EligibilityException.campaign_id == campaign.id,
            )
        )
        is not None
    )


def add_exception(user: User, campaign: Campaign, reason: str, *, actor) -> EligibilityException:
    """Let a person outside the age rules apply; the reason is mandatory and audited."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(
            _l("A reason is required."), fields={"reason": _l("A reason is required.")}
        )
    if has_exception(user, campaign):
        raise Conflict(_l("An exception already exists for this person and campaign."))
    row = EligibilityException(
        user_id=user.id, campaign_id=campaign.id, reason=reason[:2000], granted_by_id=actor.id
    )
    db.session.add(row)
    db.session.flush()
    audit.record(
        "eligibility.exception_granted",
        actor=actor,
        target=user,
        reason=reason,
        after={"campaign_id": campaign.id},
    )
    return row
