"""API: the audit log (staff)."""

from __future__ import annotations

from flask import g
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from school101.api.auth_helpers import BEARER, STAFF, token_required
from school101.api.schemas import DT, PageQuery, page_json
from school101.core import audit
from school101.services.admissions import review

blp = Blueprint("api_audit", __name__, url_prefix="/api/v1/staff/audit", description="Audit log")


class AuditOut(Schema):
    id = fields.Integer()
    at = fields.String(metadata=DT)
    action = fields.String()
    actor_id = fields.Integer(allow_none=True)
    actor = fields.String(allow_none=True)
    target_type = fields.String()
    target_id = fields.Integer(allow_none=True)
    before = fields.Raw(allow_none=True)
    after = fields.Raw(allow_none=True)
    reason = fields.String()


class AuditQuery(PageQuery):
    action = fields.String(
        validate=validate.Length(max=60),
        metadata={"description": "exact action, or a family ending in '.'"},
    )


class AuditPageOut(Schema):
    items = fields.List(fields.Nested(AuditOut))
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()


@blp.get("")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(AuditQuery, location="query")
@blp.response(200, AuditPageOut)
def audit_list(args):
    """The audit log, newest first, optionally for one action or a family of actions."""
    page = audit.audit_log(
        actor=g.api_user,
        action=args.get("action", ""),
        page=args["page"],
        per_page=args["per_page"],
    )
    return page_json(page, [review.audit_json(r) for r in page.items])
