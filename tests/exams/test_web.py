"""Exam pages: French by default, English complete, start and grademe forms, staff pages."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from school101.models.exams import ExamTry
from school101.services.exams import attempts
from tests.conftest import login
from tests.exams.conftest import give_verdict
from tests.fixtures.exam_rooms import room_code

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def examinee(make_exam, seat, client, no_queue):
    """(exam, user): a seated candidate of an open exam, `client` logged in as them."""
    exam = make_exam()
    (user,) = seat(exam)
    login(client, user.email)
    return exam, user


def test_candidate_takes_the_exam_through_the_pages(client, examinee):
    exam, user = examinee
    page = client.get("/exams/")
    assert (
        page.status_code == 200 and "Mes examens" in page.text and f"/exams/{exam.id}" in page.text
    )
    page = client.get(f"/exams/{exam.id}")
    assert page.status_code == 200 and "Commencer l’examen" in page.text
    r = client.post(f"/exams/{exam.id}/start", data={"code": room_code(exam)})
    assert r.status_code == 302
    page = client.get(f"/exams/{exam.id}")
    assert page.status_code == 200
    assert 'role="timer"' in page.text and 'aria-live="polite"' in page.text
    assert 'src="/static/js/exams.js"' in page.text and "<script>" not in page.text
    assert 'for="files"' in page.text and "Grademe" in page.text
    # a wrong file: a clear error tied to the input, nothing graded
    r = client.post(
        f"/exams/{exam.id}/grademe",
        data={"files": [(io.BytesIO(b"int x;"), "nope.c")]},
        content_type="multipart/form-data",
    )
    assert r.status_code == 422 and 'role="alert"' in r.text and 'aria-invalid="true"' in r.text
    assert "Rendez" in r.text

    current = attempts.current_assignment(attempts.attempt_of(user, exam.id))
    folder = ROOT / "exercises" / current.exercise / "reference"
    files = [(io.BytesIO(p.read_bytes()), p.name) for p in folder.iterdir()]
    r = client.post(
        f"/exams/{exam.id}/grademe", data={"files": files}, content_type="multipart/form-data"
    )
    assert r.status_code == 302
    page = client.get(f"/exams/{exam.id}")
    assert "Correction en cours" in page.text and "disabled" in page.text
    state = client.get(f"/exams/{exam.id}/state")
    assert state.is_json and state.json["attempt"]["current"]["status"] == "pending"
    give_verdict(ExamTry.query.one().run_id, True, at=attempts.attempt_of(user, exam.id).started_at)
    page = client.get(f"/exams/{exam.id}")
    assert "25 / 100" in page.text and "Réussi" in page.text and "test trace" in page.text
    english = client.get(f"/exams/{exam.id}?lang=en")
    assert (
        "Time left" in english.text
        and "Passed" in english.text
        and "Files to turn in" in english.text
    )
    assert "<h4>Exam rules</h4>" in english.text and "Temps restant" not in english.text
    assert "<h4>Règles de l" in client.get(f"/exams/{exam.id}?lang=fr").text


def test_pages_refuse_others(client, examinee, make_user):
    exam, _user = examinee
    client.post(f"/exams/{exam.id}/start", data={"code": room_code(exam)})
    client.post("/auth/logout")
    stranger = make_user()
    login(client, stranger.email)
    assert client.get(f"/exams/{exam.id}").status_code == 403
    assert client.get(f"/exams/{exam.id}/state").status_code == 403
    assert client.get(f"/exams/staff/{exam.id}").status_code == 403
    assert client.get("/exams/staff/").status_code == 403


def test_staff_pages(client, examinee, make_user):
    exam, user = examinee
    client.post(f"/exams/{exam.id}/start", data={"code": room_code(exam)})
    client.post("/auth/logout")
    staff = make_user(roles=("staff",))
    login(client, staff.email)
    page = client.get("/exams/staff/")
    assert page.status_code == 200 and f"/exams/staff/{exam.id}" in page.text
    page = client.get(f"/exams/staff/{exam.id}")
    assert page.status_code == 200 and user.email in page.text and "En cours" in page.text

    attempt = attempts.attempt_of(user, exam.id)
    page = client.get(f"/exams/staff/attempts/{attempt.id}")
    assert page.status_code == 200 and user.full_name in page.text
    assert client.get("/exams/staff/attempts/999999").status_code == 404


def test_anonymous_is_sent_to_login(client, make_exam):
    exam = make_exam()
    r = client.get(f"/exams/{exam.id}")
    assert r.status_code == 302 and "/auth/login" in r.headers["Location"]
    assert client.get(f"/exams/{exam.id}/state").status_code == 401
