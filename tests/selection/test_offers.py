"""Offers after an admission: who the waitlist promotes, when the clock starts, the worker's duties,
what candidates find and what staff see of the answers."""

import json
from datetime import timedelta

import pytest

from school101.core import clock
from school101.extensions import db
from school101.jobs.periodic import run_periodic_duties
from school101.models import Booking, Decision, OutboxMail, RoundPiscine
from school101.models._base import utcnow
from school101.services.selection import decisions, notices, offers, ranking, rounds
from tests.conftest import login
from tests.selection.conftest import candidate_path, give_day_score


def _cancel_seat(piscine, user):
    db.session.execute(
        db.update(Booking)
        .where(Booking.piscine_id == piscine.id, Booking.user_id == user.id)
        .values(status="cancelled")
    )
    db.session.commit()


def _admit_and_notify(piscine, user, staff, reason="Très bon"):
    row = decisions.decide(
        piscine=piscine, user_id=user.id, decision="admit", reason=reason, actor=staff
    )
    notices.notify(row)
    db.session.commit()
    return row


@pytest.fixture
def offer_with_a_departed_waitlist(started_piscine):
    """a admitted and told; b best of the waitlist but has since cancelled their seat; c waitlisted."""
    piscine, (a, b, c), staff = started_piscine()
    give_day_score(piscine, a, "c00", 95)
    give_day_score(piscine, b, "c00", 80)
    give_day_score(piscine, c, "c00", 40)
    admitted = _admit_and_notify(piscine, a, staff)
    decisions.decide(piscine=piscine, user_id=b.id, decision="waitlist", reason="Bien", actor=staff)
    decisions.decide(
        piscine=piscine, user_id=c.id, decision="waitlist", reason="Juste", actor=staff
    )
    db.session.commit()
    _cancel_seat(piscine, b)
    return piscine, (a, b, c), staff, admitted


# ------------------------------------------------------------------ 1. people who left the waitlist


def test_a_decline_skips_waitlisted_people_who_left(client, offer_with_a_departed_waitlist, caplog):
    piscine, (a, b, c), _staff, admitted = offer_with_a_departed_waitlist
    login(client, a.email)
    with caplog.at_level("INFO", logger="school101.services.selection"):
        r = client.post(f"/me/selection/{admitted.id}/decline")
    assert r.status_code == 302
    db.session.refresh(admitted)
    assert admitted.offer_status == "declined"
    assert (
        decisions.current_decision(piscine.id, b.id).decision == "waitlist"
    )  # never decided about
    promoted = decisions.current_decision(piscine.id, c.id)
    assert (
        promoted.decision == "admit" and promoted.offer_status == "pending" and promoted.notified_at
    )
    assert any(f"user #{b.id}" in m and "no seat" in m for m in caplog.messages)


def test_a_decline_with_nobody_eligible_waiting_still_works(
    client, offer_with_a_departed_waitlist, auth_header
):
    piscine, (a, _b, c), _staff, admitted = offer_with_a_departed_waitlist
    _cancel_seat(piscine, c)
    r = client.post(f"/api/v1/me/offers/{admitted.id}/decline", headers=auth_header(a))
    assert r.status_code == 200 and r.json["offer_status"] == "declined"
    assert (
        Decision.query.filter_by(decision="admit", current=True, offer_status="pending").count()
        == 0
    )


def test_expiry_skips_people_who_left_and_the_worker_commits_it(
    app, offer_with_a_departed_waitlist
):
    piscine, (_a, b, c), _staff, admitted = offer_with_a_departed_waitlist
    admitted.offer_deadline = utcnow() - timedelta(hours=1)
    db.session.commit()
    results = run_periodic_duties(app)
    assert results["offer expiry"] == 1
    db.session.expire_all()
    assert db.session.get(Decision, admitted.id).offer_status == "expired"
    assert decisions.current_decision(piscine.id, c.id).decision == "admit"
    assert decisions.current_decision(piscine.id, b.id).decision == "waitlist"


def test_one_failing_periodic_duty_does_not_block_the_others(app, monkeypatch, caplog):
    from school101.services.exams import attempts
    from school101.services.grading import deadline

    ran = []

    def broken(*_args, **_kwargs):
        db.session.add(OutboxMail(to="x@101.example", kind="x", subject="x", body="x"))
        raise RuntimeError("boom")

    monkeypatch.setattr(deadline, "sweep", lambda: ran.append("sweep") or 0)
    monkeypatch.setattr(offers, "expire_offers", broken)
    monkeypatch.setattr(attempts, "finish_expired", lambda: ran.append("exams") or 2)
    with caplog.at_level("ERROR"):
        results = run_periodic_duties(app)
    assert ran == ["sweep", "exams"]
    assert {k: results[k] for k in ("deadline sweep", "offer expiry", "exam time limits")} == {
        "deadline sweep": 0,
        "offer expiry": None,
        "exam time limits": 2,
    }  # other duties may follow
    assert OutboxMail.query.filter_by(kind="x").count() == 0  # the failing duty was rolled back
    assert any("offer expiry" in m for m in caplog.messages)


# ------------------------------------------------------------------ 2. the clock starts when told


def test_the_deadline_starts_when_the_admission_is_sent(client, started_piscine):
    piscine, (a, b, _c), staff = started_piscine()
    decided_at = utcnow() - timedelta(days=5)
    row = decisions.decide(
        piscine=piscine, user_id=a.id, decision="admit", reason="ok", actor=staff, now=decided_at
    )
    decisions.decide(
        piscine=piscine, user_id=b.id, decision="waitlist", reason="suivant", actor=staff
    )
    db.session.commit()
    assert row.offer_deadline is None and row.notified_at is None
    assert offers.expire_offers(now=utcnow() + timedelta(days=60)) == 0  # never told: never expires
    login(client, staff.email)
    rnd = rounds.create_round(
        name="R", piscine_ids=[piscine.id], weights={"day_scores": 100}, actor=staff, confirm_days=5
    )
    db.session.commit()
    page = client.get(candidate_path(rnd, piscine, a))
    text = page.get_data(as_text=True)
    assert 'data-offer-state="not_notified"' in text and "pas encore prévenu·e" in text
    sent_at = utcnow()
    notices.notify(row, now=sent_at)
    db.session.commit()
    assert row.notified_at == sent_at and row.offer_deadline == sent_at + timedelta(
        days=7
    )  # decided before any round: 7 days
    notices.notify(row, now=sent_at + timedelta(days=2))  # sending again keeps the clock
    assert row.offer_deadline == sent_at + timedelta(days=7) and row.notified_at == sent_at
    mail = OutboxMail.query.filter_by(kind="decision_admit").first()
    assert clock.paris_text(row.offer_deadline, locale="fr") in mail.body  # "… à 23 h 04"
    assert offers.expire_offers(now=sent_at + timedelta(days=6)) == 0
    assert offers.expire_offers(now=sent_at + timedelta(days=8)) == 1


def test_an_offer_decided_before_the_rule_restarts_its_clock_when_sent(started_piscine):
    piscine, (a, *_), staff = started_piscine()
    row = decisions.decide(
        piscine=piscine, user_id=a.id, decision="admit", reason="ok", actor=staff
    )
    row.offer_deadline = utcnow() - timedelta(
        days=1
    )  # as the old rule set it, from the decision time
    db.session.commit()
    assert offers.expire_offers() == 0
    sent_at = utcnow()
    notices.notify(row, now=sent_at)
    assert row.offer_deadline == sent_at + timedelta(days=7)
    assert offers.expire_offers() == 0


def test_the_round_sets_the_days_and_a_readmission_keeps_the_offer(started_piscine):
    piscine, (a, *_), staff = started_piscine()
    rnd = rounds.create_round(
        name="R", piscine_ids=[piscine.id], weights={"day_scores": 100}, actor=staff, confirm_days=3
    )
    row = decisions.decide(
        piscine=piscine,
        user_id=a.id,
        decision="admit",
        reason="ok",
        actor=staff,
        selection_round=rnd,
    )
    sent_at = utcnow()
    notices.notify(row, now=sent_at)
    again = decisions.decide(
        piscine=piscine,
        user_id=a.id,
        decision="admit",
        reason="ok, précisé",
        actor=staff,
        selection_round=rnd,
    )
    assert again.offer_deadline == sent_at + timedelta(days=3) and again.notified_at == sent_at


# ------------------------------------------------------------------ 3. candidates find their decision


def test_candidates_find_their_decision_once_told(client, started_piscine):
    piscine, (a, *_), staff = started_piscine()
    row = decisions.decide(
        piscine=piscine, user_id=a.id, decision="admit", reason="Très bon", actor=staff
    )
    db.session.commit()
    login(client, a.email)
    page = client.get("/me").get_data(as_text=True)
    assert "/me/selection" not in page and "selection-notice" not in page
    assert "Très bon" not in client.get("/me/selection").get_data(as_text=True)
    notices.notify(row)
    db.session.commit()
    page = client.get("/me").get_data(as_text=True)
    assert 'href="/me/selection"' in page and "Mon résultat de sélection" in page
    assert "Une décision vous concerne : voir et confirmer votre place avant le" in page
    assert "Très bon" in client.get("/me/selection").get_data(as_text=True)
    client.post(f"/me/selection/{row.id}/confirm")
    page = client.get("/me").get_data(as_text=True)
    assert "Une décision vous concerne." in page and "confirmer votre place" not in page


# ------------------------------------------------------------------ 4. staff see the answers


def test_staff_see_answers_deadlines_and_who_decided(client, started_piscine):
    piscine, (a, b, c), staff = started_piscine()
    staff.first_name, staff.last_name = "Inès", "Moreau"
    rnd = rounds.create_round(
        name="R", piscine_ids=[piscine.id], weights={"day_scores": 100}, actor=staff, blind=False
    )
    db.session.commit()
    ra = _admit_and_notify(piscine, a, staff)
    _admit_and_notify(piscine, b, staff)
    decisions.decide(piscine=piscine, user_id=c.id, decision="reject", reason="non", actor=staff)
    offers.respond_to_offer(a, ra.id, accept=True)
    db.session.commit()
    login(client, staff.email)
    page = client.get(f"/staff/selection/rounds/{rnd.id}").get_data(as_text=True)
    assert 'data-offer-state="confirmed"' in page and 'data-offer-state="pending"' in page
    assert (
        'data-offer-state="not_notified"' in page
        and "en attente de réponse" in page
        and "confirmée" in page
    )
    confirmed = client.get(f"/staff/selection/rounds/{rnd.id}?offer=confirmed").get_data(
        as_text=True
    )
    assert (
        a.last_name in confirmed and b.last_name not in confirmed and c.last_name not in confirmed
    )
    pending = client.get(f"/staff/selection/rounds/{rnd.id}?offer=pending").get_data(as_text=True)
    assert b.last_name in pending and a.last_name not in pending
    # an unknown state is a field error of the filter bar (issue 16), not a silent "everybody"
    assert client.get(f"/staff/selection/rounds/{rnd.id}?offer=nonsense").status_code == 422
    detail = client.get(f"/staff/selection/rounds/{rnd.id}/piscines/{piscine.id}/candidates/{b.id}")
    text = detail.get_data(as_text=True)
    assert "par Inès Moreau" in text and f"par #{staff.id}" not in text
    assert (
        "en attente de réponse" in text
        and ": pending" not in text
        and "réponse attendue avant le" in text
    )


# ------------------------------------------------------------------ 5. bulk decisions use the round viewed


def test_bulk_decisions_use_the_round_being_viewed(client, started_piscine):
    piscine, (a, b, _c), staff = started_piscine()
    give_day_score(piscine, a, "c00", 90)
    old = rounds.create_round(
        name="Ancien", piscine_ids=[piscine.id], weights={"day_scores": 100}, actor=staff
    )
    rounds.create_round(
        name="Récent", piscine_ids=[piscine.id], weights={"regularity": 100}, actor=staff
    )
    db.session.commit()
    login(client, staff.email)
    client.post(
        f"/staff/selection/rounds/{old.id}/piscines/{piscine.id}/decisions",
        data={
            "candidates": [ranking.pseudonym(u.id, old.id) for u in (a, b)],
            "decision": "waitlist",
            "reason": "Revue faite",
        },
    )
    rows = Decision.query.filter_by(piscine_id=piscine.id).all()
    assert len(rows) == 2 and {r.round_id for r in rows} == {old.id}
    assert all(json.loads(r.breakdown)["weights"] == {"day_scores": 100} for r in rows)


# ------------------------------------------------------------------ 6. the waitlist of the round


def test_a_freed_place_goes_to_the_best_of_the_rounds_waitlist(started_piscine):
    p1, (a, b, x), staff = started_piscine()
    p2, (c, *_), _ = started_piscine()
    p3, (e, *_), _ = started_piscine()  # another round
    for piscine, user, score in ((p1, a, 95), (p1, b, 30), (p1, x, 60), (p2, c, 90), (p3, e, 99)):
        give_day_score(piscine, user, "c00", score)
    rnd = rounds.create_round(
        name="Cohorte", piscine_ids=[p1.id, p2.id], weights={"day_scores": 100}, actor=staff
    )
    other = rounds.create_round(
        name="Autre", piscine_ids=[p3.id], weights={"day_scores": 100}, actor=staff
    )
    ra = decisions.decide(
        piscine=p1, user_id=a.id, decision="admit", reason="ok", actor=staff, selection_round=rnd
    )
    notices.notify(ra)
    decisions.decide(
        piscine=p1, user_id=b.id, decision="waitlist", reason="p1", actor=staff, selection_round=rnd
    )
    decisions.decide(
        piscine=p2, user_id=c.id, decision="waitlist", reason="p2", actor=staff, selection_round=rnd
    )
    decisions.decide(
        piscine=p3,
        user_id=e.id,
        decision="waitlist",
        reason="p3",
        actor=staff,
        selection_round=other,
    )
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count()).select_from(RoundPiscine)) == 3
    offers.respond_to_offer(a, ra.id, accept=False)
    db.session.commit()
    # c's percentile in p2 (2.5/3) beats b's in p1 (0.5/3); e waits in another round
    promoted = decisions.current_decision(p2.id, c.id)
    assert promoted.decision == "admit" and promoted.round_id == rnd.id and promoted.notified_at
    assert decisions.current_decision(p1.id, b.id).decision == "waitlist"
    assert decisions.current_decision(p3.id, e.id).decision == "waitlist"


def test_without_a_round_only_the_piscines_own_waitlist_is_used(started_piscine):
    p1, (a, b, _x), staff = started_piscine()
    p2, (c, *_), _ = started_piscine()
    give_day_score(p2, c, "c00", 90)
    ra = _admit_and_notify(p1, a, staff)
    decisions.decide(piscine=p2, user_id=c.id, decision="waitlist", reason="p2", actor=staff)
    db.session.commit()
    assert ra.round_id is None
    promoted = offers.promote_from_waitlist(ra, now=utcnow())
    assert promoted is None
    decisions.decide(piscine=p1, user_id=b.id, decision="waitlist", reason="p1", actor=staff)
    assert offers.promote_from_waitlist(ra, now=utcnow()).user_id == b.id
