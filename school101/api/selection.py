"""API: ranking of a piscine, human decisions, and the candidate's own offer and breakdown."""

from __future__ import annotations

from flask import g, request
from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema

from school101.api.auth_helpers import BEARER, token_required
from school101.api.schemas import StrictBool, id_field
from school101.core.bounds import parse_id
from school101.core.errors import NotFound, ValidationFailed
from school101.extensions import db
from school101.models import Decision, SelectionRound
from school101.services.piscine import booking
from school101.services.piscine.queries import get_piscine
from school101.services.selection import blind as blind_mode
from school101.services.selection import decisions, dossier, offers, ranking, ranking_view

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


CANDIDATE_DOC = (
    "What to call the person by: while the piscine is blind, the round's code ('C-3F9A2B'; "
    "`user_id` is then left out); otherwise the user id as text"
)


class RankingItemOut(Schema):
    candidate = fields.String(metadata={"description": CANDIDATE_DOC})
    user_id = fields.Integer(metadata={"description": "Left out while the piscine is blind"})
    rank = fields.Integer()
    score = fields.Float()
    breakdown = fields.List(fields.Nested(BreakdownOut))
    integrity_confirmed = fields.Integer(
        metadata={"description": "confirmed plagiarism cases (a flag, not part of the score)"}
    )


class RankingOut(Schema):
    items = fields.List(fields.Nested(RankingItemOut))
    weights = fields.Dict(keys=fields.String(), values=fields.Float())
    round_id = fields.Integer(allow_none=True)
    blind = fields.Boolean(metadata={"description": "True while the piscine's people are coded"})


class SelectionDecisionIn(Schema):
    candidate = fields.String(
        validate=validate.Length(max=40),
        metadata={
            "description": "The person: the round's code while blind (`candidate` of the ranking)"
        },
    )
    user_id = id_field(
        strict=True,
        metadata={"description": "The person, outside blind mode only (404 while blind)"},
    )
    piscine_id = id_field(required=True, strict=True)
    round_id = id_field(
        strict=True,
        metadata={"description": "The round decided in (the newest ranking the piscine)"},
    )
    decision = fields.String(
        required=True, validate=validate.OneOf(["admit", "waitlist", "reject"])
    )
    reason = fields.String(required=True)

    @validates_schema
    def _one_person(self, data, **_kwargs):
        if ("candidate" in data) == ("user_id" in data):
            raise ValidationError(
                str(_l("Name the person by `candidate` (or, outside blind mode, `user_id`).")),
                field_name="candidate",
            )


class SelectionDecisionOut(Schema):
    id = fields.Integer()
    candidate = fields.String(metadata={"description": CANDIDATE_DOC})
    user_id = fields.Integer(metadata={"description": "Left out while the piscine is blind"})
    piscine_id = fields.Integer()
    version = fields.Integer()
    decision = fields.String()
    reason = fields.String()
    decided_at = fields.DateTime()
    decided_by_id = fields.Integer(allow_none=True)
    current = fields.Boolean()
    offer_status = fields.String()
    offer_deadline = fields.DateTime(allow_none=True)


class RankingQuery(Schema):
    """The ranking page's filters and sort orders (services/selection/ranking_view.py)."""

    class Meta:
        unknown = EXCLUDE

    round_id = fields.String(metadata={"description": "the round whose weights rank"})
    decision = fields.String(
        validate=validate.OneOf(ranking_view.DECISION_FILTERS),
        metadata={"description": "current decision; `none`: no decision yet"},
    )
    offer = fields.String(validate=validate.OneOf(list(offers.OFFER_STATES)))
    flagged = fields.Boolean(metadata={"description": "only confirmed plagiarism"})
    q = fields.String(
        validate=validate.Length(max=80),
        metadata={"description": "text in the name or e-mail; while blind, in the code only"},
    )
    sort = fields.String(
        validate=validate.OneOf(ranking_view.sort_keys()),
        metadata={"description": "rank (default), candidate, score, decision or a criterion"},
    )
    direction = fields.String(validate=validate.OneOf(["asc", "desc"]))


@blp.get("/piscines/<int:piscine_id>/ranking")
@blp.doc(security=BEARER)
@token_required("staff", "admin")
@blp.arguments(RankingQuery, location="query")
@blp.response(200, RankingOut)
@blp.alt_response(
    404, description="Unknown piscine, or `round_id` names no round ranking this piscine"
)
def piscine_ranking(args, piscine_id: int):
    """Every booked candidate ranked with the breakdown: the weights of `round_id` (404 when no such
    round ranks this piscine), else of the newest round ranking it, else the default weights.
    While the piscine is blind, each item names the person by the round's code (`candidate`)
    and carries no `user_id`. The ranking page's filters and sort orders apply (`decision`,
    `offer`, `flagged`, `q`, `sort`, `direction`); ties keep the ranking's order."""
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
    hiding = blind_mode.blind_round_for(piscine.id, selection_round)
    everyone = [int(u) for u in computed.user_ids]
    query = ranking_view.RankingQuery(
        offer=args.get("offer", ""),
        decision=args.get("decision", ""),
        flagged=bool(args.get("flagged")),
        q=args.get("q", "").strip(),
        sort=args.get("sort", "rank"),
        direction=args.get("direction", "asc"),
    )
    items = ranking_view.ordered_items(
        computed,
        ranking_view.current_decisions(piscine),
        query,
        keys=blind_mode.keys(hiding, everyone),
        names=ranking.display_names(everyone) if hiding is None else {},
    )
    return {
        "items": _with_candidates(items, hiding),
        "weights": weights,
        "round_id": selection_round.id if selection_round else None,
        "blind": hiding is not None,
    }


class DossierOut(Schema):
    candidate = fields.String(metadata={"description": CANDIDATE_DOC})
    blind = fields.Boolean()
    user_id = fields.Integer(metadata={"description": "Left out while the piscine is blind"})
    name = fields.String(metadata={"description": "Left out while the piscine is blind"})
    email = fields.String(metadata={"description": "Left out while the piscine is blind"})
    application_id = fields.Integer(
        allow_none=True, metadata={"description": "Left out while the piscine is blind"}
    )
    games = fields.Dict(allow_none=True, metadata={"description": "selection games' scores"})
    progress = fields.Dict()
    days = fields.List(
        fields.Dict(), metadata={"description": "opened days: state, score, verdicts, traces"}
    )
    days_to_come = fields.Integer()
    exams = fields.List(fields.Dict())
    evaluations = fields.Dict(metadata={"description": "received (list) and given (count)"})
    integrity_cases = fields.List(fields.Dict(), metadata={"description": "confirmed plagiarism"})
    notes_hidden = fields.Boolean(
        metadata={"description": "true: the application has notes, hidden while blind"}
    )
    notes = fields.List(fields.Dict())
    history = fields.List(fields.Dict(), metadata={"description": "invited, booked, decisions"})


@blp.get("/piscines/<int:piscine_id>/candidates/<candidate>/dossier")
@blp.doc(security=BEARER)
@token_required("staff", "admin")
@blp.response(200, DossierOut)
@blp.alt_response(404, description="Unknown piscine, or nobody seated by that code or id")
def candidate_dossier(piscine_id: int, candidate: str):
    """Everything a decision about a candidate of a piscine needs (the staff candidate pages'
    twin): games, opened days with verdicts and traces, exams, peer evaluations, confirmed
    plagiarism, notes and history. While the piscine is blind, `candidate` is the round's code
    (a user id is refused like an unknown code) and nothing names the person."""
    piscine = get_piscine(piscine_id)
    user = booking.seated_candidate(piscine, blind_mode.resolve_for_piscine(piscine.id, candidate))
    hiding = blind_mode.blind_round_for(piscine.id)
    key = blind_mode.keys(hiding, [user.id])[user.id]
    found = dossier.candidate_dossier(piscine, user.id, blind=hiding is not None, actor=g.api_user)
    return dossier.dossier_to_json(found, candidate=user, key=key, blind=hiding is not None)


def _with_candidates(rows: list[dict], hiding) -> list[dict]:
    """Each row with `candidate` (the code while blind, without `user_id`; else the id)."""
    keys = blind_mode.keys(hiding, sorted({r["user_id"] for r in rows}))
    out = []
    for row in rows:
        shown = {**row, "candidate": keys[row["user_id"]]}
        if hiding is not None:
            del shown["user_id"]
        out.append(shown)
    return out


def _decisions_out(rows: list[Decision], piscine_id: int) -> list[dict]:
    fields_out = SelectionDecisionOut._declared_fields
    plain = [
        {name: getattr(row, name) for name in fields_out if hasattr(Decision, name)} for row in rows
    ]
    return _with_candidates(plain, blind_mode.blind_round_for(piscine_id))


@blp.post("/decisions")
@blp.doc(security=BEARER)
@token_required("staff", "admin")
@blp.arguments(SelectionDecisionIn)
@blp.response(201, SelectionDecisionOut)
@blp.alt_response(409, description="The piscine has not started")
@blp.alt_response(404, description="Unknown piscine, round or candidate (`unknown_candidate`)")
@blp.alt_response(422, description="Empty or blank reason, or no `candidate`")
def create_decision(data):
    """Record a decision with its reason; posting again for the same person records a revision.
    The person is `candidate` (the code of the ranking while blind; a user id is then a 404 like
    an unknown code) or, outside blind mode, `user_id`."""
    piscine = get_piscine(data["piscine_id"])
    selection_round = None
    if "round_id" in data:
        ranking.weights_for(piscine, data["round_id"])  # 404 unless the round ranks the piscine
        selection_round = db.session.get(SelectionRound, data["round_id"])
    key = data.get("candidate", str(data.get("user_id", "")))
    if selection_round is not None:
        (user_id,) = blind_mode.resolve_in_round(selection_round, piscine.id, [key])
    else:
        user_id = blind_mode.resolve_for_piscine(piscine.id, key)
    row = decisions.decide(
        piscine=piscine,
        user_id=user_id,
        decision=data["decision"],
        reason=data["reason"],
        actor=g.api_user,
        selection_round=selection_round,
    )
    db.session.commit()
    return _decisions_out([row], piscine.id)[0]


@blp.get("/decisions")
@blp.doc(security=BEARER)
@token_required("staff", "admin")
@blp.response(200, SelectionDecisionOut(many=True))
def list_decisions():
    """Decisions of a piscine (`piscine_id`), current ones unless `history=1`; while the piscine
    is blind, by code (`candidate`) without `user_id`."""
    piscine_id = parse_id(request.args.get("piscine_id"))
    if piscine_id is None:
        message = _l("piscine_id is required (a whole number).")
        raise ValidationFailed(message, fields={"piscine_id": message})
    query = db.select(Decision).where(Decision.piscine_id == piscine_id)
    if request.args.get("history") != "1":
        query = query.where(Decision.current.is_(True))
    rows = list(db.session.scalars(query.order_by(Decision.user_id, Decision.version)))
    return _decisions_out(rows, piscine_id)


class BlindIn(Schema):
    blind = StrictBool(required=True, metadata={"description": "false lifts blind mode"})
    confirm = StrictBool(required=True, metadata={"description": "Must be true"})
    reason = fields.String(required=True, metadata={"description": "Kept in the audit log"})


class RoundOut(Schema):
    id = fields.Integer()
    name = fields.String()
    blind = fields.Boolean()


@blp.post("/selection/rounds/<int:round_id>/blind")
@blp.doc(security=BEARER)
@token_required("staff", "admin")
@blp.arguments(BlindIn)
@blp.response(200, RoundOut)
@blp.alt_response(404, description="Unknown round")
@blp.alt_response(422, description="Not confirmed, or no reason")
def round_blind(data, round_id: int):
    """Lift blind mode (`blind` false: names shown again) or turn it back on; confirmed, with a
    reason, audited (`selection.blind_lifted` / `selection.blind_restored`)."""
    selection_round = db.session.get(SelectionRound, round_id)
    if selection_round is None:
        raise NotFound(
            _l("Selection round %(id)s does not exist.", id=round_id), code="unknown_round"
        )
    blind_mode.set_blind(
        selection_round,
        data["blind"],
        confirm=data["confirm"],
        reason=data["reason"],
        actor=g.api_user,
    )
    db.session.commit()
    return selection_round


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
