"""The `staff` blueprint object and what its route modules share (labels, template filters)."""

from __future__ import annotations

from datetime import date, datetime

from flask import Blueprint
from flask_babel import format_date

from school101.staff.forms import HEARD_LABELS, SITUATION_LABELS, SORT_LABELS, STATUS_LABELS
from school101.web.pages import paris_time

bp = Blueprint("staff", __name__, url_prefix="/staff", template_folder="templates")


@bp.context_processor
def labels():
    return {
        "status_labels": STATUS_LABELS,
        "situation_labels": SITUATION_LABELS,
        "heard_labels": HEARD_LABELS,
        "sort_labels": SORT_LABELS,
    }


@bp.app_template_filter("iso_paris")
def iso_paris(value, fmt: str = "short") -> str:
    """An ISO 8601 string (as in the review dictionaries) shown in Europe/Paris."""
    if not value:
        return "—"
    return paris_time(datetime.fromisoformat(value), fmt)


@bp.app_template_filter("iso_day")
def iso_day(value, fmt: str = "medium") -> str:
    """An ISO date string shown in the page's language."""
    if not value:
        return "—"
    return format_date(date.fromisoformat(value), fmt)
