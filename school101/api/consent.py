"""API twin of the consent page: the caller's consent to the data-processing notice and their
retention choice (3 months, or 2 years for later campaigns)."""

from __future__ import annotations

from flask import g, url_for
from flask_smorest import Blueprint

from school101.api.auth_helpers import BEARER, token_required
from school101.api.schemas import ConsentIn, ConsentOut
from school101.extensions import db
from school101.services.identity import consent as consent_service
from school101.services.privacy import consents as optional_consents

blp = Blueprint(
    "api_consent", __name__, url_prefix="/api/v1/me", description="The caller's consent"
)


def consent_json(user) -> dict:
    """The notice in force, whether the caller still has to agree to it, and their consent."""
    current = consent_service.current_consent(user)
    return {
        "version": consent_service.CONSENT_VERSION,
        "needs_consent": consent_service.needs_consent(user),
        "notice_url": url_for("candidate.privacy", _external=True),
        "retention_months": consent_service.RETENTION_MONTHS_DEFAULT,
        "keep_two_years_years": consent_service.RETENTION_YEARS_KEEP,
        "current": None
        if current is None
        else {
            "text_version": current.text_version,
            "locale": current.locale,
            "keep_two_years": current.keep_two_years,
            "given_at": current.given_at,
        },
        "optional": [
            {
                **choice,
                "label": str(choice["label"]),
                "effect": str(choice["effect"]),
                "withdraw_url": url_for(
                    "api_consent.withdraw_optional", name=choice["name"], _external=True
                ),
            }
            for choice in optional_consents.optional_consents(user)
        ],
    }


@blp.get("/consent")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, ConsentOut)
@blp.alt_response(401, description="No or bad token")
def get_consent():
    """The caller's consent: notice version, whether it must be (re)given, retention choice."""
    return consent_json(g.api_user)


@blp.put("/consent")
@blp.doc(security=BEARER)
@token_required()
@blp.arguments(ConsentIn)
@blp.response(200, ConsentOut)
@blp.alt_response(401, description="No or bad token")
@blp.alt_response(422, description="`consent` not true, or a field is not a JSON boolean")
def put_consent(data):
    """Agree to the current notice and set the retention choice; each call records a consent
    with the notice version (as the consent page does)."""
    consent_service.agree(
        g.api_user,
        consent=data["consent"],
        keep_two_years=data["keep_two_years"],
        locale=g.api_user.locale,
    )
    db.session.commit()
    return consent_json(g.api_user)


@blp.delete("/consent/<name>")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, ConsentOut)
@blp.alt_response(401, description="No or bad token")
@blp.alt_response(404, description="No optional consent of that name")
@blp.alt_response(409, description="That choice is not given (`not_given`): nothing changed")
def withdraw_optional(name):
    """Withdraw one optional consent (`keep_two_years` or `directory`) without erasing the
    account; audited. The answer shows the new state and, in `effect`, what it changed."""
    optional_consents.withdraw(g.api_user, name)
    db.session.commit()
    return consent_json(g.api_user)
