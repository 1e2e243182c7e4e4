"""Peer evaluations, booked as the rules say: points, availability, who may evaluate whom,
cancellations, no-shows, and two bookings racing for the last free evaluator."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from school101.core.errors import Conflict, Forbidden, ValidationFailed
from school101.extensions import db
from school101.models import (
    AuditLog,
    BusyQuarter,
    Evaluation,
    PointsEntry,
    RushTeam,
    RushTeamMember,
)
from school101.services.evaluations import availability, booking, points
from tests.evaluations.conftest import DAY, NOW

LATER = NOW + timedelta(hours=2)  # 12:00 Paris


def _offer(user, piscine, start=LATER, minutes=60):
    return availability.publish(user, piscine, start, start + timedelta(minutes=minutes), now=NOW)


def test_work_turned_in_after_the_deadline_needs_its_evaluations(piscine, candidates):
    worker, idle = candidates(1)[0], candidates(1, turned_in=False)[0]
    assert booking.needs(worker, piscine, now=NOW) == [{"day_id": DAY, "required": 2, "booked": 0}]
    assert booking.needs(idle, piscine, now=NOW) == []  # nothing turned in
    before_deadline = NOW - timedelta(hours=2)
    assert booking.needs(worker, piscine, now=before_deadline) == []


def test_booking_picks_a_free_evaluator_and_costs_one_point(piscine, candidates):
    evaluated, evaluator = candidates(2)
    _offer(evaluator, piscine)
    db.session.commit()
    evaluation = booking.book(evaluated, piscine, DAY, LATER, now=NOW)
    db.session.commit()
    assert evaluation.evaluator_id == evaluator.id and evaluation.status == "booked"
    assert points.balance(piscine, evaluated.id) == piscine.evaluation_points - 1
    assert points.balance(piscine, evaluator.id) == piscine.evaluation_points
    assert BusyQuarter.query.count() == 4  # two quarter-hours for each side
    assert booking.needs(evaluated, piscine, now=NOW)[0]["booked"] == 1
    assert AuditLog.query.filter_by(action="evaluation.booked").count() == 1


def test_nobody_free_changes_nothing(piscine, candidates):
    evaluated, other = candidates(2)
    _offer(other, piscine, start=LATER + timedelta(hours=3))  # not at that time
    db.session.commit()
    with pytest.raises(Conflict) as caught:
        booking.book(evaluated, piscine, DAY, LATER, now=NOW)
    assert caught.value.code == "no_evaluator"
    db.session.rollback()
    assert Evaluation.query.count() == 0 and BusyQuarter.query.count() == 0
    assert points.balance(piscine, evaluated.id) == piscine.evaluation_points


def test_never_oneself_a_teammate_or_one_of_the_last_two_evaluators(piscine, candidates):
    evaluated, mate, first, second, third = candidates(5)
    team = RushTeam(piscine_id=piscine.id, day_id="rush00", number=1)
    db.session.add(team)
    db.session.flush()
    for user in (evaluated, mate):
        db.session.add(
            RushTeamMember(team_id=team.id, piscine_id=piscine.id, day_id="rush00", user_id=user.id)
        )
    for user in (evaluated, mate, first, second, third):
        _offer(user, piscine, start=LATER, minutes=180)
    db.session.commit()
    assert booking.free_evaluators(evaluated, piscine, LATER) == sorted(
        [first.id, second.id, third.id]
    )
    seen = []
    for hour in (0, 1):
        e = booking.book(evaluated, piscine, DAY, LATER + timedelta(hours=hour), now=NOW)
        db.session.commit()
        seen.append(e.evaluator_id)
    assert len(set(seen)) == 2  # the last evaluator is never drawn again
    # the third time, only the one not among the last two remains
    assert booking.free_evaluators(evaluated, piscine, LATER + timedelta(hours=2)) == [
        u.id for u in (first, second, third) if u.id not in seen
    ]


def test_bad_bookings_are_refused_with_a_clear_field(piscine, candidates):
    evaluated, evaluator = candidates(2)
    _offer(evaluator, piscine)
    db.session.commit()
    cases = [
        (("c99", LATER), "day_id"),
        ((DAY, LATER + timedelta(minutes=7)), "starts_at"),  # off the grid
        ((DAY, NOW + timedelta(minutes=5)), "starts_at"),  # less than 15 minutes ahead
        ((DAY, "tomorrow"), "starts_at"),
    ]
    for (day_id, start), field in cases:
        with pytest.raises(ValidationFailed) as caught:
            booking.book(evaluated, piscine, day_id, start, now=NOW)
        assert field in caught.value.fields
    assert Evaluation.query.count() == 0


def test_no_point_left_no_booking(piscine, candidates):
    evaluated, evaluator = candidates(2)
    _offer(evaluator, piscine)
    points.move(piscine, evaluated.id, -piscine.evaluation_points, "granted")
    db.session.commit()
    with pytest.raises(Conflict) as caught:
        booking.book(evaluated, piscine, DAY, LATER, now=NOW)
    assert caught.value.code == "no_points"


def test_cancelling_early_refunds_late_is_recorded(piscine, candidates):
    evaluated, evaluator = candidates(2)
    _offer(evaluator, piscine, minutes=120)
    db.session.commit()
    early = booking.book(evaluated, piscine, DAY, LATER, now=NOW)
    db.session.commit()
    booking.cancel(evaluated, early, now=NOW)
    db.session.commit()
    assert early.status == "cancelled" and BusyQuarter.query.count() == 0
    assert points.balance(piscine, evaluated.id) == piscine.evaluation_points
    late = booking.book(evaluated, piscine, DAY, LATER + timedelta(minutes=60), now=NOW)
    db.session.commit()
    booking.cancel(evaluated, late, now=late.starts_at - timedelta(minutes=20))
    db.session.commit()
    assert late.status == "late_cancelled"
    assert points.balance(piscine, evaluated.id) == piscine.evaluation_points - 1


def test_an_evaluator_who_cancels_late_still_refunds_the_evaluated(piscine, candidates):
    evaluated, evaluator = candidates(2)
    _offer(evaluator, piscine)
    db.session.commit()
    e = booking.book(evaluated, piscine, DAY, LATER, now=NOW)
    db.session.commit()
    booking.cancel(evaluator, e, now=e.starts_at - timedelta(minutes=5))
    assert e.status == "late_cancelled"
    assert points.balance(piscine, evaluated.id) == piscine.evaluation_points


def test_a_no_show_goes_to_staff(piscine, candidates):
    evaluated, evaluator = candidates(2)
    _offer(evaluator, piscine)
    db.session.commit()
    e = booking.book(evaluated, piscine, DAY, LATER, now=NOW)
    with pytest.raises(Conflict):
        booking.report_no_show(evaluated, e, now=NOW)  # not started yet
    booking.report_no_show(evaluated, e, now=e.starts_at + timedelta(minutes=10))
    assert e.status == "no_show" and e.no_show_of == "evaluator" and e.to_staff


def test_points_never_go_negative_and_grants_need_a_reason(piscine, candidates, staff):
    (user,) = candidates(1)
    assert not points.move(piscine, user.id, -(piscine.evaluation_points + 1), "granted")
    with pytest.raises(ValidationFailed):
        points.grant(piscine, user.id, 3, "", actor=staff)
    with pytest.raises(ValidationFailed):
        points.grant(piscine, user.id, 0, "rien", actor=staff)
    with pytest.raises(Forbidden):
        points.grant(piscine, user.id, 3, "pourquoi pas", actor=user)
    assert points.grant(piscine, user.id, 3, "aide en salle", actor=staff) == (
        piscine.evaluation_points + 3
    )
    db.session.commit()
    assert [e.reason for e in points.ledger(piscine, user.id)] == ["granted", "start"]
    assert AuditLog.query.filter_by(action="points.granted").one().reason == "aide en salle"


@pytest.mark.parametrize(
    "start, minutes, field",
    [
        (LATER + timedelta(minutes=5), 60, "starts_at"),  # off the grid
        (LATER, 15, "ends_at"),  # shorter than one evaluation
        (NOW - timedelta(hours=1), 60, "starts_at"),  # in the past
        (NOW.replace(hour=5), 60, "starts_at"),  # 06:00 Paris: before campus hours
        (NOW.replace(hour=19, minute=30), 60, "starts_at"),  # ends after 21:00 Paris
    ],
)
def test_availability_follows_the_grid_and_campus_hours(piscine, candidates, start, minutes, field):
    (user,) = candidates(1)
    with pytest.raises(ValidationFailed) as caught:
        availability.publish(user, piscine, start, start + timedelta(minutes=minutes), now=NOW)
    assert field in caught.value.fields


def test_availability_windows_do_not_overlap(piscine, candidates):
    (user,) = candidates(1)
    _offer(user, piscine)
    with pytest.raises(ValidationFailed):
        _offer(user, piscine, start=LATER + timedelta(minutes=30))
    assert len(availability.windows(user, piscine, now=NOW)) == 1


def test_two_bookings_racing_for_the_last_free_evaluator(app, piscine, candidates):
    """Two candidates book the same time at the same instant with one free evaluator: one
    wins, the other is told at once; the evaluator is never double-booked."""
    first, second, evaluator = candidates(3)
    _offer(evaluator, piscine)
    db.session.commit()
    ids = (first.id, second.id)
    piscine_id = piscine.id
    barrier = threading.Barrier(2)
    outcomes: dict[int, str] = {}

    def attempt(user_id: int) -> None:
        with app.app_context():
            from school101.models import Piscine, User

            user = db.session.get(User, user_id)
            p = db.session.get(Piscine, piscine_id)
            barrier.wait()
            try:
                booking.book(user, p, DAY, LATER, now=NOW)
                db.session.commit()
                outcomes[user_id] = "booked"
            except Conflict as exc:
                db.session.rollback()
                outcomes[user_id] = exc.code
            finally:
                db.session.remove()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    db.session.expire_all()
    assert sorted(outcomes.values()) == ["booked", "no_evaluator"], outcomes
    assert Evaluation.query.filter_by(evaluator_id=evaluator.id).count() == 1
    loser = next(i for i, o in outcomes.items() if o != "booked")
    assert PointsEntry.query.filter_by(user_id=loser, reason="booked").count() == 0
