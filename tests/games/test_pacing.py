"""Games a script cannot win silently: the memory sequence comes one step at a time, answers
faster than a person are refused and recorded, and each finished session gets a timing report
that flags scripted play for staff (who review it; the score stays, with its flag).

Scripted clients play through the API with the production floors and a controllable clock
(the games service's `utcnow`), so no test sleeps; the human-speed client replays timings
recorded from a real browser run (tests/games/human_timings.py).
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from school101.extensions import db
from school101.models import AuditLog, GamePlausibility, GameRefusal, GameSession
from school101.models._base import utcnow
from school101.services.games import sessions as games_service
from tests.conftest import bearer, login
from tests.games.conftest import current_row
from tests.games.human_timings import human_sessions

API = "/api/v1/games"
LEVELS = 6


@pytest.fixture
def campaign(make_campaign):
    """An open campaign with six memory levels (enough for the regularity rule)."""
    return make_campaign(memory_levels=LEVELS, logic_levels=3, memory_attempts=2)


@pytest.fixture
def floors(app):
    """The production pacing settings (the other games tests play without the logic floor)."""
    app.config.update(
        GAMES_MEMORY_MIN_MS_PER_CELL=150,
        GAMES_LOGIC_MIN_MS_PER_INSTRUCTION=150,
        GAMES_FLAG_MEMORY_MEDIAN_MS=300,
        GAMES_FLAG_LOGIC_MEDIAN_MS=600,
        GAMES_FLAG_MAX_CV=0.01,
    )


class Clock:
    """The games service's clock, moved by hand."""

    def __init__(self):
        self.now = utcnow()

    def __call__(self):
        return self.now

    def advance(self, ms: float) -> None:
        self.now += timedelta(milliseconds=ms)


@pytest.fixture
def clock(monkeypatch, floors):
    clock = Clock()
    monkeypatch.setattr(games_service, "utcnow", clock)
    return clock


class Player:
    """A scripted client of the API: it knows the kept solution, as a bot would try to."""

    def __init__(self, client, user, game="memory"):
        self.client = client
        self.headers = bearer(client.application, user)
        response = client.post(f"{API}/{game}/sessions", headers=self.headers)
        assert response.status_code in (200, 201), response.json
        self.sid = response.json["id"]

    def state(self):
        return self.client.get(f"{API}/sessions/{self.sid}", headers=self.headers).json

    def reveal(self, step, level=None):
        level = level or self.state()["current_level"]
        body = {"level": level, "step": step}
        return self.client.post(
            f"{API}/sessions/{self.sid}/reveal", headers=self.headers, json=body
        )

    def post_answer(self, payload):
        return self.client.post(
            f"{API}/sessions/{self.sid}/answer", headers=self.headers, json=payload
        )

    def sequence(self):
        return json.loads(current_row(self.sid).solution)["sequence"]

    def answer_right(self):
        return self.post_answer({"level": current_row(self.sid).level, "cells": self.sequence()})


def wrong_cells(sequence):
    """A sequence that is surely not `sequence` (its first cell changed)."""
    return [(sequence[0] + 1) % 9, *sequence[1:]]


def refusals(sid):
    db.session.expire_all()
    return [r.reason for r in GameRefusal.query.filter_by(session_id=sid).order_by(GameRefusal.id)]


def report(sid) -> GamePlausibility:
    db.session.expire_all()
    return GamePlausibility.query.filter_by(session_id=sid).one()


def watch(player, clock, *, gap_ms=0):
    """Reveal every step of the current level at the server's pace (plus `gap_ms`)."""
    show = player.state()["level"]["puzzle"]["show_ms"]
    for step in range(len(player.sequence())):
        response = player.reveal(step)
        assert response.status_code == 200, response.json
        clock.advance(show + gap_ms)


def play_session(player, clock, pace_ms_per_cell):
    """Watch and answer every level right, `pace_ms_per_cell(level)` after the display ended."""
    while player.state()["status"] == "in_progress":
        level = player.state()["current_level"]
        watch(player, clock)
        clock.advance(pace_ms_per_cell(level) * len(player.sequence()))
        response = player.answer_right()
        assert response.status_code == 200, response.json


# ---------------------------------------------------------------- the step-by-step reveal


def test_the_sequence_comes_one_step_at_a_time_at_the_server_pace(client, player, clock):
    bot = Player(client, player)
    state = bot.state()
    assert "sequence" not in json.dumps(state)
    sequence = bot.sequence()
    assert state["level"]["reveal"] == {
        "steps_total": len(sequence),
        "steps_revealed": 0,
        "next_step": 0,
        "wait_ms": 0,
    }
    first = bot.reveal(0)
    assert first.status_code == 200
    assert first.json == {
        "level": 1,
        "step": 0,
        "cell": sequence[0],
        "show_ms": 800,
        "steps_total": len(sequence),
        "last": False,
    }
    clock.advance(799)  # the first cell is still on screen
    early = bot.reveal(1)
    assert early.status_code == 409 and early.json["error"]["code"] == "step_too_early"
    assert refusals(bot.sid) == ["step_too_early"]
    assert bot.state()["level"]["reveal"]["wait_ms"] == 1
    clock.advance(1)
    assert bot.reveal(1).json["cell"] == sequence[1]
    clock.advance(800)
    last = bot.reveal(2)
    assert last.json["cell"] == sequence[2] and last.json["last"] is True
    assert bot.state()["level"]["reveal"]["next_step"] is None


def test_bad_reveal_requests_are_refused_and_change_nothing(client, player, other_player, clock):
    bot = Player(client, player)
    assert bot.reveal(0).status_code == 200
    clock.advance(1000)
    for step in (3, 99, -1):
        response = bot.reveal(step)
        assert response.status_code == 422 and "step" in response.json["error"]["fields"], step
    for step in ("1", None, 1.0, True):
        assert bot.reveal(step).status_code == 422, step
    replay = bot.reveal(0)
    assert replay.status_code == 409 and replay.json["error"]["code"] == "step_already_revealed"
    ahead = bot.reveal(2)
    assert ahead.status_code == 409 and ahead.json["error"]["code"] == "step_out_of_order"
    wrong_level = bot.reveal(1, level=2)
    assert wrong_level.json["error"]["code"] == "not_current_level"
    intruder = bearer(client.application, other_player)
    stolen = client.post(
        f"{API}/sessions/{bot.sid}/reveal", headers=intruder, json={"level": 1, "step": 1}
    )
    assert stolen.status_code == 404 and "cell" not in stolen.json
    logic = Player(client, player, "logic")
    response = logic.reveal(0, level=1)
    assert response.status_code == 409 and response.json["error"]["code"] == "no_sequence"
    assert current_row(bot.sid).steps_revealed == 1 and refusals(bot.sid) == []
    # the page's JSON door answers alike
    login(client, player.email)
    page = client.post(f"/games/sessions/{bot.sid}/reveal", json={"level": 1, "step": 7})
    assert page.status_code == 422 and "step" in page.json["error"]["fields"]
    assert client.post(f"/games/sessions/{bot.sid}/reveal", data="x").status_code == 400


def test_reveals_end_with_the_session(client, player, clock):
    bot = Player(client, player)
    watch(bot, clock)
    clock.advance(5000)
    wrong = wrong_cells(bot.sequence())
    assert bot.post_answer({"level": 1, "cells": wrong}).json["finished"] is True
    response = bot.reveal(0, level=1)
    assert response.status_code == 409 and response.json["error"]["code"] == "session_finished"


# ---------------------------------------------------------------- refused answers


def test_a_bot_answering_before_the_sequence_is_shown_is_refused_and_recorded(
    client, player, clock
):
    bot = Player(client, player)
    response = bot.answer_right()  # the bot read the solution: it does not wait for the show
    assert response.status_code == 409
    assert response.json["error"]["code"] == "sequence_not_shown"
    assert "correct" not in response.json  # a refusal never says whether the answer was right
    assert bot.reveal(0).status_code == 200
    clock.advance(800)
    assert bot.reveal(1).status_code == 200
    assert bot.answer_right().json["error"]["code"] == "sequence_not_shown"  # one step unseen
    clock.advance(800)
    assert bot.reveal(2).status_code == 200
    clock.advance(500)  # the last cell is still on screen
    assert bot.answer_right().json["error"]["code"] == "sequence_not_shown"
    assert refusals(bot.sid) == ["sequence_not_shown"] * 3
    row = current_row(bot.sid)
    assert row.answered_at is None and row.correct is None
    assert db.session.get(GameSession, bot.sid).levels_solved == 0


def test_an_answer_faster_than_the_floor_is_refused_then_a_person_s_pace_is_accepted(
    client, player, clock
):
    bot = Player(client, player)
    watch(bot, clock)  # the display ended now
    clock.advance(3 * 150 - 1)  # 3 cells: 450 ms is the floor
    response = bot.answer_right()
    assert response.status_code == 409 and response.json["error"]["code"] == "too_fast"
    assert refusals(bot.sid) == ["too_fast"]
    clock.advance(1)
    response = bot.answer_right()
    assert response.status_code == 200 and response.json["correct"] is True
    # the refusal stays in the session's report once it ends
    clock.advance(10_000)
    watch(bot, clock)
    clock.advance(2000)
    wrong = wrong_cells(bot.sequence())
    assert bot.post_answer({"level": 2, "cells": wrong}).json["finished"] is True
    flag = report(bot.sid)
    assert flag.flagged and json.loads(flag.reasons) == ["refused_requests"]
    assert json.loads(flag.stats)["refusals"] == 1


# ---------------------------------------------------------------- flags


def test_a_scripted_player_just_above_the_floor_is_flagged_and_keeps_its_score(
    client, player, clock
):
    bot = Player(client, player)
    play_session(bot, clock, lambda level: 160)
    session = db.session.get(GameSession, bot.sid)
    db.session.refresh(session)
    assert session.status == "finished" and session.score == LEVELS
    flag = report(bot.sid)
    assert flag.flagged and json.loads(flag.reasons) == ["too_fast", "too_regular"]
    stats = json.loads(flag.stats)
    assert stats["levels"] == LEVELS and stats["median_ms"] == 160 and stats["cv"] == 0


def test_a_steady_bot_at_a_person_s_speed_is_flagged_as_too_regular(client, player, clock):
    bot = Player(client, player)
    play_session(bot, clock, lambda level: 600)
    flag = report(bot.sid)
    assert flag.flagged and json.loads(flag.reasons) == ["too_regular"]


@pytest.mark.parametrize("recorded", human_sessions(), ids=lambda s: f"{len(s['levels'])}-levels")
def test_recorded_human_sessions_are_never_flagged(client, player, clock, recorded):
    """Replay a browser run's server-side timings: every request accepted, no flag."""
    bot = Player(client, player)
    for level in recorded["levels"]:
        issued = clock.now
        assert len(level["reveals_ms"]) == len(bot.sequence())
        for step, offset in enumerate(level["reveals_ms"]):
            clock.now = issued + timedelta(milliseconds=offset)
            assert bot.reveal(step).status_code == 200
        clock.now = issued + timedelta(milliseconds=level["answer_ms"])
        response = bot.answer_right()
        assert response.status_code == 200 and response.json["correct"], response.json
    flag = report(bot.sid)
    assert refusals(bot.sid) == []
    assert flag.flagged is False, (flag.reasons, flag.stats)


# ---------------------------------------------------------------- logic


def logic_right(bot):
    row = current_row(bot.sid)
    return {"level": row.level, "action": "run", "program": json.loads(row.solution)["program"]}


def test_a_logic_program_faster_than_its_instructions_is_refused_and_a_fast_bot_flagged(
    client, player, clock
):
    bot = Player(client, player, "logic")
    payload = logic_right(bot)
    used = sum(len(v) for v in payload["program"].values())
    clock.advance(used * 150 - 1)
    response = bot.post_answer(payload)
    assert response.status_code == 409 and response.json["error"]["code"] == "too_fast"
    assert "correct" not in response.json and current_row(bot.sid).answered_at is None
    clock.advance(1)
    assert bot.post_answer(payload).json["correct"] is True
    while bot.state()["status"] == "in_progress":
        payload = logic_right(bot)
        clock.advance(200 * sum(len(v) for v in payload["program"].values()))
        assert bot.post_answer(payload).status_code == 200
    flag = report(bot.sid)
    assert flag.flagged and "too_fast" in json.loads(flag.reasons)
    assert "refused_requests" in json.loads(flag.reasons)


def test_a_logic_player_at_a_person_s_pace_is_not_flagged(client, player, clock):
    bot = Player(client, player, "logic")
    for seconds in (25, 47, 81):  # minutes of thought would be just as fine
        payload = logic_right(bot)
        clock.advance(seconds * 1000)
        assert bot.post_answer(payload).json["correct"] is True
    assert report(bot.sid).flagged is False


# ---------------------------------------------------------------- staff


def test_staff_see_the_flag_and_review_it_with_a_reason(client, player, staff, clock):
    bot = Player(client, player)
    play_session(bot, clock, lambda level: 160)
    application_id = db.session.get(GameSession, bot.sid).application_id
    staff_headers = bearer(client.application, staff)
    detail = client.get(f"/api/v1/applications/{application_id}", headers=staff_headers).json
    memory = detail["games"]["memory"][0]
    assert memory["score"] == LEVELS and memory["plausibility"]["flagged"] is True
    login(client, staff.email)
    page = client.get(f"/staff/applications/{application_id}").get_data(as_text=True)
    assert "signalé" in page and "Rythme médian plus rapide" in page
    review_url = f"/staff/games/sessions/{bot.sid}/review"
    assert "Coefficient de variation" in client.get(review_url).get_data(as_text=True)
    # no reason: refused, nothing recorded
    response = client.post(review_url, data={"decision": "upheld", "reason": " "})
    assert response.status_code == 422 and report(bot.sid).review is None
    response = client.post(review_url, data={"decision": "maybe", "reason": "x"})
    assert response.status_code == 422 and report(bot.sid).review is None
    response = client.post(
        review_url, data={"decision": "upheld", "reason": "Pas humain : 160 ms par case."}
    )
    assert response.status_code == 302
    flag = report(bot.sid)
    assert flag.review == "upheld" and flag.reviewed_by_id == staff.id
    audit = AuditLog.query.filter_by(action="game.plausibility_reviewed").one()
    assert audit.reason == "Pas humain : 160 ms par case."
    page = client.get(f"/staff/applications/{application_id}").get_data(as_text=True)
    assert "confirmé" in page and str(LEVELS) in page
    # the API twin: staff change their mind, with a reason; candidates cannot
    url = f"{API}/sessions/{bot.sid}/review"
    response = client.post(
        url, headers=staff_headers, json={"decision": "cleared", "reason": "Vu en entretien."}
    )
    assert response.status_code == 200 and response.json["report"]["review"] == "cleared"
    assert response.json["score"] == LEVELS
    again = client.post(
        url, headers=staff_headers, json={"decision": "cleared", "reason": "Vu en entretien."}
    )
    assert again.status_code == 409
    assert client.post(url, headers=staff_headers, json={"decision": "cleared"}).status_code == 422
    assert (
        client.post(
            url, headers=bot.headers, json={"decision": "cleared", "reason": "moi"}
        ).status_code
        == 403
    )
    assert (
        client.get(f"{API}/sessions/{bot.sid}/plausibility", headers=bot.headers).status_code == 403
    )
    report_json = client.get(f"{API}/sessions/{bot.sid}/plausibility", headers=staff_headers).json
    assert report_json["report"]["stats"]["median_ms"] == 160 and report_json["refusals"] == []
    assert AuditLog.query.filter_by(action="game.plausibility_reviewed").count() == 2


def test_an_unflagged_session_has_nothing_to_review(client, player, staff, clock):
    bot = Player(client, player)
    play_session(bot, clock, lambda level: 400 + 97 * level)
    assert report(bot.sid).flagged is False
    url = f"{API}/sessions/{bot.sid}/review"
    response = client.post(
        url, headers=bearer(client.application, staff), json={"decision": "upheld", "reason": "x"}
    )
    assert response.status_code == 404 and response.json["error"]["code"] == "no_flagged_session"
    missing = client.get(
        f"{API}/sessions/999999/plausibility", headers=bearer(client.application, staff)
    )
    assert missing.status_code == 404


def test_the_export_shows_the_flag_and_erasure_wipes_the_review_reason(
    app, client, player, staff, clock
):
    from school101.services.games import plausibility
    from school101.services.privacy import rights

    bot = Player(client, player)
    play_session(bot, clock, lambda level: 160)
    plausibility.review(bot.sid, "upheld", "Trop régulier pour Camille.", actor=staff)
    db.session.commit()
    exported = rights.games_section(player)[0]["timing_flag"]
    assert exported["flagged"] is True and exported["review"] == "upheld"
    with app.test_request_context("/"):
        rights.erase_account(player, actor=player)
        db.session.commit()
    assert report(bot.sid).review_reason == "" and report(bot.sid).review == "upheld"
    audit = AuditLog.query.filter_by(action="game.plausibility_reviewed").one()
    assert "Camille" not in (audit.reason or "")


def test_the_page_door_refuses_and_records_like_the_api(client, player, clock):
    bot = Player(client, player)
    login(client, player.email)
    payload = {"level": 1, "cells": bot.sequence()}
    response = client.post(f"/games/sessions/{bot.sid}/answer", json=payload)
    assert response.status_code == 409
    assert response.json["error"]["code"] == "sequence_not_shown"
    assert "séquence" in response.json["error"]["message"]
    assert refusals(bot.sid) == ["sequence_not_shown"]
    assert current_row(bot.sid).answered_at is None
