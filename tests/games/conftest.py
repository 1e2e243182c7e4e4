"""Fixtures of the games tests: a candidate with an application in an open campaign.

The tests of other rules (scores, races, forgeries) answer at once: `right_answer` and
`wrong_answer` first mark a memory level's sequence as shown long ago (`mark_shown`), and
logic runs have no time floor here. tests/games/test_pacing.py tests the pacing itself, with
the production floors and a controllable clock.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from school101.extensions import db
from school101.models import GameLevel, GameSession
from tests.conftest import login


@pytest.fixture
def app_config(app_config):
    """The usual settings, without the logic game's time floor (see the module docstring)."""
    return {**app_config, "GAMES_LOGIC_MIN_MS_PER_INSTRUCTION": 0}


@pytest.fixture
def campaign(make_campaign):
    """An open campaign with short games (3 memory levels, 3 logic levels, 2 attempts each)."""
    return make_campaign(memory_levels=3, logic_levels=3, memory_attempts=2, logic_attempts=2)


@pytest.fixture
def player(make_user, make_application, campaign):
    """A confirmed candidate who applied to the open campaign."""
    user = make_user()
    make_application(user, campaign)
    return user


@pytest.fixture
def other_player(make_user, make_application, campaign):
    user = make_user()
    make_application(user, campaign)
    return user


@pytest.fixture
def web(client, player):
    """A test client logged in as `player`."""
    response = login(client, player.email)
    assert response.status_code == 302, response.data
    return client


def current_row(session_id: int) -> GameLevel:
    """The current level row of a session, straight from the database."""
    db.session.expire_all()
    session = db.session.get(GameSession, session_id)
    return db.session.scalar(
        db.select(GameLevel).where(
            GameLevel.session_id == session_id, GameLevel.level == session.current_level
        )
    )


def mark_shown(session_id: int) -> None:
    """Mark the current memory level's sequence as revealed and shown a minute before it was
    issued (committed), so that an answer at any time passes the pacing rules."""
    row = current_row(session_id)
    if db.session.get(GameSession, session_id).game == "memory" and row.answered_at is None:
        row.steps_revealed = len(json.loads(row.solution)["sequence"])
        row.shown_until = row.issued_at - timedelta(minutes=1)
        db.session.commit()


def memory_solution(session_id: int) -> list[int]:
    return json.loads(current_row(session_id).solution)["sequence"]


def logic_solution(session_id: int) -> dict:
    return json.loads(current_row(session_id).solution)["program"]


def right_answer(session_id: int) -> dict:
    """The right answer to the current level, as a request payload (memory: marked shown)."""
    mark_shown(session_id)
    row = current_row(session_id)
    session = db.session.get(GameSession, session_id)
    if session.game == "memory":
        return {"level": row.level, "cells": json.loads(row.solution)["sequence"]}
    return {"level": row.level, "action": "run", "program": json.loads(row.solution)["program"]}


def wrong_answer(session_id: int) -> dict:
    mark_shown(session_id)
    row = current_row(session_id)
    session = db.session.get(GameSession, session_id)
    if session.game == "memory":
        cells = json.loads(row.solution)["sequence"]
        return {
            "level": row.level,
            "cells": list(reversed(cells)) if cells != cells[::-1] else cells[1:],
        }
    return {"level": row.level, "action": "run", "program": {"main": ["left"]}}


__all__ = [
    "current_row",
    "logic_solution",
    "mark_shown",
    "memory_solution",
    "right_answer",
    "wrong_answer",
]
