"""Submitting with git: clone, push, what is recorded, and what is refused."""
from __future__ import annotations

import io
import tarfile

from school101.extensions import db
from school101.models import Submission
from tests.gitserver.conftest import reference, repo_url, write


def files_of(submission: Submission) -> dict[str, bytes]:
    with tarfile.open(fileobj=io.BytesIO(submission.archive)) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers()}


def git_submissions(user) -> list[Submission]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(Submission).where(
        Submission.user_id == user.id, Submission.source == "git").order_by(Submission.id)))


def test_clone_empty_then_push_records_a_submission(served, seated, git, tmp_path):
    user, token = seated()
    work = tmp_path / "c00"
    result = git("clone", repo_url(served, token), str(work))
    assert "empty repository" in result.stderr
    name, data = reference("c00", "ex00")
    write(work, f"ex00/{name}", data)
    git("add", ".", cwd=work)
    git("commit", "-m", "ex00", cwd=work)
    result = git("push", "origin", "HEAD", cwd=work)
    (submission,) = git_submissions(user)
    assert submission.exercise == "c00/ex00" and submission.day_id == "c00"
    assert files_of(submission) == {name: data}
    assert f"remote: c00/ex00 enregistré : rendu n° {submission.id}" in result.stderr
