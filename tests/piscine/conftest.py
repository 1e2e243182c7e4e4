import pytest

from school101.extensions import db
from school101.services.piscine import create_piscine


@pytest.fixture
def make_piscine(app, make_user):
    """A piscine starting today with the default calendar."""
    from datetime import date, timedelta

    def factory(*, capacity=200, feedback="immediate", name="Piscine test", starts_on=None, **extra):
        staff = make_user(roles=("staff",))
        start = starts_on or date.today()
        piscine = create_piscine({"name": name, "starts_on": start, "ends_on": start + timedelta(days=27),
                                  "capacity": capacity, "feedback": feedback, **extra}, actor=staff)
        db.session.commit()
        return piscine

    return factory


@pytest.fixture
def invited(app, make_user):
    """Create `n` candidates invited to `piscine`."""
    from school101.models import Invitation

    def factory(piscine, n=1):
        users = [make_user(commit=False) for _ in range(n)]
        db.session.flush()
        for user in users:
            db.session.add(Invitation(piscine_id=piscine.id, user_id=user.id))
        db.session.commit()
        return users

    return factory
