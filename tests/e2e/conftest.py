"""End-to-end fixtures: the app served on 127.0.0.1 (a werkzeug thread) for headless Chromium
(`browser`, tests/fixtures/browser.py), and screenshots of the pages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.livesite import serving

ROOT = Path(__file__).resolve().parents[2]
# The README's pictures are refreshed with UPDATE_SCREENSHOTS=1; otherwise they go to .run/.
SCREENSHOTS = (
    ROOT / ("docs" if os.environ.get("UPDATE_SCREENSHOTS") == "1" else ".run") / "screenshots"
)


@pytest.fixture
def app_config(database_url):
    """The live site's settings: as in production (CSRF on, any host name), no Redis."""
    return {
        "TESTING": False,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "e2e-secret",
        "RATELIMIT_ENABLED": False,
        "REQUIRE_EMAIL_CONFIRMATION": False,
        "REDIS_URL": "",
    }


@pytest.fixture
def live_app(make_app):
    """The app (no app context pushed) served on 127.0.0.1; its base URL is config["LIVE_URL"]."""
    app = make_app(push_context=False)
    with serving(app) as base:
        app.config["LIVE_URL"] = base
        yield app


@pytest.fixture
def screenshot(browser):
    """Save a screenshot of the current page under docs/screenshots/NAME.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        browser.save_screenshot(str(path))
        return path

    return take
