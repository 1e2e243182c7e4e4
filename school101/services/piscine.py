"""Piscine sessions: creation with validation and the default calendar, lookups, invitations."""
from __future__ import annotations

import os
import tomllib
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..models import Application, Invitation, Piscine, PiscineDay, User
from ..models.piscine import FEEDBACK_POLICIES
from . import audit, mail
from .errors import NotFound, ValidationFailed

PARIS = ZoneInfo("Europe/Paris")
MAX_CAPACITY = 2000
MAX_INVITES_PER_CALL = 5000


def curriculum() -> dict:
    """The default day order and exam pool (exercises/curriculum.toml)."""
    path = os.path.join(current_app.config["EXERCISES_DIR"], "curriculum.toml")
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def paris_datetime(day: date, at: time) -> datetime:
    """A Europe/Paris wall-clock time as an aware datetime."""
    return datetime.combine(day, at, tzinfo=PARIS)


def _next_weekday(day: date) -> date:
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def default_calendar(starts_on: date, day_ids: list[str], exam_id: str | None = None,
                     ends_on: date | None = None) -> list[dict]:
    """First day on `starts_on` whatever the weekday, the next ones on the following weekdays;
    each opens at 00:00 and closes at 23:59 the next day, Europe/Paris. With `exam_id`, the
    exam is held on the first Friday after the first day (09:00-13:00 Paris) when the piscine
    still runs then."""
    entries, current = [], starts_on
    for position, day_id in enumerate(day_ids):
        if position:
            current = _next_weekday(current)
        entries.append({"day_id": day_id, "kind": "day", "position": position,
                        "opens_at": paris_datetime(current, time(0, 0)),
                        "closes_at": paris_datetime(current + timedelta(days=1), time(23, 59))})
    if exam_id:
        friday = starts_on + timedelta(days=(4 - starts_on.weekday()) % 7 or 7)
        if ends_on is None or friday <= ends_on:
            entries.append({"day_id": exam_id, "kind": "exam", "position": len(entries),
                            "opens_at": paris_datetime(friday, time(9, 0)),
                            "closes_at": paris_datetime(friday, time(13, 0))})
    return entries


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
    if isinstance(starts, date) and isinstance(ends, date):
        if ends < starts:
            errors["ends_on"] = _l("The piscine must end on or after its first day.")
        elif (ends - starts).days > 90:
            errors["ends_on"] = _l("A piscine lasts 90 days at most.")
    capacity = data.get("capacity")
    if not isinstance(capacity, int) or isinstance(capacity, bool) or not 1 <= capacity <= MAX_CAPACITY:
        errors["capacity"] = _l("Must be between %(low)d and %(high)d.", low=1, high=MAX_CAPACITY)
    if data.get("feedback", "after_deadline") not in FEEDBACK_POLICIES:
        errors["feedback"] = _l("Choose immediate or after_deadline.")
    return errors


def default_campaign_id(starts_on: date) -> int | None:
    """The intake campaign a piscine belongs to when staff do not say: the latest campaign
    opened on or before its first day (the analytics funnel counts piscines by campaign)."""
    from ..models import Campaign

    first_day_end = paris_datetime(starts_on + timedelta(days=1), time(0))
    return db.session.scalar(db.select(Campaign.id).where(Campaign.opens_at < first_day_end)
                             .order_by(Campaign.opens_at.desc(), Campaign.id.desc()).limit(1))


def _campaign_errors(data: dict) -> dict:
    """A campaign_id, when given, must name an existing campaign."""
    from ..models import Campaign

    value = data.get("campaign_id")
    if value is None:
        return {}
    if not isinstance(value, int) or isinstance(value, bool) or db.session.get(Campaign, value) is None:
        return {"campaign_id": _l("Unknown campaign.")}
    return {}


def create_piscine(data: dict, *, actor, calendar: list[dict] | None = None) -> Piscine:
    """Create a piscine; without a calendar it gets the curriculum's default one; without a
    campaign, the one it follows (default_campaign_id). Audited."""
    errors = {**validate_piscine(data), **_campaign_errors(data)}
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    campaign_id = data.get("campaign_id") or default_campaign_id(data["starts_on"])
    piscine = Piscine(name=data["name"].strip(), starts_on=data["starts_on"], ends_on=data["ends_on"],
                      capacity=data["capacity"], feedback=data.get("feedback") or "after_deadline",
                      booking_closes_at=data.get("booking_closes_at"),
                      cancel_until=data.get("cancel_until"), campaign_id=campaign_id)
    db.session.add(piscine)
    if calendar is None:  # the API's default: the curriculum's days (staff add exams on the page)
        calendar = default_calendar(piscine.starts_on, curriculum()["days"])
    entries = calendar
    for entry in entries:
        piscine.days.append(PiscineDay(**entry))
    db.session.flush()
    audit.record("piscine.created", actor=actor, target=piscine,
                 after={"name": piscine.name, "capacity": piscine.capacity, "feedback": piscine.feedback,
                        "campaign_id": piscine.campaign_id,
                        "days": [d.day_id for d in piscine.days]})
    return piscine


def get_piscine(piscine_id: int) -> Piscine:
    """A piscine by id or NotFound."""
    piscine = db.session.get(Piscine, piscine_id)
    if piscine is None:
        raise NotFound(_l("No such piscine."), code="not_found")
    return piscine


def invite(piscine: Piscine, user_ids, *, actor) -> int:
    """Invite candidates (by id) to book; returns how many were newly invited. E-mails each."""
    if not isinstance(user_ids, list) or not user_ids or len(user_ids) > MAX_INVITES_PER_CALL \
            or not all(isinstance(u, int) and not isinstance(u, bool) for u in user_ids):
        raise ValidationFailed(_l("Some fields are not valid."),
                               fields={"user_ids": _l("Give a non-empty list of user ids.")})
    wanted = sorted(set(user_ids))
    users = {u.id: u for u in db.session.scalars(db.select(User).where(User.id.in_(wanted)))}
    unknown = [uid for uid in wanted if uid not in users or not users[uid].has_role("candidate")
               or users[uid].erased_at is not None]
    if unknown:
        raise ValidationFailed(_l("Some fields are not valid."), fields={
            "user_ids": _l("Not candidates: %(ids)s", ids=", ".join(map(str, unknown[:20])))})
    already = set(db.session.scalars(db.select(Invitation.user_id).where(
        Invitation.piscine_id == piscine.id, Invitation.user_id.in_(wanted))))
    new = [users[uid] for uid in wanted if uid not in already]
    for user in new:
        db.session.add(Invitation(piscine_id=piscine.id, user_id=user.id, invited_by_id=actor.id))
        mail.send_template("piscine_invitation", user.email, user=user, piscine=piscine,
                           link=current_app.config["PUBLIC_URL"].rstrip("/") + "/piscine")
    if new:
        db.session.execute(db.update(Application).where(
            Application.user_id.in_([u.id for u in new]), Application.status.in_(["applied", "games_done"])
        ).values(status="invited"))
        audit.record("piscine.invited", actor=actor, target=piscine,
                     after={"user_ids": [u.id for u in new]})
    db.session.flush()
    return len(new)


def is_invited(user, piscine: Piscine) -> bool:
    """True when the person holds a live invitation to this piscine."""
    return db.session.scalar(db.select(Invitation.id).where(
        Invitation.piscine_id == piscine.id, Invitation.user_id == user.id,
        Invitation.status == "invited")) is not None


SETTING_FIELDS = ("name", "capacity", "booking_closes_at", "cancel_until", "campaign_id")


def update_settings(piscine: Piscine, data: dict, *, actor) -> Piscine:
    """Change a piscine's name, capacity, booking closing date or cancellation deadline.

    Closing booking is setting `booking_closes_at` (now, or later); clearing it reopens booking.
    The capacity cannot go below the seats taken; raising it gives the new seats to the
    waitlist at once. Audited with before/after.
    """
    from .booking import promote_waitlist

    errors = {}
    merged = {k: data.get(k, getattr(piscine, k)) for k in SETTING_FIELDS}
    name = merged["name"].strip() if isinstance(merged["name"], str) else ""
    if not name or len(name) > 120:
        errors["name"] = _l("Name is required (120 characters at most).")
    capacity = merged["capacity"]
    if not isinstance(capacity, int) or isinstance(capacity, bool) or not 1 <= capacity <= MAX_CAPACITY:
        errors["capacity"] = _l("Must be between %(low)d and %(high)d.", low=1, high=MAX_CAPACITY)
    elif capacity < piscine.seats_taken:
        errors["capacity"] = _l("%(n)d seats are already taken: the capacity cannot be lower.",
                                n=piscine.seats_taken)
    for key in ("booking_closes_at", "cancel_until"):
        value = merged[key]
        if value is not None and (not isinstance(value, datetime) or value.tzinfo is None):
            errors[key] = _l("A date and time with a time zone, or nothing.")
    errors.update(_campaign_errors(merged))
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    before = {k: getattr(piscine, k) for k in SETTING_FIELDS}
    db.session.execute(db.update(Piscine).where(Piscine.id == piscine.id).values(
        name=name, capacity=capacity, booking_closes_at=merged["booking_closes_at"],
        cancel_until=merged["cancel_until"], campaign_id=merged["campaign_id"])
        .execution_options(synchronize_session=False))
    db.session.refresh(piscine)
    after = {k: getattr(piscine, k) for k in SETTING_FIELDS}
    if before != after:
        audit.record("piscine.updated", actor=actor, target=piscine, before=before, after=after)
    if capacity > before["capacity"]:
        promote_waitlist(piscine.id)
    return piscine
