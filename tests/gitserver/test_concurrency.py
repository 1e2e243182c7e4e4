"""Pushes racing each other: refs stay consistent (compare-and-swap), no duplicate submissions."""

from __future__ import annotations

import threading

from school101.extensions import db
from school101.models import Submission
from tests.gitserver.conftest import commit_all, repo_url, write
from tests.gitserver.test_push import files_of


def _race(jobs):
    """Run callables at the same instant in threads; their results in order."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(i, job):
        barrier.wait()
        results[i] = job()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def _submissions(user) -> list[Submission]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            db.select(Submission).where(Submission.user_id == user.id).order_by(Submission.id)
        )
    )


def test_same_commit_pushed_at_once_is_recorded_once(served, seated_with_token, git, tmp_path):
    user, token = seated_with_token()
    url = repo_url(served, token)
    one, two = tmp_path / "one", tmp_path / "two"
    git("clone", url, str(one))
    git("clone", url, str(two))
    for round_ in range(1, 4):
        # identical trees, parents and dates: both clones make the very same commit
        dates = {
            "GIT_AUTHOR_DATE": f"2026-07-0{round_}T10:00:00Z",
            "GIT_COMMITTER_DATE": f"2026-07-0{round_}T10:00:00Z",
        }
        shas = set()
        for work in (one, two):
            write(work, "ex00/ft_putchar.c", f"/* version {round_} */\n#include <unistd.h>\n")
            git("add", "-A", cwd=work)
            git("commit", "-q", "-m", f"round {round_}", cwd=work, env=dates)
            shas.add(git("rev-parse", "HEAD", cwd=work).stdout.strip())
        assert len(shas) == 1
        results = _race(
            [
                lambda: git("push", "origin", "HEAD:main", cwd=one, check=False),
                lambda: git("push", "origin", "HEAD:master", cwd=one, check=False),
                lambda: git("push", "origin", "HEAD:main", cwd=two, check=False),
            ]
        )
        assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
        rows = _submissions(user)
        assert len(rows) == round_, f"round {round_}: {len(rows)} submissions"
        assert files_of(rows[-1])["ft_putchar.c"].startswith(f"/* version {round_} */".encode())
        for work in (one, two):
            git("fetch", "-q", "origin", cwd=work)


def test_different_commits_racing_keep_the_repository_consistent(
    served, seated_with_token, git, tmp_path
):
    user, token = seated_with_token()
    url = repo_url(served, token)
    clones = [tmp_path / "a", tmp_path / "b", tmp_path / "c"]
    for work in clones:
        git("clone", url, str(work))
    for round_ in range(1, 4):
        for i, work in enumerate(clones):
            if round_ > 1:
                git("fetch", "-q", "origin", cwd=work)
                git("reset", "-q", "--hard", "origin/main", cwd=work)
            write(work, "ex00/ft_putchar.c", f"/* round {round_} by {i} */\n")
            commit_all(git, work, f"round {round_} by {i}")
        results = _race(
            [lambda w=w: git("push", "origin", "HEAD:main", cwd=w, check=False) for w in clones]
        )
        winners = [i for i, r in enumerate(results) if r.returncode == 0]
        assert len(winners) == 1, [r.stderr for r in results]
        rows = _submissions(user)
        assert len(rows) == round_
        assert (
            files_of(rows[-1])["ft_putchar.c"] == f"/* round {round_} by {winners[0]} */\n".encode()
        )
    check = tmp_path / "check"
    git("clone", url, str(check))
    git("fsck", "--full", "--strict", cwd=check)
    assert (check / "ex00" / "ft_putchar.c").read_bytes() == files_of(_submissions(user)[-1])[
        "ft_putchar.c"
    ]
    assert int(git("rev-list", "--count", "HEAD", cwd=check).stdout) == 3
