"""The grading aggregate: submissions (snapshots of turned-in files) and grading runs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from school101.extensions import db
from school101.models._base import UTCDateTime, utcnow

RUN_STATUSES = ("queued", "running", "graded", "failed")


class Submission(db.Model):
    """Turned-in files for one exercise, snapshotted as a tar archive in the database.

    Workers on other hosts grade from this snapshot, never from a path on the web host.
    """

    __tablename__ = "submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    exercise: Mapped[str] = mapped_column(String(80), index=True)  # e.g. "c00/ex00"
    piscine_id: Mapped[int | None] = mapped_column(
        ForeignKey("piscines.id", ondelete="SET NULL"), index=True
    )
    day_id: Mapped[str] = mapped_column(String(40), default="", index=True)
    source: Mapped[str] = mapped_column(String(10), default="upload")  # upload|api|git|staff
    #: a rush team's work (pushed to the team repository or uploaded by a member): the team's
    #: submission, whoever of its members turned it in (`user_id`)
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("rush_teams.id", ondelete="SET NULL"), index=True
    )
    archive: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    file_count: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    runs: Mapped[list[GradingRun]] = relationship(
        back_populates="submission", order_by="GradingRun.id"
    )


class GradingRun(db.Model):
    """One grading of one submission: queued -> running -> graded | failed."""

    __tablename__ = "grading_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(10), default="queued", index=True)
    reason: Mapped[str] = mapped_column(
        String(40), default="submission"
    )  # submission|deadline|rerun
    job_id: Mapped[str] = mapped_column(String(64), default="")
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    worker: Mapped[str] = mapped_column(String(120), default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    verdict_status: Mapped[str] = mapped_column(String(24), default="")
    passed: Mapped[bool | None] = mapped_column(Boolean)
    score: Mapped[int | None] = mapped_column(Integer)
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    verdict: Mapped[str] = mapped_column(Text, default="")  # the grader's JSON
    error: Mapped[str] = mapped_column(Text, default="")

    submission: Mapped[Submission] = relationship(back_populates="runs")
