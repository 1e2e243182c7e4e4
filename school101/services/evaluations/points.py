"""Evaluation points: everyone starts with the piscine's `evaluation_points`, being
evaluated costs one, evaluating earns one, staff can grant some (audited); never negative.

The balance changes only through conditional UPDATEs (`balance + delta >= 0`), the same
race-free pattern as seats; every change adds a `PointsEntry` to the ledger.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from school101.core import audit
from school101.core.errors import Conflict, ValidationFailed
from school101.core.permissions import ensure_staff
from school101.extensions import db
from school101.models import Booking, Piscine, PointsBalance, PointsEntry

GRANT_MAX = 50


def _ensure(piscine: Piscine, user_id: int) -> None:
    """Open the person's account with the starting points (once, race-free)."""
    exists = db.session.scalars(
        db.select(PointsBalance.id).filter_by(piscine_id=piscine.id, user_id=user_id)
    ).first()
    if exists:
        return
    try:
        with db.session.begin_nested():
            db.session.add(
                PointsBalance(
                    piscine_id=piscine.id, user_id=user_id, balance=piscine.evaluation_points
                )
            )
            db.session.add(
                PointsEntry(
                    piscine_id=piscine.id,
                    user_id=user_id,
                    delta=piscine.evaluation_points,
                    reason="start",
                )
            )
    except IntegrityError:
        pass  # opened at the same instant by another request


def balance(piscine: Piscine, user_id: int) -> int:
    """The person's points in the piscine (the starting points when never used)."""
    row = db.session.scalars(
        db.select(PointsBalance.balance).filter_by(piscine_id=piscine.id, user_id=user_id)
    ).first()
    return piscine.evaluation_points if row is None else row


def move(
    piscine: Piscine,
    user_id: int,
    delta: int,
    reason: str,
    *,
    evaluation_id: int | None = None,
    actor_id: int | None = None,
    note: str = "",
) -> bool:
    """Add `delta` (may be negative) unless the balance would go below 0; False then."""
    _ensure(piscine, user_id)
    changed = db.session.execute(
        db.update(PointsBalance)
        .where(
            PointsBalance.piscine_id == piscine.id,
            PointsBalance.user_id == user_id,
            PointsBalance.balance + delta >= 0,
        )
        .values(balance=PointsBalance.balance + delta)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not changed:
        return False
    db.session.add(
        PointsEntry(
            piscine_id=piscine.id,
            user_id=user_id,
            delta=delta,
            reason=reason,
            evaluation_id=evaluation_id,
            actor_id=actor_id,
            note=note[:500],
        )
    )
    return True


def spend_one(piscine: Piscine, user_id: int, evaluation_id: int | None = None) -> None:
    """Take the point an evaluation costs; Conflict when the person has none left."""
    if not move(piscine, user_id, -1, "booked", evaluation_id=evaluation_id):
        raise Conflict(
            _l("You have no evaluation point left: evaluate someone to earn one."),
            code="no_points",
        )


def grant(piscine: Piscine, user_id: int, amount: Any, reason: Any, *, actor) -> int:
    """Staff grant (or take back) points, with a reason (audited); returns the new balance.
    The caller commits."""
    ensure_staff(actor)
    text = audit.required_reason(reason)
    if isinstance(amount, bool) or not isinstance(amount, int) or amount == 0:
        raise ValidationFailed(
            _l("Some fields are not valid."),
            fields={"amount": _l("A whole number of points, not zero.")},
        )
    if abs(amount) > GRANT_MAX:
        raise ValidationFailed(
            _l("Some fields are not valid."),
            fields={"amount": _l("At most %(n)s points at a time.", n=GRANT_MAX)},
        )
    if not _seated(piscine, user_id):
        raise ValidationFailed(
            _l("Some fields are not valid."),
            fields={"user_id": _l("This person has no seat in this piscine.")},
        )
    before = balance(piscine, user_id)
    if not move(piscine, user_id, amount, "granted", actor_id=actor.id, note=text):
        raise Conflict(_l("A balance cannot go below zero."), code="points_negative")
    after = balance(piscine, user_id)
    audit.record(
        "points.granted",
        actor=actor,
        target=piscine,
        before={"user_id": user_id, "balance": before},
        after={"user_id": user_id, "balance": after, "amount": amount},
        reason=text,
    )
    return after


def _seated(piscine: Piscine, user_id: Any) -> bool:
    if isinstance(user_id, bool) or not isinstance(user_id, int):
        return False
    return (
        db.session.scalars(
            db.select(Booking.id).filter_by(piscine_id=piscine.id, user_id=user_id, status="booked")
        ).first()
        is not None
    )


def ledger(piscine: Piscine, user_id: int) -> list[PointsEntry]:
    """The person's point movements in the piscine, newest first."""
    return list(
        db.session.scalars(
            db.select(PointsEntry)
            .filter_by(piscine_id=piscine.id, user_id=user_id)
            .order_by(PointsEntry.id.desc())
        )
    )
