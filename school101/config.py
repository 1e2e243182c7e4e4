"""Settings read from the environment (see README, "Configuration")."""

from __future__ import annotations

import logging
import os
import secrets
import time
from pathlib import Path


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() not in {"0", "false", "no", "off"}


def _secret_key(instance_path: Path) -> str:
    """Return SECRET_KEY from the environment, or one generated once into instance/.

    The file is created with mode 0600 by the open itself (never readable by others, not even
    for a moment), and O_EXCL makes its creation atomic: when two processes start together
    (gunicorn workers), one creates it and the other reads that key, so both sign alike.
    """
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = instance_path / "secret_key"
    instance_path.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_key(key_file)
    with os.fdopen(fd, "w") as out:
        out.write(secrets.token_hex(32))
    return key_file.read_text().strip()


def _read_key(key_file: Path) -> str:
    """The kept key; waits a little while another process is still writing a new file."""
    for _ in range(50):
        key = key_file.read_text().strip()
        if key:
            return key
        time.sleep(0.02)
    raise RuntimeError(f"{key_file} is empty: delete it or set SECRET_KEY")


def load_config(instance_path: str) -> dict:
    """Build the Flask config mapping from environment variables."""
    instance = Path(instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'school101.sqlite'}"
    redis_url = os.environ.get("REDIS_URL", "")
    public_url = os.environ.get("PUBLIC_URL", "http://127.0.0.1:5000")
    # Served over HTTPS (as PUBLIC_URL says): cookies never travel in clear, unless overridden.
    secure_cookies = _flag("SESSION_COOKIE_SECURE", public_url.lower().startswith("https://"))
    return {
        "SECRET_KEY": _secret_key(instance),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options(database_url),
        "REDIS_URL": redis_url,
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        "RATELIMIT_ENABLED": _flag("RATELIMIT_ENABLED", True),
        "RATELIMIT_HEADERS_ENABLED": True,
        # /git/ limits, in the `limits` notation, kept in RATELIMIT_STORAGE_URI (gitserver/throttle.py).
        "GIT_AUTH_FAILURES_PER_CLIENT": os.environ.get(
            "GIT_AUTH_FAILURES_PER_CLIENT", "10 per 5 minutes"
        ),
        "GIT_AUTH_FAILURES_PER_IP": os.environ.get("GIT_AUTH_FAILURES_PER_IP", "10 per 5 minutes"),
        "GIT_AUTH_FAILURES_PER_USERNAME": os.environ.get(
            "GIT_AUTH_FAILURES_PER_USERNAME", "10 per 5 minutes"
        ),
        "GIT_REQUESTS_PER_USER": os.environ.get("GIT_REQUESTS_PER_USER", "120 per minute"),
        # What one push may make the server inflate (gitserver/bounds.py): each object once
        # unpacked, all of them together, how many, and how many ref updates.
        "GIT_MAX_PUSH_BYTES": int(os.environ.get("GIT_MAX_PUSH_BYTES", str(20 << 20))),
        "GIT_MAX_REPO_BYTES": int(os.environ.get("GIT_MAX_REPO_BYTES", str(100 << 20))),
        "GIT_MAX_OBJECT_BYTES": int(os.environ.get("GIT_MAX_OBJECT_BYTES", str(10 << 20))),
        "GIT_MAX_PUSH_INFLATED_BYTES": int(
            os.environ.get("GIT_MAX_PUSH_INFLATED_BYTES", str(100 << 20))
        ),
        "GIT_MAX_PUSH_OBJECTS": int(os.environ.get("GIT_MAX_PUSH_OBJECTS", "10000")),
        "GIT_MAX_PUSH_REFS": int(os.environ.get("GIT_MAX_PUSH_REFS", "100")),
        # Where the day repositories live (services/grading/repositories.py); shared storage when
        # there are several web hosts (docs/deploy.md). Empty: <instance_path>/git.
        "GIT_ROOT": os.environ.get("GIT_ROOT", ""),
        "BOARD_LIVE_INTERVAL_SECONDS": int(os.environ.get("BOARD_LIVE_INTERVAL_SECONDS", "15")),
        # Selection games pacing (services/games/pacing.py, docs/decisions.md): answers faster
        # than these floors are refused; sessions whose median pace is below the flag levels, or
        # too regular (coefficient of variation under GAMES_FLAG_MAX_CV), are flagged for staff.
        "GAMES_MEMORY_MIN_MS_PER_CELL": int(os.environ.get("GAMES_MEMORY_MIN_MS_PER_CELL", "150")),
        "GAMES_LOGIC_MIN_MS_PER_INSTRUCTION": int(
            os.environ.get("GAMES_LOGIC_MIN_MS_PER_INSTRUCTION", "150")
        ),
        "GAMES_FLAG_MEMORY_MEDIAN_MS": int(os.environ.get("GAMES_FLAG_MEMORY_MEDIAN_MS", "300")),
        "GAMES_FLAG_LOGIC_MEDIAN_MS": int(os.environ.get("GAMES_FLAG_LOGIC_MEDIAN_MS", "600")),
        "GAMES_FLAG_MAX_CV": float(os.environ.get("GAMES_FLAG_MAX_CV", "0.01")),
        # The campus networks exams may be taken from (CIDRs): every room's networks lie inside.
        "EXAM_NETWORKS": os.environ.get("EXAM_NETWORKS", "127.0.0.0/8,::1/128"),
        "REQUIRE_EMAIL_CONFIRMATION": _flag("REQUIRE_EMAIL_CONFIRMATION", True),
        # Days an API (and git) token works after its creation.
        "API_TOKEN_DAYS": int(os.environ.get("API_TOKEN_DAYS", "90")),
        # Failed logins an account takes (page and API together) before growing waits begin.
        "LOGIN_FREE_FAILURES": int(os.environ.get("LOGIN_FREE_FAILURES", "5")),
        "BABEL_DEFAULT_LOCALE": "fr",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Paris",
        "LANGUAGES": ["fr", "en"],
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure_cookies,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SECURE": secure_cookies,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_ENABLED": True,
        "WTF_CSRF_TIME_LIMIT": None,
        "MAIL_SMTP_HOST": os.environ.get("MAIL_SMTP_HOST", ""),
        "MAIL_SMTP_PORT": int(os.environ.get("MAIL_SMTP_PORT", "25")),
        "MAIL_SMTP_USER": os.environ.get("MAIL_SMTP_USER", ""),
        "MAIL_SMTP_PASSWORD": os.environ.get("MAIL_SMTP_PASSWORD", ""),
        "MAIL_SMTP_STARTTLS": _flag("MAIL_SMTP_STARTTLS", False),
        "MAIL_SMTP_SSL": _flag("MAIL_SMTP_SSL", False),
        "MAIL_SMTP_CA_FILE": os.environ.get("MAIL_SMTP_CA_FILE", ""),
        # Seconds one SMTP attempt may take in the worker, and after a commit when Redis is missing.
        "MAIL_SMTP_TIMEOUT": float(os.environ.get("MAIL_SMTP_TIMEOUT", "10")),
        "MAIL_SMTP_SYNC_TIMEOUT": float(os.environ.get("MAIL_SMTP_SYNC_TIMEOUT", "5")),
        # Waits between delivery attempts (one retry each); then the mail is marked failed.
        "MAIL_RETRY_INTERVALS": os.environ.get("MAIL_RETRY_INTERVALS", "60,300,1800,7200"),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "101 <noreply@101.campus-numerique.example>"),
        # Recovery after faults (docs/reliability.md): the worker's periodic duties interval, how
        # long a queued run may lack its RQ job before the sweeper enqueues it again (Redis lost
        # it), and how often RQ looks for jobs of a dead worker (its maintenance interval) and
        # beats the heart of a running job (a dead worker's job is seen 60 s after its last beat).
        "PERIODIC_INTERVAL_SECONDS": float(os.environ.get("PERIODIC_INTERVAL_SECONDS", "30")),
        "GRADING_LOST_JOB_GRACE_SECONDS": int(
            os.environ.get("GRADING_LOST_JOB_GRACE_SECONDS", "60")
        ),
        "WORKER_MAINTENANCE_SECONDS": int(os.environ.get("WORKER_MAINTENANCE_SECONDS", "60")),
        "WORKER_MONITORING_SECONDS": int(os.environ.get("WORKER_MONITORING_SECONDS", "30")),
        "PUBLIC_URL": public_url,
        # Observability (docs/operations.md): log lines as `json` or `text` (unset: Flask's
        # defaults), the bearer token of /metrics (unset: no /metrics), the worker's own metrics
        # port (0: none) and address, and whether /readyz checks Docker (worker hosts).
        "LOG_FORMAT": os.environ.get("LOG_FORMAT", ""),
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "INFO"),
        "METRICS_TOKEN": os.environ.get("METRICS_TOKEN", ""),
        "WORKER_METRICS_PORT": int(os.environ.get("WORKER_METRICS_PORT", "0") or 0),
        "WORKER_METRICS_HOST": os.environ.get("WORKER_METRICS_HOST", "127.0.0.1"),
        "READYZ_DOCKER": _flag("READYZ_DOCKER", False),
        # Backups (docs/backups.md): their folder (default <instance>/backups), how many
        # `backup create` keeps (0: all), and where pg_dump/pg_restore are when not found.
        "BACKUP_DIR": os.environ.get("BACKUP_DIR", str(instance / "backups")),
        "BACKUP_KEEP": int(os.environ.get("BACKUP_KEEP", "7")),
        "BACKUP_PG_BIN": os.environ.get("BACKUP_PG_BIN", ""),
        # Host files copied into each backup (":"-separated), e.g. the environment file.
        "BACKUP_HOST_FILES": os.environ.get("BACKUP_HOST_FILES", ""),
        "EXERCISES_DIR": os.environ.get(
            "EXERCISES_DIR", str(Path(__file__).resolve().parent.parent / "exercises")
        ),
        "SUBMISSION_MAX_FILE_BYTES": int(os.environ.get("SUBMISSION_MAX_FILE_BYTES", str(1 << 20))),
        "SUBMISSION_MAX_TOTAL_BYTES": int(
            os.environ.get("SUBMISSION_MAX_TOTAL_BYTES", str(10 << 20))
        ),
        "SUBMISSION_MAX_FILES": int(os.environ.get("SUBMISSION_MAX_FILES", "200")),
        # Bodies above this are refused with 413 before being read.
        "MAX_CONTENT_LENGTH": int(os.environ.get("SUBMISSION_MAX_TOTAL_BYTES", str(10 << 20)))
        + (1 << 20),
        "API_TITLE": "school101 API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
        "API_SPEC_OPTIONS": {
            "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}},
            "info": {
                "description": "JSON API of the 101 school's intake platform. "
                'Errors are always {"error": {"code", "message", "fields"?}} (schema `Error`): '
                "`code` is a stable English word, `message` and `fields` (per-field messages) are for "
                "people. Language: every answer follows the request's `Accept-Language` header, French "
                "or English (quality values honoured, `en-GB` counts as English); without it, or when "
                "it names neither, French. The account's locale only sets the language of e-mails."
            },
        },
    }


log = logging.getLogger("school101.config")

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def is_loopback_url(url: str) -> bool:
    """True when `url`'s host is this machine only (127.0.0.1, localhost or ::1)."""
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url or "").hostname or ""
    except ValueError:
        return False
    return host.lower() in LOOPBACK_HOSTS


def finish_config(config: dict, overrides: dict | None = None) -> list[str]:
    """Settings that follow others once the overrides are in, and the warnings an operator must
    see at start (returned and logged at WARNING, once per app).

    - REMEMBER_COOKIE_SECURE follows SESSION_COOKIE_SECURE unless set itself;
    - rate limits kept in per-process memory (RATELIMIT_ENABLED without REDIS_URL) are not shared
      by gunicorn workers nor hosts: each process counts apart, so a limit is multiplied.
    """
    overrides = overrides or {}
    if "SESSION_COOKIE_SECURE" in overrides and "REMEMBER_COOKIE_SECURE" not in overrides:
        config["REMEMBER_COOKIE_SECURE"] = bool(config["SESSION_COOKIE_SECURE"])
    warnings = []
    storage = str(config.get("RATELIMIT_STORAGE_URI") or "memory://")
    if config.get("RATELIMIT_ENABLED", True) and storage.startswith("memory://"):
        warnings.append(
            "RATE LIMITS ARE PER PROCESS: RATELIMIT_ENABLED is on but REDIS_URL is not set, so "
            "every process keeps its own counters in memory (limits are multiplied by the number "
            "of workers and reset on restart). Set REDIS_URL in production."
        )
    for message in warnings:
        log.warning(message)
    return warnings


def engine_options(database_url: str) -> dict:
    """Engine options suited to the database kind."""
    if database_url.startswith("sqlite"):
        # Wait for a lock rather than failing at once when two writers meet.
        return {"connect_args": {"timeout": 30}}
    return {"pool_pre_ping": True}
