"""Failed logins count per account, page and API together, with growing waits (429 and
Retry-After) that hold unknown clients only: the person logs in while an attacker fails."""

from __future__ import annotations

import pytest

from school101.extensions import db
from school101.models import ApiToken
from tests.factories import PASSWORD

pytestmark = pytest.mark.redis


@pytest.fixture
def throttled_app(make_app, redis_url):
    """Rate limits on, counted in Redis (each test gets an empty Redis database)."""
    return make_app(
        {"RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": redis_url, "REDIS_URL": redis_url}
    )


def _client(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def _skip_wait(app, email: str) -> None:
    """What time does (or a patient attacker waits for): the account's current wait ends."""
    from school101.web import limits

    with app.test_request_context():
        throttle = limits.login_throttle()
        throttle.storage.clear(throttle._keys(email)[1])


def _page(client, email, password):
    return client.post("/auth/login", data={"email": email, "password": password})


def _api(client, email, password):
    return client.post("/api/v1/auth/token", json={"email": email, "password": password})


def test_failures_on_page_and_api_share_the_account_budget(throttled_app, make_user):
    user = make_user()
    # an attacker spread over addresses (so no per-address limit helps), alternating doors
    codes = []
    for n in range(5):
        door = _page if n % 2 else _api
        codes.append(
            door(_client(throttled_app, f"203.0.113.{n}"), user.email, "wrong guess").status_code
        )
    assert codes == [401] * 5
    r = _api(_client(throttled_app, "203.0.113.50"), user.email, "wrong guess")  # the 6th failure
    assert r.status_code == 429 and r.headers["Retry-After"] == "1"
    assert r.json["error"]["code"] == "login_throttled"
    # during the wait an unknown client is refused before the password is checked, even a right one
    r = _page(_client(throttled_app, "203.0.113.51"), user.email, PASSWORD)
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
    assert "Trop de tentatives" in r.get_data(as_text=True)
    # another account is not affected
    other = make_user()
    assert _page(_client(throttled_app, "203.0.113.52"), other.email, PASSWORD).status_code == 302


def test_waits_grow(throttled_app, make_user):
    user = make_user()
    for n in range(5):
        _api(_client(throttled_app, f"198.51.100.{n}"), user.email, "wrong guess")
    waits = []
    for n in range(4):
        _skip_wait(throttled_app, user.email)
        r = _api(_client(throttled_app, f"198.51.100.{10 + n}"), user.email, "wrong guess")
        assert r.status_code == 429
        waits.append(int(r.headers["Retry-After"]))
    assert waits == [1, 2, 4, 8]


def test_the_person_logs_in_while_an_attacker_keeps_failing(throttled_app, make_user):
    user = make_user()
    home = _client(throttled_app, "192.0.2.10")
    assert _page(home, user.email, PASSWORD).status_code == 302  # a known browser and address
    laptop_script = _client(throttled_app, "192.0.2.10")
    for n in range(12):
        _page(_client(throttled_app, f"203.0.113.{n}"), user.email, "wrong guess")
    attacker = _api(_client(throttled_app, "203.0.113.99"), user.email, "wrong guess")
    assert attacker.status_code == 429
    # the person, from the browser that logged in before: in at once
    home.post("/auth/logout")
    r = _page(home, user.email, PASSWORD)
    assert r.status_code == 302 and r.headers["Location"] == "/me"
    # and a script from the same address gets its token
    r = _api(laptop_script, user.email, PASSWORD)
    assert (
        r.status_code == 200
        and db.session.scalar(db.select(db.func.count()).select_from(ApiToken)) == 1
    )
    # a wrong password from the person is a plain 401, not a wait
    assert _page(home, user.email, "typo typo").status_code in (200, 401)


def test_a_new_device_waits_only_the_announced_time(throttled_app, make_user):
    user = make_user()
    for n in range(6):
        _page(_client(throttled_app, f"203.0.113.{n}"), user.email, "wrong guess")
    phone = _client(throttled_app, "198.51.100.200")
    r = _page(phone, user.email, PASSWORD)
    assert r.status_code == 429
    _skip_wait(throttled_app, user.email)
    assert _page(phone, user.email, PASSWORD).status_code == 302


def test_nothing_is_throttled_when_rate_limits_are_off(client, make_user):
    user = make_user()
    for _ in range(8):
        assert _page(client, user.email, "wrong guess").status_code == 401
    assert _page(client, user.email, PASSWORD).status_code == 302
