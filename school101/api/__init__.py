"""The JSON API under /api/v1, documented by the OpenAPI document at /api/v1/openapi.json."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from school101.api.errors import register_error_handlers
from school101.extensions import csrf


def register_api(app: Flask, api: Api) -> None:
    """Bind flask-smorest and every API blueprint; API routes are CSRF-exempt (bearer tokens)."""
    from school101.api import openapi

    api.init_app(app, spec_kwargs=openapi.prepare(api))
    openapi.register_components(api)
    from school101.api import (
        account_links,
        analytics,
        applications,
        audit,
        auth,
        campaigns,
        consent,
        defenses,
        directory,
        eligibility_exceptions,
        evaluations,
        exam_rooms,
        exams,
        games,
        grading_queue,
        integrity,
        me,
        outbox,
        piscine_today,
        piscines,
        rushes,
        saved_filters,
        selection,
        submissions,
        system,
        tokens,
        users,
    )

    for module in (
        auth,
        account_links,
        me,
        tokens,
        consent,
        campaigns,
        applications,
        games,
        eligibility_exceptions,
        outbox,
        audit,
        users,
        grading_queue,
        system,
        integrity,
        piscines,
        piscine_today,
        submissions,
        selection,
        exams,
        exam_rooms,
        evaluations,
        rushes,
        defenses,
        analytics,
        directory,
        saved_filters,
    ):
        csrf.exempt(module.blp)
        api.register_blueprint(module.blp)
    register_error_handlers(app)
