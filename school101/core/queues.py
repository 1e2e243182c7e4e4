"""Access to the RQ queues on the configured Redis."""

from __future__ import annotations

from flask import current_app
from redis import Redis
from rq import Queue

GRADING_QUEUE = "grading"
MAIL_QUEUE = "mail"


def redis_connection(*, timeout: float | None = None) -> Redis:
    """A Redis connection for REDIS_URL (raises when it is not configured); `timeout` bounds
    connecting and each command, for callers that must not hang when Redis is down."""
    url = current_app.config.get("REDIS_URL")
    if not url:
        raise RuntimeError("REDIS_URL is not configured")
    if timeout is None:
        return Redis.from_url(url)
    return Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout)


def grading_queue(connection: Redis | None = None) -> Queue:
    """The grading queue."""
    return Queue(
        GRADING_QUEUE,
        connection=connection or redis_connection(),
        default_timeout=current_app.config.get("GRADING_JOB_TIMEOUT", 600),
    )


def mail_queue(connection: Redis | None = None) -> Queue:
    """The mail delivery queue (short jobs; connecting gives up after 2 s when Redis is down)."""
    return Queue(
        MAIL_QUEUE, connection=connection or redis_connection(timeout=2.0), default_timeout=120
    )
