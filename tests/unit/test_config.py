"""Configuration read from the environment (what an operator sets, what the app does)."""
from __future__ import annotations

from school101.config import load_config


def test_cookies_are_secure_when_the_public_url_is_https(tmp_path, monkeypatch):
    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    monkeypatch.setenv("PUBLIC_URL", "https://101.example.org")
    config = load_config(str(tmp_path))
    assert config["SESSION_COOKIE_SECURE"] is True and config["REMEMBER_COOKIE_SECURE"] is True
    monkeypatch.setenv("PUBLIC_URL", "http://127.0.0.1:5000")
    assert load_config(str(tmp_path))["SESSION_COOKIE_SECURE"] is False
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "0")  # an explicit choice wins
    monkeypatch.setenv("PUBLIC_URL", "https://101.example.org")
    assert load_config(str(tmp_path))["SESSION_COOKIE_SECURE"] is False


def test_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = load_config(str(tmp_path))["SECRET_KEY"]
    assert len(first) >= 32 and load_config(str(tmp_path))["SECRET_KEY"] == first
    assert load_config(str(tmp_path / "other"))["SECRET_KEY"] != first


def test_email_confirmation_can_be_turned_off_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("REQUIRE_EMAIL_CONFIRMATION", "0")
    assert load_config(str(tmp_path))["REQUIRE_EMAIL_CONFIRMATION"] is False
    monkeypatch.delenv("REQUIRE_EMAIL_CONFIRMATION")
    assert load_config(str(tmp_path))["REQUIRE_EMAIL_CONFIRMATION"] is True
