"""Exams taken in the room (issue 14): an exam starts only from the room's networks with the code
on the room's screen; one active session per candidate during the exam; staff open, close and
watch the room live; the API twins follow the same rules."""

from __future__ import annotations

import pytest

from school101.models import AuditLog
from school101.models.exams import ExamAttempt, ExamRoom, ExamRoomSession
from school101.services.exams import rooms
from tests.conftest import count, login
from tests.fixtures.exam_rooms import room_code
from tests.fixtures.people import client_for

OUTSIDE = "203.0.113.9"


@pytest.fixture
def candidate(app, make_exam, seat, no_queue):
    """(exam, user, browser): an exam open in a loopback room, a seated candidate logged in."""
    exam = make_exam()
    (user,) = seat(exam)
    return exam, user, client_for(app, user)


def _start(browser, exam, code):
    return browser.post(f"/exams/{exam.id}/start", data={"code": code})


def _audits(action: str) -> list[AuditLog]:
    return AuditLog.query.filter_by(action=action).order_by(AuditLog.id).all()


def test_the_exam_does_not_start_outside_the_room_or_without_the_code(candidate):
    exam, _user, browser = candidate
    code = room_code(exam)
    browser.environ_base["REMOTE_ADDR"] = OUTSIDE
    r = _start(browser, exam, code)
    assert r.status_code == 403 and "ordinateurs de la salle d’examen" in r.text.replace("'", "’")
    # a forged X-Forwarded-For is not believed without BEHIND_PROXY
    r = browser.post(
        f"/exams/{exam.id}/start", data={"code": code}, headers={"X-Forwarded-For": "127.0.0.1"}
    )
    assert r.status_code == 403
    browser.environ_base["REMOTE_ADDR"] = "127.0.0.1"
    r = _start(browser, exam, "")
    assert r.status_code == 422 and 'aria-invalid="true"' in r.text
    assert "Tapez le code affiché sur l’écran de la salle" in r.text.replace("'", "’")
    r = _start(browser, exam, "ZZZZZZ" if code != "ZZZZZZ" else "YYYYYY")
    assert r.status_code == 422 and "Code erroné" in r.text
    assert count(ExamAttempt) == 0 and not _audits("exam.started")
    r = _start(browser, exam, f" {code[:3].lower()}-{code[3:]} ")  # as people type it
    assert r.status_code == 302
    attempt = ExamAttempt.query.one()
    assert attempt.room_session_id is not None
    (started,) = _audits("exam.started")
    assert '"address": "127.0.0.1"' in started.after and '"client": "web"' in started.after
    # the exam goes on in the room only
    browser.environ_base["REMOTE_ADDR"] = OUTSIDE
    assert browser.get(f"/exams/{exam.id}").status_code == 403
    assert browser.get(f"/exams/{exam.id}/state").json["error"]["code"] == "outside_network"
    browser.environ_base["REMOTE_ADDR"] = "127.0.0.1"
    assert browser.get(f"/exams/{exam.id}").status_code == 200


def test_a_closed_session_starts_nothing_and_the_english_message(candidate, staff):
    exam, _user, browser = candidate
    code = room_code(exam)
    row = ExamRoomSession.query.one()
    rooms.close_session(row.id, actor=staff)
    from school101.extensions import db

    db.session.commit()
    r = browser.post(f"/exams/{exam.id}/start?lang=en", data={"code": code})
    assert r.status_code == 409 and "not open in a room yet" in r.text
    assert count(ExamAttempt) == 0
    (closed,) = _audits("exam.room_closed")
    assert closed.actor_id == staff.id


def test_forwarded_address_counts_behind_the_proxy_only(make_app, monkeypatch, make_exam, seat):
    monkeypatch.setenv("BEHIND_PROXY", "1")
    app = make_app()
    exam = make_exam()
    (user,) = seat(exam)
    browser = client_for(app, user)
    code = room_code(exam)
    # the proxy (127.0.0.1) says the client is outside: refused
    r = browser.post(
        f"/exams/{exam.id}/start", data={"code": code}, headers={"X-Forwarded-For": OUTSIDE}
    )
    assert r.status_code == 403 and count(ExamAttempt) == 0
    r = browser.post(
        f"/exams/{exam.id}/start", data={"code": code}, headers={"X-Forwarded-For": "127.0.0.5"}
    )
    assert r.status_code == 302 and count(ExamAttempt) == 1


def test_a_second_login_ends_the_first_browser(app, candidate):
    exam, user, first = candidate
    assert _start(first, exam, room_code(exam)).status_code == 302
    assert first.get(f"/exams/{exam.id}").status_code == 200
    second = client_for(app, user)  # another computer of the room
    (replaced,) = _audits("exam.session_replaced")
    assert replaced.actor_id == user.id and '"kind": "web"' in replaced.before
    assert second.get(f"/exams/{exam.id}").status_code == 200
    # the first browser is logged out at its next request, with the reason
    r = first.get(f"/exams/{exam.id}")
    assert r.status_code == 302 and "/auth/login" in r.headers["Location"]
    page = first.get(r.headers["Location"])
    assert "ouvert dans une autre session" in page.text
    assert first.get("/exams/").status_code == 302  # logged out for good
    # the page's script gets JSON
    third = client_for(app, user)
    r = second.get(f"/exams/{exam.id}/state")
    assert r.status_code == 401 and r.json["error"]["code"] == "session_replaced"
    assert third.get(f"/exams/{exam.id}/state").status_code == 200
    assert len(_audits("exam.session_replaced")) == 2


def test_api_twin_start_and_one_token_at_a_time(client, candidate, auth_header):
    exam, user, browser = candidate
    first, second = auth_header(user), auth_header(user)
    url = f"/api/v1/exams/{exam.id}/start"
    r = client.post(url, headers=first, environ_base={"REMOTE_ADDR": OUTSIDE})
    assert r.status_code == 403 and r.json["error"]["code"] == "outside_network"
    r = client.post(url, headers=first, json={})
    assert r.status_code == 422 and r.json["error"]["fields"]["code"]
    r = client.post(url, headers=first, json={"code": "AAAAAA"})
    assert r.status_code == 422 and r.json["error"]["code"] in ("wrong_code", "code_required")
    assert count(ExamAttempt) == 0
    r = client.post(url, headers=first, json={"code": room_code(exam)})
    assert r.status_code == 201
    assert client.get(f"/api/v1/exams/{exam.id}", headers=first).status_code == 200
    # the browser logged in before the exam is not its session: logged out at its next request
    assert browser.get(f"/exams/{exam.id}").status_code == 302
    # a second token used for the exam takes over; the first one is ended
    assert client.get(f"/api/v1/exams/{exam.id}", headers=second).status_code == 200
    r = client.get(f"/api/v1/exams/{exam.id}", headers=first)
    assert r.status_code == 401 and r.json["error"]["code"] == "session_replaced"
    assert client.post(url, headers=first).status_code == 401
    (replaced,) = _audits("exam.session_replaced")
    assert '"kind": "api"' in replaced.before and '"kind": "api"' in replaced.after
    r = client.get(
        f"/api/v1/exams/{exam.id}", headers=second, environ_base={"REMOTE_ADDR": OUTSIDE}
    )
    assert r.status_code == 403


def test_staff_rooms_open_screen_live_and_close(app, staff_client, candidate, make_exam):
    exam, user, browser = candidate
    page = staff_client.get("/exams/staff/rooms")
    assert page.status_code == 200 and "Salles d’examen" in page.text.replace("'", "’")
    r = staff_client.post("/exams/staff/rooms", data={"name": "", "networks": "10.0.0.1/24\nnope"})
    assert r.status_code == 422 and r.text.count('aria-invalid="true"') == 2
    assert "10.0.0.0/24" in r.text  # the hint for host bits
    r = staff_client.post("/exams/staff/rooms", data={"name": "Turing", "networks": "10.42.0.0/16"})
    assert r.status_code == 422 and "Hors des réseaux du campus (127.0.0.0/8" in r.text
    assert count(ExamRoom) == 1  # only the fixture's room
    r = staff_client.post(
        "/exams/staff/rooms", data={"name": "Turing", "networks": "127.0.0.0/24, ::1/128"}
    )
    assert r.status_code == 302
    room = ExamRoom.query.filter_by(name="Turing").one()
    assert room.networks == "127.0.0.0/24\n::1/128" and _audits("exam.room_created")
    other = make_exam(room=False)
    r = staff_client.post(f"/exams/staff/rooms/{room.id}/open", data={"exam_id": other.id})
    assert r.status_code == 302
    session = ExamRoomSession.query.filter_by(room_id=room.id).one()
    screen = staff_client.get(f"/exams/staff/room-sessions/{session.id}/screen")
    assert rooms.show_code(session.code) in screen.text
    r = staff_client.post(f"/exams/staff/rooms/{room.id}/open", data={"exam_id": other.id})
    assert r.status_code == 409 and count(ExamRoomSession) == 2
    # the candidate of the fixture's room starts; staff see them, live
    assert _start(browser, exam, room_code(exam)).status_code == 302
    fixture_session = ExamRoomSession.query.filter_by(exam_id=exam.id).one()
    page = staff_client.get(f"/exams/staff/room-sessions/{fixture_session.id}")
    assert page.status_code == 200 and user.full_name in page.text and "127.0.0.1" in page.text
    live = staff_client.get(f"/exams/staff/room-sessions/{fixture_session.id}/live").json
    (person,) = live["people"]
    assert person["connected"] and person["address"] == "127.0.0.1" and person["in_room"]
    assert person["kind"] == "web" and person["ended_sessions"] == 0
    assert browser.get(f"/exams/staff/room-sessions/{fixture_session.id}/live").status_code == 403
    assert browser.get("/exams/staff/rooms").status_code == 403
    r = staff_client.post(f"/exams/staff/room-sessions/{session.id}/close")
    assert r.status_code == 302 and session.id and _audits("exam.room_closed")
    assert "fermée" in staff_client.get(f"/exams/staff/room-sessions/{session.id}/screen").text
    assert [a.action for a in AuditLog.query.filter(AuditLog.action.like("exam.room%"))] == [
        "exam.room_created",
        "exam.room_opened",
        "exam.room_closed",
    ]


def test_staff_api_twins(client, candidate, make_user, auth_header, make_exam):
    exam, user, _browser = candidate
    staff = auth_header(make_user(roles=("staff",)))
    r = client.post(
        "/api/v1/exam-rooms", headers=staff, json={"name": "Lovelace", "networks": ["0.0.0.0/0"]}
    )
    assert r.status_code == 422 and "networks" in r.json["error"]["fields"]
    r = client.post(
        "/api/v1/exam-rooms", headers=staff, json={"name": "Lovelace", "networks": ["::1/128"]}
    )
    assert r.status_code == 201 and r.json["networks"] == ["::1/128"]
    room_id = r.json["id"]
    r = client.put(
        f"/api/v1/exam-rooms/{room_id}",
        headers=staff,
        json={"name": "Lovelace", "networks": ["127.0.0.1/32"]},
    )
    assert r.status_code == 200 and _audits("exam.room_updated")
    other = make_exam(room=False)
    r = client.post(f"/api/v1/exam-rooms/{room_id}/open", headers=staff, json={"exam_id": 999})
    assert r.status_code == 422 and "exam_id" in r.json["error"]["fields"]
    r = client.post(f"/api/v1/exam-rooms/{room_id}/open", headers=staff, json={"exam_id": other.id})
    assert r.status_code == 201 and len(r.json["code"]) == 6
    session_id, code = r.json["id"], r.json["code"]
    listed = client.get("/api/v1/exam-rooms", headers=staff).json
    assert {row["name"]: row["open_session"]["code"] for row in listed}["Lovelace"] == code
    (seated,) = _seat_in(other)
    h = auth_header(seated)
    r = client.post(f"/api/v1/exams/{other.id}/start", headers=h, json={"code": code})
    assert r.status_code == 201
    live = client.get(f"/api/v1/exam-rooms/sessions/{session_id}/live", headers=staff).json
    assert live["connected"] == 1 and live["people"][0]["kind"] == "api"
    r = client.post(f"/api/v1/exam-rooms/sessions/{session_id}/close", headers=staff)
    assert r.status_code == 200 and r.json["open"] is False
    r = client.post(f"/api/v1/exam-rooms/sessions/{session_id}/close", headers=staff)
    assert r.status_code == 409
    candidate_h = auth_header(user)
    assert client.get("/api/v1/exam-rooms", headers=candidate_h).status_code == 403
    spec = client.get("/api/v1/openapi.json").json
    assert "/api/v1/exam-rooms/sessions/{session_id}/live" in spec["paths"]


def _seat_in(exam):
    from school101.extensions import db
    from school101.models import Booking
    from tests.exams.conftest import T0  # noqa: F401  (same seat rows as the `seat` fixture)
    from tests.factories import make_user

    user = make_user()
    db.session.add(Booking(piscine_id=exam.piscine_id, user_id=user.id, status="booked"))
    db.session.commit()
    return (user,)


def test_failed_starts_are_limited(make_app, make_exam, seat):
    from school101.extensions import limiter

    app = make_app({"RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://"})
    limiter.reset()  # the limiter is one object for every app of the process: start clean
    exam = make_exam()
    (user,) = seat(exam)
    browser = client_for(app, user)
    codes = [_start(browser, exam, "WRONG1").status_code for _ in range(11)]
    assert codes[:10] == [422] * 10 and codes[10] == 429
    assert count(ExamAttempt) == 0


def test_login_without_a_running_exam_claims_nothing(app, candidate):
    _exam, user, _browser = candidate
    login(app.test_client(), user.email)
    assert not _audits("exam.session_replaced")


def test_export_shows_and_erasure_empties_the_addresses_of_the_connections(candidate):
    from school101.extensions import db
    from school101.models.exams import ExamConnection
    from school101.services.privacy.export import exams_section
    from school101.services.privacy.retention import wipe_personal_data

    exam, user, browser = candidate
    assert _start(browser, exam, room_code(exam)).status_code == 302
    assert ExamConnection.query.one().address == "127.0.0.1"
    (exported,) = exams_section(user)["attempts"]
    assert [(c["kind"], c["address"]) for c in exported["connections"]] == [("web", "127.0.0.1")]
    wipe_personal_data([user.id])
    db.session.commit()
    connection = ExamConnection.query.one()
    assert connection.address == "" and connection.user_agent == ""
