"""A piscine's calendar: the curriculum, the default calendar, day states, calendars typed in forms."""

from __future__ import annotations

import os
import tomllib
from datetime import date, datetime, time, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l

from school101.core import clock
from school101.core.bounds import schedule_date_error
from school101.core.clock import as_aware, paris_datetime, paris_to_utc
from school101.core.errors import NotFound
from school101.models import (
    Piscine,
    PiscineDay,
)
from school101.models._base import utcnow
from school101.services.piscine.content import day_info, day_title, known_days


def curriculum() -> dict:
    """The default day order and exam pool (exercises/curriculum.toml)."""
    path = os.path.join(current_app.config["EXERCISES_DIR"], "curriculum.toml")
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def _next_weekday(day: date) -> date:
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def default_calendar(
    starts_on: date, day_ids: list[str], exam_id: str | None = None, ends_on: date | None = None
) -> list[dict]:
    """First day on `starts_on` whatever the weekday, the next ones on the following weekdays;
    each opens at 00:00 and closes at 23:59 the next day, Europe/Paris. With `exam_id`, the
    exam is held on the first Friday after the first day (09:00-13:00 Paris) when the piscine
    still runs then."""
    entries, current = [], starts_on
    for position, day_id in enumerate(day_ids):
        if position:
            current = _next_weekday(current)
        entries.append(
            {
                "day_id": day_id,
                "kind": "day",
                "position": position,
                "opens_at": paris_datetime(current, time(0, 0)),
                "closes_at": paris_datetime(current + timedelta(days=1), time(23, 59)),
            }
        )
    if exam_id:
        friday = starts_on + timedelta(days=(4 - starts_on.weekday()) % 7 or 7)
        if ends_on is None or friday <= ends_on:
            entries.append(
                {
                    "day_id": exam_id,
                    "kind": "exam",
                    "position": len(entries),
                    "opens_at": paris_datetime(friday, time(9, 0)),
                    "closes_at": paris_datetime(friday, time(13, 0)),
                }
            )
    return entries


EXAM_MINUTES = 240


def day_state(day: PiscineDay, now: datetime) -> str:
    """upcoming | open | closed."""
    now = as_aware(now)
    if now < as_aware(day.opens_at):
        return "upcoming"
    if now <= as_aware(day.closes_at):
        return "open"
    return "closed"


def calendar(piscine: Piscine, now: datetime | None = None, locale: str = "fr") -> list[dict]:
    """The piscine's calendar entries with their state and title, in order."""
    now = now or utcnow()
    return [
        {
            "day": d,
            "day_id": d.day_id,
            "kind": d.kind,
            "state": day_state(d, now),
            "title": day_title(d.day_id, locale),
            "opens_at": d.opens_at,
            "closes_at": d.closes_at,
        }
        for d in piscine.days
    ]


def calendar_entry(piscine: Piscine, day_id: str) -> PiscineDay:
    """One exercise day of the piscine's calendar, or NotFound."""
    for day in piscine.days:
        if day.day_id == day_id and day.kind == "day":
            return day
    raise NotFound(_l("This day is not in the piscine's calendar."))


def default_form_calendar(starts_on: date) -> list[dict]:
    """The default calendar (services.piscine.default_calendar) plus the exam pool on the first
    Friday at least four days after the start, from 14:00 Paris for its duration: what the creation form shows."""
    cur = curriculum()
    entries = default_calendar(starts_on, list(cur.get("days", [])))
    exam = cur.get("exam")
    if exam:
        day = starts_on + timedelta(days=4)
        while day.weekday() != 4:
            day += timedelta(days=1)
        opens = clock.paris_datetime(day, time(14, 0))
        minutes = int(day_info(exam).get("duration_minutes", EXAM_MINUTES))
        entries.append(
            {
                "day_id": exam,
                "kind": "exam",
                "position": len(entries),
                "opens_at": opens,
                "closes_at": opens + timedelta(minutes=minutes),
            }
        )
    return entries


def check_calendar(rows: list[dict]) -> tuple[list[dict], dict]:
    """Calendar rows typed in the form ({day_id, kind, opens_at, closes_at} in Paris time,
    naive) -> (entries in UTC for create_piscine, {"calendar-<i>-<field>": message}).
    Rows whose day is left empty are dropped."""
    known = set(known_days())
    entries, errors, seen = [], {}, set()
    for index, row in enumerate(rows):
        day_id = (row.get("day_id") or "").strip()
        if not day_id:
            continue
        key = row.get("key") or f"calendar-{index}-"
        kind = row.get("kind") or "day"
        if day_id not in known:
            errors[key + "day_id"] = _l("Unknown day: %(id)s", id=day_id[:40])
        elif day_id in seen:
            errors[key + "day_id"] = _l("This day is already in the calendar.")
        elif kind == "exam" and day_info(day_id).get("kind") != "exam":
            errors[key + "kind"] = _l("This folder is not an exam pool.")
        elif kind == "day" and day_info(day_id).get("kind") == "exam":
            errors[key + "kind"] = _l("An exam pool must be an exam entry.")
        if kind not in ("day", "exam"):
            errors[key + "kind"] = _l("Choose a day or an exam.")
        seen.add(day_id)
        opens, closes = row.get("opens_at"), row.get("closes_at")
        if not isinstance(opens, datetime):
            errors[key + "opens_at"] = _l("An opening date and time is required.")
        if not isinstance(closes, datetime):
            errors[key + "closes_at"] = _l("A closing date and time is required.")
        out_of_range = False
        for field, value in (("opens_at", opens), ("closes_at", closes)):
            if message := schedule_date_error(value):  # year 1 or 9999 overflows in UTC
                errors[key + field] = message
                out_of_range = True
        if isinstance(opens, datetime) and isinstance(closes, datetime) and closes <= opens:
            errors[key + "closes_at"] = _l("Must be after the opening.")
        if isinstance(opens, datetime) and isinstance(closes, datetime) and not out_of_range:
            entries.append(
                {
                    "day_id": day_id,
                    "kind": kind,
                    "position": len(entries),
                    "opens_at": paris_to_utc(opens),
                    "closes_at": paris_to_utc(closes),
                }
            )
    if not entries and not errors:
        errors["calendar"] = _l("The calendar needs at least one day.")
    return entries, errors
