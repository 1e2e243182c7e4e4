"""What the evaluation pages list: one's evaluations on both sides (the other person named
only once `names_visible`), a piscine's evaluations by state for staff, the work an evaluator
looks at, and the days whose scale staff can read.

Reads only; the rules live in booking.py and evaluating.py.
"""

from __future__ import annotations

import io
import tarfile
from datetime import datetime

from flask_babel import lazy_gettext as _l

from school101.core.clock import as_aware
from school101.core.errors import NotFound
from school101.core.paging import PER_PAGE_DEFAULT, Page, paginate
from school101.extensions import db
from school101.models import Booking, Evaluation, EvaluationMember, Piscine, Submission, User
from school101.models._base import utcnow
from school101.services.evaluations import booking, evaluating, scales
from school101.services.piscine.submission_views import submission_detail

#: staff filters of a piscine's evaluations: name -> statuses (None: flagged for staff)
STAFF_FILTERS: dict[str, tuple[str, ...] | None] = {
    "pending": ("booked",),
    "done": ("submitted", "done"),
    "no_show": ("no_show",),
    "to_staff": None,
    "cancelled": ("cancelled", "late_cancelled", "voided"),
}
#: what the evaluator may read of the work: text files up to this size, this much in all
FILE_TEXT_MAX = 64 * 1024
WORK_TEXT_MAX = 512 * 1024


def _users(ids: set[int]) -> dict[int, User]:
    if not ids:
        return {}
    return {u.id: u for u in db.session.scalars(db.select(User).where(User.id.in_(ids)))}


def mine(user, piscine: Piscine, *, now: datetime | None = None) -> dict[str, list[dict]]:
    """The person's evaluations in the piscine, newest first, on each side:
    {"as_evaluated": [...], "as_evaluator": [...]}, each row {"evaluation", "other", "member",
    "booked_by_me"} where "other" is the other person, or None until names are revealed, and
    "member" the person's own row (individual mark) of a rush defense, else None. A defense is
    listed for every member of the team, not only the one who booked it."""
    now = now or utcnow()
    defended = db.select(EvaluationMember.evaluation_id).where(EvaluationMember.user_id == user.id)
    rows = list(
        db.session.scalars(
            db.select(Evaluation)
            .where(
                Evaluation.piscine_id == piscine.id,
                (Evaluation.evaluated_id == user.id)
                | (Evaluation.evaluator_id == user.id)
                | Evaluation.id.in_(defended),  # a defense: every member is on the defended side
            )
            .order_by(Evaluation.starts_at.desc(), Evaluation.id.desc())
        )
    )
    people = _users({e.evaluated_id for e in rows} | {e.evaluator_id for e in rows})
    own_marks = {
        m.evaluation_id: m
        for m in db.session.scalars(
            db.select(EvaluationMember).where(
                EvaluationMember.user_id == user.id,
                EvaluationMember.evaluation_id.in_([e.id for e in rows]),
            )
        )
    }
    found: dict[str, list[dict]] = {"as_evaluated": [], "as_evaluator": []}
    for e in rows:
        side = "as_evaluator" if e.evaluator_id == user.id else "as_evaluated"
        other_id = e.evaluator_id if side == "as_evaluated" else e.evaluated_id
        visible = evaluating.names_visible(user, e, now=now)
        found[side].append(
            {
                "evaluation": e,
                "other": people.get(other_id) if visible else None,
                "member": own_marks.get(e.id),
                "booked_by_me": e.evaluated_id == user.id,
            }
        )
    return found


def piscine_evaluations(
    piscine: Piscine, state: str, page: int = 1, per_page: int = PER_PAGE_DEFAULT
) -> Page:
    """A piscine's evaluations in one of STAFF_FILTERS (anything else: all), newest first;
    rows {"evaluation", "evaluated", "evaluator"}."""
    query = db.select(Evaluation).where(Evaluation.piscine_id == piscine.id)
    if state in STAFF_FILTERS:
        statuses = STAFF_FILTERS[state]
        query = query.where(
            Evaluation.to_staff.is_(True) if statuses is None else Evaluation.status.in_(statuses)
        )
    query = query.order_by(Evaluation.starts_at.desc(), Evaluation.id.desc())
    result = paginate(query, page, per_page, clamp=True)
    people = _users({e.evaluated_id for e in result.items} | {e.evaluator_id for e in result.items})
    result.items = [
        {
            "evaluation": e,
            "evaluated": people.get(e.evaluated_id),
            "evaluator": people.get(e.evaluator_id),
        }
        for e in result.items
    ]
    return result


def filter_counts(piscine: Piscine) -> dict[str, int]:
    """How many evaluations of the piscine each staff filter shows ("all" too)."""
    by_status = dict(
        db.session.execute(
            db.select(Evaluation.status, db.func.count())
            .where(Evaluation.piscine_id == piscine.id)
            .group_by(Evaluation.status)
        ).all()
    )
    counts = {
        name: sum(by_status.get(s, 0) for s in statuses)
        for name, statuses in STAFF_FILTERS.items()
        if statuses is not None
    }
    counts["to_staff"] = db.session.scalar(
        db.select(db.func.count())
        .select_from(Evaluation)
        .where(Evaluation.piscine_id == piscine.id, Evaluation.to_staff.is_(True))
    )
    counts["all"] = sum(by_status.values())
    return counts


def seated_people(piscine: Piscine) -> list[User]:
    """The candidates holding a seat, by name (for staff's points form)."""
    return list(
        db.session.scalars(
            db.select(User)
            .join(Booking, Booking.user_id == User.id)
            .where(Booking.piscine_id == piscine.id, Booking.status == "booked")
            .order_by(User.last_name, User.first_name, User.id)
        )
    )


def evaluation_days(piscine: Piscine) -> list[str]:
    """The piscine's days that ask peer evaluations, in calendar order."""
    return [d.day_id for d in piscine.days if d.kind != "exam" and booking.required(d.day_id)]


def day_scale(piscine: Piscine, day_id: str) -> dict:
    """The scale in force for one of the piscine's evaluated days (NotFound otherwise)."""
    if day_id not in evaluation_days(piscine):
        raise NotFound(_l("This day has no correction scale."))
    return scales.scale_for(day_id)


def _file_texts(archive: bytes, budget: int) -> tuple[list[dict], int]:
    files = []
    try:
        with tarfile.open(fileobj=io.BytesIO(archive), mode="r") as tar:
            for member in tar.getmembers():
                if not member.isfile():
                    continue
                text = None
                if member.size <= min(FILE_TEXT_MAX, budget):
                    handle = tar.extractfile(member)
                    raw = handle.read() if handle is not None else b""
                    if b"\0" not in raw:
                        text = raw.decode("utf-8", errors="replace")
                        budget -= len(raw)
                files.append({"name": member.name, "size": member.size, "text": text})
    except (tarfile.TarError, OSError):
        return [], budget
    return files, budget


def evaluated_work(user, evaluation: Evaluation, *, now: datetime | None = None) -> list[dict]:
    """The work under evaluation as the evaluator (from 15 minutes before, like the names)
    or staff may read it: for each exercise of the day, the last submission made before the
    deadline, with its files (text shown when small) and the moulinette's verdict.
    [] for anyone else, or before then."""
    now = now or utcnow()
    allowed = user.is_staff or (
        user.id == evaluation.evaluator_id and evaluating.names_visible(user, evaluation, now=now)
    )
    if not allowed:
        return []
    piscine = db.session.get(Piscine, evaluation.piscine_id)
    day = next((d for d in piscine.days if d.day_id == evaluation.day_id), None)
    whose = (
        Submission.team_id == evaluation.team_id  # a defense: the team's work, whoever pushed
        if evaluation.team_id is not None
        else Submission.user_id == evaluation.evaluated_id
    )
    query = db.select(Submission).where(
        whose,
        Submission.piscine_id == evaluation.piscine_id,
        Submission.day_id == evaluation.day_id,
    )
    if day is not None:
        query = query.where(Submission.created_at <= as_aware(day.closes_at))
    latest: dict[str, Submission] = {}
    for submission in db.session.scalars(query.order_by(Submission.id.desc())):
        latest.setdefault(submission.exercise, submission)
    budget = WORK_TEXT_MAX
    work = []
    for exercise in sorted(latest):
        detail = submission_detail(latest[exercise])
        detail["file_texts"], budget = _file_texts(latest[exercise].archive, budget)
        work.append(detail)
    return work


def in_app_notices(user, piscine: Piscine, *, now: datetime | None = None) -> list[dict]:
    """What the person should know now, as the e-mails say it, newest concern first:
    {"kind", "evaluation", "other", "role"} with kind "upcoming" (booked, not started or
    started less than the evaluation's length ago; "other" named from 15 minutes before) or
    "feedback" (the feedback is there to read and, for who booked, to rate, until final)."""
    now = now or utcnow()
    found = []
    rows = mine(user, piscine, now=now)
    for side, role in (("as_evaluated", "evaluated"), ("as_evaluator", "evaluator")):
        for row in rows[side]:
            e = row["evaluation"]
            if e.status == "booked" and as_aware(e.ends_at) > now:
                found.append({"kind": "upcoming", "role": role, **row})
            elif (
                e.status == "submitted"
                and role == "evaluated"
                and not evaluating.is_final(e, now=now)
            ):
                found.append({"kind": "feedback", "role": role, **row})
    found.sort(key=lambda n: as_aware(n["evaluation"].starts_at))
    return found
