"""Under gunicorn with several worker processes: chunked pushes, and races across processes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from school101.extensions import db
from school101.models import Submission
from tests.gitserver.conftest import commit_all, reference, repo_url, write
from tests.gitserver.test_concurrency import _race

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def gunicorn(app, tmp_path):
    """Base URL of the app served by gunicorn (3 sync workers) on 127.0.0.1."""
    port = _free_port()
    env = {
        **os.environ,
        "GITSERVER_TEST_DATABASE_URL": str(app.config["SQLALCHEMY_DATABASE_URI"]),
        "INSTANCE_PATH": app.instance_path,
        "PYTHONPATH": str(ROOT),
    }
    log = open(tmp_path / "gunicorn.log", "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-w",
            "3",
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "120",
            "tests.gitserver.gunicorn_app:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail("gunicorn exited:\n" + (tmp_path / "gunicorn.log").read_text())
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("gunicorn did not start")
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def test_gunicorn_workers_chunked_pushes_and_races(gunicorn, seated_with_token, git, tmp_path):
    user, token = seated_with_token(locale="en")
    url = repo_url(gunicorn, token)
    one, two = tmp_path / "one", tmp_path / "two"
    git("clone", url, str(one))
    git("clone", url, str(two))
    # a push over 1 MiB: git sends it with Transfer-Encoding: chunked
    name, data = reference("c00", "ex00")
    write(one, f"ex00/{name}", data)
    write(one, "assets/noise.bin", os.urandom(3 << 20))
    commit_all(git, one)
    result = git("push", "origin", "HEAD:main", cwd=one)
    assert "c00/ex00 recorded" in result.stderr, result.stderr
    git("pull", "-q", "--ff-only", "origin", "main", cwd=two)
    # the same commit pushed three times at once, to processes that share nothing but the disk
    dates = {
        "GIT_AUTHOR_DATE": "2026-07-01T10:00:00Z",
        "GIT_COMMITTER_DATE": "2026-07-01T10:00:00Z",
    }
    for work in (one, two):
        write(work, "ex01/ft_print_alphabet.c", reference("c00", "ex01")[1])
        git("add", "-A", cwd=work)
        git("commit", "-q", "-m", "ex01", cwd=work, env=dates)
    results = _race(
        [
            lambda: git("push", "origin", "HEAD:main", cwd=one, check=False),
            lambda: git("push", "origin", "HEAD:master", cwd=one, check=False),
            lambda: git("push", "origin", "HEAD:main", cwd=two, check=False),
        ]
    )
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
    db.session.expire_all()
    rows = db.session.scalars(
        db.select(Submission.exercise).where(Submission.user_id == user.id).order_by(Submission.id)
    ).all()
    assert rows == ["c00/ex00", "c00/ex01"]
    check = tmp_path / "check"
    git("clone", url, str(check))
    git("fsck", "--full", cwd=check)
