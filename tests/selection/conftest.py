import json
from datetime import date, timedelta

import pytest

from school101.extensions import db
from school101.models import Booking, DayGrading, Invitation
from school101.services.piscine.sessions import create_piscine


@pytest.fixture
def started_piscine(app, make_user):
    """A piscine that started 10 days ago with `n` seated candidates; scores set per candidate."""

    def factory(n=3, starts_on=None, capacity=50):
        staff = make_user(roles=("staff",))
        start = starts_on or date.today() - timedelta(days=10)
        piscine = create_piscine(
            {
                "name": "Piscine juin",
                "starts_on": start,
                "ends_on": start + timedelta(days=27),
                "capacity": capacity,
                "feedback": "after_deadline",
            },
            actor=staff,
        )
        users = [make_user(commit=False) for _ in range(n)]
        db.session.flush()
        for u in users:
            db.session.add(Invitation(piscine_id=piscine.id, user_id=u.id))
            db.session.add(Booking(piscine_id=piscine.id, user_id=u.id, status="booked"))
        piscine.seats_taken = n
        db.session.commit()
        return piscine, users, staff

    return factory


def give_day_score(piscine, user, day_id, score, passed=1, max_score=100):
    exercises = [
        {"exercise": f"{day_id}/ex0{i}", "passed": i < passed} for i in range(max(passed, 1))
    ]
    db.session.add(
        DayGrading(
            piscine_id=piscine.id,
            user_id=user.id,
            day_id=day_id,
            status="graded",
            score=score,
            max_score=max_score,
            verdict=json.dumps({"exercises": exercises}),
        )
    )
    db.session.commit()


def candidate_path(rnd, piscine, user) -> str:
    """The round's staff page about `user`: by the round's code while blind, else by user id."""
    from school101.services.selection import blind

    key = blind.keys(blind.blind_round_for(piscine.id, rnd), [user.id])[user.id]
    return f"/staff/selection/rounds/{rnd.id}/piscines/{piscine.id}/candidates/{key}"
