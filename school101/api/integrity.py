"""API: plagiarism evidence of a piscine (staff only): pairs, clusters, one pair with its
matched regions, and the audited decision."""

from __future__ import annotations

from flask import g
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from school101.api.auth_helpers import BEARER, STAFF, token_required
from school101.api.schemas import PageQuery, bounded_int, page_json
from school101.core.audit import REASON_MAX
from school101.extensions import db
from school101.services.integrity import pairs as integrity
from school101.services.integrity.cohort import STORE_FLOOR
from school101.services.piscine import queries

blp = Blueprint(
    "api_integrity", __name__, url_prefix="/api/v1/staff", description="Plagiarism evidence"
)


class FiltersQuery(PageQuery):
    day = fields.String(validate=validate.Length(max=40), load_default="")
    threshold = fields.Float(validate=validate.Range(min=STORE_FLOOR, max=1), load_default=None)
    min_tokens = bounded_int(min=0, max=100000, load_default=None)
    status = fields.String(validate=validate.OneOf(integrity.STATUSES), load_default="")


class PairOut(Schema):
    id = fields.Integer()
    piscine_id = fields.Integer()
    exercise = fields.String()
    day_id = fields.String()
    owner_a = fields.String(metadata={"description": "u<user id> or t<rush team id>"})
    owner_b = fields.String()
    user_a_id = fields.Integer(allow_none=True)
    user_b_id = fields.Integer(allow_none=True)
    team_a_id = fields.Integer(allow_none=True)
    team_b_id = fields.Integer(allow_none=True)
    earlier = fields.Boolean()
    score = fields.Float()
    shared = fields.Integer()
    tokens = fields.Integer()
    status = fields.String()
    reason = fields.String()


class PairPageOut(Schema):
    items = fields.List(fields.Nested(PairOut))
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()


class ClusterOut(Schema):
    exercise = fields.String()
    owners = fields.List(fields.String())


class RegionOut(Schema):
    number = fields.Integer()
    tokens = fields.Integer()
    a = fields.List(fields.List(fields.Integer()), metadata={"description": "[file, first, last]"})
    b = fields.List(fields.List(fields.Integer()))


class PairDetailOut(PairOut):
    regions = fields.List(fields.Nested(RegionOut))
    files_a = fields.List(fields.String())
    files_b = fields.List(fields.String())


class PairDecisionIn(Schema):
    status = fields.String(required=True, validate=validate.OneOf(integrity.DECISIONS))
    reason = fields.String(required=True, validate=validate.Length(min=1, max=REASON_MAX))


def _filters(args: dict) -> integrity.Filters:
    return integrity.parse_filters(
        args.get("day", ""), args.get("threshold"), args.get("min_tokens"), args.get("status", "")
    )


@blp.get("/piscines/<int:piscine_id>/integrity/pairs")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(FiltersQuery, location="query")
@blp.response(200, PairPageOut)
@blp.alt_response(404, description="No such piscine")
def integrity_pairs(args, piscine_id: int):
    """Pairs of a piscine at or above the threshold (default 0.7), highest first."""
    queries.get_piscine(piscine_id)
    page = integrity.list_pairs(
        piscine_id, _filters(args), args["page"], actor=g.api_user, per_page=args["per_page"]
    )
    return page_json(page, page.items)


@blp.get("/piscines/<int:piscine_id>/integrity/clusters")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(FiltersQuery, location="query")
@blp.response(200, ClusterOut(many=True))
@blp.alt_response(404, description="No such piscine")
def integrity_clusters(args, piscine_id: int):
    """Groups of three or more owners sharing code on one exercise."""
    queries.get_piscine(piscine_id)
    return integrity.clusters(piscine_id, _filters(args), actor=g.api_user)


def _detail(pair) -> dict:
    evidence = integrity.pair_evidence(pair)
    out = PairOut().dump(pair)
    out["regions"] = evidence["regions"]
    for side in ("a", "b"):
        out[f"files_{side}"] = [
            "\n".join(line["text"] for line in f) for f in evidence[side]["files"]
        ]
    return out


@blp.get("/integrity/pairs/<int:pair_id>")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.response(200, PairDetailOut)
@blp.alt_response(404, description="No such pair")
def integrity_pair(pair_id: int):
    """One pair with both files and the matched regions (token spans as file lines)."""
    return _detail(integrity.get_pair(pair_id, actor=g.api_user))


@blp.post("/integrity/pairs/<int:pair_id>/decision")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(PairDecisionIn)
@blp.response(200, PairDetailOut)
@blp.alt_response(404, description="No such pair")
def integrity_decide(body, pair_id: int):
    """Mark a pair cleared or confirmed with a reason (audited)."""
    pair = integrity.decide(pair_id, body["status"], body["reason"], actor=g.api_user)
    db.session.commit()
    return _detail(pair)
