"""The Prometheus series the application records where things happen (prometheus-client).

Created on first use, once per process, in the default registry. The web processes expose them
with the request latencies at /metrics (web/metrics.py); the worker, whose work horses (one
forked process per job) record the grading and mail series, exposes them on its own port
(cli/worker_metrics.py) after `record_in_directory`.
"""

from __future__ import annotations

import os
import threading

# Grading takes from a second to the job timeout (600 s by default).
GRADING_BUCKETS = (0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600)

_series: dict[str, object] = {}
_lock = threading.Lock()


def _get(name: str, kind: str, documentation: str, labels: tuple[str, ...], **options):
    with _lock:
        if name not in _series:
            import prometheus_client

            cls = {"counter": prometheus_client.Counter, "histogram": prometheus_client.Histogram}
            _series[name] = cls[kind](name, documentation, labels, **options)
        return _series[name]


def grading_finished(exercise: str, verdict_status: str, seconds: float | None) -> None:
    """A run got its verdict: count it by exercise and status, and time it by exercise."""
    _get(
        "school101_grading_verdicts_total",
        "counter",
        "Grading verdicts by exercise and verdict status",
        ("exercise", "status"),
    ).labels(exercise=exercise, status=verdict_status or "unknown").inc()
    if seconds is not None:
        _get(
            "school101_grading_duration_seconds",
            "histogram",
            "Time the grader took for one run, by exercise",
            ("exercise",),
            buckets=GRADING_BUCKETS,
        ).labels(exercise=exercise).observe(max(seconds, 0.0))


def infrastructure_failure(job: str) -> None:
    """A grading job met a failing sandbox (engine or image missing, engine gone, timeout)."""
    _get(
        "school101_grading_infrastructure_failures_total",
        "counter",
        "Grading attempts that failed for the infrastructure (retried), by job kind",
        ("job",),
    ).labels(job=job).inc()


def mail_delivery_failed(outcome: str) -> None:
    """An SMTP attempt failed: `retry` (another comes), `failed` (permanent) or `gave_up`."""
    _get(
        "school101_mail_delivery_failures_total",
        "counter",
        "Failed e-mail delivery attempts, by outcome (retry, failed, gave_up)",
        ("outcome",),
    ).labels(outcome=outcome).inc()


def record_in_memory() -> None:
    """Keep this process's series in memory, even with PROMETHEUS_MULTIPROC_DIR inherited from
    a web server's environment (a worker without a metrics port: nobody reads them, and its
    work horses must not leave one file each in the web's folder)."""
    from prometheus_client import values

    os.environ.pop("PROMETHEUS_MULTIPROC_DIR", None)
    values.ValueClass = values.MutexValue
    _forget_series()


def record_in_directory(directory: str) -> None:
    """Make this process (the worker) and its work horses record the series in `directory`.

    prometheus-client's multiprocess mode keeps one file per process identifier. RQ forks one
    work horse per job, so with the usual identifier (the pid) the files would grow with every
    job; here the worker process keeps its own file and its successive work horses share one
    (`horse<worker pid>`: a worker runs one horse at a time), which each horse reopens and goes
    on counting in. RQ's scheduler, also forked, records nothing. Call it before any series is
    created (the worker does it at start).
    """
    from prometheus_client import values

    os.makedirs(directory, exist_ok=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = directory
    worker_pid = os.getpid()

    def identifier() -> str:
        return str(worker_pid) if os.getpid() == worker_pid else f"horse{worker_pid}"

    values.ValueClass = values.MultiProcessValue(identifier)
    _forget_series()


def _forget_series() -> None:
    """Drop the series created so far: they are made again, with the new value class."""
    from prometheus_client import REGISTRY

    with _lock:
        for series in _series.values():
            REGISTRY.unregister(series)
        _series.clear()
