"""API: rush defenses (issue 13): a team books its one defense after the rush's deadline, the
evaluator fills the rush's scale with present/absent and "can't explain" per member, every
member sees the defense and their own individual mark; staff may take a defense over.

Cancelling, reporting a no-show and rating the feedback go through the evaluation endpoints
(/api/v1/evaluations/<id>/...), for the booking member and the evaluator.
"""

from __future__ import annotations

import json

from flask import g
from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from school101.api.auth_helpers import BEARER, STAFF, token_required
from school101.api.evaluations import (
    EvaluationDetailOut,
    EvaluationOut,
    SubmitIn,
    evaluation_detail,
    evaluation_json,
)
from school101.api.language import api_locale
from school101.core.errors import Forbidden, NotFound
from school101.extensions import db
from school101.models import Evaluation
from school101.models._base import utcnow
from school101.services.evaluations import defenses, work
from school101.services.piscine import queries
from school101.services.piscine.booking import has_seat

blp = Blueprint("api_defenses", __name__, url_prefix="/api/v1", description="Rush defenses")


class DefenseNeedOut(Schema):
    day_id = fields.String(metadata={"example": "rush00"})
    team_id = fields.Integer()
    number = fields.Integer(metadata={"description": "the team's number in the rush"})


class DefenseBookIn(Schema):
    day_id = fields.String(required=True, validate=validate.Length(min=1, max=40))
    starts_at = fields.AwareDateTime(
        required=True, metadata={"description": "ISO 8601 with offset, on a quarter-hour"}
    )


class DefenseMemberIn(Schema):
    user_id = fields.Integer(required=True, strict=True)
    absent = fields.Boolean(load_default=False, metadata={"description": "absent: mark 0"})
    cannot_explain = fields.Boolean(
        load_default=False,
        metadata={"description": "this member cannot explain: mark 0 for them, sent to staff"},
    )


class DefenseSubmitIn(SubmitIn):
    members = fields.List(
        fields.Nested(DefenseMemberIn),
        required=True,
        metadata={"description": "every member of the team exactly once"},
    )


class DefenseMemberOut(Schema):
    user_id = fields.Integer()
    name = fields.String()
    mark = fields.Integer(allow_none=True, metadata={"description": "0-125 once submitted"})
    absent = fields.Boolean()
    cannot_explain = fields.Boolean()


class DefenseOut(EvaluationDetailOut):
    role = fields.String(
        metadata={
            "description": "the caller's side: evaluated (the booking member) | member (another "
            "member) | evaluator | staff"
        }
    )
    team_id = fields.Integer()
    members = fields.List(
        fields.Nested(DefenseMemberOut),
        metadata={
            "description": "the team as booked; a member sees only their own mark, the "
            "evaluator and staff see every one"
        },
    )


def _defense(evaluation_id: int) -> Evaluation:
    evaluation = defenses.get_visible(g.api_user, evaluation_id)
    if evaluation.team_id is None:
        raise NotFound(_l("No such defense."))
    return evaluation


def defense_json(user, evaluation: Evaluation, now) -> dict:
    """A defense as `user` may see it: the evaluation, and the members' individual marks (a
    member sees only their own)."""
    side = user.is_staff or user.id in (evaluation.evaluated_id, evaluation.evaluator_id)
    if side:
        data = evaluation_detail(user, evaluation, now)
    else:  # a member who did not book: like the evaluated person, without the work
        data = evaluation_json(user, evaluation, now)
        data["role"] = "member"
        filled = evaluation.status in ("submitted", "done") and evaluation.scale
        raw = work.stored_or_current_scale(evaluation) if filled else None
        data["scale"] = work.localized_scale(raw, api_locale()) if raw is not None else None
        data["answers"] = json.loads(evaluation.answers) if filled else None
        data["work"] = None
    sees_all = user.is_staff or user.id == evaluation.evaluator_id
    names = user.is_staff or data["names_visible"]
    data["team_id"] = evaluation.team_id
    data["members"] = [
        {
            "user_id": m.user_id,
            "name": defenses.member_name(m.user_id) if names or m.user_id == user.id else "",
            "mark": m.mark if sees_all or m.user_id == user.id else None,
            "absent": m.absent if sees_all or m.user_id == user.id else False,
            "cannot_explain": m.cannot_explain if sees_all or m.user_id == user.id else False,
        }
        for m in sorted(evaluation.members, key=lambda m: m.id)
    ]
    return data


@blp.get("/piscines/<int:piscine_id>/defenses/needs")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, DefenseNeedOut(many=True))
@blp.alt_response(403, description="No seat in this piscine (`no_seat`)")
def needs(piscine_id: int):
    """The rushes whose deadline passed and whose team (the caller's) has no defense yet."""
    piscine = queries.get_piscine(piscine_id)
    if not has_seat(g.api_user, piscine.id):
        raise Forbidden(_l("You have no seat in this piscine."), code="no_seat")
    return defenses.defense_needs(g.api_user, piscine, now=utcnow())


@blp.post("/piscines/<int:piscine_id>/defenses")
@blp.doc(security=BEARER)
@token_required()
@blp.arguments(DefenseBookIn)
@blp.response(201, EvaluationOut)
@blp.alt_response(403, description="No seat in this piscine (`no_seat`)")
@blp.alt_response(
    409,
    description="Defense already booked (`defense_exists`), no point left (`no_points`), a "
    "member busy then (`busy_then`), nobody free then (`no_evaluator`)",
)
@blp.alt_response(
    422, description="Not a rush, in no team, before the deadline, or a bad `starts_at`"
)
def book(data, piscine_id: int):
    """Book the defense of the caller's team; an evaluator who is not a member is drawn at
    random among those free then. The booking member pays one point."""
    piscine = queries.get_piscine(piscine_id)
    now = utcnow()
    evaluation = defenses.book_defense(
        g.api_user, piscine, data["day_id"], data["starts_at"], now=now
    )
    db.session.commit()
    return evaluation_json(g.api_user, evaluation, now)


@blp.get("/piscines/<int:piscine_id>/defenses")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, DefenseOut(many=True))
def mine(piscine_id: int):
    """The defenses of the caller's teams in the piscine, the latest first."""
    piscine = queries.get_piscine(piscine_id)
    now = utcnow()
    return [defense_json(g.api_user, e, now) for e in defenses.defenses_of(g.api_user, piscine)]


@blp.get("/defenses/<int:evaluation_id>")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, DefenseOut)
@blp.alt_response(404, description="Not a defense of the caller's team nor one they evaluate")
def get(evaluation_id: int):
    """One defense, with the individual marks the caller may see."""
    return defense_json(g.api_user, _defense(evaluation_id), utcnow())


@blp.post("/defenses/<int:evaluation_id>/submit")
@blp.doc(security=BEARER)
@token_required()
@blp.arguments(DefenseSubmitIn)
@blp.response(200, DefenseOut)
@blp.alt_response(403, description="Not the evaluator (`not_evaluator`)")
@blp.alt_response(404, description="No such defense for the caller")
@blp.alt_response(409, description="Not started (`not_started`) or not booked (`not_booked`)")
@blp.alt_response(
    422,
    description="A bad answer, an unknown flag, short feedback, or `members` not naming every "
    "member once (absent and can't explain are exclusive)",
)
def submit(data, evaluation_id: int):
    """The evaluator's filled scale (the team mark), feedback, and per member present/absent
    and "can't explain" (individual marks). Earns a point."""
    now = utcnow()
    evaluation = defenses.submit_defense(
        g.api_user,
        _defense(evaluation_id),
        data["answers"],
        data["flags"],
        data["feedback"],
        data["members"],
        now=now,
    )
    db.session.commit()
    return defense_json(g.api_user, evaluation, now)


@blp.post("/defenses/<int:evaluation_id>/take-over")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.response(200, DefenseOut)
@blp.alt_response(404, description="No such defense")
@blp.alt_response(409, description="Started or closed (`not_booked`), busy then (`busy_then`)")
def take_over(evaluation_id: int):
    """Staff become the evaluator of a booked defense that has not started (audited)."""
    now = utcnow()
    evaluation = defenses.take_over(g.api_user, _defense(evaluation_id), now=now)
    db.session.commit()
    return defense_json(g.api_user, evaluation, now)
