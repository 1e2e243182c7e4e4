"""Retry policy on real Redis with real RQ workers: infrastructure failures are retried, then
the run fails with a message for the candidate; the sweeper reconciles runs whose job was lost."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from rq import Retry, SimpleWorker
from rq.job import Job

from school101.core.queues import grading_queue
from school101.extensions import db
from school101.models import GradingRun
from school101.models._base import utcnow
from school101.services.grading import recovery as grading_recovery
from school101.services.grading import runs as grading
from tests.conftest import login, require_service

pytestmark = pytest.mark.redis


@pytest.fixture
def app_config(app_config, redis_url, tmp_path):
    return {**app_config, "REDIS_URL": redis_url, "EXERCISES_DIR": str(tmp_path / "exercises")}


def _run(user, exercise="c00/ex00") -> GradingRun:
    submission = grading.create_submission(
        user=user, exercise=exercise, files={"ft_putchar.c": b"x"}, source="api"
    )
    run = grading.enqueue_run(submission)
    db.session.commit()
    return run


def _work() -> None:
    queue = grading_queue()
    SimpleWorker([queue], connection=queue.connection).work(burst=True)
    db.session.expire_all()


def test_exhausted_retries_mark_the_run_failed_with_a_message_for_the_candidate(
    app, client, make_user, monkeypatch
):
    import grader

    monkeypatch.setattr(grader, "sandbox_available", lambda: False)
    monkeypatch.setattr(grading, "RETRY", Retry(max=2))  # no wait between attempts
    candidate = make_user()
    run = _run(candidate)
    _work()  # the burst worker runs the three attempts: the first and both retries
    run = db.session.get(GradingRun, run.id)
    assert run.status == "failed" and run.attempts == 3 and run.finished_at is not None
    assert run.error.startswith("no attempt left after InfrastructureUnavailable")
    assert run.verdict == "" and run.passed is None
    assert grading_queue().fetch_job(run.job_id).get_status() == "failed"
    # the candidate reads a plain message, never the technical error
    login(client, candidate.email)
    page = client.get(f"/piscine/submissions/{run.submission_id}").get_data(as_text=True)
    assert "La correction n’a pas pu s’exécuter" in page and "Docker" not in page
    from school101.services.grading.submissions import submission_to_json

    data = submission_to_json(run.submission)
    assert data["status"] == "failed" and data["message"] and "Docker" not in data["message"]


def test_a_retry_left_keeps_the_run_queued_and_a_success_later_wins(app, make_user, monkeypatch):
    import grader

    monkeypatch.setattr(grading, "RETRY", Retry(max=1, interval=[3600]))
    monkeypatch.setattr(grader, "sandbox_available", lambda: False)
    run = _run(make_user())
    _work()
    run = db.session.get(GradingRun, run.id)
    job = grading_queue().fetch_job(run.job_id)
    assert run.status == "queued" and run.attempts == 1 and job.get_status() == "scheduled"
    # the callback ran but left the row alone: a retry is still to come
    assert grading_recovery.give_up("school101.jobs.grading.grade_run", run.id, "x") is True
    assert grading_recovery.give_up("school101.jobs.grading.grade_run", run.id, "again") is False


def test_a_bug_of_ours_fails_at_once_and_is_not_marked_twice(app, make_user):
    run = _run(make_user(), exercise="nowhere/ex00")  # the exercise folder does not exist
    import grader

    if not grader.sandbox_available():
        pytest.skip("needs the sandbox to get past the availability check")
    _work()
    run = db.session.get(GradingRun, run.id)
    assert run.status == "failed" and run.attempts == 1 and "ExerciseError" in run.error


def _age(run: GradingRun, hours: float = 2) -> None:
    run.queued_at = utcnow() - timedelta(hours=hours)
    db.session.commit()


def test_sweeper_enqueues_a_lost_job_once_then_fails_the_run(app, make_user):
    run = _run(make_user())
    _age(run)
    Job.fetch(run.job_id, connection=grading_queue().connection).delete()  # Redis lost it
    assert grading_recovery.reconcile_stuck() == {"requeued": 1, "failed": 0}
    db.session.expire_all()
    run = db.session.get(GradingRun, run.id)
    assert run.status == "queued" and grading_recovery.SWEPT in run.job_id
    assert grading_queue().fetch_job(run.job_id).get_status() == "queued"
    assert "enqueued it again" in run.error
    assert grading_recovery.reconcile_stuck() == {"requeued": 0, "failed": 0}  # RQ holds it now
    Job.fetch(run.job_id, connection=grading_queue().connection).delete()  # lost again
    assert grading_recovery.reconcile_stuck() == {"requeued": 0, "failed": 1}
    db.session.expire_all()
    run = db.session.get(GradingRun, run.id)
    assert run.status == "failed" and "gave up" in run.error and run.finished_at is not None


def test_sweeper_leaves_recent_runs_and_jobs_rq_still_holds(app, make_user):
    waiting = _run(make_user())
    _age(waiting, hours=24)  # a long queue: the job is still in Redis
    recent = _run(make_user())
    Job.fetch(recent.job_id, connection=grading_queue().connection).delete()  # lost, but just now
    assert grading_recovery.reconcile_stuck() == {"requeued": 0, "failed": 0}
    db.session.expire_all()
    assert db.session.get(GradingRun, waiting.id).job_id == waiting.job_id
    assert db.session.get(GradingRun, recent.id).status == "queued"


def test_sweeper_fails_a_run_whose_job_rq_failed_without_the_callback(app, make_user, monkeypatch):
    """E.g. a work-horse killed by the OOM killer: RQ fails the job but calls no callback."""
    import grader
    from school101.jobs import grading as tasks

    monkeypatch.setattr(grader, "sandbox_available", lambda: False)
    monkeypatch.setattr(grading, "RETRY", Retry(max=1))
    monkeypatch.setattr(tasks, "on_grading_failure", lambda *args: None)
    run = _run(make_user())
    _work()
    run = db.session.get(GradingRun, run.id)
    assert run.status == "queued" and grading_queue().fetch_job(run.job_id).get_status() == "failed"
    _age(run)
    db.session.execute(
        db.update(GradingRun)
        .where(GradingRun.id == run.id)
        .values(started_at=utcnow() - timedelta(hours=2))
    )
    db.session.commit()
    assert grading_recovery.reconcile_stuck() == {"requeued": 0, "failed": 1}
    db.session.expire_all()
    assert db.session.get(GradingRun, run.id).status == "failed"


SLEEPER = """#include <unistd.h>
int ft_run(int argc, char **argv)
{
    (void)argc; (void)argv;
    sleep(3);
    write(1, "a", 1);
    return 0;
}
"""


@pytest.mark.docker
def test_engine_dying_under_a_run_is_retried_never_a_verdict(
    app, app_config, make_user, monkeypatch, tmp_path
):
    """The engine connection dies while the program runs: the run goes back to queued for RQ's
    retry (no verdict stored); the retry, with the engine back, stores the real verdict."""
    import grader
    from tests.grader.conftest import write_exercise
    from tests.grader.engine_relay import cut_when_program_runs, grader_through_relay

    try:
        ready = grader.sandbox_available()
    except Exception:
        ready = False
    require_service("Docker grader sandbox", ready, "run `make grader-image`")
    tag = f"pytest-{os.getpid()}-retry"
    monkeypatch.setenv("SCHOOL101_GRADER_TAG", tag)
    write_exercise(
        tmp_path / "exercises" / "test" / "slow",
        ex_id="test/slow",
        tests='[[tests]]\nname = "slow"\nstdout = "a"\n',
        allowed=("write", "sleep"),
        limits="wall_seconds = 10\ncpu_seconds = 5",
    )
    submission = grading.create_submission(
        user=make_user(), exercise="test/slow", files={"hostile.c": SLEEPER.encode()}, source="api"
    )
    run = grading.enqueue_run(submission)
    db.session.commit()
    with grader_through_relay(str(tmp_path / "engine.sock")) as relay:
        watcher = cut_when_program_runs(relay, tag)
        _work()
        watcher.join(5)
    assert relay.cut_done
    run = db.session.get(GradingRun, run.id)
    assert run.status == "queued" and run.attempts == 1, run.error
    assert (
        run.verdict == ""
        and run.verdict_status == ""
        and "sandbox failed during the run" in run.error
    )
    queue = grading_queue()
    job = queue.fetch_job(run.job_id)
    assert job.get_status() == "scheduled" and job.retries_left == 2
    queue.scheduled_job_registry.remove(job)  # the retry, now rather than in 10 s
    queue.enqueue_job(job)
    _work()
    run = db.session.get(GradingRun, run.id)
    assert run.status == "graded" and run.attempts == 2 and run.passed is True, run.error
