"""Staff watch the grading queue (page and API); candidates cannot."""

import pytest

from school101.extensions import db
from school101.services.grading import runs as grading
from tests.conftest import login


@pytest.fixture
def app_config(app_config, redis_url):
    return {**app_config, "REDIS_URL": redis_url}


@pytest.mark.redis
def test_staff_see_waiting_runs_and_no_worker(client, make_user, auth_header):
    staff = make_user(roles=("staff",))
    submission = grading.create_submission(
        user=staff, exercise="c00/ex00", files={"ft_putchar.c": b"x"}, source="staff"
    )
    grading.enqueue_run(submission)
    db.session.commit()
    login(client, staff.email)
    page = client.get("/staff/queue").get_data(as_text=True)
    assert "File de correction" in page and "Aucun worker" in page
    data = client.get("/api/v1/staff/queue", headers=auth_header(staff)).json
    assert data["runs"]["queued"] == 1 and data["rq"]["waiting"] == 1
    candidate = make_user()
    assert client.get("/api/v1/staff/queue", headers=auth_header(candidate)).status_code == 403


def test_queue_page_says_when_redis_is_unreachable(app, client, make_user):
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"
    staff = make_user(roles=("staff",))
    login(client, staff.email)
    r = client.get("/staff/queue")
    assert r.status_code == 200 and "injoignable" in r.get_data(as_text=True)


@pytest.mark.redis
def test_queue_page_shows_mail_delivery(client, make_user, auth_header):
    from school101.models import OutboxMail

    for status in ("pending", "failed", "failed", "sent"):
        db.session.add(
            OutboxMail(
                to="x@example.org",
                kind="confirm_email",
                subject="s",
                body="b",
                transport="smtp",
                status=status,
            )
        )
    db.session.commit()
    staff = make_user(roles=("staff",))
    login(client, staff.email)
    page = client.get("/staff/queue").get_data(as_text=True)
    assert "Envoi des e-mails" in page and 'href="/staff/outbox?status=failed">2</a>' in page
    data = client.get("/api/v1/staff/queue", headers=auth_header(staff)).json
    assert (
        data["mail"]["pending"] == 1
        and data["mail"]["failed"] == 2
        and data["mail"]["waiting"] == 0
    )
