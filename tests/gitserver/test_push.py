"""Submitting with git: clone, push, what is recorded, and what is refused (real git client)."""

from __future__ import annotations

import io
import os
import tarfile
from datetime import timedelta

from school101.core.clock import paris_text
from school101.extensions import db
from school101.models import PiscineDay, Submission
from school101.models._base import utcnow
from tests.gitserver.conftest import commit_all, http_get, reference, repo_url, write


def files_of(submission: Submission) -> dict[str, bytes]:
    with tarfile.open(fileobj=io.BytesIO(submission.archive)) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers()}


def git_submissions(user) -> list[Submission]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            db.select(Submission)
            .where(Submission.user_id == user.id, Submission.source == "git")
            .order_by(Submission.id)
        )
    )


def all_submissions() -> int:
    db.session.expire_all()
    return db.session.scalar(db.select(db.func.count()).select_from(Submission))


def test_clone_empty_then_push_records_a_submission(served, seated_with_token, git, tmp_path):
    user, token = seated_with_token()
    work = tmp_path / "c00"
    result = git("clone", repo_url(served, token), str(work))
    assert "empty repository" in result.stderr
    name, data = reference("c00", "ex00")
    write(work, f"ex00/{name}", data)
    commit_all(git, work, "ex00")
    result = git("push", cwd=work)  # what a candidate types: the clone tracks origin/main
    (submission,) = git_submissions(user)
    assert submission.exercise == "c00/ex00" and submission.day_id == "c00"
    assert submission.source == "git" and submission.piscine_id is not None
    assert files_of(submission) == {name: data}
    assert f"remote: c00/ex00 enregistré : rendu n° {submission.id}" in result.stderr
    # the pushed work can be cloned back (HEAD points at the pushed branch)
    again = tmp_path / "again"
    git("clone", repo_url(served, token), str(again))
    assert (again / "ex00" / name).read_bytes() == data


def test_second_push_changing_only_ex01_records_one_more(served, seated_with_token, git, tmp_path):
    user, token = seated_with_token(locale="en")
    work = tmp_path / "c00"
    git("clone", repo_url(served, token), str(work))
    for exercise in ("ex00", "ex01"):
        name, data = reference("c00", exercise)
        write(work, f"{exercise}/{name}", data)
    commit_all(git, work)
    result = git("push", "origin", "HEAD:main", cwd=work)
    first = git_submissions(user)
    assert sorted(s.exercise for s in first) == ["c00/ex00", "c00/ex01"]
    assert "remote: c00/ex00 recorded: submission #" in result.stderr
    write(work, "ex01/ft_print_alphabet.c", reference("c00", "ex01")[1] + b"\n/* tidied */\n")
    write(work, "README.md", "notes\n")
    commit_all(git, work)
    result = git("push", "origin", "HEAD:main", cwd=work)
    later = git_submissions(user)
    assert len(later) == 3 and later[-1].exercise == "c00/ex01"
    assert files_of(later[-1])["ft_print_alphabet.c"].endswith(b"/* tidied */\n")
    assert f"c00/ex01 recorded: submission #{later[-1].id}" in result.stderr
    assert "Unchanged since your last push: ex00." in result.stderr
    # a commit that changes no exercise records nothing
    write(work, "README.md", "more notes\n")
    commit_all(git, work)
    git("push", "origin", "HEAD:main", cwd=work)
    assert len(git_submissions(user)) == 3


def test_master_branch_is_graded_too_and_other_branches_are_not(
    served, seated_with_token, git, tmp_path
):
    user, token = seated_with_token(locale="en")
    work = tmp_path / "c00"
    git("clone", repo_url(served, token), str(work))
    name, data = reference("c00", "ex00")
    write(work, f"ex00/{name}", data)
    commit_all(git, work)
    result = git("push", "origin", "HEAD:refs/heads/work", cwd=work)
    assert "Only the main (or master) branch is graded" in result.stderr
    assert git_submissions(user) == []
    result = git("push", "origin", "HEAD:refs/notes/mine", cwd=work, check=False)
    assert result.returncode != 0 and "only branches and tags can be pushed" in result.stderr
    git("push", "origin", "HEAD:master", cwd=work)
    assert [s.exercise for s in git_submissions(user)] == ["c00/ex00"]
    again = tmp_path / "again"
    git("clone", repo_url(served, token), str(again))
    assert (again / "ex00" / name).read_bytes() == data


def test_bad_or_missing_token_is_401_and_git_fails(served, seated_with_token, git, tmp_path):
    _user, token = seated_with_token()
    status, headers, _ = http_get(served, "/git/c00.git/info/refs?service=git-receive-pack")
    assert status == 401 and headers["WWW-Authenticate"] == 'Basic realm="101"'
    status, headers, _ = http_get(served, "/git/c00.git/info/refs?service=git-upload-pack", "nope")
    assert status == 401 and headers["WWW-Authenticate"] == 'Basic realm="101"'
    work = tmp_path / "c00"
    git("clone", repo_url(served, token), str(work))
    write(work, "ex00/ft_putchar.c", reference("c00", "ex00")[1])
    commit_all(git, work)
    result = git("push", repo_url(served, "not-a-token"), "HEAD:main", cwd=work, check=False)
    assert result.returncode != 0
    assert "Authentication failed" in result.stderr or "401" in result.stderr
    assert all_submissions() == 0


def test_candidate_without_seat_is_refused(served, seated_with_token, make_user, git, tmp_path):
    from school101.services.identity.accounts import issue_token

    stranger = make_user()
    token = issue_token(stranger, scopes=("git",))
    db.session.commit()
    status, _, body = http_get(served, "/git/c00.git/info/refs?service=git-receive-pack", token)
    assert status == 403 and "place dans une piscine" in body.decode()
    result = git("clone", repo_url(served, token), str(tmp_path / "c00"), check=False)
    assert result.returncode != 0 and "403" in result.stderr
    # a seated candidate's repository is theirs alone: the stranger cannot push into it
    _user, own = seated_with_token()
    work = tmp_path / "mine"
    git("clone", repo_url(served, own), str(work))
    write(work, "ex00/ft_putchar.c", reference("c00", "ex00")[1])
    commit_all(git, work)
    result = git("push", repo_url(served, token), "HEAD:main", cwd=work, check=False)
    assert result.returncode != 0
    assert all_submissions() == 0


def test_day_ids_are_strict_and_paths_cannot_escape(served, seated_with_token, app):
    _user, token = seated_with_token()
    hostile = [
        "/git/../../etc.git/info/refs?service=git-upload-pack",
        "/git/%2e%2e/%2e%2e/etc.git/info/refs?service=git-upload-pack",
        "/git/C00.git/info/refs?service=git-upload-pack",
        "/git/c00/info/refs?service=git-upload-pack",
        "/git/c00",
        "/git/c00.git",
        "/git/c00.git/",
        "/git/c00.git/HEAD",
        "/git/c00.git/objects/info/packs",
        "/git/c00.git/info/refs",
        "/git/c00.git/info/refs?service=git-upload-archive",
        "/git/c00.git/../../../etc/passwd",
        "/git/c00.git//info/refs?service=git-upload-pack",
        "/git/nope.git/info/refs?service=git-upload-pack",  # well formed, not in the calendar
        "/git/" + "a" * 31 + ".git/info/refs?service=git-upload-pack",
        "/git/c00.git.git/info/refs?service=git-upload-pack",
        "/git/c00%00.git/info/refs?service=git-upload-pack",
    ]
    for path in hostile:
        status, _, _ = http_get(served, path, token)
        assert status == 404, path
    status, _, _ = http_get(served, "/git/c00.git/git-upload-pack", token)  # GET on a POST route
    assert status == 404
    root = os.path.join(app.instance_path, "git")
    created = [
        os.path.join(d, n) for d, names, _ in os.walk(root) for n in names if n.endswith(".git")
    ]
    assert created == []  # nothing was created for any of those requests
    status, _, _ = http_get(served, "/git/c00.git/info/refs?service=git-upload-pack", token)
    assert status == 200


def _close_day(day_id: str, **shift) -> PiscineDay:
    db.session.expire_all()
    day = db.session.scalars(db.select(PiscineDay).where(PiscineDay.day_id == day_id)).one()
    day.opens_at = utcnow() - timedelta(days=2)
    day.closes_at = utcnow() - timedelta(**shift)
    db.session.commit()
    return day


def test_push_after_the_deadline_is_refused_with_a_clear_message(
    served, seated_with_token, git, tmp_path
):
    _user, token = seated_with_token(locale="en")
    work = tmp_path / "c00"
    git("clone", repo_url(served, token), str(work))
    write(work, "ex00/ft_putchar.c", reference("c00", "ex00")[1])
    commit_all(git, work)
    day = _close_day("c00", hours=1)
    when = paris_text(day.closes_at, locale="en")  # "Dec 5, 2026, 11:59 PM"
    result = git("push", "origin", "HEAD:main", cwd=work, check=False)
    assert result.returncode != 0
    assert (
        f"! [remote rejected] HEAD -> main (deadline passed for c00: {when}, Paris time)"
        in result.stderr
    ), result.stderr
    assert all_submissions() == 0
    assert git("ls-remote", repo_url(served, token), cwd=work).stdout.strip() == ""  # ref untouched


def test_refusal_speaks_french_by_default_and_before_opening(
    served, seated_with_token, git, tmp_path
):
    _user, token = seated_with_token()  # locale fr
    work = tmp_path / "c00"
    git("clone", repo_url(served, token), str(work))
    write(work, "ex00/ft_putchar.c", reference("c00", "ex00")[1])
    commit_all(git, work)
    _close_day("c00", minutes=5)
    result = git("push", "origin", "HEAD:main", cwd=work, check=False)
    assert result.returncode != 0 and "date limite dépassée pour c00" in result.stderr
    # c01 opens on a later day of the default calendar: not open yet
    early = tmp_path / "c01"
    git("clone", repo_url(served, token, "c01"), str(early))
    write(early, "ex00/ft_print_numbers.c", "void ft_print_numbers(void) {}\n")
    commit_all(git, early)
    result = git("push", "origin", "HEAD:main", cwd=early, check=False)
    assert result.returncode != 0 and "c01 n'est pas encore ouvert" in result.stderr
    assert all_submissions() == 0


def test_links_nested_folders_and_odd_names_are_ignored(served, seated_with_token, git, tmp_path):
    user, token = seated_with_token(locale="en")
    work = tmp_path / "c00"
    git("clone", repo_url(served, token), str(work))
    name, data = reference("c00", "ex00")
    write(work, f"ex00/{name}", data)
    write(work, "ex00/nested/extra.c", "int nested;\n")
    write(work, "ex00/.gitignore", "*.o\n")
    os.symlink("/etc/passwd", work / "ex00" / "passwd.c")
    write(work, "ex99/whatever.c", "int x;\n")
    commit_all(git, work)
    result = git("push", "origin", "HEAD:main", cwd=work)
    (submission,) = git_submissions(user)
    assert files_of(submission) == {name: data}
    assert "ex00/nested/ ignored" in result.stderr
    assert "ex00/passwd.c ignored: links and submodules" in result.stderr
    assert "ex00/.gitignore ignored" in result.stderr
    assert "ex99/ ignored: c00 has no such exercise" in result.stderr


def test_size_limits_apply_and_large_pushes_still_work(served, seated_with_token, git, tmp_path):
    user, token = seated_with_token(locale="en")
    work = tmp_path / "c00"
    git("clone", repo_url(served, token), str(work))
    write(work, "ex00/ft_putchar.c", os.urandom((1 << 20) + 4096).hex()[: (1 << 20) + 10])
    write(work, "ex01/ft_print_alphabet.c", reference("c00", "ex01")[1])
    write(work, "assets/noise.bin", os.urandom(3 << 20))  # a >1 MiB pack: git sends it chunked
    commit_all(git, work)
    result = git("push", "origin", "HEAD:main", cwd=work)
    assert "c00/ex00 not recorded: ft_putchar.c is too large" in result.stderr, result.stderr
    assert [s.exercise for s in git_submissions(user)] == ["c00/ex01"]


def test_push_limits_are_configurable(app, served, seated_with_token, git, tmp_path):
    _user, token = seated_with_token(locale="en")
    app.config["GIT_MAX_PUSH_BYTES"] = 1 << 20
    work = tmp_path / "c00"
    git("clone", repo_url(served, token), str(work))
    # Over the pack limit but under the request cap (pack limit + 1 MiB), so the refusal
    # always comes from the pack limit, whatever the timing of the upload.
    write(work, "assets/noise.bin", os.urandom(3 << 19))
    commit_all(git, work)
    result = git("push", "origin", "HEAD:main", cwd=work, check=False)
    assert result.returncode != 0
    assert "! [remote rejected] HEAD -> main (push too large (1 MiB at most))" in result.stderr, (
        result.stderr
    )
    assert all_submissions() == 0


def test_a_repository_over_its_size_limit_refuses_pushes(
    app, served, seated_with_token, git, tmp_path
):
    _user, token = seated_with_token(locale="en")
    app.config["GIT_MAX_REPO_BYTES"] = 1 << 20
    work = tmp_path / "c00"
    git("clone", repo_url(served, token), str(work))
    write(work, "assets/noise.bin", os.urandom(2 << 20))
    commit_all(git, work)
    git("push", "origin", "HEAD:main", cwd=work)  # the repository was small before this push
    write(work, "ex00/ft_putchar.c", reference("c00", "ex00")[1])
    commit_all(git, work)
    result = git("push", "origin", "HEAD:main", cwd=work, check=False)
    assert result.returncode != 0
    assert "(repository too large (1 MiB at most))" in result.stderr, result.stderr
    assert all_submissions() == 0
