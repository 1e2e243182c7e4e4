"""API: eligibility exceptions (staff), letting a person outside the age rules apply."""

from __future__ import annotations

from flask import g
from flask_babel import gettext as _
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate, validates_schema
from marshmallow import ValidationError as MarshmallowValidationError

from school101.api.auth_helpers import BEARER, STAFF, token_required
from school101.api.schemas import DT, id_field
from school101.extensions import db
from school101.services.admissions import campaigns, exceptions

blp = Blueprint(
    "api_eligibility_exceptions",
    __name__,
    url_prefix="/api/v1/eligibility-exceptions",
    description="Eligibility exceptions",
)


class ExceptionOut(Schema):
    id = fields.Integer()
    user_id = fields.Integer()
    campaign_id = fields.Integer()
    reason = fields.String()
    granted_by_id = fields.Integer(allow_none=True)
    granted_at = fields.String(metadata=DT)


class ExceptionListOut(ExceptionOut):
    email = fields.String()
    first_name = fields.String()
    last_name = fields.String()


class ExceptionsQuery(Schema):
    campaign_id = id_field(metadata={"description": "default: the open campaign, else the latest"})


class ExceptionIn(Schema):
    """The person by application_id, user_id or email (one of them); the campaign by id
    (implied by application_id)."""

    reason = fields.String(required=True)
    application_id = id_field()
    user_id = id_field()
    email = fields.String(validate=validate.Length(max=254))
    campaign_id = id_field()

    @validates_schema
    def one_person(self, data, **kwargs):
        given = [k for k in ("application_id", "user_id", "email") if data.get(k) not in (None, "")]
        if len(given) != 1:
            raise MarshmallowValidationError(
                _("Give exactly one of application_id, user_id, email."), field_name="person"
            )
        if given[0] != "application_id" and data.get("campaign_id") is None:
            raise MarshmallowValidationError(
                _("campaign_id is required."), field_name="campaign_id"
            )


@blp.get("")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(ExceptionsQuery, location="query")
@blp.response(200, ExceptionListOut(many=True))
@blp.alt_response(404, description="No such campaign")
def exceptions_list(args):
    """The eligibility exceptions granted for a campaign, newest first (staff)."""
    campaign = campaigns.pick_campaign(g.api_user, args.get("campaign_id"))
    if campaign is None:
        return []
    return [
        dict(
            exceptions.exception_json(row),
            email=person.email,
            first_name=person.first_name,
            last_name=person.last_name,
        )
        for row, person in exceptions.campaign_exceptions(campaign, actor=g.api_user)
    ]


@blp.post("")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(ExceptionIn)
@blp.response(201, ExceptionOut)
@blp.alt_response(404, description="No such person, campaign or application")
@blp.alt_response(409, description="An exception already exists")
@blp.alt_response(422, description="Missing reason")
def exceptions_create(data):
    """Let a person outside the age rules apply to a campaign; the reason is mandatory."""
    row = exceptions.grant_exception(
        actor=g.api_user,
        reason=data["reason"],
        application_id=data.get("application_id"),
        user_id=data.get("user_id"),
        email=data.get("email"),
        campaign_id=data.get("campaign_id"),
    )
    db.session.commit()
    return exceptions.exception_json(row)
