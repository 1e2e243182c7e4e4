"""school101: the intake platform of the 101 coding school (Flask application factory)."""
from __future__ import annotations

import os

from flask import Flask, has_request_context, request, session
from werkzeug.middleware.proxy_fix import ProxyFix

from .config import engine_options, load_config
from .extensions import babel, csrf, db, limiter, login_manager, migrate


def create_app(config: dict | None = None) -> Flask:
    """Build a configured application; `config` overrides settings read from the environment."""
    app = Flask(__name__, instance_path=os.environ.get("INSTANCE_PATH") or None)
    app.config.update(load_config(app.instance_path))
    if config:
        app.config.update(config)
        if "DATABASE_URL" in config:
            app.config["SQLALCHEMY_DATABASE_URI"] = config["DATABASE_URL"]
            app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(config["DATABASE_URL"])
    from . import models  # noqa: F401  (registers the tables)

    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(__file__), "..", "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    from .i18n import configure as configure_i18n

    configure_i18n(app)
    babel.init_app(app, locale_selector=_select_locale, timezone_selector=lambda: "Europe/Paris")
    _init_login(app)

    from .api import register_api
    from .extensions import rest_api
    from .web import register_web

    register_api(app, rest_api)
    register_web(app)

    from .cli import register_cli

    register_cli(app)

    from .gitserver import mount_git

    mount_git(app)
    if os.environ.get("BEHIND_PROXY"):
        # Outermost, so /git/ (mounted beside Flask) sees and rate-limits the client's address too.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)
    return app


def _select_locale() -> str:
    """French first: ?lang=, then the session choice, then the user's locale, then French.
    The JSON API follows Accept-Language only (api/language.py)."""
    languages = ("fr", "en")
    if not has_request_context():
        return "fr"
    if request.path.startswith("/api/"):
        from .api.language import api_locale

        return api_locale()
    wanted = request.args.get("lang")
    if wanted in languages:
        session["lang"] = wanted
        return wanted
    if session.get("lang") in languages:
        return session["lang"]
    from flask_login import current_user

    if current_user and getattr(current_user, "is_authenticated", False) and current_user.locale in languages:
        return current_user.locale
    return "fr"


def _init_login(app: Flask) -> None:
    from .models import User

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
