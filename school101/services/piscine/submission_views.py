"""A candidate's turned-in work as the piscine pages list it (submissions and their latest runs)."""

from __future__ import annotations

import io
import json
import tarfile

from school101.core.paging import PER_PAGE_DEFAULT, Page, paginate
from school101.extensions import db
from school101.models import (
    GradingRun,
    Piscine,
    Submission,
)


def submission_status(submission: Submission, run: GradingRun | None) -> str:
    """queued | running | graded | failed, or kept (kept for the deadline grading)."""
    return run.status if run is not None else "kept"


def candidate_submissions(
    piscine: Piscine, user_id: int, page: int = 1, per_page: int = PER_PAGE_DEFAULT
) -> Page:
    """Every submission of one candidate to the piscine, newest first, with their latest run."""
    query = (
        db.select(Submission)
        .where(Submission.user_id == user_id, Submission.piscine_id == piscine.id)
        .order_by(Submission.id.desc())
    )
    result = paginate(query, page, per_page, clamp=True)
    runs = _latest_runs([s.id for s in result.items])
    result.items = [_submission_row(s, runs.get(s.id)) for s in result.items]
    return result


def my_submissions(user, piscine: Piscine, day_id: str, page: int = 1, per_page: int = 20) -> Page:
    """The person's submissions for one day of the piscine, newest first, with their latest run."""
    query = (
        db.select(Submission)
        .where(
            Submission.user_id == user.id,
            Submission.piscine_id == piscine.id,
            Submission.day_id == day_id,
        )
        .order_by(Submission.id.desc())
    )
    result = paginate(query, page, per_page, clamp=True)
    result.items = [_submission_row(s) for s in result.items]
    return result


def _latest_runs(submission_ids: list[int]) -> dict[int, GradingRun]:
    if not submission_ids:
        return {}
    runs = db.session.scalars(
        db.select(GradingRun)
        .where(GradingRun.submission_id.in_(submission_ids))
        .order_by(GradingRun.id)
    ).all()
    return {r.submission_id: r for r in runs}


def _submission_row(submission: Submission, run: GradingRun | None | bool = False) -> dict:
    if run is False:
        run = _latest_runs([submission.id]).get(submission.id)
    return {
        "submission": submission,
        "run": run,
        "status": submission_status(submission, run),
        "passed": run.passed if run is not None else None,
        "verdict_status": run.verdict_status if run is not None else "",
    }


def submission_detail(submission: Submission) -> dict:
    """A submission with its files, latest run and parsed verdict (for its page)."""
    runs = list(
        db.session.scalars(
            db.select(GradingRun)
            .where(GradingRun.submission_id == submission.id)
            .order_by(GradingRun.id)
        )
    )
    run = runs[-1] if runs else None
    verdict = None
    if run is not None and run.verdict:
        try:
            verdict = json.loads(run.verdict)
        except ValueError:
            verdict = None
    files = []
    try:
        with tarfile.open(fileobj=io.BytesIO(submission.archive), mode="r") as tar:
            files = [(m.name, m.size) for m in tar.getmembers() if m.isfile()]
    except (tarfile.TarError, OSError):
        files = []
    return {
        "submission": submission,
        "run": run,
        "runs": runs,
        "verdict": verdict,
        "files": files,
        "status": submission_status(submission, run),
    }
