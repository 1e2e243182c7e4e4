"""Selection decisions: human, reasoned, audited, revisable; admitted people confirm their place.

The ranking only advises. Every decision is recorded by a person with a written reason; posting
again records a revision (the history is kept). An admission is an offer the person confirms or
declines before a deadline; a decline or an expired offer gives the place to the best-ranked
person on the waitlist of the round, as a revision that names why.

The confirmation clock starts when the person is told: an admission's `offer_deadline` is set
when its e-mail is sent (`notify`), and an offer nobody was told about never expires.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime

from flask_babel import lazy_gettext as _l
from jinja2.sandbox import SandboxedEnvironment

from school101.core import audit
from school101.core.clock import PARIS
from school101.core.errors import Conflict, NotFound, ValidationFailed
from school101.extensions import db
from school101.models import Decision, Piscine, SelectionRound, User
from school101.models._base import utcnow
from school101.models.selection import DECISIONS
from school101.services.selection import ranking

REASON_MAX = 2000
DEFAULT_CONFIRM_DAYS = 7


log = logging.getLogger(__name__)


def current_decision(piscine_id: int, user_id: int) -> Decision | None:
    """The current (newest) decision about a candidate of a piscine."""
    return db.session.scalars(
        db.select(Decision).where(
            Decision.piscine_id == piscine_id,
            Decision.user_id == user_id,
            Decision.current.is_(True),
        )
    ).first()


def history(piscine_id: int, user_id: int) -> list[Decision]:
    """Every decision about a candidate of a piscine, oldest first."""
    return list(
        db.session.scalars(
            db.select(Decision)
            .where(Decision.piscine_id == piscine_id, Decision.user_id == user_id)
            .order_by(Decision.version)
        )
    )


def admitted_user_ids() -> set[int]:
    """People whose current decision is admit (offer pending or confirmed), in any piscine."""
    return set(
        db.session.scalars(
            db.select(Decision.user_id).where(
                Decision.current.is_(True),
                Decision.decision == "admit",
                Decision.offer_status.in_(["", "pending", "confirmed"]),
            )
        )
    )


def _has_started(piscine: Piscine, now: datetime) -> bool:
    return now.astimezone(PARIS).date() >= piscine.starts_on


def decide(
    *,
    piscine: Piscine,
    user_id,
    decision: str,
    reason: str,
    actor,
    now: datetime | None = None,
    selection_round: SelectionRound | None = None,
) -> Decision:
    """Record (or revise) a decision with its reason and the ranking breakdown at that moment."""
    from school101.services.piscine.booking import booking_of

    now = now or utcnow()
    errors = {}
    if decision not in DECISIONS:
        errors["decision"] = _l("Choose admit, waitlist or reject.")
    reason = reason.strip() if isinstance(reason, str) else ""
    if not reason:
        errors["reason"] = _l("A reason is required.")
    elif len(reason) > REASON_MAX:
        errors["reason"] = _l("%(n)d characters at most.", n=REASON_MAX)
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    if not _has_started(piscine, now):
        raise Conflict(
            _l("Decisions can be taken once the piscine has started."), code="not_started"
        )
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    booking = booking_of(user, piscine.id) if user else None
    if user is None or booking is None or booking.status != "booked":
        raise NotFound(_l("This person has no seat in this piscine."), code="not_a_candidate")
    weights, found_round = ranking.weights_for(
        piscine, selection_round.id if selection_round else None
    )
    computed = ranking.cached_rank(piscine, weights)  # computed once for a bulk decision
    index = computed.index_of(user.id)
    breakdown = computed.item(index) if index is not None else {}
    previous = current_decision(piscine.id, user.id)
    version = (previous.version + 1) if previous else 1
    if previous is not None:
        changed = db.session.execute(
            db.update(Decision)
            .where(Decision.id == previous.id, Decision.current.is_(True))
            .values(current=False)
            .execution_options(synchronize_session=False)
        ).rowcount
        if not changed:
            raise Conflict(_l("This decision was changed meanwhile; reload and try again."))
    row = Decision(
        piscine_id=piscine.id,
        user_id=user.id,
        version=version,
        decision=decision,
        reason=reason,
        decided_by_id=getattr(actor, "id", None),
        decided_at=now,
        round_id=(selection_round or found_round).id if (selection_round or found_round) else None,
        breakdown=json.dumps({"weights": weights, **breakdown}),
    )
    if decision == "admit":
        # Re-admitting someone whose offer stands keeps that offer (its deadline, its answer, and
        # the fact that they were told); otherwise a new offer starts, its clock set by notify().
        keep = (
            previous is not None
            and previous.decision == "admit"
            and previous.offer_status in ("pending", "confirmed")
        )
        row.offer_status = previous.offer_status if keep else "pending"
        row.offer_deadline = previous.offer_deadline if keep else None
        row.notified_at = previous.notified_at if keep else None
    db.session.add(row)
    db.session.flush()
    audit.record(
        "selection.decision" if previous is None else "selection.decision_revised",
        actor=actor,
        target_type="users",
        target_id=user.id,
        reason=reason,
        before={"decision": previous.decision, "version": previous.version} if previous else None,
        after={"decision": decision, "version": version, "piscine_id": piscine.id},
    )
    return row


def decide_bulk(
    *,
    piscine: Piscine,
    user_ids: list[int],
    decision: str,
    reason: str,
    actor,
    selection_round: SelectionRound | None = None,
) -> list[Decision]:
    """The same decision and reason for several people after review (all or nothing), ranked
    with the weights of `selection_round` (the round being viewed)."""
    if not user_ids:
        raise ValidationFailed(
            _l("Choose at least one person."),
            fields={"user_ids": _l("Choose at least one person.")},
        )
    return [
        decide(
            piscine=piscine,
            user_id=u,
            decision=decision,
            reason=reason,
            actor=actor,
            selection_round=selection_round,
        )
        for u in user_ids
    ]


_sandbox = SandboxedEnvironment(autoescape=False)


def confirm_days_of(row: Decision) -> int:
    """Days an admitted person has to answer, from the round of the decision."""
    selection_round = db.session.get(SelectionRound, row.round_id) if row.round_id else None
    return selection_round.confirm_days if selection_round else DEFAULT_CONFIRM_DAYS
