"""Outgoing e-mail: always recorded in the outbox table; delivered over SMTP when configured.

Mails are rendered in the recipient's language from templates/mail/<kind>.txt, whose first
line is the subject. Without MAIL_SMTP_HOST the outbox is the delivery (staff read it in the
app) and a mail is `sent` as soon as it is recorded. With it, a mail is `pending` and is
delivered after the caller's transaction commits, by the worker (services.mail_dispatch,
services.mail_delivery); a rolled-back transaction sends nothing.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import update

from school101.core import audit
from school101.core.errors import Conflict
from school101.extensions import db
from school101.models import OutboxMail
from school101.models._base import utcnow
from school101.services.messaging.dispatch import deliver_after_commit


def smtp_configured() -> bool:
    """True when mails go out over SMTP (MAIL_SMTP_HOST is set)."""
    return bool(current_app.config.get("MAIL_SMTP_HOST"))


def send_template(
    kind: str, to: str, *, user=None, locale: str | None = None, **context
) -> OutboxMail:
    """Render templates/mail/<kind>.txt in the recipient's language and send it."""
    locale = locale or getattr(user, "locale", None) or "fr"
    with force_locale(locale):
        text = render_template(f"mail/{kind}.txt", user=user, **context)
    subject, _, body = text.strip().partition("\n")
    return send(
        to=to,
        kind=kind,
        subject=subject.strip(),
        body=body.strip() + "\n",
        user=user,
        locale=locale,
    )


def send(
    *, to: str, kind: str, subject: str, body: str, user=None, locale: str = "fr"
) -> OutboxMail:
    """Record a mail in the outbox (caller's transaction); over SMTP it is delivered once that
    transaction commits, never if it rolls back."""
    mail = OutboxMail(
        to=to,
        kind=kind,
        subject=subject,
        body=body,
        locale=locale,
        user_id=getattr(user, "id", None),
        attempts=0,
    )
    db.session.add(mail)
    if smtp_configured():
        mail.transport, mail.status = "smtp", "pending"
        deliver_after_commit(mail)
    else:
        mail.transport, mail.status, mail.sent_at = "outbox", "sent", utcnow()
    return mail


def retry_delivery(mail_id: Any, *, actor) -> OutboxMail:
    """An admin sends a failed mail again (audited): it becomes pending and is delivered after
    the caller commits. Race-free: of two retries at once, the second gets a Conflict."""
    from school101.core.permissions import ensure_admin
    from school101.services.messaging.staff_outbox import outbox_mail

    ensure_admin(actor)
    mail = outbox_mail(mail_id, actor=actor)
    if not smtp_configured():
        raise Conflict(
            _l("No SMTP server is configured: the outbox is the delivery."), code="no_smtp"
        )
    if "@" not in mail.to:
        raise Conflict(
            _l("This mail has no recipient address any more (the account was erased)."),
            code="no_recipient",
        )
    before = {"status": mail.status, "attempts": mail.attempts}
    changed = db.session.execute(
        update(OutboxMail)
        .where(OutboxMail.id == mail.id, OutboxMail.status == "failed")
        .values(status="pending", transport="smtp")
        .execution_options(synchronize_session=False)
    ).rowcount
    if not changed:
        raise Conflict(
            _l("Only a mail whose delivery failed can be sent again."), code="not_failed"
        )
    db.session.refresh(mail)
    audit.record(
        "mail.retried", actor=actor, target=mail, before=before, after={"status": "pending"}
    )
    deliver_after_commit(mail)
    return mail
