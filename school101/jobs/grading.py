"""RQ job entry points: thin (load rows, call the grader, store the result)."""

from __future__ import annotations

import json
import logging
import os
import socket
import tempfile
import time

from school101.core import metrics, signals
from school101.extensions import db
from school101.jobs.context import job_app
from school101.models import GradingRun
from school101.models._base import utcnow

log = logging.getLogger(__name__)


class InfrastructureUnavailable(RuntimeError):
    """The sandbox cannot run now, or failed under a run (engine or image missing, engine gone):
    RQ retries the job; after the last retry, `on_grading_failure` marks the row failed."""


def _retryable(exc: BaseException) -> bool:
    """Infrastructure failures and job timeouts (a hung engine) are retried; bugs are not."""
    from rq.timeouts import JobTimeoutException

    return isinstance(exc, (InfrastructureUnavailable, JobTimeoutException))


def grade_run(run_id: int) -> str:
    """Grade one queued run and store its verdict."""
    app = job_app()
    with app.app_context():
        run = _wait_for_row(run_id)
        if run is None:
            return "missing"  # the enqueuing transaction was rolled back
        claimed = db.session.execute(
            db.update(GradingRun)
            .where(GradingRun.id == run_id, GradingRun.status.in_(["queued", "running"]))
            .values(
                status="running",
                started_at=utcnow(),
                attempts=GradingRun.attempts + 1,
                worker=f"{socket.gethostname()}:{os.getpid()}",
            )
        ).rowcount
        db.session.commit()
        if not claimed:
            return "already-finished"
        run = db.session.get(GradingRun, run_id)
        exercise = run.submission.exercise
        trace = {"run_id": run_id, "submission_id": run.submission_id, "exercise": exercise}
        log.info("grading started", extra=trace)
        try:
            result = _grade(app, run)
            if result.infrastructure:  # the engine failed under the run: not the candidate's doing
                raise InfrastructureUnavailable(
                    f"the sandbox failed during the run ({_reason_line(result.trace)})"
                )
        except Exception as exc:
            db.session.rollback()
            if _retryable(exc):  # back to queued: RQ tries again, on_grading_failure ends it
                run.status, run.error = "queued", f"{type(exc).__name__}: {exc}"[:2000]
                metrics.infrastructure_failure("exercise")
                log.warning("grading infrastructure failure", extra=trace | {"error": run.error})
            else:  # a bug of ours: record it, never retry a verdict
                run.status, run.finished_at = "failed", utcnow()
                run.error = f"{type(exc).__name__}: {exc}"[:2000]
            db.session.commit()
            raise
        verdict = result.to_dict()
        run.verdict = json.dumps(verdict, ensure_ascii=False)
        run.verdict_status = verdict.get("status", "")
        run.passed = bool(verdict.get("passed"))
        run.score = verdict.get("score")
        run.duration_ms = verdict.get("duration_ms")
        run.status = "failed" if run.verdict_status == "internal_error" else "graded"
        run.finished_at = utcnow()
        db.session.commit()
        seconds = run.duration_ms / 1000 if run.duration_ms is not None else None
        metrics.grading_finished(exercise, run.verdict_status, seconds)
        log.info(
            "grading verdict",
            extra=trace
            | {"status": run.status, "verdict_status": run.verdict_status, "score": run.score},
        )
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


def _reason_line(trace: str) -> str:
    """The trace's last note before its result line (the grader's public reason)."""
    lines = [line.strip() for line in trace.splitlines() if line.strip()]
    return lines[-2] if len(lines) > 1 else (lines[0] if lines else "internal_error")


def _grade(app, run: GradingRun):
    """The grader's Verdict for a run's submission (InfrastructureUnavailable without a sandbox)."""
    import grader

    if not grader.sandbox_available():
        raise InfrastructureUnavailable("the Docker engine or the grader image is not available")
    exercise_dir = os.path.join(app.config["EXERCISES_DIR"], run.submission.exercise)
    exercise = grader.load_exercise(exercise_dir)
    from school101.services.grading.runs import unpack

    with tempfile.TemporaryDirectory(prefix="s101-sub-") as tmp:
        unpack(run.submission.archive, tmp)
        return grader.grade(exercise, tmp)


def _after_graded(run: GradingRun) -> None:
    """Announce the verdict to what waits for it (exam levels); receivers never raise."""
    signals.grading_run_finished.send(run)


def grade_day_job(grading_id: int) -> str:
    """Grade one candidate's day: last submissions before the deadline, in order (grade_day)."""
    import grader
    from school101.models import DayGrading
    from school101.services.grading.deadline import day_row, dump_ids, last_submissions
    from school101.services.grading.runs import unpack

    app = job_app()
    with app.app_context():
        row = db.session.get(DayGrading, grading_id)
        if row is None:
            return "missing"
        if row.status not in ("queued", "running"):
            return "already-finished"  # a late duplicate (the sweeper re-enqueued a lost job)
        if not grader.sandbox_available():
            row.error = "the Docker engine or the grader image is not available"
            db.session.commit()
            raise InfrastructureUnavailable(row.error)
        row.status, row.started_at = "running", utcnow()
        row.worker = f"{socket.gethostname()}:{os.getpid()}"
        db.session.commit()
        day = day_row(row.piscine_id, row.day_id)
        subs = last_submissions(
            row.piscine_id, row.user_id, row.day_id, day.closes_at, team_id=row.team_id
        )
        only = _team_exercise(row)
        if only:
            subs = {k: v for k, v in subs.items() if k == only}
        try:
            with tempfile.TemporaryDirectory(prefix="s101-day-") as repo:
                for name, submission in subs.items():
                    os.mkdir(os.path.join(repo, name))
                    unpack(submission.archive, os.path.join(repo, name))
                day_dir = os.path.join(app.config["EXERCISES_DIR"], row.day_id)
                if only:
                    result = _grade_one(day_dir, only, repo)
                else:
                    result = grader.grade_day(day_dir, repo)
            if result.infrastructure:  # an exercise met a failing engine: grade the day again
                raise InfrastructureUnavailable("the sandbox failed during the day's grading")
        except Exception as exc:
            db.session.rollback()
            retry = _retryable(exc)
            if retry:
                metrics.infrastructure_failure("day")
            row.status, row.error = (
                ("queued" if retry else "failed"),
                f"{type(exc).__name__}: {exc}"[:2000],
            )
            row.finished_at = None if retry else utcnow()
            db.session.commit()
            raise
        verdict = result.to_dict()
        row.submissions = dump_ids(subs)
        row.verdict = json.dumps(verdict, ensure_ascii=False)
        row.score, row.max_score = verdict["score"], verdict["max_score"]
        row.status, row.finished_at = "graded", utcnow()
        db.session.commit()
        return "graded"


def _team_exercise(row) -> str:
    """The one exercise a rush team turns in (rush00's variant), '' for every exercise."""
    from school101.models import RushTeam

    team = db.session.get(RushTeam, row.team_id) if row.team_id else None
    return team.exercise if team is not None else ""


def _grade_one(day_dir: str, name: str, repo: str):
    """A day verdict over one exercise of the day (a rush team's own variant): its weight is
    the whole mark."""
    import grader

    started = time.monotonic()
    exercise = grader.load_exercise(os.path.join(day_dir, name))
    folder = os.path.join(repo, name)
    os.makedirs(folder, exist_ok=True)
    verdict = grader.grade(exercise, folder)
    return grader.DayVerdict(
        day=os.path.basename(os.path.normpath(day_dir)),
        passed=verdict.passed,
        score=exercise.weight if verdict.passed else 0,
        max_score=exercise.weight,
        stopped_at=None if verdict.passed else exercise.id,
        verdicts=(verdict,),
        duration_ms=int((time.monotonic() - started) * 1000),
    )


def on_grading_failure(job, connection, exc_type, exc_value, traceback) -> None:
    """RQ failure callback of grading jobs: once no retry is left, the row becomes `failed`.

    RQ calls it after every failed attempt, before deciding whether to retry; with retries
    left it does nothing (the row stays queued for the next attempt).
    """
    if job.retries_left:
        return
    from school101.services.grading.recovery import give_up

    name = getattr(exc_type, "__name__", "Error")
    app = job_app()
    with app.app_context():
        give_up(
            job.func_name,
            job.args[0] if job.args else None,
            f"no attempt left after {name}: {exc_value}",
        )
