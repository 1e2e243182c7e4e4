"""The first minutes with `make run`: right after seed-demo the demo candidate has a seat in a
piscine whose c00 is open today, and turns in c00/ex00 by upload or by `git push` with the
commands the seed prints."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path

import pytest

from school101.cli.demo import DEMO_PASSWORD, seed_demo
from school101.cli.demo_today import CLONE_DIR, DEMO_GIT_TOKEN, clone_url, open_first_day
from school101.extensions import db
from school101.models import Booking, GradingRun, PiscineDay, Submission, User
from school101.services.identity.accounts import user_for_token
from tests.fixtures.people import login

ROOT = Path(__file__).resolve().parents[2]
CANDIDATE = "candidate@101.example"
pytestmark = pytest.mark.redis


@pytest.fixture
def app_config(app_config, redis_url):
    return {**app_config, "REDIS_URL": redis_url}  # an upload enqueues its grading


def _seed(candidates: int = 6) -> list[str]:
    lines = list(seed_demo(candidates=candidates, seed=5))
    db.session.commit()
    return lines


def _candidate() -> User:
    return db.session.scalar(db.select(User).where(User.email == CANDIDATE))


def test_seeded_candidate_uploads_c00_ex00_today_and_it_is_queued_for_grading(app):
    lines = _seed()
    day = open_first_day(_candidate())
    assert day is not None and day.piscine.feedback == "immediate"
    upload_line = next(line for line in lines if "upload:" in line)
    path = re.search(r"http://[^/]+(/\S+)", upload_line).group(1)
    assert path == f"/piscine/{day.piscine_id}/days/c00"

    client = app.test_client()
    assert login(client, CANDIDATE, DEMO_PASSWORD).status_code == 302
    assert client.get(path).status_code == 200
    reference = ROOT / "exercises/c00/ex00/reference/ft_putchar.c"
    response = client.post(
        path + "/ex00",
        data={"ex00-files": [(io.BytesIO(reference.read_bytes()), "ft_putchar.c")]},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.data[:400]
    (submission,) = db.session.scalars(
        db.select(Submission).where(Submission.user_id == _candidate().id)
    ).all()
    run = db.session.scalar(db.select(GradingRun).where(GradingRun.submission_id == submission.id))
    assert submission.exercise == "c00/ex00" and run.status == "queued"


def test_printed_git_commands_use_a_working_git_token_and_real_paths(app):
    lines = _seed()
    assert user_for_token(DEMO_GIT_TOKEN, "git") == _candidate()
    assert user_for_token(DEMO_GIT_TOKEN, "api") is None  # git only
    commands = [line.strip() for line in lines if line.strip().startswith(("git ", "mkdir "))]
    assert commands[0] == f"git clone {clone_url('http://127.0.0.1:5000')} {CLONE_DIR}"
    copied = re.search(r"cp (\S+) ", commands[1]).group(1)
    assert (ROOT / copied).is_file()  # run from the repository's root, as the line says
    assert commands[2].endswith("push origin HEAD:main")
    readme = (ROOT / "README.md").read_text()
    assert all(command in readme for command in commands)  # the README says the same


def test_a_demo_seeded_on_an_earlier_day_seats_the_candidate_again_today(app):
    _seed()
    candidate = _candidate()
    old = open_first_day(candidate).piscine_id
    days = db.session.scalars(db.select(PiscineDay).where(PiscineDay.piscine_id == old)).all()
    for day in days:  # the demo seeded three weeks ago: c00 closed long since
        day.opens_at -= timedelta(days=21)
        day.closes_at -= timedelta(days=21)
    db.session.commit()
    assert open_first_day(candidate) is None

    lines = _seed()
    assert any("seated candidate@101.example in" in line for line in lines)
    now_open = open_first_day(candidate)
    assert now_open is not None and now_open.piscine_id != old
    seats = db.session.scalars(
        db.select(Booking.piscine_id).where(
            Booking.user_id == candidate.id, Booking.status == "booked"
        )
    ).all()
    assert seats == [now_open.piscine_id]  # one seat at a time


def test_the_demo_token_is_not_published_again_once_the_password_changed(app):
    from school101.services.identity.security import hash_password

    _seed()
    candidate = _candidate()
    candidate.password_hash = hash_password("a private passphrase of my own")
    candidate.session_version = (candidate.session_version or 0) + 1  # as a password change does
    db.session.commit()
    lines = _seed()
    assert user_for_token(DEMO_GIT_TOKEN, "git") is None
    assert not any(DEMO_GIT_TOKEN in line for line in lines)


def test_demo_check_refuses_a_public_url_while_the_demo_token_works(app):
    from school101.services.identity.security import hash_password

    _seed(candidates=2)
    private = hash_password("a private passphrase of my own")
    # every password changed behind the app's back: the sessions and tokens were not ended
    db.session.execute(db.update(User).values(password_hash=private))
    db.session.commit()
    app.config["PUBLIC_URL"] = "https://101.example.org"
    refused = app.test_cli_runner().invoke(args=["demo-check"])
    assert refused.exit_code != 0 and "demo git token" in refused.output, refused.output


def test_a_candidate_who_booked_the_later_piscine_is_left_there(app):
    from school101.models import Piscine
    from school101.services.piscine import booking

    _seed()
    candidate = _candidate()
    today = open_first_day(candidate).piscine_id
    later = db.session.scalar(db.select(Piscine.id).order_by(Piscine.starts_on.desc()).limit(1))
    booking.cancel(candidate, today)
    booking.book(candidate, later)
    db.session.commit()
    lines = _seed()
    seats = db.session.scalars(
        db.select(Booking.piscine_id).where(
            Booking.user_id == candidate.id, Booking.status == "booked"
        )
    ).all()
    assert seats == [later]
    assert not any("git clone" in line for line in lines)  # no c00 of theirs is open today
