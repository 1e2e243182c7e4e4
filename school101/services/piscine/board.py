"""The staff piscine board: rows, today's submissions, who has not turned in, grading figures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import func

from school101.core.clock import paris_day_bounds
from school101.core.paging import PER_PAGE_DEFAULT, Page, count_rows, paginate
from school101.extensions import db
from school101.models import (
    Booking,
    DayGrading,
    Piscine,
    PiscineDay,
    Submission,
    User,
)
from school101.models._base import utcnow
from school101.services.piscine.calendar import day_state
from school101.services.piscine.submission_views import _latest_runs, _submission_row


def _paginate_people(query, page: int, per_page: int, sort_key) -> Page:
    """`paginate` by name, or by `sort_key(user)` (blind mode: by code, so that a row's place
    says nothing of the name; a piscine's ~200 seats are sorted in memory)."""
    if sort_key is None:
        return paginate(query, page, per_page, clamp=True)
    people = sorted(db.session.scalars(query), key=sort_key)
    page = min(max(1, page), max(1, -(-len(people) // per_page)))
    return Page(
        items=people[(page - 1) * per_page : page * per_page],
        page=page,
        per_page=per_page,
        total=len(people),
    )


def board_page(
    piscine: Piscine,
    page: int = 1,
    per_page: int = PER_PAGE_DEFAULT,
    sort_key: Callable[[User], str] | None = None,
) -> Page:
    """One page of the board: seated candidates (by name, or by `sort_key`) with their day
    results."""
    query = (
        db.select(User)
        .join(Booking, Booking.user_id == User.id)
        .where(Booking.piscine_id == piscine.id, Booking.status == "booked")
        .order_by(func.lower(User.last_name), func.lower(User.first_name), User.id)
    )
    result = _paginate_people(query, page, per_page, sort_key)
    result.items = people_rows(piscine, result.items)
    return result


def people_rows(piscine: Piscine, users: list[User]) -> list[dict]:
    """Board rows of these people, in this order: each with their day results."""
    from school101.services.grading import results

    return [
        {"user": u, "days": {r.day_id: r for r in results.candidate_results(piscine, u.id)}}
        for u in users
    ]


def seated_people(piscine: Piscine) -> list[User]:
    """Every seated candidate of the piscine, by name (the board's filters and sorts run over
    them in memory: a piscine has ~200 seats)."""
    return list(
        db.session.scalars(
            db.select(User)
            .join(Booking, Booking.user_id == User.id)
            .where(Booking.piscine_id == piscine.id, Booking.status == "booked")
            .order_by(func.lower(User.last_name), func.lower(User.first_name), User.id)
        )
    )


def submitted_user_ids(piscine: Piscine, day_id: str) -> set[int]:
    """Who has submitted anything for a day of the piscine."""
    return set(
        db.session.scalars(
            db.select(Submission.user_id).where(
                Submission.piscine_id == piscine.id,
                Submission.day_id == day_id,
                Submission.user_id.is_not(None),
            )
        )
    )


def _todays_query(piscine: Piscine, now: datetime):
    start, end = paris_day_bounds(now)
    return (
        db.select(Submission, User)
        .join(User, User.id == Submission.user_id)
        .where(
            Submission.piscine_id == piscine.id,
            Submission.created_at >= start,
            Submission.created_at < end,
        )
        .order_by(Submission.id.desc())
    )


def count_todays_submissions(piscine: Piscine, now: datetime | None = None) -> int:
    """How many submissions todays_submissions() lists in all (the board's live figure)."""
    return count_rows(_todays_query(piscine, now or utcnow()))


def todays_submissions(
    piscine: Piscine, now: datetime | None = None, page: int = 1, per_page: int = PER_PAGE_DEFAULT
) -> Page:
    """Submissions to this piscine made today (Paris day), newest first, with their latest run."""
    result = paginate(
        _todays_query(piscine, now or utcnow()), page, per_page, scalars=False, clamp=True
    )
    runs = _latest_runs([s.id for s, _ in result.items])
    result.items = [_submission_row(s, runs.get(s.id)) | {"user": u} for s, u in result.items]
    return result


def open_days(piscine: Piscine, now: datetime | None = None) -> list[PiscineDay]:
    """Exercise days open now."""
    now = now or utcnow()
    return [d for d in piscine.days if d.kind == "day" and day_state(d, now) == "open"]


def _not_submitted_query(piscine: Piscine, day: PiscineDay):
    submitted = db.select(Submission.user_id).where(
        Submission.piscine_id == piscine.id,
        Submission.day_id == day.day_id,
        Submission.user_id.is_not(None),
    )
    return (
        db.select(User)
        .join(Booking, Booking.user_id == User.id)
        .where(
            Booking.piscine_id == piscine.id, Booking.status == "booked", User.id.not_in(submitted)
        )
        .order_by(func.lower(User.last_name), func.lower(User.first_name), User.id)
    )


def not_submitted(
    piscine: Piscine,
    day: PiscineDay,
    page: int = 1,
    per_page: int = PER_PAGE_DEFAULT,
    sort_key: Callable[[User], str] | None = None,
) -> Page:
    """Seated candidates without any submission for `day` (by name, or by `sort_key`)."""
    return _paginate_people(_not_submitted_query(piscine, day), page, per_page, sort_key)


def count_not_submitted(piscine: Piscine, day: PiscineDay) -> int:
    """How many seated candidates not_submitted() lists in all (the board's live figure)."""
    return count_rows(_not_submitted_query(piscine, day))


def day_grading_stats(piscine: Piscine) -> dict:
    """Deadline gradings and re-runs of this piscine by status."""
    counts = dict(
        db.session.execute(
            db.select(DayGrading.status, func.count())
            .where(DayGrading.piscine_id == piscine.id)
            .group_by(DayGrading.status)
        ).all()
    )
    return {k: counts.get(k, 0) for k in ("queued", "running", "graded", "failed")}
