"""Security foundations: CSRF, rate limits on real Redis, headers, safe redirects, hashed secrets."""

import pytest

from school101.extensions import db
from school101.models import User
from tests.conftest import count


@pytest.fixture
def csrf_app(make_app):
    """The app with CSRF protection on, as in production."""
    return make_app({"WTF_CSRF_ENABLED": True})


def test_forms_refuse_posts_without_csrf_token(csrf_app):
    client = csrf_app.test_client()
    r = client.post(
        "/auth/register",
        data={
            "email": "x@example.org",
            "password": "long enough pw",
            "first_name": "A",
            "last_name": "B",
            "birth_date": "2000-01-01",
            "consent": "y",
        },
    )
    assert r.status_code == 400
    assert count(User) == 0
    page = client.get("/auth/login").get_data(as_text=True)
    assert 'name="csrf_token"' in page


def test_api_is_csrf_exempt_with_bearer_tokens(csrf_app):
    client = csrf_app.test_client()
    r = client.post(
        "/api/v1/auth/register",
        json={
            "email": "api@example.org",
            "password": "long enough pw",
            "first_name": "A",
            "last_name": "B",
            "birth_date": "2000-01-01",
            "consent": True,
        },
    )
    assert r.status_code == 201


@pytest.fixture
def limited_app(make_app, redis_url):
    """The app with its rate limits on, counted in Redis."""
    return make_app(
        {"RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": redis_url, "REDIS_URL": redis_url}
    )


@pytest.mark.redis
def test_token_endpoint_is_rate_limited_on_redis(limited_app):
    client = limited_app.test_client()
    # One address trying many accounts (each account's own budget is tests/web/test_login_throttle.py)
    codes = [
        client.post(
            "/api/v1/auth/token", json={"email": f"a{i}@example.org", "password": "nope nope"}
        ).status_code
        for i in range(12)
    ]
    assert codes[:10] == [401] * 10
    assert codes[-1] == 429
    r = client.post("/api/v1/auth/token", json={"email": "a@example.org", "password": "nope nope"})
    assert r.is_json and r.json["error"]["code"] == "rate_limited"


@pytest.mark.redis
def test_login_page_is_rate_limited(limited_app):
    client = limited_app.test_client()
    for _ in range(10):
        client.post("/auth/login", data={"email": "a@example.org", "password": "wrong"})
    r = client.post("/auth/login", data={"email": "a@example.org", "password": "wrong"})
    assert r.status_code == 429
    assert "Trop de requêtes" in r.get_data(as_text=True)


@pytest.mark.redis
def test_registration_is_rate_limited_on_the_page_and_the_api(limited_app):
    """A script creating accounts in a loop is stopped after 10 a minute, and the 11th writes nothing."""
    from school101.models import User

    client = limited_app.test_client()
    body = {
        "password": "correct horse battery",
        "first_name": "Ana",
        "last_name": "Bot",
        "birth_date": "2000-01-01",
        "consent": True,
    }
    codes = [
        client.post(
            "/api/v1/auth/register", json=dict(body, email=f"bot{i}@example.org")
        ).status_code
        for i in range(11)
    ]
    assert codes[:10] == [201] * 10 and codes[10] == 429
    assert db.session.scalar(db.select(db.func.count()).select_from(User)) == 10
    pages = [
        client.post("/auth/register", data={"email": f"page{i}@example.org"}).status_code
        for i in range(11)
    ]
    assert 429 not in pages[:10] and pages[10] == 429
    assert db.session.scalars(db.select(User).where(User.email.like("page%"))).all() == []


def test_security_headers_and_cookie_flags(client, make_user):
    r = client.get("/")
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in r.headers["Content-Security-Policy"]
    assert r.headers["X-Frame-Options"] == "DENY"
    user = make_user()
    r = client.post("/auth/login", data={"email": user.email, "password": "correct horse battery"})
    cookie = r.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_login_never_redirects_off_site(client, make_user):
    user = make_user()
    r = client.post(
        "/auth/login?next=//evil.example/x",
        data={"email": user.email, "password": "correct horse battery"},
    )
    assert r.status_code == 302 and "evil" not in r.headers["Location"]


def test_html_pages_get_html_errors_and_api_gets_json(client):
    r = client.get("/nothing-here")
    assert r.status_code == 404 and "Page introuvable" in r.get_data(as_text=True)
    r = client.post("/api/v1/me")
    assert r.status_code == 405 and r.is_json


def test_password_change_ends_other_sessions(client, make_user):
    from school101.services.identity.accounts import set_password

    user = make_user()
    client.post("/auth/login", data={"email": user.email, "password": "correct horse battery"})
    assert client.get("/me").status_code == 200
    set_password(user, "another long password")
    db.session.commit()
    assert client.get("/me").status_code == 302
