"""POST /api/v1/applications and GET /api/v1/campaigns/current, as the issue fixes them."""

from datetime import date

import pytest

from school101.extensions import db
from school101.models import Application, EligibilityException
from tests.conftest import count


def test_current_campaign_404_then_200(client, make_campaign):
    r = client.get("/api/v1/campaigns/current")
    assert r.status_code == 404 and r.json["error"]["code"] == "no_open_campaign"
    make_campaign(open=False)
    assert client.get("/api/v1/campaigns/current").status_code == 404
    campaign = make_campaign(name="Campagne 2027")
    r = client.get("/api/v1/campaigns/current")
    assert r.status_code == 200
    assert r.json["id"] == campaign.id and r.json["eligibility"]["age_max"] == 30


def test_apply_201_then_409_already_applied(client, make_user, make_campaign, auth_header):
    make_campaign()
    h = auth_header(make_user())
    r = client.post("/api/v1/applications", json={"motivation": "Je veux coder."}, headers=h)
    assert r.status_code == 201
    assert r.json == {"id": r.json["id"], "status": "applied"}
    r = client.post("/api/v1/applications", json={"motivation": "Encore."}, headers=h)
    assert r.status_code == 409 and r.json["error"]["code"] == "already_applied"
    me = client.get("/api/v1/me", headers=h).json
    assert me["application"]["status"] == "applied"
    assert count(Application) == 1


def test_apply_without_open_campaign_is_409(client, make_user, auth_header):
    r = client.post(
        "/api/v1/applications", json={"motivation": "x"}, headers=auth_header(make_user())
    )
    assert r.status_code == 409 and r.json["error"]["code"] == "no_open_campaign"


def test_apply_not_eligible_is_422_with_reason(client, make_user, make_campaign, auth_header):
    make_campaign(age_min=18, age_max=30)
    user = make_user(birth_date=date(1970, 6, 1))
    r = client.post("/api/v1/applications", json={"motivation": "x"}, headers=auth_header(user))
    assert r.status_code == 422
    assert r.json["error"]["code"] == "not_eligible"
    assert "18" in r.json["error"]["message"] and "30" in r.json["error"]["message"]
    assert count(Application) == 0


def test_eligibility_exception_lets_them_apply(client, make_user, make_campaign, auth_header):
    campaign = make_campaign()
    user = make_user(birth_date=date(1970, 6, 1))
    staff = make_user(roles=("staff",))
    db.session.add(
        EligibilityException(
            user_id=user.id,
            campaign_id=campaign.id,
            reason="Reconversion suivie par France Travail",
            granted_by_id=staff.id,
        )
    )
    db.session.commit()
    r = client.post("/api/v1/applications", json={"motivation": "x"}, headers=auth_header(user))
    assert r.status_code == 201


def test_unconfirmed_email_is_403_when_required(client, make_user, make_campaign, auth_header):
    make_campaign()
    r = client.post(
        "/api/v1/applications",
        json={"motivation": "x"},
        headers=auth_header(make_user(confirmed=False)),
    )
    assert r.status_code == 403 and r.json["error"]["code"] == "email_not_confirmed"
    assert "confirm" in r.json["error"]["message"].lower()


def test_unconfirmed_email_is_fine_when_setting_off(
    app, client, make_user, make_campaign, auth_header
):
    app.config["REQUIRE_EMAIL_CONFIRMATION"] = False
    make_campaign()
    r = client.post(
        "/api/v1/applications",
        json={"motivation": "x"},
        headers=auth_header(make_user(confirmed=False)),
    )
    assert r.status_code == 201


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"motivation": ""},
        {"motivation": "   "},
        {"motivation": 12},
        {"motivation": "x" * 3001},
        {"motivation": "ok", "extra": 1},
    ],
)
def test_bad_motivation_is_422_and_writes_nothing(
    client, make_user, make_campaign, auth_header, body
):
    make_campaign()
    r = client.post("/api/v1/applications", json=body, headers=auth_header(make_user()))
    assert r.status_code == 422 and r.is_json
    assert count(Application) == 0


def test_apply_needs_a_token(client, make_campaign):
    make_campaign()
    r = client.post("/api/v1/applications", json={"motivation": "x"})
    assert r.status_code == 401 and r.json["error"]["code"] == "unauthorized"


def test_register_then_apply_with_confirmation_off_end_to_end(app, client, make_campaign):
    app.config["REQUIRE_EMAIL_CONFIRMATION"] = False
    make_campaign()
    body = {
        "email": "tool@example.org",
        "password": "a long tool password",
        "first_name": "Outil",
        "last_name": "Script",
        "birth_date": "1999-09-09",
        "consent": True,
    }
    assert client.post("/api/v1/auth/register", json=body).status_code == 201
    token = client.post(
        "/api/v1/auth/token", json={"email": body["email"], "password": body["password"]}
    ).json["token"]
    r = client.post(
        "/api/v1/applications",
        json={"motivation": "Automatisé."},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert r.status_code == 201
