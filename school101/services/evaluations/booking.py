"""Booking a peer evaluation: which work needs one, who may evaluate, and the race-free
booking itself; cancellations and no-shows.

Rules (issue 13, and where it was silent, see docs/decisions.md "Peer evaluations"):
- a day, project or rush asks `peer_evaluations = N` (day.toml); evaluations open when its
  deadline passes, for everyone who turned work in, until they have had N;
- a booking picks an evaluator at random among the seated candidates whose published
  window covers the whole evaluation, never the person, a teammate, one of their last two
  evaluators, or someone busy then; costs the evaluated person one point;
- the unique (person, quarter-hour) rows of `BusyQuarter` make two bookings of the last free
  evaluator at the same instant impossible: one commits, the other tries the next one or is
  told at once that nobody is free;
- cancelling more than 30 minutes ahead refunds the point; later, it is recorded as a late
  cancellation (the evaluated person's point is refunded only when the evaluator cancels).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from school101.core import audit
from school101.core.clock import as_aware
from school101.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from school101.extensions import db
from school101.models import (
    AvailabilitySlot,
    Booking,
    BusyQuarter,
    Evaluation,
    Piscine,
    RushTeamMember,
    Submission,
)
from school101.models._base import utcnow
from school101.models.evaluations import ACTIVE_STATUSES
from school101.services.evaluations import notices, points
from school101.services.evaluations.availability import (
    EVALUATION_MINUTES,
    GRID_MINUTES,
    on_grid,
)
from school101.services.evaluations.teams import is_rush
from school101.services.piscine.booking import has_seat
from school101.services.piscine.content import day_info

#: a booking is made at least this long before the evaluation (the evaluator is told then)
MIN_NOTICE = timedelta(minutes=15)
#: cancelling at least this long before refunds the point
REFUND_NOTICE = timedelta(minutes=30)
#: evaluators one may not get again: the last N of one's evaluations
RECENT_EVALUATORS = 2
_random = random.SystemRandom()


def required(day_id: str) -> int:
    """How many peer evaluations a day asks (`peer_evaluations` in day.toml, 0 by default)."""
    value = day_info(day_id).get("peer_evaluations", 0)
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def _turned_in(user_id: int, piscine_id: int, day_id: str) -> bool:
    return (
        db.session.scalars(
            db.select(Submission.id).filter_by(
                user_id=user_id, piscine_id=piscine_id, day_id=day_id
            )
        ).first()
        is not None
    )


def _active_count(user_id: int, piscine_id: int, day_id: str) -> int:
    return db.session.scalar(
        db.select(db.func.count())
        .select_from(Evaluation)
        .filter_by(evaluated_id=user_id, piscine_id=piscine_id, day_id=day_id)
        .where(Evaluation.status.in_(ACTIVE_STATUSES))
    )


def needs(user, piscine: Piscine, *, now: datetime | None = None) -> list[dict]:
    """The days of the piscine for which the person still needs evaluations:
    [{"day_id", "required", "booked"}], deadlines passed and work turned in."""
    now = now or utcnow()
    found = []
    for day in piscine.days:
        want = required(day.day_id)
        if not want or day.kind == "exam" or as_aware(day.closes_at) > now:
            continue
        if is_rush(day.day_id):  # a rush is defended by its team (defenses.book_defense)
            continue
        if not _turned_in(user.id, piscine.id, day.day_id):
            continue
        booked = _active_count(user.id, piscine.id, day.day_id)
        if booked < want:
            found.append({"day_id": day.day_id, "required": want, "booked": booked})
    return found


def quarters(starts_at: datetime, minutes: int = EVALUATION_MINUTES) -> list[datetime]:
    """The quarter-hours an evaluation starting at `starts_at` occupies."""
    return [starts_at + timedelta(minutes=m) for m in range(0, minutes, GRID_MINUTES)]


def _teammates(user_id: int, piscine_id: int) -> set[int]:
    teams = db.select(RushTeamMember.team_id).filter_by(piscine_id=piscine_id, user_id=user_id)
    return set(
        db.session.scalars(
            db.select(RushTeamMember.user_id).where(RushTeamMember.team_id.in_(teams))
        )
    ) - {user_id}


def _recent_evaluators(user_id: int, piscine_id: int) -> set[int]:
    return set(
        db.session.scalars(
            db.select(Evaluation.evaluator_id)
            .filter_by(evaluated_id=user_id, piscine_id=piscine_id)
            .where(Evaluation.status.in_(ACTIVE_STATUSES))
            .order_by(Evaluation.starts_at.desc(), Evaluation.id.desc())
            .limit(RECENT_EVALUATORS)
        )
    )


def free_evaluators(user, piscine: Piscine, starts_at: datetime) -> list[int]:
    """Ids of the candidates who could evaluate `user` at `starts_at` (before the race)."""
    ends_at = starts_at + timedelta(minutes=EVALUATION_MINUTES)
    covering = set(
        db.session.scalars(
            db.select(AvailabilitySlot.user_id)
            .join(
                Booking,
                (Booking.user_id == AvailabilitySlot.user_id)
                & (Booking.piscine_id == AvailabilitySlot.piscine_id),
            )
            .where(
                AvailabilitySlot.piscine_id == piscine.id,
                AvailabilitySlot.starts_at <= starts_at,
                AvailabilitySlot.ends_at >= ends_at,
                Booking.status == "booked",
            )
        )
    )
    busy = set(
        db.session.scalars(
            db.select(BusyQuarter.user_id).where(BusyQuarter.quarter.in_(quarters(starts_at)))
        )
    )
    excluded = {user.id} | _teammates(user.id, piscine.id) | _recent_evaluators(user.id, piscine.id)
    return sorted(covering - busy - excluded)


def _hold(evaluation: Evaluation, user_id: int) -> None:
    for quarter in quarters(evaluation.starts_at):
        db.session.add(BusyQuarter(user_id=user_id, quarter=quarter, evaluation_id=evaluation.id))


def book(
    user, piscine: Piscine, day_id: Any, starts_at: Any, *, now: datetime | None = None
) -> Evaluation:
    """Book an evaluation of `user`'s work for `day_id` at `starts_at`. The caller commits;
    on an error the caller rolls back and nothing has changed."""
    now = now or utcnow()
    if not has_seat(user, piscine.id):
        raise Forbidden(_l("Only candidates with a seat can book evaluations."), code="no_seat")
    need = {n["day_id"]: n for n in needs(user, piscine, now=now)}
    if not isinstance(day_id, str) or day_id not in need:
        raise ValidationFailed(
            _l("Some fields are not valid."),
            fields={"day_id": _l("This work needs no evaluation from you now.")},
        )
    if not isinstance(starts_at, datetime) or not on_grid(as_aware(starts_at)):
        raise ValidationFailed(
            _l("Some fields are not valid."),
            fields={"starts_at": _l("Choose a time on a quarter-hour.")},
        )
    starts_at = as_aware(starts_at)
    if starts_at < now + MIN_NOTICE:
        raise ValidationFailed(
            _l("Some fields are not valid."),
            fields={"starts_at": _l("Book at least 15 minutes ahead.")},
        )
    if points.balance(piscine, user.id) < 1:
        points.spend_one(piscine, user.id)  # raises the clear "no point left" conflict
    if _busy(user.id, starts_at):
        raise Conflict(_l("You already have an evaluation at that time."), code="busy_then")
    candidates = free_evaluators(user, piscine, starts_at)
    _random.shuffle(candidates)
    for evaluator_id in candidates:
        evaluation = Evaluation(
            piscine_id=piscine.id,
            day_id=day_id,
            evaluated_id=user.id,
            evaluator_id=evaluator_id,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=EVALUATION_MINUTES),
            status="booked",
        )
        try:
            with db.session.begin_nested():
                db.session.add(evaluation)
                db.session.flush()
                _hold(evaluation, user.id)
                _hold(evaluation, evaluator_id)
                db.session.flush()
        except IntegrityError:
            if _busy(user.id, starts_at):  # the person booked that time in another request
                raise Conflict(
                    _l("You already have an evaluation at that time."), code="busy_then"
                ) from None
            continue  # this evaluator was taken at this very instant: the next one
        points.spend_one(piscine, user.id, evaluation.id)
        notices.booked(evaluation)
        audit.record(
            "evaluation.booked",
            actor=user,
            target=evaluation,
            after={"day_id": day_id, "starts_at": starts_at.isoformat()},
        )
        return evaluation
    raise Conflict(_l("No evaluator is free at that time: try another time."), code="no_evaluator")


def _busy(user_id: int, starts_at: datetime) -> bool:
    return (
        db.session.scalars(
            db.select(BusyQuarter.id).where(
                BusyQuarter.user_id == user_id, BusyQuarter.quarter.in_(quarters(starts_at))
            )
        ).first()
        is not None
    )


def _release(evaluation: Evaluation) -> None:
    db.session.execute(db.delete(BusyQuarter).filter_by(evaluation_id=evaluation.id))


def evaluation_by_id(evaluation_id: Any) -> Evaluation | None:
    """The evaluation with this id (a whole number, not a bool), or None."""
    if isinstance(evaluation_id, bool) or not isinstance(evaluation_id, int):
        return None
    return db.session.get(Evaluation, evaluation_id)


def get_evaluation(user, evaluation_id: Any) -> Evaluation:
    """An evaluation one takes part in (or any, for staff); NotFound otherwise."""
    evaluation = evaluation_by_id(evaluation_id)
    if evaluation is None or not (
        user.is_staff or user.id in (evaluation.evaluated_id, evaluation.evaluator_id)
    ):
        raise NotFound(_l("No such evaluation."))
    return evaluation


def cancel(user, evaluation: Evaluation, *, now: datetime | None = None) -> Evaluation:
    """Cancel a booked evaluation (either side). The caller commits."""
    now = now or utcnow()
    if evaluation.status != "booked":
        raise Conflict(_l("Only a booked evaluation can be cancelled."), code="not_booked")
    if user.id not in (evaluation.evaluated_id, evaluation.evaluator_id):
        raise NotFound(_l("No such evaluation."))
    if now >= as_aware(evaluation.starts_at):
        raise Conflict(_l("The evaluation has started: report a no-show instead."), code="started")
    early = as_aware(evaluation.starts_at) - now >= REFUND_NOTICE
    piscine = db.session.get(Piscine, evaluation.piscine_id)
    refund = early or user.id == evaluation.evaluator_id
    if refund:
        points.move(piscine, evaluation.evaluated_id, 1, "refund", evaluation_id=evaluation.id)
    evaluation.status = "cancelled" if early else "late_cancelled"
    evaluation.cancelled_at, evaluation.cancelled_by_id = now, user.id
    _release(evaluation)
    audit.record(
        "evaluation.cancelled",
        actor=user,
        target=evaluation,
        before={"status": "booked"},
        after={"status": evaluation.status, "refunded": refund},
    )
    return evaluation


def report_no_show(user, evaluation: Evaluation, *, now: datetime | None = None) -> Evaluation:
    """One side says the other did not come (after the start): staff decide. Caller commits."""
    now = now or utcnow()
    if evaluation.status != "booked" or now < as_aware(evaluation.starts_at):
        raise Conflict(
            _l("A no-show can be reported once the evaluation has started."), code="not_started"
        )
    if user.id == evaluation.evaluated_id:
        evaluation.no_show_of = "evaluator"
    elif user.id == evaluation.evaluator_id:
        evaluation.no_show_of = "evaluated"
    else:
        raise NotFound(_l("No such evaluation."))
    evaluation.status = "no_show"
    evaluation.to_staff = True
    audit.record(
        "evaluation.no_show",
        actor=user,
        target=evaluation,
        before={"status": "booked"},
        after={"status": "no_show", "absent": evaluation.no_show_of},
    )
    return evaluation
