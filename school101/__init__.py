"""school101: the intake platform of the 101 coding school (Flask application factory)."""

from __future__ import annotations

import os

from flask import Flask, has_request_context, request, session
from werkzeug.middleware.proxy_fix import ProxyFix

from school101.config import engine_options, finish_config, load_config
from school101.extensions import babel, csrf, db, limiter, login_manager, migrate


def create_app(config: dict | None = None) -> Flask:
    """Build a configured application; `config` overrides settings read from the environment."""
    app = Flask(__name__, instance_path=os.environ.get("INSTANCE_PATH") or None)
    from school101.web.converters import register_converters

    register_converters(app)  # before any route: every <int:...> is an id of 1 to 2**31 - 1
    app.config.update(load_config(app.instance_path))
    if config:
        app.config.update(config)
        if "DATABASE_URL" in config:
            app.config["SQLALCHEMY_DATABASE_URI"] = config["DATABASE_URL"]
            app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(config["DATABASE_URL"])
    if app.config.get("LOG_FORMAT"):  # first, so the start-up warnings are formatted alike
        from school101.core.logs import configure_logging

        configure_logging(app.config["LOG_FORMAT"], app.config.get("LOG_LEVEL") or "INFO")
    finish_config(app.config, config)
    from school101 import models  # noqa: F401  (registers the tables)
    from school101.services import connect_receivers

    connect_receivers()

    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(__file__), "..", "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    from school101.i18n import configure as configure_i18n

    configure_i18n(app)
    babel.init_app(app, locale_selector=_select_locale, timezone_selector=lambda: "Europe/Paris")
    _init_login(app)

    from school101.api import register_api
    from school101.extensions import rest_api
    from school101.web.observability import init_observability
    from school101.web.pages import init_pages

    init_observability(app)

    register_api(app, rest_api)
    init_pages(app)
    _register_blueprints(app)

    from school101.cli import register_cli

    register_cli(app)

    from school101.gitserver import mount_git

    mount_git(app)
    if os.environ.get("BEHIND_PROXY"):
        # Outermost, so /git/ (mounted beside Flask) sees and rate-limits the client's address too.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)
    return app


def _register_blueprints(app: Flask) -> None:
    """Every page area (the JSON API is registered by register_api)."""
    from school101.admin.routes import bp as admin_bp
    from school101.analytics.routes import bp as analytics_bp
    from school101.auth.routes import bp as auth_bp
    from school101.candidate.routes import bp as candidate_bp
    from school101.directory.routes import bp as directory_bp
    from school101.exams.routes import bp as exams_bp
    from school101.games.routes import bp as games_bp
    from school101.piscine import bp as piscine_bp
    from school101.selection.routes import bp as selection_bp
    from school101.staff import bp as staff_bp

    for bp in (
        auth_bp,
        candidate_bp,
        games_bp,
        staff_bp,
        admin_bp,
        selection_bp,
        exams_bp,
        piscine_bp,
        analytics_bp,
        directory_bp,
    ):
        app.register_blueprint(bp)


def _select_locale() -> str:
    """French first: ?lang=, then the session choice, then the user's locale, then French.
    The JSON API follows Accept-Language only (api/language.py)."""
    languages = ("fr", "en")
    if not has_request_context():
        return "fr"
    if request.path.startswith("/api/"):
        from school101.api.language import api_locale

        return api_locale()
    wanted = request.args.get("lang")
    if wanted in languages:
        session["lang"] = wanted
        return wanted
    if session.get("lang") in languages:
        return session["lang"]
    from flask_login import current_user

    if (
        current_user
        and getattr(current_user, "is_authenticated", False)
        and current_user.locale in languages
    ):
        return current_user.locale
    return "fr"


def _init_login(app: Flask) -> None:
    from school101.models import User

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"

    from flask_babel import lazy_gettext

    login_manager.login_message = lazy_gettext("Please log in to see this page.")

    @login_manager.user_loader
    def load_user(user_id: str):
        try:
            uid, version = (int(x) for x in user_id.split(":", 1))
        except ValueError:
            return None
        user = db.session.get(User, uid)
        if user is None or user.session_version != version:
            return None
        return user
