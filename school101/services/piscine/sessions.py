"""Piscine sessions: creation with validation and the default calendar, settings."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l

from school101.core import audit
from school101.core.bounds import parse_id, schedule_date_error
from school101.core.clock import PARIS, paris_datetime
from school101.core.errors import ValidationFailed
from school101.extensions import db
from school101.models import (
    Piscine,
    PiscineDay,
)
from school101.models.piscine import FEEDBACK_POLICIES
from school101.services.piscine.calendar import check_calendar, default_calendar

MAX_CAPACITY = 2000


def validate_piscine(data: dict) -> dict:
    """Per-field messages for piscine settings."""
    errors = {}
    name = (data.get("name") or "").strip() if isinstance(data.get("name"), str) else ""
    if not name:
        errors["name"] = _l("Name is required.")
    elif len(name) > 120:
        errors["name"] = _l("Name is too long (120 characters at most).")
    starts, ends = data.get("starts_on"), data.get("ends_on")
    if not isinstance(starts, date):
        errors["starts_on"] = _l("A start date is required (YYYY-MM-DD).")
    if not isinstance(ends, date):
        errors["ends_on"] = _l("An end date is required (YYYY-MM-DD).")
    for key in ("starts_on", "ends_on", "booking_closes_at", "cancel_until"):
        if message := schedule_date_error(data.get(key)):
            errors[key] = message  # year 1 or 9999 overflows in date arithmetic and in UTC
    if not {"starts_on", "ends_on"} & errors.keys():
        if ends < starts:
            errors["ends_on"] = _l("The piscine must end on or after its first day.")
        elif (ends - starts).days > 90:
            errors["ends_on"] = _l("A piscine lasts 90 days at most.")
    capacity = data.get("capacity")
    if (
        not isinstance(capacity, int)
        or isinstance(capacity, bool)
        or not 1 <= capacity <= MAX_CAPACITY
    ):
        errors["capacity"] = _l("Must be between %(low)d and %(high)d.", low=1, high=MAX_CAPACITY)
    if data.get("feedback", "after_deadline") not in FEEDBACK_POLICIES:
        errors["feedback"] = _l("Choose immediate or after_deadline.")
    return errors


def default_campaign_id(starts_on: date) -> int | None:
    """The intake campaign a piscine belongs to when staff do not say: the latest campaign
    opened on or before its first day (the analytics funnel counts piscines by campaign)."""
    from school101.models import Campaign

    first_day_end = paris_datetime(starts_on + timedelta(days=1), time(0))
    return db.session.scalar(
        db.select(Campaign.id)
        .where(Campaign.opens_at < first_day_end)
        .order_by(Campaign.opens_at.desc(), Campaign.id.desc())
        .limit(1)
    )


def _campaign_errors(data: dict) -> dict:
    """A campaign_id, when given, must name an existing campaign."""
    from school101.models import Campaign

    value = data.get("campaign_id")
    if value is None:
        return {}
    if (
        not isinstance(value, int)
        or isinstance(value, bool)
        or parse_id(value) is None
        or db.session.get(Campaign, value) is None
    ):
        return {"campaign_id": _l("Unknown campaign.")}
    return {}


def create_piscine(data: dict, *, actor, calendar: list[dict] | None = None) -> Piscine:
    """Create a piscine; without a calendar it gets the curriculum's default one; without a
    campaign, the one it follows (default_campaign_id). Audited."""
    errors = {**validate_piscine(data), **_campaign_errors(data)}
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    campaign_id = data.get("campaign_id") or default_campaign_id(data["starts_on"])
    piscine = Piscine(
        name=data["name"].strip(),
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
        capacity=data["capacity"],
        feedback=data.get("feedback") or "after_deadline",
        booking_closes_at=data.get("booking_closes_at"),
        cancel_until=data.get("cancel_until"),
        campaign_id=campaign_id,
    )
    db.session.add(piscine)
    if calendar is None:  # the API's default: the curriculum's days and exams
        calendar = default_calendar(piscine.starts_on, ends_on=piscine.ends_on)
    entries = calendar
    for entry in entries:
        piscine.days.append(PiscineDay(**entry))
    db.session.flush()
    audit.record(
        "piscine.created",
        actor=actor,
        target=piscine,
        after={
            "name": piscine.name,
            "capacity": piscine.capacity,
            "feedback": piscine.feedback,
            "campaign_id": piscine.campaign_id,
            "days": [d.day_id for d in piscine.days],
        },
    )
    return piscine


SETTING_FIELDS = ("name", "capacity", "booking_closes_at", "cancel_until", "campaign_id")


def update_settings(piscine: Piscine, data: dict, *, actor) -> Piscine:
    """Change a piscine's name, capacity, booking closing date or cancellation deadline.

    Closing booking is setting `booking_closes_at` (now, or later); clearing it reopens booking.
    The capacity cannot go below the seats taken; raising it gives the new seats to the
    waitlist at once. Audited with before/after.
    """
    from school101.services.piscine.booking import promote_waitlist

    errors = {}
    merged = {k: data.get(k, getattr(piscine, k)) for k in SETTING_FIELDS}
    name = merged["name"].strip() if isinstance(merged["name"], str) else ""
    if not name or len(name) > 120:
        errors["name"] = _l("Name is required (120 characters at most).")
    capacity = merged["capacity"]
    if (
        not isinstance(capacity, int)
        or isinstance(capacity, bool)
        or not 1 <= capacity <= MAX_CAPACITY
    ):
        errors["capacity"] = _l("Must be between %(low)d and %(high)d.", low=1, high=MAX_CAPACITY)
    elif capacity < piscine.seats_taken:
        errors["capacity"] = _l(
            "%(n)d seats are already taken: the capacity cannot be lower.", n=piscine.seats_taken
        )
    for key in ("booking_closes_at", "cancel_until"):
        value = merged[key]
        if value is not None and (not isinstance(value, datetime) or value.tzinfo is None):
            errors[key] = _l("A date and time with a time zone, or nothing.")
        elif message := schedule_date_error(value):
            errors[key] = message
    errors.update(_campaign_errors(merged))
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    before = {k: getattr(piscine, k) for k in SETTING_FIELDS}
    db.session.execute(
        db.update(Piscine)
        .where(Piscine.id == piscine.id)
        .values(
            name=name,
            capacity=capacity,
            booking_closes_at=merged["booking_closes_at"],
            cancel_until=merged["cancel_until"],
            campaign_id=merged["campaign_id"],
        )
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(piscine)
    after = {k: getattr(piscine, k) for k in SETTING_FIELDS}
    if before != after:
        audit.record("piscine.updated", actor=actor, target=piscine, before=before, after=after)
    if capacity > before["capacity"]:
        promote_waitlist(piscine.id)
    return piscine


def create_from_form(data: dict, rows: list[dict], *, actor) -> Piscine:
    """Validate settings and calendar together (every message at once, nothing written on
    error), then create the piscine through services.piscine.create_piscine (audited)."""
    errors = dict(validate_piscine(data))
    entries, calendar_errors = check_calendar(rows)
    errors.update(calendar_errors)
    closes, cancel = data.get("booking_closes_at"), data.get("cancel_until")
    ends = data.get("ends_on")
    if (
        isinstance(closes, datetime)
        and isinstance(ends, date)
        and closes.astimezone(PARIS).date() > ends
    ):
        errors["booking_closes_at"] = _l("Booking must close before the piscine ends.")
    if (
        isinstance(cancel, datetime)
        and isinstance(ends, date)
        and cancel.astimezone(PARIS).date() > ends
    ):
        errors["cancel_until"] = _l("Cancellations must end before the piscine ends.")
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    return create_piscine(data, actor=actor, calendar=entries)
