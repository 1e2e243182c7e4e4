"""Showing a service error on a web form (one helper for every blueprint)."""

from __future__ import annotations

from flask import flash

from school101.core.errors import ServiceError


def show_service_error(form, exc: ServiceError, *, always_flash: bool = False) -> int:
    """Put the error's per-field messages under the form's fields; flash its general message
    when no field shows anything (or always, with `always_flash`). Returns the HTTP status
    to answer with (422, 409...)."""
    shown = False
    for name, message in exc.fields.items():
        if name in form:
            form[name].errors = list(form[name].errors or []) + [str(message)]
            shown = True
    if always_flash or not shown:
        flash(str(exc.message), "error")
    return exc.status
