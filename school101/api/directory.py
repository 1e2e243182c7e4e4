"""API: the graduates directory (employers of verified member organisations, staff) and contact
requests. Employers reach nothing of admissions or the piscine from here."""

from __future__ import annotations

from flask import g
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from school101.api.auth_helpers import BEARER, token_required
from school101.api.schemas import bounded_int, id_field
from school101.core import paging
from school101.extensions import db, limiter
from school101.services.directory import contacts
from school101.services.directory import search as search_service

blp = Blueprint("api_directory", __name__, url_prefix="/api/v1", description="Graduates directory")


class DirectoryQuery(Schema):
    skill = fields.String(load_default="", metadata={"description": "a skill tag, e.g. python"})
    city = fields.String(load_default="")
    availability = fields.String(
        load_default="", validate=validate.OneOf(["", "available_now", "from_date", "not_looking"])
    )
    cohort = fields.String(load_default="")
    page = bounded_int(min=1, max=paging.PAGE_MAX, load_default=1)
    per_page = bounded_int(load_default=search_service.PER_PAGE, min=1, max=50)


class GraduateCardOut(Schema):
    """Hidden fields (city, links, projects) are absent; last_name is an initial unless shown."""

    user_id = fields.Integer()
    first_name = fields.String()
    last_name = fields.String()
    headline = fields.String()
    skills = fields.List(fields.String())
    availability = fields.String()
    available_from = fields.String(allow_none=True)
    cohort = fields.String()
    graduated_on = fields.String(allow_none=True)
    city = fields.String()
    links = fields.List(fields.String())
    projects = fields.String()


class DirectoryPageOut(Schema):
    items = fields.List(fields.Nested(GraduateCardOut))
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()


class ContactRequestIn(Schema):
    graduate_id = id_field(required=True, strict=True)
    message = fields.String(required=True, validate=validate.Length(max=contacts.MESSAGE_MAX))


class ContactOut(Schema):
    name = fields.String()
    email = fields.String()
    phone = fields.String()
    preferences = fields.String()
    organisation = fields.String()


class ContactRequestOut(Schema):
    """`contact` appears only once the request is accepted (and, for employers, while their
    organisation keeps directory access)."""

    id = fields.Integer()
    status = fields.String()
    message = fields.String()
    created_at = fields.DateTime()
    responded_at = fields.DateTime(allow_none=True)
    organisation = fields.String()
    graduate_id = fields.Integer()
    graduate_name = fields.String()
    employer_name = fields.String()
    contact = fields.Nested(ContactOut)
    contact_withheld = fields.Boolean(
        metadata={
            "description": "True when the request was accepted but the employer's organisation "
            "has lost directory access (suspended, no longer a member): the "
            "graduate's details are hidden."
        }
    )


class ContactRequestListOut(Schema):
    sent = fields.List(fields.Nested(ContactRequestOut))
    received = fields.List(fields.Nested(ContactRequestOut))


class RespondIn(Schema):
    answer = fields.String(required=True, validate=validate.OneOf(["accept", "decline"]))


class ReportIn(Schema):
    reason = fields.String(required=True, validate=validate.Length(max=contacts.MESSAGE_MAX))


class ReportCreatedOut(Schema):
    id = fields.Integer()
    contact_request_id = fields.Integer()


@blp.get("/directory")
@blp.doc(security=BEARER)
@token_required()
@blp.arguments(DirectoryQuery, location="query")
@blp.response(200, DirectoryPageOut)
@blp.alt_response(401, description="No or bad token")
@blp.alt_response(
    403, description="Not staff nor an employer of a verified, non-suspended organisation"
)
def search(args):
    """Opted-in graduates, filtered by skill, city, availability and cohort, paginated."""
    page = search_service.search(g.api_user, **args)
    return {"items": page.items, "page": page.page, "per_page": page.per_page, "total": page.total}


@blp.get("/directory/<int:user_id>")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, GraduateCardOut)
def graduate(user_id: int):
    """One opted-in graduate, with only the fields they made visible."""
    return search_service.graduate_card(g.api_user, user_id)


@blp.post("/contact-requests")
@blp.doc(security=BEARER)
@limiter.limit("10 per minute;60 per hour")
@token_required("employer")
@blp.arguments(ContactRequestIn)
@blp.response(201, ContactRequestOut)
@blp.alt_response(429, description="Too many requests (at most 20 per employer per 24 hours)")
def create_request(data):
    """Ask an opted-in graduate for contact, with a message (non-empty, 2000 characters at most)."""
    row = contacts.create_contact_request(g.api_user, data["graduate_id"], data["message"])
    db.session.commit()
    return contacts.request_view(row, g.api_user)


@blp.get("/contact-requests")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, ContactRequestListOut)
def my_requests():
    """Requests I sent (employer) and received (graduate); contact details only when accepted."""
    user = g.api_user
    return {
        "sent": [contacts.request_view(r, user) for r in contacts.sent_requests(user)],
        "received": [contacts.request_view(r, user) for r in contacts.received_requests(user)],
    }


@blp.post("/contact-requests/<int:request_id>/respond")
@blp.doc(security=BEARER)
@token_required()
@blp.arguments(RespondIn)
@blp.response(200, ContactRequestOut)
def respond(data, request_id: int):
    """The graduate accepts or declines; on acceptance both see each other's contact details."""
    row = contacts.respond(g.api_user, request_id, accept=data["answer"] == "accept")
    db.session.commit()
    return contacts.request_view(row, g.api_user)


@blp.post("/contact-requests/<int:request_id>/withdraw")
@blp.doc(security=BEARER)
@token_required("employer")
@blp.response(200, ContactRequestOut)
def withdraw(request_id: int):
    """The employer withdraws a pending request."""
    row = contacts.withdraw(g.api_user, request_id)
    db.session.commit()
    return contacts.request_view(row, g.api_user)


@blp.post("/contact-requests/<int:request_id>/report")
@blp.doc(security=BEARER)
@token_required()
@blp.arguments(ReportIn)
@blp.response(201, ReportCreatedOut)
def report(data, request_id: int):
    """The graduate reports a request for abuse (a pending one is declined)."""
    row = contacts.report_abuse(g.api_user, request_id, data["reason"])
    db.session.commit()
    return {"id": row.id, "contact_request_id": row.contact_request_id}
