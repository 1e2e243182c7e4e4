"""Hand SMTP mails to delivery once, and only once, their transaction has committed.

services.mail records a mail in the caller's transaction and calls `deliver_after_commit`.
Session events then follow that transaction: after a flush the mail's id is noted, after the
commit the ids are enqueued on the RQ "mail" queue (the worker delivers, with retries and
backoff), and a rollback forgets them, so a rolled-back mail is never sent. When Redis is not
configured or does not answer, the mails are delivered right away, after the commit, with a
short timeout and no retry; once the server fails to answer, the other mails of the same
commit are marked failed without waiting on it (docs/decisions.md says why).
"""

from __future__ import annotations

from contextlib import nullcontext

from flask import current_app, has_app_context
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from school101.extensions import db

_PENDING = "school101.mail.pending"  # OutboxMail objects, maybe not flushed yet
_IDS = "school101.mail.ids"  # ids of flushed mails to deliver once committed
_APP = "school101.mail.app"
JOB = "school101.jobs.mail.deliver_mail"


def deliver_after_commit(mail) -> None:
    """Deliver `mail` (an OutboxMail of the current session) once its transaction commits."""
    session = db.session()
    session.info.setdefault(_PENDING, []).append(mail)
    session.info[_APP] = current_app._get_current_object()
    if mail.__dict__.get("id") is not None:
        session.info.setdefault(_IDS, []).append(mail.id)
        session.info[_PENDING].remove(mail)


@event.listens_for(Session, "after_flush_postexec")
def _note_ids(session, _flush_context) -> None:
    pending = session.info.get(_PENDING)
    if not pending:
        return
    ids = session.info.setdefault(_IDS, [])
    for mail in list(pending):
        mail_id = mail.__dict__.get("id")
        if mail_id is not None:
            ids.append(mail_id)
            pending.remove(mail)


@event.listens_for(Session, "after_commit")
def _dispatch_committed(session) -> None:
    ids = session.info.pop(_IDS, None)
    app = session.info.pop(_APP, None)
    session.info.pop(_PENDING, None)
    if ids and app is not None:
        dispatch(app, list(dict.fromkeys(ids)))


@event.listens_for(Session, "after_transaction_end")
def _forget_rolled_back(session, transaction) -> None:
    # Runs after after_commit; a root transaction ending any other way is a rollback or a close.
    if transaction.parent is None:
        for key in (_IDS, _APP, _PENDING):
            session.info.pop(key, None)


def dispatch(app, ids: list[int]) -> None:
    """Enqueue delivery jobs for committed mail ids; deliver now those Redis cannot take.
    Never raises (it runs inside a commit that has already succeeded)."""
    with nullcontext() if has_app_context() else app.app_context():
        left = list(ids)
        try:
            if current_app.config.get("REDIS_URL"):
                from school101.core.queues import mail_queue

                queue = mail_queue()
                while left:
                    enqueue(queue, left[0])
                    left.pop(0)
        except Exception as exc:
            current_app.logger.warning(
                "mail queue unavailable (%s): delivering %d mail(s) now",
                type(exc).__name__,
                len(left),
            )
        for position, mail_id in enumerate(left):
            if deliver_now(mail_id) == "gave_up":  # the server is not answering: stop waiting on it
                _give_up(left[position + 1 :])
                break


def enqueue(queue, mail_id: int):
    """Put one delivery job on `queue`, retried with the MAIL_RETRY_INTERVALS backoff."""
    from rq import Retry

    from school101.services.messaging.delivery import lease_seconds

    intervals = retry_intervals(current_app.config.get("MAIL_RETRY_INTERVALS", ""))
    timeout = float(current_app.config.get("MAIL_SMTP_TIMEOUT", 10))
    return queue.enqueue(
        JOB,
        mail_id,
        job_id=f"mail-{mail_id}",
        retry=Retry(max=len(intervals), interval=intervals) if intervals else None,
        job_timeout=int(lease_seconds(timeout)),
        result_ttl=24 * 3600,
        failure_ttl=7 * 24 * 3600,
    )


def retry_intervals(value) -> list[int]:
    """ "60,300,1800" -> [60, 300, 1800]; one retry per interval (0 retries when empty)."""
    if isinstance(value, (list, tuple)):
        return [max(0, int(v)) for v in value]
    return [max(0, int(v)) for v in str(value).replace(" ", "").split(",") if v]


def deliver_now(mail_id: int) -> str:
    """One delivery attempt in a session of its own, with the short MAIL_SMTP_SYNC_TIMEOUT;
    a failure marks the mail failed (an admin can retry it). Returns deliver()'s outcome, or
    "error"; never raises."""
    from school101.services.messaging.delivery import deliver

    config = current_app.config
    try:
        with Session(db.engine) as session:
            return deliver(
                session,
                mail_id,
                config,
                final=True,
                timeout=float(config.get("MAIL_SMTP_SYNC_TIMEOUT", 5)),
            )
    except Exception:  # the request already committed: log, the row stays pending
        current_app.logger.exception("delivering mail %s after commit failed", mail_id)
        return "error"


def _give_up(mail_ids: list[int]) -> None:
    from school101.services.messaging.delivery import give_up_unattempted

    try:
        with Session(db.engine) as session:
            give_up_unattempted(
                session,
                mail_ids,
                "NotAttempted: no mail queue, and the SMTP "
                "server did not take the previous mail of the same change",
            )
    except Exception:  # the request already committed: log, the rows stay pending
        current_app.logger.exception("marking %d mail(s) not attempted failed", len(mail_ids))


def requeue_lost(*, older_than_seconds: int = 600) -> int:
    """Enqueue again the pending SMTP mails that no job will deliver: the process died between
    commit and enqueue, or a worker died during an attempt (its lease has expired). Mails with a
    live job (queued, scheduled for a retry, running) are left alone. Returns how many."""
    from datetime import timedelta

    from rq.exceptions import NoSuchJobError
    from rq.job import Job

    from school101.core.queues import mail_queue
    from school101.models import OutboxMail
    from school101.models._base import utcnow

    now = utcnow()
    ids = db.session.scalars(
        select(OutboxMail.id)
        .where(
            OutboxMail.status == "pending",
            OutboxMail.transport == "smtp",
            OutboxMail.created_at < now - timedelta(seconds=older_than_seconds),
            OutboxMail.locked_until.is_(None) | (OutboxMail.locked_until < now),
        )
        .order_by(OutboxMail.id)
        .limit(500)
    ).all()
    if not ids:
        return 0
    queue = mail_queue()
    count = 0
    for mail_id in ids:
        try:
            status = Job.fetch(f"mail-{mail_id}", connection=queue.connection).get_status()
        except NoSuchJobError:
            status = None
        if status in (None, "finished", "failed", "stopped", "canceled"):
            enqueue(queue, mail_id)
            count += 1
    return count
