"""The database part of a backup: a consistent dump and its restore into an empty database.

PostgreSQL: pg_dump (custom format) run on a snapshot exported by a REPEATABLE READ
transaction, in which the rows of every table are counted too, so the counts in the manifest
describe exactly the dump; pg_restore runs in one transaction, so a failed restore leaves the
database as it was. SQLite: the online backup API (a consistent copy while the app runs).
"""

from __future__ import annotations

import functools
import glob
import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import create_engine, inspect, make_url, text
from sqlalchemy.engine import URL, Connection

from school101.services.operations.manifest import BackupRefused

POSTGRES_FILE = "database.dump"
SQLITE_FILE = "database.sqlite"
PG_BIN_GLOB = "/usr/lib/postgresql/*/bin"
USER_TABLES = text(
    "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
)


def dialect_of(database_url: str) -> str:
    """The dialect of `database_url`, "postgresql" or "sqlite"; BackupRefused for any other."""
    name = make_url(database_url).get_backend_name()
    if name not in ("postgresql", "sqlite"):
        raise BackupRefused(f"backups support PostgreSQL and SQLite, not {name}")
    return name


def table_counts(conn: Connection) -> dict[str, int]:
    """Rows of every table of the database (the default schema), by table name."""
    quote = conn.dialect.identifier_preparer.quote
    return {
        name: conn.execute(text(f"SELECT count(*) FROM {quote(name)}")).scalar_one()
        for name in sorted(inspect(conn).get_table_names())
    }


def schema_revision(counts: dict[str, int], conn: Connection) -> str | None:
    """The Alembic revision the database is at, when it was built by the migrations."""
    if "alembic_version" not in counts:
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


# ---------------------------------------------------------------- dump


def dump(database_url: str, folder: Path, *, pg_bin: str = "") -> dict:
    """Write the database into `folder`; returns the manifest's "database" part:
    {"database": dialect, "tables": {name: rows}, "schema_revision": ...}."""
    if dialect_of(database_url) == "sqlite":
        return _dump_sqlite(_sqlite_path(database_url), folder / SQLITE_FILE)
    return _dump_postgres(make_url(database_url), folder / POSTGRES_FILE, pg_bin)


def _dump_postgres(url: URL, target: Path, pg_bin: str) -> dict:
    engine = create_engine(url, isolation_level="REPEATABLE READ")
    try:
        with engine.connect() as conn, conn.begin():
            snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            counts = table_counts(conn)
            revision = schema_revision(counts, conn)
            tool = pg_tool("pg_dump", _server_major(conn), pg_bin)
            _run(
                [tool, "--format=custom", f"--snapshot={snapshot}", f"--file={target}"],
                url,
                "pg_dump",
            )
    finally:
        engine.dispose()
    return {"database": "postgresql", "tables": counts, "schema_revision": revision}


def _dump_sqlite(source: Path, target: Path) -> dict:
    if not source.is_file():
        raise BackupRefused(f"the SQLite database {source} does not exist")
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    engine = create_engine(f"sqlite:///{target}")
    try:
        with engine.connect() as conn:
            counts = table_counts(conn)
            revision = schema_revision(counts, conn)
    finally:
        engine.dispose()
    return {"database": "sqlite", "tables": counts, "schema_revision": revision}


# ---------------------------------------------------------------- restore


def tables_in(database_url: str) -> int:
    """How many tables the database holds (0: an empty database, or no SQLite file yet)."""
    if dialect_of(database_url) == "sqlite":
        path = _sqlite_path(database_url)
        if not path.exists() or path.stat().st_size == 0:
            return 0
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                return len(inspect(conn).get_table_names())
            return conn.execute(USER_TABLES).scalar_one()
    finally:
        engine.dispose()


def restore(database_url: str, folder: Path, manifest: dict, *, force: bool, pg_bin: str = ""):
    """Load the backup's database into the database at `database_url`, in one transaction, then
    check that every table holds the rows the manifest counted."""
    kind = dialect_of(database_url)
    if kind != manifest["database"]:
        raise BackupRefused(
            f"this backup holds a {manifest['database']} database; "
            f"it cannot be restored into {kind}"
        )
    if kind == "sqlite":
        _restore_sqlite(folder / SQLITE_FILE, _sqlite_path(database_url))
    else:
        _restore_postgres(folder / POSTGRES_FILE, make_url(database_url), force, pg_bin)
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            counts = table_counts(conn)
    finally:
        engine.dispose()
    expected = manifest.get("tables") or {}
    wrong = [name for name in expected if counts.get(name) != expected[name]]
    if wrong:
        raise BackupRefused(
            "the restored database does not hold the rows the backup counted in: "
            + ", ".join(wrong)
        )


def _restore_postgres(source: Path, url: URL, force: bool, pg_bin: str) -> None:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            major = _server_major(conn)
    finally:
        engine.dispose()
    command = [pg_tool("pg_restore", major, pg_bin), "--single-transaction", "--exit-on-error"]
    command += ["--no-owner", "--no-privileges"]  # the objects belong to the restoring role
    if force:
        command += ["--clean", "--if-exists"]
    _run([*command, str(source)], url, "pg_restore")


def _restore_sqlite(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)  # one step: the target changes all at once or not at all
    finally:
        src.close()
        dst.close()


# ---------------------------------------------------------------- PostgreSQL tools


def _sqlite_path(database_url: str) -> Path:
    name = make_url(database_url).database
    if not name or name == ":memory:" or name.startswith("file::memory:"):
        raise BackupRefused("an in-memory SQLite database cannot be backed up or restored")
    return Path(name).resolve()


def _server_major(conn: Connection) -> int:
    return int(conn.execute(text("SHOW server_version_num")).scalar_one()) // 10000


@functools.lru_cache(maxsize=32)
def tool_major(path: str) -> int:
    """The major version of a PostgreSQL client tool (`pg_dump --version`), 0 when unknown."""
    try:
        out = subprocess.run(
            [path, "--version"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except OSError:
        return 0
    found = re.search(r"\)\s*(\d+)", out)
    return int(found.group(1)) if found else 0


def pg_tool(name: str, server_major: int, configured_dir: str = "") -> str:
    """The path of `name` (pg_dump, pg_restore) of the server's major version, or a newer one:
    BACKUP_PG_BIN first, then Debian's /usr/lib/postgresql/<major>/bin, then PATH."""
    candidates = [os.path.join(configured_dir, name)] if configured_dir else []
    candidates.append(f"/usr/lib/postgresql/{server_major}/bin/{name}")
    by_version = sorted(glob.glob(f"{PG_BIN_GLOB}/{name}"), key=_version_key, reverse=True)
    candidates += by_version
    on_path = shutil.which(name)
    if on_path:
        candidates.append(on_path)
    for candidate in candidates:
        if os.access(candidate, os.X_OK) and tool_major(candidate) >= server_major:
            return candidate
    raise BackupRefused(
        f"no {name} of PostgreSQL {server_major} or later was found: install "
        f"postgresql-client-{server_major} or set BACKUP_PG_BIN to its bin folder"
    )


def _version_key(path: str) -> int:
    found = re.search(r"/postgresql/(\d+)/", path)
    return int(found.group(1)) if found else 0


def _run(command: list[str], url: URL, what: str) -> None:
    """Run a PostgreSQL tool against `url`; the password goes through PGPASSWORD, never argv."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    target = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    result = subprocess.run(
        [*command, f"--dbname={target}", "--no-password"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupRefused(f"{what} failed ({result.returncode}): {result.stderr.strip()}")
