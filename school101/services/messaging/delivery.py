"""One SMTP delivery attempt of an outbox mail, and what it records on the row.

Used by the RQ job (school101.jobs.mail.deliver_mail) and, when Redis is missing, right after
the commit (services.mail_dispatch). An attempt takes a lease on the row with a conditional
UPDATE (locked_until), so two jobs for the same mail never both send it; the lease of a worker
that died expires. Server answers 5xx (address refused, bad
credentials) and a server that lacks STARTTLS or AUTH are permanent: the mail is marked
failed at once; anything else (unreachable, timeout, 4xx) is retried until the last try.
"""

from __future__ import annotations

import base64
import smtplib
import ssl
from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from sqlalchemy import update
from sqlalchemy.orm import Session

from school101.core import metrics
from school101.models import OutboxMail
from school101.models._base import utcnow

ERROR_MAX = 500


class InsecureCredentials(smtplib.SMTPNotSupportedError):
    """The SMTP password would travel in clear: refused (set MAIL_SMTP_STARTTLS or MAIL_SMTP_SSL)."""


def deliver(session: Session, mail_id: int, config, *, final: bool, timeout: float) -> str:
    """Try to send one pending mail and record the outcome on its row (commits `session`).

    Returns "sent"; after a failure "retry" (a later try will come), "failed" (permanent) or
    "gave_up" (a passing failure on the last try); or, doing nothing, "missing" (the row is
    gone), "busy" (another attempt holds it), or the status of a mail no longer pending.
    `final` says this is the last try.
    """
    mail = session.get(OutboxMail, mail_id)
    if mail is None:
        return "missing"
    if mail.status != "pending":
        return mail.status
    now = utcnow()
    claimed = session.execute(
        update(OutboxMail)
        .where(
            OutboxMail.id == mail_id,
            OutboxMail.status == "pending",
            OutboxMail.locked_until.is_(None) | (OutboxMail.locked_until < now),
        )
        .values(
            attempts=OutboxMail.attempts + 1,
            last_attempt_at=now,
            locked_until=now + timedelta(seconds=lease_seconds(timeout)),
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    session.commit()
    if not claimed:
        return "busy"
    mail = session.get(OutboxMail, mail_id)
    mail.locked_until = None  # released by the commit that records the outcome
    try:
        if "@" not in mail.to:  # wiped by an erasure meanwhile
            raise smtplib.SMTPRecipientsRefused({mail.to: (550, b"no recipient address (erased)")})
        smtp_send(mail, config, timeout=timeout)
    except (OSError, smtplib.SMTPException) as exc:
        mail.error = clean_error(exc, config)
        outcome = "failed" if is_permanent(exc) else "gave_up" if final else "retry"
        if outcome != "retry":
            mail.status = "failed"
        session.commit()
        metrics.mail_delivery_failed(outcome)
        return outcome
    mail.status, mail.sent_at = "sent", utcnow()
    session.commit()
    return "sent"


def lease_seconds(timeout: float) -> float:
    """How long one attempt may hold a mail: well past the SMTP timeouts of an attempt."""
    return timeout * 6 + 30


def smtp_send(mail: OutboxMail, config, *, timeout: float) -> None:
    """Send `mail` over the configured SMTP server (raises OSError or SMTPException)."""
    host, port = config["MAIL_SMTP_HOST"], int(config["MAIL_SMTP_PORT"])
    use_ssl, starttls = bool(config.get("MAIL_SMTP_SSL")), bool(config.get("MAIL_SMTP_STARTTLS"))
    user = config.get("MAIL_SMTP_USER") or ""
    if user and not (use_ssl or starttls):
        raise InsecureCredentials(
            "the SMTP password is only sent over TLS: set MAIL_SMTP_STARTTLS=1 or MAIL_SMTP_SSL=1"
        )
    context = ssl.create_default_context(cafile=config.get("MAIL_SMTP_CA_FILE") or None)
    if use_ssl:
        smtp = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
    with smtp:
        if starttls and not use_ssl:
            smtp.starttls(context=context)
        if user:
            smtp.login(user, config.get("MAIL_SMTP_PASSWORD") or "")
        smtp.send_message(build_message(mail, config["MAIL_FROM"], config.get("SECRET_KEY")))


def build_message(mail: OutboxMail, sender: str, secret_key: str | None = None) -> EmailMessage:
    """The RFC 5322 message of an outbox mail; its Message-ID stays the same on every retry.
    A secret link is signed now, with `secret_key` (links.delivered_body)."""
    from school101.services.messaging.links import delivered_body

    message = EmailMessage()
    message["From"] = sender
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message["Date"] = format_datetime(mail.created_at)
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    message["Message-ID"] = f"<{int(mail.created_at.timestamp())}.{mail.id}.outbox@{domain}>"
    message["Auto-Submitted"] = "auto-generated"
    message["Content-Language"] = mail.locale
    message.set_content(delivered_body(mail, secret_key) if mail.link_ref else mail.body)
    return message


def is_permanent(exc: BaseException) -> bool:
    """True when trying again cannot help: a 5xx answer, or a server without STARTTLS/AUTH."""
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return True
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in exc.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    if isinstance(exc, smtplib.SMTPResponseException):
        return 500 <= exc.smtp_code < 600
    return False


def clean_error(exc: BaseException, config) -> str:
    """`Type: message`, short, with the SMTP user name and password (and their base64) masked."""
    text = f"{type(exc).__name__}: {exc}"
    user, password = config.get("MAIL_SMTP_USER") or "", config.get("MAIL_SMTP_PASSWORD") or ""
    secrets = [password, user]
    for raw in (f"\0{user}\0{password}", user, password):
        if raw.strip("\0"):
            secrets.append(base64.b64encode(raw.encode()).decode())
    for secret in sorted((s for s in secrets if len(s) >= 3), key=len, reverse=True):
        text = text.replace(secret, "***")
    return text[:ERROR_MAX]


def give_up_unattempted(session: Session, mail_ids: list[int], reason: str) -> None:
    """Mark pending mails failed without trying them (an admin can send them again)."""
    if mail_ids:
        session.execute(
            update(OutboxMail)
            .where(
                OutboxMail.id.in_(mail_ids),
                OutboxMail.status == "pending",
                OutboxMail.locked_until.is_(None),
            )
            .values(status="failed", error=reason[:ERROR_MAX])
            .execution_options(synchronize_session=False)
        )
        session.commit()
