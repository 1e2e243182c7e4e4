"""Request ids: one id per web request, carried into the RQ jobs it enqueues, so one submission
can be followed in the logs from its upload to its verdict (docs/operations.md).

A web request takes the id of its `X-Request-ID` header when the header is a plausible id (the
proxy's), or a new one. Jobs enqueued meanwhile keep it in their meta (`core/queues.py`), and
while a job runs the worker's log lines carry the job's id and that request id.
"""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar

HEADER = "X-Request-ID"
META_KEY = "request_id"

# Letters, digits and - _ . : only, up to 64 characters: enough for a UUID or a proxy's id,
# nothing that could forge a log line or smuggle markup into a page.
_VALID = re.compile(r"[A-Za-z0-9._:-]{8,64}")
_current: ContextVar[str | None] = ContextVar("school101_request_id", default=None)


def accepted_or_new(incoming: str | None) -> str:
    """`incoming` when it is a plausible request id, else a new random one."""
    if incoming and _VALID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


def set_request_id(value: str | None):
    """Make `value` the id of what runs now; returns the token `reset_request_id` takes."""
    return _current.set(value)


def reset_request_id(token) -> None:
    """Forget the id set with `token` (the end of a request)."""
    _current.reset(token)


def current_request_id() -> str | None:
    """The id of the web request being served, or of the request that enqueued the RQ job
    being run, or None (a command, a periodic duty)."""
    value = _current.get()
    if value:
        return value
    job = current_job()
    if job is not None:
        return (job.meta or {}).get(META_KEY)
    return None


def current_job():
    """The RQ job being run in this process, or None."""
    try:
        from rq import get_current_job

        return get_current_job()
    except Exception:  # never let logging fail
        return None
