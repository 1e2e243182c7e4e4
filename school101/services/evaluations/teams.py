"""Rush teams: formed by staff with one action, shown to their members, changed by hand.

Teams are drawn at random among the candidates holding a seat, in the rush's `team_size`
(day.toml, 2 by default): with pairs, a team of three takes the odd person; with threes,
the remainder makes one or two pairs. Among many random draws the one repeating the fewest
partners of the piscine's earlier rushes is kept, so nobody works with the same person
twice when it can be avoided. A rush whose day assigns one exercise per team
(`assign = "one"`, rush00's five variants) gives team N the N-th exercise, round robin.
The worker forms the teams of a rush by itself two hours before it opens (`form_due_teams`).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from itertools import combinations
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from school101.core import audit
from school101.core.errors import Conflict, NotFound, ValidationFailed
from school101.core.permissions import ensure_staff
from school101.extensions import db
from school101.models import Booking, Piscine, PiscineDay, RushTeam, RushTeamMember, User
from school101.services.piscine.content import day_exercises, day_info

DRAWS = 200  # random draws compared to avoid repeated partners
_random = random.SystemRandom()


def is_rush(day_id: str) -> bool:
    """True for a team project (`kind = "rush"` in its day.toml)."""
    return day_info(day_id).get("kind") == "rush"


def split(people: list[int], size: int) -> list[list[int]]:
    """People in teams of `size` (2 or 3); the remainder as the module docstring says."""
    n = len(people)
    if n < 2:
        return [people] if people else []
    if size == 2 or n < 4:
        teams = [people[i : i + 2] for i in range(0, n - n % 2, 2)]
        if n % 2:
            teams[-1].append(people[-1])
        return teams
    remainder = n % 3
    pairs = {0: 0, 1: 2, 2: 1}[remainder]
    cut = n - 2 * pairs
    return [people[i : i + 3] for i in range(0, cut, 3)] + [
        people[i : i + 2] for i in range(cut, n, 2)
    ]


def _past_pairs(piscine_id: int, day_id: str) -> set[frozenset[int]]:
    rows = db.session.execute(
        db.select(RushTeamMember.team_id, RushTeamMember.user_id).where(
            RushTeamMember.piscine_id == piscine_id, RushTeamMember.day_id != day_id
        )
    ).all()
    by_team: dict[int, list[int]] = {}
    for team_id, user_id in rows:
        by_team.setdefault(team_id, []).append(user_id)
    return {frozenset(p) for members in by_team.values() for p in combinations(members, 2)}


def _repeats(teams: list[list[int]], past: set[frozenset[int]]) -> int:
    return sum(frozenset(p) in past for team in teams for p in combinations(team, 2))


def form_teams(actor, piscine: Piscine, day_id: Any, *, rng=None) -> list[RushTeam]:
    """Draw the teams of a rush among the seated candidates (staff; audited). The caller
    commits. Conflict when the rush already has teams (also when another request formed
    them at the same instant: the unique team numbers decide)."""
    ensure_staff(actor)
    if not isinstance(day_id, str) or not is_rush(day_id):
        raise ValidationFailed(
            _l("Some fields are not valid."), fields={"day_id": _l("Choose a rush.")}
        )
    return _form(actor, piscine, day_id, rng=rng)


def _formed(piscine_id: int, day_id: str) -> bool:
    return (
        db.session.scalars(
            db.select(RushTeam.id).filter_by(piscine_id=piscine_id, day_id=day_id)
        ).first()
        is not None
    )


def _form(actor, piscine: Piscine, day_id: str, *, rng=None, auto: bool = False):
    if _formed(piscine.id, day_id):
        raise Conflict(_l("The teams of this rush are already formed."), code="teams_exist")
    people = list(
        db.session.scalars(
            db.select(Booking.user_id)
            .filter_by(piscine_id=piscine.id, status="booked")
            .order_by(Booking.user_id)
        )
    )
    if len(people) < 2:
        raise Conflict(_l("At least two seated candidates are needed."), code="too_few")
    size = 3 if day_info(day_id).get("team_size") == 3 else 2
    rng = rng or _random
    past = _past_pairs(piscine.id, day_id)
    best, best_repeats = None, None
    for _ in range(DRAWS if past else 1):
        shuffled = people[:]
        rng.shuffle(shuffled)
        teams = split(shuffled, size)
        repeats = _repeats(teams, past)
        if best_repeats is None or repeats < best_repeats:
            best, best_repeats = teams, repeats
            if repeats == 0:
                break
    exercises = day_exercises(day_id) if day_info(day_id).get("assign") == "one" else []
    formed = []
    # The unique (piscine_id, day_id, number) is the claim: a concurrent formation of the
    # same rush fails here on its first team, inside a savepoint that leaves the caller's
    # transaction usable.
    try:
        with db.session.begin_nested():
            for number, members in enumerate(best or [], start=1):
                team = RushTeam(
                    piscine_id=piscine.id,
                    day_id=day_id,
                    number=number,
                    exercise=exercises[(number - 1) % len(exercises)] if exercises else "",
                )
                team.members = [
                    RushTeamMember(piscine_id=piscine.id, day_id=day_id, user_id=u) for u in members
                ]
                db.session.add(team)
                formed.append(team)
            db.session.flush()
    except IntegrityError:
        raise Conflict(
            _l("The teams of this rush are already formed."), code="teams_exist"
        ) from None
    after = {"day_id": day_id, "teams": len(formed), "repeated_pairs": best_repeats or 0}
    if auto:
        after["auto"] = True
    audit.record("rush.teams_formed", actor=actor, target=piscine, after=after)
    return formed


#: the automatic formation runs this long before a rush opens (usually Friday evening)
AUTO_FORM_AHEAD = timedelta(hours=2)


def form_due_teams(now: datetime, *, rng=None) -> int:
    """Form the teams of every rush that opens within `AUTO_FORM_AHEAD` of `now` (or is
    open and not closed yet) and has none (the worker's periodic duty; audited with no
    actor and `auto: true`). Returns how many rushes got teams; the caller commits.

    Two workers may run this at once: the unique team numbers let one formation in and
    the other skips that rush. A rush with fewer than two seated candidates is left alone."""
    due = db.session.execute(
        db.select(PiscineDay.piscine_id, PiscineDay.day_id)
        .where(PiscineDay.opens_at <= now + AUTO_FORM_AHEAD, PiscineDay.closes_at > now)
        .where(
            ~db.select(RushTeam.id)
            .where(
                RushTeam.piscine_id == PiscineDay.piscine_id,
                RushTeam.day_id == PiscineDay.day_id,
            )
            .exists()
        )
        .order_by(PiscineDay.opens_at, PiscineDay.id)
    ).all()
    formed = 0
    for piscine_id, day_id in due:
        if not is_rush(day_id):
            continue
        try:
            _form(None, db.session.get(Piscine, piscine_id), day_id, rng=rng, auto=True)
        except Conflict:
            continue
        formed += 1
    return formed


def teams(piscine: Piscine, day_id: str) -> list[RushTeam]:
    """The teams of a rush, by number."""
    return list(
        db.session.scalars(
            db.select(RushTeam)
            .filter_by(piscine_id=piscine.id, day_id=day_id)
            .order_by(RushTeam.number)
        )
    )


def team_of(user, piscine: Piscine, day_id: str) -> RushTeam | None:
    """The person's team in a rush (None before the teams are formed)."""
    member = db.session.scalars(
        db.select(RushTeamMember).filter_by(piscine_id=piscine.id, day_id=day_id, user_id=user.id)
    ).first()
    return member.team if member else None


def move_member(
    actor, piscine: Piscine, day_id: str, user_id: Any, number: Any, reason: Any
) -> RushTeam:
    """Move a person to team `number` of the rush (staff; a reason; audited). The caller
    commits. A team may not be left empty."""
    ensure_staff(actor)
    text = audit.required_reason(reason)
    member = (
        db.session.scalars(
            db.select(RushTeamMember).filter_by(
                piscine_id=piscine.id, day_id=day_id, user_id=user_id
            )
        ).first()
        if isinstance(user_id, int) and not isinstance(user_id, bool)
        else None
    )
    if member is None:
        raise NotFound(_l("This person is in no team of this rush."))
    target = next((t for t in teams(piscine, day_id) if t.number == number), None)
    if target is None:
        raise ValidationFailed(
            _l("Some fields are not valid."), fields={"team": _l("No such team.")}
        )
    source = member.team
    if target.id == source.id:
        return target
    if len(source.members) == 1:
        raise Conflict(_l("A team cannot be left empty."), code="team_empty")
    member.team_id = target.id
    db.session.flush()
    db.session.expire_all()
    audit.record(
        "rush.member_moved",
        actor=actor,
        target=piscine,
        before={"day_id": day_id, "user_id": user_id, "team": source.number},
        after={"day_id": day_id, "user_id": user_id, "team": number},
        reason=text,
    )
    return db.session.get(RushTeam, target.id)


def rush_days(piscine: Piscine) -> list[PiscineDay]:
    """The rushes of the piscine's calendar, in calendar order."""
    return [d for d in sorted(piscine.days, key=lambda d: d.position) if is_rush(d.day_id)]


def rush_day(piscine: Piscine, day_id: Any) -> PiscineDay:
    """One rush of the piscine's calendar; NotFound for any other day id."""
    found = next((d for d in rush_days(piscine) if d.day_id == day_id), None)
    if found is None:
        raise NotFound(_l("This piscine has no such rush."))
    return found


def _people(user_ids) -> dict[int, User]:
    ids = list(user_ids)
    if not ids:
        return {}
    return {u.id: u for u in db.session.scalars(db.select(User).where(User.id.in_(ids)))}


def team_rows(formed: list[RushTeam]) -> list[dict]:
    """Teams with their members as users, by name: [{"team", "members"}]."""
    people = _people(m.user_id for t in formed for m in t.members)
    return [
        {
            "team": team,
            "members": sorted(
                (people[m.user_id] for m in team.members if m.user_id in people),
                key=lambda u: (u.last_name, u.first_name, u.id),
            ),
        }
        for team in formed
    ]


def my_teams(user, piscine: Piscine) -> list[dict]:
    """The person's team in each rush of the piscine whose teams are formed:
    [{"day", "team", "members"}] in calendar order (members include the person)."""
    days = {d.day_id: d for d in rush_days(piscine)}
    if not days:
        return []
    mine = db.session.scalars(
        db.select(RushTeam)
        .join(RushTeamMember, RushTeamMember.team_id == RushTeam.id)
        .where(
            RushTeam.piscine_id == piscine.id,
            RushTeam.day_id.in_(list(days)),
            RushTeamMember.user_id == user.id,
        )
    ).all()
    rows = {row["team"].day_id: row for row in team_rows(list(mine))}
    return [{"day": day, **rows[day_id]} for day_id, day in days.items() if day_id in rows]
