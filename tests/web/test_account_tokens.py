"""The account page lists my tokens with their scope, expiry, last use and state, creates one
with a scope and revokes it; a password change shows them revoked."""

from __future__ import annotations

import re

from school101.extensions import db
from school101.models import ApiToken
from school101.services.identity import accounts
from tests.conftest import login


def test_account_page_creates_a_git_token_lists_and_revokes_it(client, make_user):
    user = make_user()
    login(client, user.email)
    page = client.get("/me/account").get_data(as_text=True)
    assert "uniquement la portée git" in page  # the piscine advice, in French
    r = client.post("/me/tokens", data={"name": "portable", "scope": "git"})
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    token = re.search(r"<code>(s101_[\w-]+)</code>", page).group(1)
    row = ApiToken.query.one()
    assert row.scope_list == ["git"] and accounts.token_for(token, "git") is not None
    assert accounts.token_for(token, "api") is None
    db.session.commit()  # token_for noted the use
    assert "portable" in page and "actif" in page and "jamais" in page  # never used yet
    # a git-only token cannot call the API
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    r = client.post(f"/me/tokens/{row.id}/revoke")
    assert r.status_code == 302
    db.session.expire_all()
    assert ApiToken.query.one().revoked_at is not None
    assert "révoqué" in client.get("/me/account").get_data(as_text=True)


def test_account_page_refuses_a_token_without_scope(client, make_user):
    user = make_user()
    login(client, user.email)
    r = client.post("/me/tokens", data={"name": "x"})
    assert r.status_code == 422 and ApiToken.query.count() == 0
    assert "api" in r.get_data(as_text=True)


def test_a_password_change_shows_tokens_revoked(client, make_user):
    user = make_user()
    accounts.issue_token(user, "ci", scopes=("api", "git"))
    db.session.commit()
    accounts.set_password(user, "another long password", actor=user)
    db.session.commit()
    login(client, user.email, "another long password")
    page = client.get("/me/account").get_data(as_text=True)
    assert "ci" in page and "révoqué" in page and "/revoke" not in page
