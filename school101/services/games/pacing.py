"""Human pacing of the selection games: the memory sequence revealed step by step, time floors.

The memory sequence never leaves the server in one piece: the player asks for step ``i``
(one cell) and gets it only once step ``i - 1`` has been on screen for the level's display
time, measured by the server. An answer is accepted only when every step has been revealed
and shown, and no sooner than ``length * GAMES_MEMORY_MIN_MS_PER_CELL`` after the display
ended; a logic program runs no sooner than ``instructions * GAMES_LOGIC_MIN_MS_PER_INSTRUCTION``
after its level was issued. A refused request changes nothing but leaves a ``GameRefusal``
row, which the doors commit (``AnswerRefused``) so that the plausibility report sees it.
Refusals never say whether the answer was right.
"""

from __future__ import annotations

import json
import math
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from school101.core.errors import Conflict, ValidationFailed
from school101.extensions import db
from school101.models import GameLevel, GameRefusal, GameSession

# Evidence is kept, but a script hammering the doors cannot grow the table without bound.
MAX_REFUSALS_KEPT = 50


class AnswerRefused(Conflict):
    """A request refused for its timing; the refusal row must be committed by the door."""


def memory_floor_ms() -> int:
    """Fewest milliseconds per cell between the end of the display and the answer."""
    return int(current_app.config.get("GAMES_MEMORY_MIN_MS_PER_CELL", 150))


def logic_floor_ms() -> int:
    """Fewest milliseconds per instruction between a logic level's issue and a run."""
    return int(current_app.config.get("GAMES_LOGIC_MIN_MS_PER_INSTRUCTION", 150))


def elapsed_ms(row: GameLevel, now: datetime) -> int:
    """Milliseconds since `row` was issued (server clock)."""
    return max(0, int((now - row.issued_at).total_seconds() * 1000))


def refuse(session: GameSession, row: GameLevel, reason: str, now: datetime, message):
    """Record a refusal (up to MAX_REFUSALS_KEPT per session) and return the error to raise."""
    kept = db.session.scalar(
        select(func.count()).select_from(GameRefusal).where(GameRefusal.session_id == session.id)
    )
    if kept < MAX_REFUSALS_KEPT:
        db.session.add(
            GameRefusal(
                session_id=session.id,
                level=row.level,
                reason=reason,
                elapsed_ms=elapsed_ms(row, now),
                at=now,
            )
        )
        db.session.flush()
    return AnswerRefused(message, code=reason)


def _sequence(row: GameLevel) -> list[int]:
    return list(json.loads(row.solution)["sequence"])


def _show_ms(row: GameLevel) -> int:
    return int(json.loads(row.puzzle)["show_ms"])


def reveal_progress(row: GameLevel, now: datetime) -> dict:
    """Where the reveal of a memory level stands, for the player's state (no cell in it)."""
    total = len(_sequence(row))
    waiting = 0
    if row.shown_until is not None and now < row.shown_until:
        waiting = math.ceil((row.shown_until - now).total_seconds() * 1000)
    return {
        "steps_total": total,
        "steps_revealed": row.steps_revealed,
        "next_step": row.steps_revealed if row.steps_revealed < total else None,
        "wait_ms": waiting,
    }


def _step_number(payload) -> int:
    step = payload.get("step") if isinstance(payload, dict) else None
    if not isinstance(step, int) or isinstance(step, bool):
        raise ValidationFailed(
            _l("The request is not valid."), fields={"step": _l("The step number is required.")}
        )
    return step


def reveal_step(session: GameSession, row: GameLevel, payload, now: datetime) -> dict:
    """Reveal step ``payload["step"]`` of the current memory level: its cell and display time.

    Refused: an unknown step (422), a step already revealed (409), a step asked for before
    the previous one has been shown long enough (409, recorded).
    """
    step = _step_number(payload)
    sequence = _sequence(row)
    if not 0 <= step < len(sequence):
        raise ValidationFailed(
            _l("The request is not valid."), fields={"step": _l("No such step in this level.")}
        )
    if step < row.steps_revealed:
        raise Conflict(
            _l("This step has already been shown: reload the game."), code="step_already_revealed"
        )
    if step > row.steps_revealed:
        raise Conflict(
            _l("The steps of the sequence are shown in order: reload the game."),
            code="step_out_of_order",
        )
    if row.shown_until is not None and now < row.shown_until:
        raise refuse(
            session,
            row,
            "step_too_early",
            now,
            _l("The previous cell is still on screen: wait for it."),
        )
    show = _show_ms(row)
    shown_until = now + timedelta(milliseconds=show)
    changed = db.session.execute(
        update(GameLevel)
        .where(
            GameLevel.id == row.id,
            GameLevel.steps_revealed == step,
            GameLevel.answered_at.is_(None),
        )
        .values(steps_revealed=step + 1, shown_until=shown_until)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        db.session.rollback()
        raise Conflict(
            _l("This step has already been shown: reload the game."), code="step_already_revealed"
        )
    db.session.refresh(row)
    return {
        "level": row.level,
        "step": step,
        "cell": sequence[step],
        "show_ms": show,
        "steps_total": len(sequence),
        "last": step == len(sequence) - 1,
    }


def check_memory_answer(session: GameSession, row: GameLevel, now: datetime) -> None:
    """Refuse (and record) an answer before the whole sequence was shown, or too fast."""
    length = len(_sequence(row))
    if row.steps_revealed < length or row.shown_until is None or now < row.shown_until:
        raise refuse(
            session,
            row,
            "sequence_not_shown",
            now,
            _l("The sequence has not been shown in full yet: watch it, then answer."),
        )
    if now < row.shown_until + timedelta(milliseconds=length * memory_floor_ms()):
        raise refuse(
            session,
            row,
            "too_fast",
            now,
            _l("This answer came faster than anyone can press the cells: it is not accepted."),
        )


def check_logic_run(session: GameSession, row: GameLevel, instructions: int, now: datetime):
    """Refuse (and record) a program run sooner than its instructions can be placed."""
    if elapsed_ms(row, now) < instructions * logic_floor_ms():
        raise refuse(
            session,
            row,
            "too_fast",
            now,
            _l("This program came faster than anyone can place its instructions: not accepted."),
        )
