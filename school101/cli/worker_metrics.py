"""The worker's own metrics endpoint (WORKER_METRICS_PORT on WORKER_METRICS_HOST, 127.0.0.1 by
default): the grading and mail series its work horses record (core/metrics.py)."""

from __future__ import annotations

import atexit
import shutil
import tempfile

import click
from flask import Flask


def start_worker_metrics(app: Flask) -> int | None:
    """Serve the worker's series over HTTP when WORKER_METRICS_PORT is set; returns the port
    or None. The series live in a private folder of this worker process (removed at exit), so
    two workers on one host never mix their files; a port already taken is reported and the
    worker runs on without metrics."""
    from school101.core.metrics import record_in_directory, record_in_memory

    port = int(app.config.get("WORKER_METRICS_PORT") or 0)
    if not port:
        record_in_memory()
        return None
    from prometheus_client import CollectorRegistry, start_http_server
    from prometheus_client.multiprocess import MultiProcessCollector

    host = app.config.get("WORKER_METRICS_HOST") or "127.0.0.1"
    folder = tempfile.mkdtemp(prefix="s101-worker-metrics-")
    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=folder)
    try:
        start_http_server(port, addr=host, registry=registry)
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        click.echo(f"worker metrics not served on {host}:{port}: {exc}", err=True)
        record_in_memory()
        return None
    record_in_directory(folder)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    click.echo(f"worker metrics on http://{host}:{port}/metrics", err=True)
    return port
