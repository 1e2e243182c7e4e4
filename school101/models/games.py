"""The selection games aggregate: a game session (one attempt) and its levels.

The server generates each level from the session seed, stores the solution here and
never sends it; it measures time itself.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from school101.extensions import db
from school101.models._base import UTCDateTime, utcnow

GAMES = ("memory", "logic")


class GameSession(db.Model):
    """One attempt at one game by one applicant."""

    __tablename__ = "game_sessions"
    __table_args__ = (UniqueConstraint("application_id", "game", "attempt_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    game: Mapped[str] = mapped_column(String(10))
    attempt_no: Mapped[int] = mapped_column(Integer)
    seed: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(12), default="in_progress")  # in_progress|finished
    current_level: Mapped[int] = mapped_column(Integer, default=1)
    levels_solved: Mapped[int] = mapped_column(Integer, default=0)
    total_instructions: Mapped[int] = mapped_column(Integer, default=0)
    total_time_ms: Mapped[int] = mapped_column(Integer, default=0)
    score: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    levels: Mapped[list[GameLevel]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="GameLevel.level"
    )

    def rank_key(self) -> tuple:
        """Sort key of a finished session, larger is better (picks a person's best attempt):
        memory by levels then time; logic by levels, then fewer instructions, then time;
        the earlier attempt wins a tie."""
        if self.game == "memory":
            return (self.levels_solved, -self.total_time_ms, -self.attempt_no)
        return (self.levels_solved, -self.total_instructions, -self.total_time_ms, -self.attempt_no)


class GameLevel(db.Model):
    """One level of a session: the puzzle shown, the kept solution, the answer and its check."""

    __tablename__ = "game_levels"
    __table_args__ = (UniqueConstraint("session_id", "level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("game_sessions.id", ondelete="CASCADE"), index=True
    )
    level: Mapped[int] = mapped_column(Integer)
    puzzle: Mapped[str] = mapped_column(Text)  # JSON sent to the browser
    solution: Mapped[str] = mapped_column(Text)  # JSON kept on the server
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answer: Mapped[str] = mapped_column(Text, default="")
    correct: Mapped[bool | None] = mapped_column(Boolean)
    instructions: Mapped[int | None] = mapped_column(Integer)
    time_ms: Mapped[int | None] = mapped_column(Integer)
    # Memory: steps of the sequence revealed so far (one request each, paced by the server)
    # and when the display of the last revealed step ends.
    steps_revealed: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    shown_until: Mapped[datetime | None] = mapped_column(UTCDateTime)

    session: Mapped[GameSession] = relationship(back_populates="levels")


class GameRefusal(db.Model):
    """A request the pacing rules refused (an answer before the sequence was shown, an answer
    or a step faster than a human can go): kept as evidence for the plausibility report."""

    __tablename__ = "game_refusals"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("game_sessions.id", ondelete="CASCADE"), index=True
    )
    level: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(24))  # sequence_not_shown|too_fast|step_too_early
    elapsed_ms: Mapped[int] = mapped_column(Integer)  # since the level was issued
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class GamePlausibility(db.Model):
    """The timing report of a finished session: statistics, a verdict, and staff's review."""

    __tablename__ = "game_plausibility_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("game_sessions.id", ondelete="CASCADE"), unique=True
    )
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    reasons: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of reason codes
    stats: Mapped[str] = mapped_column(Text, default="{}")  # JSON timing statistics
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    review: Mapped[str | None] = mapped_column(String(10))  # None | cleared | upheld
    review_reason: Mapped[str] = mapped_column(Text, default="")
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
