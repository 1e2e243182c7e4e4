"""The exam aggregate: one attempt per candidate and exam, its levels and every grademe try.

An exam is a PiscineDay of kind "exam" whose day_id names a pool folder (exercises/exam00).
Race-free rules (see services/exams.py):
- one attempt per (exam, user): a unique constraint; a parallel second start gets the first;
- one assignment per (attempt, level): a unique constraint;
- one pending try per assignment: taken by a conditional UPDATE of `pending` (False -> True);
- one award per level: the try is claimed (`outcome` pending -> verdict) and the attempt's
  level moves by a conditional UPDATE (`level = :level`), so points are added exactly once.
Results are final: no service deletes or edits them; foreign keys to the exam RESTRICT deletion.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from school101.extensions import db
from school101.models._base import UTCDateTime, utcnow

ATTEMPT_STATUSES = ("in_progress", "finished")
TRY_OUTCOMES = ("pending", "passed", "failed", "error", "void")


class ExamAttempt(db.Model):
    """A candidate's sitting of one exam: time limit, current level, points."""

    __tablename__ = "exam_attempts"
    __table_args__ = (
        UniqueConstraint("exam_id", "user_id", name="uq_exam_attempt_user"),
        CheckConstraint("status IN ('in_progress', 'finished')", name="exam_attempt_status"),
        CheckConstraint("points >= 0 AND level >= 0", name="exam_attempt_counters"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    exam_id: Mapped[int] = mapped_column(
        ForeignKey("piscine_days.id", ondelete="RESTRICT"), index=True
    )
    piscine_id: Mapped[int] = mapped_column(
        ForeignKey("piscines.id", ondelete="RESTRICT"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"), index=True)
    pool: Mapped[str] = mapped_column(String(40))  # the exam's folder, e.g. "exam00"
    seed: Mapped[int] = mapped_column(BigInteger)  # draws the exercise of each level
    duration_minutes: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    level: Mapped[int] = mapped_column(Integer, default=0)  # index of the current level
    levels_total: Mapped[int] = mapped_column(Integer)
    points: Mapped[int] = mapped_column(Integer, default=0)
    max_points: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(12), default="in_progress", index=True)
    # the room session it was started in (NULL for attempts started before rooms existed)
    room_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("exam_room_sessions.id", ondelete="RESTRICT"), index=True
    )

    assignments: Mapped[list[ExamAssignment]] = relationship(
        back_populates="attempt", order_by="ExamAssignment.level"
    )
    tries: Mapped[list[ExamTry]] = relationship(back_populates="attempt", order_by="ExamTry.id")


class ExamAssignment(db.Model):
    """The exercise drawn for one level of an attempt, with its tries and wait."""

    __tablename__ = "exam_assignments"
    __table_args__ = (UniqueConstraint("attempt_id", "level", name="uq_exam_assignment_level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("exam_attempts.id", ondelete="RESTRICT"), index=True
    )
    level: Mapped[int] = mapped_column(Integer)  # 0-based index
    level_key: Mapped[str] = mapped_column(String(40))  # key in day.toml, e.g. "level0"
    exercise: Mapped[str] = mapped_column(
        String(80)
    )  # folder under exercises/, e.g. exam00/level0/fizzbuzz
    points: Mapped[int] = mapped_column(Integer, default=0)
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    tries: Mapped[int] = mapped_column(Integer, default=0)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    pending: Mapped[bool] = mapped_column(Boolean, default=False)
    last_try_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    next_try_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    passed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    attempt: Mapped[ExamAttempt] = relationship(back_populates="assignments")
    try_rows: Mapped[list[ExamTry]] = relationship(
        back_populates="assignment", order_by="ExamTry.number"
    )


class ExamTry(db.Model):
    """One grademe: the snapshot turned in, its grading run, and what it did to the level."""

    __tablename__ = "exam_tries"
    __table_args__ = (
        UniqueConstraint("assignment_id", "number", name="uq_exam_try_number"),
        CheckConstraint(
            "outcome IN ('pending', 'passed', 'failed', 'error', 'void')", name="exam_try_outcome"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("exam_attempts.id", ondelete="RESTRICT"), index=True
    )
    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("exam_assignments.id", ondelete="RESTRICT"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)  # 1-based within the level
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="RESTRICT"))
    run_id: Mapped[int] = mapped_column(
        ForeignKey("grading_runs.id", ondelete="RESTRICT"), index=True
    )
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    outcome: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    evaluated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    wait_seconds: Mapped[int] = mapped_column(Integer, default=0)  # imposed by a failure

    attempt: Mapped[ExamAttempt] = relationship(back_populates="tries")
    assignment: Mapped[ExamAssignment] = relationship(back_populates="try_rows")
    submission = relationship("Submission")
    run = relationship("GradingRun")


class ExamRoom(db.Model):
    """A room where exams are taken: its name and the networks its computers use (CIDR list)."""

    __tablename__ = "exam_rooms"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    networks: Mapped[str] = mapped_column(String(2000))  # normalised CIDRs, one per line
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ExamRoomSession(db.Model):
    """An exam opened by staff in a room: the code shown on the room's screen, from open to close.

    `open_room_id` is the room's id while the session is open and NULL once closed: unique, so
    a room holds at most one open session even when two staff members open it at once."""

    __tablename__ = "exam_room_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(
        ForeignKey("exam_rooms.id", ondelete="RESTRICT"), index=True
    )
    exam_id: Mapped[int] = mapped_column(
        ForeignKey("piscine_days.id", ondelete="RESTRICT"), index=True
    )
    code: Mapped[str] = mapped_column(String(12))
    networks: Mapped[str] = mapped_column(String(2000))  # the room's networks when opened
    open_room_id: Mapped[int | None] = mapped_column(Integer, unique=True)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    room: Mapped[ExamRoom] = relationship()


class ExamConnection(db.Model):
    """A client (a browser login or an API token) taking part in an exam attempt.

    One is active per attempt: `active_attempt_id` is the attempt's id while active and NULL once
    ended (unique), so two logins at once never leave two active connections. `key_hash` is the
    SHA-256 of the browser's secret (kept in its signed session) or of "token:<id>"."""

    __tablename__ = "exam_connections"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("exam_attempts.id", ondelete="RESTRICT"), index=True
    )
    active_attempt_id: Mapped[int | None] = mapped_column(Integer, unique=True)
    kind: Mapped[str] = mapped_column(String(8))  # web | api
    key_hash: Mapped[str] = mapped_column(String(64), index=True)
    address: Mapped[str] = mapped_column(String(45), default="")
    user_agent: Mapped[str] = mapped_column(String(200), default="")
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
