"""Probes for the deployment recipe and the load balancer: /healthz (the process answers) and
/readyz (its database, Redis and, on worker hosts, Docker answer). No login, no rate limit,
no personal data; a failed check names the check and the kind of error only."""

from __future__ import annotations

from flask import Flask, current_app, jsonify, request
from sqlalchemy import text

from school101.extensions import db, limiter

PROBE_TIMEOUT_SECONDS = 2.0


def init_health(app: Flask) -> None:
    """Register /healthz and /readyz (exempt from the rate limits)."""
    app.add_url_rule("/healthz", "healthz", limiter.exempt(healthz))
    app.add_url_rule("/readyz", "readyz", limiter.exempt(readyz))


def healthz():
    """200 while the process serves requests; touches nothing else."""
    return jsonify(status="ok")


def readyz():
    """200 when every dependency answers, else 503; `checks` says which one failed.

    Docker is checked on worker hosts (READYZ_DOCKER=1) or when asked (`?docker=1`)."""
    checks = {"database": _check(_database), "redis": _check(_redis)}
    if current_app.config.get("READYZ_DOCKER") or request.args.get("docker") == "1":
        checks["docker"] = _check(_docker)
    ready = all(result in ("ok", "not configured") for result in checks.values())
    return jsonify(status="ready" if ready else "unavailable", checks=checks), (
        200 if ready else 503
    )


def _check(probe) -> str:
    """`ok`, `not configured`, or `failed: ErrorType` (never the message: it may name hosts)."""
    try:
        return probe()
    except Exception as exc:
        return f"failed: {type(exc).__name__}"


def _database() -> str:
    try:
        db.session.execute(text("SELECT 1"))
    finally:
        db.session.rollback()
    return "ok"


def _redis() -> str:
    from school101.core.queues import redis_connection

    if not current_app.config.get("REDIS_URL"):
        return "not configured"
    connection = redis_connection(timeout=PROBE_TIMEOUT_SECONDS)
    try:
        connection.ping()
    finally:
        connection.close()
    return "ok"


def _docker() -> str:
    import docker

    client = docker.from_env(timeout=PROBE_TIMEOUT_SECONDS)
    try:
        client.ping()
    finally:
        client.close()
    return "ok"
