"""The data-processing notice candidates agree to, versioned; each consent records its version."""
from __future__ import annotations

from flask import request
from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..models import Consent
from . import audit
from .errors import ValidationFailed

CONSENT_VERSION = "2026-05-v1"
RETENTION_MONTHS_DEFAULT = 3
RETENTION_YEARS_KEEP = 2


def current_consent(user) -> Consent | None:
    """The user's latest consent that has not been withdrawn."""
    return db.session.scalars(
        db.select(Consent)
        .where(Consent.user_id == user.id, Consent.withdrawn_at.is_(None))
        .order_by(Consent.id.desc())
    ).first()


def give_consent(user, *, keep_two_years: bool, locale: str = "fr") -> Consent:
    """Record consent to the current notice version (the caller commits)."""
    ip = ""
    try:
        ip = request.remote_addr or ""
    except RuntimeError:
        pass
    consent = Consent(user_id=user.id, text_version=CONSENT_VERSION, locale=locale,
                      keep_two_years=bool(keep_two_years), ip=ip)
    db.session.add(consent)
    audit.record("consent.given", actor=user, target=user,
                 after={"version": CONSENT_VERSION, "keep_two_years": bool(keep_two_years)})
    return consent


def needs_consent(user) -> bool:
    """True when the user has no consent to the current version."""
    consent = current_consent(user)
    return consent is None or consent.text_version != CONSENT_VERSION


def agree(user, *, consent, keep_two_years: bool, locale: str = "fr") -> Consent:
    """Record the person's agreement to the current notice with their retention choice (the
    consent page and PUT /api/v1/me/consent); anything but an explicit yes is refused."""
    if consent is not True:
        message = _l("You must agree to the processing of your data to apply.")
        raise ValidationFailed(message, fields={"consent": message}, code="consent_required")
    return give_consent(user, keep_two_years=keep_two_years, locale=locale)
