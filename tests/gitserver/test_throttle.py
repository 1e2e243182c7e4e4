"""Rate limits of /git/: failed authentications (per address and user name pair, per user name,
per address; a right token always works) and the per-candidate request cap, over real HTTP and
with the real git client.

Loopback addresses other than 127.0.0.1 reach the test server from "another client address".
"""

from __future__ import annotations

import base64
import http.client
import logging
import time
from urllib.parse import urlsplit

import pytest

from school101 import create_app
from school101.extensions import db
from school101.gitserver.throttle import GitThrottle, client_address
from school101.models import AuditLog, Submission
from tests.conftest import count
from tests.gitserver.conftest import commit_all, reference, repo_url, write

REFS = "/git/c00.git/info/refs?service=git-upload-pack"
OTHER_ADDRESS = "127.0.0.2"


@pytest.fixture
def git_limits(request):
    """Limit settings of a test (parametrize it indirectly); the defaults otherwise."""
    return getattr(request, "param", {})


@pytest.fixture
def app_config(app_config, git_limits):
    # The shared app_config turns rate limits off; these tests are about them.
    return {
        **app_config,
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": "memory://",
        **git_limits,
    }


def limits(**settings):
    return pytest.mark.parametrize("git_limits", [settings], indirect=True)


def get(
    base: str,
    token: str | None = None,
    user: str = "x",
    source: str = "127.0.0.1",
    path: str = REFS,
):
    """A raw GET from a chosen loopback address: (status, headers, body text)."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(
        parts.hostname, parts.port, timeout=30, source_address=(source, 0)
    )
    headers = {}
    if token is not None:
        headers["Authorization"] = "Basic " + base64.b64encode(f"{user}:{token}".encode()).decode()
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


def audit_rows(action: str) -> list[AuditLog]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(AuditLog).where(AuditLog.action == action)))


def test_a_failing_pair_gets_429_and_the_right_token_still_works(
    served, seated_with_token, git, tmp_path, caplog
):
    """Twenty wrong tokens from one address naming a candidate lock nobody out: a right token
    is always checked and accepted, only the failing attempts get 429."""
    caplog.set_level(logging.INFO, logger="school101.gitserver")
    _user, token = seated_with_token()
    name = "camille@example.org"
    statuses = [get(served, f"wrong-{i}", user=name) for i in range(20)]
    assert [s for s, _h, _b in statuses] == [401] * 10 + [429] * 10
    _status, headers, body = statuses[10]
    assert 1 <= int(headers["Retry-After"]) <= 300
    assert body.index("Trop de tentatives d'authentification échouées") < body.index(
        "Too many failed authentication attempts: try again in"
    )
    # the right token, from the same address and with the same user name, still works
    assert get(served, token, user=name)[0] == 200
    assert get(served, token)[0] == 200
    assert get(served)[0] == 401  # git's first, credential-less request is not counted

    work = tmp_path / "c00"
    git("init", "-q", str(work))
    ref_name, data = reference("c00", "ex00")
    write(work, f"ex00/{ref_name}", data)
    commit_all(git, work)
    result = git("push", repo_url(served, token), "HEAD:main", cwd=work)
    assert "remote: c00/ex00 enregistré" in result.stderr
    assert count(Submission) == 1
    assert get(served, "wrong-again", user=name)[0] == 429  # ... and the failing pair still waits

    # one row per window (the pair's), not one per refusal; never the token
    (row,) = audit_rows("git.auth_locked_out")
    assert row.actor_id is None and '"scope": "client"' in row.after and '"127.0.0.1"' in row.after
    refusals = [r for r in caplog.records if "git request refused" in r.getMessage()]
    assert len(refusals) == 11
    assert [r.levelno for r in refusals].count(logging.WARNING) == 1
    assert token not in caplog.text and "wrong-" not in caplog.text


def test_a_user_name_guessed_from_many_addresses_still_opens_with_its_token(
    served, seated_with_token
):
    """Twenty wrong tokens naming one user name, each from another loopback address."""
    _user, token = seated_with_token()
    name = "b@example.org"
    statuses = [
        get(served, f"wrong-{i}", user=name, source=f"127.0.0.{i + 2}")[0] for i in range(20)
    ]
    assert statuses == [401] * 10 + [429] * 10  # the user name's limit, not any pair's
    status, headers, body = get(served, "wrong", user=name, source="127.0.0.30")
    assert status == 429 and "Retry-After" in headers
    assert "Too many failed authentication attempts with this user name" in body
    for source in ("127.0.0.1", "127.0.0.2", "127.0.0.30"):
        assert get(served, token, user=name, source=source)[0] == 200


@limits(
    GIT_AUTH_FAILURES_PER_IP="100 per 5 minutes", GIT_AUTH_FAILURES_PER_USERNAME="3 per 5 minutes"
)
def test_a_user_name_limit_spares_other_user_names(served, seated_with_token):
    _user, token = seated_with_token()
    assert [get(served, "guess", user="camille@example.org")[0] for _ in range(3)] == [401] * 3
    status, headers, body = get(served, "guess", user="Camille@Example.org ", source=OTHER_ADDRESS)
    assert status == 429 and "Retry-After" in headers
    assert "Trop de tentatives d'authentification échouées avec ce nom d'utilisateur" in body
    assert get(served, token, user="Camille@Example.org ", source=OTHER_ADDRESS)[0] == 200
    assert get(served, token, user="x")[0] == 200
    assert get(served, "guess", user="x")[0] == 401  # failures of other names still get checked


@limits(GIT_AUTH_FAILURES_PER_IP="2 per 1 second")
def test_failing_attempts_are_answered_again_once_the_window_has_passed(served, seated_with_token):
    _user, token = seated_with_token()
    assert [get(served, "guess", user=f"u{i}")[0] for i in range(2)] == [401, 401]
    status, headers, body = get(served, "guess", user="u2")
    assert status == 429 and "from your network address" in body
    assert get(served, token)[0] == 200  # the address's limit never refuses a right token
    time.sleep(int(headers["Retry-After"]) + 0.1)
    assert get(served, "guess", user="u3")[0] == 401


def test_a_push_works_under_the_default_limits(served, seated_with_token, git, tmp_path):
    _user, token = seated_with_token()
    assert get(served, "a-typo")[0] == 401  # a few mistakes lock nobody out
    work = tmp_path / "c00"
    git("clone", repo_url(served, token), str(work))
    name, data = reference("c00", "ex00")
    write(work, f"ex00/{name}", data)
    commit_all(git, work)
    result = git("push", cwd=work)
    assert "remote: c00/ex00 enregistré" in result.stderr
    assert count(Submission) == 1
    git("fetch", cwd=work)


@limits(GIT_REQUESTS_PER_USER="3 per 1 second")
def test_requests_per_user_are_capped(served, seated_with_token, caplog):
    caplog.set_level(logging.INFO, logger="school101.gitserver")
    user, token = seated_with_token(locale="en")
    _other, other_token = seated_with_token()
    assert [get(served, token)[0] for _ in range(3)] == [200] * 3
    status, headers, body = get(served, token)
    assert status == 429 and headers["Retry-After"] == "1"
    assert body.startswith("Too many git requests in a short time")
    assert get(served, token, source=OTHER_ADDRESS)[0] == 429  # per user, wherever from
    assert get(served, other_token)[0] == 200  # another candidate is not concerned
    (row,) = audit_rows("git.requests_limited")
    assert row.actor_id == user.id and row.target_id == user.id
    assert token not in caplog.text
    time.sleep(int(headers["Retry-After"]) + 0.1)
    assert get(served, token)[0] == 200


@limits(GIT_AUTH_FAILURES_PER_IP="1 per 5 minutes")
def test_behind_a_proxy_the_forwarded_address_is_limited(app_config, tmp_path, monkeypatch):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "proxied"))
    monkeypatch.setenv("BEHIND_PROXY", "1")
    proxied = create_app(app_config)
    with proxied.app_context():
        db.create_all()
    client = proxied.test_client()
    wrong = {"Authorization": "Basic " + base64.b64encode(b"x:guess").decode()}

    def status(forwarded_for):
        return client.get(REFS, headers={**wrong, "X-Forwarded-For": forwarded_for}).status_code

    assert [status("198.51.100.9"), status("198.51.100.9"), status("198.51.100.10")] == [
        401,
        429,
        401,
    ]
    with proxied.app_context():
        db.engine.dispose()


@pytest.mark.redis
@limits(GIT_AUTH_FAILURES_PER_IP="2 per 5 minutes")
def test_counters_live_in_the_shared_storage(app, redis_url):
    """Another process (here another throttle on the same Redis) sees the same counts."""
    app.config["RATELIMIT_STORAGE_URI"] = redis_url
    first, second = GitThrottle(app.config), GitThrottle(app.config)
    assert first.auth_failed("203.0.113.7", "x") is None
    assert first.auth_failed("203.0.113.7", "y") is None
    refusal = second.auth_failed("203.0.113.7", "z")
    assert refusal is not None and refusal.scope == "ip" and refusal.first
    assert second.auth_failed("203.0.113.8", "z") is None
    assert first.auth_failed("203.0.113.7", "w").first is False  # audited once per window


def test_nothing_is_limited_when_rate_limits_are_off(app):
    throttle = GitThrottle({**app.config, "RATELIMIT_ENABLED": False})
    assert [throttle.auth_failed("203.0.113.7", "x") for _ in range(20)] == [None] * 20
    assert throttle.limiter is None and throttle.request(1) is None


def test_an_unreachable_storage_lets_requests_through(app, caplog):
    throttle = GitThrottle({**app.config, "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:1/0"})
    assert throttle.auth_failed("203.0.113.7", "x") is None and throttle.request(1) is None
    assert "git rate limits unavailable" in caplog.text


@pytest.mark.parametrize(
    "remote, key",
    [
        ("198.51.100.4", "198.51.100.4"),
        ("::ffff:198.51.100.4", "198.51.100.4"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("", "unknown"),
    ],
)
def test_client_address(remote, key):
    assert client_address(remote) == key
