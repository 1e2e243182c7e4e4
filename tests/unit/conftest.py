"""Fixtures of the unit tests: an app on a database without any table (for the migrations)."""

from __future__ import annotations

import pytest

from school101.extensions import db


def _drop_everything() -> None:
    db.drop_all()
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")


@pytest.fixture
def empty_app(make_app):
    """The app on this test's database emptied of every table (the next test gets the schema back)."""
    app = make_app({"SECRET_KEY": "x"})
    _drop_everything()
    yield app
    db.session.remove()
    _drop_everything()
