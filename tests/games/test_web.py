"""The games pages and their session-authenticated JSON endpoints."""

from __future__ import annotations

import re

import pytest

from school101.extensions import db
from school101.models import GameSession
from tests.conftest import login
from tests.games.conftest import right_answer, wrong_answer


def session_id_from(response) -> int:
    assert response.status_code == 302, response.data
    return int(re.search(r"/games/sessions/(\d+)", response.headers["Location"]).group(1))


def test_index_needs_login(client, player):
    response = client.get("/games/")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_index_in_french_by_default_and_english_on_request(web):
    page = web.get("/games/").get_data(as_text=True)
    assert "Jeux de sélection" in page and "Jeu de mémoire" in page and "Jeu de logique" in page
    assert "Essais restants : 2 sur 2" in page
    page = web.get("/games/?lang=en").get_data(as_text=True)
    assert "Selection games" in page and "Attempts left: 2 of 2" in page


def test_index_without_application_explains_what_to_do(client, make_user, campaign):
    user = make_user()
    login(client, user.email)
    page = client.get("/games/?lang=en").get_data(as_text=True)
    assert "You have not applied yet" in page and 'href="/me"' in page
    assert "Start attempt" not in page


def test_start_then_play_page_carries_urls_messages_and_csrf_meta(web):
    sid = session_id_from(web.post("/games/memory/start"))
    response = web.get(f"/games/sessions/{sid}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<meta name="csrf-token"' in page
    assert f'data-answer-url="/games/sessions/{sid}/answer"' in page
    assert f'data-state-url="/games/sessions/{sid}/state"' in page
    assert "data-messages='{" in page and "Montrer la séquence" in page
    assert "js/games-memory.js" in page and "css/games.css" in page
    assert "<script>" not in page  # CSP: no inline script
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    # a second start resumes the same session
    assert session_id_from(web.post("/games/memory/start")) == sid
    assert GameSession.query.count() == 1


def test_logic_play_page(web):
    sid = session_id_from(web.post("/games/logic/start"))
    page = web.get(f"/games/sessions/{sid}?lang=en").get_data(as_text=True)
    assert 'id="logic-game"' in page and "js/games-logic.js" in page
    assert "Turn left" in page and "Skip this level" in page


def test_json_state_and_answer_flow(web):
    sid = session_id_from(web.post("/games/memory/start"))
    state = web.get(f"/games/sessions/{sid}/state").json
    assert state["status"] == "in_progress" and state["level"]["number"] == 1
    response = web.post(f"/games/sessions/{sid}/answer", json=right_answer(sid))
    assert response.status_code == 200 and response.json["correct"] is True
    response = web.post(f"/games/sessions/{sid}/answer", json=wrong_answer(sid))
    assert response.json["finished"] is True
    page = web.get(f"/games/sessions/{sid}?lang=en").get_data(as_text=True)
    assert "levels solved: 1" in page  # the results table of a finished session
    index = web.get("/games/?lang=en").get_data(as_text=True)
    assert "Best result" in index and "Detail of my attempts" in index


def test_json_errors_are_json(web):
    sid = session_id_from(web.post("/games/memory/start"))
    response = web.post(
        f"/games/sessions/{sid}/answer", data="not json", content_type="application/json"
    )
    assert response.status_code == 400 and response.json["error"]["code"] == "malformed_json"
    response = web.post(f"/games/sessions/{sid}/answer", json={"level": 2, "cells": []})
    assert response.status_code == 409 and response.json["error"]["code"] == "not_current_level"
    response = web.post(f"/games/sessions/{sid}/answer", json={"level": 1, "cells": [42]})
    assert response.status_code == 422 and "cells" in response.json["error"]["fields"]
    assert web.get("/games/sessions/999/state").status_code == 404


def test_json_endpoints_need_a_login(app, player):
    fresh = app.test_client()
    response = fresh.get("/games/sessions/1/state")
    assert response.status_code == 401 and response.json["error"]["code"] == "unauthorized"


def test_unknown_game_and_no_attempts_left_are_flashed(web):
    response = web.post("/games/chess/start", follow_redirects=True)
    assert response.status_code == 200 and "Ce jeu n&#39;existe pas." in response.get_data(
        as_text=True
    )
    for _ in range(2):
        sid = session_id_from(web.post("/games/memory/start"))
        web.post(f"/games/sessions/{sid}/answer", json=wrong_answer(sid))
    response = web.post("/games/memory/start?lang=en", follow_redirects=True)
    assert "You have used all your attempts at this game." in response.get_data(as_text=True)


class TestWithCsrf:
    """CSRF is on in production: the scripts send the page's token in X-CSRFToken."""

    @pytest.fixture
    def app_config(self, app_config):
        return {**app_config, "WTF_CSRF_ENABLED": True}

    def test_answer_needs_the_csrf_header(self, client, player):
        page = client.get("/auth/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        client.post(
            "/auth/login",
            data={"email": player.email, "password": "correct horse battery", "csrf_token": token},
        )
        index = client.get("/games/").get_data(as_text=True)
        token = re.search(r'name="csrf-token" content="([^"]+)"', index).group(1)
        response = client.post("/games/memory/start", data={"csrf_token": token})
        sid = session_id_from(response)
        response = client.post(f"/games/sessions/{sid}/answer", json=right_answer(sid))
        assert response.status_code == 400 and response.json["error"]["code"] == "csrf_failed"
        db.session.expire_all()
        assert db.session.get(GameSession, sid).current_level == 1
        response = client.post(
            f"/games/sessions/{sid}/answer", json=right_answer(sid), headers={"X-CSRFToken": token}
        )
        assert response.status_code == 200 and response.json["correct"] is True
