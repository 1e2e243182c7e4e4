"""What the RQ queues look like now (depth, oldest waiting job, failures) and which workers
were seen: read from Redis by the metrics scrape and the staff system page."""

from __future__ import annotations

from datetime import UTC, datetime

from redis import Redis
from rq import Queue, Worker
from rq.exceptions import NoSuchJobError
from rq.job import Job

from school101.core.queues import QUEUE_NAMES


def queue_figures(connection: Redis, now: datetime | None = None) -> list[dict]:
    """One dict per queue: name, depth (jobs waiting), oldest_age_seconds (of the job waiting
    longest, None when none waits), started, failed (RQ's failed registry) and scheduled."""
    now = now or datetime.now(UTC)
    figures = []
    for name in QUEUE_NAMES:
        queue = Queue(name, connection=connection)
        figures.append(
            {
                "name": name,
                "depth": queue.count,
                "oldest_age_seconds": _oldest_age(queue, now),
                "started": queue.started_job_registry.count,
                "failed": queue.failed_job_registry.count,
                "scheduled": queue.scheduled_job_registry.count,
            }
        )
    return figures


def _oldest_age(queue: Queue, now: datetime) -> float | None:
    """Seconds since the head of the queue was enqueued (a job deleted meanwhile is skipped)."""
    for job_id in queue.get_job_ids(0, 5):
        try:
            job = Job.fetch(job_id, connection=queue.connection)
        except NoSuchJobError:
            continue
        if job.enqueued_at is not None:
            return round(max((now - job.enqueued_at).total_seconds(), 0.0), 1)
    return None


def workers_seen(connection: Redis, now: datetime | None = None) -> list[dict]:
    """The workers registered in Redis (they leave when they stop; a dead one expires after its
    heartbeat lapses): name, host, pid, state, queues, current job and seconds since the
    last heartbeat."""
    now = now or datetime.now(UTC)
    seen = []
    for worker in sorted(Worker.all(connection=connection), key=lambda w: w.name):
        beat = worker.last_heartbeat
        seen.append(
            {
                "name": worker.name,
                "hostname": worker.hostname or "",
                "pid": worker.pid,
                "state": str(getattr(worker.get_state(), "value", worker.get_state())),
                "queues": worker.queue_names(),
                "current_job": worker.get_current_job_id(),
                "last_heartbeat": beat.isoformat() if beat else None,
                "heartbeat_age_seconds": round((now - beat).total_seconds(), 1) if beat else None,
            }
        )
    return seen
