"""Fixtures of the staff/admin tests: an admin and a candidate with logged-in clients (the staff
member `staff` and `staff_client` are shared: tests/fixtures/people.py)."""

from __future__ import annotations

import pytest

from tests.fixtures.people import client_for


@pytest.fixture
def admin(make_user):
    return make_user(
        "admin@example.org",
        roles=("admin",),
        first_name="Ada",
        last_name="Admin",
        profile=False,
        consent=False,
    )


@pytest.fixture
def candidate(make_user):
    return make_user("cand@example.org", roles=("candidate",))


@pytest.fixture
def admin_client(app, admin):
    return client_for(app, admin)


@pytest.fixture
def candidate_client(app, candidate):
    return client_for(app, candidate)


@pytest.fixture
def request_ctx(app):
    """A request context, for service code whose messages are translated lazily."""
    with app.test_request_context("/"):
        yield
