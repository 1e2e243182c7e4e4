"""Request ids: kept from a plausible X-Request-ID, replaced otherwise, put on the jobs a
request enqueues and on the JSON log lines written while the request is served."""

from __future__ import annotations

import json
import logging

import pytest

from school101.core.logs import JsonLineFormatter


@pytest.mark.parametrize(
    "sent", ["", "short", "x" * 65, "has space", 'inject"{"level":"ERROR"}', "<script>1234"]
)
def test_implausible_ids_are_replaced(client, sent):
    r = client.get("/healthz", headers={"X-Request-ID": sent})
    kept = r.headers["X-Request-ID"]
    assert kept != sent and len(kept) == 32 and kept.isalnum()


def test_a_proxys_id_is_kept(client):
    r = client.get("/healthz", headers={"X-Request-ID": "edge-7f3a9c:01"})
    assert r.headers["X-Request-ID"] == "edge-7f3a9c:01"


def test_two_requests_get_two_ids(client):
    assert (
        client.get("/healthz").headers["X-Request-ID"]
        != client.get("/healthz").headers["X-Request-ID"]
    )


@pytest.mark.redis
def test_a_job_enqueued_by_a_request_keeps_its_id(make_app, redis_url, make_user):
    from school101.core.queues import mail_queue
    from school101.extensions import db
    from school101.models import OutboxMail

    app = make_app({"REDIS_URL": redis_url, "MAIL_SMTP_HOST": "127.0.0.1"})
    user = make_user()
    r = app.test_client().post(
        "/api/v1/auth/password-reset",
        json={"email": user.email},
        headers={"X-Request-ID": "req-reset-0001"},
    )
    assert r.status_code == 202 and r.headers["X-Request-ID"] == "req-reset-0001"
    mail_id = db.session.scalar(db.select(OutboxMail.id).where(OutboxMail.to == user.email))
    assert mail_queue().fetch_job(f"mail-{mail_id}").meta["request_id"] == "req-reset-0001"
    # Outside a request (a command, a periodic duty), a job carries no request id.
    assert "request_id" not in mail_queue().enqueue("school101.jobs.mail.deliver_mail", 0).meta


def test_the_upload_log_line_names_the_submission_and_the_request(client, seated, json_log):
    from tests.observability.conftest import upload

    piscine, user, _ = seated()
    r = upload(client, user, request_id="req-upload-0001")
    assert r.status_code == 202, r.json
    (line,) = [x for x in json_log if x["message"] == "submission received"]
    assert line["submission_id"] == r.json["id"] and line["exercise"] == "c00/ex00"
    assert line["request_id"] == "req-upload-0001" and line["source"] == "api"


def test_json_lines_carry_extra_fields_and_exceptions():
    formatter = JsonLineFormatter()
    record = logging.LogRecord("school101.x", logging.ERROR, __file__, 1, "boom %s", ("!",), None)
    record.run_id = 7
    try:
        raise ValueError("bad")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    line = json.loads(formatter.format(record))
    assert line["message"] == "boom !" and line["level"] == "ERROR" and line["run_id"] == 7
    assert "ValueError: bad" in line["exception"] and line["ts"].endswith("+00:00")
    assert "request_id" not in line
