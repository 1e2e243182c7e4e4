"""/api/v1/exams: list, start, state, grademe, staff results, authorisation (grading queue faked)."""

from __future__ import annotations

import io
from datetime import UTC
from pathlib import Path

import pytest

from school101.extensions import db
from school101.models import Submission
from school101.models.exams import ExamAttempt, ExamTry
from tests.conftest import count
from tests.exams.conftest import give_verdict
from tests.fixtures.exam_rooms import room_code

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def setup(make_exam, seat, auth_header, no_queue):
    exam = make_exam()
    (user,) = seat(exam)
    return exam, user, auth_header(user)


def _upload(client, exam_id, headers, exercise=None, files=None):
    if files is None:
        folder = ROOT / "exercises" / exercise / "reference"
        files = [(io.BytesIO(p.read_bytes()), p.name) for p in folder.iterdir()]
    return client.post(
        f"/api/v1/exams/{exam_id}/grademe",
        data={"files": files},
        headers=headers,
        content_type="multipart/form-data",
    )


def test_list_start_state_grademe(client, setup):
    exam, _user, h = setup
    r = client.get("/api/v1/exams", headers=h)
    # the default calendar holds every Friday's exam: exam00 (moved to now), then later ones
    assert r.status_code == 200
    assert [e["day_id"] for e in r.json] == ["exam00", "exam01", "exam02", "final"]
    listed = r.json[0]
    assert listed["id"] == exam.id and listed["open"] is True and listed["attempt"] is None
    assert not any(e["open"] for e in r.json[1:])
    r = client.get(f"/api/v1/exams/{exam.id}", headers=h)
    assert r.status_code == 200 and r.json["attempt"] is None
    r = client.post(f"/api/v1/exams/{exam.id}/start", headers=h, json={"code": room_code(exam)})
    assert r.status_code == 201
    attempt = r.json["attempt"]
    assert attempt["status"] == "in_progress" and attempt["level"] == 0
    assert 0 < attempt["remaining_seconds"] <= 240 * 60
    current = attempt["current"]
    assert (
        current["exercise"].startswith("exam00/level0/")
        and "<h3>" in current["subject_html"]
        and "<h1" not in current["subject_html"]
    )
    r2 = client.post(f"/api/v1/exams/{exam.id}/start", headers=h, json={"code": room_code(exam)})
    assert r2.status_code == 200 and r2.json["attempt"]["id"] == attempt["id"]
    r = _upload(client, exam.id, h, current["exercise"])
    assert r.status_code == 202, r.json
    assert r.json["try"]["outcome"] == "pending" and r.json["try"]["number"] == 1
    assert r.json["attempt"]["current"]["status"] == "pending"
    r = _upload(client, exam.id, h, current["exercise"])
    assert r.status_code == 409 and r.json["error"]["code"] == "grading_pending"
    run_id = ExamTry.query.one().run_id
    give_verdict(run_id, False, at=db.session.get(ExamAttempt, attempt["id"]).started_at)
    r = client.get(f"/api/v1/exams/{exam.id}", headers=h)
    assert r.json["attempt"]["tries"][0]["outcome"] == "failed"
    assert "test trace" in r.json["attempt"]["tries"][0]["trace"]
    r = client.get("/api/v1/exams", headers=h)
    assert r.json[0]["attempt"]["status"] == "in_progress"


def test_errors_are_json(client, setup, make_user, auth_header):
    exam, _user, h = setup
    r = client.post(
        f"/api/v1/exams/{exam.id}/grademe",
        data={"files": [(io.BytesIO(b"x"), "a.c")]},
        headers=h,
        content_type="multipart/form-data",
    )
    assert r.status_code == 409 and r.json["error"]["code"] == "not_started"
    client.post(f"/api/v1/exams/{exam.id}/start", headers=h, json={"code": room_code(exam)})
    r = _upload(client, exam.id, h, files=[(io.BytesIO(b"x"), "../a.c")])
    assert r.status_code == 422 and r.json["error"]["code"] == "bad_file_name"
    r = _upload(client, exam.id, h, files=[(io.BytesIO(b"int x;"), "nothing.c")])
    assert r.status_code == 422 and r.json["error"]["code"] == "missing_file"
    assert "fields" in r.json["error"]
    r = _upload(client, exam.id, h, files=[(io.BytesIO(b"a" * ((1 << 20) + 1)), "big.c")])
    assert r.status_code == 413
    assert count(Submission) == 0 and count(ExamTry) == 0
    assert client.get("/api/v1/exams/999999", headers=h).status_code == 404
    assert client.get(f"/api/v1/exams/{exam.id}").status_code == 401


def test_window_rules(client, make_exam, seat, auth_header, no_queue):
    from datetime import datetime, timedelta

    now = datetime.now(UTC)
    later = make_exam(opens=now + timedelta(hours=1))
    (user,) = seat(later)
    h = auth_header(user)
    r = client.post(f"/api/v1/exams/{later.id}/start", headers=h, json={"code": room_code(later)})
    assert r.status_code == 409 and r.json["error"]["code"] == "not_open"
    past = make_exam(opens=now - timedelta(hours=9), closes=now - timedelta(hours=1))
    (late,) = seat(past)
    r = client.post(
        f"/api/v1/exams/{past.id}/start", headers=auth_header(late), json={"code": room_code(past)}
    )
    assert r.status_code == 409 and r.json["error"]["code"] == "exam_closed"
    assert count(ExamAttempt) == 0


def test_authorisation(client, setup, make_user, auth_header):
    exam, user, h = setup
    attempt_id = client.post(
        f"/api/v1/exams/{exam.id}/start", headers=h, json={"code": room_code(exam)}
    ).json["attempt"]["id"]
    other = auth_header(make_user())
    r = client.get(f"/api/v1/exams/{exam.id}", headers=other)
    assert r.status_code == 403 and r.json["error"]["code"] == "no_seat"
    assert (
        client.post(
            f"/api/v1/exams/{exam.id}/start", headers=other, json={"code": room_code(exam)}
        ).status_code
        == 403
    )
    assert client.get(f"/api/v1/exams/attempts/{attempt_id}", headers=other).status_code == 404
    assert client.get("/api/v1/exams", headers=other).json == []
    assert client.get(f"/api/v1/exams/{exam.id}/results", headers=h).status_code == 403
    staff = auth_header(make_user(roles=("staff",)))
    r = client.get(f"/api/v1/exams/{exam.id}/results", headers=staff)
    assert r.status_code == 200 and r.json["started"] == 1 and r.json["seated"] == 1
    assert (
        r.json["rows"][0]["attempt"]["id"] == attempt_id and r.json["levels"][0]["key"] == "level0"
    )
    r = client.get(f"/api/v1/exams/attempts/{attempt_id}", headers=staff)
    assert r.status_code == 200 and r.json["user_id"] == user.id
    assert client.get(f"/api/v1/exams/attempts/{attempt_id}", headers=h).status_code == 200


def test_openapi_documents_the_exam_paths(client):
    spec = client.get("/api/v1/openapi.json").json
    for path in (
        "/api/v1/exams",
        "/api/v1/exams/{exam_id}/start",
        "/api/v1/exams/{exam_id}",
        "/api/v1/exams/{exam_id}/grademe",
        "/api/v1/exams/{exam_id}/results",
        "/api/v1/exams/attempts/{attempt_id}",
    ):
        assert path in spec["paths"], path
