"""The games API under /api/v1 (bearer tokens), twins of the pages."""

from __future__ import annotations

from school101.models import Application, GameSession
from tests.conftest import bearer
from tests.games.conftest import right_answer, wrong_answer


def test_games_need_a_token(client, player):
    for method, url in (
        ("get", "/api/v1/games"),
        ("post", "/api/v1/games/memory/sessions"),
        ("get", "/api/v1/games/sessions/1"),
        ("post", "/api/v1/games/sessions/1/answer"),
    ):
        response = getattr(client, method)(url, json={})
        assert response.status_code == 401, url
        assert response.json["error"]["code"] == "unauthorized"


def test_overview(client, player):
    headers = bearer(client.application, player)
    body = client.get("/api/v1/games", headers=headers).json
    assert body["can_play"] is True and body["problem"] is None
    assert [g["game"] for g in body["games"]] == ["memory", "logic"]
    assert body["games"][0]["attempts_left"] == 2 and body["games"][0]["levels_total"] == 3


def test_start_resume_and_state(client, player):
    headers = bearer(client.application, player)
    response = client.post("/api/v1/games/logic/sessions", headers=headers)
    assert response.status_code == 201
    session = response.json
    assert session["status"] == "in_progress" and session["level"]["number"] == 1
    assert set(session["level"]["puzzle"]) >= {"rows", "cols", "floor", "targets", "start", "slots"}
    response = client.post("/api/v1/games/logic/sessions", headers=headers)
    assert response.status_code == 200 and response.json["id"] == session["id"]
    assert response.json["level"]["puzzle"] == session["level"]["puzzle"]
    state = client.get(f"/api/v1/games/sessions/{session['id']}", headers=headers).json
    assert state["level"]["issued_at"] == session["level"]["issued_at"]


def test_full_games_through_the_api(client, player):
    headers = bearer(client.application, player)
    for game in ("memory", "logic"):
        sid = client.post(f"/api/v1/games/{game}/sessions", headers=headers).json["id"]
        if game == "logic":
            tried = client.post(
                f"/api/v1/games/sessions/{sid}/answer", headers=headers, json=wrong_answer(sid)
            )
            assert tried.status_code == 200 and tried.json["correct"] is False
            assert tried.json["outcome"] == "ended" and tried.json["tries"] == 1
        for _ in range(3):
            response = client.post(
                f"/api/v1/games/sessions/{sid}/answer", headers=headers, json=right_answer(sid)
            )
            assert response.status_code == 200 and response.json["correct"] is True
        assert response.json["finished"] is True and response.json["state"]["status"] == "finished"
        assert response.json["state"]["levels"][-1]["level"] == 3
    application = Application.query.filter_by(user_id=player.id).one()
    assert application.status == "games_done"
    me = client.get("/api/v1/me", headers=headers).json
    assert me["application"]["games"]["memory_score"] == 3
    overview = client.get("/api/v1/games", headers=headers).json
    assert overview["games_completed_at"] and overview["games"][1]["best"]["levels_solved"] == 3


def test_api_errors(client, player, make_user):
    headers = bearer(client.application, player)
    assert client.post("/api/v1/games/chess/sessions", headers=headers).status_code == 404
    sid = client.post("/api/v1/games/memory/sessions", headers=headers).json["id"]
    url = f"/api/v1/games/sessions/{sid}/answer"
    response = client.post(url, headers=headers, data="{not json", content_type="application/json")
    assert response.status_code in (400, 422) and "error" in response.json
    response = client.post(url, headers=headers, json={"level": 1, "cells": ["a"]})
    assert response.status_code == 422 and "cells" in response.json["error"]["fields"]
    response = client.post(url, headers=headers, json={"level": 1, "cells": [1], "action": "fly"})
    assert response.status_code == 422
    assert client.get("/api/v1/games/sessions/424242", headers=headers).status_code == 404
    logic = client.post("/api/v1/games/logic/sessions", headers=headers).json["id"]
    response = client.post(
        f"/api/v1/games/sessions/{logic}/answer",
        headers=headers,
        json={"level": 1, "action": "run", "program": {"main": ["jump"]}},
    )
    assert response.status_code == 422
    response = client.post(
        f"/api/v1/games/sessions/{logic}/answer",
        headers=headers,
        json={"level": 1, "action": "run", "program": {"main": ["forward"] * 9}},
    )
    assert response.status_code == 422 and response.json["error"]["fields"]["main"]
    assert GameSession.query.count() == 2
    nobody = make_user()
    response = client.post(
        "/api/v1/games/memory/sessions", headers=bearer(client.application, nobody)
    )
    assert response.status_code == 403 and response.json["error"]["code"] == "no_application"
    staff = make_user(roles=("staff",))
    response = client.get("/api/v1/games", headers=bearer(client.application, staff))
    assert response.status_code == 200 and response.json["can_play"] is False


def test_openapi_documents_the_games(client):
    spec = client.get("/api/v1/openapi.json").json
    paths = spec["paths"]
    assert "/api/v1/games" in paths
    assert "/api/v1/games/{game}/sessions" in paths
    assert "/api/v1/games/sessions/{session_id}" in paths
    answer = paths["/api/v1/games/sessions/{session_id}/answer"]["post"]
    assert answer["security"] == [{"bearerAuth": []}]
    assert {"200", "404", "409", "422"} <= set(answer["responses"])
    schemas = spec["components"]["schemas"]
    assert {"level", "cells", "action", "program"} <= set(schemas["GameAnswerIn"]["properties"])
    assert "level" in schemas["GameSessionOut"]["properties"]
