"""Bearer-token authentication for API views."""

from __future__ import annotations

from functools import wraps

from flask import g, request
from flask_babel import lazy_gettext as _l

from school101.core.errors import Forbidden, Unauthorized
from school101.extensions import db
from school101.services.identity.accounts import token_for

BEARER = [{"bearerAuth": []}]
STAFF = ("staff", "admin")


def current_api_user():
    """The user of the request's bearer token (a working token with the "api" scope), or None.
    The token's last use is recorded and committed at once, before the view runs."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    row = token_for(token.strip(), "api")
    if row is None:
        return None
    g.api_token_id = row.id  # the exam API tells one token from another (services/exams/presence)
    if db.session.dirty:
        db.session.commit()
    return row.user


def token_required(*roles: str):
    """Require a valid bearer token (401) and, when given, one of `roles` (403)."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            user = current_api_user()
            if user is None:
                raise Unauthorized(_l("A valid bearer token is required."), code="unauthorized")
            if roles and not user.has_role(*roles):
                raise Forbidden(_l("Your role does not allow this."), code="forbidden")
            g.api_user = user
            return view(*args, **kwargs)

        return wrapper

    return decorator
