"""Runs whose job the queue lost (Redis restarted empty, or down when the run was committed)
are enqueued again by the sweeper's fast path, once, and only once their grace has passed."""

from __future__ import annotations

from datetime import timedelta

import pytest

from school101.core.queues import grading_queue
from school101.extensions import db
from school101.models import GradingRun
from school101.models._base import utcnow
from school101.services.grading import recovery
from school101.services.grading import runs as grading
from tests.fixtures.smtp import free_port

pytestmark = pytest.mark.redis


@pytest.fixture
def app_config(app_config, redis_url, tmp_path):
    return {**app_config, "REDIS_URL": redis_url, "GRADING_LOST_JOB_GRACE_SECONDS": 60}


def _run(user) -> GradingRun:
    submission = grading.create_submission(
        user=user, exercise="c00/ex00", files={"ft_putchar.c": b"x"}, source="api"
    )
    run = grading.enqueue_run(submission)
    db.session.commit()
    return run


def test_a_run_whose_job_redis_lost_is_enqueued_again_after_its_grace(app, make_user):
    run = _run(make_user())
    grading_queue().connection.flushdb()  # Redis restarted with nothing persisted
    assert recovery.requeue_lost_queued() == 0  # within the grace: maybe still committing
    later = utcnow() + timedelta(seconds=61)
    assert recovery.requeue_lost_queued(now=later) == 1
    db.session.expire_all()
    run = db.session.get(GradingRun, run.id)
    assert run.status == "queued" and "-lost-" in run.job_id and "lost by the queue" in run.error
    assert grading_queue().fetch_job(run.job_id).get_status() == "queued"
    assert recovery.requeue_lost_queued(now=later) == 0  # the queue holds it now: once only


def test_a_submission_while_redis_is_down_is_kept_and_enqueued_once_it_is_back(
    app, make_user, redis_url
):
    app.config["REDIS_URL"] = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    run = _run(make_user())  # no exception: the candidate's submission is kept
    assert run.status == "queued" and run.job_id == ""
    app.config["REDIS_URL"] = redis_url
    assert recovery.requeue_lost_queued(now=utcnow() + timedelta(seconds=61)) == 1
    db.session.expire_all()
    assert grading_queue().fetch_job(db.session.get(GradingRun, run.id).job_id) is not None
