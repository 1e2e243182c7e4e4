"""Staff re-grade one run (page, API, command line): a new run, the old one kept, audited."""

from __future__ import annotations

import json

import pytest

from school101.core.errors import Conflict, Forbidden, ValidationFailed
from school101.core.queues import grading_queue
from school101.extensions import db
from school101.models import AuditLog, GradingRun
from school101.services.grading import recovery as grading_recovery
from school101.services.grading import runs as grading
from tests.conftest import count, login

pytestmark = pytest.mark.redis


@pytest.fixture
def app_config(app_config, redis_url):
    return {**app_config, "REDIS_URL": redis_url}


def _failed_run(user) -> GradingRun:
    submission = grading.create_submission(
        user=user, exercise="c00/ex00", files={"ft_putchar.c": b"x"}, source="api"
    )
    run = grading.enqueue_run(submission)
    run.status, run.error, run.attempts = (
        "failed",
        "no attempt left after InfrastructureUnavailable: ...",
        4,
    )
    db.session.commit()
    return run


def test_regrade_creates_a_new_run_and_keeps_the_old_one(app, make_user):
    staff, candidate = make_user(roles=("staff",)), make_user()
    old = _failed_run(candidate)
    new = grading_recovery.regrade_run(old.id, actor=staff, reason="engine restarted")
    db.session.commit()
    assert new.id != old.id and new.submission_id == old.submission_id
    assert new.status == "queued" and new.reason == "regrade"
    assert grading_queue().fetch_job(new.job_id).get_status() == "queued"
    db.session.expire_all()
    assert db.session.get(GradingRun, old.id).status == "failed"  # history kept, never overwritten
    log = AuditLog.query.filter_by(action="grading.regraded").one()
    assert log.actor_id == staff.id and log.target_id == old.id and log.reason == "engine restarted"
    assert json.loads(log.after) == {"run": new.id, "submission": old.submission_id}
    # one grading at a time per submission
    with pytest.raises(Conflict):
        grading_recovery.regrade_run(old.id, actor=staff, reason="twice")


def test_regrade_needs_staff_and_a_reason(app, make_user):
    run = _failed_run(make_user())
    with pytest.raises(Forbidden):
        grading_recovery.regrade_run(run.id, actor=make_user(), reason="please")
    with pytest.raises(ValidationFailed):
        grading_recovery.regrade_run(run.id, actor=make_user(roles=("staff",)), reason="  ")
    db.session.rollback()
    assert (
        count(GradingRun) == 1 and AuditLog.query.filter_by(action="grading.regraded").count() == 0
    )


def test_staff_regrade_from_the_queue_page(app, client, make_user):
    staff = make_user(roles=("staff",))
    run = _failed_run(make_user())
    login(client, staff.email)
    page = client.get("/staff/queue").get_data(as_text=True)
    assert f"/staff/grading/runs/{run.id}/regrade" in page and "Corriger à nouveau" in page
    r = client.post(
        f"/staff/grading/runs/{run.id}/regrade",
        data={f"regrade-{run.id}-reason": "", "back": "queue"},
    )
    assert r.status_code == 422 and f'id="regrade-{run.id}-reason-error"' in r.get_data(
        as_text=True
    )
    assert count(GradingRun) == 1
    r = client.post(
        f"/staff/grading/runs/{run.id}/regrade",
        data={f"regrade-{run.id}-reason": "engine restarted", "back": "queue"},
    )
    assert r.status_code == 303 and r.headers["Location"].endswith("/staff/queue")
    assert count(GradingRun) == 2
    r = client.post(
        f"/staff/grading/runs/{run.id}/regrade",
        data={f"regrade-{run.id}-reason": "again", "back": "queue"},
    )
    assert r.status_code == 409 and count(GradingRun) == 2
    r = client.post(
        "/staff/grading/runs/999999/regrade", data={"regrade-999999-reason": "x", "back": "queue"}
    )
    assert r.status_code == 404


def test_staff_regrade_from_the_submission_page(app, client, make_user):
    staff, candidate = make_user(roles=("staff",)), make_user()
    run = _failed_run(candidate)
    login(client, candidate.email)
    page = client.get(f"/piscine/submissions/{run.submission_id}").get_data(as_text=True)
    assert "regrade" not in page and "InfrastructureUnavailable" not in page  # staff only
    client.get("/auth/logout")
    login(client, staff.email)
    page = client.get(f"/piscine/submissions/{run.submission_id}").get_data(as_text=True)
    assert "Historique des corrections" in page and f"/staff/grading/runs/{run.id}/regrade" in page
    r = client.post(
        f"/staff/grading/runs/{run.id}/regrade",
        data={f"regrade-{run.id}-reason": "", "back": "submission"},
        follow_redirects=True,
    )
    assert (
        "Une justification est obligatoire" in r.get_data(as_text=True) and count(GradingRun) == 1
    )
    r = client.post(
        f"/staff/grading/runs/{run.id}/regrade",
        data={f"regrade-{run.id}-reason": "checked by hand", "back": "submission"},
    )
    assert r.status_code == 303 and r.headers["Location"].endswith(
        f"/piscine/submissions/{run.submission_id}"
    )
    page = client.get(f"/piscine/submissions/{run.submission_id}").get_data(as_text=True)
    assert "Correction relancée par l’équipe" in page


def test_candidates_cannot_regrade_and_csrf_is_required(app, client, make_user):
    candidate = make_user()
    run = _failed_run(candidate)
    login(client, candidate.email)
    r = client.post(
        f"/staff/grading/runs/{run.id}/regrade", data={f"regrade-{run.id}-reason": "please"}
    )
    assert r.status_code == 403
    client.get("/auth/logout")
    login(client, make_user(roles=("staff",)).email)
    app.config["WTF_CSRF_ENABLED"] = True
    r = client.post(f"/staff/grading/runs/{run.id}/regrade", data={f"regrade-{run.id}-reason": "x"})
    assert r.status_code == 400
    assert count(GradingRun) == 1


def test_regrade_from_the_command_line(app, make_user):
    run = _failed_run(make_user())
    runner = app.test_cli_runner()
    result = runner.invoke(args=["grading", "regrade", str(run.id)])
    assert result.exit_code != 0 and "--reason" in result.output
    result = runner.invoke(args=["grading", "regrade", str(run.id), "--reason", "engine restarted"])
    assert result.exit_code == 0, result.output
    assert f"run {run.id} will be graded again as run" in result.output
    assert AuditLog.query.filter_by(action="grading.regraded").one().actor_id is None
    result = runner.invoke(args=["grading", "regrade", "999999", "--reason", "x"])
    assert result.exit_code != 0
    result = runner.invoke(args=["grading", "reconcile"])
    assert result.exit_code == 0 and "failed: 0" in result.output
