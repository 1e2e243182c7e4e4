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
from school101.web.errors import error_response
from school101.web.limits import login_limit, login_throttle

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
@login_limit()
@blp.arguments(TokenIn)
@blp.response(200, TokenOut)
@blp.alt_response(401, description="Wrong credentials")
@blp.alt_response(422, description="Unknown scope (field `scope`)")
@blp.alt_response(
    429,
    description="Too many attempts: from this address (10 a minute, shared with the login "
    "page), or failed ones on this account (`login_throttled`, header Retry-After)",
)
def token(data):
    """Exchange e-mail and password for a bearer token (scope "api" unless `scope` says "git" or
    "api git"); it expires after API_TOKEN_DAYS days (90 by default) and ends with the next
    password change. Failed attempts count against the account, whichever door (this or the
    login page): after a few, more failures get 429 with Retry-After (1, 2, 4... seconds)."""
    scopes = accounts.parse_scopes(data["scope"])
    throttle = login_throttle()
    wait = throttle.wait_for(data["email"])
    user = None if wait else accounts.authenticate(data["email"], data["password"])
    if user is None:
        db.session.rollback()
        wait = wait or throttle.failed(data["email"])
        if wait:
            response = error_response(
                429,
                "login_throttled",
                _l(
                    "Too many failed attempts for this account: try again in %(n)d seconds.",
                    n=wait,
                ),
                retry_after=wait,
            )
            response.headers["Retry-After"] = str(wait)
            return response
        raise Unauthorized(_l("Wrong e-mail address or password."), code="invalid_credentials")
    throttle.succeeded(data["email"])
    raw = accounts.issue_token(user, data.get("name") or "api", scopes=scopes)
    db.session.commit()
    return {"token": raw}


@blp.get("/tokens")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, TokenInfo(many=True))
def list_tokens():
    """The caller's tokens (never their value); same as GET /api/v1/me/tokens."""
    return [accounts.token_json(t) for t in accounts.tokens_of(g.api_user)]


@blp.delete("/tokens/<int:token_id>")
@blp.doc(security=BEARER)
@token_required()
@blp.response(204)
def revoke(token_id: int):
    """Revoke one of the caller's tokens."""
    accounts.revoke_token(g.api_user, token_id)
    db.session.commit()
