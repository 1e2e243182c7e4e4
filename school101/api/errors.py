"""Every API error is JSON: {"error": {"code", "message", "fields"?}}; pages keep HTML errors.

Messages follow the API's language rule (`api/language.py`): Accept-Language, French by default.
"""

from __future__ import annotations

from flask import Flask, request
from werkzeug.exceptions import HTTPException, InternalServerError

from school101.api.language import MALFORMED_JSON, field_message, http_message
from school101.core.errors import ServiceError
from school101.web.errors import error_response

HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limited",
    500: "internal_error",
}


def _flatten(messages) -> dict:
    """webargs messages ({"json": {"email": ["..."]}}) to {"email": "..."}, translated."""
    fields = {}
    if isinstance(messages, dict):
        for location, value in messages.items():
            inner = value if isinstance(value, dict) else {location: value}
            for name, msgs in inner.items():
                while isinstance(msgs, dict):  # nested: take the first message
                    msgs = next(iter(msgs.values()), ["Invalid value."])
                if not isinstance(msgs, (list, tuple)):
                    msgs = [msgs]
                fields[str(name)] = "; ".join(field_message(m) for m in msgs)
    return fields


def _http_message(exc: HTTPException, status: int):
    """Our own description when the code gave one, else the translated message of the status
    (werkzeug's and Flask-Limiter's descriptions are English)."""
    custom = exc.description is not None and exc.description != type(exc).description
    if custom and status != 429:
        return exc.description
    return http_message(status)


def register_error_handlers(app: Flask) -> None:
    """Install handlers that answer JSON on /api/ and HTML elsewhere."""
    from school101.web.errors import (
        render_error_page,
        service_error_page,
        service_unavailable,
        unavailable_response,
    )

    @app.errorhandler(HTTPException)
    def handle_http(exc: HTTPException):
        if not request.path.startswith("/api/"):
            return render_error_page(exc)
        status = exc.code or 500
        data = getattr(exc, "data", None) or {}
        messages = data.get("messages")
        if status == 422 and messages:
            return error_response(
                422, "validation_error", http_message(422), fields=_flatten(messages)
            )
        if status == 400 and messages:
            return error_response(400, "malformed_json", MALFORMED_JSON)
        message = data.get("message") or _http_message(exc, status)
        code = data.get("code") or HTTP_CODES.get(status, "error")
        return error_response(status, code, message)

    @app.errorhandler(ServiceError)
    def handle_service_error(exc: ServiceError):
        if not request.path.startswith("/api/"):
            return service_error_page(exc)
        return error_response(exc.status, exc.code, exc.message, exc.fields, **exc.extra)

    @app.errorhandler(Exception)
    def handle_unexpected(exc: Exception):
        if isinstance(exc, HTTPException):
            return handle_http(exc)
        if service_unavailable(exc):  # a "try again" answer, never a 500 (docs/reliability.md)
            app.logger.warning("service unavailable on %s: %s", request.path, type(exc).__name__)
            return unavailable_response()
        app.logger.exception("unhandled error on %s", request.path)
        if request.path.startswith("/api/"):
            return error_response(500, "internal_error", http_message(500))
        return render_error_page(InternalServerError())
