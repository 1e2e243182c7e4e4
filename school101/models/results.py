"""Official day results: the moulinette's grading of a candidate's day (history kept)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from school101.extensions import db
from school101.models._base import UTCDateTime, utcnow


class DayGrading(db.Model):
    """One grading of one candidate's day (at the deadline, or a staff re-run).

    The newest row per (piscine, user, day) is the official result; older ones stay as history.
    """

    __tablename__ = "day_gradings"

    id: Mapped[int] = mapped_column(primary_key=True)
    piscine_id: Mapped[int] = mapped_column(
        ForeignKey("piscines.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    day_id: Mapped[str] = mapped_column(String(40), index=True)
    #: a rush: one grading per team (`user_id` is one of its members), shown to every member
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("rush_teams.id", ondelete="SET NULL"), index=True
    )
    reason: Mapped[str] = mapped_column(String(20), default="deadline")  # deadline | rerun
    status: Mapped[str] = mapped_column(String(10), default="queued", index=True)
    job_id: Mapped[str] = mapped_column(String(80), default="")
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    score: Mapped[int | None] = mapped_column(Integer)
    max_score: Mapped[int | None] = mapped_column(Integer)
    submissions: Mapped[str] = mapped_column(Text, default="")  # JSON {exNN: submission id}
    verdict: Mapped[str] = mapped_column(Text, default="")  # the grader's day JSON
    error: Mapped[str] = mapped_column(Text, default="")
    worker: Mapped[str] = mapped_column(String(120), default="")
