"""API: the caller's own account, profile, data export and erasure."""

from __future__ import annotations

from flask import g
from flask_smorest import Blueprint

from school101.api.auth_helpers import BEARER, token_required
from school101.api.schemas import ExportOut, MeOut, ProfileIn
from school101.extensions import db
from school101.services.admissions import applications
from school101.services.privacy import rights as privacy

blp = Blueprint("api_me", __name__, url_prefix="/api/v1/me", description="The caller's account")


def me_json(user) -> dict:
    """The caller as /api/v1/me shows them."""
    return {
        "id": user.id,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "roles": user.roles,
        "locale": user.locale,
        "birth_date": user.birth_date.isoformat() if user.birth_date else None,
        "email_confirmed": user.email_confirmed_at is not None,
        "application": applications.application_to_json(applications.application_of(user)),
    }


@blp.get("")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, MeOut)
@blp.alt_response(401, description="No or bad token")
def me():
    """Who am I: account, roles and current application."""
    return me_json(g.api_user)


@blp.put("/profile")
@blp.doc(security=BEARER)
@token_required()
@blp.arguments(ProfileIn)
@blp.response(200, MeOut)
def put_profile(data):
    """Fill or change the profile (names, birth date, city, postcode, situation, ...)."""
    applications.update_profile(g.api_user, data)
    db.session.commit()
    return me_json(g.api_user)


@blp.get("/export")
@blp.doc(security=BEARER)
@token_required()
@blp.alt_response(200, schema=ExportOut, success=True, description="Every key the platform holds")
def export():
    """Everything the platform holds about the caller, as JSON (RGPD right of access).
    Documented, not filtered, by ExportOut: nothing held is ever left out of the answer."""
    return privacy.export_user_data(g.api_user)


@blp.delete("")
@blp.doc(security=BEARER)
@token_required()
@blp.response(204)
def erase():
    """Erase the caller's account (RGPD right to erasure)."""
    privacy.erase_account(g.api_user, actor=g.api_user)
    db.session.commit()
