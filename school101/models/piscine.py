"""The piscine aggregate: sessions, their calendar, invitations, bookings and the waitlist."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from school101.extensions import db
from school101.models._base import UTCDateTime, utcnow

if TYPE_CHECKING:
    from school101.models.admissions import Campaign

FEEDBACK_POLICIES = ("immediate", "after_deadline")
BOOKING_STATUSES = ("booked", "waitlisted", "cancelled")


class Piscine(db.Model):
    """A four-week piscine session with a capacity.

    `seats_taken` is the race-free seat counter: a seat is taken only by a conditional
    UPDATE (`seats_taken < capacity`), atomic on PostgreSQL and SQLite alike.
    """

    __tablename__ = "piscines"
    __table_args__ = (
        CheckConstraint(
            "seats_taken >= 0 AND seats_taken <= capacity", name="seats_within_capacity"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id"), index=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    capacity: Mapped[int] = mapped_column(Integer)
    seats_taken: Mapped[int] = mapped_column(Integer, default=0)
    feedback: Mapped[str] = mapped_column(String(20), default="after_deadline")
    booking_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancel_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: peer evaluations: the points everyone starts with, and the campus hours (Paris) in
    #: which availability may be published
    evaluation_points: Mapped[int] = mapped_column(Integer, default=5, server_default="5")
    campus_opens: Mapped[time] = mapped_column(Time, default=time(9, 0), server_default="09:00:00")
    campus_closes: Mapped[time] = mapped_column(
        Time, default=time(21, 0), server_default="21:00:00"
    )

    campaign: Mapped[Campaign | None] = relationship("Campaign")
    days: Mapped[list[PiscineDay]] = relationship(
        back_populates="piscine", cascade="all, delete-orphan", order_by="PiscineDay.position"
    )


class PiscineDay(db.Model):
    """One entry of a piscine's calendar: an exercise day or an exam, with its window."""

    __tablename__ = "piscine_days"
    __table_args__ = (UniqueConstraint("piscine_id", "day_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    piscine_id: Mapped[int] = mapped_column(
        ForeignKey("piscines.id", ondelete="CASCADE"), index=True
    )
    day_id: Mapped[str] = mapped_column(String(40))  # folder under exercises/, e.g. "c00"
    kind: Mapped[str] = mapped_column(String(10), default="day")  # day | exam
    position: Mapped[int] = mapped_column(Integer)
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    graded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    piscine: Mapped[Piscine] = relationship(back_populates="days")


class Invitation(db.Model):
    """Staff inviting a person to book a seat in a piscine."""

    __tablename__ = "invitations"
    __table_args__ = (UniqueConstraint("piscine_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    piscine_id: Mapped[int] = mapped_column(
        ForeignKey("piscines.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="invited")  # invited | declined
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Booking(db.Model):
    """A person's place in a piscine: booked, waitlisted or cancelled (one row per person)."""

    __tablename__ = "bookings"
    __table_args__ = (UniqueConstraint("piscine_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    piscine_id: Mapped[int] = mapped_column(
        ForeignKey("piscines.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(12), index=True)
    booked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    waitlisted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(Text, default="")
