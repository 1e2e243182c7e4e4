"""Fixtures for backups: a second, empty database and the git fixtures of tests/gitserver."""

from __future__ import annotations

import contextlib

import pytest
from sqlalchemy import make_url

from tests.gitserver.conftest import git, seated_with_token, served  # noqa: F401  (fixtures)


def _server(url) -> dict:
    server = {"host": url.host, "port": url.port, "user": url.username, "password": url.password}
    return {key: value for key, value in server.items() if value is not None}


@pytest.fixture
def empty_database_url(database_url, tmp_path):
    """A database with no table, beside the test's: a new SQLite path, or a new PostgreSQL
    database `<test database>_restored` (dropped afterwards)."""
    if not database_url.startswith("postgresql"):
        (tmp_path / "fresh").mkdir()
        yield f"sqlite:///{tmp_path / 'fresh' / 'restored.sqlite'}"
        return
    import psycopg
    from psycopg import sql

    url = make_url(database_url)
    name = sql.Identifier(f"{url.database}_restored")
    with psycopg.connect(dbname=url.database, autocommit=True, **_server(url)) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))
    yield url.set(database=f"{url.database}_restored").render_as_string(hide_password=False)
    with (
        contextlib.suppress(psycopg.Error),
        psycopg.connect(dbname=url.database, autocommit=True, **_server(url)) as conn,
    ):
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
