"""The timing flags of game sessions as staff read them on an application (read-only).

The games context writes the reports (services/games/plausibility.py); this module only
shapes them for the application file, so a score is always shown with its flag.
"""

from __future__ import annotations

import json

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from school101.core.clock import iso
from school101.extensions import db
from school101.models import GamePlausibility, GameRefusal, User

REASON_LABELS = {
    "refused_requests": _l("Requests were refused for their timing"),
    "too_fast": _l("Median pace faster than a person"),
    "too_regular": _l("Pace too regular for a person"),
}


def _reviewer_name(user_id: int | None) -> str | None:
    reviewer = db.session.get(User, user_id) if user_id else None
    return (reviewer.full_name or reviewer.email) if reviewer else None


def plausibility_json(report: GamePlausibility | None) -> dict | None:
    """A session's report: verdict, reasons (codes and labels), statistics, staff's review."""
    if report is None:
        return None
    reasons = json.loads(report.reasons or "[]")
    return {
        "flagged": report.flagged,
        "reasons": reasons,
        "reason_labels": [str(REASON_LABELS.get(r, r)) for r in reasons],
        "stats": json.loads(report.stats or "{}"),
        "computed_at": iso(report.computed_at),
        "review": report.review,
        "review_reason": report.review_reason,
        "reviewed_by": _reviewer_name(report.reviewed_by_id),
        "reviewed_at": iso(report.reviewed_at),
    }


def flags_of(session_ids: list[int]) -> dict[int, dict]:
    """Per session id: ``{"plausibility": report or None, "refusals": n}``."""
    if not session_ids:
        return {}
    reports = {
        r.session_id: r
        for r in db.session.scalars(
            select(GamePlausibility).where(GamePlausibility.session_id.in_(session_ids))
        )
    }
    refusals = dict(
        db.session.execute(
            select(GameRefusal.session_id, func.count())
            .where(GameRefusal.session_id.in_(session_ids))
            .group_by(GameRefusal.session_id)
        ).all()
    )
    return {
        sid: {
            "plausibility": plausibility_json(reports.get(sid)),
            "refusals": int(refusals.get(sid, 0)),
        }
        for sid in session_ids
    }
