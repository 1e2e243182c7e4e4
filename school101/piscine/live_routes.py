"""The staff board's live figures as JSON, polled by static/js/board-live.js.

Same authorisation as the board (staff or admin, session login), but answered in JSON even
when refused, so the script can tell "log in again" from a network error instead of parsing
a login page: 401 when not logged in, 403 when not staff, 404 for an unknown piscine.
"""

from __future__ import annotations

from functools import wraps

from flask import jsonify
from flask_babel import gettext as _
from flask_login import current_user

from school101.core.errors import ServiceError
from school101.piscine.blueprint import bp
from school101.services.piscine import board_live, queries
from school101.web.errors import error_response


def staff_json_required(view):
    """Like authz.staff_required, but refusals are JSON errors (401/403), not a redirect."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated:
            return error_response(401, "unauthorized", _("Please log in again."))
        if not current_user.has_role("staff", "admin"):
            return error_response(403, "forbidden", _("This page is for staff."))
        return view(*args, **kwargs)

    return wrapper


@bp.get("/staff/piscines/<int:piscine_id>/board/live")
@staff_json_required
def staff_board_live(piscine_id: int):
    """The board's live figures: grading queue, day gradings, today's submissions, who has not
    submitted each open day, graded results, generated_at (services.board_live.live_figures)."""
    try:
        piscine = queries.get_piscine(piscine_id)
    except ServiceError as exc:
        return error_response(exc.status, exc.code, exc.message)
    response = jsonify(board_live.live_figures(piscine))
    response.headers["Cache-Control"] = "no-store"
    return response
