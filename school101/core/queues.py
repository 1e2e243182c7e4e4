"""Access to the RQ queues on the configured Redis."""

from __future__ import annotations

from flask import current_app
from redis import Redis
from rq import Queue

from school101.core.request_ids import META_KEY, current_request_id

GRADING_QUEUE = "grading"
MAIL_QUEUE = "mail"
QUEUE_NAMES = (GRADING_QUEUE, MAIL_QUEUE)


class TracedQueue(Queue):
    """A queue whose jobs remember the request id of whoever enqueued them (job meta
    `request_id`), so the worker's log lines of a job name the web request behind it."""

    def create_job(self, *args, **kwargs):
        request_id = current_request_id()
        if request_id:
            kwargs["meta"] = {**(kwargs.get("meta") or {}), META_KEY: request_id}
        return super().create_job(*args, **kwargs)


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
    return TracedQueue(
        GRADING_QUEUE,
        connection=connection or redis_connection(),
        default_timeout=current_app.config.get("GRADING_JOB_TIMEOUT", 600),
    )


def mail_queue(connection: Redis | None = None) -> Queue:
    """The mail delivery queue (short jobs; connecting gives up after 2 s when Redis is down)."""
    return TracedQueue(
        MAIL_QUEUE, connection=connection or redis_connection(timeout=2.0), default_timeout=120
    )
