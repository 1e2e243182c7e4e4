"""Rush team work: which team a person turns in for, what the team may turn in, where its
repository lives.

The teams are drawn by the evaluations context (services/evaluations/teams.py); grading only
reads them. A rush team's work is one stream of submissions (`Submission.team_id`), whoever of
its members pushed or uploaded it, and the deadline grades it once for the team
(`DayGrading.team_id`). A team whose rush assigns one exercise per team (rush00's variants)
turns in only `RushTeam.exercise`; the others turn in every exercise of the rush.
"""

from __future__ import annotations

import os
import re

from school101.extensions import db
from school101.models import RushTeam, RushTeamMember

TEAM_REPO = re.compile(r"^([a-z0-9_]{1,30})-([1-9][0-9]{0,3})\Z")  # rush00-3


def team_of(piscine_id: int, user_id: int, day_id: str) -> RushTeam | None:
    """The person's team for a rush of a piscine (None: not a rush, or no team yet)."""
    return db.session.scalars(
        db.select(RushTeam)
        .join(RushTeamMember, RushTeamMember.team_id == RushTeam.id)
        .where(
            RushTeamMember.piscine_id == piscine_id,
            RushTeamMember.day_id == day_id,
            RushTeamMember.user_id == user_id,
        )
    ).first()


def member_ids(team_id: int) -> list[int]:
    """The user ids of a team's members, in order."""
    return list(
        db.session.scalars(
            db.select(RushTeamMember.user_id)
            .where(RushTeamMember.team_id == team_id)
            .order_by(RushTeamMember.user_id)
        )
    )


def is_member(team_id: int | None, user_id: int) -> bool:
    """True when the person belongs to the team."""
    return team_id is not None and user_id in member_ids(team_id)


def allows(team: RushTeam, exercise_id: str) -> bool:
    """Whether the team may turn in this exercise (rush00: only its own variant)."""
    return not team.exercise or exercise_id == f"{team.day_id}/{team.exercise}"


def teams_of_rush(piscine_id: int, day_id: str) -> list[RushTeam]:
    """The teams of a rush in a piscine, by number (empty for a day or before the draw)."""
    return list(
        db.session.scalars(
            db.select(RushTeam)
            .where(RushTeam.piscine_id == piscine_id, RushTeam.day_id == day_id)
            .order_by(RushTeam.number)
        )
    )


def member_team(user_id: int, day_id: str, number: int, piscine_ids: list[int]) -> RushTeam | None:
    """Team `number` of rush `day_id` in one of the person's piscines, if they are in it."""
    return db.session.scalars(
        db.select(RushTeam)
        .join(RushTeamMember, RushTeamMember.team_id == RushTeam.id)
        .where(
            RushTeam.piscine_id.in_(piscine_ids),
            RushTeam.day_id == day_id,
            RushTeam.number == number,
            RushTeamMember.user_id == user_id,
        )
    ).first()


def team_repo_path(root: str, team: RushTeam) -> str:
    """`<GIT_ROOT>/teams/<piscine id>/<rush>-<number>.git`, the ids validated again here."""
    name = f"{team.day_id}-{team.number}"
    if not TEAM_REPO.match(name) or not isinstance(team.piscine_id, int) or team.piscine_id <= 0:
        raise ValueError("bad repository name")
    path = os.path.join(root, "teams", str(team.piscine_id), f"{name}.git")
    if os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(path)))) != os.path.abspath(
        root
    ):
        raise ValueError("bad repository path")
    return path
