"""A piscine's calendar: the curriculum, the default calendar, day states, calendars typed in forms."""

from __future__ import annotations

import os
import tomllib
from datetime import date, datetime, time, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l

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
    """The default calendar's content (exercises/curriculum.toml): `days`, in the order they
    open (one a weekday), `exams`, the pools held on the first, second ... Friday,
    `projects`, days open for several weekdays of one week (BSQ), and `rushes`, the team
    projects of the first weekends."""
    path = os.path.join(current_app.config["EXERCISES_DIR"], "curriculum.toml")
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    if "exams" not in data:  # the one-week format: a single `exam`
        data["exams"] = [data["exam"]] if data.get("exam") else []
    data.setdefault("projects", [])
    data.setdefault("rushes", [])
    return data


def _next_weekday(day: date) -> date:
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def weekday_slot(starts_on: date, position: int) -> date:
    """The date of the `position`-th weekday slot (0: `starts_on` itself, whatever the day)."""
    current = starts_on
    for _ in range(position):
        current = _next_weekday(current)
    return current


def exam_fridays(starts_on: date, count: int) -> list[date]:
    """The Fridays of a piscine's exams: the first at least four days after the first day
    (a full week of work before it), then one a week."""
    friday = starts_on + timedelta(days=4)
    while friday.weekday() != 4:
        friday += timedelta(days=1)
    return [friday + timedelta(weeks=k) for k in range(count)]


#: exams longer than this start in the morning (the final exam's 8 hours), others at 14:00
LONG_EXAM_MINUTES = 300
#: a weekend rush opens on Friday evening, after the week's exam, and closes Sunday 23:59
RUSH_OPENS = time(20, 0)


def default_calendar(
    starts_on: date,
    day_ids: list[str] | None = None,
    exam_id: str | None = None,
    ends_on: date | None = None,
    exam_ids: list[str] | None = None,
    projects: list[dict] | None = None,
    rush_ids: list[str] | None = None,
) -> list[dict]:
    """The default calendar (Europe/Paris times, stored in UTC).

    Days: the first on `starts_on` whatever the weekday, the next ones on the following
    weekdays; each opens at 00:00 and closes at 23:59 the next day. Projects
    (`{"day": "bsq", "week": 4, "weekdays": 5}`): open from 00:00 on the first weekday slot
    of that week (slot 5 x (week - 1)) to 23:59 on its last weekday. Exams: one per Friday
    (`exam_fridays`) from 14:00 (09:00 for exams over five hours) for the pool's
    `duration_minutes`. Rushes: the k-th on the k-th exam weekend, Friday 20:00 to Sunday
    23:59. Anything after `ends_on` is left out. Without `day_ids`, the curriculum's days,
    projects, rushes and exams.
    """
    if day_ids is None:
        cur = curriculum()
        day_ids = list(cur.get("days", []))
        if exam_ids is None and exam_id is None:
            exam_ids = list(cur["exams"])
        if projects is None:
            projects = list(cur["projects"])
        if rush_ids is None:
            rush_ids = list(cur.get("rushes", []))
    exams = list(exam_ids or []) + ([exam_id] if exam_id else [])
    entries = []
    for position, day_id in enumerate(day_ids):
        current = weekday_slot(starts_on, position)
        if ends_on is not None and current > ends_on:
            break  # a shorter piscine keeps the days that fit
        entries.append(_entry(day_id, "day", len(entries), current, current + timedelta(days=1)))
    for project in projects or []:
        first = 5 * (int(project["week"]) - 1)
        opens = weekday_slot(starts_on, first)
        closes = weekday_slot(starts_on, first + int(project.get("weekdays", 5)) - 1)
        if ends_on is not None and opens > ends_on:
            continue
        if ends_on is not None:
            closes = min(closes, ends_on)
        entries.append(_entry(project["day"], "day", len(entries), opens, closes))
    for rush, friday in zip(
        rush_ids or [], exam_fridays(starts_on, len(rush_ids or [])), strict=True
    ):
        if ends_on is not None and friday > ends_on:
            break
        sunday = friday + timedelta(days=2)
        entries.append(
            {
                "day_id": rush,
                "kind": "day",
                "position": len(entries),
                "opens_at": paris_datetime(friday, RUSH_OPENS),
                "closes_at": paris_datetime(min(sunday, ends_on or sunday), time(23, 59)),
            }
        )
    for pool, friday in zip(exams, exam_fridays(starts_on, len(exams)), strict=True):
        if ends_on is not None and friday > ends_on:
            break
        minutes = int(day_info(pool).get("duration_minutes", EXAM_MINUTES))
        start = time(9, 0) if minutes > LONG_EXAM_MINUTES else time(14, 0)
        opens = paris_datetime(friday, start)
        entries.append(
            {
                "day_id": pool,
                "kind": "exam",
                "position": len(entries),
                "opens_at": opens,
                "closes_at": opens + timedelta(minutes=minutes),
            }
        )
    return entries


def _entry(day_id: str, kind: str, position: int, first: date, last: date) -> dict:
    """A calendar entry open from 00:00 on `first` to 23:59 on `last` (Paris)."""
    return {
        "day_id": day_id,
        "kind": kind,
        "position": position,
        "opens_at": paris_datetime(first, time(0, 0)),
        "closes_at": paris_datetime(last, time(23, 59)),
    }


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
