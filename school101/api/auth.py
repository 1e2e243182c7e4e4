"""API: registration and bearer tokens."""

from __future__ import annotations

from flask import g
from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint

from school101.api.auth_helpers import BEARER, token_required
from school101.api.schemas import RegisterIn, RegisterOut, TokenIn, TokenInfo, TokenOut
from school101.core.errors import Unauthorized
from school101.extensions import db, limiter
from school101.services.identity import accounts

blp = Blueprint("api_auth", __name__, url_prefix="/api/v1/auth", description="Accounts and tokens")

LIMIT = "10 per minute;100 per hour"


@blp.post("/register")
@limiter.limit(LIMIT)
@blp.arguments(RegisterIn)
@blp.response(201, RegisterOut)
@blp.alt_response(409, description="E-mail already used")
@blp.alt_response(422, description="Invalid fields (per-field messages)")
def register(data):
    """Create a candidate account (consent must be true); a confirmation e-mail is sent."""
    user = accounts.register(**data)
    db.session.commit()
    return {"id": user.id, "email": user.email}


@blp.post("/token")
@limiter.limit(LIMIT)
@blp.arguments(TokenIn)
@blp.response(200, TokenOut)
@blp.alt_response(401, description="Wrong credentials")
def token(data):
    """Exchange e-mail and password for a bearer token."""
    user = accounts.authenticate(data["email"], data["password"])
    if user is None:
        db.session.rollback()
        raise Unauthorized(_l("Wrong e-mail address or password."), code="invalid_credentials")
    raw = accounts.issue_token(user, data.get("name") or "api")
    db.session.commit()
    return {"token": raw}


@blp.get("/tokens")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, TokenInfo(many=True))
def list_tokens():
    """The caller's tokens (never their value)."""
    return accounts.tokens_of(g.api_user)


@blp.delete("/tokens/<int:token_id>")
@blp.doc(security=BEARER)
@token_required()
@blp.response(204)
def revoke(token_id: int):
    """Revoke one of the caller's tokens."""
    accounts.revoke_token(g.api_user, token_id)
    db.session.commit()
