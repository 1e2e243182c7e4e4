"""Forged requests change nothing; races between tabs produce exactly one result.

The parallel tests serve the application on 127.0.0.1 with werkzeug's threaded server and
hit it from real threads, each with its own connection, on the test database (an SQLite
file, or PostgreSQL when TEST_DATABASE_URL is set).
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from contextlib import contextmanager

from werkzeug.serving import make_server

from school101.extensions import db
from school101.models import Application, AuditLog, GameLevel, GameSession
from tests.conftest import bearer, count, login
from tests.games.conftest import current_row, right_answer, wrong_answer

API = "/api/v1/games"


def start(client, headers, game="memory"):
    response = client.post(f"{API}/{game}/sessions", headers=headers)
    assert response.status_code in (200, 201), response.json
    return response.json["id"]


def answer(client, headers, session_id, payload):
    return client.post(f"{API}/sessions/{session_id}/answer", headers=headers, json=payload)


# ---------------------------------------------------------------- forged fields


def test_forged_score_time_and_levels_solved_are_ignored(client, player):
    headers = bearer(client.application, player)
    sid = start(client, headers)
    forged = {
        **right_answer(sid),
        "score": 10**6,
        "time_ms": 1,
        "levels_solved": 99,
        "correct": True,
        "answered_at": "2000-01-01T00:00:00Z",
        "issued_at": "2100-01-01T00:00:00Z",
    }
    response = answer(client, headers, sid, forged)
    assert response.status_code == 200, response.json
    state = response.json["state"]
    assert state["levels_solved"] == 1 and state["score"] == 1
    row = GameLevel.query.filter_by(session_id=sid, level=1).one()
    assert row.time_ms == int((row.answered_at - row.issued_at).total_seconds() * 1000)
    assert row.time_ms != 1 or row.answered_at != row.issued_at


def test_a_wrong_answer_with_a_forged_correct_flag_stays_wrong(client, player):
    headers = bearer(client.application, player)
    sid = start(client, headers)
    response = answer(client, headers, sid, {**wrong_answer(sid), "correct": True, "score": 12})
    assert response.status_code == 200 and response.json["correct"] is False
    assert response.json["state"]["status"] == "finished" and response.json["state"]["score"] == 0
    assert Application.query.filter_by(user_id=player.id).one().memory_score == 0


def test_forged_level_number_is_refused(client, player):
    headers = bearer(client.application, player)
    sid = start(client, headers)
    right = right_answer(sid)
    for level in (2, 3, 0, -1, 10**9):
        response = answer(client, headers, sid, {**right, "level": level})
        assert response.status_code == 409, (level, response.json)
        assert response.json["error"]["code"] == "not_current_level"
    for level in ("1", 1.0, None, True):
        response = answer(client, headers, sid, {**right, "level": level})
        assert response.status_code == 422, (level, response.json)
    response = answer(client, headers, sid, {"cells": right["cells"]})
    assert response.status_code == 422 and "level" in response.json["error"]["fields"]
    assert current_row(sid).answered_at is None


def test_logic_forged_instruction_count_is_ignored(client, player):
    headers = bearer(client.application, player)
    sid = start(client, headers, "logic")
    payload = right_answer(sid)
    used = sum(len(v) for v in payload["program"].values())
    response = answer(client, headers, sid, {**payload, "instructions": 1, "total_instructions": 0})
    assert response.status_code == 200 and response.json["correct"] is True
    assert response.json["state"]["total_instructions"] == used


def test_answering_someone_elses_session_is_not_found(client, player, other_player):
    headers = bearer(client.application, player)
    sid = start(client, headers)
    intruder = bearer(client.application, other_player)
    assert client.get(f"{API}/sessions/{sid}", headers=intruder).status_code == 404
    response = answer(client, intruder, sid, right_answer(sid))
    assert response.status_code == 404 and response.json["error"]["code"] == "no_such_session"
    assert current_row(sid).answered_at is None
    # ...and through the pages
    login(client, other_player.email)
    assert client.get(f"/games/sessions/{sid}").status_code == 404
    assert client.get(f"/games/sessions/{sid}/state").status_code == 404
    response = client.post(f"/games/sessions/{sid}/answer", json=right_answer(sid))
    assert response.status_code == 404 and response.json["error"]["code"] == "no_such_session"
    assert current_row(sid).answered_at is None


def test_answering_an_old_level_is_refused(client, player):
    headers = bearer(client.application, player)
    sid = start(client, headers)
    first = right_answer(sid)
    assert answer(client, headers, sid, first).status_code == 200
    assert answer(client, headers, sid, right_answer(sid)).status_code == 200
    response = answer(client, headers, sid, first)
    assert response.status_code == 409 and response.json["error"]["code"] == "not_current_level"
    session = db.session.get(GameSession, sid)
    db.session.refresh(session)
    assert session.levels_solved == 2 and session.current_level == 3


def test_replaying_an_answer_is_refused_and_counted_once(client, player):
    headers = bearer(client.application, player)
    sid = start(client, headers)
    payload = right_answer(sid)
    assert answer(client, headers, sid, payload).status_code == 200
    response = answer(client, headers, sid, payload)
    assert response.status_code == 409
    for _ in range(2):
        last = right_answer(sid)
        assert answer(client, headers, sid, last).status_code == 200
    response = answer(client, headers, sid, last)  # replay of the finishing answer
    assert response.status_code == 409 and response.json["error"]["code"] == "session_finished"
    assert count(AuditLog) and AuditLog.query.filter_by(action="game.finished").count() == 1
    assert db.session.get(GameSession, sid).levels_solved == 3


def test_replaying_a_logic_skip_does_not_skip_two_levels(client, player):
    headers = bearer(client.application, player)
    sid = start(client, headers, "logic")
    assert answer(client, headers, sid, {"level": 1, "action": "skip"}).status_code == 200
    response = answer(client, headers, sid, {"level": 1, "action": "skip"})
    assert response.status_code == 409
    assert db.session.get(GameSession, sid).current_level == 2


def test_attempts_limit_is_enforced(client, player):
    headers = bearer(client.application, player)
    for _ in range(2):
        sid = start(client, headers)
        assert answer(client, headers, sid, wrong_answer(sid)).json["finished"] is True
    response = client.post(f"{API}/memory/sessions", headers=headers)
    assert response.status_code == 409 and response.json["error"]["code"] == "no_attempts_left"
    assert GameSession.query.filter_by(game="memory").count() == 2


def test_the_solution_never_reaches_the_browser(client, player):
    headers = bearer(client.application, player)
    sid = start(client, headers, "logic")
    reference = json.loads(current_row(sid).solution)["program"]
    body = client.get(f"{API}/sessions/{sid}", headers=headers).get_data(as_text=True)
    assert "solution" not in body and json.dumps(reference) not in body
    login(client, player.email)
    page = client.get(f"/games/sessions/{sid}").get_data(as_text=True)
    assert "solution" not in page


# ---------------------------------------------------------------- real parallel requests


@contextmanager
def served(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


def post_json(url, payload, headers):
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        method="POST",
        headers={"Content-Type": "application/json", **headers},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def in_parallel(calls):
    """Run the calls at the same moment from real threads; return their results in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def worker(i, call):
        barrier.wait()
        results[i] = call()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def advance_to_last_level(client, headers, sid, levels=3):
    for _ in range(levels - 1):
        assert answer(client, headers, sid, right_answer(sid)).status_code == 200


def release_db():
    """Commit and give the connection back before the server's threads write."""
    db.session.commit()
    db.session.expire_all()


def test_two_tabs_finishing_at_once_make_exactly_one_result(app, client, player):
    headers = bearer(app, player)
    for game in ("memory", "logic"):
        sid = start(client, headers, game)
        advance_to_last_level(client, headers, sid)
        last = right_answer(sid)
        release_db()
        with served(app) as base:
            url = f"{base}{API}/sessions/{sid}/answer"
            results = in_parallel([lambda url=url, last=last: post_json(url, last, headers)] * 4)
        statuses = sorted(status for status, _ in results)
        assert statuses == [200, 409, 409, 409], results
        winner = next(body for status, body in results if status == 200)
        assert winner["finished"] is True and winner["correct"] is True
        db.session.expire_all()
        session = db.session.get(GameSession, sid)
        assert session.status == "finished" and session.levels_solved == 3
        assert GameLevel.query.filter_by(session_id=sid).count() == 3
        assert AuditLog.query.filter_by(action="game.finished", target_id=sid).count() == 1
    application = Application.query.filter_by(user_id=player.id).one()
    assert application.status == "games_done"
    assert AuditLog.query.filter_by(action="application.games_done").count() == 1


def test_both_games_finishing_at_once_complete_the_application_once(app, client, player):
    headers = bearer(app, player)
    payloads = {}
    for game in ("memory", "logic"):
        sid = start(client, headers, game)
        advance_to_last_level(client, headers, sid)
        payloads[sid] = right_answer(sid)
    release_db()
    with served(app) as base:
        results = in_parallel(
            [
                (lambda sid=sid, p=p: post_json(f"{base}{API}/sessions/{sid}/answer", p, headers))
                for sid, p in payloads.items()
            ]
        )
    assert [status for status, _ in results] == [200, 200], results
    db.session.expire_all()
    application = Application.query.filter_by(user_id=player.id).one()
    assert application.status == "games_done" and application.games_completed_at is not None
    assert application.memory_score == 3 and application.logic_score == 3
    assert AuditLog.query.filter_by(action="application.games_done").count() == 1


def test_parallel_starts_make_one_attempt(app, client, player):
    headers = bearer(app, player)
    release_db()
    with served(app) as base:
        results = in_parallel([lambda: post_json(f"{base}{API}/memory/sessions", {}, headers)] * 4)
    assert all(status in (200, 201) for status, _ in results), results
    assert len({body["id"] for _, body in results}) == 1
    assert sorted(status for status, _ in results).count(201) == 1
    db.session.expire_all()
    assert GameSession.query.count() == 1 and GameLevel.query.count() == 1


def test_parallel_wrong_tries_are_all_counted_or_refused(app, client, player):
    headers = bearer(app, player)
    sid = start(client, headers, "logic")
    wrong = wrong_answer(sid)
    release_db()
    with served(app) as base:
        results = in_parallel(
            [lambda: post_json(f"{base}{API}/sessions/{sid}/answer", wrong, headers)] * 3
        )
    accepted = [body for status, body in results if status == 200]
    assert all(status in (200, 409) for status, _ in results), results
    db.session.expire_all()
    tries = json.loads(current_row(sid).answer)["tries"]
    assert tries == len(accepted) >= 1
