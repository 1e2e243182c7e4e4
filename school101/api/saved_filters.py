"""API: the caller's saved filters of the back office lists (staff): list, create, delete."""

from __future__ import annotations

from flask import g
from flask_smorest import Blueprint
from marshmallow import EXCLUDE, Schema, fields, validate

from school101.api.auth_helpers import BEARER, STAFF, token_required
from school101.api.schemas import DT
from school101.extensions import db
from school101.services.identity import saved_filters

blp = Blueprint(
    "api_saved_filters",
    __name__,
    url_prefix="/api/v1/saved-filters",
    description="The caller's saved filters of the back office lists (staff)",
)


class SavedFiltersQuery(Schema):
    class Meta:
        unknown = EXCLUDE

    page_key = fields.String(
        validate=validate.Length(max=40),
        metadata={"description": 'one list page ("applications", ...); default: every page'},
    )


class SavedFilterIn(Schema):
    page_key = fields.String(
        required=True, metadata={"description": 'the list page, e.g. "applications"'}
    )
    name = fields.String(
        required=True, metadata={"description": "unique for the caller and the page, 60 at most"}
    )
    query = fields.String(
        required=True,
        metadata={
            "description": "the list's query string (e.g. status=invited&sort=memory); only "
            "the page's filter keys are kept"
        },
    )


class SavedFilterOut(Schema):
    id = fields.Integer()
    page_key = fields.String()
    name = fields.String()
    query = fields.String()
    created_at = fields.String(metadata=DT)


@blp.get("")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(SavedFiltersQuery, location="query")
@blp.response(200, SavedFilterOut(many=True))
def saved_filters_list(args):
    """The caller's saved filters (of one page with `page_key`), by page and name."""
    if args.get("page_key"):
        rows = saved_filters.saved_filters(g.api_user, args["page_key"])
    else:
        rows = saved_filters.all_saved_filters(g.api_user)
    return [saved_filters.saved_filter_json(r) for r in rows]


@blp.post("")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(SavedFilterIn)
@blp.response(201, SavedFilterOut)
@blp.alt_response(409, description="Name taken (field `name`) or 20 filters on the page already")
@blp.alt_response(422, description="Unknown page, no name, or no filter kept from `query`")
def saved_filters_create(data):
    """Save filters of a list page under a name; only the page's filter keys are kept."""
    row = saved_filters.save_filter(g.api_user, data["page_key"], data["name"], data["query"])
    db.session.commit()
    return saved_filters.saved_filter_json(row)


@blp.delete("/<int:filter_id>")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.response(204)
@blp.alt_response(404, description="No such saved filter of the caller")
def saved_filters_delete(filter_id: int):
    """Delete one of the caller's saved filters (another person's is not found)."""
    saved_filters.delete_filter(g.api_user, filter_id)
    db.session.commit()
