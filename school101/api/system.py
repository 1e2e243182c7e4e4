"""API: the state of the installation (staff), twin of the staff system page."""

from __future__ import annotations

from flask_smorest import Blueprint
from marshmallow import Schema, fields

from school101.api.auth_helpers import BEARER, STAFF, token_required

blp = Blueprint(
    "api_system", __name__, url_prefix="/api/v1/staff/system", description="System status"
)


class SystemQueueOut(Schema):
    name = fields.String()
    depth = fields.Integer(metadata={"description": "jobs waiting"})
    oldest_age_seconds = fields.Float(
        allow_none=True, metadata={"description": "wait of the oldest waiting job; null if none"}
    )
    started = fields.Integer()
    failed = fields.Integer(metadata={"description": "jobs in RQ's failed registry"})
    scheduled = fields.Integer()


class SystemWorkerOut(Schema):
    name = fields.String()
    hostname = fields.String()
    pid = fields.Integer(allow_none=True)
    state = fields.String()
    queues = fields.List(fields.String())
    current_job = fields.String(allow_none=True)
    last_heartbeat = fields.String(allow_none=True, metadata={"description": "ISO 8601, UTC"})
    heartbeat_age_seconds = fields.Float(allow_none=True)


class SystemMailOut(Schema):
    pending = fields.Integer()
    failed = fields.Integer()
    oldest_pending_age_seconds = fields.Float(allow_none=True)


class SystemBackupOut(Schema):
    name = fields.String()
    created_at = fields.String(metadata={"description": "ISO 8601, UTC"})
    age_seconds = fields.Float()


class SystemOut(Schema):
    checked_at = fields.String()
    queues = fields.List(fields.Nested(SystemQueueOut))
    workers = fields.List(fields.Nested(SystemWorkerOut))
    redis_error = fields.String(metadata={"description": "empty when Redis answered"})
    mail = fields.Nested(SystemMailOut)
    backup = fields.Nested(
        SystemBackupOut, allow_none=True, metadata={"description": "null: none yet"}
    )


@blp.get("")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.response(200, SystemOut)
def system_status():
    """Queues (depth, oldest wait, failed jobs), workers seen with their last heartbeat, the
    mail outbox backlog and the last backup."""
    from school101.web.system_status import system_summary

    return system_summary()
