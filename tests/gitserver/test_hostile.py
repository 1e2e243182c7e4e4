"""Decompression bombs pushed over real HTTP to a real server process (gunicorn, one worker):
each is refused with a message git prints, stores nothing, and the worker's peak resident
memory afterwards (VmHWM) is less than 64 MiB above its resident memory (VmRSS) just before.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from dulwich.repo import Repo

from school101.extensions import db
from school101.models import Submission
from school101.services.grading import repositories as storage
from tests.conftest import count
from tests.gitserver import bombs
from tests.gitserver.bombs import MIB

ROOT = Path(__file__).resolve().parents[2]
BUDGET_KIB = 64 * 1024


@dataclass
class Server:
    base: str
    worker: int  # pid of the one gunicorn worker that serves every request

    def peak_kib(self) -> int:
        """The worker's peak resident memory so far."""
        return bombs.memory_kib(self.worker, "VmHWM")

    def resident_kib(self) -> int:
        """The worker's resident memory now, its peak reset to it where Linux allows (writing
        5 to clear_refs); otherwise the peak measured later may include start-up's."""
        try:
            with open(f"/proc/{self.worker}/clear_refs", "w") as clear:
                clear.write("5")
        except OSError:
            pass
        return bombs.memory_kib(self.worker, "VmRSS")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as children:
        return [int(p) for p in children.read().split()]


@pytest.fixture
def server(app, tmp_path):
    """The app under gunicorn (one sync worker) on 127.0.0.1, with the default git limits."""
    port = _free_port()
    env = {
        **os.environ,
        "GITSERVER_TEST_DATABASE_URL": str(app.config["SQLALCHEMY_DATABASE_URI"]),
        "INSTANCE_PATH": app.instance_path,
        "PYTHONPATH": str(ROOT),
    }
    for name in list(env):
        if name.startswith(("GIT_MAX_", "SUBMISSION_MAX_")):
            del env[name]
    log_path = tmp_path / "gunicorn.log"
    log = open(log_path, "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-w",
            "1",
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "300",
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
                pytest.fail("gunicorn exited:\n" + log_path.read_text())
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                workers = _children(process.pid)
                if workers:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("gunicorn did not start")
            time.sleep(0.2)
        (worker,) = workers
        yield Server(f"http://127.0.0.1:{port}", worker)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _warm_up(server: Server, token: str) -> None:
    """A small accepted push to a branch that is not graded: every code path is loaded."""
    entries, commit = bombs.exercise_commit({b"ft_putchar.c": bombs.zeros_blob_id(0, b"x\n")})
    blob = bombs.object_header(bombs.BLOB, 2) + zlib.compress(b"x\n")
    body = bombs.receive_body(commit, bombs.pack([blob, *entries]), ref=b"refs/heads/warmup")
    answer = bombs.post_receive_pack(server.base, token, body)
    assert answer.status == 200 and "ok refs/heads/warmup" in answer.text, answer.text


def _nothing_stored(app, user, packs_before: set[str]) -> None:
    db.session.expire_all()
    assert count(Submission) == 0
    repo_dir = storage.repo_path(storage.git_root(app), user.id, "c00")
    repo = Repo(repo_dir, bare=True)
    try:
        assert b"refs/heads/main" not in repo.refs
    finally:
        repo.close()
    assert set(os.listdir(os.path.join(repo_dir, "objects", "pack"))) == packs_before
    leftovers = [n for n in os.listdir(repo_dir) if n.startswith("tmp")]
    leftovers += [n for n in os.listdir(os.path.join(repo_dir, "objects")) if n.startswith("tmp")]
    assert leftovers == []


def _aim(app, server, seated_with_token, body: bytes, *, gzipped: bool = False):
    """Warm the worker up, send the bomb, and return (answer, peak growth in KiB, user)."""
    user, token = seated_with_token(locale="en")
    _warm_up(server, token)
    repo_dir = storage.repo_path(storage.git_root(app), user.id, "c00")
    packs = set(os.listdir(os.path.join(repo_dir, "objects", "pack")))
    before = server.resident_kib()
    answer = bombs.post_receive_pack(server.base, token, body, gzipped=gzipped)
    growth = server.peak_kib() - before
    print(f"peak RSS growth: {growth / 1024:.1f} MiB")  # reported by `pytest -s`
    _nothing_stored(app, user, packs)
    return answer, growth


BOMBS = {
    # one blob of 256 MiB of zeros, honestly declared: 255 KiB on the wire
    "big_blob": (
        lambda: bombs.big_blob(),
        False,
        "a pushed file is too large once unpacked (10 MiB at most)",
    ),
    # declared 100 bytes long, inflates to 256 MiB
    "lying_blob": (lambda: bombs.lying_blob(), False, "the pushed data could not be read"),
    # a delta of a few KiB rebuilding 256 MiB from a 64 KiB base
    "delta_bomb": (
        lambda: bombs.delta_bomb(),
        False,
        "a pushed file is too large once unpacked (10 MiB at most)",
    ),
    # the same delta, its header claiming 1000 bytes
    "lying_delta": (
        lambda: bombs.delta_bomb(declared=1000),
        False,
        "the pushed data could not be read",
    ),
    # 12 blobs of 9 MiB: each under the per-file limit, 108 MiB together
    "many_blobs": (
        lambda: bombs.many_blobs(12, 9 * MIB),
        False,
        "push too large once unpacked (100 MiB at most)",
    ),
    # a gzip body inflating into two million ref updates
    "gzip_ref_list": (
        lambda: bombs.gzipped_ref_list(),
        True,
        "too many branches or tags in one push (100 at most)",
    ),
    # a gzip body of 1 MiB inflating into 1 GiB of pack
    "gzip_body": (lambda: bombs.gzipped_stored_blobs(), True, "push too large (20 MiB at most)"),
}


@pytest.mark.parametrize("name", list(BOMBS))
def test_a_bomb_is_refused_before_it_inflates(name, app, server, seated_with_token):
    make, gzipped, message = BOMBS[name]
    answer, growth = _aim(app, server, seated_with_token, make(), gzipped=gzipped)
    assert answer.status == 200
    assert message in answer.text, answer.text
    assert "ng refs/heads/main" in answer.text
    assert growth < BUDGET_KIB, f"{name}: peak RSS grew by {growth // 1024} MiB"


def test_files_over_the_limit_are_not_read_when_recording(app, server, seated_with_token):
    """Nine blobs of 9 MiB (81 MiB, under every push limit) in one exercise folder: the push is
    stored, the exercise is not recorded, and the blobs are never read into memory at once."""
    user, token = seated_with_token(locale="en")
    _warm_up(server, token)
    before = server.resident_kib()
    answer = bombs.post_receive_pack(server.base, token, bombs.many_blobs(9, 9 * MIB))
    growth = server.peak_kib() - before
    print(f"peak RSS growth: {growth / 1024:.1f} MiB")
    assert "ok refs/heads/main" in answer.text, answer.text
    assert "c00/ex00 not recorded: f00.c is too large (1024 KiB at most a file)." in answer.text, (
        answer.text
    )
    assert "c00/ex00 not recorded" in answer.text
    db.session.expire_all()
    assert count(Submission) == 0
    assert growth < BUDGET_KIB, f"peak RSS grew by {growth // 1024} MiB"
