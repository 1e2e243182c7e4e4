"""Exam fixtures: a piscine with an exam in its calendar, seated candidates, a fake verdict."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from school101.extensions import db
from school101.models import Booking, GradingRun
from tests.factories import exam_entry
from tests.fixtures.exam_rooms import open_room

T0 = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)  # a Friday, 09:00 in Paris


@pytest.fixture
def make_exam(app, make_piscine):
    """A piscine (default calendar, immediate feedback) whose exam of pool `exam00` is open
    between `opens` and `closes` (the default calendar's entry, moved), and opened in a room on
    the loopback networks unless `room=False` (its code: `room_code(exam)`)."""

    def factory(*, opens=None, closes=None, pool="exam00", piscine=None, capacity=50, room=True):
        piscine = piscine or make_piscine(capacity=capacity, feedback="immediate")
        opens = opens or datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
        closes = closes or opens + timedelta(hours=8)
        day = exam_entry(piscine, pool=pool, opens_at=opens, closes_at=closes)
        db.session.commit()
        if room:  # exams start in a room: open on the loopback networks (tests/fixtures/exam_rooms)
            open_room(day)
        return day

    return factory


@pytest.fixture
def seat(app, invited):
    """`n` invited candidates holding a seat in the exam's piscine."""

    def factory(exam, n=1):
        users = invited(exam.piscine, n)
        for user in users:
            db.session.add(
                Booking(piscine_id=exam.piscine_id, user_id=user.id, status="booked", booked_at=T0)
            )
        exam.piscine.seats_taken += n
        db.session.commit()
        return users

    return factory


@pytest.fixture
def no_queue(monkeypatch):
    """Grading runs created without Redis (service tests give the verdict themselves)."""
    import itertools

    from school101.services.grading import runs as grading

    counter = itertools.count(1)

    def enqueue_run(submission, *, reason="submission", at_front=False):
        run = GradingRun(submission_id=submission.id, reason=reason, job_id=f"test-{next(counter)}")
        db.session.add(run)
        db.session.flush()
        return run

    monkeypatch.setattr(grading, "enqueue_run", enqueue_run)


def give_verdict(
    run_id: int,
    passed: bool,
    *,
    at: datetime,
    status: str | None = None,
    run_status: str = "graded",
) -> GradingRun:
    """Store a verdict on a run as the worker would (without calling the hook)."""
    run = db.session.get(GradingRun, run_id)
    verdict_status = status or ("ok" if passed else "wrong_output")
    run.status, run.passed, run.verdict_status = run_status, passed, verdict_status
    run.finished_at, run.started_at = at, at
    run.verdict = json.dumps(
        {
            "status": verdict_status,
            "passed": passed,
            "score": 100 if passed else 0,
            "trace": f"= test trace ({verdict_status}) =",
            "tests": [],
        }
    )
    db.session.commit()
    return run
