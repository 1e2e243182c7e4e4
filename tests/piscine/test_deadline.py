"""The moulinette at the deadline (after_deadline policy), re-runs, and the results seen by people."""

import json
from datetime import timedelta
from pathlib import Path

import pytest

from school101.extensions import db
from school101.models import AuditLog, Booking, DayGrading, PiscineDay
from school101.models._base import utcnow
from school101.services.grading import deadline, results
from school101.services.grading import runs as grading
from tests.conftest import require_service

ROOT = Path(__file__).resolve().parents[2]
C00 = ROOT / "exercises" / "c00"


@pytest.fixture
def app_config(app_config, redis_url):
    return {**app_config, "REDIS_URL": redis_url}


def _files(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def _submit(user, piscine, ex, folder, at):
    sub = grading.create_submission(
        user=user, exercise=f"c00/{ex}", files=_files(folder), source="upload"
    )
    sub.piscine_id, sub.day_id, sub.created_at = piscine.id, "c00", at
    return sub


@pytest.fixture
def closed_day(make_piscine, invited):
    piscine = make_piscine(capacity=5, feedback="after_deadline")
    a, b = invited(piscine, 2)
    for u in (a, b):
        db.session.add(Booking(piscine_id=piscine.id, user_id=u.id, status="booked"))
    day = db.session.scalars(
        db.select(PiscineDay).where(PiscineDay.piscine_id == piscine.id, PiscineDay.day_id == "c00")
    ).one()
    day.opens_at, day.closes_at = utcnow() - timedelta(days=2), utcnow() - timedelta(minutes=1)
    before = day.closes_at - timedelta(hours=1)
    _submit(a, piscine, "ex00", C00 / "ex00" / "reference", before)
    _submit(a, piscine, "ex01", C00 / "ex01" / "reference", before)
    wrong = next(p for p in (C00 / "ex02" / "wrong").iterdir() if p.is_dir())
    _submit(a, piscine, "ex02", wrong, before)
    # a later, better ex02 after the deadline must not count
    _submit(a, piscine, "ex02", C00 / "ex02" / "reference", day.closes_at + timedelta(minutes=5))
    db.session.commit()
    return piscine, day, a, b


@pytest.mark.redis
def test_sweep_claims_a_closed_day_once(closed_day):
    _piscine, _day, _a, _b = closed_day
    assert deadline.sweep() == 2
    assert deadline.sweep() == 0
    assert DayGrading.query.count() == 2
    assert AuditLog.query.filter_by(action="piscine.day_graded").count() == 1


@pytest.mark.redis
@pytest.mark.docker
def test_deadline_grading_stops_at_first_failure_and_ignores_late_work(closed_day):
    from rq import SimpleWorker

    import grader
    from school101.core.queues import grading_queue

    require_service("Docker grader sandbox", grader.sandbox_available(), "run `make grader-image`")
    piscine, day, a, b = closed_day
    deadline.sweep()
    queue = grading_queue()
    SimpleWorker([queue], connection=queue.connection).work(burst=True)
    db.session.expire_all()
    ga = results.official(piscine.id, a.id, "c00")
    assert ga.status == "graded", ga.error
    verdict = json.loads(ga.verdict)
    weights = dict(results.day_weights("c00"))
    assert ga.score == weights["ex00"] + weights["ex01"]
    assert verdict["stopped_at"] == "c00/ex02"
    assert [v["passed"] for v in verdict["exercises"]] == [True, True, False]
    gb = results.official(piscine.id, b.id, "c00")
    assert gb.status == "graded" and gb.score == 0
    assert json.loads(gb.verdict)["exercises"][0]["status"] == "missing_file"
    seen = results.day_result(piscine, a.id, day)
    assert seen.state == "graded" and seen.score == ga.score


@pytest.mark.redis
def test_rerun_needs_a_reason_and_is_audited(closed_day, make_user):
    piscine, _day, _a, _b = closed_day
    staff = make_user(roles=("staff",))
    from school101.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        deadline.rerun_day(piscine, "c00", actor=staff, reason="  ")
    rows = deadline.rerun_day(piscine, "c00", actor=staff, reason="test ex03 corrigé")
    db.session.commit()
    assert len(rows) == 2 and all(r.reason == "rerun" for r in rows)
    log = AuditLog.query.filter_by(action="piscine.day_rerun").one()
    assert log.actor_id == staff.id and log.reason == "test ex03 corrigé"
