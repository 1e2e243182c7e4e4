"""Shared fixtures: an app on a fresh database per test, clients, real Redis.

The database is SQLite (a file per test) unless TEST_DATABASE_URL names a PostgreSQL
database, which is then emptied between tests. In CI (CI=true) a test that needs Redis,
PostgreSQL or Docker fails when the service is missing instead of being skipped.
"""
from __future__ import annotations

import os
import time

# Tests compute "today" with date.today(); the school's calendar is Europe/Paris. Between 22:00
# and 24:00 UTC the two disagree (a piscine "starting today" would already have its second day
# open), so the test process lives in the school's time zone. The app never relies on the
# process time zone (utcnow, paris_today).
os.environ["TZ"] = "Europe/Paris"
time.tzset()

import pytest
from flask.testing import FlaskClient
from sqlalchemy import text

from school101 import create_app
from school101.extensions import db

IN_CI = os.environ.get("CI") == "true"


def require_service(name: str, available: bool, why: str = "") -> None:
    """Skip outside CI, fail in CI, when a real service a test needs is missing."""
    if available:
        return
    message = f"{name} is not available{': ' + why if why else ''}"
    if IN_CI:
        pytest.fail(message + " (CI must not skip this test)")
    pytest.skip(message)


@pytest.fixture
def app_config(tmp_path):
    """Settings of the app under test; override this fixture to change them."""
    url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'test.sqlite'}"
    return {
        "TESTING": True,
        "DATABASE_URL": url,
        "SECRET_KEY": "test-secret",
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "REQUIRE_EMAIL_CONFIRMATION": True,
        "SERVER_NAME": "localhost",
        "MAIL_SMTP_HOST": "",
        "REDIS_URL": "",
    }


@pytest.fixture
def app(app_config, tmp_path, monkeypatch):
    """A fresh application with an empty schema."""
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
    application = create_app(app_config)
    with application.app_context():
        if db.engine.dialect.name == "postgresql":
            db.drop_all()
        db.create_all()
        yield application
        db.session.remove()
        if db.engine.dialect.name == "postgresql":
            db.drop_all()
        db.engine.dispose()


class FreshContextClient(FlaskClient):
    """Runs every request in its own app context, as in production (fresh `g`, own DB session).

    The `app` fixture keeps an app context pushed for the test body; without this, requests
    would reuse it and share `g` (cached locale, current user) across requests.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture
def client(app):
    """A test client (cookies kept between requests)."""
    app.test_client_class = FreshContextClient
    return app.test_client()


@pytest.fixture
def redis_url():
    """URL of a real Redis, flushed for this test."""
    url = os.environ.get("TEST_REDIS_URL") or os.environ.get("REDIS_URL") or ""
    ok = False
    if url:
        import redis

        try:
            conn = redis.Redis.from_url(url)
            conn.ping()
            conn.flushdb()
            ok = True
        except redis.RedisError:
            ok = False
    require_service("Redis", ok, "set TEST_REDIS_URL (make test starts one)")
    yield url
    import redis

    redis.Redis.from_url(url).flushdb()


def login(client, email: str, password: str = "correct horse battery"):
    """Log in through the login form."""
    return client.post("/auth/login", data={"email": email, "password": password}, follow_redirects=False)


@pytest.fixture
def make_user(app):
    from tests.factories import make_user as factory

    return factory


@pytest.fixture
def make_campaign(app):
    from tests.factories import make_campaign as factory

    return factory


@pytest.fixture
def make_application(app):
    from tests.factories import make_application as factory

    return factory


def bearer(app, user) -> dict:
    """Authorization header with a fresh token for `user`."""
    from school101.services.accounts import issue_token

    token = issue_token(user)
    db.session.commit()
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def auth_header(app):
    return lambda user: bearer(app, user)


def count(model) -> int:
    """Rows in a table (helper for "nothing was written" checks)."""
    return db.session.scalar(db.select(db.func.count()).select_from(model))


__all__ = ["bearer", "count", "login", "require_service", "text"]
