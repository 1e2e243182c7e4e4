"""Log lines: plain text (the default, for `make run`) or JSON lines (LOG_FORMAT=json, for
production), each with the request id of the web request (or of the request that enqueued the
RQ job) being served, and the RQ job id in the worker."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

from school101.core.request_ids import current_job, current_request_id

# Attributes every LogRecord has: whatever else a record carries came from `extra=` and is kept.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "taskName",
}


class JsonLineFormatter(logging.Formatter):
    """One JSON object per line: ts (ISO UTC), level, logger, message, request_id, job_id,
    the record's `extra` fields (submission_id, run_id, ...) and the exception, if any."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = current_request_id()
        if request_id:
            line["request_id"] = request_id
        job = current_job()
        if job is not None:
            line["job_id"] = job.id
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_") and key not in line:
                line[key] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class PlainFormatter(logging.Formatter):
    """`time level logger [request id] message`, readable in a terminal."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s%(rid)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        request_id = current_request_id()
        record.rid = f" [{request_id}]" if request_id else ""
        return super().format(record)


class _Handler(logging.StreamHandler):
    """The handler this module installs (recognised so a second app replaces, not adds, it)."""


def configure_logging(log_format: str, level: str = "INFO") -> None:
    """Send the root logger's records to stderr as JSON lines (`json`) or plain text (`text`).

    Idempotent: called by `create_app` when LOG_FORMAT is set, it replaces the handler it
    installed before and leaves the others (pytest's, gunicorn's) alone. An unknown format
    means text.
    """
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _Handler)]:
        root.removeHandler(handler)
    handler = _Handler(sys.stderr)
    handler.setFormatter(
        JsonLineFormatter() if log_format.strip().lower() == "json" else PlainFormatter()
    )
    root.addHandler(handler)
    root.setLevel(level.upper() if isinstance(level, str) else level)
