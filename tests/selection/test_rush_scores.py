"""A rush counts for every member of the team, on the team's own variant: the day's result
page and the ranking agree, with immediate feedback as after the deadline."""

from __future__ import annotations

import json

from school101.extensions import db
from school101.models import DayGrading, GradingRun, RushTeam, RushTeamMember, Submission
from school101.models._base import utcnow
from school101.services.grading.results import day_result, day_weights
from school101.services.selection import ranking

WEIGHTS = {"day_scores": 100.0}


def _team(piscine, people, exercise="ex02"):
    team = RushTeam(piscine_id=piscine.id, day_id="rush00", number=1, exercise=exercise)
    db.session.add(team)
    db.session.flush()
    for user in people:
        db.session.add(
            RushTeamMember(team_id=team.id, piscine_id=piscine.id, day_id="rush00", user_id=user.id)
        )
    db.session.flush()
    return team


def _rush_day(piscine):
    return next(d for d in piscine.days if d.day_id == "rush00")


def _scores(piscine, users):
    found = ranking._compute_official_scores(piscine, [u.id for u in users])
    return {u.id: found.get((u.id, "rush00")) for u in users}


def test_immediate_rush_results_count_the_teams_variant_for_every_member(started_piscine):
    piscine, (a, b, outsider), _staff = started_piscine()
    piscine.feedback = "immediate"
    team = _team(piscine, [a, b])
    pushed = Submission(
        user_id=a.id, team_id=team.id, exercise="rush00/ex02", piscine_id=piscine.id,
        day_id="rush00", archive=b"x", sha256="0" * 64, size=1, file_count=1,
    )  # fmt: skip
    db.session.add(pushed)
    db.session.flush()
    db.session.add(
        GradingRun(
            submission_id=pushed.id, status="graded", reason="submission", passed=True,
            verdict=json.dumps({"passed": True, "status": "ok"}), finished_at=utcnow(),
        )
    )  # fmt: skip
    db.session.commit()
    weight = dict(day_weights("rush00"))["ex02"]
    assert sum(w for _, w in day_weights("rush00")) > weight  # five variants in the day
    for member in (a, b):  # the page: the full mark of one variant, for both members
        result = day_result(piscine, member.id, _rush_day(piscine))
        assert (result.state, result.score, result.max_score) == ("graded", weight, weight)
    scores = _scores(piscine, [a, b, outsider])
    assert scores[a.id] == scores[b.id] == (weight, weight, 1)
    assert scores[outsider.id] is None


def test_the_teams_deadline_grading_counts_for_every_member(started_piscine):
    piscine, (a, b, outsider), _staff = started_piscine()
    team = _team(piscine, [a, b])
    db.session.add(
        DayGrading(
            piscine_id=piscine.id, user_id=a.id, team_id=team.id, day_id="rush00",
            status="graded", score=20, max_score=20,
            verdict=json.dumps({"exercises": [{"passed": True}]}),
        )
    )  # fmt: skip
    db.session.commit()
    scores = _scores(piscine, [a, b, outsider])
    assert scores[a.id] == scores[b.id] == (20, 20, 1) and scores[outsider.id] is None
    computed = ranking.cached_rank(piscine, WEIGHTS)
    score_of = {u.id: computed.item(computed.index_of(u.id))["score"] for u in (a, b, outsider)}
    assert score_of[a.id] == score_of[b.id] > score_of[outsider.id]
