"""Availability: the windows in which a candidate offers to evaluate.

Windows sit on a 15-minute grid, last at least 30 minutes (one evaluation) and at most
a campus day, start in the future, stay within the piscine's campus hours (Paris time, one
day) and do not overlap the person's other windows.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l

from school101.core import audit
from school101.core.clock import PARIS, as_aware
from school101.core.errors import NotFound, ValidationFailed
from school101.extensions import db
from school101.models import AvailabilitySlot, Piscine
from school101.models._base import utcnow
from school101.services.piscine.booking import has_seat

GRID_MINUTES = 15
EVALUATION_MINUTES = 30
#: names are revealed (and the reminder sent) this long before an evaluation
REVEAL_BEFORE = timedelta(minutes=15)
MAX_WINDOWS_AHEAD = 60  # open windows a person may hold at once


def on_grid(moment: datetime) -> bool:
    """True on a quarter-hour (:00, :15, :30, :45) with no seconds."""
    return moment.minute % GRID_MINUTES == 0 and moment.second == 0 and moment.microsecond == 0


def _invalid(field: str, message) -> ValidationFailed:
    return ValidationFailed(_l("Some fields are not valid."), fields={field: message})


def publish(
    user, piscine: Piscine, starts_at: Any, ends_at: Any, *, now: datetime | None = None
) -> AvailabilitySlot:
    """Offer to evaluate from `starts_at` to `ends_at` (aware datetimes). The caller commits."""
    now = now or utcnow()
    if not has_seat(user, piscine.id):
        raise ValidationFailed(
            _l("Only candidates with a seat in this piscine can evaluate."),
            fields={"piscine": _l("No seat in this piscine.")},
        )
    if not isinstance(starts_at, datetime) or not isinstance(ends_at, datetime):
        raise _invalid("starts_at", _l("Give a start and an end date and time."))
    starts_at, ends_at = as_aware(starts_at), as_aware(ends_at)
    if not (on_grid(starts_at) and on_grid(ends_at)):
        raise _invalid("starts_at", _l("Times go by quarter-hours (:00, :15, :30, :45)."))
    if starts_at <= now:
        raise _invalid("starts_at", _l("The window must start in the future."))
    if ends_at - starts_at < timedelta(minutes=EVALUATION_MINUTES):
        raise _invalid("ends_at", _l("A window lasts at least 30 minutes."))
    local_start, local_end = starts_at.astimezone(PARIS), ends_at.astimezone(PARIS)
    if local_start.date() != (local_end - timedelta(microseconds=1)).date():
        raise _invalid("ends_at", _l("A window stays within one day."))
    if local_start.time() < piscine.campus_opens or (
        local_end.time() > piscine.campus_closes or local_end.date() != local_start.date()
    ):
        raise _invalid(
            "starts_at",
            _l(
                "Evaluations take place during campus hours, %(opens)s to %(closes)s.",
                opens=piscine.campus_opens.strftime("%H:%M"),
                closes=piscine.campus_closes.strftime("%H:%M"),
            ),
        )
    mine = db.select(AvailabilitySlot).filter_by(piscine_id=piscine.id, user_id=user.id)
    overlap = db.session.scalars(
        mine.where(AvailabilitySlot.starts_at < ends_at, AvailabilitySlot.ends_at > starts_at)
    ).first()
    if overlap is not None:
        raise _invalid("starts_at", _l("This window overlaps one you already published."))
    upcoming = db.session.scalar(
        db.select(db.func.count())
        .select_from(AvailabilitySlot)
        .filter_by(piscine_id=piscine.id, user_id=user.id)
        .where(AvailabilitySlot.ends_at > now)
    )
    if upcoming >= MAX_WINDOWS_AHEAD:
        raise _invalid("starts_at", _l("You already offer many windows: remove some first."))
    slot = AvailabilitySlot(
        piscine_id=piscine.id, user_id=user.id, starts_at=starts_at, ends_at=ends_at
    )
    db.session.add(slot)
    db.session.flush()
    audit.record(
        "availability.published",
        actor=user,
        target=slot,
        after={"starts_at": starts_at.isoformat(), "ends_at": ends_at.isoformat()},
    )
    return slot


def withdraw(user, slot_id: int, *, now: datetime | None = None) -> None:
    """Remove one of one's windows (evaluations already booked in it stay). The caller commits."""
    slot = db.session.get(AvailabilitySlot, slot_id) if isinstance(slot_id, int) else None
    if slot is None or slot.user_id != user.id:
        raise NotFound(_l("No such availability window."))
    audit.record(
        "availability.withdrawn",
        actor=user,
        target=slot,
        before={"starts_at": slot.starts_at.isoformat(), "ends_at": slot.ends_at.isoformat()},
    )
    db.session.delete(slot)


def windows(user, piscine: Piscine, *, now: datetime | None = None) -> list[AvailabilitySlot]:
    """The person's windows that have not ended, in time order."""
    now = now or utcnow()
    return list(
        db.session.scalars(
            db.select(AvailabilitySlot)
            .filter_by(piscine_id=piscine.id, user_id=user.id)
            .where(AvailabilitySlot.ends_at > now)
            .order_by(AvailabilitySlot.starts_at)
        )
    )
