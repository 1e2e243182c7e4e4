"""API: the selection games (memory, logic), twins of the /games pages.

Server-authoritative: the answer names the level it answers; the server checks it is the
current, unanswered level, checks the answer against the kept solution and measures time
itself. Any other field in a request (a score, a time...) is ignored.
"""

from __future__ import annotations

from flask import g
from flask_smorest import Blueprint
from marshmallow import EXCLUDE, Schema, fields, validate

from school101.api.auth_helpers import BEARER, STAFF, token_required
from school101.api.schemas import bounded_int
from school101.extensions import db
from school101.services.games import plausibility
from school101.services.games import sessions as games
from school101.services.games.logic import INSTRUCTIONS
from school101.services.games.pacing import AnswerRefused

blp = Blueprint(
    "api_games",
    __name__,
    url_prefix="/api/v1",
    description="Selection games: "
    "memory (reproduce growing sequences) and logic (program a robot). Scores are "
    "computed by the server; see each endpoint.",
)


class GameProgramIn(Schema):
    class Meta:
        unknown = EXCLUDE

    main = fields.List(
        fields.String(validate=validate.OneOf(INSTRUCTIONS)),
        load_default=list,
        validate=validate.Length(max=32),
    )
    f1 = fields.List(
        fields.String(validate=validate.OneOf(INSTRUCTIONS)),
        load_default=list,
        validate=validate.Length(max=32),
    )
    f2 = fields.List(
        fields.String(validate=validate.OneOf(INSTRUCTIONS)),
        load_default=list,
        validate=validate.Length(max=32),
    )


class GameAnswerIn(Schema):
    """An answer to the current level. Unknown fields (score, time...) are ignored."""

    class Meta:
        unknown = EXCLUDE

    level = bounded_int(
        required=True,
        strict=True,
        metadata={"description": "number of the level answered; must be the current one"},
    )
    cells = fields.List(
        bounded_int(strict=True),
        validate=validate.Length(max=64),
        metadata={"description": "memory: the cells in the order shown (0 = top left, row by row)"},
    )
    action = fields.String(
        load_default="run",
        validate=validate.OneOf(["run", "skip"]),
        metadata={"description": "logic: run the program, or skip the level (unsolved)"},
    )
    program = fields.Nested(
        GameProgramIn, metadata={"description": "logic: instructions of main, f1 and f2"}
    )


class GameRevealIn(Schema):
    """Which step of the current memory level to reveal."""

    class Meta:
        unknown = EXCLUDE

    level = bounded_int(
        required=True, strict=True, metadata={"description": "the current level's number"}
    )
    step = bounded_int(
        required=True,
        strict=True,
        metadata={"description": "0 for the first cell, then 1, 2... in order, one request each"},
    )


class GameRevealOut(Schema):
    level = fields.Integer()
    step = fields.Integer()
    cell = fields.Integer(metadata={"description": "the cell lit at this step (0 = top left)"})
    show_ms = fields.Integer(
        metadata={"description": "how long it stays lit; the next step comes no sooner"}
    )
    steps_total = fields.Integer()
    last = fields.Boolean()


class GameReviewIn(Schema):
    class Meta:
        unknown = EXCLUDE

    decision = fields.String(
        required=True,
        validate=validate.OneOf(plausibility.REVIEWS),
        metadata={"description": "cleared (the timings are a person's) or upheld"},
    )
    reason = fields.String(required=True, metadata={"description": "why, for the audit log"})


class GamePlausibilityOut(Schema):
    session_id = fields.Integer()
    game = fields.String()
    application_id = fields.Integer()
    score = fields.Integer(metadata={"description": "unchanged by the flag"})
    report = fields.Dict(
        allow_none=True,
        metadata={
            "description": "flagged, reasons, stats (paces_ms, min_ms, median_ms, mean_ms, "
            "stdev_ms, cv, refusals), review, review_reason, reviewed_by, reviewed_at; "
            "null until the session is finished"
        },
    )
    refusals = fields.List(
        fields.Dict(), metadata={"description": "refused requests: level, reason, elapsed_ms, at"}
    )


class GameLevelOut(Schema):
    number = fields.Integer()
    puzzle = fields.Dict(metadata={"description": "public puzzle (never the solution)"})
    issued_at = fields.String()
    elapsed_ms = fields.Integer(metadata={"description": "server time since the level was issued"})
    tries = fields.Integer()
    reveal = fields.Dict(
        metadata={
            "description": "memory: steps_total, steps_revealed, next_step (null when all are "
            "shown), wait_ms (until the next step may be asked for)"
        }
    )


class GameSessionOut(Schema):
    id = fields.Integer()
    game = fields.String()
    attempt_no = fields.Integer()
    status = fields.String(metadata={"description": "in_progress | finished"})
    levels_total = fields.Integer()
    current_level = fields.Integer(allow_none=True)
    levels_solved = fields.Integer()
    total_instructions = fields.Integer()
    total_time_ms = fields.Integer()
    score = fields.Integer(
        metadata={
            "description": "memory: levels solved; logic: levels * 1e8 + "
            "(9999 - instructions) * 1e4 + (9999 - seconds)"
        }
    )
    started_at = fields.String()
    finished_at = fields.String(allow_none=True)
    levels = fields.List(
        fields.Dict(),
        metadata={
            "description": "per answered level: level, correct, "
            "skipped, tries, instructions, time_ms"
        },
    )
    level = fields.Nested(GameLevelOut, allow_none=True)


class GameAnswerOut(Schema):
    correct = fields.Boolean()
    finished = fields.Boolean()
    level = fields.Integer()
    time_ms = fields.Integer()
    skipped = fields.Boolean()
    tries = fields.Integer()
    outcome = fields.String(
        metadata={"description": "logic: solved | ended | step_limit | depth_limit"}
    )
    steps = fields.Integer()
    trace = fields.List(fields.Dict())
    lit = fields.List(fields.List(fields.Integer()))
    state = fields.Nested(GameSessionOut)


class GameSummaryOut(Schema):
    game = fields.String()
    title = fields.String()
    levels_total = fields.Integer()
    attempts_allowed = fields.Integer()
    attempts_used = fields.Integer()
    attempts_left = fields.Integer()
    in_progress = fields.Integer(allow_none=True)
    best = fields.Dict(allow_none=True)
    sessions = fields.List(fields.Dict())


class GamesOverviewOut(Schema):
    application_id = fields.Integer(allow_none=True)
    can_play = fields.Boolean()
    problem = fields.Dict(allow_none=True)
    games_completed_at = fields.String(allow_none=True)
    games = fields.List(fields.Nested(GameSummaryOut))


@blp.get("/games")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, GamesOverviewOut)
def overview():
    """Both games: attempts left, the game in progress, best and past results per level."""
    return games.overview(g.api_user)


@blp.post("/games/<string:game>/sessions")
@blp.doc(security=BEARER)
@token_required()
@blp.response(201, GameSessionOut, description="A new attempt was started")
@blp.alt_response(200, schema=GameSessionOut, description="The game in progress is resumed")
@blp.alt_response(403, description="No application, campaign closed or application closed")
@blp.alt_response(404, description="No such game (memory, logic)")
@blp.alt_response(409, description="No attempt left")
def start(game):
    """Start an attempt at `game` (memory or logic), or resume the one in progress."""
    session, created = games.start_or_resume(g.api_user, game)
    db.session.commit()
    return games.session_state(session), 201 if created else 200


@blp.get("/games/sessions/<int:session_id>")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, GameSessionOut)
@blp.alt_response(404, description="No such session (or not yours)")
def state(session_id):
    """A session: its results and, while in progress, the current level's puzzle (same puzzle
    after a reload; the clock keeps running from when the level was issued)."""
    return games.session_state(games.owned_session(g.api_user, session_id))


@blp.post("/games/sessions/<int:session_id>/answer")
@blp.doc(security=BEARER)
@token_required()
@blp.arguments(GameAnswerIn)
@blp.response(200, GameAnswerOut)
@blp.alt_response(404, description="No such session (or not yours)")
@blp.alt_response(409, description="Not the current level, already answered, session finished")
@blp.alt_response(422, description="Malformed answer or program")
def answer(data, session_id):
    """Answer the current level. Memory: `{level, cells}`, once every step of the sequence has
    been revealed (`/reveal`) and shown, and no sooner than GAMES_MEMORY_MIN_MS_PER_CELL per
    cell after the display ended; logic: `{level, action: "run", program: {main, f1, f2}}` (no
    sooner than GAMES_LOGIC_MIN_MS_PER_INSTRUCTION per instruction after the level was issued)
    or `{level, action: "skip"}`. Answers refused for their timing (409 `sequence_not_shown`,
    `too_fast`) are recorded for staff and never say whether they were right. A wrong logic
    program stays on the level (the try is counted); the session ends after the last level
    (logic) or at the first wrong answer (memory)."""
    try:
        result = games.answer(g.api_user, session_id, data)
    except AnswerRefused:
        db.session.commit()  # keep the record of the refused answer (nothing else changed)
        raise
    db.session.commit()
    return result


@blp.post("/games/sessions/<int:session_id>/reveal")
@blp.doc(security=BEARER)
@token_required()
@blp.arguments(GameRevealIn)
@blp.response(200, GameRevealOut)
@blp.alt_response(404, description="No such session (or not yours)")
@blp.alt_response(
    409,
    description="Not the current level, not a memory session, step already revealed or out of "
    "order, or asked for before the previous step's display time (`step_too_early`, recorded)",
)
@blp.alt_response(422, description="Unknown step number")
def reveal(data, session_id):
    """Memory: reveal step `step` of the current level's sequence (one cell). Steps come in
    order, each no sooner than the previous one's `show_ms` after it was revealed (server
    clock); the whole sequence is never sent at once."""
    try:
        result = games.reveal(g.api_user, session_id, data)
    except AnswerRefused:
        db.session.commit()  # keep the record of the refused request
        raise
    db.session.commit()
    return result


@blp.get("/games/sessions/<int:session_id>/plausibility")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.response(200, GamePlausibilityOut)
@blp.alt_response(403, description="Staff only")
@blp.alt_response(404, description="No such session")
def plausibility_report(session_id):
    """Staff: the timing report of a session (statistics, flag and reasons, review) and the
    requests its pacing rules refused. The score is shown unchanged, with its flag."""
    return plausibility.session_report(session_id, actor=g.api_user)


@blp.post("/games/sessions/<int:session_id>/review")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(GameReviewIn)
@blp.response(200, GamePlausibilityOut)
@blp.alt_response(403, description="Staff only")
@blp.alt_response(404, description="No such flagged session")
@blp.alt_response(409, description="The same review is already recorded")
@blp.alt_response(422, description="Unknown decision or missing reason")
def review(data, session_id):
    """Staff: review a flagged session, `cleared` or `upheld`, with a reason (audited). The
    score is not changed: staff decide on the application."""
    plausibility.review(session_id, data["decision"], data["reason"], actor=g.api_user)
    db.session.commit()
    return plausibility.session_report(session_id, actor=g.api_user)
