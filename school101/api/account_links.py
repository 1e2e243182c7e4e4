"""API twins of the e-mailed account links: confirming the address, resending the confirmation,
asking for a password reset and choosing the new password. Same services and shared rate
limits as the pages of school101/auth."""

from __future__ import annotations

from flask import g
from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint

from school101.api.auth import LIMIT
from school101.api.auth_helpers import BEARER, token_required
from school101.api.schemas import (
    ConfirmIn,
    ConfirmOut,
    MessageOut,
    PasswordResetConfirmIn,
    PasswordResetIn,
)
from school101.core.errors import Conflict, ValidationFailed
from school101.extensions import db, limiter
from school101.services.identity import accounts
from school101.web.limits import confirm_resend_limit, reset_confirm_limit, reset_request_limit

blp = Blueprint(
    "api_account_links",
    __name__,
    url_prefix="/api/v1/auth",
    description="E-mail confirmation and password reset",
)


@blp.post("/confirm")
@limiter.limit(LIMIT)
@blp.arguments(ConfirmIn)
@blp.response(200, ConfirmOut)
@blp.alt_response(422, description="Invalid or expired token (`invalid_token`, field `token`)")
def confirm(data):
    """Confirm the e-mail address with the token of the confirmation e-mail (no login needed)."""
    user = accounts.confirm_email(data["token"])
    if user is None:
        message = _l("This confirmation link is invalid or has expired.")
        raise ValidationFailed(message, fields={"token": message}, code="invalid_token")
    db.session.commit()
    return {"id": user.id, "email": user.email, "email_confirmed": True}


@blp.post("/confirm/resend")
@blp.doc(security=BEARER)
@confirm_resend_limit()
@token_required()
@blp.response(202, MessageOut)
@blp.alt_response(401, description="No or bad token")
@blp.alt_response(409, description="Already confirmed (`already_confirmed`)")
@blp.alt_response(
    429, description="Too many requests (3 a minute, 10 an hour, shared with the page)"
)
def resend():
    """Send the confirmation e-mail again to the caller's address."""
    if g.api_user.email_confirmed_at is not None:
        raise Conflict(_l("Your e-mail address is already confirmed."), code="already_confirmed")
    accounts.send_confirmation(g.api_user)
    db.session.commit()
    return {"message": str(_l("We sent the confirmation e-mail again."))}


@blp.post("/password-reset")
@reset_request_limit()
@blp.arguments(PasswordResetIn)
@blp.response(202, MessageOut)
@blp.alt_response(422, description="Malformed e-mail address (field `email`)")
@blp.alt_response(
    429, description="Too many requests (5 a minute, 20 an hour, shared with the page)"
)
def password_reset(data):
    """Ask for a reset link by e-mail. The answer is the same whether an account uses the
    address or not (no account enumeration)."""
    accounts.request_password_reset(data["email"])
    db.session.commit()
    return {
        "message": str(
            _l("If an account uses this address, we sent it a link to choose a new password.")
        )
    }


@blp.post("/password-reset/confirm")
@reset_confirm_limit()
@blp.arguments(PasswordResetConfirmIn)
@blp.response(200, MessageOut)
@blp.alt_response(
    422,
    description="Invalid or expired token (`invalid_token`, field `token`), "
    "or too weak a password (field `password`)",
)
@blp.alt_response(429, description="Too many requests (10 a minute, shared with the page)")
def password_reset_confirm(data):
    """Choose a new password with the token of the reset e-mail; the link then stops working
    and the account's other web sessions end."""
    accounts.reset_password(data["token"], data["password"])
    db.session.commit()
    return {"message": str(_l("Your password has been changed. You can log in."))}
