"""The SMTP server down for ten minutes while mails keep being sent. Each delivery attempt is a
real connection refused by the closed port; the ten minutes are travelled through RQ's schedule
of retries (the jobs due at a later time are run now) instead of waited. The server comes back
and every mail is delivered exactly once (counted at the sink); the lost-mail duty never
enqueues a second job for a mail whose retry is scheduled."""

from __future__ import annotations

import email
import time

import pytest
from aiosmtpd.controller import Controller
from rq import SimpleWorker

from school101.core.queues import mail_queue
from school101.extensions import db
from school101.models import OutboxMail
from school101.services.messaging import dispatch
from school101.services.messaging import outbox as mail
from tests.fixtures.smtp import Recorder, free_port, smtp_settings
from tests.reliability.conftest import figure

pytestmark = pytest.mark.redis
OUTAGE = 600  # seconds the server stays down
MAILS = 5


@pytest.fixture
def app_config(app_config, redis_url):
    return {**app_config, "REDIS_URL": redis_url}


class Sink:
    """An SMTP sink on a fixed port that can be down (port closed) and up again."""

    def __init__(self) -> None:
        self.port, self.handler, self.controller = free_port(), Recorder(), None

    def up(self) -> None:
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def down(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def sink():
    sink = Sink()
    yield sink
    sink.down()


def _run_due(queue, at: float) -> int:
    """Time travel: enqueue the retries RQ scheduled up to `at` (what its scheduler does when
    that time comes), then let a worker run them. Returns how many ran."""
    registry = queue.scheduled_job_registry
    due = registry.get_jobs_to_schedule(int(at))
    for job_id in due:
        job = queue.fetch_job(job_id)
        registry.remove(job)
        queue.enqueue_job(job)
    SimpleWorker([queue], connection=queue.connection).work(burst=True)
    return len(due)


def _statuses(ids) -> list[tuple[str, int]]:
    db.session.expire_all()
    return [(m.status, m.attempts) for m in (db.session.get(OutboxMail, i) for i in ids)]


def test_smtp_down_ten_minutes_delivers_every_mail_once(app, sink):
    app.config.update(smtp_settings(sink), MAIL_RETRY_INTERVALS="60,300,1800,7200")
    started = time.time()  # t = 0 of the simulated clock; the server is down
    ids = []
    for n in range(MAILS):
        row = mail.send(to=f"c{n}@example.org", kind="confirm_email", subject="Bienvenue", body="…")
        db.session.commit()  # each mail committed on its own, as requests do
        ids.append(row.id)
    queue = mail_queue()
    SimpleWorker([queue], connection=queue.connection).work(burst=True)  # first attempts refused
    assert _statuses(ids) == [("pending", 1)] * MAILS
    attempts_down = MAILS
    for offset in (60, 60 + 300):  # the retries that fall inside the outage, refused too
        assert dispatch.requeue_lost(older_than_seconds=0) == 0  # their retry is scheduled
        attempts_down += _run_due(queue, started + offset + 1)
    assert _statuses(ids) == [("pending", 3)] * MAILS and sink.handler.messages == []
    sink.up()  # t = OUTAGE: the server is back
    back = time.monotonic()
    assert dispatch.requeue_lost(older_than_seconds=0) == 0
    assert _run_due(queue, started + OUTAGE + 1) == 0  # nothing due before t = 2160
    assert _run_due(queue, started + 60 + 300 + 1800 + 1) == MAILS
    assert _statuses(ids) == [("sent", 4)] * MAILS
    SimpleWorker([queue], connection=queue.connection).work(burst=True)
    assert dispatch.requeue_lost(older_than_seconds=0) == 0  # sent: nothing to enqueue again
    recipients = sorted(m["to"][0] for m in sink.handler.messages)
    assert recipients == sorted(f"c{n}@example.org" for n in range(MAILS))  # once each
    message_ids = {
        email.message_from_string(m["content"])["Message-ID"] for m in sink.handler.messages
    }
    assert len(message_ids) == MAILS
    figure(
        "smtp down ten minutes",
        mails=MAILS,
        refused_attempts=attempts_down,
        delivered=len(sink.handler.messages),
        delivered_at_simulated_s=60 + 300 + 1800,
        delivery_seconds_after_the_jump=round(time.monotonic() - back, 2),
    )
