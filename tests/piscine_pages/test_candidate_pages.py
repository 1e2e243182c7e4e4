"""Candidate piscine pages: booking with the waitlist, cancel and decline; the dashboard and its
countdowns; day pages with subjects (fr/en) and uploads; submissions with their verdict."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from school101.extensions import db
from school101.models import Booking, GradingRun, OutboxMail, Submission
from tests.conftest import count
from tests.fixtures.people import client_for

pytestmark = pytest.mark.redis

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "exercises" / "c00" / "ex00" / "reference" / "ft_putchar.c"


def test_no_invitation_empty_state(app, make_user):
    client = client_for(app, make_user())
    html = client.get("/piscine/?lang=en").data.decode()
    assert "You are not invited to a piscine yet." in html


def test_book_waitlist_and_cancel_flow(app, make_piscine, invited):
    piscine = make_piscine(capacity=1)
    first, second = invited(piscine, n=2)
    a, b = client_for(app, first), client_for(app, second)
    page = a.get("/piscine/?lang=en").data.decode()
    assert (
        piscine.name.replace("'", "&#39;") in page
        and "Book a seat" in page
        and "1 seat left out of 1" in page
    )

    r = a.post(f"/piscine/{piscine.id}/book?lang=en", follow_redirects=True)
    assert "Your seat is booked." in r.data.decode()
    assert "Open my piscine" in r.data.decode()

    page = b.get("/piscine/?lang=en").data.decode()
    assert "The session is full (1 seats): booking puts you on the waitlist." in page
    assert "Join the waitlist" in page
    r = b.post(f"/piscine/{piscine.id}/book?lang=en", follow_redirects=True)
    html = r.data.decode()
    assert "you are on its waitlist, position 1" in html
    assert "position 1 on the waitlist" in html
    # asking again keeps the same place
    b.post(f"/piscine/{piscine.id}/book")
    assert count(Booking) == 2

    r = a.post(f"/piscine/{piscine.id}/cancel?lang=en", follow_redirects=True)
    assert "Your booking is cancelled." in r.data.decode()
    statuses = {bk.user_id: bk.status for bk in db.session.scalars(db.select(Booking))}
    assert statuses == {first.id: "cancelled", second.id: "booked"}
    assert (
        db.session.scalars(db.select(OutboxMail).where(OutboxMail.kind == "seat_granted")).one().to
        == second.email
    )
    assert "Open my piscine" in b.get("/piscine/?lang=en").data.decode()


def test_cancel_after_the_deadline_is_refused(app, make_piscine, invited):
    piscine = make_piscine(capacity=5, cancel_until=datetime.now(UTC) + timedelta(hours=1))
    (user,) = invited(piscine)
    client = client_for(app, user)
    client.post(f"/piscine/{piscine.id}/book")
    piscine.cancel_until = datetime.now(UTC) - timedelta(minutes=1)
    db.session.commit()
    page = client.get("/piscine/?lang=en").data.decode()
    assert "Cancel my seat" not in page and "The cancellation deadline has passed." in page
    r = client.post(f"/piscine/{piscine.id}/cancel?lang=en", follow_redirects=True)
    assert "The cancellation deadline has passed." in r.data.decode()
    assert db.session.scalars(db.select(Booking)).one().status == "booked"


def test_booking_closed_message(app, make_piscine, invited):
    piscine = make_piscine(booking_closes_at=datetime.now(UTC) - timedelta(hours=1))
    (user,) = invited(piscine)
    client = client_for(app, user)
    page = client.get("/piscine/?lang=en").data.decode()
    assert "Booking for this piscine is closed." in page and "Book a seat" not in page
    r = client.post(f"/piscine/{piscine.id}/book?lang=en", follow_redirects=True)
    assert "Booking for this piscine is closed." in r.data.decode()
    assert count(Booking) == 0


def test_decline_invitation(app, make_piscine, invited):
    piscine = make_piscine()
    (user,) = invited(piscine)
    client = client_for(app, user)
    r = client.post(f"/piscine/{piscine.id}/decline?lang=en", follow_redirects=True)
    html = r.data.decode()
    assert "You declined the invitation." in html and "You declined this invitation." in html
    assert "Book a seat" not in html
    assert client.post(f"/piscine/{piscine.id}/book").status_code == 403


def test_not_invited_cannot_book(app, make_piscine, make_user):
    piscine = make_piscine()
    client = client_for(app, make_user())
    r = client.post(f"/piscine/{piscine.id}/book?lang=en")
    assert r.status_code == 403 and "You are not invited to this piscine." in r.data.decode()
    assert count(Booking) == 0


def test_dashboard_calendar_states_and_countdown(app, make_piscine, seated):
    piscine = make_piscine(starts_on=date.today() - timedelta(days=5))
    _, _user, client = seated(piscine)
    c00 = piscine.days[0]
    c00.opens_at = datetime.now(UTC) - timedelta(days=3)
    c00.closes_at = datetime.now(UTC) - timedelta(days=2)
    c01 = piscine.days[1]
    c01.opens_at = datetime.now(UTC) - timedelta(hours=2)
    c01.closes_at = datetime.now(UTC) + timedelta(hours=5)
    for day in piscine.days[2:]:
        day.opens_at = datetime.now(UTC) + timedelta(days=2)
        day.closes_at = datetime.now(UTC) + timedelta(days=3)
    db.session.commit()
    html = client.get(f"/piscine/{piscine.id}/?lang=en").data.decode()
    assert html.count("state state-closed") == 1
    assert html.count("state state-open") == 1
    assert html.count("state state-upcoming") == len(piscine.days) - 2
    countdown = re.search(r'<time class="countdown"[^>]*>', html).group(0)
    deadline = re.search(r'data-deadline="([^"]+)"', countdown).group(1)
    assert datetime.fromisoformat(deadline) == c01.closes_at.replace(microsecond=0)
    assert 'data-server-now="' in countdown
    assert '<script src="/static/js/countdown.js" defer></script>' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)  # no inline script (CSP)
    assert "My progress" in html
    # an upcoming day hides its subjects
    upcoming = client.get(
        f"/piscine/{piscine.id}/days/{piscine.days[2].day_id}?lang=en"
    ).data.decode()
    assert (
        "Its subjects appear here then." in upcoming
        and "<form" not in upcoming.split('id="main"')[1]
    )
    closed = client.get(f"/piscine/{piscine.id}/days/c00?lang=en").data.decode()
    assert "submissions are closed" in closed and 'enctype="multipart/form-data"' not in closed
    assert "ft_putchar" in closed  # subjects stay readable


def test_dashboard_needs_a_seat(app, make_piscine, invited):
    piscine = make_piscine()
    (user,) = invited(piscine)
    client = client_for(app, user)
    r = client.get(f"/piscine/{piscine.id}/?lang=en")
    assert r.status_code == 403
    assert "This page is for candidates with a seat in this piscine." in r.data.decode()
    assert client.get(f"/piscine/{piscine.id}/days/c00").status_code == 403
    assert client.get("/piscine/999/").status_code == 404


def test_subject_in_french_and_english(app, seated):
    piscine, _user, client = seated()
    fr = client.get(f"/piscine/{piscine.id}/days/c00").data.decode()
    assert '<html lang="fr"' in fr
    assert "Écrivez une fonction qui affiche le caractère" in fr
    assert "C 00 : premiers pas" in fr and "Rendre c00/ex00" in fr
    en = client.get(f"/piscine/{piscine.id}/days/c00?lang=en").data.decode()
    assert "Write a function that displays the character" in en
    assert "C 00: first steps" in en and "Submit c00/ex00" in en
    assert "https://piscine.example.org/git/c00.git" in en
    assert "<h4>ex00" in en and "<h1>ex00" not in en  # subject headings sit under the page's


def test_seated_candidate_uploads_and_sees_the_submission(app, seated):
    piscine, user, client = seated()
    r = client.post(
        f"/piscine/{piscine.id}/days/c00/ex00?lang=en",
        content_type="multipart/form-data",
        data={"ex00-files": [(io.BytesIO(REFERENCE.read_bytes()), "ft_putchar.c")]},
    )
    assert r.status_code == 302, r.data.decode()[:2000]
    sub = db.session.scalars(db.select(Submission)).one()
    assert (sub.user_id, sub.exercise, sub.piscine_id, sub.day_id, sub.source) == (
        user.id,
        "c00/ex00",
        piscine.id,
        "c00",
        "upload",
    )
    html = client.get(r.headers["Location"]).data.decode()
    assert f"Your files for c00/ex00 are received (submission #{sub.id})." in html
    listing = html[html.index('id="subs-title"') :]
    assert f"/piscine/submissions/{sub.id}" in listing and "c00/ex00" in listing
    assert "Kept for the deadline grading" in listing
    detail = client.get(f"/piscine/submissions/{sub.id}?lang=en").data.decode()
    assert "ft_putchar.c" in detail and "This version is kept" in detail


def test_archive_with_parent_path_is_refused(app, seated):
    piscine, _user, client = seated()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../evil.c", "int x;")
    buffer.seek(0)
    r = client.post(
        f"/piscine/{piscine.id}/days/c00/ex00?lang=en",
        content_type="multipart/form-data",
        data={"ex00-files": [(buffer, "rendu.zip")]},
    )
    assert r.status_code == 422
    html = r.data.decode()
    assert "The archive holds a dangerous path: ../evil.c" in html
    assert 'role="alert"' in html and 'aria-invalid="true"' in html
    assert count(Submission) == 0
    fr = client.post(
        f"/piscine/{piscine.id}/days/c00/ex00?lang=fr",
        content_type="multipart/form-data",
        data={"ex00-files": [(io.BytesIO(b"x"), "../x.c")]},
    )
    assert fr.status_code == 422 and "ne doivent pas contenir de chemin" in fr.data.decode()


def test_upload_without_files_and_unknown_exercise(app, seated):
    piscine, _user, client = seated()
    r = client.post(
        f"/piscine/{piscine.id}/days/c00/ex00?lang=en", content_type="multipart/form-data", data={}
    )
    assert r.status_code == 422 and "Send at least one file." in r.data.decode()
    assert client.post(f"/piscine/{piscine.id}/days/c00/ex99", data={}).status_code == 404
    assert client.get(f"/piscine/{piscine.id}/days/nope").status_code == 404
    assert count(Submission) == 0


def test_too_large_upload_is_413(app, seated):
    app.config["SUBMISSION_MAX_FILE_BYTES"] = 100
    piscine, _user, client = seated()
    r = client.post(
        f"/piscine/{piscine.id}/days/c00/ex00?lang=en",
        content_type="multipart/form-data",
        data={"ex00-files": [(io.BytesIO(b"x" * 200), "ft_putchar.c")]},
    )
    assert r.status_code == 413 and "is too large" in r.data.decode()
    assert count(Submission) == 0


def test_immediate_piscine_queues_grading_and_shows_the_trace(app, make_piscine, seated):
    piscine = make_piscine(capacity=3, feedback="immediate")
    _, _user, client = seated(piscine)
    r = client.post(
        f"/piscine/{piscine.id}/days/c00/ex00",
        content_type="multipart/form-data",
        data={"ex00-files": [(io.BytesIO(REFERENCE.read_bytes()), "ft_putchar.c")]},
    )
    assert r.status_code == 302
    run = db.session.scalars(db.select(GradingRun)).one()
    assert run.status == "queued"
    sub = db.session.scalars(db.select(Submission)).one()
    assert (
        "Grading is under way" in client.get(f"/piscine/submissions/{sub.id}?lang=en").data.decode()
    )
    # the worker's verdict (stored as the job would) shows with its escaped trace
    verdict = {
        "exercise": "c00/ex00",
        "status": "wrong_output",
        "passed": False,
        "score": 0,
        "tests": [{"name": "prints 42", "passed": False, "status": "wrong_output"}],
        "norm": {"passed": True, "errors": []},
        "trace": "expected: 42\ngot: <b>4</b>",
        "duration_ms": 3,
    }
    run.status, run.verdict, run.verdict_status, run.passed = (
        "graded",
        json.dumps(verdict),
        "wrong_output",
        False,
    )
    db.session.commit()
    detail = client.get(f"/piscine/submissions/{sub.id}?lang=en").data.decode()
    assert "Wrong output" in detail and "prints 42" in detail
    assert "got: &lt;b&gt;4&lt;/b&gt;" in detail and "<b>4</b>" not in detail
    day = client.get(f"/piscine/{piscine.id}/days/c00?lang=en").data.decode()
    assert "Trace of the last grading" in day and "got: &lt;b&gt;4&lt;/b&gt;" in day
    assert "0/" in client.get(f"/piscine/{piscine.id}/?lang=en").data.decode()


def test_someone_elses_submission_is_404(app, make_piscine, seated):
    piscine = make_piscine(capacity=5)
    _, _owner, owner_client = seated(piscine)
    _, _other, other_client = seated(piscine)
    owner_client.post(
        f"/piscine/{piscine.id}/days/c00/ex00",
        content_type="multipart/form-data",
        data={"ex00-files": [(io.BytesIO(REFERENCE.read_bytes()), "ft_putchar.c")]},
    )
    sub = db.session.scalars(db.select(Submission)).one()
    assert owner_client.get(f"/piscine/submissions/{sub.id}").status_code == 200
    assert other_client.get(f"/piscine/submissions/{sub.id}").status_code == 404
    assert other_client.get("/piscine/submissions/9999").status_code == 404


def test_cancel_and_decline_ask_for_confirmation(app, make_piscine, invited):
    piscine = make_piscine(capacity=1)
    first, second = invited(piscine, n=2)
    a, b = client_for(app, first), client_for(app, second)
    a.post(f"/piscine/{piscine.id}/book")
    b.post(f"/piscine/{piscine.id}/book")
    index = a.get("/piscine/?lang=en").data.decode()
    assert (
        f'href="/piscine/{piscine.id}/cancel"' in index
        and f'href="/piscine/{piscine.id}/decline"' in index
    )
    page = a.get(f"/piscine/{piscine.id}/cancel?lang=en").data.decode()
    assert "Your seat will go to the first person on the waitlist." in page
    assert f'action="/piscine/{piscine.id}/cancel"' in page
    assert (
        db.session.scalars(db.select(Booking).where(Booking.user_id == first.id)).one().status
        == "booked"
    )
    waiting = b.get(f"/piscine/{piscine.id}/cancel?lang=en").data.decode()
    assert "You will lose your place on the waitlist (position 1)." in waiting
    decline = b.get(f"/piscine/{piscine.id}/decline?lang=en").data.decode()
    assert "Declining gives up this invitation for good" in decline
    assert a.get("/piscine/999/cancel").status_code == 404
    assert a.get(f"/piscine/{piscine.id}/other").status_code == 404


def test_decline_cannot_bypass_the_cancellation_deadline(app, make_piscine, invited):
    piscine = make_piscine(capacity=5)
    (user,) = invited(piscine)
    client = client_for(app, user)
    client.post(f"/piscine/{piscine.id}/book")
    piscine.cancel_until = datetime.now(UTC) - timedelta(minutes=1)
    db.session.commit()
    assert "Decline the invitation" not in client.get("/piscine/?lang=en").data.decode()
    r = client.post(f"/piscine/{piscine.id}/decline?lang=en", follow_redirects=True)
    assert "The cancellation deadline has passed." in r.data.decode()
    assert db.session.scalars(db.select(Booking)).one().status == "booked"
