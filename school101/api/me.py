"""API: the caller's own account, profile, data export and erasure."""

from __future__ import annotations

from flask import g, jsonify, request, send_file
from flask_babel import gettext as _
from flask_smorest import Blueprint

from school101.api.auth_helpers import BEARER, token_required
from school101.api.schemas import ExportOut, MeOut, ProfileIn
from school101.core.errors import ValidationFailed
from school101.extensions import db
from school101.services.admissions import applications
from school101.services.privacy import export as privacy_export
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
@blp.doc(
    security=BEARER,
    parameters=[
        {
            "in": "query",
            "name": "format",
            "schema": {"type": "string", "enum": ["json", "zip"], "default": "json"},
            "description": "json: the data (data.json); zip: data.json and every file the "
            "caller turned in, under submissions/<exercise>/<submission id>/",
        }
    ],
)
@token_required()
@blp.alt_response(200, schema=ExportOut, success=True, description="Every key the platform holds")
@blp.alt_response(422, description="`format` is neither json nor zip")
def export():
    """Everything the platform holds about the caller (RGPD right of access): JSON, one key
    per section; `?format=zip` adds the files turned in. Documented, not filtered, by
    ExportOut: nothing held is ever left out of the answer."""
    wanted = request.args.get("format", "json")
    if wanted not in ("json", "zip"):
        message = _("Choose the format json or zip.")
        raise ValidationFailed(message, fields={"format": message}, code="bad_format")
    if wanted == "zip":
        response = send_file(
            privacy_export.zip_file(g.api_user),
            mimetype="application/zip",
            as_attachment=True,
            download_name="my-101-data.zip",
        )
    else:
        response = jsonify(privacy_export.export_user_data(g.api_user))
    response.headers["Cache-Control"] = "no-store"
    return response


@blp.delete("")
@blp.doc(security=BEARER)
@token_required()
@blp.response(204)
def erase():
    """Erase the caller's account (RGPD right to erasure)."""
    privacy.erase_account(g.api_user, actor=g.api_user)
    db.session.commit()
