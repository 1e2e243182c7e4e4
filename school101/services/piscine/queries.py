"""Read models of the piscine pages: sessions, counts, people, a candidate's piscines."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func

from school101.core.errors import NotFound
from school101.core.paging import PER_PAGE_DEFAULT, Page, paginate
from school101.extensions import db
from school101.models import (
    Booking,
    Campaign,
    Invitation,
    Piscine,
    User,
)


def get_piscine(piscine_id: int) -> Piscine:
    """A piscine by id or NotFound."""
    piscine = db.session.get(Piscine, piscine_id)
    if piscine is None:
        raise NotFound(_l("No such piscine."), code="not_found")
    return piscine


def is_invited(user, piscine: Piscine) -> bool:
    """True when the person holds a live invitation to this piscine."""
    return (
        db.session.scalar(
            db.select(Invitation.id).where(
                Invitation.piscine_id == piscine.id,
                Invitation.user_id == user.id,
                Invitation.status == "invited",
            )
        )
        is not None
    )


PEOPLE_STATUSES = ("invited", "booked", "waitlisted", "declined", "cancelled")


def piscines(page: int = 1) -> Page:
    """Every piscine, newest first."""
    return paginate(
        db.select(Piscine).order_by(Piscine.starts_on.desc(), Piscine.id.desc()), page, clamp=True
    )


def piscine_counts(piscine: Piscine) -> dict:
    """How many people are in each state (invited, booked, waitlisted, declined, cancelled)."""
    inv = dict(
        db.session.execute(
            db.select(Invitation.status, func.count())
            .where(Invitation.piscine_id == piscine.id)
            .group_by(Invitation.status)
        ).all()
    )
    bookings = dict(
        db.session.execute(
            db.select(Booking.status, func.count())
            .join(
                Invitation,
                and_(
                    Invitation.piscine_id == Booking.piscine_id,
                    Invitation.user_id == Booking.user_id,
                ),
            )
            .where(Booking.piscine_id == piscine.id, Invitation.status == "invited")
            .group_by(Booking.status)
        ).all()
    )
    live_invited = inv.get("invited", 0)
    return {
        "invited": live_invited - sum(bookings.values()),
        "booked": bookings.get("booked", 0),
        "waitlisted": bookings.get("waitlisted", 0),
        "declined": inv.get("declined", 0),
        "cancelled": bookings.get("cancelled", 0),
        "total": sum(inv.values()),
    }


def campaigns() -> list[Campaign]:
    """Every campaign, newest first (the ranking's filter)."""
    return list(db.session.scalars(db.select(Campaign).order_by(Campaign.opens_at.desc())))


def people(piscine: Piscine, status: str, page: int = 1, per_page: int = PER_PAGE_DEFAULT) -> Page:
    """Invited people in one state, each {user, invitation, booking, position}. The waitlist is
    in its order (positions counted from 1); the others by name."""
    if status not in PEOPLE_STATUSES:
        status = "booked"
    query = (
        db.select(User, Invitation, Booking)
        .join(Invitation, Invitation.user_id == User.id)
        .outerjoin(Booking, and_(Booking.user_id == User.id, Booking.piscine_id == piscine.id))
        .where(Invitation.piscine_id == piscine.id)
    )
    by_name = [func.lower(User.last_name), func.lower(User.first_name), User.id]
    if status == "declined":
        query = query.where(Invitation.status == "declined").order_by(*by_name)
    elif status == "invited":
        query = query.where(Invitation.status == "invited", Booking.id.is_(None)).order_by(*by_name)
    elif status == "waitlisted":
        query = query.where(
            Invitation.status == "invited", Booking.status == "waitlisted"
        ).order_by(Booking.waitlisted_at, Booking.id)
    else:
        query = query.where(Invitation.status == "invited", Booking.status == status).order_by(
            *by_name
        )
    result = paginate(query, page, per_page, scalars=False, clamp=True)
    result.items = [
        {
            "user": u,
            "invitation": inv,
            "booking": b,
            "position": result.offset + i + 1 if status == "waitlisted" else None,
        }
        for i, (u, inv, b) in enumerate(result.items)
    ]
    return result
