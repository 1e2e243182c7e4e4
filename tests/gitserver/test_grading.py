"""An `immediate` piscine grades a pushed exercise at once (real Redis, RQ and Docker sandbox)."""

from __future__ import annotations

import json

import pytest

from school101.extensions import db
from school101.models import GradingRun, Submission
from tests.conftest import require_service
from tests.gitserver.conftest import commit_all, reference, repo_url, write


@pytest.fixture
def app_config(app_config, redis_url):
    return {**app_config, "REDIS_URL": redis_url}


@pytest.mark.redis
@pytest.mark.docker
def test_pushed_work_is_graded_at_once_in_an_immediate_piscine(
    served, seated_with_token, git, tmp_path
):
    from rq import SimpleWorker

    import grader
    from school101.core.queues import grading_queue

    require_service("Docker grader sandbox", grader.sandbox_available(), "run `make grader-image`")
    user, token = seated_with_token(feedback="immediate", locale="en")
    work = tmp_path / "c00"
    git("clone", repo_url(served, token), str(work))
    name, data = reference("c00", "ex00")
    write(work, f"ex00/{name}", data)
    commit_all(git, work, "ex00")
    result = git("push", "origin", "HEAD:main", cwd=work)
    db.session.expire_all()
    (submission,) = db.session.scalars(
        db.select(Submission).where(Submission.user_id == user.id)
    ).all()
    assert f"c00/ex00 recorded: submission #{submission.id}, graded now" in result.stderr
    queue = grading_queue()
    SimpleWorker([queue], connection=queue.connection).work(burst=True)
    db.session.expire_all()
    (run,) = db.session.scalars(
        db.select(GradingRun).where(GradingRun.submission_id == submission.id)
    ).all()
    assert run.status == "graded", run.error
    verdict = json.loads(run.verdict)
    assert verdict["exercise"] == "c00/ex00" and verdict["passed"] is True, verdict["trace"]
