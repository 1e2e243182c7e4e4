"""Error pages: the one place a page answers an HTTP error or a service's refusal."""

from __future__ import annotations

import contextlib

from flask import flash, g, jsonify, make_response, render_template, request
from flask_babel import gettext
from werkzeug.exceptions import HTTPException

from school101.core.errors import ServiceError
from school101.extensions import db, login_manager


def wants_json() -> bool:
    """True for API paths, which always answer JSON."""
    return request.path.startswith("/api/")


def render_error_page(exc: HTTPException):
    """An HTML error page in the page's language."""
    status = exc.code or 500
    return render_template("error.html", status=status), status


#: seconds a client is told to wait when the database does not answer (Retry-After)
RETRY_AFTER_SECONDS = 30


def service_unavailable(exc: BaseException) -> bool:
    """True when `exc` says the database or Redis (queues, rate-limit counters) cannot be
    reached now (down, restarting, connection cut, pool exhausted), not that a statement or a
    command was wrong."""
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError
    from sqlalchemy import exc as sa

    if isinstance(exc, sa.DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(
        exc,
        (
            sa.OperationalError,
            sa.InterfaceError,
            sa.TimeoutError,
            RedisConnectionError,
            RedisTimeoutError,
        ),
    )


def unavailable_response():
    """503 with Retry-After while the database (or Redis) is down: a short "try again" page
    (built without the database: no user, no menu) or, under /api/, the house JSON error."""
    with contextlib.suppress(Exception):  # the connection is gone; teardown discards the session
        db.session.rollback()
    g._login_user = login_manager.anonymous_user()  # never load the user from the database
    message = gettext(
        "The service is briefly unavailable. Nothing was lost: please try again in a minute."
    )
    if wants_json():
        response = error_response(503, "service_unavailable", message)
    else:
        response = make_response(render_template("unavailable.html", message=message), 503)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def service_error_page(exc: ServiceError):
    """A service's refusal on a page: the request's transaction is rolled back and the error
    page shows the service's message with its status (403, 404, 409, 422...)."""
    db.session.rollback()
    return render_template("error.html", status=exc.status, message=exc.message), exc.status


def flash_service_error(
    exc: ServiceError, *, details: bool = False, rollback: bool = False
) -> None:
    """A service's refusal as a flash message on the next page; `details` appends the
    per-field messages, `rollback` undoes what the request wrote so far."""
    if rollback:
        db.session.rollback()
    message = str(exc.message)
    if details:
        message = f"{message} {' '.join(str(v) for v in exc.fields.values())}".strip()
    flash(message, "error")


def error_response(status: int, code: str, message, fields: dict | None = None, **extra):
    """A JSON error response with the house shape {"error": {"code", "message", "fields"?}}
    (the API and the pages' JSON endpoints)."""
    body = {"code": code, "message": str(message)}
    if fields:
        body["fields"] = {k: str(v) for k, v in fields.items()}
    body.update({k: v for k, v in extra.items() if v is not None})
    response = jsonify({"error": body})
    response.status_code = status
    return response
