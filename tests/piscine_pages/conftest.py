"""Fixtures of the piscine page tests: the blueprint registered (until web.py does it), people
of each role with logged-in clients, piscines with seated candidates. Real Redis (grading
jobs and re-runs are enqueued)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask.testing import FlaskClient

from school101.extensions import db
from school101.models import Booking, Invitation
from school101.services.piscine import create_piscine
from tests.conftest import login


class FreshContextClient(FlaskClient):
    """Every request in its own application context, as in production."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture
def app_config(app_config, redis_url):
    return {**app_config, "REDIS_URL": redis_url, "PUBLIC_URL": "https://piscine.example.org"}


@pytest.fixture(autouse=True)
def piscine_blueprint(app):
    """Register the blueprint when web.py does not (yet)."""
    if "piscine" not in app.blueprints:
        from school101.piscine import bp

        app.register_blueprint(bp)
    app.test_client_class = FreshContextClient
    yield


def client_for(app, user):
    client = app.test_client()
    response = login(client, user.email)
    assert response.status_code in (302, 303), response.data[:300]
    return client


@pytest.fixture
def staff(make_user):
    return make_user("staff@example.org", roles=("staff",), first_name="Sam", last_name="Staff",
                     profile=False, consent=False)


@pytest.fixture
def staff_client(app, staff):
    return client_for(app, staff)


@pytest.fixture
def make_piscine(app, staff):
    """A piscine starting today with the default calendar (c00 open now)."""

    def factory(*, capacity=200, feedback="after_deadline", name="Piscine d'été", starts_on=None, **extra):
        start = starts_on or date.today()
        piscine = create_piscine({"name": name, "starts_on": start, "ends_on": start + timedelta(days=27),
                                  "capacity": capacity, "feedback": feedback, **extra}, actor=staff)
        db.session.commit()
        return piscine

    return factory


@pytest.fixture
def invited(app, make_user):
    """`n` candidates invited to `piscine`."""

    def factory(piscine, n=1, **kwargs):
        users = [make_user(commit=False, **kwargs) for _ in range(n)]
        db.session.flush()
        for user in users:
            db.session.add(Invitation(piscine_id=piscine.id, user_id=user.id))
        db.session.commit()
        return users

    return factory


@pytest.fixture
def seated(app, make_piscine, invited):
    """A candidate holding a seat in a piscine starting today, with a logged-in client."""

    def factory(piscine=None, **kwargs):
        piscine = piscine or make_piscine(capacity=10)
        (user,) = invited(piscine, **kwargs)
        db.session.add(Booking(piscine_id=piscine.id, user_id=user.id, status="booked"))
        piscine.seats_taken += 1
        db.session.commit()
        return piscine, user, client_for(app, user)

    return factory
