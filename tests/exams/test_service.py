"""services.exams: start rules, level progression, growing waits, time limit, finality (clock injected)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from school101.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from school101.extensions import db
from school101.models import AuditLog, GradingRun, Submission
from school101.models.exams import ExamAssignment, ExamAttempt, ExamTry
from school101.services.exams import attempts, pools
from tests.conftest import count
from tests.exams.conftest import give_verdict
from tests.fixtures.exam_rooms import IN_ROOM, room_code

ROOT = Path(__file__).resolve().parents[2]


def files_for(exercise: str) -> list[tuple[str, bytes]]:
    """The reference solution of a pool exercise, as uploads."""
    folder = ROOT / "exercises" / exercise / "reference"
    return [(p.name, p.read_bytes()) for p in sorted(folder.iterdir())]


@pytest.fixture
def sitting(make_exam, seat, no_queue):
    """An exam open for 8 hours and one seated candidate; `at(minutes)` is a time in the window."""
    exam = make_exam()
    (user,) = seat(exam)

    def at(minutes: float):
        return exam.opens_at + timedelta(minutes=minutes)

    return exam, user, at


def _start(user, exam, now, **kw):
    attempt, created = attempts.start(
        user, exam.id, code=room_code(exam), client=IN_ROOM, now=now, **kw
    )
    db.session.commit()
    return attempt, created


def _grademe(user, exam, now, uploads=None):
    attempt = attempts.attempt_of(user, exam.id)
    current = attempts.current_assignment(attempt)
    try_row = attempts.grademe(user, exam.id, uploads or files_for(current.exercise), now=now)
    db.session.commit()
    return try_row


def test_pool_is_read_from_day_toml(app):
    pool = pools.load_pool("exam00")
    assert len(pool.levels) >= 4 and all(len(lv.exercises) >= 3 for lv in pool.levels)
    assert pool.duration_minutes == 240 and pool.max_points == sum(lv.points for lv in pool.levels)
    for level in pool.levels:
        for exercise in level.exercises:
            assert pools.load_exercise(exercise).files  # every listed exercise loads
            assert pools.subject_html(exercise, "fr") and pools.subject_html(exercise, "en")


def test_only_seated_candidates_start_during_the_window(sitting, make_user):
    exam, user, at = sitting
    in_room = {"code": room_code(exam), "client": IN_ROOM}
    with pytest.raises(Forbidden):
        attempts.start(make_user(), exam.id, now=at(10), **in_room)
    with pytest.raises(Conflict) as early:
        attempts.start(user, exam.id, now=at(-1), **in_room)
    assert early.value.code == "not_open"
    with pytest.raises(Conflict) as late:
        attempts.start(user, exam.id, now=exam.closes_at, **in_room)
    assert late.value.code == "exam_closed"
    with pytest.raises(NotFound):
        attempts.start(user, 999999, now=at(10), **in_room)
    assert count(ExamAttempt) == 0


def test_start_twice_is_the_same_attempt_with_a_reproducible_draw(sitting):
    exam, user, at = sitting
    attempt, created = _start(user, exam, at(10), seed=1234)
    assert (
        created and attempt.status == "in_progress" and attempt.level == 0 and attempt.points == 0
    )
    assert attempt.started_at == at(10) and attempt.ends_at == at(10) + timedelta(minutes=240)
    again, created_again = _start(user, exam, at(20), seed=999)
    assert again.id == attempt.id and not created_again and again.seed == 1234
    assignment = attempts.current_assignment(attempt)
    pool = pools.load_pool("exam00")
    assert assignment.exercise in pool.levels[0].exercises
    assert assignment.exercise == pools.draw(1234, pool.levels[0])
    assert count(ExamAttempt) == 1 and count(ExamAssignment) == 1
    assert AuditLog.query.filter_by(action="exam.started").count() == 1


def test_draws_spread_over_the_pool(app):
    pool = pools.load_pool("exam00")
    drawn = {pools.draw(seed, pool.levels[0]) for seed in range(200)}
    assert drawn == set(pool.levels[0].exercises)


def test_time_limit_is_the_smaller_of_close_and_duration(make_exam, seat, no_queue):
    exam = make_exam()
    (user,) = seat(exam)
    attempt, _ = _start(user, exam, exam.closes_at - timedelta(minutes=90))
    assert attempt.ends_at == exam.closes_at
    state = attempts.state(user, exam.id, now=exam.closes_at - timedelta(minutes=30))
    assert state["attempt"]["remaining_seconds"] == 30 * 60


def test_pass_awards_points_once_and_opens_the_next_level(sitting):
    exam, user, at = sitting
    attempt, _ = _start(user, exam, at(0))
    first = _grademe(user, exam, at(5))
    assert first.outcome == "pending" and first.number == 1
    sub = db.session.get(Submission, first.submission_id)
    assert (
        sub.source == "exam"
        and sub.exercise.startswith("exam00/level0/")
        and sub.day_id == "exam00"
    )
    assert db.session.get(GradingRun, first.run_id).reason == "exam"
    with pytest.raises(Conflict) as busy:
        _grademe(user, exam, at(6))
    assert busy.value.code == "grading_pending"
    db.session.rollback()
    run = give_verdict(first.run_id, True, at=at(7))
    state = attempts.state(user, exam.id, now=at(8))
    db.session.commit()
    a = state["attempt"]
    assert a["level"] == 1 and a["points"] == 25 and a["current"]["level"] == 1
    assert a["current"]["exercise"].startswith("exam00/level1/") and a["current"]["subject_html"]
    assert [t["outcome"] for t in a["tries"]] == ["passed"]
    # applying the same verdict again (hook after a read, a second read) awards nothing more
    assert attempts.after_graded(run) is False
    attempts.state(user, exam.id, now=at(9))
    db.session.commit()
    db.session.refresh(attempt)
    assert attempt.points == 25 and attempt.level == 1
    assert count(ExamAssignment) == 2
    assert AuditLog.query.filter_by(action="exam.level_passed").count() == 1
    assert AuditLog.query.filter_by(action="exam.grademe").count() == 1


def test_failures_impose_growing_waits(sitting):
    exam, user, at = sitting
    _start(user, exam, at(0))
    expected = [0, 1, 2, 4, 8]
    now = at(1)
    for n, minutes in enumerate(expected, start=1):
        try_row = _grademe(user, exam, now)
        assert try_row.number == n
        verdict_at = now + timedelta(seconds=20)
        give_verdict(try_row.run_id, False, at=verdict_at)
        state = attempts.state(user, exam.id, now=verdict_at)
        db.session.commit()
        current = state["attempt"]["current"]
        assert current["failures"] == n and current["level"] == 0
        assert state["attempt"]["tries"][0]["wait_seconds"] == minutes * 60
        if minutes:
            assert current["status"] == "waiting" and current["wait_seconds"] == minutes * 60
            with pytest.raises(Conflict) as wait:
                _grademe(user, exam, verdict_at + timedelta(seconds=30))
            db.session.rollback()
            assert wait.value.code == "wait"
            assert wait.value.extra["retry_after"] == minutes * 60 - 30
        else:
            assert current["status"] == "open"
        now = verdict_at + timedelta(minutes=minutes)
    assert count(ExamTry) == len(expected)
    assert AuditLog.query.filter_by(action="exam.try_failed").count() == len(expected)


def test_wait_sequence_is_configurable_and_capped(app):
    app.config["EXAM_WAIT_MINUTES"] = [1, 5]
    assert [attempts.wait_after(n).total_seconds() / 60 for n in (1, 2, 3, 10)] == [1, 5, 5, 5]


def test_infrastructure_failure_costs_nothing(sitting):
    exam, user, at = sitting
    _start(user, exam, at(0))
    try_row = _grademe(user, exam, at(1))
    give_verdict(try_row.run_id, False, at=at(2), status="internal_error", run_status="failed")
    state = attempts.state(user, exam.id, now=at(2))
    db.session.commit()
    assert state["attempt"]["tries"][0]["outcome"] == "error"
    assert (
        state["attempt"]["current"]["failures"] == 0
        and state["attempt"]["current"]["status"] == "open"
    )
    assert _grademe(user, exam, at(2)).number == 2


def test_bad_uploads_change_nothing(sitting):
    exam, user, at = sitting
    _start(user, exam, at(0))
    for uploads, code in (
        ([("other.c", b"int main(void){return 0;}")], "missing_file"),
        ([("../x.c", b"x")], "bad_file_name"),
        ([], "validation_error"),
    ):
        with pytest.raises(ValidationFailed) as bad:
            attempts.grademe(user, exam.id, uploads, now=at(1))
        db.session.rollback()
        assert bad.value.code == code
    assert count(Submission) == 0 and count(ExamTry) == 0
    assert attempts.current_assignment(attempts.attempt_of(user, exam.id)).tries == 0


def test_grademe_before_start_is_refused(sitting):
    exam, user, at = sitting
    with pytest.raises(Conflict) as refused:
        attempts.grademe(user, exam.id, [("a.c", b"x")], now=at(1))
    assert refused.value.code == "not_started"


def test_time_limit_ends_the_attempt(sitting):
    exam, user, at = sitting
    attempt, _ = _start(user, exam, at(0))
    with pytest.raises(Conflict) as over:
        _grademe(user, exam, attempt.ends_at)
    db.session.rollback()
    assert over.value.code == "exam_over"
    state = attempts.state(user, exam.id, now=attempt.ends_at + timedelta(seconds=1))
    db.session.commit()
    assert state["attempt"]["status"] == "finished" and state["attempt"]["remaining_seconds"] == 0
    db.session.refresh(attempt)
    assert attempt.finished_at == attempt.ends_at
    assert AuditLog.query.filter_by(action="exam.finished").count() == 1


def test_a_grademe_asked_in_time_counts_when_graded_after_the_end(sitting):
    exam, user, at = sitting
    attempt, _ = _start(user, exam, at(0))
    try_row = _grademe(user, exam, attempt.ends_at - timedelta(seconds=5))
    attempts.state(user, exam.id, now=attempt.ends_at + timedelta(seconds=10))
    db.session.commit()
    db.session.refresh(attempt)
    assert attempt.status == "in_progress"  # waiting for the verdict
    give_verdict(try_row.run_id, True, at=attempt.ends_at + timedelta(seconds=20))
    state = attempts.state(user, exam.id, now=attempt.ends_at + timedelta(seconds=30))
    db.session.commit()
    assert state["attempt"]["status"] == "finished" and state["attempt"]["points"] == 25
    assert count(ExamAssignment) == 1  # no new level opened after the end
    with pytest.raises(Conflict):
        attempts.grademe(
            user, exam.id, [("x.c", b"x")], now=attempt.ends_at + timedelta(seconds=40)
        )


def test_a_verdict_that_never_comes_is_void_after_the_grace(sitting):
    exam, user, at = sitting
    attempt, _ = _start(user, exam, at(0))
    try_row = _grademe(user, exam, at(10))
    state = attempts.state(user, exam.id, now=attempt.ends_at + timedelta(minutes=61))
    db.session.commit()
    assert (
        state["attempt"]["status"] == "finished"
        and state["attempt"]["tries"][0]["outcome"] == "void"
    )
    give_verdict(try_row.run_id, True, at=attempt.ends_at + timedelta(minutes=62))
    state = attempts.state(user, exam.id, now=attempt.ends_at + timedelta(minutes=63))
    assert state["attempt"]["points"] == 0  # final


def test_passing_every_level_finishes_and_results_are_final(sitting):
    exam, user, at = sitting
    attempt, _ = _start(user, exam, at(0))
    minute = 1
    for _level in range(attempt.levels_total):
        try_row = _grademe(user, exam, at(minute))
        give_verdict(try_row.run_id, True, at=at(minute + 1))
        attempts.state(user, exam.id, now=at(minute + 2))
        db.session.commit()
        minute += 3
    db.session.refresh(attempt)
    assert attempt.status == "finished" and attempt.points == attempt.max_points == 100
    assert attempt.level == attempt.levels_total and attempt.finished_at == at(minute - 2)
    again, created = _start(user, exam, at(minute + 5))
    assert again.id == attempt.id and not created and again.status == "finished"
    with pytest.raises(Conflict) as over:
        attempts.grademe(user, exam.id, [("x.c", b"x")], now=at(minute + 6))
    assert over.value.code == "exam_over"
    db.session.rollback()
    assert not hasattr(attempts, "delete_attempt") and not hasattr(attempts, "reset")


def test_the_hook_applies_a_verdict_and_ignores_other_runs(sitting):
    exam, user, at = sitting
    _start(user, exam, at(0))
    try_row = _grademe(user, exam, at(1))
    run = give_verdict(try_row.run_id, True, at=at(2))
    assert attempts.after_graded(run) is True
    db.session.expire_all()
    assert db.session.get(ExamTry, try_row.id).outcome == "passed"
    assert attempts.attempt_of(user, exam.id).points == 25
    assert attempts.after_graded(run) is False
    other = GradingRun(submission_id=try_row.submission_id, reason="submission")
    assert attempts.after_graded(other) is False


def test_results_list_seated_candidates_and_attempts(sitting, seat):
    exam, user, at = sitting
    (absent,) = seat(exam)
    _start(user, exam, at(0))
    try_row = _grademe(user, exam, at(1))
    give_verdict(try_row.run_id, True, at=at(2))
    data = attempts.results(exam.id, now=at(30))
    rows = {r["user_id"]: r for r in data["rows"]}
    assert data["seated"] == 2 and data["started"] == 1
    assert (
        rows[user.id]["attempt"]["points"] == 25 and rows[user.id]["attempt"]["levels"][0]["passed"]
    )
    assert rows[absent.id]["attempt"] is None
    assert data["rows"][0]["user_id"] == user.id


def test_exam_points_for_the_ranking(sitting, seat):
    exam, user, at = sitting
    (other,) = seat(exam)
    _start(user, exam, at(0))
    _start(other, exam, at(0))
    try_row = _grademe(user, exam, at(1))
    give_verdict(try_row.run_id, True, at=at(2))
    attempts.state(user, exam.id, now=at(3))
    db.session.commit()
    assert attempts.exam_points(exam.piscine, [user.id, other.id]) == {user.id: 25, other.id: 0}
    assert attempts.exam_points(exam.piscine_id, []) == {}


def test_finish_expired_settles_attempts_nobody_reads(sitting, seat):
    exam, user, at = sitting
    (other,) = seat(exam)
    early, _ = _start(user, exam, at(0))
    late, _ = _start(other, exam, at(60))
    assert attempts.finish_expired(now=at(241)) == 1
    db.session.commit()
    db.session.refresh(early)
    db.session.refresh(late)
    assert early.status == "finished" and early.finished_at == early.ends_at
    assert late.status == "in_progress"
    assert attempts.finish_expired(now=at(241)) == 0
