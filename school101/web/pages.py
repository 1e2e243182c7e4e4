"""What every page gets: template helpers (Paris times, labels) and security headers."""

from __future__ import annotations

from datetime import datetime

from flask import Flask
from flask_babel import get_locale

from school101.core.clock import day_text, paris_text
from school101.web.icons import init_icons

HSTS = "max-age=31536000; includeSubDomains"


def init_pages(app: Flask) -> None:
    """Jinja helpers and security headers shared by every page."""

    @app.context_processor
    def inject_helpers():
        from school101.services.identity.consent import CONSENT_VERSION

        return {
            "current_locale": str(get_locale() or "fr"),
            "paris_time": paris_time,
            "consent_version": CONSENT_VERSION,
        }

    init_icons(app)
    app.jinja_env.filters["paris"] = paris_time
    app.jinja_env.filters["day"] = day_text  # a calendar date: "5 décembre 2026"
    from school101.core.audit_labels import action_label

    app.jinja_env.filters["audit_label"] = action_label
    from school101.web.code_view import highlighted

    app.jinja_env.filters["highlighted"] = highlighted

    # Served over HTTPS (PUBLIC_URL): browsers must never come back in clear for a year.
    hsts = str(app.config.get("PUBLIC_URL", "")).lower().startswith("https://")

    @app.after_request
    def security_headers(response):
        if hsts:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if response.mimetype == "text/html":
            response.headers.setdefault(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                "frame-ancestors 'none'; form-action 'self'",
            )
        return response


def paris_time(value: datetime | None, fmt: str = "long") -> str:
    """A UTC datetime shown in Europe/Paris, in the page's language, as people write it:
    "23 décembre 2026 à 23 h 04" / "Dec 23, 2026, 11:04 PM"; `fmt` "short" for dense tables
    ("23/12/2026 23 h 04" / "12/23/26, 11:04 PM"), "date" or "time" alone (core/clock.py)."""
    return paris_text(value, fmt)
