"""The database does not answer: pages and the API say "try again" (503, Retry-After, in the
page's language, no trace), never a 500 page, and the page is built without the database."""

from __future__ import annotations

from school101 import create_app
from tests.fixtures.smtp import free_port


def _app_without_database(app_config, monkeypatch, tmp_path):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
    url = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/gone"  # nothing listens
    return create_app({**app_config, "DATABASE_URL": url})


def test_pages_and_api_answer_try_again_while_the_database_is_down(
    app_config, monkeypatch, tmp_path
):
    client = _app_without_database(app_config, monkeypatch, tmp_path).test_client()
    french = client.get("/")
    english = client.get("/?lang=en")
    for page, title in ((french, "Réessayez dans une minute"), (english, "Try again in a minute")):
        text = page.get_data(as_text=True)
        assert page.status_code == 503 and int(page.headers["Retry-After"]) > 0
        assert f"<h1>{title}</h1>" in text and "Traceback" not in text and "psycopg" not in text
    api = client.post(
        "/api/v1/submissions",
        headers={"Authorization": "Bearer whatever", "Accept-Language": "en"},
        data={"exercise": "c00/ex00"},
    )
    assert api.status_code == 503 and api.headers["Retry-After"]
    assert api.get_json()["error"]["code"] == "service_unavailable"
    assert "try again" in api.get_json()["error"]["message"]


def test_logging_in_while_redis_is_down_says_try_again(app, app_config, monkeypatch, tmp_path):
    """The login throttle and the rate limits keep their counters in Redis: while it is down a
    login is refused with a "try again" (fail closed, never a 500 and never unthrottled)."""
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "instance"))
    down = f"redis://127.0.0.1:{free_port()}/0"
    client = create_app(
        {
            **app_config,
            "REDIS_URL": down,
            "RATELIMIT_STORAGE_URI": down,
            "RATELIMIT_ENABLED": True,
        }
    ).test_client()
    page = client.post("/auth/login?lang=en", data={"email": "a@example.org", "password": "x"})
    assert page.status_code == 503 and "Try again in a minute" in page.get_data(as_text=True)
    api = client.post("/api/v1/auth/token", json={"email": "a@example.org", "password": "x"})
    assert api.status_code == 503 and api.get_json()["error"]["code"] == "service_unavailable"
