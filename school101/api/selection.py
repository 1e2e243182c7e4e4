"""API: ranking of a piscine, human decisions, and the candidate's own offer and breakdown."""

from __future__ import annotations

from flask import g, request
from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from school101.api.auth_helpers import BEARER, token_required
from school101.api.schemas import id_field
from school101.core.bounds import parse_id
from school101.core.errors import NotFound, ValidationFailed
from school101.extensions import db
from school101.models import Decision
from school101.services.piscine.queries import get_piscine
from school101.services.selection import decisions, offers, ranking

blp = Blueprint(
    "api_selection", __name__, url_prefix="/api/v1", description="Ranking and decisions"
)


class BreakdownOut(Schema):
    criterion = fields.String()
    raw = fields.Float(
        allow_none=True, metadata={"description": "null: no input for this person (neutral)"}
    )
    normalised = fields.Float()
    weight = fields.Float()
    contribution = fields.Float()
    counted = fields.Boolean(
        metadata={"description": "False when the person has no input: left out of their score"}
    )
    detail = fields.Dict(
        allow_none=True, metadata={"description": "The figures behind the raw value, if any"}
    )
    explanation = fields.Method(
        "_explanation",
        metadata={
            "type": "string",
            "description": "What the entry means, in the request's language",
        },
    )

    def _explanation(self, entry: dict) -> str:
        found = ranking.CRITERIA.get(entry.get("criterion"))
        return found.explanation(entry) if found else ""


class RankingItemOut(Schema):
    user_id = fields.Integer()
    rank = fields.Integer()
    score = fields.Float()
    breakdown = fields.List(fields.Nested(BreakdownOut))


class RankingOut(Schema):
    items = fields.List(fields.Nested(RankingItemOut))
    weights = fields.Dict(keys=fields.String(), values=fields.Float())
    round_id = fields.Integer(allow_none=True)


class SelectionDecisionIn(Schema):
    user_id = id_field(required=True, strict=True)
    piscine_id = id_field(required=True, strict=True)
    decision = fields.String(
        required=True, validate=validate.OneOf(["admit", "waitlist", "reject"])
    )
    reason = fields.String(required=True)


class SelectionDecisionOut(Schema):
    id = fields.Integer()
    user_id = fields.Integer()
    piscine_id = fields.Integer()
    version = fields.Integer()
    decision = fields.String()
    reason = fields.String()
    decided_at = fields.DateTime()
    decided_by_id = fields.Integer(allow_none=True)
    current = fields.Boolean()
    offer_status = fields.String()
    offer_deadline = fields.DateTime(allow_none=True)


@blp.get("/piscines/<int:piscine_id>/ranking")
@blp.doc(security=BEARER)
@token_required("staff", "admin")
@blp.response(200, RankingOut)
@blp.alt_response(
    404, description="Unknown piscine, or `round_id` names no round ranking this piscine"
)
def piscine_ranking(piscine_id: int):
    """Every booked candidate ranked with the breakdown: the weights of `round_id` (404 when no such
    round ranks this piscine), else of the newest round ranking it, else the default weights."""
    piscine = get_piscine(piscine_id)
    raw_round = request.args.get("round_id")
    round_id = parse_id(raw_round) if raw_round is not None else None  # out of range: no such round
    if raw_round is not None and round_id is None:
        raise NotFound(
            _l(
                "Selection round %(id)s does not exist or does not rank this piscine.",
                id=raw_round[:20],
            ),
            code="unknown_round",
        )
    weights, selection_round = ranking.weights_for(piscine, round_id)
    computed = ranking.cached_rank(piscine, weights)
    return {
        "items": computed.items(),
        "weights": weights,
        "round_id": selection_round.id if selection_round else None,
    }


@blp.post("/decisions")
@blp.doc(security=BEARER)
@token_required("staff", "admin")
@blp.arguments(SelectionDecisionIn)
@blp.response(201, SelectionDecisionOut)
@blp.alt_response(409, description="The piscine has not started")
@blp.alt_response(422, description="Empty or blank reason")
def create_decision(data):
    """Record a decision with its reason; posting again for the same person records a revision."""
    piscine = get_piscine(data["piscine_id"])
    row = decisions.decide(
        piscine=piscine,
        user_id=data["user_id"],
        decision=data["decision"],
        reason=data["reason"],
        actor=g.api_user,
    )
    db.session.commit()
    return row


@blp.get("/decisions")
@blp.doc(security=BEARER)
@token_required("staff", "admin")
@blp.response(200, SelectionDecisionOut(many=True))
def list_decisions():
    """Decisions of a piscine (`piscine_id`), current ones unless `history=1`."""
    piscine_id = parse_id(request.args.get("piscine_id"))
    if piscine_id is None:
        message = _l("piscine_id is required (a whole number).")
        raise ValidationFailed(message, fields={"piscine_id": message})
    query = db.select(Decision).where(Decision.piscine_id == piscine_id)
    if request.args.get("history") != "1":
        query = query.where(Decision.current.is_(True))
    return list(db.session.scalars(query.order_by(Decision.user_id, Decision.version)))


class MySelectionItemOut(Schema):
    decision_id = fields.Integer()
    piscine_id = fields.Integer()
    decision = fields.String()
    reason = fields.String()
    offer_status = fields.String(allow_none=True)
    offer_deadline = fields.String(allow_none=True)
    score = fields.Float(allow_none=True)
    rank = fields.Integer(allow_none=True)
    weights = fields.Dict(keys=fields.String(), values=fields.Float())
    breakdown = fields.List(fields.Dict())


class MySelectionOut(Schema):
    items = fields.List(fields.Nested(MySelectionItemOut))


@blp.get("/me/selection")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, MySelectionOut)
def my_selection():
    """After a decision: the decision, the criteria and weights used, and my own breakdown.

    Only decisions whose e-mail was sent are listed (staff may still revise the others); an
    admission's confirmation deadline starts when its e-mail is sent."""
    return {
        "items": [
            {
                "decision_id": v["decision"].id,
                "piscine_id": v["decision"].piscine_id,
                "decision": v["decision"].decision,
                "reason": v["decision"].reason,
                "offer_status": v["decision"].offer_status,
                "offer_deadline": v["decision"].offer_deadline.isoformat()
                if v["decision"].offer_deadline
                else None,
                "score": v["score"],
                "rank": v["rank"],
                "weights": v["weights"],
                "breakdown": v["breakdown"],
            }
            for v in offers.candidate_view(g.api_user)
        ]
    }


@blp.post("/me/offers/<int:decision_id>/<any(confirm, decline):answer>")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, SelectionDecisionOut)
def answer_offer(decision_id: int, answer: str):
    """Confirm or decline an admission before its deadline."""
    row = offers.respond_to_offer(g.api_user, decision_id, accept=answer == "confirm")
    db.session.commit()
    return row
