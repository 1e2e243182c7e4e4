"""The live figures of the staff piscine board: what board-live.js polls while staff watch.

Only the parts that change during the day (grading queue, the piscine's day gradings,
today's submissions, who has not submitted an open day, how many results are graded). Each
figure comes from the same function the board page renders it with, so page and JSON agree.
"""
from __future__ import annotations

from datetime import datetime

from ..extensions import db
from ..models import GradingRun, Piscine, Submission
from ..models._base import utcnow
from . import grading, piscine_views


def graded_results(piscine: Piscine, day_gradings: dict | None = None) -> int:
    """How many gradings of this piscine have finished with a verdict (deadline and re-run day
    gradings, plus immediate runs of its submissions). When it grows, the results grid is stale."""
    if day_gradings is None:
        day_gradings = piscine_views.day_grading_stats(piscine)
    runs = db.session.scalar(
        db.select(db.func.count()).select_from(GradingRun)
        .join(Submission, Submission.id == GradingRun.submission_id)
        .where(Submission.piscine_id == piscine.id, GradingRun.status == "graded")) or 0
    return day_gradings["graded"] + runs


def live_figures(piscine: Piscine, now: datetime | None = None) -> dict:
    """The board's live figures as JSON-ready data.

    `queue` is the whole grading queue (services.grading.queue_stats), `day_gradings` this
    piscine's deadline gradings and re-runs by status, `today_submissions` the submissions to
    this piscine since midnight Paris time, `not_submitted` one {day_id, count} per exercise day
    open now (seated candidates with nothing turned in for it), `graded_results` see
    graded_results(), `generated_at` ISO 8601 UTC.
    """
    now = now or utcnow()
    day_gradings = piscine_views.day_grading_stats(piscine)
    return {
        "piscine_id": piscine.id,
        "generated_at": piscine_views.iso_utc(now),
        "queue": grading.queue_stats(),
        "day_gradings": day_gradings,
        "today_submissions": piscine_views.count_todays_submissions(piscine, now),
        "not_submitted": [{"day_id": d.day_id, "count": piscine_views.count_not_submitted(piscine, d)}
                          for d in piscine_views.open_days(piscine, now)],
        "graded_results": graded_results(piscine, day_gradings),
    }
