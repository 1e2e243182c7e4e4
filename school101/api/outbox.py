"""API: the outbox, the mails the platform sent (staff; retrying a failed one: admin)."""

from __future__ import annotations

from flask import g
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from school101.api.auth_helpers import BEARER, STAFF, token_required
from school101.api.schemas import DT, IsoDateTime, PageQuery, page_json
from school101.core.paging import SEARCH_MAX
from school101.extensions import db
from school101.services.messaging import staff_outbox

blp = Blueprint("api_outbox", __name__, url_prefix="/api/v1/staff/outbox", description="Outbox")


class MailOut(Schema):
    """A mail with its delivery status; its body only on the single-mail endpoint (MailBodyOut)."""

    id = fields.Integer()
    created_at = IsoDateTime(metadata=DT)
    to = fields.String()
    kind = fields.String()
    locale = fields.String()
    subject = fields.String()
    transport = fields.String()
    status = fields.String(metadata={"description": "pending | sent | failed (outbox only: sent)"})
    attempts = fields.Integer(metadata={"description": "SMTP delivery attempts so far"})
    last_attempt_at = IsoDateTime(allow_none=True, metadata=DT)
    sent_at = IsoDateTime(allow_none=True, metadata=DT)
    error = fields.String()


class MailBodyOut(MailOut):
    body = fields.Function(
        staff_outbox.shown_body,
        metadata={
            "description": 'Secret links (reset, confirmation, invitation) read "[link hidden]"'
        },
    )


class MailPageOut(Schema):
    items = fields.List(fields.Nested(MailOut))
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()


class OutboxQuery(PageQuery):
    to = fields.String(validate=validate.Length(max=SEARCH_MAX))


@blp.get("")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(OutboxQuery, location="query")
@blp.response(200, MailPageOut)
def outbox_list(args):
    """The mails the platform sent, newest first (bodies on the single-mail endpoint)."""
    page = staff_outbox.outbox(
        actor=g.api_user, page=args["page"], per_page=args["per_page"], to=args.get("to", "")
    )
    return page_json(page, page.items)


@blp.get("/<int:mail_id>")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.response(200, MailBodyOut)
@blp.alt_response(404, description="No such mail")
def outbox_get(mail_id: int):
    """One mail with its body."""
    return staff_outbox.outbox_mail(mail_id, actor=g.api_user)


@blp.post("/<int:mail_id>/retry")
@blp.doc(security=BEARER)
@token_required("admin")
@blp.response(200, MailOut)
@blp.alt_response(404, description="No such mail")
@blp.alt_response(
    409,
    description="Not a failed mail (not_failed), no SMTP server (no_smtp), or no "
    "recipient any more (no_recipient)",
)
def outbox_retry(mail_id: int):
    """Admins: deliver a failed mail again (audited); it goes out after the commit."""
    from school101.services.messaging import outbox as mail_service

    mail = mail_service.retry_delivery(mail_id, actor=g.api_user)
    db.session.commit()
    return mail
