"""RGPD rights: export everything about a person; erase an account.

Erasure wipes personal data in place (the row stays so that foreign keys and aggregated
statistics hold) and keeps only what the law allows in the audit trail: the fact that an
account was erased and when, without names or e-mail addresses.
"""

from __future__ import annotations

import json

from flask_babel import lazy_gettext as _l

from school101.core import audit
from school101.core.errors import Forbidden
from school101.extensions import db
from school101.models import (
    ApiToken,
    Application,
    AuditLog,
    GamePlausibility,
    GameSession,
    OutboxMail,
    User,
)
from school101.services.identity.consent import consent_json, consents_of


def iso(value):
    """A date or datetime as ISO 8601 as stored (None stays None): one format for every export section."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def account_section(user: User) -> dict:
    """The account itself (identity)."""
    return {
        "id": user.id,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "birth_date": iso(user.birth_date),
        "locale": user.locale,
        "created_at": iso(user.created_at),
        "email_confirmed_at": iso(user.email_confirmed_at),
        "last_login_at": iso(user.last_login_at),
        "roles": user.roles,
    }


def profile_section(user: User) -> dict | None:
    """What the candidate told about themselves (admissions)."""
    profile = user.profile
    if profile is None:
        return None
    return {
        "city": profile.city,
        "postcode": profile.postcode,
        "situation": profile.situation,
        "heard_from": profile.heard_from,
        "gender": profile.gender,
        "phone": profile.phone,
    }


def consents_section(user: User) -> list[dict]:
    """Each consent with the exact notice text agreed to (None: given before texts were kept)."""
    return [consent_json(c) for c in consents_of(user)]


def api_tokens_section(user: User) -> list[dict]:
    """API tokens (names and dates; the secrets are never kept)."""
    return [
        {"name": t.name, "created_at": iso(t.created_at), "revoked_at": iso(t.revoked_at)}
        for t in db.session.scalars(db.select(ApiToken).where(ApiToken.user_id == user.id))
    ]


def applications_section(user: User) -> list[dict]:
    """Applications to campaigns (admissions)."""
    return [
        {
            "id": a.id,
            "campaign_id": a.campaign_id,
            "status": a.status,
            "motivation": a.motivation,
            "created_at": iso(a.created_at),
            "memory_score": a.memory_score,
            "logic_score": a.logic_score,
        }
        for a in _applications(user)
    ]


def _applications(user: User) -> list[Application]:
    return list(
        db.session.scalars(
            db.select(Application).where(Application.user_id == user.id).order_by(Application.id)
        )
    )


def _timing_flag(session_id: int) -> dict | None:
    report = db.session.scalar(
        db.select(GamePlausibility).where(GamePlausibility.session_id == session_id)
    )
    if report is None:
        return None
    return {
        "flagged": report.flagged,
        "reasons": json.loads(report.reasons or "[]"),
        "review": report.review,
        "review_reason": report.review_reason,
    }


def games_section(user: User) -> list[dict]:
    """Selection game sessions, their levels and their timing flag (games)."""
    application_ids = [a.id for a in _applications(user)]
    if not application_ids:
        return []
    sessions = db.session.scalars(
        db.select(GameSession)
        .where(GameSession.application_id.in_(application_ids))
        .order_by(GameSession.id)
    )
    return [
        {
            "game": s.game,
            "attempt": s.attempt_no,
            "status": s.status,
            "score": s.score,
            "levels_solved": s.levels_solved,
            "started_at": iso(s.started_at),
            "finished_at": iso(s.finished_at),
            "levels": [
                {
                    "level": lv.level,
                    "correct": lv.correct,
                    "time_ms": lv.time_ms,
                    "instructions": lv.instructions,
                }
                for lv in s.levels
            ],
            "timing_flag": _timing_flag(s.id),
        }
        for s in sessions
    ]


def emails_section(user: User) -> list[dict]:
    """E-mails sent to the person (messaging)."""
    return [
        {"kind": m.kind, "subject": m.subject, "created_at": iso(m.created_at)}
        for m in db.session.scalars(
            db.select(OutboxMail).where(OutboxMail.user_id == user.id).order_by(OutboxMail.id)
        )
    ]


def history_section(user: User) -> list[dict]:
    """What happened to the account (audit rows about it: actions and dates only)."""
    return [
        {"at": iso(r.at), "action": r.action}
        for r in db.session.scalars(
            db.select(AuditLog)
            .where(AuditLog.target_type == "users", AuditLog.target_id == user.id)
            .order_by(AuditLog.id)
        )
    ]


def erase_account(user: User, *, actor) -> None:
    """Wipe a person's data (services.retention.wipe_personal_data, the same wipe as the retention
    job) and their git repositories; staff and admin accounts are closed by an admin, not themselves."""
    from school101.services.privacy.retention import _remove_repositories, wipe_personal_data

    if user.is_staff and actor is not None and actor.id == user.id:
        raise Forbidden(_l("Staff accounts are closed by an administrator."))
    user_id = user.id
    by_someone_else = actor is not None and actor.id != user_id
    wipe_personal_data([user_id])
    audit.record(
        "user.erased",
        actor=actor if by_someone_else else None,
        target_type="users",
        target_id=user_id,
    )
    _remove_repositories([user_id])


def directory_section(user: User) -> dict:
    """Student record, graduate profile, organisation and contact requests (directory)."""
    from school101.services.directory.contacts import export_directory_data

    return export_directory_data(user)
