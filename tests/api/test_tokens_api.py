"""Token lifecycle through the API: scopes, expiry, last use, listing and revocation by the
owner, and the end of every token with a password change or reset, a role change, an erasure."""

from __future__ import annotations

import re
from datetime import timedelta

from school101.extensions import db
from school101.models import ApiToken, OutboxMail
from school101.models._base import utcnow
from school101.services.identity import accounts
from school101.services.messaging.links import delivered_body
from tests.factories import PASSWORD


def _token(client, user, **extra) -> str:
    r = client.post("/api/v1/auth/token", json={"email": user.email, "password": PASSWORD, **extra})
    assert r.status_code == 200, r.json
    return r.json["token"]


def _auth(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_password_exchange_gives_an_api_token_that_expires(app, client, make_user):
    user = make_user()
    token = _token(client, user)
    (row,) = ApiToken.query.all()
    assert row.scope_list == ["api"]
    assert timedelta(days=89) < row.expires_at - utcnow() <= timedelta(days=90)
    assert client.get("/api/v1/me", headers=_auth(token)).status_code == 200
    row.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    r = client.get("/api/v1/me", headers=_auth(token))
    assert r.status_code == 401 and r.json["error"]["code"] == "unauthorized"
    listed = client.get("/api/v1/me/tokens", headers=_auth(_token(client, user)))
    assert [t["state"] for t in listed.json] == ["active", "expired"]


def test_token_days_are_configurable(make_app, make_user):
    app = make_app({"API_TOKEN_DAYS": 7})
    user = make_user()
    accounts.issue_token(user)
    db.session.commit()
    (row,) = ApiToken.query.all()
    assert timedelta(days=6) < row.expires_at - utcnow() <= timedelta(days=7)
    assert app.config["API_TOKEN_DAYS"] == 7


def test_a_password_reset_ends_the_old_token(app, client, make_user):
    user = make_user()
    old = _token(client, user)
    assert client.post("/api/v1/auth/password-reset", json={"email": user.email}).status_code == 202
    mail = OutboxMail.query.filter_by(kind="password_reset").one()
    reset = re.search(r"/auth/reset/([\w.-]+)", delivered_body(mail)).group(1)
    r = client.post(
        "/api/v1/auth/password-reset/confirm",
        json={"token": reset, "password": "a brand new password"},
    )
    assert r.status_code == 200
    # the issue's case: the old token could still erase the account
    r = client.delete("/api/v1/me", headers=_auth(old))
    assert r.status_code == 401
    db.session.expire_all()
    assert user.erased_at is None
    fresh = client.post(
        "/api/v1/auth/token", json={"email": user.email, "password": "a brand new password"}
    )
    listed = client.get("/api/v1/me/tokens", headers=_auth(fresh.json["token"])).json
    assert [t["state"] for t in listed] == ["active", "revoked"]


def test_a_password_change_and_a_role_change_end_tokens(app, client, make_user):
    user = make_user()
    first = _token(client, user)
    accounts.set_password(user, "another long password", actor=user)
    db.session.commit()
    assert client.get("/api/v1/me", headers=_auth(first)).status_code == 401
    second = accounts.issue_token(user)
    db.session.commit()
    assert client.get("/api/v1/me", headers=_auth(second)).status_code == 200
    admin = make_user(roles=("admin",))
    accounts.set_roles(user, ["candidate", "employer"], actor=admin, reason="test")
    db.session.commit()
    assert client.get("/api/v1/me", headers=_auth(second)).status_code == 401


def test_erasure_ends_tokens(app, client, make_user):
    user = make_user()
    token = _token(client, user)
    keep = accounts.issue_token(user)
    db.session.commit()
    assert client.delete("/api/v1/me", headers=_auth(token)).status_code == 204
    assert client.get("/api/v1/me", headers=_auth(keep)).status_code == 401


def test_owner_lists_creates_and_revokes_tokens(app, client, make_user):
    user, other = make_user(), make_user()
    token = _token(client, user, name="script")
    assert client.get("/api/v1/me/tokens", headers=_auth(token)).json[0]["last_used_at"] is not None
    r = client.post(
        "/api/v1/me/tokens", json={"name": "laptop", "scope": "git"}, headers=_auth(token)
    )
    assert r.status_code == 201, r.json
    created = r.json
    assert created["token"].startswith("s101_") and created["scopes"] == ["git"]
    assert created["state"] == "active" and created["expires_at"]
    listed = client.get("/api/v1/me/tokens", headers=_auth(token)).json
    assert [(t["name"], t["scopes"]) for t in listed] == [("laptop", ["git"]), ("script", ["api"])]
    assert all("token" not in t and "token_hash" not in t for t in listed)
    both = client.post(
        "/api/v1/me/tokens", json={"name": "both", "scope": "api git"}, headers=_auth(token)
    )
    assert both.json["scopes"] == ["api", "git"]
    # bad input: a clear error, nothing written
    before = ApiToken.query.count()
    for body in ({"name": "x", "scope": "admin"}, {"name": "x", "scope": ""}, {"scope": "api"}):
        r = client.post("/api/v1/me/tokens", json=body, headers=_auth(token))
        assert r.status_code == 422 and r.is_json, body
    assert ApiToken.query.count() == before
    # another person's token is not mine to revoke
    theirs = accounts.issue_token(other)
    db.session.commit()
    their_id = ApiToken.query.filter_by(user_id=other.id).one().id
    assert client.delete(f"/api/v1/me/tokens/{their_id}", headers=_auth(token)).status_code == 404
    assert client.get("/api/v1/me", headers=_auth(theirs)).status_code == 200
    # revoking my git token
    assert (
        client.delete(f"/api/v1/me/tokens/{created['id']}", headers=_auth(token)).status_code == 204
    )
    states = {
        t["name"]: t["state"] for t in client.get("/api/v1/me/tokens", headers=_auth(token)).json
    }
    assert states["laptop"] == "revoked"
    # the old endpoints still work
    assert len(client.get("/api/v1/auth/tokens", headers=_auth(token)).json) == 3


def test_a_git_only_token_cannot_call_the_api(app, client, make_user):
    user = make_user()
    git_token = _token(client, user, scope="git")
    r = client.get("/api/v1/me", headers=_auth(git_token))
    assert r.status_code == 401 and r.is_json
    assert client.delete("/api/v1/me", headers=_auth(git_token)).status_code == 401
    r = client.post(
        "/api/v1/auth/token", json={"email": user.email, "password": PASSWORD, "scope": "root"}
    )
    assert r.status_code == 422 and "scope" in r.json["error"]["fields"]
