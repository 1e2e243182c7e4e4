"""Evaluation e-mails: both sides told of a booking without names, the 15-minute reminder
naming the other side sent once even when the duty runs twice, the feedback notice."""

from __future__ import annotations

from datetime import timedelta

from school101.extensions import db
from school101.models import OutboxMail
from school101.services.evaluations import availability, booking, evaluating, notices
from tests.evaluations.conftest import DAY, NOW

LATER = NOW + timedelta(hours=2)
FEEDBACK = (
    "Solution propre ; testez aussi les chaînes vides et les nombres négatifs la prochaine fois."
)


def test_booking_reminder_and_feedback_mails(piscine, candidates):
    evaluated, evaluator = candidates(2)
    availability.publish(evaluator, piscine, LATER, LATER + timedelta(hours=1), now=NOW)
    e = booking.book(evaluated, piscine, DAY, LATER, now=NOW)
    db.session.commit()
    booked = OutboxMail.query.filter_by(kind="evaluation_booked").all()
    assert sorted(m.to for m in booked) == sorted([evaluated.email, evaluator.email])
    for mail in booked:  # nobody is named before the reminder
        assert evaluated.last_name not in mail.body and evaluator.last_name not in mail.body
    assert "à 12\u00a0h\u00a000" in booked[0].body  # 11:00 UTC is 12:00 in Paris in January

    assert notices.send_reminders(now=LATER - timedelta(minutes=20)) == 0  # too early
    assert notices.send_reminders(now=LATER - timedelta(minutes=14)) == 1
    db.session.commit()
    assert notices.send_reminders(now=LATER - timedelta(minutes=10)) == 0  # once
    to_evaluated = OutboxMail.query.filter_by(kind="evaluation_reminder", to=evaluated.email).one()
    assert evaluator.last_name in to_evaluated.body

    evaluating.submit(evaluator, e, {"works": 1, "explains": 5}, [], FEEDBACK, now=LATER)
    db.session.commit()
    feedback = OutboxMail.query.filter_by(kind="evaluation_feedback").one()
    assert feedback.to == evaluated.email and "100" in feedback.body
