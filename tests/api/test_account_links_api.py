"""API twins of the e-mailed account links: confirming the address, resending the confirmation,
asking for a password reset and choosing the new password (same services and limits as the pages)."""

import re

import pytest

from school101.extensions import db
from school101.models import OutboxMail, User
from school101.services.identity import accounts
from school101.services.messaging.links import delivered_body
from tests.conftest import count

BODY = {
    "email": "Lea@Example.org",
    "password": "a long enough pass",
    "first_name": "Léa",
    "last_name": "Fontaine",
    "birth_date": "2001-02-03",
    "consent": True,
}
FR = {"Accept-Language": "fr"}
EN = {"Accept-Language": "en"}


def _mails(kind: str) -> list[OutboxMail]:
    return list(
        db.session.scalars(
            db.select(OutboxMail).where(OutboxMail.kind == kind).order_by(OutboxMail.id)
        )
    )


def _token_from_mail(kind: str, path: str) -> str:
    """The token of the link in the latest mail of `kind` (what a script reads from the inbox)."""
    body = delivered_body(_mails(kind)[-1])  # the link is signed when the mail goes out
    match = re.search(rf"{path}/([\w.-]+)", body)
    assert match, body
    return match.group(1)


def _bearer(client, email: str, password: str) -> dict:
    r = client.post("/api/v1/auth/token", json={"email": email, "password": password})
    assert r.status_code == 200, r.json
    return {"Authorization": f"Bearer {r.json['token']}"}


def test_register_confirm_with_the_mailed_token_then_apply_all_through_the_api(
    client, make_campaign
):
    make_campaign()
    assert client.post("/api/v1/auth/register", json=BODY).status_code == 201
    h = _bearer(client, BODY["email"], BODY["password"])
    r = client.post("/api/v1/applications", json={"motivation": "Je veux coder."}, headers=h)
    assert r.status_code == 403 and r.json["error"]["code"] == "email_not_confirmed"

    token = _token_from_mail("confirm_email", "/auth/confirm")
    r = client.post("/api/v1/auth/confirm", json={"token": token})
    assert r.status_code == 200, r.json
    user = db.session.scalars(db.select(User)).one()
    assert r.json == {"id": user.id, "email": "lea@example.org", "email_confirmed": True}
    assert client.get("/api/v1/me", headers=h).json["email_confirmed"] is True

    r = client.post("/api/v1/applications", json={"motivation": "Je veux coder."}, headers=h)
    assert r.status_code == 201 and r.json["status"] == "applied"
    assert (
        client.post("/api/v1/auth/confirm", json={"token": token}).status_code == 200
    )  # harmless again


@pytest.mark.parametrize("token", ["forged", "a" * 200, "reset-salt", "changed-email", "expired"])
def test_bad_confirmation_tokens_are_422_on_token_and_confirm_nothing(
    client, make_user, monkeypatch, token
):
    from school101.services.identity.security import sign

    user = make_user(confirmed=False)
    tokens = {
        "reset-salt": sign({"uid": user.id, "email": user.email}, accounts.RESET_SALT),
        "changed-email": sign({"uid": user.id, "email": "old@example.org"}, accounts.CONFIRM_SALT),
        "expired": sign({"uid": user.id, "email": user.email}, accounts.CONFIRM_SALT),
    }
    if token == "expired":
        monkeypatch.setattr(accounts, "CONFIRM_MAX_AGE", -1)
    r = client.post("/api/v1/auth/confirm", json={"token": tokens.get(token, token)}, headers=EN)
    assert r.status_code == 422 and r.json["error"]["code"] == "invalid_token"
    assert r.json["error"]["fields"] == {
        "token": "This confirmation link is invalid or has expired."
    }
    db.session.expire_all()
    assert db.session.get(User, user.id).email_confirmed_at is None


def test_confirm_without_a_token_is_422_per_field(client):
    r = client.post("/api/v1/auth/confirm", json={}, headers=EN)
    assert r.status_code == 422 and r.json["error"]["fields"] == {
        "token": "Missing data for required field."
    }
    r = client.post("/api/v1/auth/confirm", json={"token": ""})
    assert r.status_code == 422 and "token" in r.json["error"]["fields"]


def test_resend_mails_again_until_confirmed_then_409(client, make_user, auth_header):
    user = make_user(confirmed=False)
    h = auth_header(user)
    assert client.post("/api/v1/auth/confirm/resend").status_code == 401
    r = client.post("/api/v1/auth/confirm/resend", headers={**h, **FR})
    assert r.status_code == 202 and r.json == {
        "message": "Nous avons renvoyé l'e-mail de confirmation."
    }
    assert len(_mails("confirm_email")) == 1 and _mails("confirm_email")[0].to == user.email

    token = _token_from_mail("confirm_email", "/auth/confirm")
    assert client.post("/api/v1/auth/confirm", json={"token": token}).status_code == 200
    r = client.post("/api/v1/auth/confirm/resend", headers={**h, **EN})
    assert r.status_code == 409 and r.json["error"] == {
        "code": "already_confirmed",
        "message": "Your e-mail address is already confirmed.",
    }
    assert len(_mails("confirm_email")) == 1


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(client, make_user):
    make_user(email="known@example.org")
    known = client.post("/api/v1/auth/password-reset", json={"email": "KNOWN@example.org"})
    unknown = client.post("/api/v1/auth/password-reset", json={"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 202
    assert known.json == unknown.json and "lien" in known.json["message"]
    assert [m.to for m in _mails("password_reset")] == ["known@example.org"]


def test_password_reset_flow_weak_password_then_new_password_then_link_spent(client, make_user):
    from tests.factories import PASSWORD

    user = make_user(email="reset@example.org")
    assert client.post("/api/v1/auth/password-reset", json={"email": user.email}).status_code == 202
    token = _token_from_mail("password_reset", "/auth/reset")

    r = client.post(
        "/api/v1/auth/password-reset/confirm",
        json={"token": token, "password": "short"},
        headers=EN,
    )
    assert r.status_code == 422
    assert r.json["error"]["fields"] == {"password": "Password must have at least 10 characters."}
    r = client.post(
        "/api/v1/auth/password-reset/confirm", json={"token": token, "password": "aaaaaaaaaaaa"}
    )
    assert (
        r.status_code == 422
        and r.json["error"]["fields"]["password"] == "Le mot de passe est trop simple."
    )
    _bearer(client, user.email, PASSWORD)  # unchanged so far

    r = client.post(
        "/api/v1/auth/password-reset/confirm",
        json={"token": token, "password": "a brand new passphrase"},
        headers=EN,
    )
    assert r.status_code == 200 and r.json == {
        "message": "Your password has been changed. You can log in."
    }
    _bearer(client, user.email, "a brand new passphrase")
    assert (
        client.post(
            "/api/v1/auth/token", json={"email": user.email, "password": PASSWORD}
        ).status_code
        == 401
    )

    r = client.post(
        "/api/v1/auth/password-reset/confirm",
        json={"token": token, "password": "yet another passphrase"},
        headers=EN,
    )
    assert r.status_code == 422 and r.json["error"]["code"] == "invalid_token"
    assert r.json["error"]["fields"] == {
        "token": "This link is invalid or has expired. Ask for a new one."
    }


@pytest.mark.parametrize(
    "body, fields",
    [
        ({"token": "forged", "password": "a fine new passphrase"}, {"token"}),
        ({}, {"token", "password"}),
        ({"token": "forged", "password": 12}, {"password"}),
    ],
)
def test_password_reset_confirm_bad_bodies_are_422_per_field(client, body, fields):
    r = client.post("/api/v1/auth/password-reset/confirm", json=body)
    assert r.status_code == 422 and set(r.json["error"]["fields"]) == fields


@pytest.mark.parametrize("email", ["nope", "", "a@b", "x" * 250 + "@example.org"])
def test_password_reset_malformed_address_is_422_and_mails_nothing(client, make_user, email):
    r = client.post("/api/v1/auth/password-reset", json={"email": email})
    assert r.status_code == 422 and "email" in r.json["error"]["fields"]
    assert count(OutboxMail) == 0


class TestSharedRateLimits:
    """The API twins spend the same per-address budget as the pages (Flask-Limiter, real Redis)."""

    @pytest.fixture
    def app_config(self, app_config, redis_url):
        return {**app_config, "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": redis_url}

    @pytest.mark.redis
    def test_password_reset_is_limited_and_shares_the_forgot_page_budget(self, client):
        codes = [
            client.post(
                "/api/v1/auth/password-reset", json={"email": f"p{i}@example.org"}
            ).status_code
            for i in range(3)
        ]
        codes += [
            client.post("/auth/forgot", data={"email": f"w{i}@example.org"}).status_code
            for i in range(2)
        ]
        assert codes == [202, 202, 202, 302, 302]
        r = client.post("/api/v1/auth/password-reset", json={"email": "late@example.org"})
        assert r.status_code == 429 and r.is_json and r.json["error"]["code"] == "rate_limited"
        assert r.json["error"]["message"].startswith("Trop de requêtes")
        r = client.post(
            "/api/v1/auth/password-reset", json={"email": "late@example.org"}, headers=EN
        )
        assert r.json["error"]["message"].startswith("Too many requests")
        assert client.post("/auth/forgot", data={"email": "late@example.org"}).status_code == 429
        assert count(OutboxMail) == 0  # none of these addresses has an account

    @pytest.mark.redis
    def test_resend_is_limited_like_the_page(self, client, make_user, auth_header):
        h = auth_header(make_user(confirmed=False))
        codes = [
            client.post("/api/v1/auth/confirm/resend", headers=h).status_code for _ in range(4)
        ]
        assert codes == [202, 202, 202, 429]

    @pytest.mark.redis
    def test_new_password_attempts_are_limited(self, client):
        codes = [
            client.post(
                "/api/v1/auth/password-reset/confirm",
                json={"token": "forged", "password": "a fine new passphrase"},
            ).status_code
            for _ in range(11)
        ]
        assert codes == [422] * 10 + [429]
