"""Fixtures of the peer-evaluation tests: a piscine whose only day asks two evaluations and
closed an hour ago, candidates who turned work in, and a clock set on a campus morning."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from school101.extensions import db
from school101.models import Booking, Invitation, Submission
from school101.services.piscine.sessions import create_piscine

DAY = "evalday"
SCALE = """
[intro]
fr = "Soyez courtois."
en = "Be polite."

[[sections]]
title = { fr = "Exercice 00", en = "Exercise 00" }
guidance = { fr = "Faites expliquer le code.", en = "Have the code explained." }

[[sections.questions]]
id = "works"
kind = "yesno"
points = 6
text = { fr = "Ça marche ?", en = "Does it work?" }

[[sections.questions]]
id = "explains"
kind = "rating"
points = 4
text = { fr = "Explique-t-il ?", en = "Is it explained?" }
"""
#: a Tuesday 10:00 in Paris (09:00 UTC in winter): campus hours are 09:00-21:00 Paris
NOW = datetime(2027, 1, 12, 9, 0, tzinfo=UTC)


@pytest.fixture
def app_config(app_config, tmp_path_factory):
    root = tmp_path_factory.mktemp("exercises")
    (root / DAY).mkdir()
    (root / DAY / "day.toml").write_text(
        f'id = "{DAY}"\ntitle = {{ fr = "Jour", en = "Day" }}\npeer_evaluations = 2\n'
    )
    (root / DAY / "scale.toml").write_text(SCALE)
    (root / "curriculum.toml").write_text(f'days = ["{DAY}"]\nexams = []\n')
    return {**app_config, "EXERCISES_DIR": str(root)}


@pytest.fixture
def piscine(app, staff):
    """A piscine whose day `evalday` closed an hour before NOW."""
    p = create_piscine(
        {
            "name": "Évaluations",
            "starts_on": date(2027, 1, 4),
            "ends_on": date(2027, 1, 29),
            "capacity": 50,
            "feedback": "after_deadline",
        },
        actor=staff,
        calendar=[
            {
                "day_id": DAY,
                "kind": "day",
                "position": 0,
                "opens_at": NOW - timedelta(days=2),
                "closes_at": NOW - timedelta(hours=1),
            }
        ],
    )
    db.session.commit()
    return p


@pytest.fixture
def candidates(app, piscine, make_user):
    """`candidates(n, turned_in=True)`: seated candidates (who turned work in for the day)."""

    def factory(n=1, turned_in=True):
        users = [make_user(commit=False) for _ in range(n)]
        db.session.flush()
        for user in users:
            db.session.add(Invitation(piscine_id=piscine.id, user_id=user.id))
            db.session.add(Booking(piscine_id=piscine.id, user_id=user.id, status="booked"))
            if turned_in:
                db.session.add(
                    Submission(
                        user_id=user.id,
                        exercise=f"{DAY}/ex00",
                        piscine_id=piscine.id,
                        day_id=DAY,
                        archive=b"",
                        sha256="0" * 64,
                        size=0,
                        file_count=1,
                    )
                )
        piscine.seats_taken += n
        db.session.commit()
        return users

    return factory


def root_of(app) -> Path:
    return Path(app.config["EXERCISES_DIR"])
