"""Analytics fixtures: a known dataset, and the analytics pages/API registered when the app
does not register them yet (tolerant of a later registration in web.py and api/__init__.py)."""
from __future__ import annotations

import pytest

import school101.models.exams
import school101.models.retention  # noqa: F401
from tests.analytics.dataset import build_dataset


@pytest.fixture
def app(app):
    from school101.analytics.routes import bp
    from school101.api.analytics import blp
    from school101.extensions import csrf, rest_api

    if "analytics" not in app.blueprints:
        app.register_blueprint(bp)
    if blp.name not in app.blueprints:
        csrf.exempt(blp)
        rest_api.register_blueprint(blp)
    return app


@pytest.fixture
def dataset(app):
    return build_dataset()
