"""Exams: a timed sitting where each level gives one random exercise of the exam pool.

Rules (issue 5, "Exams"):
- An exam is a PiscineDay of kind "exam"; its day_id names a pool folder (exercises/exam00)
  whose day.toml has `kind = "exam"`, `duration_minutes` (else 480 when `final = true`, else
  240) and a `[levels.<key>]` table per level (`points`, `exercises`), in the file's order.
- Only a candidate seated in the exam's piscine starts it, only while it is open
  (opens_at <= now < closes_at). Starting again returns the same attempt (unique constraint).
  The time limit is ends_at = min(closes_at, started_at + duration), measured by the server.
- Each level draws one exercise from its pool with a seeded RNG (the attempt's `seed`), so
  the draw is reproducible and a reload never changes it.
- grademe(files) snapshots the files (services.uploads checks) into a Submission (source
  "exam") and queues a GradingRun (reason "exam"). One grading at a time per candidate: the
  try is taken by a conditional UPDATE of the level's `pending` flag, so two parallel grademe
  requests make exactly one try; the other gets 409 `grading_pending`.
- A verdict is applied by `after_graded(run)` (called by the worker after it stores the
  verdict) or, failing that, by `settle()` whenever the attempt is read: the try is claimed by
  a conditional UPDATE (outcome pending -> passed/failed), and a pass moves the level by a
  conditional UPDATE (`level = :level`), so the level's points are awarded exactly once.
- A pass gives the level's points and the next level (a new random exercise); passing the
  last level finishes the exam. A failure on a level imposes a wait before the next grademe
  on that level: the n-th failure waits EXAM_WAIT_MINUTES[n-1] minutes (default 0, 1, 2, 4,
  8, 16, 32, then 32 again), counted from the verdict. During the wait, grademe is 409 `wait`
  with `retry_after` seconds. A grading that fails for an infrastructure reason ("failed"
  run) costs nothing: no failure counted, no wait.
- After ends_at nothing is accepted (409 `exam_over`) and the attempt is finished; a try asked
  in time still counts when its verdict arrives, up to EXAM_GRADING_GRACE_MINUTES (60) after
  the end, after which it is void. Results are final: nothing here edits or deletes them.
- Rooms (issue 14): a new attempt starts only in a room session staff opened, from its network,
  with its code (services/exams/rooms.py); the starting client becomes the attempt's one
  active connection (services/exams/presence.py).
- Audit rows: exam.started, exam.grademe, exam.level_passed, exam.try_failed, exam.finished.
"""

from __future__ import annotations

import json
import secrets
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_
from sqlalchemy.exc import IntegrityError

from school101.core import audit, signals
from school101.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from school101.extensions import db
from school101.models import Booking, GradingRun, PiscineDay, User
from school101.models._base import utcnow
from school101.models.exams import ExamAssignment, ExamAttempt, ExamTry
from school101.services.exams import presence, rooms
from school101.services.exams.pools import (
    DEFAULT_DURATION_MINUTES,
    Pool,
    PoolError,
    draw,
    load_exercise,
    load_pool,
    subject_html,
)
from school101.services.grading import runs as grading
from school101.services.grading.uploads import collect

Client = presence.Client

DEFAULT_WAIT_MINUTES = (0, 1, 2, 4, 8, 16, 32)


DEFAULT_GRACE_MINUTES = 60


def wait_after(failures: int) -> timedelta:
    """The wait imposed by the n-th failure on a level (n >= 1)."""
    steps = tuple(current_app.config.get("EXAM_WAIT_MINUTES") or DEFAULT_WAIT_MINUTES)
    minutes = steps[min(failures, len(steps)) - 1] if failures >= 1 else 0
    return timedelta(minutes=minutes)


def _grace() -> timedelta:
    return timedelta(
        minutes=current_app.config.get("EXAM_GRADING_GRACE_MINUTES", DEFAULT_GRACE_MINUTES)
    )


def get_exam(exam_id: int) -> PiscineDay:
    """An exam (a calendar entry of kind "exam") or NotFound."""
    day = db.session.get(PiscineDay, exam_id)
    if day is None or day.kind != "exam":
        raise NotFound(_l("No such exam."), code="not_found")
    return day


def _seated(user, piscine_id: int) -> bool:
    return (
        db.session.scalar(
            db.select(Booking.id).where(
                Booking.piscine_id == piscine_id,
                Booking.user_id == user.id,
                Booking.status == "booked",
            )
        )
        is not None
    )


def attempt_of(user, exam_id: int) -> ExamAttempt | None:
    """The person's attempt at an exam, if started."""
    return db.session.scalars(
        db.select(ExamAttempt).where(ExamAttempt.exam_id == exam_id, ExamAttempt.user_id == user.id)
    ).first()


def exam_for(user, exam_id: int) -> tuple[PiscineDay, ExamAttempt | None]:
    """The exam and the person's attempt; 403 `no_seat` to someone neither seated nor started."""
    exam = get_exam(exam_id)
    attempt = attempt_of(user, exam.id)
    if attempt is None and not _seated(user, exam.piscine_id):
        raise Forbidden(
            _l("Only candidates with a seat in this piscine can take its exams."), code="no_seat"
        )
    return exam, attempt


def exams_for(user) -> list[tuple[PiscineDay, ExamAttempt | None]]:
    """Exams of the piscines where the person is seated, and any exam they started."""
    seated = db.select(Booking.piscine_id).where(
        Booking.user_id == user.id, Booking.status == "booked"
    )
    started = db.select(ExamAttempt.exam_id).where(ExamAttempt.user_id == user.id)
    days = db.session.scalars(
        db.select(PiscineDay)
        .where(
            PiscineDay.kind == "exam",
            or_(PiscineDay.piscine_id.in_(seated), PiscineDay.id.in_(started)),
        )
        .order_by(PiscineDay.opens_at, PiscineDay.id)
    ).all()
    attempts = {
        a.exam_id: a
        for a in db.session.scalars(db.select(ExamAttempt).where(ExamAttempt.user_id == user.id))
    }
    return [(day, attempts.get(day.id)) for day in days]


def current_assignment(attempt: ExamAttempt) -> ExamAssignment | None:
    """The assignment of the attempt's current level (None once every level is passed)."""
    return db.session.scalars(
        db.select(ExamAssignment).where(
            ExamAssignment.attempt_id == attempt.id, ExamAssignment.level == attempt.level
        )
    ).first()


def start(
    user,
    exam_id: int,
    *,
    code: str | None,
    client: Client,
    now: datetime | None = None,
    seed: int | None = None,
) -> tuple[ExamAttempt, bool]:
    """Start the exam in a room, with the room's code, from its network (rooms.admit), the
    client becoming the attempt's active connection; or resume the attempt already started
    (presence.enter). The caller commits."""
    now = now or utcnow()
    exam = get_exam(exam_id)
    existing = attempt_of(user, exam.id)
    if existing is not None:
        presence.enter(existing, client, now=now)
        return existing, False
    if not _seated(user, exam.piscine_id):
        raise Forbidden(
            _l("Only candidates with a seat in this piscine can take its exams."), code="no_seat"
        )
    if now < exam.opens_at:
        raise Conflict(
            _l("This exam has not started yet."),
            code="not_open",
            opens_at=exam.opens_at.isoformat(),
        )
    if now >= exam.closes_at:
        raise Conflict(_l("This exam is over."), code="exam_closed")
    room_session = rooms.admit(exam, code, client.address)
    pool = load_pool(exam.day_id)
    attempt = ExamAttempt(
        exam_id=exam.id,
        piscine_id=exam.piscine_id,
        user_id=user.id,
        pool=pool.day_id,
        seed=seed if seed is not None else secrets.randbits(62),
        duration_minutes=pool.duration_minutes,
        started_at=now,
        ends_at=min(exam.closes_at, now + timedelta(minutes=pool.duration_minutes)),
        level=0,
        levels_total=len(pool.levels),
        points=0,
        max_points=pool.max_points,
        status="in_progress",
        room_session_id=room_session.id,
    )
    db.session.add(attempt)
    try:
        db.session.flush()
    except IntegrityError:  # the same person starting twice at the same instant
        db.session.rollback()
        again = attempt_of(user, exam.id)
        if again is None:
            raise
        presence.enter(again, client, now=now)
        return again, False
    _assign(attempt, pool, 0, now)
    presence.claim(attempt, client, now=now)
    audit.record(
        "exam.started",
        actor=user,
        target=attempt,
        after={
            "exam_id": exam.id,
            "pool": pool.day_id,
            "ends_at": attempt.ends_at.isoformat(),
            "seed": attempt.seed,
            "room_session_id": room_session.id,
            "room": room_session.room.name,
            "address": client.address,
            "client": client.kind,
        },
    )
    return attempt, True


def _assign(attempt: ExamAttempt, pool: Pool, level: int, now: datetime) -> ExamAssignment:
    spec = pool.levels[level]
    assignment = ExamAssignment(
        attempt_id=attempt.id,
        level=level,
        level_key=spec.key,
        exercise=draw(attempt.seed, spec),
        points=spec.points,
        assigned_at=now,
    )
    db.session.add(assignment)
    db.session.flush()
    return assignment


def _update(model, *where, **values) -> int:
    return db.session.execute(
        db.update(model).where(*where).values(**values).execution_options(synchronize_session=False)
    ).rowcount


def _finish(attempt: ExamAttempt, at: datetime, why: str) -> None:
    if _update(
        ExamAttempt,
        ExamAttempt.id == attempt.id,
        ExamAttempt.status == "in_progress",
        status="finished",
        finished_at=at,
    ):
        db.session.refresh(attempt)
        audit.record(
            "exam.finished",
            target=attempt,
            reason=why,
            after={"points": attempt.points, "level": attempt.level},
        )


def _evaluate(try_row: ExamTry, now: datetime) -> bool:
    """Apply a finished grading to its try, exactly once; True when this call applied it."""
    run = db.session.get(GradingRun, try_row.run_id)
    db.session.refresh(run)
    if run.status not in ("graded", "failed"):
        return False
    outcome = ("passed" if run.passed else "failed") if run.status == "graded" else "error"
    at = run.finished_at or now
    if not _update(
        ExamTry,
        ExamTry.id == try_row.id,
        ExamTry.outcome == "pending",
        outcome=outcome,
        evaluated_at=now,
    ):
        return False  # someone else applied it
    assignment = db.session.get(ExamAssignment, try_row.assignment_id)
    attempt = db.session.get(ExamAttempt, try_row.attempt_id)
    db.session.refresh(assignment)
    db.session.refresh(attempt)
    if outcome == "passed":
        _update(
            ExamAssignment,
            ExamAssignment.id == assignment.id,
            ExamAssignment.passed_at.is_(None),
            pending=False,
            passed_at=at,
        )
        won = _update(
            ExamAttempt,
            ExamAttempt.id == attempt.id,
            ExamAttempt.level == assignment.level,
            ExamAttempt.status == "in_progress",
            level=ExamAttempt.level + 1,
            points=ExamAttempt.points + assignment.points,
        )
        db.session.refresh(attempt)
        if won:
            audit.record(
                "exam.level_passed",
                target=attempt,
                actor=attempt.user_id,
                after={
                    "level": assignment.level,
                    "exercise": assignment.exercise,
                    "points": assignment.points,
                    "total": attempt.points,
                    "try": try_row.number,
                },
            )
            if attempt.level >= attempt.levels_total:
                _finish(attempt, at, "all levels passed")
            elif now < attempt.ends_at:  # a pass graded after the end opens nothing more
                _assign(attempt, load_pool(attempt.pool), attempt.level, at)
    elif outcome == "failed":
        failures = assignment.failures + 1
        wait = wait_after(failures)
        _update(
            ExamAssignment,
            ExamAssignment.id == assignment.id,
            pending=False,
            failures=failures,
            next_try_at=at + wait,
        )
        _update(ExamTry, ExamTry.id == try_row.id, wait_seconds=int(wait.total_seconds()))
        audit.record(
            "exam.try_failed",
            target=attempt,
            actor=attempt.user_id,
            after={
                "level": assignment.level,
                "exercise": assignment.exercise,
                "try": try_row.number,
                "status": run.verdict_status,
                "wait_seconds": int(wait.total_seconds()),
            },
        )
    else:
        _update(ExamAssignment, ExamAssignment.id == assignment.id, pending=False)
    db.session.refresh(try_row)
    db.session.refresh(assignment)
    return True


def settle(attempt: ExamAttempt, *, now: datetime | None = None) -> ExamAttempt:
    """Apply finished gradings and the time limit to an attempt (idempotent; the caller commits)."""
    now = now or utcnow()
    if attempt.status == "finished":
        return attempt
    for try_row in db.session.scalars(
        db.select(ExamTry).where(ExamTry.attempt_id == attempt.id, ExamTry.outcome == "pending")
    ).all():
        _evaluate(try_row, now)
    db.session.refresh(attempt)
    if attempt.status == "in_progress" and now >= attempt.ends_at:
        pending = db.session.scalars(
            db.select(ExamTry).where(ExamTry.attempt_id == attempt.id, ExamTry.outcome == "pending")
        ).all()
        if pending and now < attempt.ends_at + _grace():
            return attempt  # a grademe asked in time still counts when its verdict comes
        for try_row in pending:
            if _update(
                ExamTry,
                ExamTry.id == try_row.id,
                ExamTry.outcome == "pending",
                outcome="void",
                evaluated_at=now,
            ):
                _update(ExamAssignment, ExamAssignment.id == try_row.assignment_id, pending=False)
            db.session.refresh(try_row)
            db.session.refresh(try_row.assignment)
        _finish(attempt, attempt.ends_at, "time limit")
    return attempt


def finish_expired(*, now: datetime | None = None) -> int:
    """Settle every attempt past its time limit (for a periodic job; reads settle them anyway).

    Returns how many were finished; the caller commits."""
    now = now or utcnow()
    finished = 0
    for attempt in db.session.scalars(
        db.select(ExamAttempt).where(
            ExamAttempt.status == "in_progress", ExamAttempt.ends_at <= now
        )
    ).all():
        settle(attempt, now=now)
        finished += attempt.status == "finished"
    return finished


@signals.grading_run_finished.connect
def after_graded(run: GradingRun, **_extra) -> bool:
    """Receiver of `grading_run_finished` (sent by the grading job and by recovery): apply an
    exam run's verdict and commit.

    Never raises: on any error it rolls back and the verdict is applied at the next read.
    """
    if run is None or run.reason != "exam":
        return False
    try:
        try_row = db.session.scalars(db.select(ExamTry).where(ExamTry.run_id == run.id)).first()
        applied = try_row is not None and _evaluate(try_row, utcnow())
        if try_row is not None:
            attempt = db.session.get(ExamAttempt, try_row.attempt_id)
            settle(attempt)
        db.session.commit()
        return bool(applied)
    except Exception:
        db.session.rollback()
        current_app.logger.exception("exam verdict of run %s not applied now", run.id)
        return False


def _seconds(delta: timedelta) -> int:
    return max(0, int(-(-delta.total_seconds() // 1)))


def grademe(
    user,
    exam_id: int,
    uploads: list[tuple[str, bytes]],
    *,
    now: datetime | None = None,
    source: str = "upload",
    client: Client | None = None,
) -> ExamTry:
    """Turn in the current level's files and queue their grading; the caller commits.

    The doors pass the `client`: the room's network and the one active connection are checked
    first (presence.enter)."""
    now = now or utcnow()
    exam = get_exam(exam_id)
    attempt = attempt_of(user, exam.id)
    if attempt is None:
        raise Conflict(_l("Start the exam first."), code="not_started")
    if client is not None:
        presence.enter(attempt, client, now=now)
    settle(attempt, now=now)
    if attempt.status == "finished" or now >= attempt.ends_at:
        raise Conflict(_l("The exam is over: no more grademe."), code="exam_over")
    assignment = current_assignment(attempt)
    if assignment is None:
        raise Conflict(_l("The exam is over: no more grademe."), code="exam_over")
    _refuse_if_busy(assignment, now)
    exercise = load_exercise(assignment.exercise)
    files = collect(uploads)
    missing = [name for name in exercise.files if name not in files]
    if missing:
        message = _l("Turn in %(files)s.", files=", ".join(exercise.files))
        raise ValidationFailed(message, fields={"files": message}, code="missing_file")
    files = {name: files[name] for name in exercise.files}
    claimed = _update(
        ExamAssignment,
        ExamAssignment.id == assignment.id,
        ExamAssignment.pending.is_(False),
        ExamAssignment.passed_at.is_(None),
        or_(ExamAssignment.next_try_at.is_(None), ExamAssignment.next_try_at <= now),
        pending=True,
        tries=ExamAssignment.tries + 1,
        last_try_at=now,
    )
    if not claimed:  # another grademe won the race
        db.session.refresh(assignment)
        _refuse_if_busy(assignment, now)
        raise Conflict(_l("A grading is already in progress."), code="grading_pending")
    db.session.refresh(assignment)
    submission = grading.create_submission(
        user=user, exercise=assignment.exercise, files=files, source="exam"
    )
    submission.piscine_id, submission.day_id = attempt.piscine_id, attempt.pool
    run = grading.enqueue_run(submission, reason="exam")
    try_row = ExamTry(
        attempt_id=attempt.id,
        assignment_id=assignment.id,
        number=assignment.tries,
        submission_id=submission.id,
        run_id=run.id,
        requested_at=now,
        outcome="pending",
    )
    db.session.add(try_row)
    db.session.flush()
    audit.record(
        "exam.grademe",
        actor=user,
        target=attempt,
        after={
            "level": assignment.level,
            "exercise": assignment.exercise,
            "try": try_row.number,
            "submission_id": submission.id,
            "run_id": run.id,
            "files": sorted(files),
            "source": source,
        },
    )
    return try_row


def _refuse_if_busy(assignment: ExamAssignment, now: datetime) -> None:
    if assignment.pending:
        raise Conflict(
            _l("A grading is already in progress: wait for its verdict."), code="grading_pending"
        )
    if assignment.next_try_at is not None and now < assignment.next_try_at:
        seconds = _seconds(assignment.next_try_at - now)
        raise Conflict(
            _l("Wait %(time)s before the next grademe.", time=format_duration(seconds)),
            code="wait",
            retry_after=seconds,
            next_try_at=assignment.next_try_at.isoformat(),
        )


def format_duration(seconds: int) -> str:
    """1 h 05 min, 4 min 10 s, 12 s."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {secs:02d} s"
    return f"{secs} s"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def try_to_json(try_row: ExamTry, *, with_trace: bool = True) -> dict:
    run = try_row.run
    verdict = json.loads(run.verdict) if run is not None and run.verdict else None
    data = {
        "id": try_row.id,
        "level": try_row.assignment.level,
        "exercise": try_row.assignment.exercise,
        "number": try_row.number,
        "requested_at": _iso(try_row.requested_at),
        "outcome": try_row.outcome,
        "evaluated_at": _iso(try_row.evaluated_at),
        "wait_seconds": try_row.wait_seconds,
        "submission_id": try_row.submission_id,
        "run_id": try_row.run_id,
        "run_status": run.status if run else None,
        "verdict_status": run.verdict_status if run else "",
    }
    if with_trace:
        data["trace"] = (verdict or {}).get("trace", "") if verdict else ""
        data["tests"] = (verdict or {}).get("tests", []) if verdict else []
    return data


def assignment_to_json(
    assignment: ExamAssignment, now: datetime, locale: str | None = None
) -> dict:
    exercise = load_exercise(assignment.exercise)
    waiting = (
        assignment.next_try_at is not None
        and now < assignment.next_try_at
        and not assignment.pending
    )
    data = {
        "level": assignment.level,
        "level_key": assignment.level_key,
        "exercise": assignment.exercise,
        "title": exercise.title,
        "files": list(exercise.files),
        "allowed_functions": list(exercise.allowed_functions),
        "points": assignment.points,
        "tries": assignment.tries,
        "failures": assignment.failures,
        "status": "passed"
        if assignment.passed_at
        else ("pending" if assignment.pending else ("waiting" if waiting else "open")),
        "last_try_at": _iso(assignment.last_try_at),
        "next_try_at": _iso(assignment.next_try_at),
        "wait_seconds": _seconds(assignment.next_try_at - now) if waiting else 0,
        "passed_at": _iso(assignment.passed_at),
    }
    if locale:
        data["subject_html"] = subject_html(assignment.exercise, locale)
    return data


def attempt_to_json(attempt: ExamAttempt, now: datetime, locale: str | None = None) -> dict:
    """An attempt as the candidate (and staff) see it; `locale` adds the current subject."""
    current = current_assignment(attempt) if attempt.status == "in_progress" else None
    return {
        "id": attempt.id,
        "exam_id": attempt.exam_id,
        "user_id": attempt.user_id,
        "status": attempt.status,
        "started_at": _iso(attempt.started_at),
        "ends_at": _iso(attempt.ends_at),
        "finished_at": _iso(attempt.finished_at),
        "duration_minutes": attempt.duration_minutes,
        "server_time": now.isoformat(),
        "remaining_seconds": _seconds(attempt.ends_at - now)
        if attempt.status == "in_progress"
        else 0,
        "level": attempt.level,
        "levels_total": attempt.levels_total,
        "points": attempt.points,
        "max_points": attempt.max_points,
        "current": assignment_to_json(current, now, locale) if current is not None else None,
        "levels": [assignment_to_json(a, now) for a in attempt.assignments],
        "tries": [try_to_json(t) for t in sorted(attempt.tries, key=lambda t: t.id, reverse=True)],
    }


def exam_to_json(
    exam: PiscineDay, attempt: ExamAttempt | None, now: datetime, locale: str = "fr"
) -> dict:
    """An exam with the caller's attempt summary."""
    try:
        pool = load_pool(exam.day_id)
        title, duration, levels = pool.title(locale), pool.duration_minutes, len(pool.levels)
    except PoolError:
        title, duration, levels = exam.day_id, DEFAULT_DURATION_MINUTES, 0
    return {
        "id": exam.id,
        "piscine_id": exam.piscine_id,
        "day_id": exam.day_id,
        "title": title,
        "opens_at": _iso(exam.opens_at),
        "closes_at": _iso(exam.closes_at),
        "duration_minutes": duration,
        "levels": levels,
        "open": exam.opens_at <= now < exam.closes_at,
        "attempt": None
        if attempt is None
        else {
            "id": attempt.id,
            "status": attempt.status,
            "points": attempt.points,
            "max_points": attempt.max_points,
            "level": attempt.level,
            "ends_at": _iso(attempt.ends_at),
        },
    }


def state(
    user,
    exam_id: int,
    *,
    now: datetime | None = None,
    locale: str = "fr",
    client: Client | None = None,
) -> dict:
    """The exam and the person's attempt (verdicts and the time limit applied); the caller commits.

    The doors pass the `client`: a running attempt is shown only in its room, to its one active
    connection (presence.enter)."""
    now = now or utcnow()
    exam, attempt = exam_for(user, exam_id)
    if attempt is not None and client is not None:
        presence.enter(attempt, client, now=now)
    if attempt is not None:
        settle(attempt, now=now)
    return {
        "exam": exam_to_json(exam, attempt, now, locale),
        "attempt": attempt_to_json(attempt, now, locale) if attempt is not None else None,
    }


def get_attempt(viewer, attempt_id: int, *, now: datetime | None = None) -> ExamAttempt:
    """An attempt its owner or staff may see (settled); NotFound otherwise (no existence leak)."""
    attempt = db.session.get(ExamAttempt, attempt_id)
    if attempt is None or (attempt.user_id != viewer.id and not viewer.is_staff):
        raise NotFound(_l("No such exam attempt."), code="not_found")
    return settle(attempt, now=now)


def staff_exams() -> list[tuple[PiscineDay, int]]:
    """Every exam with its number of attempts, newest first."""
    counts = dict(
        db.session.execute(
            db.select(ExamAttempt.exam_id, db.func.count()).group_by(ExamAttempt.exam_id)
        ).all()
    )
    days = db.session.scalars(
        db.select(PiscineDay)
        .where(PiscineDay.kind == "exam")
        .order_by(PiscineDay.opens_at.desc(), PiscineDay.id.desc())
    ).all()
    return [(day, counts.get(day.id, 0)) for day in days]


def results(exam_id: int, *, now: datetime | None = None) -> dict:
    """Staff view: every seated candidate and every attempt, with levels, points and time used."""
    now = now or utcnow()
    exam = get_exam(exam_id)
    attempts = db.session.scalars(
        db.select(ExamAttempt).where(ExamAttempt.exam_id == exam.id)
    ).all()
    for attempt in attempts:
        settle(attempt, now=now)
    by_user = {a.user_id: a for a in attempts}
    seated = set(
        db.session.scalars(
            db.select(Booking.user_id).where(
                Booking.piscine_id == exam.piscine_id, Booking.status == "booked"
            )
        )
    )
    ids = seated | set(by_user)
    users = (
        {u.id: u for u in db.session.scalars(db.select(User).where(User.id.in_(ids)))}
        if ids
        else {}
    )
    rows = []
    for uid, user in users.items():
        attempt = by_user.get(uid)
        row = {"user_id": uid, "name": user.full_name, "email": user.email, "attempt": None}
        if attempt is not None:
            end = attempt.finished_at or min(now, attempt.ends_at)
            row["attempt"] = {
                "id": attempt.id,
                "status": attempt.status,
                "points": attempt.points,
                "max_points": attempt.max_points,
                "level": attempt.level,
                "started_at": _iso(attempt.started_at),
                "ends_at": _iso(attempt.ends_at),
                "finished_at": _iso(attempt.finished_at),
                "minutes_used": int((end - attempt.started_at).total_seconds() // 60),
                "levels": [
                    {
                        "level": a.level,
                        "exercise": a.exercise,
                        "tries": a.tries,
                        "failures": a.failures,
                        "passed": a.passed_at is not None,
                        "passed_at": _iso(a.passed_at),
                    }
                    for a in attempt.assignments
                ],
            }
        rows.append(row)
    rows.sort(
        key=lambda r: (
            -(r["attempt"] or {}).get("points", -1),
            (r["attempt"] or {}).get("minutes_used", 0),
            r["name"].lower(),
        )
    )
    try:
        pool = load_pool(exam.day_id)
        levels = [{"key": lv.key, "points": lv.points} for lv in pool.levels]
    except PoolError:
        levels = []
    return {
        "exam": exam_to_json(exam, None, now),
        "levels": levels,
        "rows": rows,
        "started": len(attempts),
        "seated": len(seated),
    }


def exam_points(piscine, user_ids) -> dict[int, int]:
    """Points earned in the piscine's exams per person (sum over its exams; for the ranking)."""
    ids = list(user_ids)
    if not ids:
        return {}
    piscine_id = getattr(piscine, "id", piscine)
    rows = db.session.execute(
        db.select(ExamAttempt.user_id, db.func.sum(ExamAttempt.points))
        .where(ExamAttempt.piscine_id == piscine_id, ExamAttempt.user_id.in_(ids))
        .group_by(ExamAttempt.user_id)
    ).all()
    return {user_id: int(total or 0) for user_id, total in rows}
