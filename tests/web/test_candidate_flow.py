"""A candidate's path through the pages: register, confirm, profile, apply; bad input on each."""

import re

from school101.extensions import db
from school101.models import Application, AuditLog, OutboxMail, User
from school101.services.messaging.links import delivered_body
from tests.conftest import count, login

FORM = {
    "email": "lea@example.org",
    "password": "une phrase longue",
    "first_name": "Léa",
    "last_name": "Martin",
    "birth_date": "2000-04-02",
    "consent": "y",
}
PROFILE = {
    "first_name": "Léa",
    "last_name": "Martin",
    "birth_date": "2000-04-02",
    "city": "Lyon",
    "postcode": "69003",
    "situation": "job_seeker",
    "heard_from": "press",
    "gender": "female",
}


def _confirm_link(mail: OutboxMail) -> str:
    return re.search(r"http://localhost(/auth/confirm/\S+)", delivered_body(mail)).group(1)


def test_pages_are_french_by_default_and_english_on_request(client):
    page = client.get("/auth/register").get_data(as_text=True)
    assert '<html lang="fr"' in page and "Créer votre compte" in page
    page = client.get("/auth/register?lang=en").get_data(as_text=True)
    assert '<html lang="en"' in page and "Create your account" in page


def test_register_confirm_profile_apply(client, make_campaign):
    make_campaign()
    r = client.post("/auth/register", data=FORM)
    assert r.status_code == 302
    user = User.query.one()
    assert user.email_confirmed_at is None
    # applying before confirming is refused with a message saying so
    client.post("/me/profile", data=PROFILE)
    r = client.post("/me/apply", data={"motivation": "J'aime les défis."})
    assert r.status_code == 403
    assert "confirmer votre adresse" in r.get_data(as_text=True)
    assert count(Application) == 0
    # follow the e-mailed link
    mail = OutboxMail.query.filter_by(kind="confirm_email").one()
    assert "Confirmez" in mail.subject or "confirm" in mail.subject.lower()
    assert client.get(_confirm_link(mail)).status_code == 302
    db.session.refresh(user)
    assert user.email_confirmed_at is not None
    r = client.post("/me/apply", data={"motivation": "J'aime les défis."}, follow_redirects=True)
    assert r.status_code == 200
    application = Application.query.one()
    assert application.status == "applied" and application.user_id == user.id
    page = client.get("/me").get_data(as_text=True)
    assert "Candidature envoyée" in page or "Candidaté" in page
    actions = {a.action for a in AuditLog.query.all()}
    assert {"user.registered", "user.email_confirmed", "application.created"} <= actions


def test_register_bad_input_shows_field_errors_and_writes_nothing(client):
    r = client.post(
        "/auth/register", data={**FORM, "email": "pas-un-email", "password": "court", "consent": ""}
    )
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    assert 'aria-invalid="true"' in page
    assert count(User) == 0 and count(OutboxMail) == 0


def test_forged_confirmation_link_is_refused(client, make_user):
    user = make_user(confirmed=False)
    r = client.get("/auth/confirm/forged.token.value", follow_redirects=True)
    assert "invalide" in r.get_data(as_text=True)
    db.session.refresh(user)
    assert user.email_confirmed_at is None


def test_login_wrong_password_and_logout(client, make_user):
    user = make_user()
    r = login(client, user.email, "wrong password")
    assert r.status_code == 401
    assert login(client, user.email).status_code == 302
    assert client.get("/me").status_code == 200
    client.post("/auth/logout")
    assert client.get("/me").status_code == 302


def test_password_reset_flow(client, make_user):
    user = make_user()
    r = client.post("/auth/forgot", data={"email": user.email})
    assert r.status_code == 302
    # the same answer for an unknown address, and no mail
    client.post("/auth/forgot", data={"email": "nobody@example.org"})
    mails = OutboxMail.query.filter_by(kind="password_reset").all()
    assert len(mails) == 1
    path = re.search(r"http://localhost(/auth/reset/\S+)", delivered_body(mails[0])).group(1)
    assert client.post(path, data={"password": "short"}).status_code == 422
    assert client.post(path, data={"password": "a brand new password"}).status_code == 302
    assert login(client, user.email, "a brand new password").status_code == 302
    # the link is single use
    r = client.get(path, follow_redirects=True)
    assert "expiré" in r.get_data(as_text=True)


def test_profile_bad_postcode_changes_nothing(client, make_user):
    user = make_user()
    login(client, user.email)
    r = client.post("/me/profile", data={**PROFILE, "postcode": "<script>", "city": ""})
    assert r.status_code == 422
    db.session.refresh(user)
    assert user.profile.postcode == "69003" and user.first_name == "Camille"


def test_ineligible_candidate_is_told_why(client, make_user, make_campaign):
    make_campaign(age_max=30)
    user = make_user(birth_date=__import__("datetime").date(1980, 1, 1))
    login(client, user.email)
    r = client.post("/me/apply", data={"motivation": "Envie d'apprendre."})
    assert r.status_code == 422
    assert "18 à 30 ans" in r.get_data(as_text=True)
    assert count(Application) == 0


def test_export_and_delete_account(client, make_user, make_application):
    application = make_application()
    user = application.user
    login(client, user.email)
    data = client.get("/me/export.json").get_json()
    assert data["account"]["email"] == user.email
    assert data["applications"][0]["motivation"]
    assert client.post("/me/delete", data={"confirm": "non"}).status_code == 302
    db.session.refresh(user)
    assert user.erased_at is None
    client.post("/me/delete", data={"confirm": "SUPPRIMER"})
    db.session.expire_all()
    user = db.session.get(User, user.id)
    assert user.erased_at is not None and user.first_name == "" and user.birth_date is None
    assert "@erased.invalid" in user.email
    assert db.session.get(Application, application.id).motivation == ""
    assert AuditLog.query.filter_by(action="user.erased").count() == 1
    assert login(client, "whatever@example.org").status_code == 401
