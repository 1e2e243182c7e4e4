"""Small pieces of the git server: mounting, repository paths, the lock file, Basic auth parsing."""

from __future__ import annotations

import base64
import os
import threading
import time

import pytest

from school101.gitserver import mount_git
from school101.gitserver.wsgi import basic_token
from school101.services.grading import repositories as storage


def test_mount_git_is_idempotent(app):
    first = mount_git(app)
    wrapped = app.wsgi_app
    assert mount_git(app) is first and app.wsgi_app is wrapped


@pytest.mark.parametrize("day", ["../x", "C00", "c00/..", "", "a" * 31, "c00.git", "c 00", "c00\n"])
def test_repo_path_refuses_bad_day_ids(tmp_path, day):
    with pytest.raises(ValueError):
        storage.repo_path(str(tmp_path), 1, day)


def test_repo_path_stays_under_the_root(tmp_path):
    assert storage.repo_path(str(tmp_path), 7, "c00") == str(tmp_path / "7" / "c00.git")
    with pytest.raises(ValueError):
        storage.repo_path(str(tmp_path), -1, "c00")


def test_repositories_are_created_once_with_main_as_head(tmp_path):
    path = storage.repo_path(str(tmp_path), 3, "c00")
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(storage.open_or_create(path)))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 8
    assert results[0].refs.get_symrefs()[b"HEAD"] == b"refs/heads/main"
    for repo in results:
        repo.close()
    assert sorted(p.name for p in (tmp_path / "3").iterdir()) == ["c00.git"]  # no scratch left


def test_exclusive_lock_serializes_and_breaks_stale_locks(tmp_path):
    lock = str(tmp_path / "x.lock")
    inside, overlaps = [], []

    def worker():
        with storage.exclusive(lock, timeout=10):
            if inside:
                overlaps.append(1)
            inside.append(1)
            time.sleep(0.02)
            inside.pop()

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert overlaps == []
    with storage.exclusive(lock), pytest.raises(storage.Busy), storage.exclusive(lock, timeout=0.2):
        pass
    open(lock, "w").close()
    old = time.time() - 3600
    os.utime(lock, (old, old))
    with storage.exclusive(lock, timeout=0.2, stale_after=60):
        pass


@pytest.mark.parametrize(
    "header,token",
    [
        ("Basic " + base64.b64encode(b"x:tok").decode(), "tok"),
        ("basic " + base64.b64encode(b":tok:with:colons").decode(), "tok:with:colons"),
        ("Basic " + base64.b64encode(b"no-colon").decode(), ""),
        ("Basic !!!", ""),
        ("Bearer tok", ""),
        ("", ""),
    ],
)
def test_basic_token(header, token):
    assert basic_token({"HTTP_AUTHORIZATION": header}) == token
