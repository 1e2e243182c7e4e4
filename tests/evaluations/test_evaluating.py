"""The evaluation itself: names revealed 15 minutes before, the scale filled by the
evaluator (mark, flags, feedback, a point earned), the rating, finality after 24 hours,
and staff's void and re-open, audited."""

from __future__ import annotations

from datetime import timedelta

import pytest

from school101.core.errors import Conflict, Forbidden, ValidationFailed
from school101.extensions import db
from school101.models import AuditLog
from school101.services.evaluations import availability, booking, evaluating, points, scales
from tests.evaluations.conftest import DAY, NOW

LATER = NOW + timedelta(hours=2)
FEEDBACK = "Code clair, bonnes explications ; pensez aux entrées vides et aux très grands nombres."


@pytest.fixture
def booked(piscine, candidates):
    evaluated, evaluator = candidates(2)
    availability.publish(evaluator, piscine, LATER, LATER + timedelta(hours=1), now=NOW)
    db.session.commit()
    evaluation = booking.book(evaluated, piscine, DAY, LATER, now=NOW)
    db.session.commit()
    return evaluation, evaluated, evaluator


def test_names_are_revealed_fifteen_minutes_before(booked, staff):
    evaluation, evaluated, _evaluator = booked
    assert not evaluating.names_visible(evaluated, evaluation, now=NOW)
    assert evaluating.names_visible(evaluated, evaluation, now=LATER - timedelta(minutes=15))
    assert evaluating.names_visible(staff, evaluation, now=NOW)


def test_the_evaluator_fills_the_scale_and_earns_a_point(booked, piscine):
    evaluation, evaluated, evaluator = booked
    answers = {"works": 1, "explains": 3}
    with pytest.raises(Conflict):
        evaluating.submit(evaluator, evaluation, answers, ["ok"], FEEDBACK, now=NOW)
    with pytest.raises(Forbidden):
        evaluating.submit(evaluated, evaluation, answers, ["ok"], FEEDBACK, now=LATER)
    evaluating.submit(evaluator, evaluation, answers, ["ok"], FEEDBACK, now=LATER)
    db.session.commit()
    assert evaluation.status == "submitted"
    assert evaluation.mark == 84  # 6 of 6 points + 3/5 of 4 points = 8.4 of 10
    assert points.balance(piscine, evaluator.id) == piscine.evaluation_points + 1
    assert not evaluating.is_final(evaluation, now=LATER + timedelta(hours=23))
    assert evaluating.is_final(evaluation, now=LATER + timedelta(hours=24))


@pytest.mark.parametrize(
    "answers, flags, feedback, field",
    [
        ({"works": 1}, ["ok"], FEEDBACK, "answers.explains"),
        ({"works": 2, "explains": 3}, [], FEEDBACK, "answers.works"),
        ({"works": 1, "explains": 6}, [], FEEDBACK, "answers.explains"),
        ({"works": 1, "explains": 3, "extra": 1}, [], FEEDBACK, "answers"),
        ({"works": 1, "explains": 3}, ["great"], FEEDBACK, "flags"),
        ({"works": 1, "explains": 3}, ["ok"], "Bien.", "feedback"),
        ("all good", ["ok"], FEEDBACK, "answers"),
    ],
)
def test_bad_scales_are_refused_and_change_nothing(booked, answers, flags, feedback, field):
    evaluation, _evaluated, evaluator = booked
    with pytest.raises(ValidationFailed) as caught:
        evaluating.submit(evaluator, evaluation, answers, flags, feedback, now=LATER)
    assert field in caught.value.fields
    assert evaluation.status == "booked" and evaluation.mark is None


def test_cheat_and_cannot_explain_set_zero_and_go_to_staff(booked):
    evaluation, _evaluated, evaluator = booked
    answers = {"works": 1, "explains": 5}
    evaluating.submit(evaluator, evaluation, answers, ["cannot_support"], FEEDBACK, now=LATER)
    assert evaluation.mark == 0 and evaluation.to_staff


def test_the_evaluated_rates_the_feedback_and_it_is_final(booked):
    evaluation, evaluated, evaluator = booked
    evaluating.submit(evaluator, evaluation, {"works": 1, "explains": 5}, [], FEEDBACK, now=LATER)
    with pytest.raises(ValidationFailed):
        evaluating.rate(evaluated, evaluation, 5, now=LATER)
    with pytest.raises(Forbidden):
        evaluating.rate(evaluator, evaluation, 4, now=LATER)
    evaluating.rate(evaluated, evaluation, 4, "Merci, très utile.", now=LATER)
    assert evaluation.status == "done" and evaluating.is_final(evaluation, now=LATER)
    with pytest.raises(Conflict):
        evaluating.rate(evaluated, evaluation, 3, now=LATER)


def test_staff_void_refunds_and_reopen_clears_with_a_reason(booked, piscine, staff):
    evaluation, evaluated, _evaluator = booked
    with pytest.raises(ValidationFailed):
        evaluating.void(staff, evaluation, "  ")
    evaluating.void(staff, evaluation, "l'évaluateur était malade")
    db.session.commit()
    assert evaluation.status == "voided"
    assert points.balance(piscine, evaluated.id) == piscine.evaluation_points
    evaluating.reopen(staff, evaluation, "finalement faite en présentiel")
    db.session.commit()
    assert evaluation.status == "booked" and evaluation.mark is None
    actions = [a.action for a in AuditLog.query.order_by(AuditLog.id)]
    assert actions[-2:] == ["evaluation.voided", "evaluation.reopened"]


def test_scale_validation_names_each_problem(app):
    scale = scales.shipped_scale(DAY)
    assert scales.validate(scale) == {}
    broken = {
        "intro": {"fr": "x"},
        "sections": [
            {
                "title": {"fr": "a", "en": "a"},
                "guidance": {"fr": "g", "en": "g"},
                "questions": [
                    {"id": "Bad Id", "kind": "yesno", "points": 1, "text": {"fr": "q", "en": "q"}},
                    {"id": "b", "kind": "essay", "points": 0, "text": {"fr": "q", "en": "q"}},
                ],
            }
        ],
    }
    errors = scales.validate(broken)
    assert set(errors) == {
        "intro",
        "sections.0.questions.0.id",
        "sections.0.questions.1.kind",
        "sections.0.questions.1.points",
    }


def test_staff_edit_a_scale_and_it_is_used(booked, staff):
    evaluation, _evaluated, evaluator = booked
    scale = scales.shipped_scale(DAY)
    scale["sections"][0]["questions"] = scale["sections"][0]["questions"][:1]
    scales.save_scale(DAY, scale, actor=staff)
    db.session.commit()
    evaluating.submit(evaluator, evaluation, {"works": 0}, [], FEEDBACK, now=LATER)
    assert evaluation.mark == 0
    with pytest.raises(ValidationFailed):
        scales.save_scale(DAY, {"intro": {}}, actor=staff)
