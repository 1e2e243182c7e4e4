"""Git accepts only working tokens with the git scope (real git client over real HTTP)."""

from __future__ import annotations

from school101.extensions import db
from school101.models import ApiToken, Submission
from school101.services.identity import accounts
from tests.gitserver.conftest import commit_all, reference, repo_url, write


def _submissions() -> int:
    db.session.expire_all()
    return db.session.scalar(db.select(db.func.count()).select_from(Submission))


def test_an_api_only_token_cannot_push(served, seated_with_token, git, tmp_path):
    user, git_token = seated_with_token()
    api_token = accounts.issue_token(user, "script", scopes=("api",))
    db.session.commit()
    work = tmp_path / "c00"
    git("clone", repo_url(served, git_token), str(work))
    name, data = reference("c00", "ex00")
    write(work, f"ex00/{name}", data)
    commit_all(git, work, "ex00")
    result = git("push", repo_url(served, api_token), "HEAD:main", cwd=work, check=False)
    assert result.returncode != 0 and (
        "401" in result.stderr or "Authentication failed" in result.stderr
    )
    assert _submissions() == 0
    git("push", repo_url(served, git_token), "HEAD:main", cwd=work)  # the git token works
    assert _submissions() == 1
    db.session.expire_all()
    row = ApiToken.query.filter(ApiToken.scopes == "git").one()
    assert row.last_used_at is not None


def test_a_password_change_ends_the_git_token(served, seated_with_token, git, tmp_path):
    user, token = seated_with_token()
    work = tmp_path / "c00"
    git("clone", repo_url(served, token), str(work))
    name, data = reference("c00", "ex00")
    write(work, f"ex00/{name}", data)
    commit_all(git, work, "ex00")
    accounts.set_password(user, "a brand new password", actor=user)
    db.session.commit()
    result = git("push", repo_url(served, token), "HEAD:main", cwd=work, check=False)
    assert result.returncode != 0 and (
        "401" in result.stderr or "Authentication failed" in result.stderr
    )
    assert _submissions() == 0
