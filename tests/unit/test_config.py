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


def test_secret_key_file_is_private_from_its_creation(tmp_path, monkeypatch):
    """Mode 0600 comes from the open itself, not from a chmod after the key is written (a crash
    or a reader in between would see a world-readable key)."""
    import os
    import pathlib

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setattr(os, "chmod", lambda *a, **k: None)
    monkeypatch.setattr(pathlib.Path, "chmod", lambda *a, **k: None)
    old = os.umask(0o022)
    try:
        key = load_config(str(tmp_path))["SECRET_KEY"]
    finally:
        os.umask(old)
    mode = (tmp_path / "secret_key").stat().st_mode & 0o777
    assert mode == 0o600 and (tmp_path / "secret_key").read_text().strip() == key


def test_secret_key_created_by_another_process_is_never_overwritten(tmp_path, monkeypatch):
    """Two workers starting together: the one that finds the file already created (after it
    looked) uses that key instead of replacing it, so both sign cookies alike."""
    import pathlib

    monkeypatch.delenv("SECRET_KEY", raising=False)
    (tmp_path / "secret_key").write_text("k" * 64)
    monkeypatch.setattr(pathlib.Path, "exists", lambda self: False)  # it appeared after the check
    assert load_config(str(tmp_path))["SECRET_KEY"] == "k" * 64
    assert (tmp_path / "secret_key").read_text() == "k" * 64


def test_remember_cookie_is_same_site_and_follows_the_session_cookie(tmp_path, monkeypatch):
    from school101.config import finish_config

    monkeypatch.setenv("PUBLIC_URL", "http://127.0.0.1:5000")
    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    config = load_config(str(tmp_path))
    assert config["REMEMBER_COOKIE_SAMESITE"] == "Lax" and config["REMEMBER_COOKIE_SECURE"] is False
    overrides = {"SESSION_COOKIE_SECURE": True}  # as create_app(config) applies them
    config.update(overrides)
    finish_config(config, overrides)
    assert config["REMEMBER_COOKIE_SECURE"] is True


def test_memory_rate_limits_are_warned_about(tmp_path, monkeypatch, caplog):
    import logging

    from school101.config import finish_config

    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("RATELIMIT_ENABLED", raising=False)
    config = load_config(str(tmp_path))
    with caplog.at_level(logging.WARNING, logger="school101.config"):
        assert len(finish_config(config)) == 1
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert "REDIS_URL" in caplog.records[0].getMessage()
    caplog.clear()
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6399/0")
    assert finish_config(load_config(str(tmp_path))) == []
    monkeypatch.delenv("REDIS_URL")
    monkeypatch.setenv("RATELIMIT_ENABLED", "0")
    assert finish_config(load_config(str(tmp_path))) == [] and caplog.records == []
