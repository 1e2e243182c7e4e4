"""Rush teams: drawn at random among the seated candidates, pairs with a three for the odd
one, never the same partner twice when avoidable, one variant per team for rush00, moved by
staff with a reason."""

from __future__ import annotations

import random
from itertools import combinations

import pytest

from school101.core.errors import Conflict, Forbidden, ValidationFailed
from school101.extensions import db
from school101.models import AuditLog, RushTeam
from school101.services.evaluations import teams
from tests.evaluations.conftest import root_of


@pytest.fixture
def rushes(app):
    root = root_of(app)
    for name, extra in (
        ("rushA", 'team_size = 2\nassign = "one"\nexercises = ["ex00", "ex01", "ex02"]\n'),
        ("rushB", "team_size = 2\n"),
        ("rushC", "team_size = 3\n"),
    ):
        (root / name).mkdir(exist_ok=True)
        (root / name / "day.toml").write_text(
            f'id = "{name}"\nkind = "rush"\ntitle = {{ fr = "R", en = "R" }}\n{extra}'
        )
    return root


@pytest.mark.parametrize(
    "n, size, shape",
    [
        (2, 2, [2]),
        (5, 2, [2, 3]),
        (6, 2, [2, 2, 2]),
        (6, 3, [3, 3]),
        (7, 3, [3, 2, 2]),
        (8, 3, [3, 3, 2]),
        (3, 3, [3]),
    ],
)
def test_split_makes_teams_of_the_size_with_the_remainder_absorbed(n, size, shape):
    teams_ = teams.split(list(range(n)), size)
    assert [len(t) for t in teams_] == shape
    assert sorted(p for t in teams_ for p in t) == list(range(n))


def test_staff_form_the_teams_once_with_one_variant_each(piscine, candidates, staff, rushes):
    people = candidates(7)
    formed = teams.form_teams(staff, piscine, "rushA", rng=random.Random(1))
    db.session.commit()
    assert sorted(len(t.members) for t in formed) == [2, 2, 3]
    assert {m.user_id for t in formed for m in t.members} == {u.id for u in people}
    assert [t.exercise for t in formed] == ["ex00", "ex01", "ex02"]
    assert teams.team_of(people[0], piscine, "rushA") is not None
    with pytest.raises(Conflict):
        teams.form_teams(staff, piscine, "rushA")
    assert AuditLog.query.filter_by(action="rush.teams_formed").count() == 1


def test_partners_are_not_repeated_when_it_can_be_avoided(piscine, candidates, staff, rushes):
    candidates(6)
    first = teams.form_teams(staff, piscine, "rushA", rng=random.Random(3))
    second = teams.form_teams(staff, piscine, "rushB", rng=random.Random(3))
    db.session.commit()
    pairs = lambda formed: {  # noqa: E731
        frozenset(p) for t in formed for p in combinations([m.user_id for m in t.members], 2)
    }
    assert not pairs(first) & pairs(second)


def test_only_staff_only_rushes_and_enough_people(piscine, candidates, staff, rushes):
    people = candidates(1)
    with pytest.raises(Forbidden):
        teams.form_teams(people[0], piscine, "rushB")
    with pytest.raises(ValidationFailed):
        teams.form_teams(staff, piscine, "evalday")  # not a rush
    with pytest.raises(Conflict):
        teams.form_teams(staff, piscine, "rushB")  # one person
    assert RushTeam.query.count() == 0


def test_staff_move_a_person_with_a_reason(piscine, candidates, staff, rushes):
    people = candidates(4)
    teams.form_teams(staff, piscine, "rushB", rng=random.Random(5))
    db.session.commit()
    mover = people[0]
    source = teams.team_of(mover, piscine, "rushB")
    other = next(t for t in teams.teams(piscine, "rushB") if t.id != source.id)
    with pytest.raises(ValidationFailed):
        teams.move_member(staff, piscine, "rushB", mover.id, other.number, "")
    moved = teams.move_member(staff, piscine, "rushB", mover.id, other.number, "binôme absent")
    db.session.commit()
    assert mover.id in {m.user_id for m in moved.members} and len(moved.members) == 3
    db.session.expire_all()
    (last,) = db.session.get(RushTeam, source.id).members  # the pair became one person
    with pytest.raises(Conflict):
        teams.move_member(staff, piscine, "rushB", last.user_id, other.number, "vide")
    log = AuditLog.query.filter_by(action="rush.member_moved").one()
    assert log.reason == "binôme absent"
