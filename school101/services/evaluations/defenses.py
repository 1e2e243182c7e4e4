"""Rush defenses: after a rush's deadline the team books ONE defense; the evaluator fills the
rush's scale (the team mark, `evaluating.submit`) and, per member, present or absent and
"can't explain", which gives each member an individual mark.

Rules (issue 13; where it was silent, docs/decisions.md "Peer evaluations and rushes"):
- any member of the team books, at least 15 minutes ahead, once the rush's deadline has
  passed; a team has one active defense at a time (booked, submitted, done or no-show);
- the evaluator is drawn at random as for a peer evaluation (a seated candidate whose window
  covers the defense, not busy then) and is never a member of the team, nor a teammate of
  one in another rush, nor one of the booking member's last two evaluators;
- every member and the evaluator hold the defense's quarter-hours (`BusyQuarter`, unique):
  a member cannot be booked elsewhere then, and two bookings racing for the last free
  evaluator cannot both commit;
- the booking member pays one point (the evaluation's `evaluated_id`), the evaluator earns
  one: one point moved per evaluation, as for any evaluation; a member without points cannot
  block the team; cancelling and voiding refund the booking member (booking.cancel, void);
- individual marks: absent 0; "can't explain" 0 for that member only (and the defense goes to
  staff, as for the flag); the others keep the team mark;
- staff may take a booked defense over as its evaluator (audited), e.g. when no candidate is
  free; the drawn candidate's quarter-hours are released.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from school101.core import audit
from school101.core.clock import as_aware
from school101.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from school101.core.permissions import ensure_staff
from school101.extensions import db
from school101.models import (
    BusyQuarter,
    Evaluation,
    EvaluationMember,
    Piscine,
    RushTeam,
    User,
)
from school101.models._base import utcnow
from school101.models.evaluations import ACTIVE_STATUSES
from school101.services.evaluations import evaluating, notices, points, teams
from school101.services.evaluations.availability import EVALUATION_MINUTES, on_grid
from school101.services.evaluations.booking import (
    MIN_NOTICE,
    _busy,
    _hold,
    _random,
    _teammates,
    evaluation_by_id,
    free_evaluators,
)
from school101.services.piscine.booking import has_seat


def _invalid(field: str, message) -> ValidationFailed:
    return ValidationFailed(_l("Some fields are not valid."), fields={field: message})


def _rush_closed(piscine: Piscine, day_id: str, now: datetime) -> bool:
    day = next((d for d in piscine.days if d.day_id == day_id), None)
    return day is not None and as_aware(day.closes_at) <= now


def active_defense(team: RushTeam) -> Evaluation | None:
    """The team's defense that still counts (booked, submitted, done or no-show), if any."""
    return db.session.scalars(
        db.select(Evaluation)
        .filter_by(team_id=team.id)
        .where(Evaluation.status.in_(ACTIVE_STATUSES))
        .order_by(Evaluation.id.desc())
    ).first()


def defense_needs(user, piscine: Piscine, *, now: datetime | None = None) -> list[dict]:
    """The rushes of the piscine whose deadline passed and whose team (the person's) has no
    defense yet: [{"day_id", "team_id", "number"}]."""
    now = now or utcnow()
    found = []
    for day in piscine.days:
        if not teams.is_rush(day.day_id) or as_aware(day.closes_at) > now:
            continue
        team = teams.team_of(user, piscine, day.day_id)
        if team is not None and active_defense(team) is None:
            found.append({"day_id": day.day_id, "team_id": team.id, "number": team.number})
    return found


def _excluded(member_ids: list[int], piscine_id: int) -> set[int]:
    """Nobody of the team, nor anyone who was a teammate of one of them in this piscine."""
    out = set(member_ids)
    for user_id in member_ids:
        out |= _teammates(user_id, piscine_id)
    return out


def book_defense(
    user, piscine: Piscine, day_id: Any, starts_at: Any, *, now: datetime | None = None
) -> Evaluation:
    """Book the defense of `user`'s team for the rush `day_id` at `starts_at`. The caller
    commits; on an error the caller rolls back and nothing has changed."""
    now = now or utcnow()
    if not has_seat(user, piscine.id):
        raise Forbidden(_l("Only candidates with a seat can book evaluations."), code="no_seat")
    if not isinstance(day_id, str) or not teams.is_rush(day_id):
        raise _invalid("day_id", _l("Choose a rush."))
    team = teams.team_of(user, piscine, day_id)
    if team is None:
        raise _invalid("day_id", _l("You are in no team of this rush."))
    if not _rush_closed(piscine, day_id, now):
        raise _invalid("day_id", _l("A rush is defended after its deadline."))
    # two members booking at once: a write on the team row first (a no-op UPDATE) makes the
    # second wait for the first to commit, on PostgreSQL (row lock) as on SQLite (the writer
    # lock), and then see the first one's defense below
    db.session.execute(
        db.update(RushTeam)
        .where(RushTeam.id == team.id)
        .values(number=RushTeam.number)
        .execution_options(synchronize_session=False)
    )
    if active_defense(team) is not None:
        raise Conflict(_l("Your team has already booked its defense."), code="defense_exists")
    if not isinstance(starts_at, datetime) or not on_grid(as_aware(starts_at)):
        raise _invalid("starts_at", _l("Choose a time on a quarter-hour."))
    starts_at = as_aware(starts_at)
    if starts_at < now + MIN_NOTICE:
        raise _invalid("starts_at", _l("Book at least 15 minutes ahead."))
    if points.balance(piscine, user.id) < 1:
        points.spend_one(piscine, user.id)  # raises the clear "no point left" conflict
    member_ids = [m.user_id for m in team.members]
    if any(_busy(m, starts_at) for m in member_ids):
        raise Conflict(
            _l("A member of your team already has an evaluation at that time."), code="busy_then"
        )
    excluded = _excluded(member_ids, piscine.id)
    candidates = [c for c in free_evaluators(user, piscine, starts_at) if c not in excluded]
    _random.shuffle(candidates)
    for evaluator_id in candidates:
        evaluation = Evaluation(
            piscine_id=piscine.id,
            day_id=day_id,
            team_id=team.id,
            evaluated_id=user.id,
            evaluator_id=evaluator_id,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=EVALUATION_MINUTES),
            status="booked",
        )
        try:
            with db.session.begin_nested():
                db.session.add(evaluation)
                db.session.flush()
                for member_id in member_ids:
                    _hold(evaluation, member_id)
                    db.session.add(EvaluationMember(evaluation_id=evaluation.id, user_id=member_id))
                _hold(evaluation, evaluator_id)
                db.session.flush()
        except IntegrityError:
            if any(_busy(m, starts_at) for m in member_ids):  # booked elsewhere meanwhile
                raise Conflict(
                    _l("A member of your team already has an evaluation at that time."),
                    code="busy_then",
                ) from None
            continue  # this evaluator was taken at this very instant: the next one
        points.spend_one(piscine, user.id, evaluation.id)
        notices.booked(evaluation)
        for member_id in member_ids:
            if member_id != user.id:
                member = db.session.get(User, member_id)
                notices._send("evaluation_booked", member, evaluation, role="evaluated")
        audit.record(
            "defense.booked",
            actor=user,
            target=evaluation,
            after={
                "day_id": day_id,
                "team": team.number,
                "members": member_ids,
                "starts_at": starts_at.isoformat(),
            },
        )
        return evaluation
    raise Conflict(_l("No evaluator is free at that time: try another time."), code="no_evaluator")


def take_over(actor, evaluation: Evaluation, *, now: datetime | None = None) -> Evaluation:
    """Staff become the evaluator of a booked defense that has not started (audited). The
    caller commits; Conflict when the staff member is busy then."""
    now = now or utcnow()
    ensure_staff(actor)
    if evaluation.team_id is None:
        raise NotFound(_l("No such defense."))
    if evaluation.status != "booked" or now >= as_aware(evaluation.starts_at):
        raise Conflict(_l("Only a defense not started yet can be taken over."), code="not_booked")
    if actor.id == evaluation.evaluator_id:
        return evaluation
    if actor.id in member_ids(evaluation):
        raise Conflict(_l("A member of the team cannot evaluate it."), code="member")
    before = evaluation.evaluator_id
    try:
        with db.session.begin_nested():
            db.session.execute(
                db.delete(BusyQuarter).filter_by(evaluation_id=evaluation.id, user_id=before)
            )
            evaluation.evaluator_id = actor.id
            _hold(evaluation, actor.id)
            db.session.flush()
    except IntegrityError:
        db.session.refresh(evaluation)
        raise Conflict(
            _l("You already have an evaluation at that time."), code="busy_then"
        ) from None
    audit.record(
        "defense.taken_over",
        actor=actor,
        target=evaluation,
        before={"evaluator_id": before},
        after={"evaluator_id": actor.id},
    )
    return evaluation


def member_ids(evaluation: Evaluation) -> list[int]:
    """The team members of a defense, as they were when it was booked."""
    return [m.user_id for m in sorted(evaluation.members, key=lambda m: m.id)]


def member_name(user_id: int) -> str:
    """A member's full name ('' when the account is gone)."""
    user = db.session.get(User, user_id)
    return user.full_name if user else ""


def get_visible(user, evaluation_id: Any) -> Evaluation:
    """An evaluation `user` may see: its two sides, every member of a defended team, staff."""
    evaluation = evaluation_by_id(evaluation_id)
    if evaluation is None or not (
        user.is_staff
        or user.id in (evaluation.evaluated_id, evaluation.evaluator_id)
        or (evaluation.team_id is not None and user.id in member_ids(evaluation))
    ):
        raise NotFound(_l("No such evaluation."))
    return evaluation


def _flag(value: Any, field: str, errors: dict) -> bool:
    if isinstance(value, bool):
        return value
    errors[field] = _l("Answer yes or no.")
    return False


def check_members(evaluation: Evaluation, members: Any) -> dict[int, dict]:
    """The per-member answers, validated: {user_id: {"absent", "cannot_explain"}} for every
    member exactly once. ValidationFailed (each problem named) otherwise."""
    ids = member_ids(evaluation)
    if not isinstance(members, list):
        raise _invalid("members", _l("Give present or absent for every member of the team."))
    errors: dict[str, Any] = {}
    found: dict[int, dict] = {}
    for item in members:
        user_id = item.get("user_id") if isinstance(item, dict) else None
        if isinstance(user_id, bool) or user_id not in ids or user_id in found:
            errors["members"] = _l("Give present or absent for every member of the team.")
            continue
        absent = _flag(item.get("absent", False), f"members.{user_id}.absent", errors)
        unable = _flag(
            item.get("cannot_explain", False), f"members.{user_id}.cannot_explain", errors
        )
        if absent and unable:
            errors[f"members.{user_id}.cannot_explain"] = _l(
                "An absent member cannot be marked as unable to explain."
            )
        found[user_id] = {"absent": absent, "cannot_explain": unable}
    if set(found) != set(ids):
        errors["members"] = _l("Give present or absent for every member of the team.")
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    return found


def submit_members(user, evaluation: Evaluation, members: Any) -> Evaluation:
    """The evaluator's per-member answers on a submitted defense (its team mark known): each
    member's individual mark. Caller commits; ValidationFailed changes nothing."""
    if evaluation.team_id is None:
        raise NotFound(_l("No such defense."))
    if user.id != evaluation.evaluator_id:
        raise Forbidden(_l("Only the evaluator fills the scale."), code="not_evaluator")
    if evaluation.status != "submitted" or evaluation.mark is None:
        raise Conflict(_l("Fill the team's scale first."), code="not_submitted")
    if evaluating.is_final(evaluation):
        raise Conflict(_l("This defense is final."), code="final")
    answers = check_members(evaluation, members)
    for row in evaluation.members:
        given = answers[row.user_id]
        row.absent, row.cannot_explain = given["absent"], given["cannot_explain"]
        row.mark = 0 if row.absent or row.cannot_explain else evaluation.mark
    if any(a["cannot_explain"] for a in answers.values()):
        evaluation.to_staff = True
    db.session.flush()
    audit.record(
        "defense.members_marked",
        actor=user,
        target=evaluation,
        after={
            "members": {
                str(r.user_id): {
                    "mark": r.mark,
                    "absent": r.absent,
                    "cannot_explain": r.cannot_explain,
                }
                for r in evaluation.members
            },
            "to_staff": evaluation.to_staff,
        },
    )
    return evaluation


def submit_defense(
    user, evaluation: Evaluation, answers: Any, flags: Any, feedback: Any, members: Any, *, now=None
) -> Evaluation:
    """The evaluator's scale, feedback and per-member answers at once: the members are checked
    before anything is written. The caller commits (rolls back on an error)."""
    if evaluation.team_id is None:
        raise NotFound(_l("No such defense."))
    if user.id == evaluation.evaluator_id and evaluation.status == "booked":
        check_members(evaluation, members)
    evaluating.submit(user, evaluation, answers, flags, feedback, now=now, notify=False)
    submit_members(user, evaluation, members)
    db.session.flush()
    notices.feedback_received(evaluation)  # each member is told their own mark
    return evaluation


def individual(evaluation: Evaluation, user_id: int) -> EvaluationMember | None:
    """One member's row of a defense (None for a person outside the team)."""
    return next((m for m in evaluation.members if m.user_id == user_id), None)


def defenses_of(user, piscine: Piscine) -> list[Evaluation]:
    """The defenses of the person's teams in the piscine, the latest first."""
    return list(
        db.session.scalars(
            db.select(Evaluation)
            .join(EvaluationMember, EvaluationMember.evaluation_id == Evaluation.id)
            .where(Evaluation.piscine_id == piscine.id, EvaluationMember.user_id == user.id)
            .order_by(Evaluation.starts_at.desc(), Evaluation.id.desc())
        )
    )
