"""E-mails about peer evaluations: booked (to both sides, without names), the 15-minute
reminder that reveals who the other side is (a periodic duty, sent once), and the feedback
received. For a rush defense the evaluated side is every member of the team. The pages show the same facts in the candidate's evaluations list."""

from __future__ import annotations

from datetime import datetime

from school101.core.clock import paris_text
from school101.extensions import db
from school101.models import Evaluation, User
from school101.models._base import utcnow
from school101.services.evaluations.availability import REVEAL_BEFORE
from school101.services.messaging import outbox
from school101.services.piscine.content import day_title


def _when(evaluation: Evaluation, user: User) -> str:
    """When the evaluation starts, in Paris time and the person's language."""
    return paris_text(evaluation.starts_at, locale=getattr(user, "locale", None) or "fr")


def _send(kind: str, user: User, evaluation: Evaluation, **context) -> None:
    outbox.send_template(
        kind,
        user.email,
        user=user,
        evaluation=evaluation,
        when=_when(evaluation, user),
        day=day_title(evaluation.day_id, getattr(user, "locale", None) or "fr"),
        **context,
    )


def booked(evaluation: Evaluation) -> None:
    """Tell both sides an evaluation is booked (names come with the reminder)."""
    evaluated = db.session.get(User, evaluation.evaluated_id)
    evaluator = db.session.get(User, evaluation.evaluator_id)
    _send("evaluation_booked", evaluated, evaluation, role="evaluated")
    _send("evaluation_booked", evaluator, evaluation, role="evaluator")


def _defended_by(evaluation: Evaluation) -> list[User]:
    """The evaluated side: the person who booked, then, for a rush defense, every other
    member of the team (each is told, not only the one who booked)."""
    others = sorted(m.user_id for m in evaluation.members if m.user_id != evaluation.evaluated_id)
    return [db.session.get(User, user_id) for user_id in [evaluation.evaluated_id, *others]]


def feedback_received(evaluation: Evaluation) -> None:
    """Tell the evaluated side (every member of a defended team) the feedback is there: the
    mark is each one's own (a member's individual mark in a defense)."""
    own = {m.user_id: m.mark for m in evaluation.members}
    for person in _defended_by(evaluation):
        _send("evaluation_feedback", person, evaluation, mark=own.get(person.id, evaluation.mark))


def send_reminders(now: datetime | None = None) -> int:
    """Periodic duty: 15 minutes before each booked evaluation, tell both sides who the other
    is. A conditional UPDATE claims each evaluation, so several workers send it once."""
    now = now or utcnow()
    due = db.session.scalars(
        db.select(Evaluation.id).where(
            Evaluation.status == "booked",
            Evaluation.reminded_at.is_(None),
            Evaluation.starts_at <= now + REVEAL_BEFORE,
            Evaluation.starts_at > now,
        )
    ).all()
    sent = 0
    for evaluation_id in due:
        claimed = db.session.execute(
            db.update(Evaluation)
            .where(Evaluation.id == evaluation_id, Evaluation.reminded_at.is_(None))
            .values(reminded_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
        if not claimed:
            continue
        evaluation = db.session.get(Evaluation, evaluation_id)
        defended = _defended_by(evaluation)
        evaluator = db.session.get(User, evaluation.evaluator_id)
        for person in defended:
            _send("evaluation_reminder", person, evaluation, other=evaluator, role="evaluated")
        _send("evaluation_reminder", evaluator, evaluation, other=defended[0], role="evaluator")
        sent += 1
    return sent
