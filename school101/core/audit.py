"""The audit trail: every state change that matters writes a row (who, when, what, why)."""

from __future__ import annotations

import json
from typing import Any

from flask_babel import lazy_gettext as _l

from school101.core.errors import ValidationFailed
from school101.core.paging import PER_PAGE_DEFAULT, Page, like_escape, paginate, parse_page
from school101.core.permissions import ensure_staff
from school101.extensions import db
from school101.models import (
    AuditLog,
)


def record(
    action: str,
    *,
    actor=None,
    target=None,
    target_type: str = "",
    target_id=None,
    before=None,
    after=None,
    reason: str = "",
) -> AuditLog:
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


def audit_actions(*, actor) -> list[str]:
    ensure_staff(actor)
    return list(db.session.scalars(db.select(AuditLog.action).distinct().order_by(AuditLog.action)))


def audit_log(*, actor, action: str = "", page: Any = 1, per_page: Any = PER_PAGE_DEFAULT) -> Page:
    """The audit log, newest first, optionally for one action (exact) or a family ("user.")."""
    ensure_staff(actor)
    page, per_page = parse_page(page, per_page)
    query = db.select(AuditLog)
    action = (action or "").strip()[:60]
    if action.endswith("."):
        query = query.where(AuditLog.action.like(f"{like_escape(action)}%", escape="\\"))
    elif action:
        query = query.where(AuditLog.action == action)
    return paginate(query.order_by(AuditLog.at.desc(), AuditLog.id.desc()), page, per_page)


REASON_MAX = 2000


def required_reason(reason: Any) -> str:
    """A written reason for an audited action: required, at most REASON_MAX characters."""
    text = reason.strip() if isinstance(reason, str) else ""
    if not text:
        raise ValidationFailed(
            _l("A reason is required."), fields={"reason": _l("A reason is required.")}
        )
    if len(text) > REASON_MAX:
        raise ValidationFailed(
            _l("Some fields are not valid."),
            fields={"reason": _l("%(n)d characters at most.", n=REASON_MAX)},
        )
    return text
