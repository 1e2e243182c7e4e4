"""No staff or admin page or API shows a working secret link (reset, confirmation,
invitation): the outbox shows a placeholder, the mail delivered over real SMTP has the link,
and an admin's resend still sends a working one."""

from __future__ import annotations

import json
import re
from email import message_from_string

from school101.extensions import db
from school101.models import OutboxMail, User
from school101.services.directory import organisations
from school101.services.identity import accounts
from tests.conftest import bearer
from tests.fixtures.smtp import smtp_settings


def _delivered(smtp, to: str) -> str:
    """The text of the last mail the SMTP server received for `to`."""
    (message,) = [m for m in smtp.handler.messages if m["to"] == [to]][-1:]
    return message_from_string(message["content"]).get_payload(decode=True).decode()


def _secret(text: str, path: str) -> str:
    return re.search(rf"{path}([\w.-]+)", text).group(1)


def _everything_staff_can_read(app, client, mail: OutboxMail, reader) -> list[str]:
    headers = bearer(app, reader)
    return [
        client.get("/staff/outbox").get_data(as_text=True),
        client.get(f"/staff/outbox/{mail.id}").get_data(as_text=True),
        client.get("/api/v1/staff/outbox", headers=headers).get_data(as_text=True),
        client.get(f"/api/v1/staff/outbox/{mail.id}", headers=headers).get_data(as_text=True),
    ]


def test_an_employers_reset_link_is_delivered_but_never_shown(
    app, admin, admin_client, smtp, make_user
):
    app.config.update(smtp_settings(smtp), REDIS_URL="")
    employer = make_user(roles=("employer",))
    assert admin_client.post("/auth/forgot", data={"email": employer.email}).status_code == 302
    mail = OutboxMail.query.filter_by(kind="password_reset").one()
    sent = _delivered(smtp, employer.email)
    token = _secret(sent, "/auth/reset/")
    assert accounts.user_for_reset_token(token).id == employer.id  # the delivered link works
    pages = _everything_staff_can_read(app, admin_client, mail, admin)
    for page in pages:
        assert token not in page and "/auth/reset/" not in page
    assert "[lien masqué]" in pages[1], pages[1]
    assert "[lien masqué]" in json.loads(pages[3])["body"]
    r = admin_client.get(
        f"/api/v1/staff/outbox/{mail.id}", headers={**bearer(app, admin), "Accept-Language": "en"}
    )
    assert "[link hidden]" in r.json["body"]
    # the stored row holds no token either
    db.session.expire_all()
    assert token not in (mail.body + (mail.link_ref or "")) and "[[link]]" in mail.body
    # an admin's resend still delivers a working link
    mail.status = "failed"
    db.session.commit()
    assert admin_client.post(f"/staff/outbox/{mail.id}/retry").status_code == 302
    again = _secret(_delivered(smtp, employer.email), "/auth/reset/")
    assert accounts.user_for_reset_token(again).id == employer.id
    r = app.test_client().post(f"/auth/reset/{again}", data={"password": "a brand new password"})
    assert r.status_code == 302 and r.headers["Location"].endswith("/auth/login")
    db.session.expire_all()
    assert accounts.authenticate(employer.email, "a brand new password") is not None


def test_confirmation_and_invitation_links_are_hidden_from_staff(
    app, admin, admin_client, smtp, make_user
):
    app.config.update(smtp_settings(smtp), REDIS_URL="")
    r = app.test_client().post(
        "/auth/register",
        data={
            "email": "lea@example.org",
            "password": "une phrase longue",
            "first_name": "Léa",
            "last_name": "Martin",
            "birth_date": "2000-04-02",
            "consent": "y",
        },
    )
    assert r.status_code == 302
    confirm = OutboxMail.query.filter_by(kind="confirm_email").one()
    token = _secret(_delivered(smtp, "lea@example.org"), "/auth/confirm/")
    for page in _everything_staff_can_read(app, admin_client, confirm, admin):
        assert token not in page and "/auth/confirm/" not in page
    assert app.test_client().get(f"/auth/confirm/{token}").status_code == 302
    db.session.expire_all()
    assert User.query.filter_by(email="lea@example.org").one().email_confirmed_at is not None

    org = organisations.create_organisation(
        {
            "name": "Rhône Logiciels",
            "siret": "73282932000074",
            "contact_name": "Paule Contact",
            "contact_email": "paule@rhone.example",
        },
        actor=admin,
        verified=True,
    )
    organisations.invite_employer(org, email="boss@rhone.example", actor=admin)
    db.session.commit()
    invite = OutboxMail.query.filter_by(kind="org_invite").one()
    token = _secret(_delivered(smtp, "boss@rhone.example"), "/auth/invitation/")
    for page in _everything_staff_can_read(app, admin_client, invite, admin):
        assert token not in page and "/auth/invitation/" not in page
    assert organisations.read_invitation(token)["email"] == "boss@rhone.example"


def test_links_written_before_the_fix_are_masked_too(app, admin, admin_client):
    old = OutboxMail(
        to="x@example.org",
        kind="password_reset",
        subject="Sujet",
        body="Ouvrez http://localhost/auth/reset/abc.DEF-123 vite\n",
        transport="outbox",
        status="sent",
    )
    db.session.add(old)
    db.session.commit()
    for page in _everything_staff_can_read(app, admin_client, old, admin):
        assert "abc.DEF-123" not in page
