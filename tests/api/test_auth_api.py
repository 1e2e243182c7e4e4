"""The fixed account endpoints: register, token, me (issue 3 contract)."""

from school101.models import ApiToken, Consent, OutboxMail, User
from school101.services.messaging.links import delivered_body
from tests.conftest import count

GOOD = {
    "email": "Alice@Example.org",
    "password": "a long enough pass",
    "first_name": "Alice",
    "last_name": "Durand",
    "birth_date": "2001-02-03",
    "consent": True,
}


def test_register_creates_account_with_consent_and_confirmation_mail(client):
    r = client.post("/api/v1/auth/register", json=GOOD)
    assert r.status_code == 201, r.json
    assert r.json == {"id": r.json["id"], "email": "alice@example.org"}
    user = User.query.one()
    assert user.roles == ["candidate"]
    assert user.password_hash.startswith("$argon2")
    consent = Consent.query.one()
    assert consent.text_version and consent.user_id == user.id
    mail = OutboxMail.query.one()
    assert mail.kind == "confirm_email" and "/auth/confirm/" in delivered_body(mail)


def test_register_same_email_conflicts(client):
    assert client.post("/api/v1/auth/register", json=GOOD).status_code == 201
    r = client.post("/api/v1/auth/register", json={**GOOD, "email": "alice@example.org"})
    assert r.status_code == 409
    assert r.json["error"]["code"] == "email_taken"
    assert count(User) == 1


def test_register_invalid_fields_gives_per_field_messages_and_writes_nothing(client):
    r = client.post(
        "/api/v1/auth/register",
        json={"email": "nope", "password": "short", "birth_date": "2001-13-45", "consent": False},
    )
    assert r.status_code == 422
    fields = r.json["error"]["fields"]
    assert {"first_name", "last_name", "birth_date"} <= set(fields)
    r = client.post(
        "/api/v1/auth/register",
        json={**GOOD, "email": "nope", "password": "short", "consent": False},
    )
    assert r.status_code == 422
    assert {"email", "password", "consent"} <= set(r.json["error"]["fields"])
    assert count(User) == 0 and count(OutboxMail) == 0


def test_register_lists_every_problem_in_one_answer(client):
    """Missing fields and the service's rules (address, password strength) come back together."""
    r = client.post("/api/v1/auth/register", json={"email": "x", "password": "a", "consent": True})
    assert r.status_code == 422
    assert {"email", "password", "first_name", "last_name", "birth_date"} <= set(
        r.json["error"]["fields"]
    )
    assert count(User) == 0


def test_register_malformed_json_is_400_json(client):
    r = client.post("/api/v1/auth/register", data="{not json", content_type="application/json")
    assert r.status_code == 400
    assert r.is_json and r.json["error"]["code"] == "malformed_json"


def test_token_and_me(client):
    client.post("/api/v1/auth/register", json=GOOD)
    bad = client.post(
        "/api/v1/auth/token", json={"email": GOOD["email"], "password": "wrong password"}
    )
    assert bad.status_code == 401 and bad.json["error"]["code"] == "invalid_credentials"
    r = client.post(
        "/api/v1/auth/token", json={"email": GOOD["email"], "password": GOOD["password"]}
    )
    assert r.status_code == 200
    token = r.json["token"]
    stored = ApiToken.query.one()
    assert stored.token_hash != token and token not in stored.token_hash
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.json["email"] == "alice@example.org"
    assert me.json["roles"] == ["candidate"] and me.json["application"] is None
    assert me.json["first_name"] == "Alice" and me.json["last_name"] == "Durand"


def test_me_without_or_with_bad_token_is_401_json(client):
    assert client.get("/api/v1/me").status_code == 401
    r = client.get("/api/v1/me", headers={"Authorization": "Bearer s101_forged"})
    assert r.status_code == 401 and r.json["error"]["code"] == "unauthorized"


def test_revoked_token_stops_working(client):
    client.post("/api/v1/auth/register", json=GOOD)
    token = client.post(
        "/api/v1/auth/token", json={"email": GOOD["email"], "password": GOOD["password"]}
    ).json["token"]
    h = {"Authorization": f"Bearer {token}"}
    tokens = client.get("/api/v1/auth/tokens", headers=h).json
    assert client.delete(f"/api/v1/auth/tokens/{tokens[0]['id']}", headers=h).status_code == 204
    assert client.get("/api/v1/me", headers=h).status_code == 401


def test_unknown_api_route_is_json_404(client):
    r = client.get("/api/v1/nothing-here")
    assert r.status_code == 404 and r.is_json and r.json["error"]["code"] == "not_found"


def test_openapi_document_lists_the_fixed_endpoints(client):
    doc = client.get("/api/v1/openapi.json").json
    assert doc["openapi"].startswith("3.")
    for path in (
        "/api/v1/auth/register",
        "/api/v1/auth/token",
        "/api/v1/me",
        "/api/v1/campaigns/current",
        "/api/v1/applications",
    ):
        assert path in doc["paths"], path
