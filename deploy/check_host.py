"""Is this host ready for its school101 role(s)? Prints one line per check, exits 1 on a failure.

    sudo -u school101 /opt/school101/.venv/bin/python deploy/check_host.py web
    sudo -u school101 /opt/school101/.venv/bin/python deploy/check_host.py worker
    ... check_host.py --url https://piscine.school.example proxy

Settings are read from the environment files (default /etc/school101/school101.env and, when
present, /etc/school101/host.env; --env to name others), as systemd gives them to the units.
Roles: `web` (shared settings, database at the latest migration, Redis, GIT_ROOT writable),
`worker` (the same, plus its Docker engine and the grader image of this release), `proxy`
(`--url` answers /healthz through TLS). Run it after the first start, each upgrade and when a
host is added (docs/deploy.md).
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
import tempfile
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
APP_DIR = HERE.parent
DEFAULT_ENV_FILES = ("/etc/school101/school101.env", "/etc/school101/host.env")
REQUIRED = ("SECRET_KEY", "DATABASE_URL", "REDIS_URL", "PUBLIC_URL", "BEHIND_PROXY", "GIT_ROOT")
PLACEHOLDER = "CHANGE_ME"


class CheckFailed(Exception):
    """One check did not pass; the message says what to fix."""


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines as systemd's EnvironmentFile reads them (comments and blanks skipped,
    one pair of surrounding quotes removed)."""
    values = {}
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def check_env_files(paths: list[Path]) -> dict[str, str]:
    """The merged settings; fails on a missing shared file, one others may read, or a
    placeholder left in it."""
    settings: dict[str, str] = {}
    for index, path in enumerate(paths):
        if not path.exists():
            if index == 0:
                raise CheckFailed(f"{path} is missing (copy deploy/school101.env.example)")
            continue
        mode = stat.S_IMODE(path.stat().st_mode)
        if "SECRET_KEY" in path.read_text() and mode & stat.S_IROTH:
            raise CheckFailed(f"{path} holds secrets and is readable by everyone: chmod 0640")
        settings.update(read_env_file(path))
    left = sorted(k for k, v in settings.items() if PLACEHOLDER in v)
    if left:
        raise CheckFailed(f"still {PLACEHOLDER}: {', '.join(left)}")
    missing = [k for k in REQUIRED if not settings.get(k)]
    if missing:
        raise CheckFailed(f"not set: {', '.join(missing)}")
    if len(settings["SECRET_KEY"]) < 32:
        raise CheckFailed("SECRET_KEY is shorter than 32 characters")
    return settings


def check_database(settings: dict[str, str]) -> str:
    """The database answers and carries the latest migration of this release."""
    from alembic.script import ScriptDirectory
    from sqlalchemy import create_engine, text

    head = ScriptDirectory(str(APP_DIR / "migrations")).get_current_head()
    engine = create_engine(settings["DATABASE_URL"], connect_args=_connect_timeout(settings))
    try:
        with engine.connect() as connection:
            version = connection.execute(text("select version_num from alembic_version")).scalar()
    except Exception as exc:
        raise CheckFailed(f"database: {type(exc).__name__}: {str(exc).splitlines()[0]}") from None
    finally:
        engine.dispose()
    if version != head:
        raise CheckFailed(f"database at migration {version}, this release needs {head}")
    return f"database at migration {head}"


def _connect_timeout(settings: dict[str, str]) -> dict:
    return {} if settings["DATABASE_URL"].startswith("sqlite") else {"connect_timeout": 5}


def check_redis(settings: dict[str, str]) -> str:
    """Redis answers."""
    import redis

    try:
        redis.Redis.from_url(settings["REDIS_URL"], socket_timeout=5).ping()
    except redis.RedisError as exc:
        raise CheckFailed(f"Redis: {exc}") from None
    return "Redis answers"


def check_git_root(settings: dict[str, str]) -> str:
    """GIT_ROOT exists and this user can write there."""
    root = Path(settings["GIT_ROOT"])
    if not root.is_dir():
        raise CheckFailed(f"GIT_ROOT {root} is not a directory (is the shared storage mounted?)")
    try:
        with tempfile.NamedTemporaryFile(dir=root, prefix=".check-"):
            pass
    except OSError as exc:
        raise CheckFailed(f"GIT_ROOT {root} is not writable: {exc.strerror}") from None
    return f"GIT_ROOT {root} writable"


def check_docker(settings: dict[str, str]) -> str:
    """This host's Docker engine answers and holds the grader image of this release."""
    os.environ.pop("DOCKER_HOST", None)
    if settings.get("DOCKER_HOST"):
        os.environ["DOCKER_HOST"] = settings["DOCKER_HOST"]
    sys.path.insert(0, str(APP_DIR))
    from grader.engine import engine_responds, image_exists
    from grader.image.builder import image_tag

    engine = os.environ.get("DOCKER_HOST", "the local Docker engine")
    if not engine_responds():
        raise CheckFailed(f"{engine} does not answer")
    tag = image_tag()
    if not image_exists(tag):
        raise CheckFailed(f"{tag} missing in {engine}: systemctl start school101-grader-image")
    return f"{engine} holds {tag}"


def check_url(url: str, cafile: str | None) -> str:
    """`url`/healthz answers 200 (through the proxy when `url` is PUBLIC_URL)."""
    import ssl

    context = ssl.create_default_context(cafile=cafile)
    target = url.rstrip("/") + "/healthz"
    try:
        with urllib.request.urlopen(target, timeout=10, context=context) as response:
            status = response.status
    except Exception as exc:
        raise CheckFailed(f"{target}: {exc}") from None
    if status != 200:
        raise CheckFailed(f"{target} answered {status}")
    return f"{target} answers 200"


def run(roles: list[str], env_files: list[Path], url: str | None, cafile: str | None) -> int:
    """Run the checks of `roles`, print them, and return the exit status."""
    checks = []
    settings: dict[str, str] = {}
    if {"web", "worker"} & set(roles):
        try:
            settings = check_env_files(env_files)
            print(f"ok    settings from {', '.join(str(p) for p in env_files if p.exists())}")
        except CheckFailed as exc:
            print(f"FAIL  {exc}")
            return 1
        checks += [check_database, check_redis, check_git_root]
    if "worker" in roles:
        checks.append(check_docker)
    failed = 0
    for check in checks:
        try:
            print(f"ok    {check(settings)}")
        except CheckFailed as exc:
            print(f"FAIL  {exc}")
            failed += 1
    if "proxy" in roles or url:
        target = url or settings.get("PUBLIC_URL")
        try:
            if not target:
                raise CheckFailed("proxy: give --url (or check it with the web role)")
            print(f"ok    {check_url(target, cafile)}")
        except CheckFailed as exc:
            print(f"FAIL  {exc}")
            failed += 1
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roles", nargs="+", choices=["web", "worker", "proxy"])
    parser.add_argument("--env", action="append", type=Path, help="environment file (repeatable)")
    parser.add_argument("--url", help="base URL to ask /healthz (default: PUBLIC_URL)")
    parser.add_argument("--cafile", help="CA bundle for --url (a private CA)")
    args = parser.parse_args(argv)
    env_files = args.env or [Path(p) for p in DEFAULT_ENV_FILES]
    return run(args.roles, env_files, args.url, args.cafile)


if __name__ == "__main__":
    sys.exit(main())
