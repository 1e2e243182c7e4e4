"""Peer-evaluation data in the person's export, and what an erasure wipes: the feedback they
wrote or received and their windows go; marks and dates stay for the other side's record."""

from __future__ import annotations

from datetime import timedelta

from school101.extensions import db
from school101.models import AuditLog, AvailabilitySlot
from school101.services.evaluations import availability, booking, evaluating
from school101.services.privacy.export import export_data
from school101.services.privacy.rights import erase_account
from tests.evaluations.conftest import DAY, NOW

LATER = NOW + timedelta(hours=2)
FEEDBACK = "Très bonne gestion des cas limites ; le découpage en fonctions pourrait être plus net."


def _done_evaluation(piscine, candidates):
    evaluated, evaluator = candidates(2)
    availability.publish(evaluator, piscine, LATER, LATER + timedelta(hours=2), now=NOW)
    db.session.commit()
    e = booking.book(evaluated, piscine, DAY, LATER, now=NOW)
    evaluating.submit(evaluator, e, {"works": 1, "explains": 4}, ["ok"], FEEDBACK, now=LATER)
    evaluating.rate(evaluated, e, 3, "Merci pour les conseils.", now=LATER)
    db.session.commit()
    return e, evaluated, evaluator


def test_the_export_holds_both_roles_without_the_other_persons_identity(piscine, candidates):
    e, evaluated, evaluator = _done_evaluation(piscine, candidates)
    mine = export_data(evaluated)["evaluations"]
    (row,) = mine["evaluations"]
    assert row["role"] == "evaluated" and row["mark"] == 92 and row["feedback"] == FEEDBACK
    assert "evaluator_id" not in row and evaluator.email not in str(mine)
    theirs = export_data(evaluator)["evaluations"]
    assert theirs["evaluations"][0]["role"] == "evaluator"
    assert theirs["availability"] and theirs["points"][-1]["reason"] == "earned"


def test_erasure_wipes_the_feedback_and_windows_but_keeps_the_mark(piscine, candidates):
    e, evaluated, evaluator = _done_evaluation(piscine, candidates)
    erase_account(evaluator, actor=evaluator)
    db.session.commit()
    db.session.expire_all()
    assert e.feedback == "" and e.feedback_comment == "" and e.mark == 92
    assert AvailabilitySlot.query.filter_by(user_id=evaluator.id).count() == 0
    about = AuditLog.query.filter_by(target_type="evaluations", target_id=e.id).all()
    assert about and all(a.after == "" and a.before == "" for a in about)
