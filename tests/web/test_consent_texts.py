"""Each consent records the SHA-256 and language of the exact notice shown; the words are kept
once per hash and shown again to the person (page, JSON export) and to staff."""

import json
import re

from school101.extensions import db
from school101.models import AuditLog, Consent, ConsentText, User
from school101.services.identity.consent import CONSENT_VERSION, render_notice
from tests.conftest import count, login

FORM = {
    "email": "lea@example.org",
    "password": "une phrase longue",
    "first_name": "Léa",
    "last_name": "Martin",
    "birth_date": "2000-04-02",
    "consent": "y",
}


def _hidden_hash(page: str) -> str:
    return re.search(r'name="notice_sha256" type="hidden" value="([0-9a-f]{64})"', page).group(1)


def test_registering_records_the_hash_and_language_of_the_notice_shown(client):
    page = client.get("/auth/register").get_data(as_text=True)
    french = render_notice("fr")
    assert _hidden_hash(page) == french.sha256 and "Finalité." in page
    r = client.post("/auth/register", data={**FORM, "notice_sha256": french.sha256})
    assert r.status_code == 302
    consent = Consent.query.one()
    assert (consent.text_version, consent.locale, consent.text_sha256) == (
        CONSENT_VERSION,
        "fr",
        french.sha256,
    )
    stored = db.session.get(ConsentText, french.sha256)
    assert stored.text == french.text and stored.locale == "fr" and "Finalité." in stored.text
    audit = AuditLog.query.filter_by(action="consent.given").one()
    assert json.loads(audit.after)["sha256"] == french.sha256


def test_in_english_the_english_text_is_recorded_and_kept_once(
    app, client
):  # client: fresh contexts
    english = render_notice("en")
    for email in ("lea@example.org", "tom@example.org"):
        client = app.test_client()
        page = client.get("/auth/register?lang=en").get_data(as_text=True)
        assert _hidden_hash(page) == english.sha256 and "Purpose." in page
        r = client.post(
            "/auth/register", data={**FORM, "email": email, "notice_sha256": english.sha256}
        )
        assert r.status_code == 302
    assert {(c.locale, c.text_sha256) for c in Consent.query.all()} == {("en", english.sha256)}
    assert count(Consent) == 2 and count(ConsentText) == 1


def test_a_notice_that_changed_while_reading_is_shown_again_and_nothing_is_written(client):
    r = client.post("/auth/register", data={**FORM, "notice_sha256": "0" * 64})
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    assert "La notice a changé pendant votre lecture" in page
    assert _hidden_hash(page) == render_notice("fr").sha256  # the current one, to agree to now
    assert count(User) == 0 and count(Consent) == 0 and count(ConsentText) == 0


def test_the_consent_page_records_the_text_of_the_page_language(client, make_user):
    user = make_user("ada@example.org", consent=False)
    login(client, user.email)
    page = client.get("/me/consent?lang=en").get_data(as_text=True)
    english = render_notice("en")
    assert english.sha256 == _hidden_hash(page)
    r = client.post("/me/consent", data={"consent": "y", "notice_sha256": english.sha256})
    assert r.status_code == 302
    consent = Consent.query.one()
    assert (consent.locale, consent.text_sha256) == ("en", english.sha256)


def test_the_person_sees_and_exports_the_exact_words_agreed_to(client, make_user):
    user = make_user("ada@example.org")  # factories give consent in French
    db.session.add(
        Consent(user_id=user.id, text_version="2025-old", locale="fr")
    )  # before texts were kept
    db.session.commit()
    login(client, user.email)
    french = render_notice("fr")
    page = client.get("/me/consents").get_data(as_text=True)
    assert "Mes consentements" in page and french.sha256 in page
    assert "Vos données servent à organiser l&#39;admission" in page
    assert "seule sa version est connue" in page
    exported = json.loads(client.get("/me/export.json").get_data(as_text=True))["consents"]
    assert [(c["text_version"], c["locale"], c["text_sha256"], c["text"]) for c in exported] == [
        (CONSENT_VERSION, "fr", french.sha256, french.text),
        ("2025-old", "fr", None, None),
    ]
    assert "/me/consents" in client.get("/me/account").get_data(as_text=True)


def test_staff_see_the_consent_and_its_text(
    app, client, make_user, make_campaign, make_application
):
    candidate = make_user("ada@example.org")
    application = make_application(candidate, make_campaign())
    make_user("staff@example.org", roles=("staff",), profile=False, consent=False)
    french = render_notice("fr")
    candidate_client = app.test_client()
    login(candidate_client, candidate.email)
    assert candidate_client.get(f"/staff/consent-texts/{french.sha256}").status_code == 403
    login(client, "staff@example.org")
    page = client.get(f"/staff/applications/{application.id}").get_data(as_text=True)
    assert "Consentement au traitement des données" in page
    assert f'href="/staff/consent-texts/{french.sha256}"' in page
    page = client.get(f"/staff/consent-texts/{french.sha256}").get_data(as_text=True)
    assert french.sha256 in page and "Vos droits. Vous pouvez" in page
    assert client.get(f"/staff/consent-texts/{'f' * 64}").status_code == 404


def test_api_registration_records_the_text_in_the_language_given(client):
    r = client.post(
        "/api/v1/auth/register",
        json={
            "email": "api@example.org",
            "password": "a long enough pass",
            "first_name": "Al",
            "last_name": "Api",
            "birth_date": "2001-02-03",
            "consent": True,
        },
    )
    assert r.status_code == 201, r.json
    consent = Consent.query.one()
    assert consent.text_sha256 == render_notice(consent.locale).sha256
