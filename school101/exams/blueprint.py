"""The `exams` blueprint object and what its route modules share: candidate pages under /exams,
staff pages under /exams/staff (routes.py: exams and results; room_routes.py: rooms, their
sessions and the live view; guard.py: one active session per candidate during an exam)."""

from __future__ import annotations

import secrets

from flask import Blueprint, request, session

from school101.services.exams.presence import Client

bp = Blueprint("exams", __name__, url_prefix="/exams", template_folder="templates")

BROWSER_KEY = "exam_key"


def browser_key(*, create: bool = False) -> str | None:
    """This browser's exam secret (kept in its signed session), made when `create`."""
    key = session.get(BROWSER_KEY)
    if key is None and create:
        key = session[BROWSER_KEY] = secrets.token_urlsafe(32)
    return key


def browser_client(*, create: bool = True) -> Client:
    """The calling browser as an exam client: its secret, address and user agent."""
    return Client(
        kind="web",
        key=browser_key(create=create) or "",
        address=request.remote_addr or "",
        user_agent=request.user_agent.string or "",
    )
