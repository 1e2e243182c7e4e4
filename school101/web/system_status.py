"""The state of the installation as staff and the metrics scrape see it: RQ queues and
workers, the mail outbox backlog, bookings, and the last backup (`flask backup create` writes
one folder per backup under BACKUP_DIR, each with a manifest.json holding `created_at`)."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime

from flask import current_app

from school101.extensions import db
from school101.models import Booking, OutboxMail

BACKLOG_STATUSES = ("pending", "failed")
BOOKING_STATUSES = ("booked", "waitlisted")


def system_summary() -> dict:
    """Everything the staff system page shows (and its API twin returns), read now."""
    now = datetime.now(UTC)
    live = queues_and_workers(now)
    return {
        "checked_at": now.isoformat(),
        **live,
        "mail": outbox_backlog() | {"oldest_pending_age_seconds": _oldest_pending_age(now)},
        "backup": last_backup(now),
    }


def queues_and_workers(now: datetime | None = None) -> dict:
    """`queues` and `workers` (core/queue_health.py), or empty lists and `redis_error` (the
    error's kind only) when Redis is not configured or does not answer."""
    from school101.core.queue_health import queue_figures, workers_seen
    from school101.core.queues import redis_connection

    if not current_app.config.get("REDIS_URL"):
        return {"queues": [], "workers": [], "redis_error": "REDIS_URL is not configured"}
    try:
        connection = redis_connection(timeout=2.0)
        return {
            "queues": queue_figures(connection, now),
            "workers": workers_seen(connection, now),
            "redis_error": "",
        }
    except Exception as exc:
        return {"queues": [], "workers": [], "redis_error": type(exc).__name__}


def outbox_backlog() -> dict[str, int]:
    """Outbox mails waiting to be sent (`pending`) and given up (`failed`)."""
    counts = dict(
        db.session.execute(
            db.select(OutboxMail.status, db.func.count())
            .where(OutboxMail.status.in_(BACKLOG_STATUSES))
            .group_by(OutboxMail.status)
        ).all()
    )
    return {status: counts.get(status, 0) for status in BACKLOG_STATUSES}


def _oldest_pending_age(now: datetime) -> float | None:
    oldest = db.session.scalar(
        db.select(db.func.min(OutboxMail.created_at)).where(OutboxMail.status == "pending")
    )
    if oldest is None:
        return None
    if oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=UTC)
    return round(max((now - oldest).total_seconds(), 0.0), 1)


def booking_sizes() -> list[tuple[int, str, int]]:
    """(piscine id, `booked` or `waitlisted`, how many) for every piscine that has any."""
    rows = db.session.execute(
        db.select(Booking.piscine_id, Booking.status, db.func.count())
        .where(Booking.status.in_(BOOKING_STATUSES))
        .group_by(Booking.piscine_id, Booking.status)
        .order_by(Booking.piscine_id, Booking.status)
    ).all()
    return [(piscine_id, status, count) for piscine_id, status, count in rows]


def backup_dir() -> str:
    """BACKUP_DIR (setting or environment), else <instance>/backups."""
    return (
        current_app.config.get("BACKUP_DIR")
        or os.environ.get("BACKUP_DIR")
        or os.path.join(current_app.instance_path, "backups")
    )


def last_backup(now: datetime | None = None) -> dict | None:
    """The newest backup (`name`, `created_at` ISO UTC, `age_seconds`), or None when there is
    none. Hidden folders (being written) and folders without a readable manifest.json holding
    `created_at` are not backups."""
    now = now or datetime.now(UTC)
    folder = backup_dir()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return None
    newest = None
    for entry in entries:
        if entry.name.startswith("."):  # a backup being written (.partial-...)
            continue
        created = _created_at(os.path.join(entry.path, "manifest.json"))
        if created is not None and (newest is None or created > newest[1]):
            newest = (entry.name, created)
    if newest is None:
        return None
    name, created = newest
    return {
        "name": name,
        "created_at": created.isoformat(),
        "age_seconds": round(max((now - created).total_seconds(), 0.0), 1),
    }


def _created_at(manifest: str) -> datetime | None:
    try:
        with open(manifest, encoding="utf-8") as handle:
            value = json.load(handle).get("created_at")
        created = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except (OSError, ValueError, AttributeError, TypeError):
        return None
    return created if created.tzinfo else created.replace(tzinfo=UTC)
