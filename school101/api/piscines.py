"""API: piscine sessions, invitations and seat booking."""

from __future__ import annotations

from flask import g, jsonify
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from school101.api.auth_helpers import BEARER, token_required
from school101.api.schemas import bounded_int, id_field
from school101.extensions import db
from school101.models import Invitation, Piscine
from school101.services.piscine import booking as booking_service
from school101.services.piscine import invitations, queries, sessions

blp = Blueprint("api_piscines", __name__, url_prefix="/api/v1/piscines", description="Piscines")


class CalendarEntryIn(Schema):
    day_id = fields.String(required=True, validate=validate.Length(min=1, max=40))
    kind = fields.String(load_default="day", validate=validate.OneOf(["day", "exam"]))
    opens_at = fields.AwareDateTime(required=True)
    closes_at = fields.AwareDateTime(required=True)


class PiscineIn(Schema):
    name = fields.String(required=True, validate=validate.Length(max=120))
    starts_on = fields.Date(required=True, format="%Y-%m-%d")
    ends_on = fields.Date(required=True, format="%Y-%m-%d")
    capacity = bounded_int(required=True, strict=True)
    feedback = fields.String(
        load_default="after_deadline", validate=validate.OneOf(["immediate", "after_deadline"])
    )
    booking_closes_at = fields.AwareDateTime(load_default=None, allow_none=True)
    cancel_until = fields.AwareDateTime(load_default=None, allow_none=True)
    campaign_id = id_field(
        strict=True,
        load_default=None,
        allow_none=True,
        metadata={
            "description": "the intake campaign whose candidates it receives; default: the latest "
            "campaign opened on or before starts_on"
        },
    )
    calendar = fields.List(fields.Nested(CalendarEntryIn), load_default=None)


class PiscineOut(Schema):
    id = fields.Integer()
    name = fields.String()
    starts_on = fields.Date()
    ends_on = fields.Date()
    capacity = fields.Integer()
    seats_taken = fields.Integer()
    feedback = fields.String()
    booking_closes_at = fields.DateTime(allow_none=True)
    cancel_until = fields.DateTime(allow_none=True)
    campaign_id = fields.Integer(allow_none=True)
    days = fields.Method("_days")

    def _days(self, piscine):
        return [
            {
                "day_id": d.day_id,
                "kind": d.kind,
                "opens_at": d.opens_at.isoformat(),
                "closes_at": d.closes_at.isoformat(),
            }
            for d in piscine.days
        ]


class PiscineSettingsIn(Schema):
    name = fields.String(validate=validate.Length(min=1, max=120))
    capacity = bounded_int(strict=True)
    booking_closes_at = fields.AwareDateTime(allow_none=True)
    cancel_until = fields.AwareDateTime(allow_none=True)
    campaign_id = id_field(strict=True, allow_none=True)


class InvitationsIn(Schema):
    user_ids = fields.List(
        id_field(strict=True),
        required=True,
        validate=validate.Length(min=1, max=invitations.MAX_INVITES_PER_CALL),
    )


class PiscineCreatedOut(Schema):
    id = fields.Integer()


class InvitedOut(Schema):
    invited = fields.Integer(
        metadata={"description": "how many were invited (already invited ones are skipped)"}
    )


class BookingOut(Schema):
    id = fields.Integer()
    piscine_id = fields.Integer()
    status = fields.String()
    booked_at = fields.String(allow_none=True)
    position = fields.Integer(allow_none=True)


@blp.post("")
@blp.doc(security=BEARER)
@token_required("staff", "admin")
@blp.arguments(PiscineIn)
@blp.response(201, PiscineCreatedOut)
def create(data):
    """Create a piscine (staff). Without `calendar`, the curriculum's default calendar is used."""
    calendar = data.pop("calendar")
    if calendar is not None:
        calendar = [dict(entry, position=i) for i, entry in enumerate(calendar)]
    piscine = sessions.create_piscine(data, actor=g.api_user, calendar=calendar)
    db.session.commit()
    return {"id": piscine.id}


@blp.get("")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, PiscineOut(many=True))
def list_piscines():
    """Staff see every piscine; candidates the ones they are invited to."""
    query = db.select(Piscine).order_by(Piscine.starts_on.desc())
    if not g.api_user.is_staff:
        query = query.join(Invitation, Invitation.piscine_id == Piscine.id).where(
            Invitation.user_id == g.api_user.id
        )
    return list(db.session.scalars(query))


@blp.get("/<int:piscine_id>")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, PiscineOut)
def get(piscine_id: int):
    """One piscine with its calendar (staff, or an invited candidate)."""
    piscine = queries.get_piscine(piscine_id)
    if (
        not g.api_user.is_staff
        and not queries.is_invited(g.api_user, piscine)
        and booking_service.booking_of(g.api_user, piscine.id) is None
    ):
        from school101.core.errors import NotFound

        raise NotFound(_l("No such piscine."))
    return piscine


@blp.patch("/<int:piscine_id>")
@blp.doc(security=BEARER)
@token_required("staff", "admin")
@blp.arguments(PiscineSettingsIn)
@blp.response(200, PiscineOut)
def update(data, piscine_id: int):
    """Change name, capacity, booking closing date (close booking: set it to now; reopen: null)
    or cancellation deadline (staff). A higher capacity seats the first people waiting."""
    piscine = sessions.update_settings(queries.get_piscine(piscine_id), data, actor=g.api_user)
    db.session.commit()
    return piscine


@blp.post("/<int:piscine_id>/invitations")
@blp.doc(security=BEARER)
@token_required("staff", "admin")
@blp.arguments(InvitationsIn)
@blp.response(201, InvitedOut)
def invite(data, piscine_id: int):
    """Invite candidates by id (staff); each is e-mailed. Already invited ones are skipped."""
    piscine = queries.get_piscine(piscine_id)
    count = invitations.invite(piscine, data["user_ids"], actor=g.api_user)
    db.session.commit()
    return {"invited": count}


@blp.post("/<int:piscine_id>/booking")
@blp.doc(security=BEARER)
@token_required()
@blp.response(201, BookingOut)
@blp.alt_response(200, schema=BookingOut, description="Already seated: the existing booking")
@blp.alt_response(409, description="Full: waitlisted, with `position`")
@blp.alt_response(403, description="Not invited")
def book(piscine_id: int):
    """Book a seat (empty body). Full: 409 `full` with the waitlist position."""
    result = booking_service.book(g.api_user, piscine_id)
    db.session.commit()
    body = booking_service.booking_to_json(result)
    if result.booking.status == "waitlisted":
        message = _(
            "This session is full: you are on its waitlist, position %(n)d. If a seat is freed, "
            "it is given to you automatically and you are told by e-mail.",
            n=result.position,
        )
        response = jsonify(
            {
                "error": {"code": "full", "message": message, "position": result.position},
                "position": result.position,
            }
        )
        response.status_code = 409
        return response
    return body, 201 if result.created else 200


@blp.get("/<int:piscine_id>/booking")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, BookingOut)
def my_booking(piscine_id: int):
    """The caller's booking in this piscine (404 when none)."""
    booking = booking_service.booking_of(g.api_user, piscine_id)
    if booking is None:
        from school101.core.errors import NotFound

        raise NotFound(_l("You have no booking in this piscine."), code="no_booking")
    return booking_service.booking_to_json(booking)


@blp.delete("/<int:piscine_id>/booking")
@blp.doc(security=BEARER)
@token_required()
@blp.response(204)
def cancel(piscine_id: int):
    """Cancel the seat or leave the waitlist; the first waiting candidate gets the seat."""
    booking_service.cancel(g.api_user, piscine_id)
    db.session.commit()
