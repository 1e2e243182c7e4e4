"""Grading through RQ on real Redis, with a real burst worker and the real Docker sandbox."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from school101.extensions import db
from school101.models import GradingRun
from school101.services.grading import runs as grading
from tests.conftest import require_service

ROOT = Path(__file__).resolve().parents[2]
EX00 = ROOT / "exercises" / "c00" / "ex00"


@pytest.fixture
def app_config(app_config, redis_url):
    return {**app_config, "REDIS_URL": redis_url}


def _docker_ready() -> bool:
    import grader

    try:
        return grader.sandbox_available()
    except Exception:
        return False


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.mark.redis
@pytest.mark.docker
def test_enqueue_then_burst_worker_stores_the_verdict(app, app_config, make_user):
    require_service("Docker grader sandbox", _docker_ready(), "run `make grader-image`")
    user = make_user()
    good = grading.create_submission(
        user=user, exercise="c00/ex00", files=_files(EX00 / "reference"), source="api"
    )
    good_run = grading.enqueue_run(good)
    wrong_dir = next(p for p in (EX00 / "wrong").iterdir() if p.is_dir())
    bad = grading.create_submission(
        user=user, exercise="c00/ex00", files=_files(wrong_dir), source="api"
    )
    bad_run = grading.enqueue_run(bad)
    db.session.commit()
    assert good_run.status == "queued" and good_run.job_id
    env = {
        **os.environ,
        "DATABASE_URL": app_config["DATABASE_URL"],
        "REDIS_URL": app_config["REDIS_URL"],
        "SECRET_KEY": "test-secret",
        "INSTANCE_PATH": app.instance_path,
    }
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "school101", "worker", "--burst"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    db.session.expire_all()
    good_run, bad_run = (
        db.session.get(GradingRun, good_run.id),
        db.session.get(GradingRun, bad_run.id),
    )
    assert good_run.status == "graded", good_run.error
    verdict = json.loads(good_run.verdict)
    assert (
        verdict["exercise"] == "c00/ex00"
        and verdict["passed"] is True
        and verdict["status"] == "ok"
    )
    assert good_run.started_at and good_run.finished_at and good_run.worker
    assert bad_run.status == "graded" and bad_run.passed is False
    assert json.loads(bad_run.verdict)["status"] != "ok"


@pytest.mark.redis
def test_rolled_back_enqueue_leaves_a_job_that_does_nothing(app, make_user, monkeypatch):
    """The row and the job stand or fall together: a job whose row never committed is a no-op."""
    from rq import SimpleWorker

    from school101.core.queues import grading_queue
    from school101.jobs import grading as tasks

    monkeypatch.setattr(tasks, "_wait_for_row", lambda run_id, seconds=0.1: None)
    submission = grading.create_submission(
        user=make_user(), exercise="c00/ex00", files={"ft_putchar.c": b"x"}, source="api"
    )
    grading.enqueue_run(submission)
    db.session.rollback()
    queue = grading_queue()
    assert queue.count == 1
    SimpleWorker([queue], connection=queue.connection).work(burst=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(GradingRun)) == 0


@pytest.mark.redis
def test_engine_down_keeps_the_run_queued_for_retry(app, make_user, monkeypatch):
    """Infrastructure failures are retried by RQ; they never become a verdict."""
    from rq import SimpleWorker

    import grader
    from school101.core.queues import grading_queue

    monkeypatch.setattr(grader, "sandbox_available", lambda: False)
    submission = grading.create_submission(
        user=make_user(), exercise="c00/ex00", files={"ft_putchar.c": b"x"}, source="api"
    )
    run = grading.enqueue_run(submission)
    db.session.commit()
    queue = grading_queue()
    SimpleWorker([queue], connection=queue.connection).work(burst=True)
    db.session.expire_all()
    run = db.session.get(GradingRun, run.id)
    assert run.status == "queued" and "not available" in run.error and run.verdict == ""
    job = queue.fetch_job(run.job_id)
    assert job.retries_left == 2  # one of three retries used, rescheduled
