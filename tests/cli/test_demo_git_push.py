"""The README's first minutes with git: clone with the demo token the seed prints, add ex00,
push to the live app, and a worker grades it in the Docker sandbox."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from school101.cli.demo import seed_demo
from school101.cli.demo_today import clone_url
from school101.extensions import db
from school101.models import GradingRun, Submission, User

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app_config(app_config, redis_url):
    return {**app_config, "REDIS_URL": redis_url}


@pytest.mark.redis
@pytest.mark.docker
def test_the_printed_git_push_is_graded_by_a_worker(app, tmp_path):
    from rq import SimpleWorker

    import grader
    from school101.core.queues import grading_queue
    from school101.gitserver import mount_git
    from tests.conftest import require_service
    from tests.gitserver.conftest import Git, commit_all
    from tests.livesite import serving

    require_service("Docker grader sandbox", grader.sandbox_available(), "run `make grader-image`")
    list(seed_demo(candidates=2, seed=5))
    db.session.commit()
    mount_git(app)
    git = Git(tmp_path / "home")
    work = tmp_path / "c00"
    with serving(app) as base:
        git("clone", clone_url(base), str(work))
        (work / "ex00").mkdir()
        shutil.copy(ROOT / "exercises/c00/ex00/reference/ft_putchar.c", work / "ex00")
        commit_all(git, work, "ex00")
        pushed = git("push", "origin", "HEAD:main", cwd=work)
    assert "c00/ex00" in pushed.stderr
    queue = grading_queue()
    SimpleWorker([queue], connection=queue.connection).work(burst=True)
    db.session.expire_all()
    run = db.session.scalar(
        db.select(GradingRun)
        .join(Submission, Submission.id == GradingRun.submission_id)
        .where(
            Submission.user_id
            == db.session.scalar(db.select(User.id).where(User.email == "candidate@101.example")),
            Submission.source == "git",
        )
    )
    assert run.status == "graded", run.error
    assert json.loads(run.verdict)["passed"] is True
