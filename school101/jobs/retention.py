"""The daily retention job, scheduled on the worker's RQ scheduler."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from school101.core.clock import PARIS
from school101.extensions import db
from school101.jobs.context import job_app
from school101.models._base import utcnow
from school101.services.privacy.retention import DAILY_AT, run

log = logging.getLogger(__name__)


def next_daily_run(now: datetime) -> datetime:
    """The next DAILY_AT (Paris time) strictly after `now`, in UTC."""
    local = now.astimezone(PARIS)
    moment = datetime.combine(local.date(), DAILY_AT, PARIS)
    if moment <= local:
        moment = datetime.combine(local.date() + timedelta(days=1), DAILY_AT, PARIS)
    return moment.astimezone(UTC)


def schedule_daily(queue, now: datetime | None = None):
    """Schedule `scheduled_retention` in `queue` at the next 03:17 Paris time (idempotent).

    One job per day, id `retention-YYYY-MM-DD`: calling this at every worker start never
    duplicates it; the job schedules the next day's when it runs. The worker must run RQ's
    scheduler (`Worker(..., with_scheduler=True)`, as `flask worker` does) and listen on `queue`.
    """
    from rq.exceptions import NoSuchJobError
    from rq.job import Job

    at = next_daily_run(now or utcnow())
    job_id = f"retention-{at.astimezone(PARIS).date().isoformat()}"
    try:
        return Job.fetch(job_id, connection=queue.connection)
    except NoSuchJobError:
        return queue.enqueue_at(
            at,
            scheduled_retention,
            kwargs={"reschedule": True},
            job_id=job_id,
            result_ttl=7 * 86400,
            failure_ttl=30 * 86400,
        )


def scheduled_retention(reschedule: bool = False) -> dict:
    """RQ entry point: run the job (in an app context) and return the counts.

    With `reschedule`, the next day's run is scheduled in the same queue, even when this
    one fails (the failure is logged and kept by RQ).
    """
    try:
        app = job_app()
        with app.app_context():
            return _scheduled(app)
    finally:
        if reschedule:
            _reschedule()


def _reschedule() -> None:
    from rq import Queue, get_current_job

    job = get_current_job()
    if job is not None:
        schedule_daily(Queue(job.origin, connection=job.connection))


def _scheduled(app) -> dict:
    try:
        result = run(utcnow())
    except Exception:
        db.session.rollback()
        log.exception("retention run failed")
        raise
    counts = result.plan.counts() | {"anonymised": result.anonymised, "audit_id": result.audit_id}
    app.logger.info("retention run: %s", counts)
    return counts
