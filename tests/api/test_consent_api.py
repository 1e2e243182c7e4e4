"""GET/PUT /api/v1/me/consent: the consent page's API twin (consent recorded with its version)."""

import pytest

from school101.extensions import db
from school101.models import Application, AuditLog, Consent
from school101.services.identity.consent import CONSENT_VERSION
from tests.conftest import count

EN = {"Accept-Language": "en"}


def _consents(user) -> list[Consent]:
    return list(
        db.session.scalars(
            db.select(Consent).where(Consent.user_id == user.id).order_by(Consent.id)
        )
    )


def test_consent_flow_for_a_person_registered_without_consent(
    client, make_user, make_campaign, auth_header
):
    make_campaign()
    user = make_user(consent=False)
    h = auth_header(user)
    r = client.get("/api/v1/me/consent", headers=h)
    assert r.status_code == 200
    assert r.json["needs_consent"] is True and r.json["current"] is None
    assert r.json["version"] == CONSENT_VERSION and r.json["notice_url"].endswith("/privacy")
    assert (r.json["retention_months"], r.json["keep_two_years_years"]) == (3, 2)
    r = client.post("/api/v1/applications", json={"motivation": "Je veux coder."}, headers=h)
    assert r.status_code == 403 and r.json["error"]["code"] == "consent_required"

    r = client.put("/api/v1/me/consent", json={"consent": True, "keep_two_years": True}, headers=h)
    assert r.status_code == 200, r.json
    assert r.json["needs_consent"] is False
    assert (
        r.json["current"]["text_version"] == CONSENT_VERSION
        and r.json["current"]["keep_two_years"] is True
    )
    [row] = _consents(user)
    assert (row.text_version, row.keep_two_years, row.locale) == (
        CONSENT_VERSION,
        True,
        user.locale,
    )
    assert db.session.scalars(db.select(AuditLog).where(AuditLog.action == "consent.given")).one()

    r = client.post("/api/v1/applications", json={"motivation": "Je veux coder."}, headers=h)
    assert r.status_code == 201 and count(Application) == 1


def test_changing_the_two_year_choice_records_a_new_consent(client, make_user, auth_header):
    user = make_user()  # consented at registration, 3 months
    h = auth_header(user)
    assert client.get("/api/v1/me/consent", headers=h).json["current"]["keep_two_years"] is False
    r = client.put("/api/v1/me/consent", json={"consent": True, "keep_two_years": True}, headers=h)
    assert r.json["current"]["keep_two_years"] is True
    r = client.put("/api/v1/me/consent", json={"consent": True, "keep_two_years": False}, headers=h)
    assert r.json["current"]["keep_two_years"] is False
    assert [c.keep_two_years for c in _consents(user)] == [False, True, False]
    assert client.get("/api/v1/me/consent", headers=h).json["current"]["keep_two_years"] is False


@pytest.mark.parametrize(
    "body, field",
    [
        ({"consent": False, "keep_two_years": True}, "consent"),
        ({"consent": 1, "keep_two_years": True}, "consent"),
        ({"consent": "true", "keep_two_years": True}, "consent"),
        ({"consent": True, "keep_two_years": 1}, "keep_two_years"),
        ({"consent": True}, "keep_two_years"),
        ({"keep_two_years": False}, "consent"),
    ],
)
def test_anything_but_an_explicit_yes_is_422_and_records_nothing(
    client, make_user, auth_header, body, field
):
    user = make_user(consent=False)
    r = client.put("/api/v1/me/consent", json=body, headers={**auth_header(user), **EN})
    assert r.status_code == 422 and field in r.json["error"]["fields"]
    assert _consents(user) == []


def test_refusal_message_is_the_consent_page_s(client, make_user, auth_header):
    h = auth_header(make_user(consent=False))
    r = client.put(
        "/api/v1/me/consent", json={"consent": False, "keep_two_years": False}, headers={**h, **EN}
    )
    assert r.json["error"]["code"] == "consent_required"
    assert (
        r.json["error"]["fields"]["consent"]
        == "You must agree to the processing of your data to apply."
    )
    r = client.put(
        "/api/v1/me/consent", json={"consent": False, "keep_two_years": False}, headers=h
    )
    assert r.json["error"]["fields"]["consent"].startswith("Vous devez accepter")


def test_consent_needs_a_token(client):
    assert client.get("/api/v1/me/consent").status_code == 401
    assert (
        client.put(
            "/api/v1/me/consent", json={"consent": True, "keep_two_years": False}
        ).status_code
        == 401
    )


def test_consent_page_still_refuses_an_unticked_box(client, make_user):
    from tests.conftest import login

    user = make_user(consent=False)
    login(client, user.email)
    r = client.post("/me/consent", data={"keep_two_years": "y"})
    assert r.status_code == 422 and "Vous devez accepter" in r.get_data(as_text=True)
    assert _consents(user) == []
    r = client.post("/me/consent", data={"consent": "y", "keep_two_years": "y"})
    assert r.status_code == 302 and [c.keep_two_years for c in _consents(user)] == [True]
