"""Piscine submissions: who may turn in what and when, snapshot, and grading per feedback policy.

`immediate` piscines grade each submission at once; `after_deadline` ones keep every version
and grade the last one before the deadline when the day closes (services/deadline.py).
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from functools import lru_cache

from flask import current_app
from flask_babel import lazy_gettext as _l

import grader
from school101.core import audit
from school101.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from school101.extensions import db
from school101.models import Booking, GradingRun, Piscine, PiscineDay, Submission
from school101.models._base import utcnow
from school101.services.grading import runs as grading
from school101.services.grading import team_work
from school101.services.grading.uploads import collect

EXERCISE_ID = re.compile(r"^([a-z0-9_]{1,30})/([a-z0-9_]{1,30})$")


@lru_cache(maxsize=512)
def _load(path: str, mtime: float):
    return grader.load_exercise(path)


def exercise_folder(exercise_id: str) -> str:
    """The folder of an exercise id such as c00/ex00, or ValidationFailed when unknown."""
    match = EXERCISE_ID.match(exercise_id or "")
    folder = os.path.join(current_app.config["EXERCISES_DIR"], *match.groups()) if match else ""
    if not match or not os.path.isfile(os.path.join(folder, "exercise.toml")):
        raise ValidationFailed(
            _l("Unknown exercise: %(id)s", id=(exercise_id or "")[:80]),
            fields={"exercise": _l("Unknown exercise: %(id)s", id=(exercise_id or "")[:80])},
            code="unknown_exercise",
        )
    return folder


def load_exercise(exercise_id: str):
    """The grader's Exercise for an id (cached while the file is unchanged)."""
    folder = exercise_folder(exercise_id)
    return _load(folder, os.path.getmtime(os.path.join(folder, "exercise.toml")))


def open_day_for(user, day_id: str, now: datetime) -> tuple[Piscine, PiscineDay]:
    """The seated piscine whose calendar has `day_id` open now; 403 without a seat, 409 when closed."""
    rows = db.session.execute(
        db.select(Piscine, PiscineDay)
        .join(Booking, Booking.piscine_id == Piscine.id)
        .join(PiscineDay, PiscineDay.piscine_id == Piscine.id)
        .where(
            Booking.user_id == user.id,
            Booking.status == "booked",
            PiscineDay.day_id == day_id,
            PiscineDay.kind == "day",
        )
    ).all()
    if not rows:
        seated = db.session.scalar(
            db.select(Booking.id).where(Booking.user_id == user.id, Booking.status == "booked")
        )
        if seated is None:
            raise Forbidden(
                _l("Only candidates with a seat in a piscine can submit."), code="no_seat"
            )
        raise ValidationFailed(
            _l("This exercise is not part of your piscine."),
            fields={"exercise": _l("This exercise is not part of your piscine.")},
            code="unknown_exercise",
        )
    for piscine, day in rows:
        if day.opens_at <= now <= day.closes_at:
            return piscine, day
    piscine, day = rows[0]
    if now < day.opens_at:
        raise Conflict(_l("This day is not open yet."), code="not_open")
    raise Conflict(
        _l("The deadline of this day has passed: submissions are closed."), code="deadline_passed"
    )


def submit(
    user,
    exercise_id: str,
    uploads: list[tuple[str, bytes]],
    *,
    source: str = "upload",
    now: datetime | None = None,
) -> tuple[Submission, GradingRun | None]:
    """Validate and store a submission; grade it now when the piscine says `immediate`."""
    now = now or utcnow()
    if not isinstance(exercise_id, str) or not exercise_id:
        raise ValidationFailed(
            _l("Some fields are not valid."),
            fields={"exercise": _l("Name the exercise, e.g. c00/ex00.")},
        )
    exercise = load_exercise(exercise_id)
    day_id = exercise_id.split("/")[0]
    piscine, _day = open_day_for(user, day_id, now)
    team = team_work.team_of(piscine.id, user.id, day_id)
    if team is not None and not team_work.allows(team, exercise_id):
        message = _l("Your team turns in %(exercise)s only.", exercise=f"{day_id}/{team.exercise}")
        raise ValidationFailed(message, fields={"exercise": message}, code="not_your_variant")
    files = collect(uploads, unpack_archives=source != "git")
    submission = grading.create_submission(
        user=user, exercise=exercise_id, files=files, source=source
    )
    submission.piscine_id, submission.day_id = piscine.id, day_id
    submission.team_id = team.id if team is not None else None
    run = None
    if piscine.feedback == "immediate":
        run = grading.enqueue_run(submission)
    audit.record(
        "submission.created",
        actor=user,
        target=submission,
        after={
            "exercise": exercise.id,
            "files": sorted(files),
            "source": source,
            "team_id": submission.team_id,
        },
    )
    return submission, run


def latest_run(submission: Submission) -> GradingRun | None:
    """The newest grading run of a submission."""
    return db.session.scalars(
        db.select(GradingRun)
        .where(GradingRun.submission_id == submission.id)
        .order_by(GradingRun.id.desc())
    ).first()


def get_submission(user, submission_id: int) -> Submission:
    """A submission its owner, their teammates for a rush (or staff) may see; NotFound
    otherwise (no existence leak)."""
    submission = db.session.get(Submission, submission_id)
    if submission is None or (
        submission.user_id != user.id
        and not user.is_staff
        and not team_work.is_member(submission.team_id, user.id)
    ):
        raise NotFound(_l("No such submission."))
    return submission


def submission_to_json(submission: Submission) -> dict:
    """What GET /api/v1/submissions/<id> answers."""
    import json

    run = latest_run(submission)
    return {
        "id": submission.id,
        "exercise": submission.exercise,
        "source": submission.source,
        "created_at": submission.created_at.isoformat(),
        "status": run.status if run else "queued",
        "grading": "immediate"
        if run and run.reason == "submission"
        else ("at_deadline" if run is None else run.reason),
        "verdict": json.loads(run.verdict) if run and run.verdict else None,
        "message": str(grading.FAILED_MESSAGE) if run and run.status == "failed" else "",
    }
