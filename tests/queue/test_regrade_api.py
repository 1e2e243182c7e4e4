"""Staff re-grade one run through the API: POST /api/v1/submissions/<id>/regrade."""

from __future__ import annotations

import pytest

from school101.extensions import db
from school101.services.grading import runs as grading
from tests.queue.test_regrade import _failed_run

pytestmark = pytest.mark.redis


@pytest.fixture
def app_config(app_config, redis_url):
    return {**app_config, "REDIS_URL": redis_url}


def test_regrade_through_the_api(app, client, make_user, auth_header):
    staff, candidate = make_user(roles=("staff",)), make_user()
    run = _failed_run(candidate)
    url = f"/api/v1/submissions/{run.submission_id}/regrade"
    assert client.post(url, json={"reason": "x"}, headers=auth_header(candidate)).status_code == 403
    r = client.post(url, json={}, headers=auth_header(staff))
    assert r.status_code == 422 and r.json["error"]["code"]
    r = client.post(url, json={"reason": "engine restarted"}, headers=auth_header(staff))
    assert r.status_code == 202, r.json
    assert (
        r.json["status"] == "queued" and r.json["grading"] == "regrade" and r.json["message"] == ""
    )
    r = client.post(url, json={"reason": "again"}, headers=auth_header(staff))
    assert r.status_code == 409 and r.json["error"]["code"] == "grading_in_progress"
    kept = grading.create_submission(
        user=candidate, exercise="c00/ex00", files={"a.c": b"x"}, source="api"
    )
    db.session.commit()
    r = client.post(
        f"/api/v1/submissions/{kept.id}/regrade", json={"reason": "x"}, headers=auth_header(staff)
    )
    assert r.status_code == 409 and r.json["error"]["code"] == "never_graded"
