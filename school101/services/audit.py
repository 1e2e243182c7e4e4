"""The audit trail: every state change that matters writes a row (who, when, what, why)."""
from __future__ import annotations

import json

from ..extensions import db
from ..models import AuditLog


def record(action: str, *, actor=None, target=None, target_type: str = "", target_id=None,
           before=None, after=None, reason: str = "") -> AuditLog:
    """Add an audit row to the current transaction (the caller commits)."""
    if target is not None:
        target_type = target_type or target.__tablename__
        target_id = target_id if target_id is not None else target.id
    row = AuditLog(
        actor_id=getattr(actor, "id", actor),
        action=action,
        target_type=target_type,
        target_id=target_id,
        before=_dump(before),
        after=_dump(after),
        reason=reason or "",
    )
    db.session.add(row)
    return row


def _dump(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
