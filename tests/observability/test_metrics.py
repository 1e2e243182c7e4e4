"""/metrics: absent without METRICS_TOKEN, 401 without the right bearer token; request
latency by endpoint, queue depth and age, bookings and waitlists, mail delivery failures."""

from __future__ import annotations

import pytest

from school101.extensions import db
from school101.models import Booking
from tests.fixtures.smtp import free_port
from tests.observability.conftest import sample

TOKEN = "metrics-test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _scrape(client) -> str:
    r = client.get("/metrics", headers=AUTH)
    assert r.status_code == 200 and r.mimetype == "text/plain", r.data[:300]
    return r.get_data(as_text=True)


def test_no_token_setting_means_no_endpoint(client):
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", headers={"Authorization": "Bearer "}).status_code == 404


@pytest.mark.parametrize("sent", [None, "Bearer wrong-token", f"Basic {TOKEN}", TOKEN])
def test_a_missing_or_wrong_token_is_401(make_app, sent):
    client = make_app({"METRICS_TOKEN": TOKEN}).test_client()
    r = client.get("/metrics", headers={"Authorization": sent} if sent else {})
    assert r.status_code == 401 and r.headers["WWW-Authenticate"].startswith("Bearer")
    assert b"school101_" not in r.data and b"flask_" not in r.data


def test_request_latency_by_endpoint_and_live_figures(make_app, seated, make_user):
    app = make_app({"METRICS_TOKEN": TOKEN})
    client = app.test_client()
    piscine, _user, _ = seated()
    db.session.add(Booking(piscine_id=piscine.id, user_id=make_user().id, status="waitlisted"))
    db.session.commit()
    for _ in range(2):
        assert client.get("/auth/login").status_code == 200
    text = _scrape(client)
    labels = {"endpoint": "auth.login", "method": "GET", "status": "200"}
    assert sample(text, "flask_http_request_duration_seconds_count", **labels) == 2
    assert sample(text, "school101_piscine_bookings", piscine=str(piscine.id), status="booked") == 1
    assert (
        sample(text, "school101_piscine_bookings", piscine=str(piscine.id), status="waitlisted")
        == 1
    )
    assert sample(text, "school101_database_up") == 1
    assert sample(text, "school101_redis_up") == 0  # REDIS_URL is not set in this test
    assert 'endpoint="metrics"' not in text  # the scrape itself is not measured


@pytest.mark.redis
def test_queue_depth_and_oldest_age_per_queue(make_app, redis_url):
    from school101.core.queues import grading_queue

    app = make_app({"METRICS_TOKEN": TOKEN, "REDIS_URL": redis_url})
    grading_queue().enqueue("school101.jobs.grading.grade_run", 1)
    grading_queue().enqueue("school101.jobs.grading.grade_run", 2)
    text = _scrape(app.test_client())
    assert sample(text, "school101_redis_up") == 1
    assert sample(text, "school101_queue_depth", queue="grading") == 2
    assert sample(text, "school101_queue_depth", queue="mail") == 0
    assert sample(text, "school101_queue_oldest_job_age_seconds", queue="grading") >= 0
    assert sample(text, "school101_queue_oldest_job_age_seconds", queue="mail") == 0
    assert sample(text, "school101_queue_failed_jobs", queue="grading") == 0
    assert sample(text, "school101_workers") == 0


def test_a_mail_delivery_failure_is_counted(make_app, make_user):
    """Without Redis the web process delivers at once: its failure shows in its own /metrics."""
    app = make_app(
        {
            "METRICS_TOKEN": TOKEN,
            "MAIL_SMTP_HOST": "127.0.0.1",
            "MAIL_SMTP_PORT": free_port(),  # nothing listens: connection refused
        }
    )
    client = app.test_client()
    user = make_user()
    before = _failures(_scrape(client))
    r = client.post("/api/v1/auth/password-reset", json={"email": user.email})
    assert r.status_code == 202
    after = _failures(_scrape(client))
    assert sum(after.values()) == sum(before.values()) + 1
    assert set(after) <= {"retry", "failed", "gave_up"}
    assert sample(_scrape(client), "school101_mail_outbox", status="failed") == 1


def _failures(text: str) -> dict[str, float]:
    from prometheus_client.parser import text_string_to_metric_families

    return {
        s.labels["outcome"]: s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
        if s.name == "school101_mail_delivery_failures_total"
    }


@pytest.mark.redis
def test_an_infrastructure_failure_is_counted(make_app, redis_url, make_user, monkeypatch):
    """The engine is down under a grading job: counted (here, in this process's registry)."""
    from prometheus_client import REGISTRY
    from rq import SimpleWorker

    import grader
    from school101.core.queues import grading_queue
    from school101.services.grading import runs

    make_app({"REDIS_URL": redis_url})
    monkeypatch.setattr(grader, "sandbox_available", lambda: False)
    series = "school101_grading_infrastructure_failures_total"
    before = REGISTRY.get_sample_value(series, {"job": "exercise"}) or 0
    submission = runs.create_submission(
        user=make_user(), exercise="c00/ex00", files={"ft_putchar.c": b"x"}, source="api"
    )
    runs.enqueue_run(submission)
    db.session.commit()
    queue = grading_queue()
    SimpleWorker([queue], connection=queue.connection).work(burst=True)
    assert REGISTRY.get_sample_value(series, {"job": "exercise"}) == before + 1
