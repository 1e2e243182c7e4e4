"""Blind mode on the piscine's peer-evaluation and rush staff pages: codes in text, links and
form values (the points and team-move forms act on a code), names back once lifted."""

from __future__ import annotations

from school101.extensions import db
from school101.models import PointsEntry, RushTeam, RushTeamMember
from school101.services.selection import ranking
from tests.conftest import login
from tests.selection.test_blind_mode import assert_hidden, blind_round  # noqa: F401


def _teams(piscine, people):
    """Two rush00 teams: the first two people, then the third alone."""
    day = next(d for d in piscine.days if d.day_id == "rush00")
    for number, members in ((1, people[:2]), (2, people[2:])):
        team = RushTeam(piscine_id=piscine.id, day_id=day.day_id, number=number)
        db.session.add(team)
        db.session.flush()
        for user in members:
            db.session.add(
                RushTeamMember(
                    team_id=team.id, piscine_id=piscine.id, day_id=day.day_id, user_id=user.id
                )
            )
    db.session.commit()


def test_evaluation_and_rush_pages_of_a_blind_piscine_use_codes(client, staff, blind_round):  # noqa: F811
    piscine, people, rnd = blind_round
    codes = ranking.pseudonyms(rnd.id)
    _teams(piscine, people)
    login(client, staff.email)
    evaluations = client.get(f"/staff/piscines/{piscine.id}/evaluations").get_data(as_text=True)
    assert_hidden(evaluations, people, "evaluations page")
    assert all(f'value="{codes[u.id]}"' in evaluations for u in people)  # the points form
    rushes = client.get(f"/staff/piscines/{piscine.id}/rushes").get_data(as_text=True)
    assert_hidden(rushes, people, "rushes page")
    assert f"/candidates/{codes[people[0].id]}" in rushes

    # the forms act on a code; a real user id is refused like an unknown person
    target = people[2]
    r = client.post(
        f"/staff/piscines/{piscine.id}/evaluations/points",
        data={"user_id": str(target.id), "amount": "2", "reason": "aide en salle"},
    )
    assert r.status_code == 422 and PointsEntry.query.filter_by(reason="granted").count() == 0
    assert_hidden(r.get_data(as_text=True), people, "refused points form")
    r = client.post(
        f"/staff/piscines/{piscine.id}/evaluations/points",
        data={"user_id": codes[target.id], "amount": "2", "reason": "aide en salle"},
    )
    assert r.status_code == 302
    assert PointsEntry.query.filter_by(user_id=target.id, reason="granted").count() == 1
    mover = people[0]  # from team 1 (two people) to team 2
    r = client.post(
        f"/staff/piscines/{piscine.id}/rushes/rush00/move",
        data={
            "move-rush00-user_id": codes[mover.id],
            "move-rush00-team": "2",
            "move-rush00-reason": "équilibrer les équipes",
        },
    )
    assert r.status_code == 302, r.get_data(as_text=True)[-1500:]
    moved = RushTeamMember.query.filter_by(user_id=mover.id).one()
    assert moved.team.number == 2
