"""What a request refused by a git rate limit gets and leaves behind: its message, a log line,
and (once per lockout window, not once per request) an audit row."""

from __future__ import annotations

import logging
import math

from flask_babel import force_locale
from flask_babel import gettext as _

from school101.core import audit
from school101.extensions import db
from school101.gitserver.throttle import Refusal

log = logging.getLogger(__name__)


def _wait(seconds: int) -> str:
    """A wait as written in both languages: '45 s', '5 min'."""
    return f"{math.ceil(seconds / 60)} min" if seconds >= 60 else f"{seconds} s"


def lockout_lines(refusal: Refusal) -> list[str]:
    """The message of a failing attempt over a limit, in French then English (the user is
    unknown). Only wrong credentials get it: a right token is always accepted."""
    lines = []
    for locale in ("fr", "en"):
        with force_locale(locale):
            if refusal.scope == "client":
                lines.append(
                    _(
                        "Too many failed authentication attempts: try again in %(wait)s.",
                        wait=_wait(refusal.retry_after),
                    )
                )
            elif refusal.scope == "ip":
                lines.append(
                    _(
                        "Too many failed authentication attempts from your network address: "
                        "try again in %(wait)s.",
                        wait=_wait(refusal.retry_after),
                    )
                )
            else:
                lines.append(
                    _(
                        "Too many failed authentication attempts with this user name: "
                        "try again in %(wait)s.",
                        wait=_wait(refusal.retry_after),
                    )
                )
            lines.append(_("Use an API token from your account page as the password."))
    return lines


def requests_lines(refusal: Refusal) -> list[str]:
    """The per-user request limit message, in the current locale (the user's)."""
    return [
        _(
            "Too many git requests in a short time (a script in a loop?): try again in %(wait)s.",
            wait=_wait(refusal.retry_after),
        )
    ]


def report(refusal: Refusal, address: str, username: str | None, user=None) -> None:
    """Log a refusal (never the token); audit it when it is the first of its lockout window."""
    shown = None if username is None else username[:64]
    log.log(
        logging.WARNING if refusal.first else logging.INFO,
        "git request refused (%s limit %s): ip=%s username=%r user_id=%s retry_after=%ss",
        refusal.scope,
        refusal.limit,
        address,
        shown,
        getattr(user, "id", None),
        refusal.retry_after,
    )
    if not refusal.first:
        return
    facts = {
        "scope": refusal.scope,
        "limit": refusal.limit,
        "ip": address,
        "username": shown,
        "retry_after": refusal.retry_after,
    }
    try:
        if user is None:
            audit.record("git.auth_locked_out", after=facts)
        else:
            audit.record("git.requests_limited", actor=user, target=user, after=facts)
        db.session.commit()
    except Exception:  # the refusal stands even when the audit row cannot be written
        db.session.rollback()
        log.exception("could not audit a git rate-limit refusal")
