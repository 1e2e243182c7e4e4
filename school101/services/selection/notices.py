"""Decision e-mails: editable templates in French and English, previews, sending."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from school101.core import audit
from school101.core.clock import paris_text
from school101.core.errors import NotFound, ValidationFailed
from school101.extensions import db
from school101.models import Decision, MailTemplate, Piscine, User
from school101.models._base import utcnow
from school101.models.selection import DECISIONS
from school101.services.messaging import outbox as mail
from school101.services.selection.decisions import _sandbox, confirm_days_of

DEFAULT_TEMPLATES = {
    ("admit", "fr"): (
        "101 : vous êtes admis·e !",
        (
            "Bonjour {{ first_name }},\n\nBonne nouvelle : après la piscine « {{ piscine }} », "
            "l'équipe a décidé de vous admettre à l'école 101.\n\nConfirmez votre place avant le "
            "{{ deadline }} :\n{{ link }}\n\nVous pouvez y voir les critères utilisés et votre "
            "résultat détaillé.\n\nL'équipe 101, Campus Numérique"
        ),
    ),
    ("admit", "en"): (
        "101: you are admitted!",
        (
            'Hello {{ first_name }},\n\nGood news: after the piscine "{{ piscine }}", the team '
            "decided to admit you to the 101 school.\n\nConfirm your place before {{ deadline }}:\n"
            "{{ link }}\n\nYou can see there the criteria used and your detailed result.\n\n"
            "The 101 team, Campus Numérique"
        ),
    ),
    ("waitlist", "fr"): (
        "101 : vous êtes sur liste d'attente",
        (
            "Bonjour {{ first_name }},\n\nAprès la piscine « {{ piscine }} », vous êtes sur la "
            "liste d'attente de l'école 101. Si une place se libère, nous vous la proposerons "
            "par e-mail.\n\nDétails : {{ link }}\n\nL'équipe 101, Campus Numérique"
        ),
    ),
    ("waitlist", "en"): (
        "101: you are on the waitlist",
        (
            'Hello {{ first_name }},\n\nAfter the piscine "{{ piscine }}", you are on the '
            "waitlist of the 101 school. If a place frees up, we will offer it to you by e-mail."
            "\n\nDetails: {{ link }}\n\nThe 101 team, Campus Numérique"
        ),
    ),
    ("reject", "fr"): (
        "101 : la réponse à votre candidature",
        (
            "Bonjour {{ first_name }},\n\nMerci pour votre engagement pendant la piscine "
            "« {{ piscine }} ». L'équipe n'a pas retenu votre candidature cette fois-ci.\n\n"
            "Vous pouvez consulter les critères et votre résultat : {{ link }}\n\n"
            "L'équipe 101, Campus Numérique"
        ),
    ),
    ("reject", "en"): (
        "101: the answer to your application",
        (
            "Hello {{ first_name }},\n\nThank you for your commitment during the piscine "
            '"{{ piscine }}". The team did not select you this time.\n\nYou can see the criteria '
            "and your result: {{ link }}\n\nThe 101 team, Campus Numérique"
        ),
    ),
}


TEMPLATE_VARIABLES = ("first_name", "last_name", "piscine", "deadline", "link")


def template_for(decision: str, locale: str) -> tuple[str, str]:
    """(subject, body) of a decision e-mail: staff's edited version or the default."""
    row = db.session.scalars(
        db.select(MailTemplate).where(
            MailTemplate.kind == f"decision_{decision}", MailTemplate.locale == locale
        )
    ).first()
    if row is not None:
        return row.subject, row.body
    return DEFAULT_TEMPLATES[(decision, locale)]


def save_template(decision: str, locale: str, subject: str, body: str, *, actor) -> MailTemplate:
    """Edit a decision e-mail template after checking it renders; audited."""
    errors = {}
    if decision not in DECISIONS or locale not in ("fr", "en"):
        raise NotFound(_l("No such template."))
    subject, body = (subject or "").strip(), (body or "").strip()
    if not subject or len(subject) > 200:
        errors["subject"] = _l("A subject is required (200 characters at most).")
    if not body or len(body) > 10000:
        errors["body"] = _l("A body is required (10000 characters at most).")
    if not errors:
        try:
            _render(subject, body, _sample_context())
        except Exception as exc:
            errors["body"] = _l("The template cannot be rendered: %(error)s", error=str(exc)[:200])
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    row = db.session.scalars(
        db.select(MailTemplate).where(
            MailTemplate.kind == f"decision_{decision}", MailTemplate.locale == locale
        )
    ).first()
    before = {"subject": row.subject, "body": row.body} if row else None
    if row is None:
        row = MailTemplate(kind=f"decision_{decision}", locale=locale, subject=subject, body=body)
        db.session.add(row)
    row.subject, row.body, row.updated_by_id = subject, body, actor.id
    db.session.flush()
    audit.record(
        "selection.template_changed",
        actor=actor,
        target=row,
        before=before,
        after={"subject": subject, "body": body},
    )
    return row


def _render(subject: str, body: str, context: dict) -> tuple[str, str]:
    return _sandbox.from_string(subject).render(context), _sandbox.from_string(body).render(context)


def _sample_context() -> dict:
    return {
        "first_name": "Camille",
        "last_name": "Martin",
        "piscine": "Piscine juillet",
        "deadline": "2026-09-01 18:00",
        "link": "https://101.example/me/selection",
    }


def _context(row: Decision, locale: str) -> dict:
    user = db.session.get(User, row.user_id)
    piscine = db.session.get(Piscine, row.piscine_id)
    deadline = paris_text(row.offer_deadline, locale=locale) if row.offer_deadline else ""
    return {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "piscine": piscine.name,
        "deadline": deadline,
        "link": current_app.config["PUBLIC_URL"].rstrip("/") + "/me/selection",
    }


def preview(
    row: Decision, locale: str | None = None, *, shown_as: str | None = None
) -> tuple[str, str]:
    """The decision e-mail exactly as it would be sent; with `shown_as` (blind mode), that code
    stands for the person's names."""
    user = db.session.get(User, row.user_id)
    locale = locale or user.locale or "fr"
    subject, body = template_for(row.decision, locale)
    context = _context(row, locale)
    if shown_as is not None:
        context.update(first_name=shown_as, last_name="")
    return _render(subject, body, context)


def notify(row: Decision, *, now: datetime | None = None):
    """Send the decision e-mail (outbox/SMTP) and record when. For an admission not notified before,
    this starts the confirmation clock: the deadline is `confirm_days` from now, whatever was set
    before (rows decided before this rule carry a deadline from their decision time); sending again
    keeps it."""
    now = now or utcnow()
    if row.decision == "admit" and row.offer_status == "pending" and row.notified_at is None:
        row.offer_deadline = now + timedelta(days=confirm_days_of(row))
    user = db.session.get(User, row.user_id)
    locale = user.locale if user.locale in ("fr", "en") else "fr"
    subject, body = preview(row, locale)
    with force_locale(locale):
        sent = mail.send(
            to=user.email,
            kind=f"decision_{row.decision}",
            subject=subject,
            body=body,
            user=user,
            locale=locale,
        )
    if row.notified_at is None:
        row.notified_at = now
    audit.record(
        "selection.notified",
        target_type="users",
        target_id=user.id,
        after={"decision_id": row.id, "mail_id": sent.id if sent.id else None},
    )
    return sent
