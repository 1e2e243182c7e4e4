"""Plausibility reports: the answer timings of a finished session, and a verdict for staff.

Each answered level gives one pace figure, measured by the server: memory, the milliseconds
per cell between the end of the sequence's display and the answer; logic, the milliseconds
per instruction of a solved level's program since the level was issued. A session is
flagged when a pacing rule refused one of its requests, when its median pace is faster
than ``GAMES_FLAG_<GAME>_MEDIAN_MS``, or when its paces are machine-regular (coefficient of
variation under ``GAMES_FLAG_MAX_CV`` over at least ``MIN_LEVELS_FOR_REGULARITY`` levels):
bots are fast *and* regular, people are neither. The score stays as it is, shown with its
flag; staff review the flag (cleared or upheld, with a reason, audited) and decide.
"""

from __future__ import annotations

import json
import statistics
from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from school101.core import audit
from school101.core.errors import Conflict, NotFound, ValidationFailed
from school101.core.permissions import ensure_staff
from school101.extensions import db
from school101.models import GameLevel, GamePlausibility, GameRefusal, GameSession
from school101.models._base import utcnow
from school101.services.admissions.game_flags import plausibility_json

MIN_LEVELS_FOR_REGULARITY = 4
REVIEWS = ("cleared", "upheld")


def _flag_median_ms(game: str) -> int:
    key = "GAMES_FLAG_MEMORY_MEDIAN_MS" if game == "memory" else "GAMES_FLAG_LOGIC_MEDIAN_MS"
    return int(current_app.config.get(key, 300 if game == "memory" else 600))


def _max_cv() -> float:
    return float(current_app.config.get("GAMES_FLAG_MAX_CV", 0.01))


def _pace_ms(game: str, row: GameLevel) -> float | None:
    """One level's pace: ms per cell (memory) or per instruction of a solved program (logic)."""
    if row.answered_at is None:
        return None
    if game == "memory":
        if row.shown_until is None:
            return None  # a level of a session started before pacing existed
        cells = len(json.loads(row.solution)["sequence"])
        return max(0.0, (row.answered_at - row.shown_until).total_seconds() * 1000) / cells
    if row.correct and row.instructions:
        return (row.time_ms or 0) / row.instructions
    return None


def timing_stats(paces: list[float]) -> dict:
    """min, median, mean, standard deviation and coefficient of variation of the paces."""
    if not paces:
        return {"levels": 0, "paces_ms": []}
    mean = statistics.fmean(paces)
    stdev = statistics.pstdev(paces) if len(paces) > 1 else 0.0
    return {
        "levels": len(paces),
        "paces_ms": [round(p) for p in paces],
        "min_ms": round(min(paces)),
        "median_ms": round(statistics.median(paces)),
        "mean_ms": round(mean),
        "stdev_ms": round(stdev, 1),
        "cv": round(stdev / mean, 3) if mean > 0 else 0.0,
    }


def verdict(game: str, stats: dict, refusals: int) -> list[str]:
    """Reason codes of a flag (empty: not flagged)."""
    reasons = []
    if refusals:
        reasons.append("refused_requests")
    if stats["levels"] and stats["median_ms"] < _flag_median_ms(game):
        reasons.append("too_fast")
    if stats["levels"] >= MIN_LEVELS_FOR_REGULARITY and stats["cv"] < _max_cv():
        reasons.append("too_regular")
    return reasons


def assess(session: GameSession, *, now: datetime | None = None) -> GamePlausibility:
    """Compute and store the report of a (finished) session; flushes, the caller commits."""
    rows = db.session.scalars(
        select(GameLevel).where(GameLevel.session_id == session.id).order_by(GameLevel.level)
    ).all()
    paces = [p for p in (_pace_ms(session.game, r) for r in rows) if p is not None]
    stats = timing_stats(paces)
    refusals = db.session.scalar(
        select(func.count()).select_from(GameRefusal).where(GameRefusal.session_id == session.id)
    )
    stats["refusals"] = refusals
    reasons = verdict(session.game, stats, refusals)
    report = db.session.scalar(
        select(GamePlausibility).where(GamePlausibility.session_id == session.id)
    )
    if report is None:
        report = GamePlausibility(session_id=session.id)
        db.session.add(report)
    report.flagged = bool(reasons)
    report.reasons = json.dumps(reasons)
    report.stats = json.dumps(stats)
    report.computed_at = now or utcnow()
    db.session.flush()
    return report


def report_of(session_id: int) -> GamePlausibility | None:
    """The stored report of a session (None before it finished)."""
    return db.session.scalar(
        select(GamePlausibility).where(GamePlausibility.session_id == session_id)
    )


def review(session_id, decision, reason, *, actor) -> GamePlausibility:
    """Staff review a flagged session: ``cleared`` or ``upheld``, with a written reason.

    The score is not touched either way; the review (and any change of mind) is audited.
    """
    ensure_staff(actor)
    report = report_of(session_id) if isinstance(session_id, int) else None
    if report is None or not report.flagged:
        raise NotFound(_l("No flagged game session to review."), code="no_flagged_session")
    if decision not in REVIEWS:
        raise ValidationFailed(
            _l("Some fields are not valid."),
            fields={"decision": _l("Choose cleared or upheld.")},
        )
    text = audit.required_reason(reason)
    if report.review == decision and report.review_reason == text:
        raise Conflict(_l("This review is already recorded."), code="already_reviewed")
    before = {"review": report.review, "reason": report.review_reason}
    report.review = decision
    report.review_reason = text
    report.reviewed_by_id = actor.id
    report.reviewed_at = utcnow()
    db.session.flush()
    session = db.session.get(GameSession, session_id)
    audit.record(
        "game.plausibility_reviewed",
        actor=actor,
        target=session,
        before=before,
        after={"review": decision, "reasons": json.loads(report.reasons or "[]")},
        reason=text,
    )
    return report


def refusals_of(session_id: int) -> list[dict]:
    """The requests a session's pacing rules refused, oldest first."""
    rows = db.session.scalars(
        select(GameRefusal)
        .where(GameRefusal.session_id == session_id)
        .order_by(GameRefusal.at, GameRefusal.id)
    )
    return [
        {"level": r.level, "reason": r.reason, "elapsed_ms": r.elapsed_ms, "at": r.at.isoformat()}
        for r in rows
    ]


def session_report(session_id, *, actor) -> dict:
    """Staff: a session's score, its report (None before it finished) and its refusals."""
    ensure_staff(actor)
    session = db.session.get(GameSession, session_id) if isinstance(session_id, int) else None
    if session is None:
        raise NotFound(_l("No such game session."), code="no_such_session")
    return {
        "session_id": session.id,
        "game": session.game,
        "attempt_no": session.attempt_no,
        "application_id": session.application_id,
        "status": session.status,
        "score": session.score,
        "levels_solved": session.levels_solved,
        "report": plausibility_json(report_of(session.id)),
        "refusals": refusals_of(session.id),
    }
