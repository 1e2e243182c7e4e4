"""The API's language rule (docs/decisions.md): Accept-Language, fr or en, French by default, for
the top-level message, service messages and webargs/marshmallow field messages; and StrictBool."""

import pytest

from school101.extensions import db
from school101.models import User
from tests.conftest import count

FR = {"Accept-Language": "fr"}
EN = {"Accept-Language": "en"}
GOOD = {
    "email": "sam@example.org",
    "password": "a long enough pass",
    "first_name": "Sam",
    "last_name": "Perrin",
    "birth_date": "2001-02-03",
    "consent": True,
}


@pytest.mark.parametrize(
    "headers, top, required",
    [
        ({}, "Certains champs ne sont pas valides.", "Ce champ est obligatoire."),
        (FR, "Certains champs ne sont pas valides.", "Ce champ est obligatoire."),
        (EN, "Some fields are not valid.", "Missing data for required field."),
    ],
)
def test_webargs_field_messages_and_top_message_follow_accept_language(
    client, headers, top, required
):
    r = client.post("/api/v1/auth/register", json={"email": "sam@example.org"}, headers=headers)
    assert r.status_code == 422
    assert r.json["error"]["message"] == top
    assert r.json["error"]["fields"]["password"] == required
    assert r.json["error"]["fields"]["birth_date"] == required


@pytest.mark.parametrize(
    "headers, expected",
    [
        (
            FR,
            {
                "first_name": "Plus long que la longueur maximale (100).",
                "birth_date": "Date invalide (AAAA-MM-JJ attendu).",
                "locale": "Doit être l'une des valeurs : fr, en.",
                "extra": "Champ inconnu.",
            },
        ),
        (
            EN,
            {
                "first_name": "Longer than maximum length 100.",
                "birth_date": "Not a valid date.",
                "locale": "Must be one of: fr, en.",
                "extra": "Unknown field.",
            },
        ),
    ],
)
def test_marshmallow_messages_with_values_are_translated(client, headers, expected):
    body = {**GOOD, "first_name": "x" * 101, "birth_date": "03/02/2001", "locale": "de", "extra": 1}
    r = client.post("/api/v1/auth/register", json=body, headers=headers)
    assert r.status_code == 422 and r.json["error"]["fields"] == expected


@pytest.mark.parametrize(
    "headers, message",
    [
        ({}, "Aucune campagne n'est ouverte pour le moment."),
        (EN, "No campaign is open at the moment."),
        ({"Accept-Language": "en-GB,en;q=0.9"}, "No campaign is open at the moment."),
        (
            {"Accept-Language": "en;q=0.5, fr;q=0.9"},
            "Aucune campagne n'est ouverte pour le moment.",
        ),
        ({"Accept-Language": "de-DE,de;q=0.9"}, "Aucune campagne n'est ouverte pour le moment."),
    ],
)
def test_service_messages_follow_accept_language(client, make_user, auth_header, headers, message):
    h = auth_header(make_user())
    r = client.post("/api/v1/applications", json={"motivation": "x"}, headers={**h, **headers})
    assert r.status_code == 409 and r.json["error"] == {
        "code": "no_open_campaign",
        "message": message,
    }


def test_the_account_locale_does_not_change_the_api_language(client, make_user, auth_header):
    user = make_user()
    user.locale = "en"
    db.session.commit()
    h = auth_header(user)
    r = client.post("/api/v1/applications", json={"motivation": "x"}, headers=h)
    assert r.json["error"]["message"] == "Aucune campagne n'est ouverte pour le moment."
    r = client.post("/api/v1/applications", json={"motivation": "x"}, headers={**h, **EN})
    assert r.json["error"]["message"] == "No campaign is open at the moment."


@pytest.mark.parametrize(
    "call, code, fr, en",
    [
        (
            lambda c, h: c.get("/api/v1/nothing-here", headers=h),
            "not_found",
            "Cette ressource n'existe pas.",
            "This resource does not exist.",
        ),
        (
            lambda c, h: c.delete("/api/v1/campaigns/current", headers=h),
            "method_not_allowed",
            "Cette méthode n'est pas permise sur cette ressource.",
            "This method is not allowed on this resource.",
        ),
        (
            lambda c, h: c.get("/api/v1/me", headers=h),
            "unauthorized",
            "Un jeton d'accès (bearer) valide est nécessaire.",
            "A valid bearer token is required.",
        ),
        (
            lambda c, h: c.post(
                "/api/v1/auth/token", json={"email": "a@example.org", "password": "x"}, headers=h
            ),
            "invalid_credentials",
            "Adresse e-mail ou mot de passe incorrect.",
            "Wrong e-mail address or password.",
        ),
        (
            lambda c, h: c.post(
                "/api/v1/auth/register", data="{nope", content_type="application/json", headers=h
            ),
            "malformed_json",
            "Le corps de la requête n'est pas du JSON valide.",
            "The request body is not valid JSON.",
        ),
    ],
)
def test_http_and_api_layer_errors_in_both_languages(client, call, code, fr, en):
    french, english = call(client, {}), call(client, EN)
    assert french.json["error"] == {"code": code, "message": fr}
    assert english.json["error"] == {"code": code, "message": en}


def test_role_refusal_in_both_languages(client, make_user, auth_header):
    h = auth_header(make_user())
    r = client.get("/api/v1/staff/funnel", headers=h)
    assert r.status_code == 403 and r.json["error"]["message"] == "Votre rôle ne le permet pas."
    r = client.get("/api/v1/staff/funnel", headers={**h, **EN})
    assert r.json["error"]["message"] == "Your role does not allow this."


@pytest.mark.parametrize("value", [1, "true", 1.0, 0, "yes", None, [True]])
def test_register_consent_must_be_a_json_boolean(client, value):
    r = client.post("/api/v1/auth/register", json={**GOOD, "consent": value}, headers=EN)
    assert r.status_code == 422, r.json
    assert "consent" in r.json["error"]["fields"]
    assert count(User) == 0


@pytest.mark.parametrize("value", [1, "false", 0.0, 0])
def test_register_keep_two_years_must_be_a_json_boolean(client, value):
    r = client.post("/api/v1/auth/register", json={**GOOD, "keep_two_years": value}, headers=EN)
    assert r.status_code == 422 and r.json["error"]["fields"] == {
        "keep_two_years": "Not a valid boolean."
    }
    assert count(User) == 0


def test_json_true_still_registers(client):
    r = client.post("/api/v1/auth/register", json={**GOOD, "keep_two_years": True})
    assert r.status_code == 201


def test_query_parameter_errors_of_the_api_layer_are_translated(client, make_user, auth_header):
    h = auth_header(make_user(roles=("staff",)))
    r = client.get("/api/v1/decisions", headers=h)
    assert r.status_code == 422
    assert r.json["error"]["fields"] == {
        "piscine_id": "piscine_id est obligatoire (un nombre entier)."
    }
    r = client.get("/api/v1/decisions?piscine_id=x", headers={**h, **EN})
    assert r.json["error"]["fields"] == {"piscine_id": "piscine_id is required (a whole number)."}
