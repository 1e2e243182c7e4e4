"""Every web request gets a request id (X-Request-ID, see core/request_ids.py): taken from the
proxy's header when plausible, else new; returned in the response header, put on the log
lines of the request and on the RQ jobs it enqueues."""

from __future__ import annotations

from contextlib import suppress

from flask import Flask, g, request

from school101.core.request_ids import (
    HEADER,
    accepted_or_new,
    reset_request_id,
    set_request_id,
)


def init_request_ids(app: Flask) -> None:
    """Install the hooks (first, so every later hook and log line sees the id)."""
    app.before_request_funcs.setdefault(None, []).insert(0, _begin)
    app.after_request(_answer)
    app.teardown_request(_end)


def _begin() -> None:
    g.request_id = accepted_or_new(request.headers.get(HEADER))
    g.request_id_token = set_request_id(g.request_id)


def _answer(response):
    request_id = g.get("request_id")
    if request_id:
        response.headers[HEADER] = request_id
    return response


def _end(_exc=None) -> None:
    token = g.pop("request_id_token", None)
    if token is not None:
        # ValueError: set in another context (a copied one): nothing to undo here.
        with suppress(ValueError):
            reset_request_id(token)
