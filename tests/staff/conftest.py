"""Fixtures of the staff/admin tests: people of each role and logged-in clients."""
from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.conftest import login


class FreshContextClient(FlaskClient):
    """A test client whose every request runs in its own application context, as in
    production. (The shared `app` fixture keeps one app context pushed for the whole test,
    so without this `g` -- Flask-Login's cached user, Flask-Babel's locale, the API user --
    would leak from one request, and one client, to the next.)"""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture(autouse=True)
def fresh_context_clients(app):
    app.test_client_class = FreshContextClient
    yield


@pytest.fixture
def staff(make_user):
    return make_user("staff@example.org", roles=("staff",), first_name="Sam", last_name="Staff",
                     profile=False, consent=False)


@pytest.fixture
def admin(make_user):
    return make_user("admin@example.org", roles=("admin",), first_name="Ada", last_name="Admin",
                     profile=False, consent=False)


@pytest.fixture
def candidate(make_user):
    return make_user("cand@example.org", roles=("candidate",))


def _client_for(app, user):
    client = app.test_client()
    response = login(client, user.email)
    assert response.status_code in (302, 303), response.data[:500]
    return client


@pytest.fixture
def staff_client(app, staff):
    return _client_for(app, staff)


@pytest.fixture
def admin_client(app, admin):
    return _client_for(app, admin)


@pytest.fixture
def candidate_client(app, candidate):
    return _client_for(app, candidate)


@pytest.fixture
def request_ctx(app):
    """A request context, for service code whose messages are translated lazily."""
    with app.test_request_context("/"):
        yield
