"""Race-free exam writes, proven with parallel requests over real HTTP (tests/livesite.serving)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from school101.extensions import db
from school101.models import AuditLog, GradingRun, Submission
from school101.models.exams import (
    ExamAssignment,
    ExamAttempt,
    ExamConnection,
    ExamRoomSession,
    ExamTry,
)
from school101.services.exams import attempts, rooms
from school101.services.identity.accounts import issue_token
from tests.conftest import count
from tests.exams.conftest import give_verdict
from tests.fixtures.exam_rooms import IN_ROOM, room_code
from tests.livesite import serving

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app_config(app_config, redis_url):
    return {**app_config, "REDIS_URL": redis_url}


@pytest.fixture
def examinee_api(make_exam, seat):
    """(exam, user, headers): a seated candidate of an open exam and their bearer-token headers."""
    exam = make_exam()
    (user,) = seat(exam)
    token = issue_token(user)
    db.session.commit()
    return exam, user, {"Authorization": f"Bearer {token}"}


@pytest.mark.redis
def test_parallel_starts_make_one_attempt(app, examinee_api):
    exam, _user, headers = examinee_api
    exam_id, code = exam.id, {"code": room_code(exam)}
    with serving(app) as base:

        def start(_):
            return requests.post(
                f"{base}/api/v1/exams/{exam_id}/start", headers=headers, json=code, timeout=60
            )

        with ThreadPoolExecutor(max_workers=10) as pool:
            responses = list(pool.map(start, range(10)))
    codes = sorted(r.status_code for r in responses)
    assert codes == [200] * 9 + [201], codes
    assert len({r.json()["attempt"]["id"] for r in responses}) == 1
    assert count(ExamAttempt) == 1 and count(ExamAssignment) == 1
    assert AuditLog.query.filter_by(action="exam.started").count() == 1


@pytest.mark.redis
def test_parallel_grademe_makes_exactly_one_pending_try(app, examinee_api):
    exam, user, headers = examinee_api
    exam_id = exam.id
    attempts.start(user, exam.id, code=room_code(exam), client=IN_ROOM)
    db.session.commit()
    exercise = attempts.current_assignment(attempts.attempt_of(user, exam.id)).exercise
    reference = [
        (p.name, p.read_bytes()) for p in (ROOT / "exercises" / exercise / "reference").iterdir()
    ]
    with serving(app) as base:

        def grademe(_):
            return requests.post(
                f"{base}/api/v1/exams/{exam_id}/grademe",
                headers=headers,
                timeout=60,
                files=[("files", (name, data)) for name, data in reference],
            )

        with ThreadPoolExecutor(max_workers=12) as pool:
            responses = list(pool.map(grademe, range(12)))
    codes = [r.status_code for r in responses]
    assert codes.count(202) == 1 and codes.count(409) == 11, codes
    assert {r.json()["error"]["code"] for r in responses if r.status_code == 409} == {
        "grading_pending"
    }
    db.session.expire_all()
    assert count(ExamTry) == 1 and count(Submission) == 1 and count(GradingRun) == 1
    assignment = ExamAssignment.query.one()
    assert assignment.tries == 1 and assignment.pending is True
    assert AuditLog.query.filter_by(action="exam.grademe").count() == 1
    assert GradingRun.query.one().job_id  # queued on the real Redis


@pytest.mark.redis
def test_parallel_reads_award_a_pass_once(app, examinee_api):
    exam, user, headers = examinee_api
    exam_id = exam.id
    attempt, _ = attempts.start(user, exam.id, code=room_code(exam), client=IN_ROOM)
    db.session.commit()
    exercise = attempts.current_assignment(attempt).exercise
    reference = [
        (p.name, p.read_bytes()) for p in (ROOT / "exercises" / exercise / "reference").iterdir()
    ]
    try_row = attempts.grademe(user, exam.id, reference)
    db.session.commit()
    give_verdict(try_row.run_id, True, at=attempt.started_at)
    with serving(app) as base:

        def read(_):
            return requests.get(f"{base}/api/v1/exams/{exam_id}", headers=headers, timeout=60)

        with ThreadPoolExecutor(max_workers=12) as pool:
            responses = list(pool.map(read, range(12)))
    assert [r.status_code for r in responses] == [200] * 12, [
        r.text[:300] for r in responses if r.status_code != 200
    ]
    assert {r.json()["attempt"]["points"] for r in responses} == {25}
    db.session.expire_all()
    attempt = db.session.get(ExamAttempt, attempt.id)
    assert attempt.points == 25 and attempt.level == 1 and count(ExamAssignment) == 2
    assert AuditLog.query.filter_by(action="exam.level_passed").count() == 1
    # the token's first use took the exam over from the browser that started it: once
    assert AuditLog.query.filter_by(action="exam.session_replaced").count() == 1
    assert ExamConnection.query.filter(ExamConnection.active_attempt_id.is_not(None)).count() == 1


@pytest.mark.redis
def test_parallel_opens_of_a_room_make_one_session(app, make_exam, make_user):
    exam = make_exam(room=False)
    staff = make_user(roles=("staff",))
    room = rooms.save_room("Hopper", "127.0.0.0/8", actor=staff)
    db.session.commit()
    room_id, exam_id = room.id, exam.id
    headers = {"Authorization": f"Bearer {issue_token(staff)}"}
    db.session.commit()
    with serving(app) as base:

        def open_room(_):
            return requests.post(
                f"{base}/api/v1/exam-rooms/{room_id}/open",
                headers=headers,
                json={"exam_id": exam_id},
                timeout=60,
            )

        with ThreadPoolExecutor(max_workers=8) as pool:
            codes = sorted(r.status_code for r in pool.map(open_room, range(8)))
    assert codes == [201] + [409] * 7, codes
    assert count(ExamRoomSession) == 1
    assert AuditLog.query.filter_by(action="exam.room_opened").count() == 1
