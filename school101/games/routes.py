"""Selection games pages (memory, logic) and their session-authenticated JSON endpoints.

Pages: GET /games/ (both games, attempts, results), POST /games/<game>/start (start or
resume, then the play page), GET /games/sessions/<id> (play page, or results when finished).
JSON for the pages' scripts (login session + X-CSRFToken header):
GET /games/sessions/<id>/state, POST /games/sessions/<id>/reveal (memory: the next step of
the sequence) and POST /games/sessions/<id>/answer; errors are JSON
``{"error": {"code", "message", "fields"?}}`` like the API.
"""

from __future__ import annotations

from functools import wraps

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf.csrf import CSRFError

from school101.core.errors import NotFound, ServiceError
from school101.extensions import db
from school101.games.forms import StartForm
from school101.games.messages import js_messages
from school101.services.games import sessions as games
from school101.services.games.pacing import AnswerRefused
from school101.web.errors import error_response

bp = Blueprint("games", __name__, url_prefix="/games", template_folder="templates")

JSON_ENDPOINTS = {"games.state", "games.reveal", "games.answer"}


def json_endpoint(view):
    """Logged in (else 401 JSON); service errors become JSON errors; nothing is committed on error."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated:
            return error_response(401, "unauthorized", _("Please log in again."))
        try:
            return view(*args, **kwargs)
        except AnswerRefused as exc:
            db.session.commit()  # keep the record of the refused request (nothing else changed)
            return error_response(exc.status, exc.code, exc.message, exc.fields, **exc.extra)
        except ServiceError as exc:
            db.session.rollback()
            return error_response(exc.status, exc.code, exc.message, exc.fields, **exc.extra)

    return wrapper


@bp.errorhandler(CSRFError)
def csrf_failed(exc):
    """JSON endpoints answer a CSRF failure in JSON; pages show the usual error page."""
    if request.endpoint in JSON_ENDPOINTS:
        return error_response(
            400, "csrf_failed", _("The security token is missing or expired: reload the page.")
        )
    from school101.web.errors import render_error_page

    return render_error_page(exc)


@bp.get("/")
@login_required
def index():
    """The two games: rules, attempts left, the game in progress, best results per level."""
    return render_template(
        "games/index.html", overview=games.overview(current_user), form=StartForm()
    )


@bp.post("/<string:game>/start")
@login_required
def start(game: str):
    """Start an attempt (or resume the one in progress) and go to its play page."""
    form = StartForm()
    if not form.validate_on_submit():
        flash(_("The security token is missing or expired: reload the page."), "error")
        return redirect(url_for("games.index"))
    try:
        session, _created = games.start_or_resume(current_user, game)
    except ServiceError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return redirect(url_for("games.index"))
    db.session.commit()
    return redirect(url_for("games.play", session_id=session.id))


@bp.get("/sessions/<int:session_id>")
@login_required
def play(session_id: int):
    """The play page of a session (the script loads the state); results once finished."""
    try:
        session = games.owned_session(current_user, session_id)
    except NotFound:
        abort(404)
    state = games.session_state(session)
    template = "games/play_memory.html" if session.game == "memory" else "games/play_logic.html"
    return render_template(
        template, session=session, state=state, messages=js_messages(session.game)
    )


@bp.get("/sessions/<int:session_id>/state")
@json_endpoint
def state(session_id: int):
    """JSON: the session's state with the current puzzle (same puzzle after a reload)."""
    return jsonify(games.session_state(games.owned_session(current_user, session_id)))


@bp.post("/sessions/<int:session_id>/reveal")
@json_endpoint
def reveal(session_id: int):
    """JSON: the next step of the memory sequence, ``{"level": n, "step": i}`` (services.games)."""
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        return error_response(400, "malformed_json", _("The request body is not valid JSON."))
    result = games.reveal(current_user, session_id, payload)
    db.session.commit()
    return jsonify(result)


@bp.post("/sessions/<int:session_id>/answer")
@json_endpoint
def answer(session_id: int):
    """JSON: answer the current level (see services.games.answer for the payload)."""
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        return error_response(400, "malformed_json", _("The request body is not valid JSON."))
    result = games.answer(current_user, session_id, payload)
    db.session.commit()
    return jsonify(result)
