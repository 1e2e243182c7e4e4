"""API: campaigns, public (the open one) and staff (list, read, create, change, funnel)."""

from __future__ import annotations

from flask import g
from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from school101.api.auth_helpers import BEARER, STAFF, token_required
from school101.api.schemas import DT, CampaignOut, Computed, IsoDateTime, bounded_int, id_field
from school101.core.errors import NotFound
from school101.extensions import db
from school101.models._base import utcnow
from school101.services.admissions import campaigns
from school101.services.admissions import funnel as funnel_service

blp = Blueprint("api_campaigns", __name__, url_prefix="/api/v1", description="Campaigns")


class CampaignIn(Schema):
    """Every campaign setting; datetimes must carry a timezone (stored in UTC)."""

    name = fields.String(required=True, validate=validate.Length(min=1, max=120))
    opens_at = fields.AwareDateTime(required=True)
    closes_at = fields.AwareDateTime(required=True)
    age_min = bounded_int(required=True, strict=True)
    age_max = bounded_int(required=True, strict=True)
    age_reference_date = fields.Date(required=True, format="%Y-%m-%d")
    memory_attempts = bounded_int(required=True, strict=True)
    logic_attempts = bounded_int(required=True, strict=True)
    memory_levels = bounded_int(required=True, strict=True)
    logic_levels = bounded_int(required=True, strict=True)
    invitations_planned = bounded_int(required=True, strict=True)


class CampaignPatchIn(CampaignIn):
    """Any subset of the campaign settings."""


class CampaignStaffOut(CampaignOut):
    """A campaign as staff see it: the public form, every setting flat, and timestamps."""

    opens_at = IsoDateTime(metadata=DT)
    closes_at = IsoDateTime(metadata=DT)
    is_open = Computed(lambda campaign: campaign.is_open(utcnow()), type="boolean")
    age_min = fields.Integer()
    age_max = fields.Integer()
    age_reference_date = IsoDateTime(metadata={"format": "date"})
    memory_attempts = fields.Integer()
    logic_attempts = fields.Integer()
    memory_levels = fields.Integer()
    logic_levels = fields.Integer()
    created_at = IsoDateTime(metadata=DT)
    updated_at = IsoDateTime(metadata=DT)


class FunnelQuery(Schema):
    campaign_id = id_field(metadata={"description": "default: the open campaign, else the latest"})


class FunnelStepOut(Schema):
    key = fields.String()
    label = fields.String()
    count = fields.Integer()
    percent = fields.Float()


class CampaignRefOut(Schema):
    id = fields.Integer()
    name = fields.String()


class FunnelOut(Schema):
    campaign = fields.Nested(CampaignRefOut)
    invitations_planned = fields.Integer()
    steps = fields.List(fields.Nested(FunnelStepOut))


# ---------------------------------------------------------------- public


@blp.get("/campaigns/current")
@blp.response(200, CampaignOut)
@blp.alt_response(404, description="No campaign is open")
def current():
    """The campaign open now, with its eligibility rules and game settings."""
    campaign = campaigns.current_campaign()
    if campaign is None:
        raise NotFound(_l("No campaign is open at the moment."), code="no_open_campaign")
    return campaign


# ---------------------------------------------------------------- staff


@blp.get("/campaigns")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.response(200, CampaignStaffOut(many=True))
def campaigns_list():
    """Every campaign, newest first (staff)."""
    return campaigns.campaigns(g.api_user)


@blp.post("/campaigns")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(CampaignIn)
@blp.response(201, CampaignStaffOut)
@blp.alt_response(422, description="Invalid or inconsistent settings (per-field messages)")
def campaigns_create(data):
    """Create a campaign (staff); audited."""
    campaign = campaigns.create_campaign(data, actor=g.api_user)
    db.session.commit()
    return campaign


@blp.get("/campaigns/<int:campaign_id>")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.response(200, CampaignStaffOut)
@blp.alt_response(404, description="No such campaign")
def campaigns_get(campaign_id: int):
    """One campaign with all its settings (staff)."""
    return campaigns.pick_campaign(g.api_user, campaign_id)


@blp.patch("/campaigns/<int:campaign_id>")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(CampaignPatchIn(partial=True))
@blp.response(200, CampaignStaffOut)
@blp.alt_response(422, description="Invalid or inconsistent settings; nothing is changed")
def campaigns_patch(data, campaign_id: int):
    """Change some settings of a campaign (staff); audited with before/after."""
    campaign = campaigns.update_campaign(campaign_id, data, actor=g.api_user)
    db.session.commit()
    return campaign


@blp.get("/staff/funnel")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(FunnelQuery, location="query")
@blp.response(200, FunnelOut)
@blp.alt_response(404, description="No campaign")
def funnel(args):
    """registered -> consented -> applied -> games completed, then invited / not selected."""
    campaign = campaigns.pick_campaign(g.api_user, args.get("campaign_id"))
    if campaign is None:
        raise NotFound(_l("There is no campaign yet."), code="no_campaign")
    return {
        "campaign": campaign,
        "invitations_planned": campaign.invitations_planned,
        "steps": funnel_service.funnel(campaign, actor=g.api_user),
    }
