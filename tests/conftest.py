"""Root of the test suite: the shared fixtures (tests/fixtures/, loaded below) and helpers.

Each test gets a fresh app on an empty database whose schema was built once per session:
a copy of a SQLite template file, or, when TEST_DATABASE_URL names a PostgreSQL database, the
xdist worker's own database emptied between tests. In CI (CI=true) a test that needs Redis,
PostgreSQL or Docker fails when the service is missing instead of being skipped.
"""

from __future__ import annotations

import os
import re
import time

# Tests compute "today" with date.today(); the school's calendar is Europe/Paris. Between 22:00
# and 24:00 UTC the two disagree (a piscine "starting today" would already have its second day
# open), so the test process lives in the school's time zone. The app never relies on the
# process time zone (utcnow, paris_today).
os.environ["TZ"] = "Europe/Paris"
time.tzset()

import pytest  # noqa: E402

pytest.register_assert_rewrite("tests.fixtures")  # imported below, before pytest_plugins loads them

from sqlalchemy import text  # noqa: E402

from school101.extensions import db  # noqa: E402
from tests.fixtures.people import bearer, login  # noqa: E402
from tests.fixtures.services import IN_CI, require_service  # noqa: E402

pytest_plugins = [
    "tests.fixtures.markers",
    "tests.fixtures.services",
    "tests.fixtures.database",
    "tests.fixtures.application",
    "tests.fixtures.people",
    "tests.fixtures.piscine",
    "tests.fixtures.exam_rooms",
    "tests.fixtures.analytics",
    "tests.fixtures.smtp",
    "tests.fixtures.browser",
]


def without_csrf(page: str) -> str:
    """A page's text without its CSRF tokens, which carry their second of issue: two answers a
    second apart differ there only."""
    return re.sub(r'name="([\w-]*csrf_token)" value="[^"]+"', r'name="\1"', page)


def count(model) -> int:
    """Rows in a table (helper for "nothing was written" checks)."""
    return db.session.scalar(db.select(db.func.count()).select_from(model))


__all__ = ["IN_CI", "bearer", "count", "login", "require_service", "text"]
