"""The live figures of the staff piscine board: what board-live.js polls while staff watch.

Only the parts that change during the day (grading queue, the piscine's day gradings,
today's submissions, who has not submitted an open day, how many results are graded). Each
figure comes from the same function the board page renders it with, so page and JSON agree.
"""

from __future__ import annotations

from datetime import datetime

from school101.core import clock
from school101.extensions import db
from school101.models import GradingRun, Piscine, Submission
from school101.models._base import utcnow
from school101.services.grading import runs as grading
from school101.services.piscine import board


def graded_results(piscine: Piscine, day_gradings: dict | None = None) -> int:
    """How many gradings of this piscine have finished with a verdict (deadline and re-run day
    gradings, plus immediate runs of its submissions). When it grows, the results grid is stale."""
    if day_gradings is None:
        day_gradings = board.day_grading_stats(piscine)
    runs = (
        db.session.scalar(
            db.select(db.func.count())
            .select_from(GradingRun)
            .join(Submission, Submission.id == GradingRun.submission_id)
            .where(Submission.piscine_id == piscine.id, GradingRun.status == "graded")
        )
        or 0
    )
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
    day_gradings = board.day_grading_stats(piscine)
    return {
        "piscine_id": piscine.id,
        "generated_at": clock.iso_utc(now),
        "queue": grading.queue_stats(),
        "day_gradings": day_gradings,
        "today_submissions": board.count_todays_submissions(piscine, now),
        "not_submitted": [
            {"day_id": d.day_id, "count": board.count_not_submitted(piscine, d)}
            for d in board.open_days(piscine, now)
        ],
        "graded_results": graded_results(piscine, day_gradings),
    }
