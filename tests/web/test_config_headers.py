"""What the configuration does to every answer: HSTS behind HTTPS only, the remember-me cookie's
flags, and the loud warning when rate limits are kept per process."""

from __future__ import annotations

import logging

HSTS = "max-age=31536000; includeSubDomains"


def test_hsts_only_when_the_public_url_is_https(make_app):
    secure = make_app({"PUBLIC_URL": "https://101.example.org"}, push_context=False)
    for path in ("/", "/api/v1/me", "/nothing-here"):
        assert secure.test_client().get(path).headers.get("Strict-Transport-Security") == HSTS
    plain = make_app({"PUBLIC_URL": "http://127.0.0.1:5000"}, push_context=False)
    assert "Strict-Transport-Security" not in plain.test_client().get("/").headers


def test_remember_cookie_is_lax_and_secure_like_the_session_cookie(make_app, make_user):
    app = make_app({"SESSION_COOKIE_SECURE": True, "PUBLIC_URL": "https://101.example.org"})
    user = make_user()
    r = app.test_client().post(
        "/auth/login",
        data={"email": user.email, "password": "correct horse battery", "remember": "y"},
    )
    cookies = [c for c in r.headers.getlist("Set-Cookie") if c.startswith("remember_token=")]
    assert cookies, r.headers.getlist("Set-Cookie")
    assert "SameSite=Lax" in cookies[0] and "Secure" in cookies[0] and "HttpOnly" in cookies[0]


class _Records(logging.Handler):
    """Collects the records of one logger, whatever handlers other tests left on the root."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


def test_app_start_warns_once_when_rate_limits_live_in_memory(make_app):
    logger = logging.getLogger("school101.config")
    handler = _Records()
    logger.addHandler(handler)
    was_disabled, logger.disabled = logger.disabled, False  # a library's dictConfig in another test
    try:
        app = make_app(
            {"RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://"}, push_context=False
        )
        client = app.test_client()
        for _ in range(3):
            client.get("/")
        warned = [r for r in handler.records if "RATE LIMITS ARE PER PROCESS" in r.getMessage()]
        assert len(warned) == 1 and warned[0].levelname == "WARNING"
        handler.records.clear()
        make_app({"RATELIMIT_ENABLED": False}, push_context=False)
        assert handler.records == []
    finally:
        logger.removeHandler(handler)
        logger.disabled = was_disabled
