"""Outgoing e-mail: always recorded in the outbox table; delivered over SMTP when configured.

Mails are rendered in the recipient's language from templates/mail/<kind>.txt, whose first
line is the subject. Without MAIL_SMTP_HOST the outbox is the delivery (staff read it in the
app) and a mail is `sent` as soon as it is recorded. With it, a mail is `pending` and is
delivered after the caller's transaction commits, by the worker (services.mail_dispatch,
services.mail_delivery); a rolled-back transaction sends nothing.

Secret links (password reset, e-mail confirmation, employer invitation) are never stored: the
body keeps LINK_MARK where the link goes and `link_ref` keeps what signs it (the URL with
TOKEN_SLOT, the salt and the payload); delivery signs it then (`delivered_body`), so staff
pages and the API, which show `staff_outbox.shown_body`, never hold a working link, and an
admin's resend still sends one.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict
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
from school101.services.messaging.links import LINK_MARK, SecretLink, delivered_body

log = logging.getLogger("school101.mail")


def smtp_configured() -> bool:
    """True when mails go out over SMTP (MAIL_SMTP_HOST is set)."""
    return bool(current_app.config.get("MAIL_SMTP_HOST"))


def send_template(
    kind: str,
    to: str,
    *,
    user=None,
    locale: str | None = None,
    secret_link: SecretLink | None = None,
    **context,
) -> OutboxMail:
    """Render templates/mail/<kind>.txt in the recipient's language and send it; a
    `secret_link` is the template's `link`, stored as LINK_MARK and signed at delivery."""
    locale = locale or getattr(user, "locale", None) or "fr"
    if secret_link is not None:
        context["link"] = LINK_MARK
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
        secret_link=secret_link,
    )


def send(
    *,
    to: str,
    kind: str,
    subject: str,
    body: str,
    user=None,
    locale: str = "fr",
    secret_link: SecretLink | None = None,
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
        link_ref=json.dumps(asdict(secret_link)) if secret_link is not None else None,
    )
    db.session.add(mail)
    if smtp_configured():
        mail.transport, mail.status = "smtp", "pending"
        deliver_after_commit(mail)
    else:
        mail.transport, mail.status, mail.sent_at = "outbox", "sent", utcnow()
        if mail.link_ref and current_app.debug:
            # Development without SMTP: the working link goes to the console, never to a page.
            log.warning("mail %s to %s: %s", kind, to, delivered_body(mail))
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
