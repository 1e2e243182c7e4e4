"""API: the caller's own tokens (listing, creation with a name and scopes, revocation)."""

from __future__ import annotations

from flask import g
from flask_smorest import Blueprint

from school101.api.auth_helpers import BEARER, token_required
from school101.api.schemas import TokenCreatedOut, TokenCreateIn, TokenInfo
from school101.extensions import db
from school101.services.identity import accounts

blp = Blueprint(
    "api_tokens", __name__, url_prefix="/api/v1/me/tokens", description="The caller's tokens"
)


@blp.get("")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, TokenInfo(many=True))
@blp.alt_response(401, description="No or bad token")
def list_tokens():
    """The caller's tokens, newest first, with their scopes, state, expiry and last use (never
    their value)."""
    return [accounts.token_json(t) for t in accounts.tokens_of(g.api_user)]


@blp.post("")
@blp.doc(security=BEARER)
@token_required()
@blp.arguments(TokenCreateIn)
@blp.response(201, TokenCreatedOut)
@blp.alt_response(422, description="Bad name or scope (fields `name`, `scope`)")
def create_token(data):
    """Create a token with a name and a scope ("api", "git" or "api git"); its value is in the
    answer, this once. It expires after API_TOKEN_DAYS days (90 by default) and ends with the
    next password change, role change or erasure. For git, create a "git" token."""
    raw, row = accounts.create_token(g.api_user, name=data["name"], scopes=data["scope"])
    db.session.commit()
    return {**accounts.token_json(row), "token": raw}


@blp.delete("/<int:token_id>")
@blp.doc(security=BEARER)
@token_required()
@blp.response(204)
@blp.alt_response(404, description="No such token of the caller")
def revoke_token(token_id: int):
    """Revoke one of the caller's tokens (it stops working at once, for the API and git)."""
    accounts.revoke_token(g.api_user, token_id)
    db.session.commit()
