"""Error pages: the one place a page answers an HTTP error or a service's refusal."""

from __future__ import annotations

from flask import flash, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from school101.core.errors import ServiceError
from school101.extensions import db


def wants_json() -> bool:
    """True for API paths, which always answer JSON."""
    return request.path.startswith("/api/")


def render_error_page(exc: HTTPException):
    """An HTML error page in the page's language."""
    status = exc.code or 500
    return render_template("error.html", status=status), status


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
