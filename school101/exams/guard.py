"""One active session per candidate during an exam, on every page (services/exams/presence.py).

- A login (Flask-Login's `user_logged_in`) makes the browser the active connection of the
  person's running exams, ending the session before (audited by the service).
- Before each page request of a logged-in person with an exam running, a browser that is not
  the active connection is logged out, with a message, and sent to the login page (the exam
  page's script gets 401 JSON and reloads). The active browser's visit is recorded (address,
  last seen) for the staff's live view.
The JSON API (bearer tokens) is checked by its exam endpoints instead; git is not concerned.
"""

from __future__ import annotations

from flask import current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user, user_logged_in

from school101.exams.blueprint import BROWSER_KEY, bp, browser_client, browser_key
from school101.extensions import db
from school101.services.exams import presence
from school101.web.errors import error_response

_SKIPPED_PREFIXES = (
    "/api/",
    "/static/",
    "/favicon.ico",
    "/apple-touch-icon",
    "/manifest.webmanifest",
)


@user_logged_in.connect
def _claim_on_login(app, user, **_extra) -> None:
    """A login takes over the person's running exams (a new secret for this browser)."""
    if user is None or not getattr(user, "id", None):
        return
    session.pop(BROWSER_KEY, None)
    try:
        if presence.claim_running(user, browser_client()):
            db.session.commit()
    except Exception:  # never break a login; the guard asks to log in again if needed
        db.session.rollback()
        current_app.logger.exception("exam session of user %s not claimed at login", user.id)


@bp.before_app_request
def one_session_during_exams():
    """Log out a browser that is not the active connection of a running exam."""
    if request.path.startswith(_SKIPPED_PREFIXES) or request.endpoint in (None, "static"):
        return None
    if not current_user.is_authenticated:
        return None
    if presence.browser_may_stay(current_user, browser_key(), browser_client(create=False)):
        if db.session.dirty:
            db.session.commit()  # the visit recorded
        return None
    db.session.rollback()
    logout_user()
    message = _(
        "Your exam was opened in another session (a later login): this one is closed. "
        "Log in again to continue here."
    )
    if request.endpoint == "exams.state" or request.accept_mimetypes.best == "application/json":
        return error_response(401, "session_replaced", message)
    flash(message, "error")
    return redirect(url_for("auth.login", next=request.path if request.method == "GET" else None))
