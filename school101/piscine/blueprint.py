"""The `piscine` blueprint object and what its route modules share (labels, helpers):
candidate pages under /piscine, staff pages under /staff/piscines.

Views are thin: they parse the request, call one service function, commit on success or roll
back on a ServiceError, and render. The routes live in candidate_routes.py and staff_routes.py
(live_routes.py: the staff board's live figures as JSON).
"""

from __future__ import annotations

from flask import Blueprint
from flask_babel import get_locale

from school101.core import clock, paging

bp = Blueprint("piscine", __name__, template_folder="templates")


def _labels() -> dict:
    from flask_babel import lazy_gettext as _l

    from school101.piscine.forms import APPLICATION_STATUS_LABELS

    return {
        "day_states": {"upcoming": _l("Upcoming"), "open": _l("Open"), "closed": _l("Closed")},
        "result_states": {
            "not_submitted": _l("Not submitted"),
            "submitted": _l("Submitted"),
            "pending": _l("Being graded"),
            "graded": _l("Graded"),
        },
        "run_states": {
            "queued": _l("Queued"),
            "running": _l("Being graded"),
            "graded": _l("Graded"),
            "failed": _l("Grading failed"),
            "kept": _l("Kept for the deadline grading"),
        },
        "run_reasons": {
            "submission": _l("On submission"),
            "deadline": _l("At the deadline"),
            "rerun": _l("Day re-run"),
            "exam": _l("Exam"),
            "regrade": _l("Re-grade by staff"),
        },
        "booking_states": {
            "booked": _l("Seat booked"),
            "waitlisted": _l("On the waitlist"),
            "cancelled": _l("Cancelled"),
            None: _l("Not booked yet"),
        },
        "people_states": {
            "invited": _l("Invited, not booked"),
            "booked": _l("Booked"),
            "waitlisted": _l("Waitlisted"),
            "declined": _l("Declined"),
            "cancelled": _l("Cancelled"),
        },
        "verdict_states": {
            "ok": _l("OK"),
            "wrong_output": _l("Wrong output"),
            "compile_error": _l("Compilation error"),
            "timeout": _l("Time limit exceeded"),
            "memory_limit": _l("Memory limit exceeded"),
            "crash": _l("Crash or memory error"),
            "norm_error": _l("Norm error"),
            "forbidden_function": _l("Forbidden function or structure"),
            "missing_file": _l("Missing file"),
            "output_limit": _l("Too much output"),
            "rejected": _l("Rejected"),
            "internal_error": _l("Internal error"),
            "pending": _l("Being graded"),
        },
        "kind_labels": {"day": _l("Exercise day"), "exam": _l("Exam")},
        "evaluation_states": {
            "booked": _l("Booked evaluation"),
            "submitted": _l("Evaluated, feedback to rate"),
            "done": _l("Final"),
            "cancelled": _l("Cancelled in time"),
            "late_cancelled": _l("Cancelled late"),
            "no_show": _l("Absence reported"),
            "voided": _l("Voided"),
        },
        "evaluation_filters": {
            "all": _l("All evaluations"),
            "pending": _l("Pending"),
            "done": _l("Done"),
            "no_show": _l("No-shows"),
            "to_staff": _l("Flagged for staff"),
            "cancelled": _l("Cancelled or voided"),
        },
        "feedback_labels": {
            "immediate": _l("Immediate"),
            "after_deadline": _l("After the deadline"),
        },
        "application_states": APPLICATION_STATUS_LABELS,
        "source_labels": {
            "upload": _l("Web upload"),
            "api": _l("API"),
            "git": _l("git push"),
            "staff": _l("Staff"),
        },
    }


@bp.context_processor
def piscine_helpers():
    return {
        "labels": _labels(),
        "iso_utc": clock.iso_utc,
        "locale": locale(),
        "optional_url": optional_url,
    }


def optional_url(endpoint: str, **values) -> str | None:
    """A URL of another area's page (e.g. the exam pages) when that area is installed."""
    from flask import url_for
    from werkzeug.routing import BuildError

    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None


def locale() -> str:
    """The page's language code (fr or en)."""
    return str(get_locale() or "fr")[:2]


def page_arg(value) -> int:
    return paging.page_number(value)
