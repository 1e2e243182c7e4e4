"""Request ids, /healthz and /readyz, and /metrics for every app (docs/operations.md)."""

from __future__ import annotations

from flask import Flask

from school101.web.health import init_health
from school101.web.metrics import init_metrics
from school101.web.request_ids import init_request_ids


def init_observability(app: Flask) -> None:
    """Install the request-id hooks, the probes and the metrics endpoint on `app`."""
    init_request_ids(app)
    init_health(app)
    init_metrics(app)
