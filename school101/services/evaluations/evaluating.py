"""The evaluation itself: who sees whom when, the evaluator's scale and feedback, the
evaluated person's rating, when it is final, and staff's void and re-open.

- Names are revealed 15 minutes before the start, to both sides (neither can arrange the
  outcome beforehand); staff always see them.
- The evaluator fills the scale from the start time on: every question answered, flags,
  feedback of at least FEEDBACK_MIN characters; the mark follows the scale; a flag that goes
  to staff (Cheat, Can't support) marks the evaluation for them. The evaluator earns a point.
- The evaluated person rates the feedback (0-4) and may comment; the evaluation is final
  then, or 24 hours after the evaluator submitted.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l

from school101.core import audit
from school101.core.clock import as_aware
from school101.core.errors import Conflict, Forbidden, ValidationFailed
from school101.core.permissions import ensure_staff
from school101.extensions import db
from school101.models import Evaluation, Piscine, PointsEntry
from school101.models._base import utcnow
from school101.services.evaluations import notices, points, scales
from school101.services.evaluations.availability import REVEAL_BEFORE
from school101.services.evaluations.booking import _release

FINAL_AFTER = timedelta(hours=24)
FEEDBACK_MIN, FEEDBACK_MAX = 60, 5000
COMMENT_MAX = 2000


def names_visible(user, evaluation: Evaluation, *, now: datetime | None = None) -> bool:
    """Whether `user` may see who the other side is yet."""
    now = now or utcnow()
    return user.is_staff or now >= as_aware(evaluation.starts_at) - REVEAL_BEFORE


def is_final(evaluation: Evaluation, *, now: datetime | None = None) -> bool:
    """Final once rated, or 24 hours after the evaluator submitted."""
    now = now or utcnow()
    if evaluation.status == "done":
        return True
    return (
        evaluation.status == "submitted"
        and evaluation.submitted_at is not None
        and now >= as_aware(evaluation.submitted_at) + FINAL_AFTER
    )


def submit(
    user, evaluation: Evaluation, answers: Any, flags: Any, feedback: Any, *, now=None, notify=True
) -> Evaluation:
    """The evaluator's filled scale and feedback. The caller commits. `notify=False` leaves the
    feedback e-mail to the caller (a defense sends it once the members' marks are known)."""
    now = now or utcnow()
    if user.id != evaluation.evaluator_id:
        raise Forbidden(_l("Only the evaluator fills the scale."), code="not_evaluator")
    if evaluation.status != "booked":
        raise Conflict(_l("This evaluation is not waiting for its scale."), code="not_booked")
    if now < as_aware(evaluation.starts_at):
        raise Conflict(_l("The evaluation has not started yet."), code="not_started")
    scale = scales.scale_for(evaluation.day_id)
    flags = list(flags) if isinstance(flags, list | tuple) else flags
    errors = scales.check_answers(scale, answers, flags)
    text = feedback.strip() if isinstance(feedback, str) else ""
    if not FEEDBACK_MIN <= len(text) <= FEEDBACK_MAX:
        errors["feedback"] = _l(
            "Write feedback of %(min)s to %(max)s characters.", min=FEEDBACK_MIN, max=FEEDBACK_MAX
        )
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    evaluation.scale = json.dumps(scale, ensure_ascii=False, sort_keys=True)
    evaluation.answers = json.dumps(answers, sort_keys=True)
    evaluation.flags = ",".join(flags)
    evaluation.mark = scales.mark(scale, answers, flags)
    evaluation.to_staff = evaluation.to_staff or any(scales.FLAGS[f][2] for f in flags)
    evaluation.feedback = text
    evaluation.status, evaluation.submitted_at = "submitted", now
    piscine = db.session.get(Piscine, evaluation.piscine_id)
    if not _earned(evaluation):  # re-opened and filled again: the point was earned already
        points.move(piscine, user.id, 1, "earned", evaluation_id=evaluation.id)
    if notify:
        notices.feedback_received(evaluation)
    audit.record(
        "evaluation.submitted",
        actor=user,
        target=evaluation,
        after={"mark": evaluation.mark, "flags": flags, "to_staff": evaluation.to_staff},
    )
    return evaluation


def _earned(evaluation: Evaluation) -> bool:
    return (
        db.session.scalars(
            db.select(PointsEntry.id).filter_by(
                evaluation_id=evaluation.id, user_id=evaluation.evaluator_id, reason="earned"
            )
        ).first()
        is not None
    )


def rate(user, evaluation: Evaluation, rating: Any, comment: Any = "", *, now=None) -> Evaluation:
    """The evaluated person rates the feedback (0-4) and may comment. The caller commits."""
    now = now or utcnow()
    if user.id != evaluation.evaluated_id:
        raise Forbidden(_l("Only the evaluated person rates the feedback."), code="not_evaluated")
    if evaluation.status != "submitted" or is_final(evaluation, now=now):
        raise Conflict(_l("This feedback can no longer be rated."), code="not_ratable")
    errors = {}
    if isinstance(rating, bool) or not isinstance(rating, int) or not 0 <= rating <= 4:
        errors["rating"] = _l("Rate the feedback from 0 to 4.")
    text = comment.strip() if isinstance(comment, str) else ""
    if len(text) > COMMENT_MAX:
        errors["comment"] = _l("%(n)d characters at most.", n=COMMENT_MAX)
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    evaluation.feedback_rating, evaluation.feedback_comment = rating, text
    evaluation.status, evaluation.rated_at = "done", now
    audit.record("evaluation.rated", actor=user, target=evaluation, after={"rating": rating})
    return evaluation


def void(actor, evaluation: Evaluation, reason: Any) -> Evaluation:
    """Staff void an evaluation (a no-show decided, a cheat confirmed ...): the evaluated
    person's point is refunded when it was spent for nothing. Audited; the caller commits."""
    ensure_staff(actor)
    text = audit.required_reason(reason)
    if evaluation.status in ("voided", "cancelled", "late_cancelled"):
        raise Conflict(_l("This evaluation is already closed."), code="closed")
    before = evaluation.status
    piscine = db.session.get(Piscine, evaluation.piscine_id)
    if before in ("booked", "no_show"):
        points.move(
            piscine, evaluation.evaluated_id, 1, "refund", evaluation_id=evaluation.id, note=text
        )
    evaluation.status = "voided"
    _release(evaluation)
    audit.record(
        "evaluation.voided",
        actor=actor,
        target=evaluation,
        before={"status": before, "mark": evaluation.mark},
        after={"status": "voided"},
        reason=text,
    )
    return evaluation


def reopen(actor, evaluation: Evaluation, reason: Any) -> Evaluation:
    """Staff re-open a submitted, done or voided evaluation so that the evaluator fills it
    again (the mark and feedback cleared). Audited; the caller commits."""
    ensure_staff(actor)
    text = audit.required_reason(reason)
    if evaluation.status not in ("submitted", "done", "voided", "no_show"):
        raise Conflict(_l("Only a finished or voided evaluation can be re-opened."), code="open")
    before = {"status": evaluation.status, "mark": evaluation.mark}
    evaluation.status = "booked"
    evaluation.mark, evaluation.answers, evaluation.flags = None, "", ""
    evaluation.feedback, evaluation.feedback_rating, evaluation.feedback_comment = "", None, ""
    evaluation.submitted_at = evaluation.rated_at = None
    evaluation.no_show_of = ""
    audit.record(
        "evaluation.reopened",
        actor=actor,
        target=evaluation,
        before=before,
        after={"status": "booked"},
        reason=text,
    )
    return evaluation
