"""API: a seated candidate's "today" in a piscine, the twin of the piscine dashboard's top
(`GET /api/v1/piscines/today` for the piscine of the moment, or one piscine by id)."""

from __future__ import annotations

from flask import g
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from school101.api.auth_helpers import BEARER, token_required
from school101.core.errors import NotFound
from school101.models._base import utcnow
from school101.services.evaluations import booking as evaluation_booking
from school101.services.exams import upcoming
from school101.services.piscine import booking, today

blp = Blueprint(
    "api_piscine_today",
    __name__,
    url_prefix="/api/v1/piscines",
    description="A seated candidate's day in a piscine",
)


class TodayOut(Schema):
    piscine_id = fields.Integer()
    phase = fields.String(metadata={"description": "before | open | day_off | after"})
    open_days = fields.List(
        fields.Dict(),
        metadata={
            "description": "days open now, newest first: day_id, title, opens_at, closes_at, "
            "git_url, result {state, score, max_score}, exercises [{id, files, subject_html, "
            "verdict {status, passed} or null, latest_submission {id, status} or null}]"
        },
    )
    next_day = fields.Dict(allow_none=True, metadata={"description": "the next day to open"})
    last_deadline = fields.String(allow_none=True)
    next_exam = fields.Dict(
        allow_none=True,
        metadata={
            "description": "the next exam not over: id, title, opens_at, closes_at, "
            "duration_minutes, open, rooms (where it is open now), attempt"
        },
    )
    evaluations_needed = fields.List(
        fields.Dict(), metadata={"description": "closed days still needing evaluations booked"}
    )


def _locale() -> str:
    """The answer's language (the API follows Accept-Language: api/language.py)."""
    return str(get_locale() or "fr")[:2]


def _today(piscine_id: int) -> dict:
    user, now, lang = g.api_user, utcnow(), _locale()
    piscine = booking.seated_piscine(user, piscine_id)
    view = today.today(piscine, user.id, now=now, locale=lang)
    exam = view["next_exam"]
    return {
        "piscine_id": piscine.id,
        **today.today_to_json(view),
        "next_exam": upcoming.next_exam(user, exam["day"] if exam else None, now=now, locale=lang),
        "evaluations_needed": evaluation_booking.needs(user, piscine, now=now),
    }


@blp.get("/today")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, TodayOut)
@blp.alt_response(404, description="No seat in any piscine (`no_seat`)")
def current():
    """Today in the piscine of the moment (running, else next, else last where one is seated)."""
    piscine_id = today.home_piscine_id(g.api_user)
    if piscine_id is None:
        raise NotFound(_l("You hold no seat in a piscine."), code="no_seat")
    return _today(piscine_id)


@blp.get("/<int:piscine_id>/today")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, TodayOut)
@blp.alt_response(403, description="No seat in this piscine (`no_seat`)")
def of_piscine(piscine_id: int):
    """Today in one piscine where the caller holds a seat."""
    return _today(piscine_id)
