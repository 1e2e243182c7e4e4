"""RQ job entry points: thin (load rows, call the grader, store the result)."""
from __future__ import annotations

import json
import os
import socket
import tempfile
import time

from .extensions import db
from .models import GradingRun
from .models._base import utcnow


class InfrastructureUnavailable(RuntimeError):
    """The sandbox cannot run now (engine or image missing): RQ retries the job."""


def _app():
    from flask import current_app

    try:
        return current_app._get_current_object()
    except RuntimeError:
        from . import create_app

        return create_app()


def grade_run(run_id: int) -> str:
    """Grade one queued run and store its verdict."""
    app = _app()
    with app.app_context():
        run = _wait_for_row(run_id)
        if run is None:
            return "missing"  # the enqueuing transaction was rolled back
        claimed = db.session.execute(
            db.update(GradingRun).where(GradingRun.id == run_id, GradingRun.status.in_(["queued", "running"]))
            .values(status="running", started_at=utcnow(), attempts=GradingRun.attempts + 1,
                    worker=f"{socket.gethostname()}:{os.getpid()}")
        ).rowcount
        db.session.commit()
        if not claimed:
            return "already-finished"
        run = db.session.get(GradingRun, run_id)
        try:
            verdict = _grade(app, run)
        except InfrastructureUnavailable as exc:
            run.status, run.error = "queued", str(exc)
            db.session.commit()
            raise
        except Exception as exc:  # a bug of ours: record it, never retry a verdict
            run.status, run.error, run.finished_at = "failed", f"{type(exc).__name__}: {exc}"[:2000], utcnow()
            db.session.commit()
            raise
        run.verdict = json.dumps(verdict, ensure_ascii=False)
        run.verdict_status = verdict.get("status", "")
        run.passed = bool(verdict.get("passed"))
        run.score = verdict.get("score")
        run.duration_ms = verdict.get("duration_ms")
        run.status = "failed" if run.verdict_status == "internal_error" else "graded"
        run.finished_at = utcnow()
        db.session.commit()
        _after_graded(run)
        return run.status


def _wait_for_row(run_id: int, seconds: float = 10.0):
    deadline = time.monotonic() + seconds
    while True:
        run = db.session.get(GradingRun, run_id)
        if run is not None or time.monotonic() > deadline:
            return run
        db.session.rollback()
        time.sleep(0.2)


def _grade(app, run: GradingRun) -> dict:
    import grader

    if not grader.sandbox_available():
        raise InfrastructureUnavailable("the Docker engine or the grader image is not available")
    exercise_dir = os.path.join(app.config["EXERCISES_DIR"], run.submission.exercise)
    exercise = grader.load_exercise(exercise_dir)
    from .services.grading import unpack

    with tempfile.TemporaryDirectory(prefix="s101-sub-") as tmp:
        unpack(run.submission.archive, tmp)
        return grader.grade(exercise, tmp).to_dict()


def _after_graded(run: GradingRun) -> None:
    """Apply a verdict to what waits for it (exam levels); never raises."""
    from .services.exams import after_graded as exams_after_graded

    exams_after_graded(run)


def grade_day_job(grading_id: int) -> str:
    """Grade one candidate's day: last submissions before the deadline, in order (grade_day)."""
    import grader

    from .models import DayGrading
    from .services.deadline import day_row, dump_ids, last_submissions
    from .services.grading import unpack

    app = _app()
    with app.app_context():
        row = db.session.get(DayGrading, grading_id)
        if row is None:
            return "missing"
        if not grader.sandbox_available():
            row.error = "the Docker engine or the grader image is not available"
            db.session.commit()
            raise InfrastructureUnavailable(row.error)
        row.status, row.started_at = "running", utcnow()
        row.worker = f"{socket.gethostname()}:{os.getpid()}"
        db.session.commit()
        day = day_row(row.piscine_id, row.day_id)
        subs = last_submissions(row.piscine_id, row.user_id, row.day_id, day.closes_at)
        try:
            with tempfile.TemporaryDirectory(prefix="s101-day-") as repo:
                for name, submission in subs.items():
                    os.mkdir(os.path.join(repo, name))
                    unpack(submission.archive, os.path.join(repo, name))
                verdict = grader.grade_day(os.path.join(app.config["EXERCISES_DIR"], row.day_id), repo).to_dict()
        except Exception as exc:
            row.status, row.error, row.finished_at = "failed", f"{type(exc).__name__}: {exc}"[:2000], utcnow()
            db.session.commit()
            raise
        row.submissions = dump_ids(subs)
        row.verdict = json.dumps(verdict, ensure_ascii=False)
        row.score, row.max_score = verdict["score"], verdict["max_score"]
        row.status, row.finished_at = "graded", utcnow()
        db.session.commit()
        return "graded"
