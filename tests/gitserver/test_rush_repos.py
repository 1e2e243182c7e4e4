"""Rush team repositories over real git and HTTP: `/git/<rush>-<team>.git` is shared by the
team's members (each with their own git token), refused to anyone else; a push or an upload is
the team's submission; the deadline grades the team's last push once, for every member."""

from __future__ import annotations

import io
import json
import os
from datetime import timedelta

import pytest

from school101.extensions import db
from school101.models import Booking, DayGrading, PiscineDay, Submission
from school101.models._base import utcnow
from school101.services.evaluations.teams import form_teams, teams
from school101.services.grading import repositories as storage
from school101.services.grading import team_work
from school101.services.grading.deadline import sweep
from school101.services.grading.results import day_result
from school101.services.identity.accounts import issue_token
from tests.conftest import count, require_service
from tests.gitserver import bombs
from tests.gitserver.conftest import EXERCISES, commit_all, http_get, repo_url, write


@pytest.fixture
def app_config(app_config, redis_url):
    return {**app_config, "REDIS_URL": redis_url}


class Rush:
    """A piscine whose rush00 is open now, four seated candidates in two teams, git tokens."""

    def __init__(self, piscine, day, team1, team2, tokens):
        self.piscine, self.day, self.team1, self.team2, self.tokens = (
            piscine,
            day,
            team1,
            team2,
            tokens,
        )

    def members(self, team):
        return [m.user_id for m in team.members]


@pytest.fixture
def rush(make_piscine, invited, staff):
    piscine = make_piscine(capacity=10, feedback="after_deadline")
    people = invited(piscine, n=4)
    for user in people:
        user.locale = "en"
        db.session.add(Booking(piscine_id=piscine.id, user_id=user.id, status="booked"))
    piscine.seats_taken = 4
    day = db.session.scalars(
        db.select(PiscineDay).filter_by(piscine_id=piscine.id, day_id="rush00")
    ).one()
    day.opens_at, day.closes_at = utcnow() - timedelta(hours=1), utcnow() + timedelta(hours=1)
    db.session.commit()
    form_teams(staff, piscine, "rush00")
    db.session.commit()
    team1, team2 = teams(piscine, "rush00")
    tokens = {u.id: issue_token(u, "git", scopes=("git",)) for u in people}
    db.session.commit()
    return Rush(piscine, day, team1, team2, tokens)


def team_url(base: str, token: str, team) -> str:
    return repo_url(base, token, f"rush00-{team.number}")


def variant(team, kind: str = "reference", wrong: str = "") -> dict[str, bytes]:
    """The files of the team's rush00 variant: its reference, or one of its wrong versions."""
    folder = EXERCISES / "rush00" / team.exercise / (f"wrong/{wrong}" if wrong else kind)
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def put(work, team, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        write(work, f"{team.exercise}/{name}", data)


def team_submissions(team) -> list[Submission]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            db.select(Submission).where(Submission.team_id == team.id).order_by(Submission.id)
        )
    )


def test_two_teammates_push_to_one_repository_and_a_stranger_is_refused(
    served, rush, git, tmp_path, make_user
):
    alice, bob = rush.members(rush.team1)
    carol = rush.members(rush.team2)[0]
    assert rush.team1.exercise == "ex00"

    first = tmp_path / "alice"
    git("clone", team_url(served, rush.tokens[alice], rush.team1), str(first))
    put(first, rush.team1, variant(rush.team1))
    write(first, "ex01/rush01.c", "int x;\n")  # another team's variant: not turned in
    commit_all(git, first, "alice's work")
    pushed = git("push", "origin", "HEAD:main", cwd=first)
    assert "rush00/ex00 recorded" in pushed.stderr, pushed.stderr
    assert "ex01/ ignored: your team turns in rush00/ex00 only." in pushed.stderr

    second = tmp_path / "bob"  # Bob clones what Alice pushed and pushes on top of it
    git("clone", team_url(served, rush.tokens[bob], rush.team1), str(second))
    assert (second / "ex00" / "rush00.c").exists()
    write(second, "ex00/rush00.c", (second / "ex00" / "rush00.c").read_text() + "\n")
    commit_all(git, second, "bob's fix")
    pushed = git("push", "origin", "HEAD:main", cwd=second)
    assert "rush00/ex00 recorded" in pushed.stderr, pushed.stderr

    first_sub, second_sub = team_submissions(rush.team1)
    assert (first_sub.user_id, second_sub.user_id) == (alice, bob)
    assert {s.exercise for s in (first_sub, second_sub)} == {"rush00/ex00"}
    # Carol (the other team) and an unseated candidate are refused, and Carol's own team
    # repository is hers; a number that is no team is 404 too
    stranger = git(
        "clone", team_url(served, rush.tokens[carol], rush.team1), str(tmp_path / "c"), check=False
    )
    assert stranger.returncode != 0 and "not found" in stranger.stderr, stranger.stderr
    status, _h, _b = http_get(
        served,
        f"/git/rush00-{rush.team1.number}.git/info/refs?service=git-upload-pack",
        rush.tokens[carol],
    )
    assert status == 404
    status, _h, _b = http_get(
        served, "/git/rush00-99.git/info/refs?service=git-upload-pack", rush.tokens[alice]
    )
    assert status == 404
    outsider = make_user("outsider@example.org")
    token = issue_token(outsider, "git", scopes=("git",))
    db.session.commit()
    status, _h, body = http_get(
        served, f"/git/rush00-{rush.team1.number}.git/info/refs?service=git-receive-pack", token
    )
    assert status == 403 and "place dans une piscine" in body.decode()
    status, _h, _b = http_get(
        served, f"/git/rush00-{rush.team1.number}.git/info/refs?service=git-upload-pack"
    )
    assert status == 401
    git(
        "clone",
        team_url(served, rush.tokens[carol], rush.team2),
        str(tmp_path / "carol"),
    )
    assert team_submissions(rush.team2) == []


def test_a_team_member_uploads_for_the_team(client, rush, auth_header):
    alice, bob = rush.members(rush.team1)
    files = variant(rush.team1)
    answer = client.post(
        "/api/v1/submissions",
        data={
            "exercise": "rush00/ex00",
            "files": [(io.BytesIO(data), name) for name, data in files.items()],
        },
        headers=_header(auth_header, bob),
        content_type="multipart/form-data",
    )
    assert answer.status_code == 202, answer.get_json()
    (submission,) = team_submissions(rush.team1)
    assert submission.user_id == bob
    # Alice, her teammate, sees it; Carol does not
    seen = client.get(f"/api/v1/submissions/{submission.id}", headers=_header(auth_header, alice))
    assert seen.status_code == 200, seen.get_json()
    carol = rush.members(rush.team2)[0]
    hidden = client.get(f"/api/v1/submissions/{submission.id}", headers=_header(auth_header, carol))
    assert hidden.status_code == 404
    # another variant is not the team's: refused, nothing written
    other = client.post(
        "/api/v1/submissions",
        data={"exercise": "rush00/ex03", "files": [(io.BytesIO(b"int x;\n"), "rush03.c")]},
        headers=_header(auth_header, bob),
        content_type="multipart/form-data",
    )
    assert other.status_code == 422
    error = other.get_json()["error"]
    assert error["code"] == "not_your_variant"
    assert error["fields"]["exercise"] == "Votre équipe ne rend que rush00/ex00."  # French first
    assert count(Submission) == 1


def _header(auth_header, user_id):
    from school101.models import User

    return auth_header(db.session.get(User, user_id))


@pytest.mark.redis
@pytest.mark.docker
def test_the_last_push_before_the_deadline_is_graded_once_for_the_team(served, rush, git, tmp_path):
    from rq import SimpleWorker

    import grader
    from school101.core.queues import grading_queue

    require_service("Docker grader sandbox", grader.sandbox_available(), "run `make grader-image`")
    alice, bob = rush.members(rush.team1)
    work = tmp_path / "alice"
    git("clone", team_url(served, rush.tokens[alice], rush.team1), str(work))
    put(work, rush.team1, variant(rush.team1))
    commit_all(git, work, "right")
    git("push", "origin", "HEAD:main", cwd=work)

    late = tmp_path / "bob"
    git("clone", team_url(served, rush.tokens[bob], rush.team1), str(late))
    put(late, rush.team1, variant(rush.team1, wrong="no_newline_after_last_line"))
    commit_all(git, late, "broken after the deadline")
    git("push", "origin", "HEAD:main", cwd=late)
    right, broken = team_submissions(rush.team1)

    # the deadline fell between the two pushes; a push now is refused
    day = db.session.get(PiscineDay, rush.day.id)
    day.closes_at = right.created_at + (broken.created_at - right.created_at) / 2
    db.session.commit()
    write(late, "ex00/notes.txt", "too late\n")
    commit_all(git, late, "after the deadline")
    refused = git("push", "origin", "HEAD:main", cwd=late, check=False)
    assert refused.returncode != 0 and "deadline passed for rush00" in refused.stderr
    assert len(team_submissions(rush.team1)) == 2

    assert sweep(utcnow()) == 2  # one grading per team
    db.session.expire_all()
    (grading,) = db.session.scalars(
        db.select(DayGrading).where(DayGrading.team_id == rush.team1.id)
    ).all()
    assert count(DayGrading) == 2
    queue = grading_queue()
    SimpleWorker([queue], connection=queue.connection).work(burst=True)
    db.session.expire_all()
    grading = db.session.get(DayGrading, grading.id)
    assert grading.status == "graded", grading.error
    assert json.loads(grading.submissions) == {"ex00": right.id}
    verdict = json.loads(grading.verdict)
    assert [e["exercise"] for e in verdict["exercises"]] == ["rush00/ex00"]
    assert grading.score == grading.max_score == 20, verdict
    for member in (alice, bob):  # the verdict is every member's
        result = day_result(rush.piscine, member, db.session.get(PiscineDay, rush.day.id))
        assert (result.state, result.score, result.max_score) == ("graded", 20, 20)
        assert result.submitted == 2
    other = rush.members(rush.team2)[0]
    result = day_result(rush.piscine, other, db.session.get(PiscineDay, rush.day.id))
    assert (result.state, result.score, result.submitted) == ("graded", 0, 0)


def test_a_bomb_pushed_to_a_team_repository_is_refused(app, served, rush):
    """The team repository keeps the day repositories' limits (bounds.py)."""
    alice = rush.members(rush.team1)[0]
    name = f"rush00-{rush.team1.number}"
    answer = bombs.post_receive_pack(served, rush.tokens[alice], bombs.big_blob(), day=name)
    assert answer.status == 200
    assert "a pushed file is too large once unpacked (10 MiB at most)" in answer.text
    assert "ng refs/heads/main" in answer.text
    assert count(Submission) == 0
    repo_dir = team_work.team_repo_path(storage.git_root(app), rush.team1)
    packs = os.path.join(repo_dir, "objects", "pack")
    assert not os.path.isdir(packs) or os.listdir(packs) == []
