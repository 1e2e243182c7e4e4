"""A whole exam graded for real: RQ on real Redis, the Docker sandbox, a burst SimpleWorker.

The candidate passes level 0 with the reference solution of the exercise drawn for them, then
fails level 1 twice with a known-wrong variant and has to wait before the next grademe.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from school101.extensions import db
from school101.jobs import grading as tasks
from school101.models.exams import ExamTry
from school101.services.exams import attempts, pools
from tests.conftest import require_service
from tests.fixtures.exam_rooms import room_code

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app_config(app_config, redis_url):
    return {**app_config, "REDIS_URL": redis_url}


@pytest.fixture
def hooked(monkeypatch):
    """The worker's hook applies exam verdicts (tolerant of it being wired already: idempotent)."""
    original = tasks._after_graded

    def after_graded(run):
        original(run)
        attempts.after_graded(run)

    monkeypatch.setattr(tasks, "_after_graded", after_graded)


def _grademe(client, exam_id, headers, folder: Path, names):
    import io

    files = [(io.BytesIO((folder / name).read_bytes()), name) for name in names]
    return client.post(
        f"/api/v1/exams/{exam_id}/grademe",
        data={"files": files},
        headers=headers,
        content_type="multipart/form-data",
    )


def _work():
    from rq import SimpleWorker

    from school101.core.queues import grading_queue

    queue = grading_queue()
    SimpleWorker([queue], connection=queue.connection).work(burst=True)


@pytest.mark.redis
@pytest.mark.docker
def test_a_candidate_passes_level_0_then_fails_level_1_and_waits(
    app, client, make_exam, seat, auth_header, make_user, hooked
):
    import grader

    require_service("Docker grader sandbox", grader.sandbox_available(), "run `make grader-image`")
    exam = make_exam()
    (user,) = seat(exam)
    h = auth_header(user)
    r = client.post(f"/api/v1/exams/{exam.id}/start", headers=h, json={"code": room_code(exam)})
    assert r.status_code == 201
    level0 = r.json["attempt"]["current"]

    # level 0: the reference solution passes
    reference = ROOT / "exercises" / level0["exercise"] / "reference"
    r = _grademe(client, exam.id, h, reference, level0["files"])
    assert r.status_code == 202, r.json
    _work()
    db.session.expire_all()
    assert ExamTry.query.one().outcome == "passed"  # applied by the worker's hook, not by a read
    r = client.get(f"/api/v1/exams/{exam.id}", headers=h)
    attempt = r.json["attempt"]
    assert attempt["points"] == 25 and attempt["level"] == 1
    assert attempt["tries"][0]["verdict_status"] == "ok" and attempt["tries"][0]["trace"]
    level1 = attempt["current"]
    assert level1["exercise"].startswith("exam00/level1/") and level1["status"] == "open"

    # level 1: a known-wrong variant fails; the first failure costs no wait, the second one does
    wrong = next(
        v for v in pools.load_exercise(level1["exercise"]).variants if v.status == "wrong_output"
    )
    folder = ROOT / "exercises" / level1["exercise"] / wrong.path
    for n in (1, 2):
        r = _grademe(client, exam.id, h, folder, level1["files"])
        assert r.status_code == 202, r.json
        _work()
        r = client.get(f"/api/v1/exams/{exam.id}", headers=h)
        attempt = r.json["attempt"]
        latest = attempt["tries"][0]
        assert latest["outcome"] == "failed" and latest["verdict_status"] == "wrong_output"
        assert "KO" in latest["trace"]
        assert attempt["current"]["failures"] == n and attempt["points"] == 25
    assert (
        attempt["current"]["status"] == "waiting" and 0 < attempt["current"]["wait_seconds"] <= 60
    )
    r = _grademe(client, exam.id, h, folder, level1["files"])
    assert r.status_code == 409 and r.json["error"]["code"] == "wait"
    assert 0 < r.json["error"]["retry_after"] <= 60

    # staff see the result and every try
    staff = auth_header(make_user(roles=("staff",)))
    results = client.get(f"/api/v1/exams/{exam.id}/results", headers=staff).json
    row = results["rows"][0]
    assert row["user_id"] == user.id and row["attempt"]["points"] == 25
    assert [lv["tries"] for lv in row["attempt"]["levels"]] == [1, 2]
    detail = client.get(f"/api/v1/exams/attempts/{row['attempt']['id']}", headers=staff).json
    assert [t["outcome"] for t in detail["tries"]] == ["failed", "failed", "passed"]
