"""RQ job entry point for mail delivery (thin: app context, one attempt, let RQ retry)."""

from __future__ import annotations

import logging

from school101.extensions import db
from school101.jobs.context import job_app

log = logging.getLogger(__name__)


class MailNotDelivered(RuntimeError):
    """A delivery attempt failed and another will come: RQ retries the job after its backoff."""


def deliver_mail(mail_id: int) -> str:
    """Try to deliver one outbox mail; raise MailNotDelivered when RQ should try again."""
    from rq import get_current_job

    from school101.services.messaging.delivery import deliver

    app = job_app()
    with app.app_context():
        job = get_current_job()
        final = job is None or not job.retries_left
        outcome = deliver(
            db.session,
            mail_id,
            app.config,
            final=final,
            timeout=float(app.config.get("MAIL_SMTP_TIMEOUT", 10)),
        )
        log.info("mail delivery attempt", extra={"mail_id": mail_id, "outcome": outcome})
        if outcome == "retry":  # the row keeps the error; the log gets no address
            raise MailNotDelivered(f"mail {mail_id} not delivered yet; RQ will try again")
        return outcome
