"""Access to the RQ queues on the configured Redis."""
from __future__ import annotations

from flask import current_app
from redis import Redis
from rq import Queue

GRADING_QUEUE = "grading"


def redis_connection() -> Redis:
    """A Redis connection for REDIS_URL (raises when it is not configured)."""
    url = current_app.config.get("REDIS_URL")
    if not url:
        raise RuntimeError("REDIS_URL is not configured")
    return Redis.from_url(url)


def grading_queue(connection: Redis | None = None) -> Queue:
    """The grading queue."""
    return Queue(GRADING_QUEUE, connection=connection or redis_connection(),
                 default_timeout=current_app.config.get("GRADING_JOB_TIMEOUT", 600))
