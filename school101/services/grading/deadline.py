"""The moulinette at the deadline: grade every seated candidate's day once it closes.

`sweep()` runs in every worker (every 30 s) and from `flask piscine sweep`: it claims each
closed, ungraded day of an `after_deadline` piscine with a conditional UPDATE (so several
workers never grade a day twice) and enqueues one job per seated candidate. Each job grades
the last submission of each exercise made before the deadline, in the day's order, stopping
at the first failure (grader.grade_day). A rush with teams is graded once per team: the last
submission of the team (whoever of its members turned it in) before the deadline.
"""

from __future__ import annotations

import json
import time
from datetime import datetime

from flask_babel import lazy_gettext as _l

from school101.core import audit
from school101.core.errors import NotFound, ValidationFailed
from school101.core.queues import grading_queue
from school101.extensions import db
from school101.models import Booking, DayGrading, Piscine, PiscineDay, Submission
from school101.models._base import utcnow
from school101.services.grading import team_work
from school101.services.grading.runs import enqueue_job


def sweep(now: datetime | None = None) -> int:
    """Enqueue the deadline grading of every day that has closed; returns jobs enqueued."""
    now = now or utcnow()
    due = (
        db.session.execute(
            db.select(PiscineDay.id)
            .join(Piscine, Piscine.id == PiscineDay.piscine_id)
            .where(
                PiscineDay.kind == "day",
                PiscineDay.closes_at <= now,
                PiscineDay.graded_at.is_(None),
                Piscine.feedback == "after_deadline",
            )
        )
        .scalars()
        .all()
    )
    enqueued = 0
    for day_row_id in due:
        claimed = db.session.execute(
            db.update(PiscineDay)
            .where(PiscineDay.id == day_row_id, PiscineDay.graded_at.is_(None))
            .values(graded_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
        if not claimed:
            continue
        day = db.session.get(PiscineDay, day_row_id)
        enqueued += len(enqueue_day(day, reason="deadline"))
        audit.record(
            "piscine.day_graded",
            target_type="piscine_days",
            target_id=day.id,
            after={"piscine_id": day.piscine_id, "day": day.day_id},
        )
        db.session.commit()
    return enqueued


def seated_user_ids(piscine_id: int) -> list[int]:
    """Ids of the candidates holding a seat."""
    return list(
        db.session.scalars(
            db.select(Booking.user_id)
            .where(Booking.piscine_id == piscine_id, Booking.status == "booked")
            .order_by(Booking.user_id)
        )
    )


def enqueue_day(
    day: PiscineDay, *, reason: str, user_ids: list[int] | None = None
) -> list[DayGrading]:
    """One queued DayGrading row and job per candidate, or per team for a rush whose teams
    are formed (the team's row names its first member; a seated candidate in no team is
    graded alone). The caller commits."""
    queue = grading_queue()
    rows = []
    people = user_ids if user_ids is not None else seated_user_ids(day.piscine_id)
    owners: list[tuple[int, int | None]] = []
    in_team: set[int] = set()
    for team in team_work.teams_of_rush(day.piscine_id, day.day_id):
        members = team_work.member_ids(team.id)
        in_team.update(members)
        if members and (user_ids is None or set(members) & set(user_ids)):
            owners.append((members[0], team.id))
    owners += [(user_id, None) for user_id in people if user_id not in in_team]
    for user_id, team_id in owners:
        row = DayGrading(
            piscine_id=day.piscine_id,
            user_id=user_id,
            team_id=team_id,
            day_id=day.day_id,
            reason=reason,
        )
        db.session.add(row)
        db.session.flush()
        row.job_id = enqueue_job(
            "school101.jobs.grading.grade_day_job",
            row.id,
            f"day-grading-{row.id}-{int(time.time() * 1000)}",
            queue=queue,
        ).id
        rows.append(row)
    return rows


def rerun_day(piscine: Piscine, day_id: str, *, actor, reason: str) -> list[DayGrading]:
    """Grade a day again for every seated candidate (e.g. after a test was fixed); audited."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(
            _l("A reason is required."), fields={"reason": _l("A reason is required.")}
        )
    day = db.session.scalars(
        db.select(PiscineDay).where(
            PiscineDay.piscine_id == piscine.id,
            PiscineDay.day_id == day_id,
            PiscineDay.kind == "day",
        )
    ).first()
    if day is None:
        raise NotFound(_l("This day is not in the piscine's calendar."))
    rows = enqueue_day(day, reason="rerun")
    audit.record(
        "piscine.day_rerun",
        actor=actor,
        target_type="piscine_days",
        target_id=day.id,
        reason=reason,
        after={"piscine_id": piscine.id, "day": day_id, "jobs": len(rows)},
    )
    return rows


def last_submissions(
    piscine_id: int, user_id: int, day_id: str, until: datetime, team_id: int | None = None
) -> dict[str, Submission]:
    """exNN -> the last submission of each exercise of the day made before `until`: the
    user's, or their rush team's when `team_id` is given."""
    owner = Submission.team_id == team_id if team_id is not None else Submission.user_id == user_id
    rows = db.session.scalars(
        db.select(Submission)
        .where(
            Submission.piscine_id == piscine_id,
            owner,
            Submission.day_id == day_id,
            Submission.created_at <= until,
        )
        .order_by(Submission.id)
    ).all()
    latest: dict[str, Submission] = {}
    for submission in rows:
        latest[submission.exercise.split("/", 1)[1]] = submission
    return latest


def day_row(piscine_id: int, day_id: str) -> PiscineDay | None:
    """The calendar entry of a day in a piscine."""
    return db.session.scalars(
        db.select(PiscineDay).where(
            PiscineDay.piscine_id == piscine_id, PiscineDay.day_id == day_id
        )
    ).first()


def dump_ids(subs: dict[str, Submission]) -> str:
    return json.dumps({k: v.id for k, v in sorted(subs.items())})
