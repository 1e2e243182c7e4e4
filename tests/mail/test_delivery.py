"""Mail delivery over real SMTP (aiosmtpd on 127.0.0.1), after the commit, through real Redis and
a real RQ worker: never on rollback, retried with backoff, then failed; STARTTLS and AUTH."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from rq import SimpleWorker

from school101.core.queues import mail_queue
from school101.extensions import db
from school101.models import OutboxMail
from school101.services.messaging import outbox as mail
from tests.fixtures.smtp import free_port, smtp_settings
from tests.mail.conftest import SMTP_PASSWORD, SMTP_USER

ROOT = Path(__file__).resolve().parents[2]


def _send(to="ada@example.org", subject="Bienvenue"):
    return mail.send(
        to=to, kind="confirm_email", subject=subject, body="Bonjour Ada\n", locale="fr"
    )


def _pending(**kwargs) -> int:
    """Send a mail in the current transaction (not committed) and return its id."""
    row = _send(**kwargs)
    db.session.flush()
    return row.id


def _row(mail_id) -> OutboxMail:
    db.session.expire_all()
    return db.session.get(OutboxMail, mail_id)


def _work(app):
    """A burst RQ worker on the mail queue, in this process (retries with interval 0 included)."""
    queue = mail_queue()
    SimpleWorker([queue], connection=queue.connection).work(burst=True)
    return queue


# ---------------------------------------------------------------- through Redis and the worker


@pytest.mark.redis
def test_mail_goes_out_after_commit_through_the_worker_command(app, app_config, redis_url, smtp):
    app.config.update(smtp_settings(smtp), REDIS_URL=redis_url)
    mail_id = _pending()
    queue = mail_queue()
    assert queue.count == 0 and smtp.handler.messages == []  # nothing before the commit
    row = _row(mail_id)
    assert (row.status, row.transport, row.attempts) == ("pending", "smtp", 0)
    db.session.commit()
    assert queue.job_ids == [f"mail-{mail_id}"] and smtp.handler.messages == []
    env = {
        **os.environ,
        "DATABASE_URL": app_config["DATABASE_URL"],
        "REDIS_URL": redis_url,
        "SECRET_KEY": "test-secret",
        "INSTANCE_PATH": app.instance_path,
        "MAIL_SMTP_HOST": "127.0.0.1",
        "MAIL_SMTP_PORT": str(smtp.port),
    }
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "school101", "worker", "--burst"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    row = _row(mail_id)
    assert (row.status, row.attempts, row.error) == ("sent", 1, "")
    assert row.sent_at is not None and row.last_attempt_at is not None
    [message] = smtp.handler.messages
    assert message["to"] == ["ada@example.org"] and "Subject: Bienvenue" in message["content"]
    assert (
        f".{mail_id}.outbox@101.campus-numerique.example>" in message["content"]
        and "Bonjour Ada" in message["content"]
    )


@pytest.mark.redis
def test_a_rolled_back_mail_is_never_sent(app, redis_url, smtp):
    app.config.update(smtp_settings(smtp), REDIS_URL=redis_url)
    _send()
    db.session.flush()
    db.session.rollback()
    _send(to="second@example.org")  # the next transaction of the same session commits
    db.session.commit()
    queue = _work(app)
    assert [m["to"] for m in smtp.handler.messages] == [["second@example.org"]]
    assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMail)) == 1
    assert queue.count == 0


@pytest.mark.redis
def test_a_mail_inside_a_rolled_back_savepoint_is_not_sent(app, redis_url, smtp):
    app.config.update(smtp_settings(smtp), REDIS_URL=redis_url)
    _send(to="kept@example.org")
    try:
        with db.session.begin_nested():
            _send(to="dropped@example.org")
            raise RuntimeError("the savepoint fails")
    except RuntimeError:
        pass
    db.session.commit()
    _work(app)
    assert [m["to"] for m in smtp.handler.messages] == [["kept@example.org"]]


@pytest.mark.redis
def test_unreachable_server_is_retried_then_marked_failed(app, redis_url, smtp):
    app.config.update(smtp_settings(smtp, MAIL_SMTP_PORT=free_port()), REDIS_URL=redis_url)
    mail_id = _pending()
    db.session.commit()
    _work(app)
    row = _row(mail_id)
    assert (row.status, row.attempts) == ("failed", 3)  # first try + two retries
    assert row.error.startswith("ConnectionRefusedError") and row.sent_at is None


@pytest.mark.redis
def test_temporary_refusal_is_retried_and_then_delivered(app, redis_url, smtp):
    app.config.update(smtp_settings(smtp), REDIS_URL=redis_url)
    smtp.handler.rcpt_replies = ["451 4.3.0 Try again later"]
    mail_id = _pending()
    db.session.commit()
    _work(app)
    row = _row(mail_id)
    assert (row.status, row.attempts) == ("sent", 2)
    assert "451" in row.error  # the last failure stays visible
    assert len(smtp.handler.messages) == 1


@pytest.mark.redis
def test_permanent_refusal_fails_at_once_without_retrying(app, redis_url, smtp):
    app.config.update(smtp_settings(smtp), REDIS_URL=redis_url)
    smtp.handler.rcpt_replies = ["550 5.1.1 No such user", "550 5.1.1 No such user"]
    mail_id = _pending()
    db.session.commit()
    _work(app)
    row = _row(mail_id)
    assert (row.status, row.attempts) == ("failed", 1)
    assert "550" in row.error and smtp.handler.messages == []


@pytest.mark.redis
def test_a_failed_attempt_waits_for_its_backoff(app, redis_url, smtp):
    app.config.update(
        smtp_settings(smtp, MAIL_SMTP_PORT=free_port(), MAIL_RETRY_INTERVALS="60,600"),
        REDIS_URL=redis_url,
    )
    mail_id = _pending()
    db.session.commit()
    before = datetime.now(UTC)
    queue = _work(app)
    row = _row(mail_id)
    assert (row.status, row.attempts) == ("pending", 1)
    registry = queue.scheduled_job_registry
    assert registry.get_job_ids() == [f"mail-{mail_id}"]
    at = registry.get_scheduled_time(f"mail-{mail_id}")
    assert before + timedelta(seconds=55) <= at <= before + timedelta(seconds=70)


@pytest.mark.redis
def test_a_lost_job_is_enqueued_again_once(app, redis_url, smtp):
    from school101.services.messaging.dispatch import requeue_lost

    app.config.update(smtp_settings(smtp), REDIS_URL=redis_url)
    old = OutboxMail(
        to="lost@example.org",
        kind="k",
        subject="s",
        body="b",
        transport="smtp",
        status="pending",
        attempts=0,
        created_at=datetime.now(UTC) - timedelta(hours=1),
    )
    db.session.add(old)
    db.session.flush()
    db.session.info.clear()  # as if the process died before enqueueing
    db.session.commit()
    assert mail_queue().count == 0
    assert requeue_lost() == 1 and requeue_lost() == 0  # the queued job is not doubled
    _work(app)
    assert _row(old.id).status == "sent"


# ---------------------------------------------------------------- without Redis


def test_without_redis_the_mail_is_delivered_right_after_the_commit(app, smtp):
    app.config.update(smtp_settings(smtp), REDIS_URL="")
    mail_id = _pending()
    assert smtp.handler.messages == []
    db.session.commit()
    assert len(smtp.handler.messages) == 1
    row = _row(mail_id)
    assert (row.status, row.attempts) == ("sent", 1)


def test_unreachable_redis_falls_back_to_delivering_after_the_commit(app, smtp):
    app.config.update(smtp_settings(smtp), REDIS_URL=f"redis://127.0.0.1:{free_port()}/0")
    _send()
    db.session.commit()
    assert len(smtp.handler.messages) == 1


def test_without_redis_a_rollback_sends_nothing(app, smtp):
    app.config.update(smtp_settings(smtp), REDIS_URL="")
    _send()
    db.session.flush()
    db.session.rollback()
    db.session.commit()
    assert smtp.handler.messages == []


def test_without_redis_a_failure_is_marked_failed_at_once(app, smtp):
    app.config.update(smtp_settings(smtp, MAIL_SMTP_PORT=free_port()), REDIS_URL="")
    mail_id = _pending()
    db.session.commit()
    row = _row(mail_id)
    assert (row.status, row.attempts) == ("failed", 1) and "ConnectionRefusedError" in row.error


def test_without_redis_an_unreachable_server_is_not_waited_on_for_every_mail(app, smtp):
    app.config.update(smtp_settings(smtp, MAIL_SMTP_PORT=free_port()), REDIS_URL="")
    ids = [_pending(to=f"p{n}@example.org") for n in range(3)]
    db.session.commit()
    rows = [_row(i) for i in ids]
    assert [(r.status, r.attempts) for r in rows] == [("failed", 1), ("failed", 0), ("failed", 0)]
    assert rows[1].error.startswith("NotAttempted:")


def test_without_smtp_the_outbox_is_the_delivery(app):
    row = _send()
    db.session.commit()
    assert (row.transport, row.status, row.attempts) == ("outbox", "sent", 0) and row.sent_at


def test_an_erased_recipient_is_not_sent(app, smtp):
    from school101.services.messaging.delivery import deliver

    app.config.update(smtp_settings(smtp), REDIS_URL="")
    row = OutboxMail(
        to="erased",
        kind="k",
        subject="(erased)",
        body="",
        transport="smtp",
        status="pending",
        attempts=0,
    )  # wiped by an erasure before delivery
    db.session.add(row)
    db.session.commit()
    assert deliver(db.session, row.id, app.config, final=False, timeout=5) == "failed"  # permanent
    assert smtp.handler.messages == [] and "erased" in _row(row.id).error


def test_an_attempt_holds_the_mail_until_it_ends(app, smtp, monkeypatch):
    """While one attempt is sending, a second one (another worker, a duplicate job) does not
    send the mail again; after the first, the mail is sent and a later attempt does nothing."""
    from school101.services.messaging import delivery as mail_delivery

    app.config.update(smtp_settings(smtp))
    row = OutboxMail(
        to="ada@example.org",
        kind="k",
        subject="s",
        body="b",
        transport="smtp",
        status="pending",
        attempts=0,
    )
    db.session.add(row)
    db.session.commit()
    real_send, seen = mail_delivery.smtp_send, []

    def send_while_another_tries(mail, config, *, timeout):
        with db.engine.connect() as conn, mail_delivery.Session(bind=conn) as other:
            seen.append(mail_delivery.deliver(other, row.id, config, final=True, timeout=5))
        real_send(mail, config, timeout=timeout)

    monkeypatch.setattr(mail_delivery, "smtp_send", send_while_another_tries)
    assert mail_delivery.deliver(db.session, row.id, app.config, final=True, timeout=5) == "sent"
    assert seen == ["busy"]
    assert mail_delivery.deliver(db.session, row.id, app.config, final=True, timeout=5) == "sent"
    assert len(smtp.handler.messages) == 1
    row = _row(row.id)
    assert (row.attempts, row.locked_until) == (1, None)


def test_a_lease_left_by_a_dead_worker_expires(app, smtp):
    from school101.services.messaging.delivery import deliver

    app.config.update(smtp_settings(smtp))
    row = OutboxMail(
        to="ada@example.org",
        kind="k",
        subject="s",
        body="b",
        transport="smtp",
        status="pending",
        attempts=1,
        locked_until=datetime.now(UTC) - timedelta(seconds=1),
    )
    db.session.add(row)
    db.session.commit()
    assert deliver(db.session, row.id, app.config, final=True, timeout=5) == "sent"
    assert _row(row.id).attempts == 2


# ---------------------------------------------------------------- STARTTLS, implicit TLS, AUTH


def _tls_settings(server, **extra):
    tls = {
        "MAIL_SMTP_STARTTLS": True,
        "MAIL_SMTP_USER": SMTP_USER,
        "MAIL_SMTP_PASSWORD": SMTP_PASSWORD,
        "MAIL_SMTP_CA_FILE": server.cafile,
    }
    return smtp_settings(server, **{**tls, **extra})


def test_starttls_and_login_deliver(app, tls_smtp):
    app.config.update(_tls_settings(tls_smtp), REDIS_URL="")
    mail_id = _pending()
    db.session.commit()
    assert _row(mail_id).status == "sent", _row(mail_id).error
    [message] = tls_smtp.handler.messages
    assert message["tls"] is True


def test_wrong_password_fails_at_once_and_the_error_keeps_no_secret(app, tls_smtp):
    app.config.update(
        _tls_settings(tls_smtp, MAIL_SMTP_PASSWORD="wrong-" + SMTP_PASSWORD), REDIS_URL=""
    )
    mail_id = _pending()
    db.session.commit()
    row = _row(mail_id)
    assert row.status == "failed" and "SMTPAuthenticationError" in row.error and "535" in row.error
    assert SMTP_PASSWORD not in row.error and tls_smtp.handler.messages == []


def test_credentials_are_never_sent_without_tls(app, tls_smtp):
    app.config.update(_tls_settings(tls_smtp, MAIL_SMTP_STARTTLS=False), REDIS_URL="")
    mail_id = _pending()
    db.session.commit()
    row = _row(mail_id)
    assert row.status == "failed" and "InsecureCredentials" in row.error and row.attempts == 1


def test_an_untrusted_certificate_is_refused(app, tls_smtp):
    app.config.update(_tls_settings(tls_smtp, MAIL_SMTP_CA_FILE=""), REDIS_URL="")
    mail_id = _pending()
    db.session.commit()
    row = _row(mail_id)
    assert row.status == "failed" and "CERTIFICATE_VERIFY_FAILED" in row.error
    assert tls_smtp.handler.messages == []


def test_implicit_tls(app, certificate):
    import ssl

    from aiosmtpd.controller import Controller

    from tests.fixtures.smtp import Recorder

    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    handler = Recorder()
    server = Controller(handler, hostname="127.0.0.1", port=free_port(), ssl_context=context)
    server.start()
    try:
        app.config.update(
            smtp_settings(server, MAIL_SMTP_SSL=True, MAIL_SMTP_CA_FILE=str(cert)), REDIS_URL=""
        )
        _send()
        db.session.commit()
    finally:
        server.stop()
    assert len(handler.messages) == 1 and handler.messages[0]["tls"] is True
