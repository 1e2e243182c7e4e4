"""Intake campaigns: dates, eligibility rules and game settings, created and changed by staff."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l

from school101.core import audit
from school101.core.bounds import parse_id, schedule_date_error
from school101.core.errors import NotFound, ValidationFailed
from school101.core.permissions import ensure_staff
from school101.extensions import db
from school101.models import (
    Campaign,
)
from school101.models._base import utcnow


def campaigns(actor) -> list[Campaign]:
    """Every campaign, newest first."""
    ensure_staff(actor)
    return list(db.session.scalars(db.select(Campaign).order_by(Campaign.opens_at.desc())))


def default_campaign(actor) -> Campaign | None:
    """The campaign staff look at by default: the open one, else the latest to have opened,
    else the next one to open."""
    ensure_staff(actor)
    current = current_campaign()
    if current is not None:
        return current
    now = utcnow()
    latest = db.session.scalars(
        db.select(Campaign).where(Campaign.opens_at <= now).order_by(Campaign.opens_at.desc())
    ).first()
    if latest is not None:
        return latest
    return db.session.scalars(db.select(Campaign).order_by(Campaign.opens_at)).first()


def pick_campaign(actor, campaign_id: Any = None) -> Campaign | None:
    """The campaign asked for by id (NotFound when unknown), or the default one."""
    ensure_staff(actor)
    if campaign_id in (None, ""):
        return default_campaign(actor)
    try:
        campaign_id = int(campaign_id)
    except (TypeError, ValueError):
        raise ValidationFailed(
            _l("Some fields are not valid."), fields={"campaign": _l("Unknown campaign.")}
        ) from None
    return get_campaign(campaign_id)


CAMPAIGN_FIELDS = (
    "name",
    "opens_at",
    "closes_at",
    "age_min",
    "age_max",
    "age_reference_date",
    "memory_attempts",
    "logic_attempts",
    "memory_levels",
    "logic_levels",
    "invitations_planned",
)


_INT_BOUNDS = {
    "age_min": (14, 99),
    "age_max": (14, 120),
    "memory_attempts": (1, 10),
    "logic_attempts": (1, 10),
    "memory_levels": (3, 30),
    "logic_levels": (3, 20),
    "invitations_planned": (0, 100000),
}


def current_campaign(now: datetime | None = None) -> Campaign | None:
    """The campaign open now, if any."""
    now = now or utcnow()
    return db.session.scalars(
        db.select(Campaign)
        .where(Campaign.opens_at <= now, Campaign.closes_at > now)
        .order_by(Campaign.opens_at.desc())
    ).first()


def validate_campaign(data: dict, *, exclude_id: int | None = None) -> dict:
    """Per-field messages for campaign settings; empty when they are consistent."""
    errors = {}
    name = (data.get("name") or "").strip()
    if not name:
        errors["name"] = _l("Name is required.")
    elif len(name) > 120:
        errors["name"] = _l("Name is too long (120 characters at most).")
    for field, (low, high) in _INT_BOUNDS.items():
        value = data.get(field)
        if not isinstance(value, int) or isinstance(value, bool):
            errors[field] = _l("A whole number is required.")
        elif not low <= value <= high:
            errors[field] = _l("Must be between %(low)d and %(high)d.", low=low, high=high)
    if "age_min" not in errors and "age_max" not in errors and data["age_min"] > data["age_max"]:
        errors["age_max"] = _l("The maximum age must not be below the minimum age.")
    opens, closes = data.get("opens_at"), data.get("closes_at")
    if not isinstance(opens, datetime) or opens.tzinfo is None:
        errors["opens_at"] = _l("Opening date and time are required.")
    if not isinstance(closes, datetime) or closes.tzinfo is None:
        errors["closes_at"] = _l("Closing date and time are required.")
    for field in ("opens_at", "closes_at", "age_reference_date"):
        if field not in errors and (message := schedule_date_error(data.get(field))):
            errors[field] = message  # before the overlap query: year 1 overflows in UTC
    if "opens_at" not in errors and "closes_at" not in errors:
        if closes <= opens:
            errors["closes_at"] = _l("The campaign must close after it opens.")
        else:
            overlap = db.select(Campaign.id).where(
                Campaign.opens_at < closes, Campaign.closes_at > opens
            )
            if exclude_id is not None:
                overlap = overlap.where(Campaign.id != exclude_id)
            if db.session.scalar(overlap) is not None:
                errors["opens_at"] = _l("Another campaign is open during these dates.")
    if not isinstance(data.get("age_reference_date"), date) and "age_reference_date" not in errors:
        errors["age_reference_date"] = _l("The date on which age is checked is required.")
    return errors


def create_campaign(data: dict, *, actor) -> Campaign:
    """Create a campaign (staff only) after validation; audited."""
    ensure_staff(actor)
    errors = validate_campaign(data)
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    campaign = Campaign(**{k: data[k] for k in CAMPAIGN_FIELDS})
    campaign.name = campaign.name.strip()
    db.session.add(campaign)
    db.session.flush()
    audit.record("campaign.created", actor=actor, target=campaign, after=_campaign_dict(campaign))
    return campaign


def update_campaign(campaign_id: int, data: dict, *, actor) -> Campaign:
    """Change a campaign's settings (staff only) after validation; audited with before/after.
    Nothing is written on a validation error."""
    ensure_staff(actor)
    campaign = get_campaign(campaign_id)
    merged = {k: data.get(k, getattr(campaign, k)) for k in CAMPAIGN_FIELDS}
    errors = validate_campaign(merged, exclude_id=campaign.id)
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    before = _campaign_dict(campaign)
    for key, value in merged.items():
        setattr(campaign, key, value.strip() if key == "name" else value)
    after = _campaign_dict(campaign)
    if before != after:
        audit.record("campaign.updated", actor=actor, target=campaign, before=before, after=after)
    return campaign


def _campaign_dict(campaign: Campaign) -> dict:
    return {k: getattr(campaign, k) for k in CAMPAIGN_FIELDS}


def get_campaign(campaign_id: int) -> Campaign:
    """A campaign by id or NotFound."""
    campaign = db.session.get(Campaign, campaign_id) if parse_id(campaign_id) else None
    if campaign is None:
        raise NotFound(_l("No such campaign."))
    return campaign
