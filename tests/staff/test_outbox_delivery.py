"""The staff outbox shows each mail's delivery status; an admin sends a failed mail again
(audited), and it goes out over real SMTP after the commit."""

from __future__ import annotations

import json

from school101.extensions import db
from school101.models import AuditLog, OutboxMail
from tests.conftest import count
from tests.fixtures.smtp import smtp_settings


def _mail(status: str, to: str = "cand@example.org", **extra) -> OutboxMail:
    row = OutboxMail(
        to=to,
        kind="confirm_email",
        subject=f"Sujet {status}",
        body="Corps\n",
        transport="smtp",
        status=status,
        attempts=extra.pop("attempts", 3),
        **extra,
    )
    db.session.add(row)
    db.session.commit()
    return row


def test_outbox_shows_delivery_status_and_filters_on_it(staff_client):
    _mail("failed", error="ConnectionRefusedError: [Errno 111] Connection refused")
    _mail("sent", attempts=1)
    page = staff_client.get("/staff/outbox").get_data(as_text=True)
    assert "badge-mail-failed" in page and "échoué" in page and "badge-mail-sent" in page
    assert "tentatives : 3" in page
    page = staff_client.get("/staff/outbox?status=failed").get_data(as_text=True)
    assert "Sujet failed" in page and "Sujet sent" not in page


def test_mail_page_shows_attempts_and_last_error_staff_cannot_retry(app, staff_client, smtp):
    app.config.update(smtp_settings(smtp), REDIS_URL="")
    failed = _mail("failed", error="SMTPRecipientsRefused: 550 No such user")
    page = staff_client.get(f"/staff/outbox/{failed.id}").get_data(as_text=True)
    assert "Dernière erreur" in page and "550 No such user" in page
    assert "/retry" not in page  # the button is for admins
    r = staff_client.post(f"/staff/outbox/{failed.id}/retry")
    assert r.status_code == 403
    db.session.expire_all()
    assert db.session.get(OutboxMail, failed.id).status == "failed" and smtp.handler.messages == []
    assert count(AuditLog) == 0


def test_admin_sends_a_failed_mail_again_after_the_commit(app, admin, admin_client, smtp):
    app.config.update(smtp_settings(smtp), REDIS_URL="")
    failed = _mail("failed", error="ConnectionRefusedError: down")
    page = admin_client.get(f"/staff/outbox/{failed.id}").get_data(as_text=True)
    assert f'action="/staff/outbox/{failed.id}/retry"' in page and "Renvoyer" in page
    r = admin_client.post(f"/staff/outbox/{failed.id}/retry")
    assert r.status_code == 302
    db.session.expire_all()
    row = db.session.get(OutboxMail, failed.id)
    assert (row.status, row.attempts) == ("sent", 4) and row.sent_at is not None
    assert [m["to"] for m in smtp.handler.messages] == [["cand@example.org"]]
    audit = AuditLog.query.filter_by(action="mail.retried").one()
    assert audit.actor_id == admin.id and (audit.target_type, audit.target_id) == (
        "outbox_mails",
        row.id,
    )
    assert json.loads(audit.before) == {"status": "failed", "attempts": 3}
    page = admin_client.get(r.headers["Location"]).get_data(as_text=True)
    assert "L&#39;e-mail va être renvoyé." in page


def test_only_a_failed_mail_can_be_sent_again(app, admin_client, smtp):
    app.config.update(smtp_settings(smtp), REDIS_URL="")
    sent = _mail("sent", attempts=1)
    r = admin_client.post(f"/staff/outbox/{sent.id}/retry", follow_redirects=True)
    assert "Seul un e-mail dont l&#39;envoi a échoué peut être renvoyé." in r.get_data(as_text=True)
    assert count(AuditLog) == 0 and smtp.handler.messages == []
    erased = _mail("failed", to="erased")
    r = admin_client.post(f"/staff/outbox/{erased.id}/retry", follow_redirects=True)
    assert "le compte a été effacé" in r.get_data(as_text=True)
    assert admin_client.post("/staff/outbox/99999/retry").status_code == 404


def test_without_smtp_there_is_nothing_to_send_again(app, admin_client):
    failed = _mail("failed", error="old failure")
    page = admin_client.get(f"/staff/outbox/{failed.id}").get_data(as_text=True)
    assert "/retry" not in page
    r = admin_client.post(f"/staff/outbox/{failed.id}/retry", follow_redirects=True)
    assert "Aucun serveur SMTP n&#39;est configuré" in r.get_data(as_text=True)
    assert count(AuditLog) == 0


def test_api_lists_delivery_status_and_admins_retry(app, client, make_user, auth_header, smtp):
    app.config.update(smtp_settings(smtp), REDIS_URL="")
    failed = _mail("failed", error="ConnectionRefusedError: down")
    staff = auth_header(make_user(roles=("staff",)))
    admin = auth_header(make_user(roles=("admin",)))
    items = client.get("/api/v1/staff/outbox", headers=staff).json["items"]
    assert [(m["status"], m["attempts"]) for m in items] == [("failed", 3)]
    assert client.post(f"/api/v1/staff/outbox/{failed.id}/retry", headers=staff).status_code == 403
    assert (
        smtp.handler.messages == [] and AuditLog.query.filter_by(action="mail.retried").count() == 0
    )
    r = client.post(f"/api/v1/staff/outbox/{failed.id}/retry", headers=admin)
    assert r.status_code == 200 and r.json["status"] == "sent" and r.json["attempts"] == 4
    assert [m["to"] for m in smtp.handler.messages] == [["cand@example.org"]]
    again = client.post(f"/api/v1/staff/outbox/{failed.id}/retry", headers=admin)
    assert again.status_code == 409 and again.json["error"]["code"] == "not_failed"
    assert client.post("/api/v1/staff/outbox/99999/retry", headers=admin).status_code == 404
