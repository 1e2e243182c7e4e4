"""Prometheus metrics of the web processes at /metrics (prometheus-flask-exporter for request
latency by endpoint, prometheus-client for the rest; docs/operations.md).

Not public: the endpoint answers only with `Authorization: Bearer <METRICS_TOKEN>` (401 with a
wrong or missing token) and does not exist while METRICS_TOKEN is unset (404). Under gunicorn,
set PROMETHEUS_MULTIPROC_DIR (an empty folder, before start): every worker process then
writes its series there and a scrape adds them up, whichever process answers.
"""

from __future__ import annotations

import hmac
import os

from flask import Flask, Response, abort, current_app, request
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily

from school101.extensions import db, limiter

NOT_MEASURED = [r"^/metrics$", r"^/healthz$", r"^/readyz$", r"^/static/"]


def init_metrics(app: Flask) -> None:
    """Measure every request (by endpoint, method and status) and register /metrics."""
    from prometheus_flask_exporter import PrometheusMetrics

    # One registry per app: tests build many apps in one process, and the exporter would refuse
    # to register its series twice in the default registry (each later app unmeasured).
    registry = CollectorRegistry(auto_describe=True)
    PrometheusMetrics(
        app, path=None, registry=registry, group_by="endpoint", excluded_paths=NOT_MEASURED
    )
    app.extensions["metrics_registry"] = registry
    app.add_url_rule("/metrics", "metrics", limiter.exempt(metrics))


def metrics():
    """The exposition text (see the module's docstring for who may read it)."""
    token = current_app.config.get("METRICS_TOKEN") or ""
    if not token:
        abort(404)
    sent = request.headers.get("Authorization", "")
    if not hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
        return Response(
            "metrics need the bearer token (METRICS_TOKEN)\n",
            401,
            {"WWW-Authenticate": 'Bearer realm="metrics"'},
            mimetype="text/plain",
        )
    return Response(generate_latest(_scrape_registry()), mimetype=CONTENT_TYPE_LATEST)


def _scrape_registry() -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=False)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(_Forward(current_app.extensions["metrics_registry"]))
        registry.register(_Forward(REGISTRY))
    registry.register(LiveFigures())
    return registry


class _Forward:
    """Collects another registry's series (this process's, single-process mode)."""

    def __init__(self, source: CollectorRegistry) -> None:
        self.source = source

    def collect(self):
        yield from self.source.collect()


class LiveFigures:
    """Figures computed at scrape time: the RQ queues (depth, age of the oldest waiting job,
    failed jobs), the workers registered, bookings and waitlists per piscine, the mail outbox."""

    def collect(self):
        from school101.web.system_status import queues_and_workers

        live = queues_and_workers()
        up = GaugeMetricFamily("school101_redis_up", "1 when the queues' Redis answered")
        up.add_metric([], 0 if live["redis_error"] else 1)
        yield up
        if not live["redis_error"]:
            yield from _queue_families(live["queues"], live["workers"])
        try:
            yield from _database_families()
        except Exception:  # the scrape still tells Redis's and the process's state
            db.session.rollback()
            down = GaugeMetricFamily("school101_database_up", "1 when the database answered")
            down.add_metric([], 0)
            yield down


def _database_families():
    """Database figures; the queries all run before the first series is yielded, so a failing
    database yields nothing here (the caller reports it down)."""
    from school101.web.system_status import booking_sizes, outbox_backlog

    sizes, backlog = booking_sizes(), outbox_backlog()
    up = GaugeMetricFamily("school101_database_up", "1 when the database answered")
    up.add_metric([], 1)
    bookings = GaugeMetricFamily(
        "school101_piscine_bookings",
        "Booked seats and waitlisted candidates per piscine",
        labels=("piscine", "status"),
    )
    for piscine_id, status, count in sizes:
        bookings.add_metric([str(piscine_id), status], count)
    outbox = GaugeMetricFamily(
        "school101_mail_outbox", "Outbox mails not sent, by status", labels=("status",)
    )
    for status, count in backlog.items():
        outbox.add_metric([status], count)
    yield from (up, bookings, outbox)


def _queue_families(queues: list[dict], workers: list[dict]):
    depth = GaugeMetricFamily(
        "school101_queue_depth", "Jobs waiting in an RQ queue", labels=("queue",)
    )
    age = GaugeMetricFamily(
        "school101_queue_oldest_job_age_seconds",
        "Seconds the oldest waiting job of an RQ queue has waited (0 when none waits)",
        labels=("queue",),
    )
    failed = GaugeMetricFamily(
        "school101_queue_failed_jobs", "Jobs in an RQ queue's failed registry", labels=("queue",)
    )
    for queue in queues:
        depth.add_metric([queue["name"]], queue["depth"])
        age.add_metric([queue["name"]], queue["oldest_age_seconds"] or 0)
        failed.add_metric([queue["name"]], queue["failed"])
    count = GaugeMetricFamily("school101_workers", "RQ workers registered in Redis")
    count.add_metric([], len(workers))
    yield from (depth, age, failed, count)
