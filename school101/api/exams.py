"""API: exams (start, state, grademe) for candidates and results for staff."""

from __future__ import annotations

from flask import g, request
from flask_babel import get_locale
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from school101.api.auth_helpers import BEARER, token_required
from school101.extensions import db
from school101.models._base import utcnow
from school101.services.exams import attempts
from school101.services.exams.presence import Client
from school101.web.limits import exam_start_limit

blp = Blueprint("api_exams", __name__, url_prefix="/api/v1/exams", description="Exams")


class AttemptSummary(Schema):
    id = fields.Integer()
    status = fields.String(metadata={"description": "in_progress | finished"})
    points = fields.Integer()
    max_points = fields.Integer()
    level = fields.Integer(metadata={"description": "levels passed (index of the current level)"})
    ends_at = fields.String()


class ExamOut(Schema):
    id = fields.Integer()
    piscine_id = fields.Integer()
    day_id = fields.String(metadata={"example": "exam00"})
    title = fields.String()
    opens_at = fields.String()
    closes_at = fields.String()
    duration_minutes = fields.Integer()
    levels = fields.Integer()
    open = fields.Boolean()
    attempt = fields.Nested(AttemptSummary, allow_none=True)


class LevelOut(Schema):
    level = fields.Integer()
    level_key = fields.String()
    exercise = fields.String(metadata={"example": "exam00/level0/fizzbuzz"})
    title = fields.String()
    files = fields.List(fields.String())
    allowed_functions = fields.List(fields.String())
    points = fields.Integer()
    tries = fields.Integer()
    failures = fields.Integer()
    status = fields.String(metadata={"description": "open | pending | waiting | passed"})
    last_try_at = fields.String(allow_none=True)
    next_try_at = fields.String(allow_none=True)
    wait_seconds = fields.Integer(
        metadata={"description": "seconds before the next grademe is accepted"}
    )
    passed_at = fields.String(allow_none=True)
    subject_html = fields.String(metadata={"description": "the subject in the caller's language"})


class TryOut(Schema):
    id = fields.Integer()
    level = fields.Integer()
    exercise = fields.String()
    number = fields.Integer()
    requested_at = fields.String()
    outcome = fields.String(metadata={"description": "pending | passed | failed | error | void"})
    evaluated_at = fields.String(allow_none=True)
    wait_seconds = fields.Integer(metadata={"description": "wait imposed by this failure"})
    submission_id = fields.Integer()
    run_id = fields.Integer()
    run_status = fields.String(allow_none=True)
    verdict_status = fields.String()
    trace = fields.String()
    tests = fields.List(fields.Dict())


class AttemptOut(Schema):
    id = fields.Integer()
    exam_id = fields.Integer()
    user_id = fields.Integer()
    status = fields.String(metadata={"description": "in_progress | finished"})
    started_at = fields.String()
    ends_at = fields.String(metadata={"description": "min(closes_at, started_at + duration)"})
    finished_at = fields.String(allow_none=True)
    duration_minutes = fields.Integer()
    server_time = fields.String()
    remaining_seconds = fields.Integer(metadata={"description": "measured by the server"})
    level = fields.Integer()
    levels_total = fields.Integer()
    points = fields.Integer()
    max_points = fields.Integer()
    current = fields.Nested(LevelOut, allow_none=True)
    levels = fields.List(fields.Nested(LevelOut))
    tries = fields.List(fields.Nested(TryOut), metadata={"description": "newest first"})


class StateOut(Schema):
    exam = fields.Nested(ExamOut)
    attempt = fields.Nested(AttemptOut, allow_none=True)


class GrademeOut(Schema):
    try_ = fields.Nested(TryOut, data_key="try")
    attempt = fields.Nested(AttemptOut)


class GrademeForm(Schema):
    files = fields.Raw(metadata={"type": "string", "format": "binary"})


class ResultLevel(Schema):
    level = fields.Integer()
    exercise = fields.String()
    tries = fields.Integer()
    failures = fields.Integer()
    passed = fields.Boolean()
    passed_at = fields.String(allow_none=True)


class ResultAttempt(Schema):
    id = fields.Integer()
    status = fields.String()
    points = fields.Integer()
    max_points = fields.Integer()
    level = fields.Integer()
    started_at = fields.String()
    ends_at = fields.String()
    finished_at = fields.String(allow_none=True)
    minutes_used = fields.Integer()
    levels = fields.List(fields.Nested(ResultLevel))


class ResultRow(Schema):
    user_id = fields.Integer()
    name = fields.String()
    email = fields.String()
    attempt = fields.Nested(ResultAttempt, allow_none=True)


class ResultsOut(Schema):
    exam = fields.Nested(ExamOut)
    levels = fields.List(fields.Dict())
    rows = fields.List(fields.Nested(ResultRow))
    started = fields.Integer()
    seated = fields.Integer()


class StartIn(Schema):
    code = fields.String(
        load_default=None,
        validate=lambda value: len(value) <= 32,
        metadata={
            "description": "the code shown on the exam room's screen (needed to start, not to "
            "resume)",
            "example": "K7PQ3M",
        },
    )


def _locale() -> str:
    return str(get_locale() or "fr")


def _client() -> Client:
    """The calling API token as an exam client (one token, one connection)."""
    return Client(
        kind="api",
        key=f"token:{g.api_token_id}",
        address=request.remote_addr or "",
        user_agent=request.user_agent.string or "",
    )


@blp.get("")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, ExamOut(many=True))
def mine():
    """The caller's exams (those of the piscines where they hold a seat) with their attempt."""
    now = utcnow()
    return [
        attempts.exam_to_json(day, attempt, now, _locale())
        for day, attempt in attempts.exams_for(g.api_user)
    ]


@blp.post("/<int:exam_id>/start")
@blp.doc(security=BEARER)
@exam_start_limit()
@token_required()
@blp.arguments(StartIn, location="json")
@blp.response(201, StateOut, description="Started now")
@blp.alt_response(200, schema=StateOut, description="Already started: the same attempt")
@blp.alt_response(
    401,
    description="This token's exam session was ended by a later login (`session_replaced`)",
)
@blp.alt_response(
    403,
    description="No seat in the exam's piscine (`no_seat`), or not from the exam room's "
    "networks (`outside_network`)",
)
@blp.alt_response(404, description="No such exam")
@blp.alt_response(
    409,
    description="Not open yet (`not_open`), over (`exam_closed`), or not open in a room "
    "(`room_closed`)",
)
@blp.alt_response(
    422, description="Code missing (`code_required`) or wrong (`wrong_code`), field `code`"
)
@blp.alt_response(429, description="Too many failed starts: wait")
def start(body: dict, exam_id: int):
    """Start the exam in the room: from the room's networks, with the code on the room's screen
    (`{"code": "K7PQ3M"}`); the clock starts, level 0's exercise is drawn and this token becomes
    the exam's one active session. Starting again is harmless (no code needed)."""
    _attempt, created = attempts.start(g.api_user, exam_id, code=body.get("code"), client=_client())
    db.session.commit()
    data = attempts.state(g.api_user, exam_id, locale=_locale(), client=_client())
    db.session.commit()
    return data, (201 if created else 200)


@blp.get("/<int:exam_id>")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, StateOut)
@blp.alt_response(401, description="This token's exam session was ended (`session_replaced`)")
@blp.alt_response(
    403, description="No seat in the exam's piscine, or outside the room (`outside_network`)"
)
@blp.alt_response(404, description="No such exam")
def get_state(exam_id: int):
    """The exam and the caller's attempt: level, subject, remaining time, wait, tries and traces.
    A running attempt answers only in its room, and a token used here for the first time
    becomes the exam's one active session (the one before is ended)."""
    data = attempts.state(g.api_user, exam_id, locale=_locale(), client=_client())
    db.session.commit()
    return data


@blp.post("/<int:exam_id>/grademe")
@blp.doc(security=BEARER, requestBody={"content": {"multipart/form-data": {"schema": GrademeForm}}})
@token_required()
@blp.response(202, GrademeOut)
@blp.alt_response(
    409,
    description="Not started (`not_started`), a grading pending (`grading_pending`), "
    "a wait after a failure (`wait`, with `retry_after` seconds) or over "
    "(`exam_over`)",
)
@blp.alt_response(401, description="This token's exam session was ended (`session_replaced`)")
@blp.alt_response(403, description="Outside the exam room (`outside_network`)")
@blp.alt_response(413, description="Too large")
@blp.alt_response(422, description="Bad file name or the exercise's files missing (`missing_file`)")
def grademe(exam_id: int):
    """Turn in the current exercise's files (multipart `files`, or one zip/tar) and queue the grading."""
    uploads = [(f.filename or "", f.read()) for f in request.files.getlist("files")]
    try_row = attempts.grademe(g.api_user, exam_id, uploads, source="api", client=_client())
    db.session.commit()
    try_id = try_row.id
    data = attempts.state(g.api_user, exam_id, locale=_locale(), client=_client())
    db.session.commit()
    current = next(t for t in data["attempt"]["tries"] if t["id"] == try_id)
    return {"try_": current, "attempt": data["attempt"]}


@blp.get("/<int:exam_id>/results")
@blp.doc(security=BEARER)
@token_required("staff", "admin")
@blp.response(200, ResultsOut)
def results(exam_id: int):
    """Staff: every seated candidate with their attempt, levels, points and time used."""
    data = attempts.results(exam_id)
    db.session.commit()
    return data


@blp.get("/attempts/<int:attempt_id>")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, AttemptOut)
@blp.alt_response(404, description="Not yours (staff see every attempt)")
def attempt(attempt_id: int):
    """One attempt with every try and its verdict trace (its owner or staff)."""
    row = attempts.get_attempt(g.api_user, attempt_id)
    data = attempts.attempt_to_json(row, utcnow())
    db.session.commit()
    return data
