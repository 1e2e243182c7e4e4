"""A seated candidate's "today" in a piscine: where the piscine stands (before, a day open, a
day off, after), the open days with their subjects and each exercise's latest verdict, the
next day to open and the next exam of the calendar.

Reads only. The exam's attempt and room, and the peer evaluations, belong to higher contexts:
the page asks services/exams/upcoming.py and services/evaluations for them.
"""

from __future__ import annotations

from datetime import datetime

from school101.core.clock import PARIS, as_aware, iso_utc
from school101.extensions import db
from school101.models import Booking, GradingRun, Piscine, Submission
from school101.models._base import utcnow
from school101.services.grading import results, team_work
from school101.services.piscine import calendar, content

#: phases of a piscine seen from one moment
BEFORE, OPEN, DAY_OFF, AFTER = "before", "open", "day_off", "after"


def home_piscine_id(user, now: datetime | None = None) -> int | None:
    """The piscine the person's "today" is about, among those where they hold a seat: the one
    running now, else the next to start, else the last that ended; None without a seat."""
    today = as_aware(now or utcnow()).astimezone(PARIS).date()
    seated = db.session.scalars(
        db.select(Piscine)
        .join(Booking, Booking.piscine_id == Piscine.id)
        .where(Booking.user_id == user.id, Booking.status == "booked")
        .order_by(Piscine.starts_on, Piscine.id)
    ).all()
    running = [p for p in seated if p.starts_on <= today <= p.ends_on]
    upcoming = [p for p in seated if p.starts_on > today]
    ended = [p for p in seated if p.ends_on < today]
    for choice in (running[:1], upcoming[:1], ended[-1:]):
        if choice:
            return choice[0].id
    return None


def phase(entries: list[dict]) -> str:
    """before | open | day_off | after, from the calendar entries' states (calendar.calendar)."""
    if not entries or all(e["state"] == "upcoming" for e in entries):
        return BEFORE
    if all(e["state"] == "closed" for e in entries):
        return AFTER
    if any(e["kind"] == "day" and e["state"] == "open" for e in entries):
        return OPEN
    return DAY_OFF


def latest_submissions(user_id: int, piscine_id: int, day_id: str) -> dict[str, dict]:
    """The person's newest submission of each exercise of a day with its newest run:
    {"ex00": {"submission": Submission, "run": GradingRun | None}}."""
    newest = (
        db.select(db.func.max(Submission.id))
        .where(
            Submission.user_id == user_id,
            Submission.piscine_id == piscine_id,
            Submission.day_id == day_id,
        )
        .group_by(Submission.exercise)
    )
    subs = db.session.scalars(db.select(Submission).where(Submission.id.in_(newest))).all()
    runs: dict[int, GradingRun] = {}
    if subs:
        for run in db.session.scalars(
            db.select(GradingRun)
            .where(GradingRun.submission_id.in_([s.id for s in subs]))
            .order_by(GradingRun.id)
        ):
            runs[run.submission_id] = run
    return {s.exercise.split("/", 1)[1]: {"submission": s, "run": runs.get(s.id)} for s in subs}


def _open_day(piscine: Piscine, user_id: int, entry: dict, locale: str) -> dict:
    day = entry["day"]
    result = results.day_result(piscine, user_id, day)
    verdicts = {v["exercise"].rsplit("/", 1)[-1]: v for v in result.exercises}
    latest = latest_submissions(user_id, piscine.id, day.day_id)
    team = team_work.team_of(piscine.id, user_id, day.day_id)
    return {
        **entry,
        "result": result,
        "git_url": content.git_url(day.day_id, team.number if team else None),
        "exercises": [
            {
                "name": name,
                "id": f"{day.day_id}/{name}",
                "subject": content.subject_html(day.day_id, name, locale),
                "verdict": verdicts.get(name),
                "latest": latest.get(name),
                "files": content.exercise_files(day.day_id, name),
            }
            for name in content.day_exercises(day.day_id)
        ],
    }


def today(piscine: Piscine, user_id: int, *, now: datetime | None = None, locale: str = "fr"):
    """What a seated candidate needs today: {"phase", "now", "open_days" (newest first, each
    calendar entry with its "exercises" [{name, id, subject, verdict, latest}], "result" and
    "git_url"), "next_day" and "next_exam" (calendar entries or None), "last" (the calendar's
    last entry, for "the piscine is over")}."""
    now = now or utcnow()
    entries = calendar.calendar(piscine, now, locale)
    days = [e for e in entries if e["kind"] == "day"]
    open_days = sorted(
        (e for e in days if e["state"] == "open"),
        key=lambda e: as_aware(e["opens_at"]),
        reverse=True,
    )
    upcoming = sorted(
        (e for e in entries if e["state"] == "upcoming"), key=lambda e: as_aware(e["opens_at"])
    )
    exams = sorted(
        (e for e in entries if e["kind"] == "exam" and e["state"] != "closed"),
        key=lambda e: as_aware(e["opens_at"]),
    )
    next_day = next((e for e in upcoming if e["kind"] == "day"), None)
    if next_day is not None:
        next_day = next_day | {"git_url": content.git_url(next_day["day_id"])}
    return {
        "phase": phase(entries),
        "now": now,
        "open_days": [_open_day(piscine, user_id, e, locale) for e in open_days],
        "next_day": next_day,
        "next_exam": exams[0] if exams else None,
        "last": max(entries, key=lambda e: as_aware(e["closes_at"])) if entries else None,
    }


def _entry_json(entry: dict | None) -> dict | None:
    if entry is None:
        return None
    return {
        "day_id": entry["day_id"],
        "kind": entry["kind"],
        "title": entry["title"],
        "opens_at": iso_utc(entry["opens_at"]),
        "closes_at": iso_utc(entry["closes_at"]),
    }


def _exercise_json(exercise: dict) -> dict:
    verdict, latest = exercise["verdict"], exercise["latest"]
    if latest is None:
        last = None
    else:
        run = latest["run"]
        last = {"id": latest["submission"].id, "status": run.status if run else "kept"}
    shown = verdict if verdict and verdict["status"] not in ("pending", "missing_file") else None
    return {
        "id": exercise["id"],
        "files": exercise["files"],
        "subject_html": exercise["subject"],
        "verdict": {"status": shown["status"], "passed": shown["passed"]} if shown else None,
        "latest_submission": last,
    }


def today_to_json(view: dict) -> dict:
    """The piscine part of `today(...)` as the API gives it (times in UTC, ISO 8601)."""
    return {
        "phase": view["phase"],
        "open_days": [
            _entry_json(day)
            | {
                "git_url": day["git_url"],
                "result": {
                    "state": day["result"].state,
                    "score": day["result"].score,
                    "max_score": day["result"].max_score,
                },
                "exercises": [_exercise_json(e) for e in day["exercises"]],
            }
            for day in view["open_days"]
        ],
        "next_day": _entry_json(view["next_day"]),
        "last_deadline": iso_utc(view["last"]["closes_at"]) if view["last"] else None,
    }
