"""Errors raised by services; the web and API layers turn them into messages and status codes."""

from __future__ import annotations


class ServiceError(Exception):
    """A business rule said no. `message` is for the person; `fields` maps field -> message."""

    status = 400
    code = "bad_request"

    def __init__(self, message, fields: dict | None = None, code: str | None = None, **extra):
        super().__init__(str(message))
        self.message = message
        self.fields = fields or {}
        if code:
            self.code = code
        self.extra = extra


class ValidationFailed(ServiceError):
    status = 422
    code = "validation_error"


class Conflict(ServiceError):
    status = 409
    code = "conflict"


class Forbidden(ServiceError):
    status = 403
    code = "forbidden"


class NotFound(ServiceError):
    status = 404
    code = "not_found"


class Unauthorized(ServiceError):
    status = 401
    code = "unauthorized"
