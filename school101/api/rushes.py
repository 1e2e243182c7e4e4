"""API: rush teams (issue 13). Staff see every team of a rush, draw them and move a person
(reason mandatory, audited); a seated candidate sees their own team. The day must be a rush
of the piscine's calendar (404 otherwise)."""

from __future__ import annotations

from flask import g
from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from school101.api.auth_helpers import BEARER, STAFF, token_required
from school101.api.schemas import bounded_int, id_field
from school101.core.errors import Forbidden
from school101.extensions import db
from school101.models import RushTeam
from school101.services.evaluations import teams
from school101.services.piscine import queries
from school101.services.piscine.booking import has_seat

blp = Blueprint("api_rushes", __name__, url_prefix="/api/v1", description="Rush teams")


class MemberOut(Schema):
    id = fields.Integer()
    name = fields.String()


class TeamOut(Schema):
    number = fields.Integer()
    exercise = fields.String(
        metadata={"description": "the exercise assigned to the team (rush00's variants), or ''"}
    )
    members = fields.List(fields.Nested(MemberOut))


class TeamsOut(Schema):
    piscine_id = fields.Integer()
    day_id = fields.String(metadata={"example": "rush00"})
    formed = fields.Boolean(metadata={"description": "true once the rush's teams are drawn"})
    teams = fields.List(
        fields.Nested(TeamOut),
        metadata={"description": "staff: every team; a candidate: their own (or none)"},
    )


class MoveIn(Schema):
    user_id = id_field(required=True, strict=True)
    team = bounded_int(min=1, max=1000, required=True, strict=True)
    reason = fields.String(required=True, validate=validate.Length(max=2000))


def _team_json(row: dict) -> dict:
    team = row["team"]
    return {
        "number": team.number,
        "exercise": team.exercise,
        "members": [{"id": u.id, "name": u.full_name} for u in row["members"]],
    }


def _teams_json(piscine, day_id: str, formed: list[RushTeam], shown: list[RushTeam]) -> dict:
    return {
        "piscine_id": piscine.id,
        "day_id": day_id,
        "formed": bool(formed),
        "teams": [_team_json(row) for row in teams.team_rows(shown)],
    }


@blp.get("/piscines/<int:piscine_id>/rushes/<day_id>/teams")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, TeamsOut)
@blp.alt_response(403, description="Neither staff nor seated in this piscine (`no_seat`)")
@blp.alt_response(404, description="No such piscine, or no such rush in its calendar")
def list_teams(piscine_id: int, day_id: str):
    """The teams of a rush: all of them for staff, the caller's own for a candidate."""
    piscine = queries.get_piscine(piscine_id)
    user = g.api_user
    staff = user.has_role(*STAFF)
    if not staff and not has_seat(user, piscine.id):
        raise Forbidden(_l("You have no seat in this piscine."), code="no_seat")
    day = teams.rush_day(piscine, day_id)
    formed = teams.teams(piscine, day.day_id)
    if staff:
        shown = formed
    else:
        mine = teams.team_of(user, piscine, day.day_id)
        shown = [mine] if mine is not None else []
    return _teams_json(piscine, day.day_id, formed, shown)


@blp.post("/piscines/<int:piscine_id>/rushes/<day_id>/teams")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.response(201, TeamsOut)
@blp.alt_response(403, description="Not staff")
@blp.alt_response(404, description="No such piscine, or no such rush in its calendar")
@blp.alt_response(
    409,
    description="Teams already formed (`teams_exist`) or fewer than two seated candidates "
    "(`too_few`)",
)
def form(piscine_id: int, day_id: str):
    """Draw the teams of a rush among the seated candidates (audited)."""
    piscine = queries.get_piscine(piscine_id)
    day = teams.rush_day(piscine, day_id)
    formed = teams.form_teams(g.api_user, piscine, day.day_id)
    db.session.commit()
    return _teams_json(piscine, day.day_id, formed, formed)


@blp.post("/piscines/<int:piscine_id>/rushes/<day_id>/teams/move")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(MoveIn)
@blp.response(200, TeamOut)
@blp.alt_response(403, description="Not staff")
@blp.alt_response(404, description="No such rush, or the person is in no team of it")
@blp.alt_response(409, description="The move would leave a team empty (`team_empty`)")
@blp.alt_response(422, description="No such team number, or no reason")
def move(data, piscine_id: int, day_id: str):
    """Move a person to another team of the rush, with a reason (audited)."""
    piscine = queries.get_piscine(piscine_id)
    day = teams.rush_day(piscine, day_id)
    team = teams.move_member(
        g.api_user, piscine, day.day_id, data["user_id"], data["team"], data["reason"]
    )
    db.session.commit()
    return _team_json(teams.team_rows([team])[0])
