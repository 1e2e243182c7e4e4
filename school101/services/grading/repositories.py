"""Where the candidates' day repositories live, how they are created, and a per-repo lock.

One bare repository per user and day: ``<GIT_ROOT>/<user_id>/<day_id>.git`` (GIT_ROOT defaults
to ``<instance_path>/git``). When web hosts are scaled out GIT_ROOT must be shared storage
(e.g. NFS): a candidate's next push may reach another host. Grading never reads it: every
accepted push is snapshotted into Submission rows.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from contextlib import contextmanager, suppress

from dulwich.repo import Repo

DAY_ID = re.compile(r"^[a-z0-9_]{1,30}\Z")
DEFAULT_BRANCH = b"refs/heads/main"
RECORD_LOCK = "school101-record.lock"
RECEIVE_LOCK = "school101-receive.lock"


class Busy(Exception):
    """The per-repository lock could not be taken in time."""


def git_root(app) -> str:
    """The directory holding every day repository."""
    return os.path.abspath(app.config.get("GIT_ROOT") or os.path.join(app.instance_path, "git"))


def repo_path(root: str, user_id: int, day_id: str) -> str:
    """The path of a user's repository for a day; the day id is validated again here."""
    if not DAY_ID.match(day_id or "") or not isinstance(user_id, int) or user_id <= 0:
        raise ValueError("bad repository name")
    path = os.path.join(root, str(user_id), f"{day_id}.git")
    if os.path.dirname(os.path.dirname(os.path.abspath(path))) != os.path.abspath(root):
        raise ValueError("bad repository path")
    return path


def open_or_create(path: str) -> Repo:
    """Open the bare repository at `path`, creating it (atomically) on first use."""
    if not os.path.isdir(path):
        parent = os.path.dirname(path)
        os.makedirs(parent, exist_ok=True)
        scratch = tempfile.mkdtemp(dir=parent, prefix=".new-")
        try:
            Repo.init_bare(scratch, default_branch=b"main").close()
            os.rename(scratch, path)  # fails if another request created it meanwhile
        except OSError:
            if not os.path.isdir(path):
                raise
        finally:
            if os.path.isdir(scratch):
                shutil.rmtree(scratch, ignore_errors=True)
    return Repo(path, bare=True)


def disk_usage(path: str) -> int:
    """Bytes used by the objects of a repository."""
    total = 0
    for folder, _dirs, files in os.walk(os.path.join(path, "objects")):
        for name in files:
            with suppress(OSError):
                total += os.lstat(os.path.join(folder, name)).st_size
    return total


@contextmanager
def exclusive(path: str, *, timeout: float = 60.0, stale_after: float = 600.0):
    """Hold `path` as an exclusive lock file (O_EXCL, as git does; works on shared storage).

    Waits up to `timeout` seconds, then raises Busy. A lock older than `stale_after` seconds
    is the leftover of a crashed process and is broken.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            break
        except FileExistsError:
            try:
                age = time.time() - os.stat(path).st_mtime
            except FileNotFoundError:
                continue
            if age > stale_after:
                with suppress(FileNotFoundError):
                    os.unlink(path)
                continue
            if time.monotonic() > deadline:
                raise Busy(path) from None
            time.sleep(0.05)
    try:
        os.write(fd, f"{os.getpid()}\n".encode())
        os.close(fd)
        yield
    finally:
        with suppress(FileNotFoundError):
            os.unlink(path)
