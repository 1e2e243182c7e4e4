"""Human decisions with reasons, revisions, offers and notifications."""

from datetime import date, timedelta

import pytest

from school101.core.errors import ValidationFailed
from school101.extensions import db
from school101.models import AuditLog, Decision, OutboxMail
from school101.services.selection import decisions, notices, offers
from tests.conftest import count


def _post(client, headers, **body):
    return client.post("/api/v1/decisions", json=body, headers=headers)


def test_decision_then_revision_keeps_history_and_audits(client, started_piscine, auth_header):
    piscine, (a, _b, _c), staff = started_piscine()
    h = auth_header(staff)
    r = _post(
        client,
        h,
        user_id=a.id,
        piscine_id=piscine.id,
        decision="waitlist",
        reason="Régulier mais lent",
    )
    assert r.status_code == 201 and r.json["version"] == 1
    r = _post(
        client,
        h,
        user_id=a.id,
        piscine_id=piscine.id,
        decision="admit",
        reason="Examen final réussi",
    )
    assert r.status_code == 201 and r.json["version"] == 2 and r.json["offer_status"] == "pending"
    rows = Decision.query.filter_by(user_id=a.id).order_by(Decision.version).all()
    assert [(d.decision, d.current) for d in rows] == [("waitlist", False), ("admit", True)]
    revised = AuditLog.query.filter_by(action="selection.decision_revised").one()
    assert (
        '"waitlist"' in revised.before
        and '"admit"' in revised.after
        and revised.actor_id == staff.id
    )
    history = client.get(f"/api/v1/decisions?piscine_id={piscine.id}&history=1", headers=h).json
    assert len(history) == 2


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_blank_reason_is_422(client, started_piscine, auth_header, reason):
    piscine, (a, *_), staff = started_piscine()
    body = {"user_id": a.id, "piscine_id": piscine.id, "decision": "admit"}
    if reason is not None:
        body["reason"] = reason
    r = client.post("/api/v1/decisions", json=body, headers=auth_header(staff))
    assert r.status_code == 422 and "reason" in r.json["error"]["fields"]
    assert count(Decision) == 0


def test_before_the_piscine_starts_is_409(client, started_piscine, auth_header):
    piscine, (a, *_), staff = started_piscine(starts_on=date.today() + timedelta(days=3))
    r = _post(
        client,
        auth_header(staff),
        user_id=a.id,
        piscine_id=piscine.id,
        decision="reject",
        reason="x",
    )
    assert r.status_code == 409 and r.json["error"]["code"] == "not_started"


def test_candidate_token_is_403_and_unknown_person_404(
    client, started_piscine, auth_header, make_user
):
    piscine, (a, *_), staff = started_piscine()
    r = _post(
        client, auth_header(a), user_id=a.id, piscine_id=piscine.id, decision="admit", reason="moi"
    )
    assert r.status_code == 403
    outsider = make_user()
    r = _post(
        client,
        auth_header(staff),
        user_id=outsider.id,
        piscine_id=piscine.id,
        decision="admit",
        reason="x",
    )
    assert r.status_code == 404
    r = _post(
        client,
        auth_header(staff),
        user_id=a.id,
        piscine_id=piscine.id,
        decision="maybe",
        reason="x",
    )
    assert r.status_code == 422


def test_offer_declined_goes_to_the_best_of_the_waitlist(client, started_piscine, auth_header):
    from tests.selection.conftest import give_day_score

    piscine, (a, b, c), staff = started_piscine()
    give_day_score(piscine, b, "c00", 30)
    give_day_score(piscine, c, "c00", 90)
    admitted = decisions.decide(
        piscine=piscine, user_id=a.id, decision="admit", reason="Très bon", actor=staff
    )
    decisions.decide(
        piscine=piscine, user_id=b.id, decision="waitlist", reason="Juste", actor=staff
    )
    decisions.decide(piscine=piscine, user_id=c.id, decision="waitlist", reason="Bien", actor=staff)
    db.session.commit()
    assert (
        client.get("/api/v1/me/selection", headers=auth_header(a)).json["items"] == []
    )  # not told yet
    assert (
        client.post(f"/api/v1/me/offers/{admitted.id}/decline", headers=auth_header(a)).status_code
        == 404
    )
    notices.notify(admitted)
    db.session.commit()
    view = client.get("/api/v1/me/selection", headers=auth_header(a)).json["items"][0]
    assert view["decision"] == "admit" and view["breakdown"] and view["weights"]
    r = client.post(f"/api/v1/me/offers/{admitted.id}/decline", headers=auth_header(a))
    assert r.status_code == 200 and r.json["offer_status"] == "declined"
    promoted = decisions.current_decision(piscine.id, c.id)
    assert promoted.decision == "admit" and promoted.offer_status == "pending"
    assert "waitlist" in promoted.reason
    assert OutboxMail.query.filter_by(kind="decision_admit", to=c.email).count() == 1
    assert decisions.current_decision(piscine.id, b.id).decision == "waitlist"
    again = client.post(f"/api/v1/me/offers/{admitted.id}/confirm", headers=auth_header(a))
    assert again.status_code == 409 and again.json["error"]["code"] == "already_answered"


def test_offer_confirmation_and_expiry(client, started_piscine, auth_header):
    from school101.models._base import utcnow

    piscine, (a, b, c), staff = started_piscine()
    ra = decisions.decide(piscine=piscine, user_id=a.id, decision="admit", reason="ok", actor=staff)
    rb = decisions.decide(piscine=piscine, user_id=b.id, decision="admit", reason="ok", actor=staff)
    decisions.decide(
        piscine=piscine, user_id=c.id, decision="waitlist", reason="suivant", actor=staff
    )
    notices.notify(ra)
    notices.notify(rb)
    db.session.commit()
    assert (
        client.post(f"/api/v1/me/offers/{ra.id}/confirm", headers=auth_header(a)).json[
            "offer_status"
        ]
        == "confirmed"
    )
    assert (
        client.post(f"/api/v1/me/offers/{ra.id}/confirm", headers=auth_header(a)).status_code == 409
    )
    assert (
        client.post(f"/api/v1/me/offers/{rb.id}/confirm", headers=auth_header(a)).status_code == 404
    )
    assert offers.expire_offers(now=utcnow() + timedelta(days=8)) == 1
    db.session.commit()
    assert decisions.current_decision(piscine.id, c.id).decision == "admit"
    assert decisions.admitted_user_ids() >= {a.id, c.id}


def test_notification_uses_editable_templates_and_a_sandbox(started_piscine):
    piscine, (a, *_), staff = started_piscine()
    row = decisions.decide(
        piscine=piscine, user_id=a.id, decision="reject", reason="x", actor=staff
    )
    _subject, body = notices.preview(row, "fr")
    assert a.first_name in body and piscine.name in body
    notices.save_template(
        "reject", "fr", "Réponse 101", "Bonjour {{ first_name }} — {{ piscine }}", actor=staff
    )
    notices.notify(row)
    db.session.commit()
    mail = OutboxMail.query.filter_by(kind="decision_reject").one()
    assert mail.subject == "Réponse 101" and mail.body.startswith(f"Bonjour {a.first_name}")
    for bad in ("{{ first_name ", "{{ ''.__class__.__mro__ }}"):
        with pytest.raises(ValidationFailed):
            notices.save_template("reject", "fr", "S", bad, actor=staff)
