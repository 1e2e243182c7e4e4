"""The candidate's "today" (the piscine dashboard): one flow per state of the piscine (before,
a day open with verdicts, a day off, after), subjects in the page's language, turning in from
the page, the next exam and the evaluations to book, and the menus that lead there."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, date, datetime, timedelta
from html import unescape
from pathlib import Path

import pytest

from school101.extensions import db
from school101.models import Booking, GradingRun, Invitation, Submission
from school101.models.exams import ExamRoom, ExamRoomSession
from tests.fixtures.people import bearer, client_for

pytestmark = pytest.mark.redis

ROOT = Path(__file__).resolve().parents[2]
PUTCHAR = (ROOT / "exercises" / "c00" / "ex00" / "reference" / "ft_putchar.c").read_bytes()


def _today(client, piscine, lang="en") -> str:
    response = client.get(f"/piscine/{piscine.id}/?lang={lang}")
    assert response.status_code == 200
    return response.data.decode()


def _section(html: str, section_id: str) -> str:
    """The text of one <section> of the page (by its heading's id), tags stripped."""
    match = re.search(rf'<section aria-labelledby="{section_id}".*?</section>', html, re.S)
    assert match, section_id
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", match.group(0))).split())


def _shift(piscine, *, open_now=(), closed=(), upcoming_from=None):
    """Put days of the piscine's calendar open now, closed, or everything else upcoming."""
    now = datetime.now(UTC)
    for day in piscine.days:
        if day.day_id in open_now:
            day.opens_at, day.closes_at = now - timedelta(hours=3), now + timedelta(hours=5)
        elif day.day_id in closed:
            day.opens_at, day.closes_at = now - timedelta(days=3), now - timedelta(days=2)
        elif upcoming_from is not None:
            day.opens_at = now + upcoming_from + timedelta(hours=day.position)
            day.closes_at = day.opens_at + timedelta(days=1)
    db.session.commit()


def test_the_menu_and_the_application_dashboard_lead_to_today(app, make_piscine, seated):
    piscine, _user, client = seated(make_piscine(capacity=5))
    assert client.get("/piscine/today").headers["Location"].endswith(f"/piscine/{piscine.id}/")
    home = client.get("/me?lang=en").data.decode()
    assert f'href="/piscine/{piscine.id}/"' in home and "My piscine today" in home
    assert 'href="/piscine/today"' in home  # the top menu


def test_without_a_seat_today_is_the_invitations_page(app, make_piscine, invited):
    (user,) = invited(make_piscine())
    client = client_for(app, user)
    assert client.get("/piscine/today").headers["Location"].endswith("/piscine/")
    assert "My piscine today" not in client.get("/me?lang=en").data.decode()


def test_the_running_piscine_wins_over_an_older_and_a_later_one(app, make_piscine, seated):
    old = make_piscine(name="Old", starts_on=date.today() - timedelta(days=90))
    running = make_piscine(name="Now", starts_on=date.today() - timedelta(days=2))
    later = make_piscine(name="Later", starts_on=date.today() + timedelta(days=60))
    _, user, client = seated(running)
    for piscine in (old, later):
        db.session.add(Invitation(piscine_id=piscine.id, user_id=user.id))
        db.session.add(Booking(piscine_id=piscine.id, user_id=user.id, status="booked"))
    db.session.commit()
    assert client.get("/piscine/today").headers["Location"].endswith(f"/piscine/{running.id}/")


def test_before_the_piscine_the_page_says_when_it_starts(app, make_piscine, seated):
    piscine = make_piscine(starts_on=date.today() + timedelta(days=10))
    _, _user, client = seated(piscine)
    text = _section(_today(client, piscine), "today-title")
    assert "The piscine has not started yet." in text
    assert "Its first day, C 00: first steps, opens on" in text
    assert "submission" not in text  # no exercise, no verdict before the start
    # how to turn in is already there, with the first day's repository
    turn_in = _section(_today(client, piscine), "turn-in-title")
    assert "git clone https://piscine.example.org/git/c00.git" in turn_in


def test_after_the_piscine_the_page_says_it_is_over(app, make_piscine, seated):
    piscine = make_piscine(starts_on=date.today() - timedelta(days=60))
    _, _user, client = seated(piscine)
    html = _today(client, piscine)
    assert "The piscine is over: its last deadline was" in _section(html, "today-title")
    assert "No exam is left in this piscine." in _section(html, "next-exam-title")
    assert 'id="turn-in-title"' not in html  # nothing left to turn in
    assert "Results by day" in html  # the results stay


def test_a_day_off_says_so_and_names_the_next_day(app, make_piscine, seated):
    piscine = make_piscine()
    _, _user, client = seated(piscine)
    _shift(piscine, closed=("c00",), upcoming_from=timedelta(hours=20))
    text = _section(_today(client, piscine), "today-title")
    assert "No exercise day is open today" in text
    assert "The next day, C 01: pointers, opens on" in text
    assert "c00/ex00" not in text


def test_open_day_shows_subjects_in_the_page_language(app, make_piscine, seated):
    piscine = make_piscine()
    _, _user, client = seated(piscine)
    _shift(piscine, open_now=("c00",), upcoming_from=timedelta(days=1))
    english = _today(client, piscine, "en")
    french = _today(client, piscine, "fr")
    assert "Turn-in folder" in english and "Dossier de rendu" not in english
    assert "Dossier de rendu" in french and "Turn-in folder" not in french
    text = _section(english, "today-title")
    assert "C 00: first steps" in text and "Deadline:" in text and "Time left:" in text
    for n in range(9):
        assert f"c00/ex0{n} · not turned in yet" in text
    assert "Files to turn in: ft_putchar.c" in text
    # the deadline's countdown is the day's
    countdown = re.search(r'<time class="countdown"[^>]*>', english.split('id="today"')[1]).group(0)
    assert datetime.fromisoformat(re.search(r'data-deadline="([^"]+)"', countdown).group(1)) == (
        piscine.days[0].closes_at.replace(microsecond=0)
    )


def _grade(run: GradingRun, status: str, passed: bool, trace: str) -> None:
    verdict = {"exercise": "c00/ex00", "status": status, "passed": passed, "trace": trace}
    run.status, run.verdict, run.verdict_status, run.passed = (
        "graded",
        json.dumps(verdict),
        status,
        passed,
    )
    db.session.commit()


def test_turning_in_from_today_shows_each_latest_verdict_and_its_trace(app, make_piscine, seated):
    piscine = make_piscine(feedback="immediate")
    _, _user, client = seated(piscine)
    _shift(piscine, open_now=("c00",), upcoming_from=timedelta(days=1))
    form = _today(client, piscine)
    assert 'name="back" value="today"' in form and 'id="today-c00-ex00-files"' in form
    response = client.post(
        f"/piscine/{piscine.id}/days/c00/ex00",
        content_type="multipart/form-data",
        data={"ex00-files": [(io.BytesIO(PUTCHAR), "ft_putchar.c")], "back": "today"},
    )
    # back on "today", on the exercise turned in
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/piscine/{piscine.id}/#today-c00-ex00")
    submission = db.session.scalars(db.select(Submission)).one()
    text = _section(_today(client, piscine), "today-title")
    assert f"c00/ex00 · Queued · trace of submission #{submission.id}" in text

    _grade(db.session.scalars(db.select(GradingRun)).one(), "wrong_output", False, "got: 4")
    html = _today(client, piscine)
    assert f"c00/ex00 · Wrong output · trace of submission #{submission.id}" in _section(
        html, "today-title"
    )
    assert f'href="/piscine/submissions/{submission.id}"' in html
    trace_page = client.get(f"/piscine/submissions/{submission.id}?lang=en").data.decode()
    assert "got: 4" in trace_page

    client.post(
        f"/piscine/{piscine.id}/days/c00/ex00",
        content_type="multipart/form-data",
        data={"ex00-files": [(io.BytesIO(PUTCHAR), "ft_putchar.c")], "back": "today"},
    )
    newest = db.session.scalars(db.select(Submission).order_by(Submission.id.desc())).first()
    _grade(
        db.session.scalars(db.select(GradingRun).filter_by(submission_id=newest.id)).one(),
        "ok",
        True,
        "all good",
    )
    text = _section(_today(client, piscine), "today-title")
    assert f"c00/ex00 · passed · trace of submission #{newest.id}" in text
    assert "Result so far: 10/" in text


def test_a_refused_upload_from_today_changes_nothing(app, make_piscine, seated):
    piscine = make_piscine(feedback="immediate")
    _, _user, client = seated(piscine)
    _shift(piscine, closed=("c00",), upcoming_from=timedelta(days=1))
    response = client.post(
        f"/piscine/{piscine.id}/days/c00/ex00?lang=en",
        content_type="multipart/form-data",
        data={"ex00-files": [(io.BytesIO(PUTCHAR), "ft_putchar.c")], "back": "today"},
    )
    assert response.status_code == 409
    assert db.session.scalar(db.select(db.func.count()).select_from(Submission)) == 0


def test_the_next_exam_says_when_where_and_how_to_start(app, make_piscine, seated, staff):
    piscine = make_piscine()
    _, _user, client = seated(piscine)
    exam = next(d for d in piscine.days if d.kind == "exam")
    text = _section(_today(client, piscine), "next-exam-title")
    assert "Exam 00 · from" in text
    assert "in the exam room on campus" in text
    assert "type the code shown on the room's screen" in text
    assert "Starts in:" in text

    room = ExamRoom(name="Salle Turing", networks="127.0.0.0/8")
    db.session.add(room)
    db.session.flush()
    exam.opens_at = datetime.now(UTC) - timedelta(minutes=5)
    db.session.add(
        ExamRoomSession(
            room_id=room.id,
            exam_id=exam.id,
            code="ABCDEF",
            networks="127.0.0.0/8",
            open_room_id=room.id,
            opened_by_id=staff.id,
        )
    )
    db.session.commit()
    text = _section(_today(client, piscine), "next-exam-title")
    assert "open now in Salle Turing." in text and "open now" in text
    assert "ABCDEF" not in text  # the code is on the room's screen only


def test_evaluations_to_book_once_a_day_that_asks_for_them_is_closed(app, make_piscine, seated):
    piscine = make_piscine()
    _, _user, client = seated(piscine)
    text = _section(_today(client, piscine), "today-evaluations-title")
    assert "Nothing to evaluate or to receive for now" in text
    client.post(
        f"/piscine/{piscine.id}/days/c00/ex00",
        content_type="multipart/form-data",
        data={"ex00-files": [(io.BytesIO(PUTCHAR), "ft_putchar.c")]},
    )
    _shift(piscine, closed=("c00",), upcoming_from=timedelta(days=1))
    text = _section(_today(client, piscine), "today-evaluations-title")
    assert '"C 00: first steps": 0 of 2 evaluations booked.' in text


def test_the_api_twin_gives_today_in_the_asked_language(app, make_piscine, seated):
    piscine = make_piscine(feedback="immediate")
    _, user, client = seated(piscine)
    _shift(piscine, open_now=("c00",), upcoming_from=timedelta(days=1))
    client.post(
        f"/piscine/{piscine.id}/days/c00/ex00",
        content_type="multipart/form-data",
        data={"ex00-files": [(io.BytesIO(PUTCHAR), "ft_putchar.c")]},
    )
    submission = db.session.scalars(db.select(Submission)).one()
    _grade(db.session.scalars(db.select(GradingRun)).one(), "wrong_output", False, "got: 4")
    api = app.test_client()
    headers = {**bearer(app, user), "Accept-Language": "en"}
    body = api.get("/api/v1/piscines/today", headers=headers).get_json()
    assert body["piscine_id"] == piscine.id and body["phase"] == "open"
    (day,) = body["open_days"]
    assert day["day_id"] == "c00" and day["git_url"] == "https://piscine.example.org/git/c00.git"
    ex00 = day["exercises"][0]
    assert ex00["id"] == "c00/ex00" and ex00["files"] == ["ft_putchar.c"]
    assert ex00["verdict"] == {"status": "wrong_output", "passed": False}
    assert ex00["latest_submission"] == {"id": submission.id, "status": "graded"}
    assert "Turn-in folder" in ex00["subject_html"]
    assert day["exercises"][1]["latest_submission"] is None
    assert body["next_exam"]["title"] == "Exam 00" and body["next_exam"]["rooms"] == []
    same = api.get(f"/api/v1/piscines/{piscine.id}/today", headers=headers).get_json()
    assert same == body
    french = api.get("/api/v1/piscines/today", headers=bearer(app, user)).get_json()
    assert "Dossier de rendu" in french["open_days"][0]["exercises"][0]["subject_html"]


def test_the_api_twin_refuses_without_a_seat(app, make_piscine, seated, make_user):
    piscine, _user, _client = seated(make_piscine(capacity=3))
    stranger = make_user()
    response = app.test_client().get("/api/v1/piscines/today", headers=bearer(app, stranger))
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "no_seat"
    response = app.test_client().get(
        f"/api/v1/piscines/{piscine.id}/today", headers=bearer(app, stranger)
    )
    assert response.status_code == 403 and response.get_json()["error"]["code"] == "no_seat"
    assert app.test_client().get("/api/v1/piscines/today").status_code == 401
