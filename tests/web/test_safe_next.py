"""After login, `next` redirects only to a path of this site, whatever its encoding."""

from __future__ import annotations

import pytest

from tests.conftest import login


def _login_next(client, user, target: str):
    return client.post(
        f"/auth/login?next={target}",
        data={"email": user.email, "password": "correct horse battery"},
    )


@pytest.mark.parametrize(
    "target",
    [
        "/%09/evil.example",
        "/%0a/evil.example",
        "/%0d/evil.example",
        "/%00/evil.example",
        "//evil.example",
        "/%2F/evil.example",
        "/%2f%2fevil.example",
        "%2F%2Fevil.example",
        "/%5Cevil.example",
        "/%5C%5Cevil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "https://evil.example",
        "https:evil.example",
        "http:/evil.example",
        "javascript:alert(1)",
        "%2509/evil.example",
        "/%252F/evil.example",
        "evil.example",
        " /x",
        "/%7F/evil.example",
    ],
)
def test_foreign_or_odd_next_goes_to_the_dashboard(client, make_user, target):
    user = make_user()
    r = _login_next(client, user, target)
    assert r.status_code == 302
    assert r.headers["Location"] == "/me", (target, r.headers["Location"])


@pytest.mark.parametrize(
    "target, expected",
    [
        ("/me/profile", "/me/profile"),
        ("/piscine?x=1", "/piscine?x=1"),
        ("/auth/invitation/abc.def", "/auth/invitation/abc.def"),
    ],
)
def test_local_next_is_followed(client, make_user, target, expected):
    user = make_user()
    r = _login_next(client, user, target)
    assert r.headers["Location"] == expected


def test_login_helper_still_works(client, make_user):
    assert login(client, make_user().email).status_code == 302
