"""API twin of the staff analytics dashboard (bearer token of a staff or admin user).

Groups of fewer than 5 people are hidden exactly as on the page: a breakdown count is then
the string "<5" (small group) or "masked" (hidden so that a small group cannot be derived).
"""

from __future__ import annotations

from flask import Response, g
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from school101.api.auth_helpers import BEARER, token_required
from school101.services.analytics import report

blp = Blueprint(
    "api_analytics", __name__, url_prefix="/api/v1/analytics", description="Staff analytics"
)

STAFF = ("staff", "admin")


class CampaignItem(Schema):
    id = fields.Integer()
    name = fields.String()
    opens_at = fields.String(metadata={"format": "date-time"})
    closes_at = fields.String(metadata={"format": "date-time"})


class CampaignList(Schema):
    items = fields.List(fields.Nested(CampaignItem))


class FunnelStep(Schema):
    step = fields.String(
        metadata={
            "description": "registered | consented | applied | games_done | invited | "
            "booked | admitted"
        }
    )
    label = fields.String()
    count = fields.Integer()
    percent_of_registered = fields.Float(allow_none=True)


class ReportOut(Schema):
    campaign = fields.Dict()
    min_group_size = fields.Integer()
    funnel = fields.List(fields.Nested(FunnelStep))
    registrations_by_week = fields.List(
        fields.Dict(), metadata={"description": "{week: Monday (ISO date), count}"}
    )
    breakdowns = fields.List(
        fields.Dict(),
        metadata={
            "description": "{dimension: situation|age|department|gender, groups: [{group, label, counts: "
            "{step: integer | '<5' | 'masked'}}]}"
        },
    )
    piscines = fields.List(
        fields.Dict(),
        metadata={
            "description": "{id, name, seated, attendance: [{day, kind, attended, rate}], pass_rates: [{day, graded, "
            "passed, rate, exercises: [{exercise, graded, passed, rate}]}], exam_levels: [...]}"
        },
    )
    anonymised_applicants = fields.Integer()


@blp.get("/campaigns")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.response(200, CampaignList)
def list_campaigns():
    """Campaigns with a dashboard, newest first."""
    return {
        "items": [
            {
                "id": c.id,
                "name": c.name,
                "opens_at": c.opens_at.isoformat(),
                "closes_at": c.closes_at.isoformat(),
            }
            for c in report.campaigns(actor=g.api_user)
        ]
    }


@blp.get("/campaigns/<int:campaign_id>")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.response(200, ReportOut)
@blp.alt_response(404, description="Unknown campaign")
def campaign_report(campaign_id: int):
    """The funnel dashboard of a campaign: steps, weeks, breakdowns (small groups hidden), piscines."""
    campaign = report.pick(campaign_id, actor=g.api_user)
    return report.report_json(report.report(campaign, actor=g.api_user))


@blp.get("/campaigns/<int:campaign_id>/csv")
@blp.doc(
    security=BEARER,
    responses={
        "200": {
            "description": "CSV: section,item,group,measure,value",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    },
)
@token_required(*STAFF)
def campaign_csv(campaign_id: int):
    """The aggregate tables of the dashboard as CSV."""
    campaign = report.pick(campaign_id, actor=g.api_user)
    body = report.report_csv(report.report(campaign, actor=g.api_user))
    return Response(
        body,
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="analytics-campaign-{campaign.id}.csv"'
        },
    )
