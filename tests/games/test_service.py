"""The games service: starting, resuming, answering, scoring, the application cache."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from school101.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from school101.extensions import db
from school101.models import Application, AuditLog, GameLevel, GameSession
from school101.models._base import utcnow
from school101.services.games import sessions as games
from tests.games.conftest import current_row, right_answer, wrong_answer


@pytest.fixture(autouse=True)
def request_context(app):
    """Messages are translated lazily, in the language of a request."""
    with app.test_request_context("/"):
        yield


def play(user, game, answers="right", now=None):
    """Start a session and answer every level right (or the first one wrong)."""
    session, _ = games.start_or_resume(user, game, now=now)
    db.session.commit()
    while session.status == "in_progress":
        payload = right_answer(session.id) if answers == "right" else wrong_answer(session.id)
        if answers == "skip" and session.game == "logic":
            payload = {"level": session.current_level, "action": "skip"}
        games.answer(user, session.id, payload, now=now)
        db.session.commit()
        db.session.refresh(session)
        if answers == "wrong" and session.game == "logic":
            payload = {"level": session.current_level, "action": "skip"}
            games.answer(user, session.id, payload, now=now)
            db.session.commit()
            db.session.refresh(session)
    return session


def test_start_creates_attempt_with_first_level_and_resume_returns_same_puzzle(player):
    t0 = utcnow()
    session, created = games.start_or_resume(player, "memory", now=t0)
    db.session.commit()
    assert created and session.attempt_no == 1 and session.current_level == 1
    first = games.session_state(session, now=t0 + timedelta(seconds=3))
    assert first["level"]["number"] == 1 and first["level"]["elapsed_ms"] == 3000
    again, created = games.start_or_resume(player, "memory", now=t0 + timedelta(seconds=9))
    assert not created and again.id == session.id
    second = games.session_state(again, now=t0 + timedelta(seconds=9))
    assert second["level"]["puzzle"] == first["level"]["puzzle"]
    assert second["level"]["issued_at"] == first["level"]["issued_at"]
    assert second["level"]["elapsed_ms"] == 9000  # the clock kept running
    assert "solution" not in json.dumps(second)
    assert AuditLog.query.filter_by(action="game.started").count() == 1


def test_unknown_game_is_not_found(player):
    with pytest.raises(NotFound):
        games.start_or_resume(player, "chess")


def test_candidate_without_application_gets_a_clear_message(make_user, campaign):
    user = make_user()
    with pytest.raises(Forbidden) as info:
        games.start_or_resume(user, "memory")
    assert info.value.code == "no_application"
    assert "candidatez" in str(info.value.message)
    overview = games.overview(user)
    assert overview["can_play"] is False and overview["problem"]["code"] == "no_application"
    assert overview["games"] == []


def test_closed_campaign_refuses_play_but_shows_results(make_user, make_campaign, make_application):
    user = make_user()
    closed = make_campaign(open=False, name="2025")
    make_application(user, closed)
    with pytest.raises(Forbidden) as info:
        games.start_or_resume(user, "logic")
    assert info.value.code == "campaign_closed"
    overview = games.overview(user)
    assert overview["problem"]["code"] == "campaign_closed" and len(overview["games"]) == 2


def test_last_years_applicant_must_apply_to_the_open_campaign(
    make_user, make_campaign, make_application, campaign
):
    user = make_user()
    old = make_campaign(
        open=False,
        name="2025",
        opens_at=campaign.opens_at.replace(year=2020),
        closes_at=campaign.opens_at.replace(year=2021),
    )
    make_application(user, old)
    with pytest.raises(Forbidden) as info:
        games.start_or_resume(user, "memory")
    assert info.value.code == "no_application"


def test_campaign_closing_during_a_game_refuses_answers(player, campaign):
    session, _ = games.start_or_resume(player, "memory")
    db.session.commit()
    with pytest.raises(Forbidden):
        games.answer(
            player,
            session.id,
            right_answer(session.id),
            now=campaign.closes_at + timedelta(seconds=1),
        )


def test_withdrawn_application_cannot_play(player):
    Application.query.filter_by(user_id=player.id).one().status = "withdrawn"
    db.session.commit()
    with pytest.raises(Forbidden) as info:
        games.start_or_resume(player, "memory")
    assert info.value.code == "application_closed"


def test_memory_full_run_scores_levels_and_server_time(player):
    t0 = utcnow()
    session, _ = games.start_or_resume(player, "memory", now=t0)
    db.session.commit()
    for i, seconds in enumerate((4, 6, 10), start=1):
        payload = {**right_answer(session.id), "time_ms": 1, "score": 999}
        result = games.answer(player, session.id, payload, now=t0 + timedelta(seconds=seconds))
        db.session.commit()
        assert result["correct"] and result["level"] == i
    db.session.refresh(session)
    assert session.status == "finished" and session.levels_solved == 3 and session.score == 3
    assert session.total_time_ms == 10_000  # 4 + 2 + 4 seconds, measured by the server
    times = [
        r.time_ms
        for r in GameLevel.query.filter_by(session_id=session.id).order_by(GameLevel.level)
    ]
    assert times == [4000, 2000, 4000]
    application = Application.query.filter_by(user_id=player.id).one()
    assert application.memory_score == 3 and application.games_completed_at is None
    assert AuditLog.query.filter_by(action="game.finished", target_id=session.id).count() == 1


def test_memory_ends_at_the_first_wrong_answer(player):
    session, _ = games.start_or_resume(player, "memory")
    db.session.commit()
    games.answer(player, session.id, right_answer(session.id))
    db.session.commit()
    result = games.answer(player, session.id, wrong_answer(session.id))
    db.session.commit()
    assert result["correct"] is False and result["finished"] is True
    db.session.refresh(session)
    assert (
        session.status == "finished" and session.levels_solved == 1 and session.current_level == 2
    )
    assert GameLevel.query.filter_by(session_id=session.id).count() == 2  # no level 3 issued


def test_memory_malformed_answer_changes_nothing(player):
    session, _ = games.start_or_resume(player, "memory")
    db.session.commit()
    for bad in (
        {"level": 1, "cells": [99]},
        {"level": 1, "cells": "1,2"},
        {"level": 1},
        {"level": "1", "cells": [1]},
        {"cells": [1]},
        ["level", 1],
    ):
        with pytest.raises(ValidationFailed):
            games.answer(player, session.id, bad)
        db.session.rollback()
    row = current_row(session.id)
    assert row.answered_at is None and row.answer == ""


def test_logic_wrong_tries_are_counted_then_solved(player):
    t0 = utcnow()
    session, _ = games.start_or_resume(player, "logic", now=t0)
    db.session.commit()
    for k in (1, 2):
        result = games.answer(
            player, session.id, wrong_answer(session.id), now=t0 + timedelta(seconds=k)
        )
        db.session.commit()
        assert result["correct"] is False and result["finished"] is False and result["tries"] == k
        assert result["outcome"] == "ended"
    payload = right_answer(session.id)
    result = games.answer(player, session.id, payload, now=t0 + timedelta(seconds=30))
    db.session.commit()
    assert result["correct"] and result["tries"] == 3 and result["outcome"] == "solved"
    assert result["trace"] and result["state"]["current_level"] == 2
    detail = result["state"]["levels"][0]
    assert detail["tries"] == 3 and detail["time_ms"] == 30_000
    assert detail["instructions"] == sum(len(v) for v in payload["program"].values())


def test_logic_invalid_program_is_422_and_not_a_try(player):
    session, _ = games.start_or_resume(player, "logic")
    db.session.commit()
    for program in (
        {"main": ["forward"] * 20},
        {"main": ["teleport"]},
        {"main": []},
        {"main": ["f1"]},
        "forward",
    ):
        with pytest.raises(ValidationFailed):
            games.answer(player, session.id, {"level": 1, "action": "run", "program": program})
        db.session.rollback()
    with pytest.raises(ValidationFailed):
        games.answer(player, session.id, {"level": 1, "action": "solve"})
    db.session.rollback()
    assert current_row(session.id).answer == ""


def test_logic_skip_counts_as_unsolved_and_scores_order(player):
    t0 = utcnow()
    session, _ = games.start_or_resume(player, "logic", now=t0)
    db.session.commit()
    result = games.answer(
        player, session.id, {"level": 1, "action": "skip"}, now=t0 + timedelta(seconds=5)
    )
    db.session.commit()
    assert result["skipped"] and not result["correct"] and not result["finished"]
    games.answer(player, session.id, right_answer(session.id), now=t0 + timedelta(seconds=8))
    games.answer(player, session.id, right_answer(session.id), now=t0 + timedelta(seconds=20))
    db.session.commit()
    db.session.refresh(session)
    assert session.status == "finished" and session.levels_solved == 2
    assert session.total_time_ms == 20_000
    levels = games.session_summary(session)["levels"]
    assert [lv["skipped"] for lv in levels] == [True, False, False]
    assert session.total_instructions == sum(lv["instructions"] or 0 for lv in levels)
    assert session.score == games.logic_score(2, session.total_instructions, 20_000)


def test_both_games_done_sets_cache_status_and_audit(player):
    play(player, "memory")
    application = Application.query.filter_by(user_id=player.id).one()
    assert application.status == "applied" and application.games_completed_at is None
    logic = play(player, "logic")
    db.session.expire_all()
    application = Application.query.filter_by(user_id=player.id).one()
    assert application.status == "games_done" and application.games_completed_at is not None
    assert application.memory_score == 3 and application.logic_score == 3
    assert application.logic_instructions == logic.total_instructions
    assert application.logic_time_ms == logic.total_time_ms
    audit = AuditLog.query.filter_by(action="application.games_done").one()
    assert json.loads(audit.after) == {"status": "games_done"}


def test_best_attempt_is_kept(player):
    play(player, "memory")
    second = play(player, "memory", answers="wrong")
    assert second.levels_solved == 0
    application = Application.query.filter_by(user_id=player.id).one()
    assert application.memory_score == 3  # the worse second attempt does not lower it
    logic1 = play(player, "logic", answers="skip")
    assert logic1.levels_solved == 0
    db.session.expire_all()
    assert Application.query.filter_by(user_id=player.id).one().logic_score == 0
    logic2 = play(player, "logic")
    db.session.expire_all()
    application = Application.query.filter_by(user_id=player.id).one()
    assert (
        application.logic_score == 3 and application.logic_instructions == logic2.total_instructions
    )
    results = games.results_of(application)
    assert results["logic"]["best_id"] == logic2.id and len(results["logic"]["sessions"]) == 2
    assert all("levels" in s for s in results["memory"]["sessions"])


def test_attempts_are_limited(player):
    play(player, "memory", answers="wrong")
    play(player, "memory", answers="wrong")
    with pytest.raises(Conflict) as info:
        games.start_or_resume(player, "memory")
    assert info.value.code == "no_attempts_left"
    assert GameSession.query.filter_by(game="memory").count() == 2
    overview = games.overview(player)
    memory = next(g for g in overview["games"] if g["game"] == "memory")
    assert memory["attempts_left"] == 0 and memory["attempts_used"] == 2


def test_answers_are_refused_after_the_end_and_for_other_levels(player):
    session = play(player, "memory", answers="wrong")
    with pytest.raises(Conflict) as info:
        games.answer(player, session.id, {"level": 1, "cells": [0, 1, 2]})
    assert info.value.code == "session_finished"
    session, _ = games.start_or_resume(player, "memory")
    db.session.commit()
    with pytest.raises(Conflict) as info:
        games.answer(player, session.id, {"level": 2, "cells": [0, 1, 2]})
    assert info.value.code == "not_current_level"


def test_someone_elses_session_is_not_found(player, other_player):
    session, _ = games.start_or_resume(player, "memory")
    db.session.commit()
    with pytest.raises(NotFound):
        games.owned_session(other_player, session.id)
    with pytest.raises(NotFound):
        games.answer(other_player, session.id, right_answer(session.id))


def test_overview_lists_games_and_progress(player):
    session, _ = games.start_or_resume(player, "logic")
    db.session.commit()
    overview = games.overview(player)
    assert overview["can_play"] and overview["problem"] is None
    logic = next(g for g in overview["games"] if g["game"] == "logic")
    assert (
        logic["in_progress"] == session.id and logic["attempts_left"] == 1 and logic["best"] is None
    )
