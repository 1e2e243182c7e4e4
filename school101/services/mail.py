"""Outgoing e-mail: always recorded in the outbox table; sent over SMTP when configured.

Mails are rendered in the recipient's language from templates/mail/<kind>.txt, whose first
line is the subject. Without MAIL_SMTP_HOST the outbox is the delivery (staff read it in the app).
"""
from __future__ import annotations

import smtplib
from email.message import EmailMessage

from flask import current_app, render_template
from flask_babel import force_locale

from ..extensions import db
from ..models import OutboxMail
from ..models._base import utcnow


def send_template(kind: str, to: str, *, user=None, locale: str | None = None, **context) -> OutboxMail:
    """Render templates/mail/<kind>.txt in the recipient's language and send it."""
    locale = locale or getattr(user, "locale", None) or "fr"
    with force_locale(locale):
        text = render_template(f"mail/{kind}.txt", user=user, **context)
    subject, _, body = text.strip().partition("\n")
    return send(to=to, kind=kind, subject=subject.strip(), body=body.strip() + "\n", user=user, locale=locale)


def send(*, to: str, kind: str, subject: str, body: str, user=None, locale: str = "fr") -> OutboxMail:
    """Record a mail in the outbox (caller's transaction) and deliver it when SMTP is set up."""
    mail = OutboxMail(to=to, kind=kind, subject=subject, body=body, locale=locale,
                      user_id=getattr(user, "id", None))
    db.session.add(mail)
    host = current_app.config.get("MAIL_SMTP_HOST")
    if host:
        mail.transport = "smtp"
        try:
            _deliver_smtp(mail)
            mail.sent_at = utcnow()
        except (OSError, smtplib.SMTPException) as exc:
            mail.error = f"{type(exc).__name__}: {exc}"[:500]
            current_app.logger.warning("SMTP delivery failed for mail kind=%s: %s", kind, exc)
    else:
        mail.sent_at = utcnow()
    return mail


def _deliver_smtp(mail: OutboxMail) -> None:
    cfg = current_app.config
    message = EmailMessage()
    message["From"] = cfg["MAIL_FROM"]
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message.set_content(mail.body)
    with smtplib.SMTP(cfg["MAIL_SMTP_HOST"], cfg["MAIL_SMTP_PORT"], timeout=10) as smtp:
        if cfg.get("MAIL_SMTP_STARTTLS"):
            smtp.starttls()
        if cfg.get("MAIL_SMTP_USER"):
            smtp.login(cfg["MAIL_SMTP_USER"], cfg["MAIL_SMTP_PASSWORD"])
        smtp.send_message(message)
