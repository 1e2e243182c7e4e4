"""Registration of the HTML blueprints, template helpers and HTML error pages."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Flask, render_template, request
from flask_babel import format_datetime, get_locale
from werkzeug.exceptions import HTTPException

PARIS = ZoneInfo("Europe/Paris")


def register_web(app: Flask) -> None:
    """Attach every page blueprint, Jinja helpers, security headers and error pages."""
    from .admin.routes import bp as admin_bp
    from .analytics.routes import bp as analytics_bp
    from .auth.routes import bp as auth_bp
    from .candidate.routes import bp as candidate_bp
    from .directory.routes import bp as directory_bp
    from .exams.routes import bp as exams_bp
    from .games.routes import bp as games_bp
    from .piscine import bp as piscine_bp
    from .selection.routes import bp as selection_bp
    from .staff.routes import bp as staff_bp

    for bp in (auth_bp, candidate_bp, games_bp, staff_bp, admin_bp, selection_bp, exams_bp, piscine_bp,
               analytics_bp, directory_bp):
        app.register_blueprint(bp)

    @app.context_processor
    def inject_helpers():
        from .services.consent import CONSENT_VERSION

        return {"current_locale": str(get_locale() or "fr"), "paris_time": paris_time,
                "consent_version": CONSENT_VERSION}

    app.jinja_env.filters["paris"] = paris_time
    from .services.audit_labels import action_label

    app.jinja_env.filters["audit_label"] = action_label

    @app.after_request
    def security_headers(response):
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


def paris_time(value: datetime | None, fmt: str = "medium") -> str:
    """A UTC datetime shown in Europe/Paris, in the page's language."""
    if value is None:
        return "—"
    return format_datetime(value, fmt)


def render_error_page(exc: HTTPException):
    """An HTML error page in the page's language."""
    status = exc.code or 500
    return render_template("error.html", status=status), status


def wants_json() -> bool:
    """True for API paths, which always answer JSON."""
    return request.path.startswith("/api/")
