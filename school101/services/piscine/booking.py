"""Seat booking, race-free on PostgreSQL and SQLite.

A seat is taken only by `UPDATE piscines SET seats_taken = seats_taken + 1 WHERE id = :id
AND seats_taken < capacity`: the database serialises those updates (a row lock on PostgreSQL,
the write lock on SQLite), so capacity can never be exceeded. One booking row per person and
piscine (a unique constraint) means nobody holds two seats in a session; a parallel duplicate
insert fails on the constraint and the caller gets the existing booking. One seat across
sessions: the person's row is locked (PostgreSQL) before "seated elsewhere?" is read, and on
SQLite the piscine write lock already serialises every booking.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, or_
from sqlalchemy.exc import IntegrityError

from school101.core import audit
from school101.core.clock import as_aware
from school101.core.errors import Conflict, Forbidden, NotFound
from school101.extensions import db
from school101.models import (
    Booking,
    Invitation,
    Piscine,
    User,
)
from school101.models._base import utcnow
from school101.services.messaging import outbox as mail
from school101.services.piscine.queries import get_piscine, is_invited


@dataclass
class BookingResult:
    booking: Booking
    created: bool  # a new seat was taken by this call
    position: int | None  # waitlist position when the session is full


def _lock_piscine(piscine_id: int) -> None:
    """Serialise booking changes of one piscine: a no-op UPDATE takes the row lock on
    PostgreSQL and the write lock on SQLite until commit, so waitlist order and positions
    are exact even under a burst of requests."""
    db.session.execute(
        db.update(Piscine)
        .where(Piscine.id == piscine_id)
        .values(seats_taken=Piscine.seats_taken)
        .execution_options(synchronize_session=False)
    )


def _lock_person(user_id: int) -> None:
    """Serialise one person's bookings across sessions (row lock on PostgreSQL; on SQLite the
    database write lock taken by _lock_piscine serialises them already)."""
    from school101.models import User

    db.session.execute(db.select(User.id).where(User.id == user_id).with_for_update())


def _seated_elsewhere(user_id: int, piscine_id: int) -> int | None:
    """The other piscine where the person holds a seat, if any."""
    return db.session.scalar(
        db.select(Booking.piscine_id).where(
            Booking.user_id == user_id, Booking.status == "booked", Booking.piscine_id != piscine_id
        )
    )


def _take_seat(piscine_id: int) -> bool:
    return (
        db.session.execute(
            db.update(Piscine)
            .where(Piscine.id == piscine_id, Piscine.seats_taken < Piscine.capacity)
            .values(seats_taken=Piscine.seats_taken + 1)
            .execution_options(synchronize_session=False)
        ).rowcount
        == 1
    )


def _release_seat(piscine_id: int) -> None:
    db.session.execute(
        db.update(Piscine)
        .where(Piscine.id == piscine_id, Piscine.seats_taken > 0)
        .values(seats_taken=Piscine.seats_taken - 1)
        .execution_options(synchronize_session=False)
    )


def booking_of(user, piscine_id: int) -> Booking | None:
    """The person's booking row for a piscine, whatever its status."""
    return db.session.scalars(
        db.select(Booking).where(Booking.piscine_id == piscine_id, Booking.user_id == user.id)
    ).first()


def waitlist_position(booking: Booking) -> int | None:
    """1-based position among those waiting now, or None when not waitlisted."""
    if booking.status != "waitlisted":
        return None
    ahead = db.session.scalar(
        db.select(db.func.count())
        .select_from(Booking)
        .where(
            Booking.piscine_id == booking.piscine_id,
            Booking.status == "waitlisted",
            or_(
                Booking.waitlisted_at < booking.waitlisted_at,
                and_(Booking.waitlisted_at == booking.waitlisted_at, Booking.id < booking.id),
            ),
        )
    )
    return ahead + 1


def book(user, piscine_id: int, *, now: datetime | None = None) -> BookingResult:
    """Book a seat, or join the waitlist when full. The caller commits (also when full)."""
    now = now or utcnow()
    piscine = get_piscine(piscine_id)
    if not is_invited(user, piscine):
        raise Forbidden(_l("You are not invited to this piscine."), code="not_invited")
    if piscine.booking_closes_at is not None and now >= piscine.booking_closes_at:
        raise Conflict(_l("Booking for this piscine is closed."), code="booking_closed")
    existing = booking_of(user, piscine.id)
    if existing is not None and existing.status == "booked":
        return BookingResult(existing, False, None)
    if existing is not None and existing.status == "waitlisted":
        return BookingResult(existing, False, waitlist_position(existing))
    if (
        _seated_elsewhere(user.id, piscine.id) is not None
    ):  # cheap early answer, checked again below
        raise Conflict(
            _l("You already hold a seat in another piscine; cancel it first."),
            code="booked_elsewhere",
        )
    _lock_person(user.id)  # always person, then piscine: the one lock order of the module
    _lock_piscine(piscine.id)
    if _seated_elsewhere(user.id, piscine.id) is not None:  # a parallel booking elsewhere won
        raise Conflict(
            _l("You already hold a seat in another piscine; cancel it first."),
            code="booked_elsewhere",
        )
    existing = booking_of(user, piscine.id)  # read again under the lock
    if existing is not None and existing.status in ("booked", "waitlisted"):
        db.session.refresh(existing)
        return BookingResult(existing, False, waitlist_position(existing))
    now = max(now, utcnow())  # stamped under the lock: the waitlist order is the commit order
    seated = _take_seat(piscine.id)
    booking = existing or Booking(piscine_id=piscine.id, user_id=user.id)
    if seated:
        booking.status, booking.booked_at, booking.waitlisted_at = "booked", now, None
    else:
        booking.status, booking.waitlisted_at = "waitlisted", now
    booking.cancelled_at = None
    db.session.add(booking)
    try:
        db.session.flush()
    except IntegrityError:  # the same person booking twice at the same instant
        db.session.rollback()
        again = booking_of(user, piscine.id)
        if again is None:
            raise
        return BookingResult(again, False, waitlist_position(again))
    audit.record(
        "booking.booked" if seated else "booking.waitlisted",
        actor=user,
        target=booking,
        after={"piscine_id": piscine.id},
    )
    return BookingResult(booking, seated, None if seated else waitlist_position(booking))


def cancel(
    user, piscine_id: int, *, now: datetime | None = None, actor=None, reason: str = ""
) -> Booking:
    """Give up a seat (before the cancellation deadline) or leave the waitlist; the freed seat
    goes to the first person waiting, who is booked automatically and told by e-mail."""
    now = now or utcnow()
    piscine = get_piscine(piscine_id)
    booking = booking_of(user, piscine.id)
    if booking is None or booking.status == "cancelled":
        raise NotFound(_l("You have no booking in this piscine."), code="no_booking")
    _lock_piscine(piscine.id)
    db.session.refresh(booking)
    was = booking.status
    if was == "cancelled":
        raise NotFound(_l("You have no booking in this piscine."), code="no_booking")
    if (
        was == "booked"
        and actor is None
        and piscine.cancel_until is not None
        and now >= piscine.cancel_until
    ):
        raise Conflict(_l("The cancellation deadline has passed."), code="cancel_closed")
    changed = db.session.execute(
        db.update(Booking)
        .where(Booking.id == booking.id, Booking.status == was)
        .values(status="cancelled", cancelled_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not changed:
        raise Conflict(_l("Your booking changed meanwhile; reload the page."), code="conflict")
    if was == "booked":
        _release_seat(piscine.id)
        promote_waitlist(piscine.id, now=now)
    db.session.refresh(booking)
    audit.record(
        "booking.cancelled",
        actor=actor or user,
        target=booking,
        reason=reason,
        before={"status": was},
        after={"status": "cancelled"},
    )
    return booking


def promote_waitlist(piscine_id: int, *, now: datetime | None = None) -> list[Booking]:
    """Give free seats to the first people waiting (oldest first) who hold no seat in another
    session (they stay waiting: they may cancel the other seat later); e-mail each of them."""
    now = now or utcnow()
    promoted = []
    while True:
        seated = db.select(Booking.user_id).where(
            Booking.status == "booked", Booking.piscine_id != piscine_id
        )
        first = db.session.scalars(
            db.select(Booking)
            .where(
                Booking.piscine_id == piscine_id,
                Booking.status == "waitlisted",
                Booking.user_id.not_in(seated),
            )
            .order_by(Booking.waitlisted_at, Booking.id)
        ).first()
        if first is None:
            break
        # A waiting person's bookings elsewhere are only made under their row lock (see book),
        # so lock it too, then look again (lock order: the piscine is already held here; book
        # takes person then piscine, but never on a piscine where that person is waiting).
        _lock_person(first.user_id)
        if _seated_elsewhere(first.user_id, piscine_id) is not None:
            continue
        if not _take_seat(piscine_id):
            break
        won = db.session.execute(
            db.update(Booking)
            .where(Booking.id == first.id, Booking.status == "waitlisted")
            .values(status="booked", booked_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
        if not won:
            _release_seat(piscine_id)
            continue
        db.session.refresh(first)
        promoted.append(first)
        audit.record("booking.promoted", target=first, after={"piscine_id": piscine_id})
        user = first_user(first)
        piscine = db.session.get(Piscine, piscine_id)
        mail.send_template(
            "seat_granted",
            user.email,
            user=user,
            piscine=piscine,
            link=current_app.config["PUBLIC_URL"].rstrip("/") + "/piscine",
        )
    return promoted


def first_user(booking: Booking):
    from school101.models import User

    return db.session.get(User, booking.user_id)


def booking_to_json(result_or_booking) -> dict:
    """A booking as the API shows it."""
    booking = getattr(result_or_booking, "booking", result_or_booking)
    return {
        "id": booking.id,
        "piscine_id": booking.piscine_id,
        "status": booking.status,
        "booked_at": booking.booked_at.isoformat() if booking.booked_at else None,
        "position": waitlist_position(booking),
    }


def has_seat(user, piscine_id: int) -> bool:
    """True when the person holds a seat in the piscine."""
    booking = booking_of(user, piscine_id)
    return booking is not None and booking.status == "booked"


def decline_invitation(user, piscine_id: int) -> None:
    """Say no to an invitation (gives up any seat or waitlist place)."""
    invitation = db.session.scalars(
        db.select(Invitation).where(
            Invitation.piscine_id == piscine_id, Invitation.user_id == user.id
        )
    ).first()
    if invitation is None:
        raise NotFound(_l("You are not invited to this piscine."), code="not_invited")
    booking = booking_of(user, piscine_id)
    if booking is not None and booking.status != "cancelled":
        # the person acts for themselves: the cancellation deadline applies (actor=None)
        cancel(user, piscine_id, reason="invitation declined")
    invitation.status = "declined"
    audit.record("invitation.declined", actor=user, target=invitation)


def my_sessions(user, now: datetime | None = None) -> list[dict]:
    """The piscines a person is invited to (or declined), with their booking and what they may do."""
    now = now or utcnow()
    rows = db.session.execute(
        db.select(Piscine, Invitation)
        .join(Invitation, Invitation.piscine_id == Piscine.id)
        .where(Invitation.user_id == user.id)
        .order_by(Piscine.starts_on, Piscine.id)
    ).all()
    sessions = []
    for piscine, invitation in rows:
        booking = booking_of(user, piscine.id)
        status = booking.status if booking is not None else None
        booking_closed = piscine.booking_closes_at is not None and now >= as_aware(
            piscine.booking_closes_at
        )
        cancel_closed = piscine.cancel_until is not None and now >= as_aware(piscine.cancel_until)
        live = invitation.status == "invited"
        sessions.append(
            {
                "piscine": piscine,
                "invitation": invitation,
                "booking": booking,
                "status": status,
                "position": waitlist_position(booking) if status == "waitlisted" else None,
                "full": piscine.seats_taken >= piscine.capacity,
                "seats_left": max(0, piscine.capacity - piscine.seats_taken),
                "booking_closed": booking_closed,
                "cancel_closed": cancel_closed,
                "can_book": live and status in (None, "cancelled") and not booking_closed,
                "can_cancel": live
                and (status == "waitlisted" or (status == "booked" and not cancel_closed)),
                "can_decline": live and not (status == "booked" and cancel_closed),
            }
        )
    return sessions


def seated_piscine(user, piscine_id: int) -> Piscine:
    """A piscine in which the person holds a seat; Forbidden otherwise (NotFound if none)."""
    piscine = get_piscine(piscine_id)
    if not has_seat(user, piscine.id):
        raise Forbidden(
            _l("This page is for candidates with a seat in this piscine."), code="no_seat"
        )
    return piscine


def seated_candidate(piscine: Piscine, user_id: int) -> User:
    """A candidate holding (or having held) a booking in the piscine, or NotFound."""
    user = db.session.get(User, user_id)
    if user is None or booking_of(user, piscine.id) is None:
        raise NotFound(_l("This person has no booking in this piscine."))
    return user
