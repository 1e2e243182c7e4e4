"""API: the grading queue overview (staff)."""

from __future__ import annotations

from flask_smorest import Blueprint
from marshmallow import Schema, fields

from school101.api.auth_helpers import BEARER, STAFF, token_required

blp = Blueprint(
    "api_grading_queue", __name__, url_prefix="/api/v1/staff/queue", description="Grading queue"
)


class FailedRunOut(Schema):
    id = fields.Integer()
    exercise = fields.String()
    error = fields.String()
    verdict_status = fields.String(allow_none=True)
    finished_at = fields.String(allow_none=True)


class QueueOut(Schema):
    """Documentation of the queue overview (the answer is the service's, unfiltered)."""

    runs = fields.Dict(metadata={"description": "grading runs by status"})
    days = fields.Dict(metadata={"description": "day gradings by status"})
    days_per_minute_last_10 = fields.Float()
    failed_runs = fields.List(fields.Nested(FailedRunOut))
    rq = fields.Dict(
        allow_none=True,
        metadata={
            "description": "waiting, started, failed, scheduled, "
            "workers; null when Redis is unreachable"
        },
    )
    redis_error = fields.String()


@blp.get("")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.alt_response(200, schema=QueueOut, success=True, description="The queue overview")
def grading_queue_overview():
    """The grading queue: runs and day gradings by status, throughput, RQ queue and workers,
    latest failures."""
    from school101.services.grading.runs import queue_overview

    return queue_overview()
