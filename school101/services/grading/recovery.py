"""When gradings go wrong: give up after the last retry, reconcile lost jobs, re-grade a run.

Retry policy (docs/grader.md, "Retries"): an attempt that meets an infrastructure failure
(no engine or image at start, an engine that dies or hangs under the run, a job timeout)
puts its row back to `queued` and raises, so RQ tries again after 10, 30 and 60 s. Once no
retry is left, `tasks.on_grading_failure` calls `give_up` and the row becomes `failed`.
Whatever the submission causes is a verdict and is never retried. The sweeper
(`reconcile_stuck`, every 30 s in each worker) catches what no callback saw: a row still
queued or running long after any job could have ended, whose job RQ no longer holds.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from rq.exceptions import NoSuchJobError
from rq.job import Job

from school101.core import audit, signals
from school101.core.errors import Conflict, Forbidden, ValidationFailed
from school101.core.queues import grading_queue
from school101.extensions import db
from school101.models import DayGrading, GradingRun
from school101.models._base import utcnow
from school101.services.grading.runs import RETRY, enqueue_job, enqueue_run, get_run

ACTIVE = ("queued", "running")
#: job entry point -> (row model, job id prefix)
JOBS = {
    "school101.jobs.grading.grade_run": (GradingRun, "grading-run"),
    "school101.jobs.grading.grade_day_job": (DayGrading, "day-grading"),
}
#: RQ still owns a job in these states: it will run, run again, or fail with the callback
RQ_HOLDS = {"queued", "scheduled", "deferred", "started"}
SWEPT = "-swept-"  # in the job id of a job the sweeper enqueued again (once only)


def give_up(func_name: str, row_id: int | None, error: str) -> bool:
    """Mark the row of a grading job `failed` if it is still queued or running (a verdict stored
    meanwhile wins: conditional update). Commits; True when the row changed."""
    model = JOBS.get(func_name, (None, ""))[0]
    if model is None or row_id is None:
        return False
    changed = db.session.execute(
        db.update(model)
        .where(model.id == row_id, model.status.in_(ACTIVE))
        .values(status="failed", finished_at=utcnow(), error=error[:2000])
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    if changed:
        current_app.logger.warning(
            "%s %s failed for good: %s", model.__tablename__, row_id, error[:300]
        )
        if model is GradingRun:  # e.g. an exam try waiting for this run learns it failed
            signals.grading_run_finished.send(db.session.get(GradingRun, row_id))
    return bool(changed)


def stale_after() -> timedelta:
    """Longer than any job can take: every attempt up to the job timeout, every retry wait,
    and ten minutes of margin (47 min with the defaults)."""
    timeout = int(current_app.config.get("GRADING_JOB_TIMEOUT", 600))
    return timedelta(seconds=timeout * (RETRY.max + 1) + sum(RETRY.intervals) + 600)


def _job_state(connection, job_id: str) -> str:
    if not job_id:
        return "missing"
    try:
        job = Job.fetch(job_id, connection=connection)
    except NoSuchJobError:
        return "missing"
    status = job.get_status(refresh=False)
    return str(status.value if hasattr(status, "value") else status or "missing")


def reconcile_stuck(now: datetime | None = None, limit: int = 100) -> dict[str, int]:
    """Sweeper duty: rows queued or running for longer than `stale_after()` whose job RQ no
    longer holds. A job RQ failed makes the row failed; a lost job (gone from Redis, or ended
    without storing anything) is enqueued again once, and failed the second time. Commits."""
    cutoff = (now or utcnow()) - stale_after()
    queue = grading_queue()
    counts = {"requeued": 0, "failed": 0}
    for func_name, (model, prefix) in JOBS.items():
        rows = db.session.scalars(
            db.select(model)
            .where(
                model.status.in_(ACTIVE),
                db.func.coalesce(model.started_at, model.queued_at) < cutoff,
            )
            .order_by(model.id)
            .limit(limit)
        ).all()
        for row in rows:
            state = _job_state(queue.connection, row.job_id)
            if state in RQ_HOLDS:
                continue
            if state == "failed" or SWEPT in row.job_id:
                if give_up(
                    func_name, row.id, f"the sweeper found job {row.job_id or '-'} {state}; gave up"
                ):
                    counts["failed"] += 1
                continue
            old = row.job_id or "-"
            row.job_id = enqueue_job(
                func_name,
                row.id,
                f"{prefix}-{row.id}{SWEPT}{int(utcnow().timestamp() * 1000)}",
                queue=queue,
            ).id
            row.status, row.error = (
                "queued",
                f"the sweeper enqueued it again: job {old} was {state}",
            )
            db.session.commit()
            current_app.logger.warning(
                "%s %s enqueued again: job %s was %s", model.__tablename__, row.id, old, state
            )
            counts["requeued"] += 1
    return counts


def requeue_lost_queued(now: datetime | None = None, limit: int = 500) -> int:
    """Sweeper duty, the fast path: rows still `queued` whose job Redis does not hold (Redis
    restarted empty, or was down when the row was committed) are enqueued again once they are
    older than GRADING_LOST_JOB_GRACE_SECONDS. A queued row's job is enqueued before its row
    commits, so a visible row without its job is a lost one; `running` rows are left to
    `reconcile_stuck` (their worker may still store a verdict). Commits; returns how many."""
    grace = int(current_app.config.get("GRADING_LOST_JOB_GRACE_SECONDS", 60))
    cutoff = (now or utcnow()) - timedelta(seconds=grace)
    queue = grading_queue()
    count = 0
    for func_name, (model, prefix) in JOBS.items():
        rows = db.session.scalars(
            db.select(model)
            .where(model.status == "queued", model.queued_at < cutoff)
            .order_by(model.id)
            .limit(limit)
        ).all()
        for row in rows:
            if _job_state(queue.connection, row.job_id) != "missing":
                continue
            old = row.job_id or "-"
            row.job_id = enqueue_job(
                func_name,
                row.id,
                f"{prefix}-{row.id}-lost-{int(utcnow().timestamp() * 1000)}",
                queue=queue,
            ).id
            row.error = f"enqueued again: job {old} was lost by the queue"
            db.session.commit()
            current_app.logger.warning(
                "%s %s enqueued again: job %s was lost", model.__tablename__, row.id, old
            )
            count += 1
    return count


def regrade_run(run_id: int, *, actor, reason: str) -> GradingRun:
    """Grade a run's submission again as a new run (the old run stays as history); audited.

    `actor` is a staff member (None from the command line). Conflict while a run of the same
    submission is still queued or running. The caller commits.
    """
    if actor is not None and not actor.has_role("staff", "admin"):
        raise Forbidden(_l("Your role does not allow this."), code="forbidden")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(
            _l("A reason is required."), fields={"reason": _l("A reason is required.")}
        )
    run = get_run(run_id)
    busy = db.session.scalar(
        db.select(GradingRun.id)
        .where(GradingRun.submission_id == run.submission_id, GradingRun.status.in_(ACTIVE))
        .limit(1)
    )
    if busy is not None:
        raise Conflict(
            _l("Run #%(id)d of this submission is still being graded.", id=busy),
            code="grading_in_progress",
        )
    new = enqueue_run(run.submission, reason="regrade")
    audit.record(
        "grading.regraded",
        actor=actor,
        target=run,
        reason=reason,
        before={"run": run.id, "status": run.status, "verdict_status": run.verdict_status},
        after={"run": new.id, "submission": run.submission_id},
    )
    return new


def regrade_submission(submission, *, actor, reason: str) -> GradingRun:
    """`regrade_run` on a submission's latest run; Conflict when it was never graded (kept for
    the deadline grading, which grades whole days: see services.deadline.rerun_day)."""
    latest = db.session.scalar(
        db.select(GradingRun.id)
        .where(GradingRun.submission_id == submission.id)
        .order_by(GradingRun.id.desc())
        .limit(1)
    )
    if latest is None:
        raise Conflict(_l("This submission has no grading to do again."), code="never_graded")
    return regrade_run(latest, actor=actor, reason=reason)
