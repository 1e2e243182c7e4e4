"""API: applications. The candidate applies and follows their application; staff list, export,
read, annotate and decide on the applications of a campaign."""

from __future__ import annotations

from flask import Response, g
from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint
from marshmallow import EXCLUDE, Schema, fields, validate

from school101.api.audit import AuditOut
from school101.api.auth_helpers import BEARER, STAFF, token_required
from school101.api.eligibility_exceptions import ExceptionOut
from school101.api.schemas import (
    DT,
    ApplicationCreatedOut,
    ApplicationIn,
    MyApplicationOut,
    PageQuery,
    bounded_int,
    id_field,
    page_json,
)
from school101.core.errors import NotFound
from school101.core.paging import SEARCH_MAX
from school101.extensions import db
from school101.models.admissions import APPLICATION_STATUSES
from school101.models.user import SITUATIONS
from school101.services.admissions import (
    application_file,
    applications,
    bulk_decisions,
    campaigns,
    decisions,
    exports,
    notes,
    review,
)

blp = Blueprint(
    "api_applications", __name__, url_prefix="/api/v1/applications", description="Applications"
)


class ApplicationsQuery(Schema):
    class Meta:
        unknown = EXCLUDE

    campaign_id = id_field(metadata={"description": "default: the open campaign, else the latest"})
    status = fields.String(validate=validate.OneOf(APPLICATION_STATUSES))
    age_band = fields.String(
        validate=validate.OneOf(list(review.AGE_BANDS)),
        metadata={"description": "age on the campaign's reference date"},
    )
    situation = fields.String(validate=validate.OneOf(SITUATIONS))
    place = fields.String(
        validate=validate.Length(max=5),
        metadata={"description": "postcode prefix or département (69, 690, 2A)"},
    )
    memory_min = bounded_int(min=0)
    logic_min = bounded_int(min=0)
    q = fields.String(
        validate=validate.Length(max=SEARCH_MAX),
        metadata={"description": "words to find in names and e-mail"},
    )
    sort = fields.String(validate=validate.OneOf(review.SORTS))
    direction = fields.String(validate=validate.OneOf(review.DIRECTIONS))


class ApplicationsPageQuery(ApplicationsQuery, PageQuery):
    pass


class ApplicationRowOut(Schema):
    id = fields.Integer()
    campaign_id = fields.Integer()
    user_id = fields.Integer()
    status = fields.String()
    first_name = fields.String()
    last_name = fields.String()
    email = fields.String()
    birth_date = fields.String(allow_none=True, metadata={"format": "date"})
    age = fields.Integer(allow_none=True)
    age_band = fields.String()
    city = fields.String()
    postcode = fields.String()
    department = fields.String()
    situation = fields.String()
    memory_score = fields.Integer(allow_none=True)
    logic_score = fields.Integer(allow_none=True)
    combined_score = fields.Integer(allow_none=True)
    logic_instructions = fields.Integer(allow_none=True)
    logic_time_ms = fields.Integer(allow_none=True)
    games_completed_at = fields.String(allow_none=True, metadata=DT)
    created_at = fields.String(metadata=DT)
    updated_at = fields.String(metadata=DT)


class ApplicationsPageOut(Schema):
    items = fields.List(fields.Nested(ApplicationRowOut))
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()
    campaign_id = fields.Integer(allow_none=True)


class NoteIn(Schema):
    body = fields.String(required=True)


class NoteOut(Schema):
    id = fields.Integer()
    body = fields.String()
    created_at = fields.String(metadata=DT)
    author_id = fields.Integer(allow_none=True)
    author = fields.String(allow_none=True)


class ApplicationDetailOut(ApplicationRowOut):
    motivation = fields.String()
    campaign = fields.Dict()
    profile = fields.Dict()
    games = fields.Dict(metadata={"description": "per game, every attempt with per-level detail"})
    notes = fields.List(fields.Nested(NoteOut))
    eligibility_exception = fields.Nested(ExceptionOut, allow_none=True)
    history = fields.List(fields.Nested(AuditOut))
    piscine_invitations = fields.List(
        fields.Dict(),
        metadata={
            "description": "the person's piscine invitations: piscine_id, piscine, status, starts_on"
        },
    )


class DecisionIn(Schema):
    status = fields.String(required=True, validate=validate.OneOf(decisions.DECISIONS))
    reason = fields.String(required=True)
    piscine_id = id_field(
        strict=True,
        allow_none=True,
        metadata={
            "description": "with status invited: also invite to this piscine session (not over yet), "
            "which e-mails the invitation"
        },
    )


# ---------------------------------------------------------------- candidate


@blp.post("")
@blp.doc(security=BEARER)
@token_required()
@blp.arguments(ApplicationIn)
@blp.response(201, ApplicationCreatedOut)
@blp.alt_response(409, description="No open campaign, or already applied")
@blp.alt_response(422, description="Not eligible (age) or invalid motivation")
@blp.alt_response(403, description="E-mail not confirmed (when required)")
def create(data):
    """Apply to the open campaign with a short motivation."""
    application = applications.apply(g.api_user, data["motivation"])
    db.session.commit()
    return {"id": application.id, "status": application.status}


@blp.get("/mine")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, MyApplicationOut)
def mine():
    """The caller's latest application with its timeline."""
    user = g.api_user
    return {
        "application": applications.application_to_json(applications.application_of(user)),
        "timeline": [
            {
                "key": s.key,
                "label": str(s.label),
                "state": s.state,
                "at": s.at.isoformat() if s.at else None,
            }
            for s in applications.timeline(user)
        ],
    }


# ---------------------------------------------------------------- staff


def _campaign_and_filters(args: dict):
    campaign = campaigns.pick_campaign(g.api_user, args.get("campaign_id"))
    filters = review.parse_filters({k: v for k, v in args.items() if k in review.FILTER_NAMES})
    return campaign, filters


@blp.get("")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(ApplicationsPageQuery, location="query")
@blp.response(200, ApplicationsPageOut)
def applications_list(args):
    """A campaign's applications: filters, search, sort and pagination (staff)."""
    campaign, filters = _campaign_and_filters(args)
    if campaign is None:
        return {
            "items": [],
            "page": 1,
            "per_page": args["per_page"],
            "total": 0,
            "campaign_id": None,
        }
    page = review.list_applications(
        campaign, filters, actor=g.api_user, page=args["page"], per_page=args["per_page"]
    )
    data = page_json(page, [review.application_row(a) for a in page.items])
    data["campaign_id"] = campaign.id
    return data


@blp.get("/export")
@blp.doc(
    security=BEARER,
    responses={
        "200": {
            "description": "UTF-8 CSV with BOM, ';' separated",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    },
)
@token_required(*STAFF)
@blp.arguments(ApplicationsQuery, location="query")
def applications_export(args):
    """The filtered applications as CSV (same filters as the list, no pagination); audited."""
    campaign, filters = _campaign_and_filters(args)
    if campaign is None:
        raise NotFound(_l("There is no campaign yet."), code="no_campaign")
    text = exports.export_csv(campaign, filters, actor=g.api_user)
    db.session.commit()
    return Response(
        text.encode("utf-8"),
        headers={
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": f'attachment; filename="{exports.export_filename(campaign)}"',
        },
    )


@blp.get("/<int:application_id>")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.response(200, ApplicationDetailOut)
@blp.alt_response(404, description="No such application")
def applications_get(application_id: int):
    """One application: profile, games with per-level detail, notes, exception, history."""
    return application_file.application_detail(application_id, actor=g.api_user)


@blp.post("/<int:application_id>/notes")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(NoteIn)
@blp.response(201, NoteOut)
@blp.alt_response(422, description="Empty or too long note")
def applications_note(data, application_id: int):
    """Add a staff note to an application; audited."""
    note = notes.add_note(application_id, data["body"], actor=g.api_user)
    db.session.commit()
    return notes.note_json(note)


@blp.post("/<int:application_id>/decision")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(DecisionIn)
@blp.response(200, ApplicationRowOut)
@blp.alt_response(409, description="Already this status, or withdrawn")
@blp.alt_response(422, description="Missing reason or unknown decision")
def applications_decision(data, application_id: int):
    """Invite or not select an applicant, with a written reason; audited before/after."""
    application = decisions.decide(
        application_id,
        data["status"],
        data["reason"],
        actor=g.api_user,
        piscine_id=data.get("piscine_id"),
    )
    db.session.commit()
    return review.application_row(application)


class BulkDecisionIn(Schema):
    application_ids = fields.List(
        fields.Raw(),
        required=True,
        metadata={"description": f"the applications to decide (1 to {bulk_decisions.BULK_MAX})"},
    )
    status = fields.String(required=True)
    reason = fields.String(required=True)
    piscine_id = fields.Raw(
        allow_none=True,
        metadata={"description": "with status invited: also invite to this piscine session"},
    )


class BulkRefusalOut(Schema):
    id = fields.Integer()
    message = fields.String()


class BulkDecisionOut(Schema):
    decided = fields.List(fields.Integer())
    refused = fields.List(fields.Nested(BulkRefusalOut))


@blp.post("/decisions")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(BulkDecisionIn)
@blp.response(200, BulkDecisionOut)
@blp.alt_response(422, description="No or bad ids, unknown decision, missing reason, bad piscine")
def applications_bulk_decision(data):
    """The same decision and reason for several applications, each one audited as a single
    decision; an application that cannot take it is listed in `refused` with the reason, the
    others are decided. Bad input changes nothing."""
    outcome = bulk_decisions.decide_many(
        data["application_ids"],
        data["status"],
        data["reason"],
        actor=g.api_user,
        piscine_id=data.get("piscine_id"),
    )
    db.session.commit()
    return {
        "decided": outcome.decided,
        "refused": [{"id": i, "message": m} for i, m in outcome.refused],
    }


class NeighboursOut(Schema):
    position = fields.Integer(metadata={"description": "1-based place in the list"})
    total = fields.Integer()
    previous_id = fields.Integer(allow_none=True)
    next_id = fields.Integer(allow_none=True)


@blp.get("/<int:application_id>/neighbours")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(ApplicationsQuery, location="query")
@blp.response(200, NeighboursOut)
@blp.alt_response(404, description="No such application")
def applications_neighbours(args, application_id: int):
    """Where an application stands in the list the same filters and sort give (its campaign's
    list): the previous and next applications, as the page's j/k links. The application always
    counts as in the list, even when a decision just moved it out of the filters."""
    application = review.get_application(application_id, actor=g.api_user)
    filters = review.parse_filters({k: v for k, v in args.items() if k in review.FILTER_NAMES})
    around = review.neighbours(application.campaign, filters, application.id, actor=g.api_user)
    return {
        "position": around.position,
        "total": around.total,
        "previous_id": around.previous_id,
        "next_id": around.next_id,
    }
