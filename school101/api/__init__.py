"""The JSON API under /api/v1, documented by the OpenAPI document at /api/v1/openapi.json."""
from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from ..extensions import csrf
from .errors import register_error_handlers


def register_api(app: Flask, api: Api) -> None:
    """Bind flask-smorest and every API blueprint; API routes are CSRF-exempt (bearer tokens)."""
    from . import openapi

    api.init_app(app, spec_kwargs=openapi.prepare(api))
    openapi.register_components(api)
    from . import (
        account_links,
        analytics,
        applications,
        auth,
        campaigns,
        consent,
        directory,
        exams,
        games,
        me,
        piscines,
        selection,
        staff,
        submissions,
    )

    for module in (auth, account_links, me, consent, campaigns, applications, games, staff, piscines,
                   submissions, selection, exams, analytics, directory):
        csrf.exempt(module.blp)
        api.register_blueprint(module.blp)
    register_error_handlers(app)
