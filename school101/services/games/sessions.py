"""The selection games, server-authoritative: sessions, levels, answers, scores.

The browser only ever receives the current level's public puzzle (the memory sequence
comes one step at a time, paced by the server, and answers faster than a person are refused:
``pacing.py``; each finished session gets a timing report: ``plausibility.py``). The server generates
each level from the session seed (``memory_game`` / ``logic_game``), keeps the solution in
``GameLevel.solution``, checks every answer itself and measures time itself
(``answered_at - issued_at``, both taken from the server clock). Nothing a request claims
about a score, a time or a level is used: an answer names the level it answers and is
refused unless that level is the session's current, unanswered one.

Scoring and ordering (documented for staff and the API):

* memory: ``score = levels solved``. A session ends at the first wrong answer or after
  ``campaign.memory_levels`` levels. Best attempt: most levels solved, then least time.
* logic: levels are solved, skipped (unsolved) or retried within the level (tries are
  counted). Ranking key, best first: ``(levels_solved desc, total_instructions asc,
  total_time_ms asc)`` where instructions are summed over solved levels and time over all
  answered levels. ``GameSession.score`` is one integer with the same order (higher is
  better; time at one-second resolution)::

      score = levels_solved * 10**8 + (9999 - min(instructions, 9999)) * 10**4
              + (9999 - min(time_seconds, 9999))

* the application caches the best attempt of each game: ``memory_score`` (levels),
  ``logic_score`` (levels), ``logic_instructions`` and ``logic_time_ms``; staff sort
  logic by ``logic_score desc, logic_instructions asc, logic_time_ms asc``.

Race safety: every write that decides something is a conditional UPDATE whose row count is
checked (a level is answered only ``WHERE answered_at IS NULL``, a session advances or
finishes only ``WHERE status = 'in_progress' AND current_level = n``), so two parallel
requests can never both count: on SQLite writers are serialised and the loser's WHERE no
longer matches; on PostgreSQL the loser waits on the row lock and re-checks the WHERE.
Starting an attempt and finishing one first take the applicant's lock (a no-op UPDATE of the
application row: a row lock on PostgreSQL, the write lock on SQLite), backed by the unique
(application, game, attempt_no) constraint.
The services flush; the caller commits (one transaction per request).
"""

from __future__ import annotations

import json
import secrets
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from school101.core import audit
from school101.core.errors import Conflict, Forbidden, NotFound, ServiceError, ValidationFailed
from school101.extensions import db
from school101.models import Application, Campaign, GameLevel, GameSession, User
from school101.models._base import utcnow
from school101.models.games import GAMES
from school101.services.admissions.applications import application_of
from school101.services.admissions.campaigns import current_campaign
from school101.services.games import logic as logic_game
from school101.services.games import memory as memory_game
from school101.services.games import pacing, plausibility

ENGINES = {"memory": memory_game, "logic": logic_game}
PLAYABLE_STATUSES = ("applied", "games_done")
MAX_TRIES = 200
GAME_TITLES = {"memory": _l("Memory game"), "logic": _l("Logic game")}


# ---------------------------------------------------------------- scores


def logic_score(levels_solved: int, instructions: int, time_ms: int) -> int:
    """One integer ordering logic results like (levels desc, instructions asc, time asc)."""
    seconds = max(0, time_ms) // 1000
    return (
        levels_solved * 10**8
        + (9999 - min(max(instructions, 0), 9999)) * 10**4
        + (9999 - min(seconds, 9999))
    )


def session_score(session: GameSession) -> int:
    """The stored score of a session (see the module documentation)."""
    if session.game == "memory":
        return session.levels_solved
    return logic_score(session.levels_solved, session.total_instructions, session.total_time_ms)


# ---------------------------------------------------------------- who may play


def _check_game(game: str) -> None:
    if game not in GAMES:
        raise NotFound(_l("No such game."), code="no_such_game")


def levels_total(campaign: Campaign, game: str) -> int:
    """Number of levels of `game` in `campaign`."""
    return campaign.memory_levels if game == "memory" else campaign.logic_levels


def attempts_allowed(campaign: Campaign, game: str) -> int:
    """Attempts per candidate at `game` in `campaign`."""
    return campaign.memory_attempts if game == "memory" else campaign.logic_attempts


def _check_playable(application: Application, now: datetime) -> None:
    if not application.campaign.is_open(now):
        raise Forbidden(
            _l("The campaign is closed: the games can no longer be played."), code="campaign_closed"
        )
    if application.status not in PLAYABLE_STATUSES:
        raise Forbidden(
            _l("Your application is no longer open to the games."), code="application_closed"
        )


def games_application(user: User, now: datetime | None = None) -> Application | None:
    """The application whose games `user` sees: the open campaign's, else the latest one."""
    campaign = current_campaign(now)
    application = application_of(user, campaign) if campaign is not None else None
    return application or application_of(user)


def player_application(user: User, now: datetime | None = None) -> Application:
    """The application through which `user` may play now, or a ServiceError saying why not."""
    now = now or utcnow()
    campaign = current_campaign(now)
    application = application_of(user, campaign) if campaign is not None else application_of(user)
    if application is None:
        raise Forbidden(
            _l("You have not applied yet: apply to the open campaign, then play the games."),
            code="no_application",
        )
    _check_playable(application, now)
    return application


def owned_session(user: User, session_id: int) -> GameSession:
    """A session of one of `user`'s applications, or NotFound (never someone else's)."""
    session = db.session.scalar(
        select(GameSession)
        .join(Application, Application.id == GameSession.application_id)
        .where(GameSession.id == session_id, Application.user_id == user.id)
    )
    if session is None:
        raise NotFound(_l("No such game session."), code="no_such_session")
    return session


def sessions_of(application: Application, game: str | None = None) -> list[GameSession]:
    """Sessions of an application (one game or both), oldest first."""
    query = select(GameSession).where(GameSession.application_id == application.id)
    if game is not None:
        query = query.where(GameSession.game == game)
    return list(db.session.scalars(query.order_by(GameSession.game, GameSession.attempt_no)))


def _in_progress(application_id: int, game: str) -> GameSession | None:
    return db.session.scalars(
        select(GameSession)
        .where(
            GameSession.application_id == application_id,
            GameSession.game == game,
            GameSession.status == "in_progress",
        )
        .order_by(GameSession.attempt_no)
    ).first()


# ---------------------------------------------------------------- starting


def _issue_level(session: GameSession, number: int, now: datetime) -> GameLevel:
    puzzle, solution = ENGINES[session.game].generate(session.seed, number)
    row = GameLevel(
        session_id=session.id,
        level=number,
        puzzle=json.dumps(puzzle),
        solution=json.dumps(solution),
        issued_at=now,
        answer="",
    )
    db.session.add(row)
    db.session.flush()
    return row


def _lock_application(application_id: int) -> None:
    """Serialise attempts of one applicant: a no-op UPDATE takes the row lock (PostgreSQL)
    or the database write lock (SQLite) before the attempts are counted."""
    db.session.execute(
        update(Application)
        .where(Application.id == application_id)
        .values(updated_at=Application.updated_at)
        .execution_options(synchronize_session=False)
    )


def start_or_resume(
    user: User, game: str, *, now: datetime | None = None
) -> tuple[GameSession, bool]:
    """The game in progress, or a new attempt when attempts are left: (session, created)."""
    _check_game(game)
    now = now or utcnow()
    application = player_application(user, now)
    _lock_application(application.id)
    existing = _in_progress(application.id, game)
    if existing is not None:
        return existing, False
    used = db.session.scalar(
        select(func.count())
        .select_from(GameSession)
        .where(GameSession.application_id == application.id, GameSession.game == game)
    )
    if used >= attempts_allowed(application.campaign, game):
        raise Conflict(_l("You have used all your attempts at this game."), code="no_attempts_left")
    application_id = application.id
    session = GameSession(
        application_id=application_id,
        game=game,
        attempt_no=used + 1,
        seed=secrets.token_hex(16),
        status="in_progress",
        current_level=1,
        levels_solved=0,
        total_instructions=0,
        total_time_ms=0,
        score=0,
        started_at=now,
    )
    db.session.add(session)
    try:
        db.session.flush()
    except IntegrityError:  # a parallel request started the same attempt first
        db.session.rollback()
        existing = _in_progress(application_id, game)
        if existing is not None:
            return existing, False
        raise Conflict(
            _l("Another attempt was started at the same time: reload the page."),
            code="concurrent_start",
        ) from None
    _issue_level(session, 1, now)
    audit.record(
        "game.started",
        actor=user,
        target=session,
        after={"game": game, "attempt_no": session.attempt_no},
    )
    return session, True


# ---------------------------------------------------------------- reading


def _answer_data(row: GameLevel) -> dict:
    try:
        data = json.loads(row.answer) if row.answer else {}
    except ValueError:
        data = {}
    return data if isinstance(data, dict) else {}


def level_detail(row: GameLevel) -> dict:
    """One answered (or current) level, as candidates and staff see it."""
    data = _answer_data(row)
    return {
        "level": row.level,
        "answered": row.answered_at is not None,
        "correct": row.correct,
        "skipped": bool(data.get("skipped")),
        "tries": int(data.get("tries", 1 if row.answered_at else 0)),
        "instructions": row.instructions,
        "time_ms": row.time_ms,
        "issued_at": row.issued_at.isoformat(),
        "answered_at": row.answered_at.isoformat() if row.answered_at else None,
    }


def _current_row(session: GameSession) -> GameLevel | None:
    return db.session.scalar(
        select(GameLevel).where(
            GameLevel.session_id == session.id, GameLevel.level == session.current_level
        )
    )


def session_summary(session: GameSession, *, with_levels: bool = True) -> dict:
    """A session's results (no puzzle, no solution)."""
    data = {
        "id": session.id,
        "game": session.game,
        "attempt_no": session.attempt_no,
        "status": session.status,
        "levels_solved": session.levels_solved,
        "total_instructions": session.total_instructions,
        "total_time_ms": session.total_time_ms,
        "score": session.score,
        "started_at": session.started_at.isoformat(),
        "finished_at": session.finished_at.isoformat() if session.finished_at else None,
    }
    if with_levels:
        rows = db.session.scalars(
            select(GameLevel).where(GameLevel.session_id == session.id).order_by(GameLevel.level)
        )
        data["levels"] = [level_detail(r) for r in rows if r.answered_at is not None]
    return data


def session_state(session: GameSession, *, now: datetime | None = None) -> dict:
    """What the player sees: results so far and, while in progress, the current puzzle."""
    now = now or utcnow()
    application = db.session.get(Application, session.application_id)
    state = session_summary(session)
    state["levels_total"] = levels_total(application.campaign, session.game)
    state["current_level"] = session.current_level if session.status == "in_progress" else None
    state["level"] = None
    if session.status == "in_progress":
        row = _current_row(session)
        if row is not None:
            puzzle = json.loads(row.puzzle)
            puzzle.pop("sequence", None)  # levels issued before the step-by-step reveal
            state["level"] = {
                "number": row.level,
                "puzzle": puzzle,
                "issued_at": row.issued_at.isoformat(),
                "elapsed_ms": max(0, int((now - row.issued_at).total_seconds() * 1000)),
                "tries": int(_answer_data(row).get("tries", 0)),
            }
            if session.game == "memory":
                state["level"]["reveal"] = pacing.reveal_progress(row, now)
    return state


def overview(user: User, *, now: datetime | None = None) -> dict:
    """Both games for `user`: attempts, the game in progress, best and past results."""
    now = now or utcnow()
    application = games_application(user, now)
    problem = None
    try:
        player_application(user, now)
    except ServiceError as exc:
        problem = exc
    games = []
    if application is not None:
        campaign = application.campaign
        for game in GAMES:
            sessions = sessions_of(application, game)
            finished = [s for s in sessions if s.status == "finished"]
            best = max(finished, key=GameSession.rank_key) if finished else None
            running = next((s for s in sessions if s.status == "in_progress"), None)
            allowed = attempts_allowed(campaign, game)
            games.append(
                {
                    "game": game,
                    "title": str(GAME_TITLES[game]),
                    "levels_total": levels_total(campaign, game),
                    "attempts_allowed": allowed,
                    "attempts_used": len(sessions),
                    "attempts_left": max(0, allowed - len(sessions)),
                    "in_progress": running.id if running else None,
                    "best": session_summary(best) if best else None,
                    "sessions": [session_summary(s) for s in sessions],
                }
            )
    return {
        "application_id": application.id if application else None,
        "can_play": problem is None,
        "problem": {"code": problem.code, "message": str(problem.message)} if problem else None,
        "games_completed_at": application.games_completed_at.isoformat()
        if application and application.games_completed_at
        else None,
        "games": games,
    }


def results_of(application: Application) -> dict:
    """Every attempt of an application with per-level detail and the best per game (staff)."""
    result = {}
    for game in GAMES:
        sessions = sessions_of(application, game)
        finished = [s for s in sessions if s.status == "finished"]
        best = max(finished, key=GameSession.rank_key) if finished else None
        result[game] = {
            "best_id": best.id if best else None,
            "sessions": [session_summary(s) for s in sessions],
        }
    return result


# ---------------------------------------------------------------- answering


def _refused_race() -> Conflict:
    db.session.rollback()
    return Conflict(
        _l("This level has already been answered (in another tab?): reload the game."),
        code="already_answered",
    )


def answer(user: User, session_id: int, payload, *, now: datetime | None = None) -> dict:
    """Check an answer to the current level of one of `user`'s sessions.

    `payload` is ``{"level": n, "cells": [...]}`` (memory) or ``{"level": n, "action":
    "run" | "skip", "program": {"main": [...], "f1": [...], "f2": [...]}}`` (logic). Any other
    key (a score, a time...) is ignored.
    """
    now = now or utcnow()
    session, application, row = _open_level(user, session_id, payload, now)
    if session.game == "memory":
        return _answer_memory(user, session, application, row, payload, now)
    return _answer_logic(user, session, application, row, payload, now)


def reveal(user: User, session_id: int, payload, *, now: datetime | None = None) -> dict:
    """Reveal the next step of the current memory level: ``{"level": n, "step": i}``.

    Step ``i`` comes only after step ``i - 1`` has been shown for the level's display time
    (server clock); see services/games/pacing.py.
    """
    now = now or utcnow()
    session, _application, row = _open_level(user, session_id, payload, now)
    if session.game != "memory":
        raise Conflict(_l("This game has no sequence to show."), code="no_sequence")
    return pacing.reveal_step(session, row, payload, now)


def _open_level(user: User, session_id: int, payload, now: datetime):
    """(session, application, current level row) a request about level ``payload["level"]``
    may act on, or the ServiceError saying why not."""
    session = owned_session(user, session_id)
    application = db.session.get(Application, session.application_id)
    _check_playable(application, now)
    if not isinstance(payload, dict):
        raise ValidationFailed(_l("The answer is not valid."), fields={"level": _l("Required.")})
    number = payload.get("level")
    if not isinstance(number, int) or isinstance(number, bool):
        raise ValidationFailed(
            _l("The answer is not valid."), fields={"level": _l("The level number is required.")}
        )
    if session.status != "in_progress":
        raise Conflict(_l("This game session is finished."), code="session_finished")
    if number != session.current_level:
        raise Conflict(
            _l("This level is not the current one: reload the game."), code="not_current_level"
        )
    row = _current_row(session)
    if row is None or row.answered_at is not None:
        raise Conflict(_l("This level has already been answered."), code="already_answered")
    return session, application, row


def _answer_memory(user, session, application, row, payload, now) -> dict:
    puzzle = json.loads(row.puzzle)
    cells = payload.get("cells")
    if memory_game.validate_answer(puzzle, cells) is not None:
        raise ValidationFailed(
            _l("The answer is not valid."),
            fields={"cells": _l("A list of cell numbers is required.")},
        )
    pacing.check_memory_answer(session, row, now)
    correct = memory_game.check(json.loads(row.solution), cells)
    last = row.level >= levels_total(application.campaign, "memory")
    result = _record_final(
        user,
        session,
        application,
        row,
        now=now,
        correct=correct,
        answer={"cells": cells, "tries": 1},
        instructions=None,
        finish=(not correct) or last,
    )
    result.update({"correct": correct})
    return result


def _answer_logic(user, session, application, row, payload, now) -> dict:
    puzzle = json.loads(row.puzzle)
    action = payload.get("action", "run")
    data = _answer_data(row)
    tries = int(data.get("tries", 0))
    last = row.level >= levels_total(application.campaign, "logic")
    if action == "skip":
        result = _record_final(
            user,
            session,
            application,
            row,
            now=now,
            correct=False,
            answer={"tries": tries, "skipped": True, "program": data.get("program")},
            instructions=None,
            finish=last,
        )
        result.update({"correct": False, "skipped": True, "tries": tries})
        return result
    if action != "run":
        raise ValidationFailed(
            _l("The answer is not valid."), fields={"action": _l("Choose run or skip.")}
        )
    program = payload.get("program")
    problems = logic_game.validate_program(puzzle, program)
    if problems:
        messages = {
            name: _PROGRAM_PROBLEMS.get(code, _PROGRAM_PROBLEMS["invalid"])
            for name, code in problems.items()
        }
        raise ValidationFailed(_l("The program is not valid."), fields=messages)
    if tries >= MAX_TRIES:
        raise Conflict(_l("Too many tries at this level: skip it to go on."), code="too_many_tries")
    program = logic_game.clean_program(program)
    pacing.check_logic_run(session, row, logic_game.instruction_count(program), now)
    run = logic_game.run(puzzle, program, trace=True)
    replay = {
        "outcome": run.outcome,
        "steps": run.steps,
        "trace": logic_game.public_trace(run),
        "lit": sorted([r, c] for r, c in run.lit),
    }
    if run.solved:
        result = _record_final(
            user,
            session,
            application,
            row,
            now=now,
            correct=True,
            answer={"tries": tries + 1, "program": program},
            instructions=logic_game.instruction_count(program),
            finish=last,
        )
        result.update({"correct": True, "skipped": False, "tries": tries + 1, **replay})
        return result
    # A wrong program: count the try, stay on the level (optimistic check on the old value).
    new_answer = json.dumps({"tries": tries + 1, "program": program})
    changed = db.session.execute(
        update(GameLevel)
        .where(
            GameLevel.id == row.id, GameLevel.answered_at.is_(None), GameLevel.answer == row.answer
        )
        .values(answer=new_answer)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        raise _refused_race()
    db.session.refresh(row)
    return {
        "correct": False,
        "skipped": False,
        "finished": False,
        "level": row.level,
        "tries": tries + 1,
        **replay,
        "state": session_state(session, now=now),
    }


_PROGRAM_PROBLEMS = {
    "too_many": _l("Too many instructions for the slots of this procedure."),
    "unknown_instruction": _l("Unknown instruction."),
    "unavailable_call": _l("This function is not available at this level."),
    "unknown_procedure": _l("Unknown procedure."),
    "not_a_list": _l("A list of instructions is required."),
    "not_an_object": _l("A program with main, f1 and f2 is required."),
    "empty": _l("The main program is empty."),
    "invalid": _l("The program is not valid."),
}


def _record_final(
    user, session, application, row, *, now, correct, answer, instructions, finish
) -> dict:
    """Close the level (once), then advance or finish the session (once)."""
    time_ms = max(0, int((now - row.issued_at).total_seconds() * 1000))
    if finish:
        # Take the application's lock first: finishing writes the application's cache, and
        # two games finishing together must queue here rather than deadlock later.
        _lock_application(application.id)
    changed = db.session.execute(
        update(GameLevel)
        .where(GameLevel.id == row.id, GameLevel.answered_at.is_(None))
        .values(
            answered_at=now,
            answer=json.dumps(answer),
            correct=correct,
            instructions=instructions if correct else None,
            time_ms=time_ms,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        raise _refused_race()
    solved = 1 if correct else 0
    spent = instructions if (correct and instructions) else 0
    values = {
        "levels_solved": GameSession.levels_solved + solved,
        "total_instructions": GameSession.total_instructions + spent,
        "total_time_ms": GameSession.total_time_ms + time_ms,
    }
    if finish:
        values.update(status="finished", finished_at=now)
    else:
        values.update(current_level=GameSession.current_level + 1)
    changed = db.session.execute(
        update(GameSession)
        .where(
            GameSession.id == session.id,
            GameSession.status == "in_progress",
            GameSession.current_level == row.level,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        raise _refused_race()
    db.session.refresh(session)
    db.session.refresh(row)
    if finish:
        session.score = session_score(session)
        db.session.flush()
        plausibility.assess(session, now=now)
        audit.record(
            "game.finished",
            actor=user,
            target=session,
            after={
                "game": session.game,
                "attempt_no": session.attempt_no,
                "levels_solved": session.levels_solved,
                "total_instructions": session.total_instructions,
                "total_time_ms": session.total_time_ms,
                "score": session.score,
            },
        )
        refresh_application(application, now=now, actor=user)
    else:
        session.score = session_score(session)
        _issue_level(session, row.level + 1, now)
    return {
        "finished": finish,
        "level": row.level,
        "time_ms": time_ms,
        "state": session_state(session, now=now),
    }


def refresh_application(
    application: Application, *, now: datetime | None = None, actor=None
) -> Application:
    """Recompute the application's cached best results; mark the games done when both are."""
    now = now or utcnow()
    # Hold the application's lock so two games finishing together both count (the second
    # one waits, then sees the first one's finished session).
    _lock_application(application.id)
    application = db.session.execute(
        select(Application)
        .where(Application.id == application.id)
        .execution_options(populate_existing=True)
    ).scalar_one()
    finished = db.session.scalars(
        select(GameSession)
        .where(GameSession.application_id == application.id, GameSession.status == "finished")
        .execution_options(populate_existing=True)
    ).all()
    best = {}
    for game in GAMES:
        mine = [s for s in finished if s.game == game]
        best[game] = max(mine, key=GameSession.rank_key) if mine else None
    if best["memory"] is not None:
        application.memory_score = best["memory"].levels_solved
    if best["logic"] is not None:
        application.logic_score = best["logic"].levels_solved
        application.logic_instructions = best["logic"].total_instructions
        application.logic_time_ms = best["logic"].total_time_ms
    if (
        best["memory"] is not None
        and best["logic"] is not None
        and application.games_completed_at is None
    ):
        application.games_completed_at = now
        before = application.status
        if application.status == "applied":
            application.status = "games_done"
        audit.record(
            "application.games_done",
            actor=actor,
            target=application,
            before={"status": before},
            after={"status": application.status},
        )
    db.session.flush()
    return application
