"""/healthz and /readyz: no login, JSON, 503 naming the failed check (and nothing more)."""

from __future__ import annotations

import pytest

from tests.fixtures.smtp import free_port


def test_healthz_answers_without_login_and_carries_a_request_id(client):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json == {"status": "ok"}
    assert len(r.headers["X-Request-ID"]) == 32


@pytest.mark.redis
def test_readyz_is_ready_when_database_and_redis_answer(make_app, redis_url):
    client = make_app({"REDIS_URL": redis_url}).test_client()
    r = client.get("/readyz")
    assert r.status_code == 200, r.json
    assert r.json == {"status": "ready", "checks": {"database": "ok", "redis": "ok"}}


def test_readyz_is_503_when_redis_is_down_and_says_only_which_check_failed(make_app):
    port = free_port()
    client = make_app({"REDIS_URL": f"redis://127.0.0.1:{port}/0"}).test_client()
    r = client.get("/readyz")
    assert r.status_code == 503 and r.is_json
    assert r.json["status"] == "unavailable"
    assert r.json["checks"]["database"] == "ok"
    assert r.json["checks"]["redis"] == "failed: ConnectionError"
    assert str(port) not in r.get_data(as_text=True)  # no address, no message


def test_readyz_checks_docker_when_asked(client, monkeypatch):
    import docker

    def unreachable(**_kwargs):
        raise docker.errors.DockerException("no engine")

    monkeypatch.setattr(docker, "from_env", unreachable)
    assert "docker" not in client.get("/readyz").json["checks"]
    r = client.get("/readyz?docker=1")
    assert r.status_code == 503
    assert r.json["checks"]["docker"] == "failed: DockerException"


@pytest.mark.docker
def test_readyz_on_a_worker_host_pings_the_real_engine(make_app):
    import grader
    from tests.conftest import require_service

    require_service("Docker", grader.sandbox_available())
    r = make_app({"READYZ_DOCKER": True}).test_client().get("/readyz")
    assert r.json["checks"]["docker"] == "ok"
