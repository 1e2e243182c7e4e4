"""The worker's own metrics (its port, the series its work horses record) and its JSON log
lines, which name the request that enqueued each job: a real `flask worker` process."""

from __future__ import annotations

import pytest

from school101.extensions import db
from school101.models import GradingRun, OutboxMail
from tests.conftest import require_service
from tests.fixtures.smtp import free_port
from tests.observability.conftest import sample, upload


@pytest.fixture
def app_config(app_config, redis_url):
    return {**app_config, "REDIS_URL": redis_url}


@pytest.mark.redis
def test_mail_failures_are_counted_by_the_worker_and_logged_with_the_request_id(
    make_app, make_user, start_worker
):
    smtp_port = free_port()  # nothing listens: every attempt is refused, to be retried
    app = make_app({"MAIL_SMTP_HOST": "127.0.0.1", "MAIL_SMTP_PORT": smtp_port})
    client = app.test_client()
    for n in range(2):  # two jobs, two work horses: the second goes on counting
        r = client.post(
            "/api/v1/auth/password-reset",
            json={"email": make_user().email},
            headers={"X-Request-ID": f"req-mail-{n:04d}"},
        )
        assert r.status_code == 202
    mail_ids = db.session.scalars(db.select(OutboxMail.id).order_by(OutboxMail.id)).all()
    worker = start_worker(app, MAIL_SMTP_HOST="127.0.0.1", MAIL_SMTP_PORT=smtp_port)

    def attempted() -> bool:
        db.session.expire_all()
        return all(db.session.get(OutboxMail, i).attempts >= 1 for i in mail_ids)

    worker.wait_for(attempted)
    worker.wait_for(
        lambda: (
            sample(worker.scrape(), "school101_mail_delivery_failures_total", outcome="retry") == 2
        )
    )
    worker.stop()
    attempts = [x for x in worker.log_lines() if x["message"] == "mail delivery attempt"]
    assert {(x["mail_id"], x["request_id"], x["outcome"]) for x in attempts} == {
        (mail_ids[0], "req-mail-0000", "retry"),
        (mail_ids[1], "req-mail-0001", "retry"),
    }
    assert all(x["job_id"] == f"mail-{x['mail_id']}" for x in attempts)


@pytest.mark.redis
@pytest.mark.docker
def test_one_submission_followed_from_upload_to_verdict(
    make_app, make_piscine, seated, start_worker, json_log
):
    import grader

    require_service("Docker grader sandbox", grader.sandbox_available(), "run `make grader-image`")
    app = make_app()
    _piscine, user, _ = seated(make_piscine(capacity=10, feedback="immediate"))
    r = upload(app.test_client(), user, request_id="req-upload-0042")
    assert r.status_code == 202 and r.headers["X-Request-ID"] == "req-upload-0042"
    run = db.session.scalar(db.select(GradingRun).where(GradingRun.submission_id == r.json["id"]))
    (enqueued,) = [x for x in json_log if x["message"] == "grading run enqueued"]
    assert enqueued["run_id"] == run.id and enqueued["request_id"] == "req-upload-0042"

    worker = start_worker(app)

    def graded() -> bool:
        db.session.expire_all()
        return db.session.get(GradingRun, run.id).status == "graded"

    worker.wait_for(graded, seconds=180)
    text = worker.scrape()
    assert sample(text, "school101_grading_verdicts_total", exercise="c00/ex00", status="ok") == 1
    assert sample(text, "school101_grading_duration_seconds_count", exercise="c00/ex00") == 1
    worker.stop()
    lines = [x for x in worker.log_lines() if x.get("run_id") == run.id]
    assert [x["message"] for x in lines] == ["grading started", "grading verdict"]
    assert all(x["request_id"] == "req-upload-0042" for x in lines)
    assert lines[1]["verdict_status"] == "ok" and lines[1]["submission_id"] == r.json["id"]
