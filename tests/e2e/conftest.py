"""A live server on 127.0.0.1 (a thread serving the app on a SQLite file) and headless Chromium."""
from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from school101 import create_app
from school101.extensions import db
from tests.conftest import require_service

ROOT = Path(__file__).resolve().parents[2]
# The README's pictures are refreshed with UPDATE_SCREENSHOTS=1; otherwise they go to .run/.
SCREENSHOTS = ROOT / ("docs" if os.environ.get("UPDATE_SCREENSHOTS") == "1" else ".run") / "screenshots"


@pytest.fixture
def live_app(tmp_path, monkeypatch):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app({
        "TESTING": False, "DATABASE_URL": f"sqlite:///{tmp_path / 'e2e.sqlite'}",
        "SECRET_KEY": "e2e-secret", "RATELIMIT_ENABLED": False,
        "REQUIRE_EMAIL_CONFIRMATION": False, "REDIS_URL": "",
    })
    with app.app_context():
        db.create_all()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config["LIVE_URL"] = f"http://127.0.0.1:{server.server_port}"
    try:
        yield app
    finally:
        server.shutdown()
        with app.app_context():
            db.engine.dispose()


def _chromium() -> tuple[str | None, str | None]:
    return shutil.which("chromium") or shutil.which("chromium-browser"), shutil.which("chromedriver")


@pytest.fixture
def browser():
    binary, driver_path = _chromium()
    require_service("Chromium and chromedriver", bool(binary and driver_path),
                    "apt-get install chromium chromium-driver (make install does it as root)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    profile = tempfile.mkdtemp(prefix="s101-chrome-")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                 "--lang=fr-FR", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.implicitly_wait(3)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def screenshot(browser):
    """Save a screenshot of the current page under docs/screenshots/NAME.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        browser.save_screenshot(str(path))
        return path

    return take


def pytest_collection_modifyitems(items):
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


os.environ.setdefault("SE_AVOID_STATS", "true")
