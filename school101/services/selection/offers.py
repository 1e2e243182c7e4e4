"""Admission offers: admitted people confirm their place in time, or it goes to the waitlist."""

from __future__ import annotations

import json
import logging
from datetime import datetime

from flask_babel import lazy_gettext as _l

from school101.core import audit
from school101.core.errors import Conflict, NotFound
from school101.extensions import db
from school101.models import Decision, Piscine, RoundPiscine, SelectionRound, User
from school101.models._base import utcnow
from school101.services.selection import ranking
from school101.services.selection.decisions import REASON_MAX, admitted_user_ids, decide
from school101.services.selection.notices import notify

log = logging.getLogger(__name__)


# What staff see of an answer; keys are also the ranking page's filter values.
OFFER_STATES = {
    "not_notified": _l("not notified yet"),
    "pending": _l("awaiting the answer"),
    "confirmed": _l("confirmed"),
    "declined": _l("declined"),
    "expired": _l("expired"),
}


def offer_state(row: Decision | None) -> str:
    """'' (no decision), 'not_notified' (the person was not told yet), or for a notified
    admission its offer status: pending, confirmed, declined or expired ('' for other decisions)."""
    if row is None:
        return ""
    if row.notified_at is None:
        return "not_notified"
    return row.offer_status if row.decision == "admit" else ""


def respond_to_offer(
    user: User, decision_id: int, *, accept: bool, now: datetime | None = None
) -> Decision:
    """The admitted person confirms or declines their place before the deadline."""
    now = now or utcnow()
    row = db.session.get(Decision, decision_id)
    if (
        row is None
        or row.user_id != user.id
        or not row.current
        or row.decision != "admit"
        or row.notified_at is None
    ):
        raise NotFound(_l("No such offer."))
    if row.offer_status != "pending":
        raise Conflict(_l("You have already answered this offer."), code="already_answered")
    if row.offer_deadline is not None and now > row.offer_deadline:
        raise Conflict(_l("The deadline to confirm has passed."), code="offer_expired")
    status = "confirmed" if accept else "declined"
    done = db.session.execute(
        db.update(Decision)
        .where(Decision.id == row.id, Decision.offer_status == "pending")
        .values(offer_status=status, responded_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not done:
        raise Conflict(_l("You have already answered this offer."), code="already_answered")
    db.session.refresh(row)
    audit.record(
        f"selection.offer_{status}",
        actor=user,
        target_type="users",
        target_id=user.id,
        after={"decision_id": row.id, "piscine_id": row.piscine_id},
    )
    if accept:
        _enrol(user, row)
    else:
        promote_from_waitlist(row, now=now)
    return row


def _enrol(user: User, row: Decision) -> None:
    try:
        from school101.services.directory.students import enrol
    except ImportError:  # the students module ships with the directory feature
        return
    cohort = ""
    if row.round_id:
        cohort = db.session.get(SelectionRound, row.round_id).cohort_name
    enrol(user, cohort_name=cohort or str(row.decided_at.year), actor=user)


def expire_offers(now: datetime | None = None) -> int:
    """Expire notified pending offers past their deadline and offer those places to the waitlist.
    An offer that was never notified has no deadline and never expires."""
    now = now or utcnow()
    expired = 0
    for row in db.session.scalars(
        db.select(Decision).where(
            Decision.current.is_(True),
            Decision.decision == "admit",
            Decision.offer_status == "pending",
            Decision.notified_at.is_not(None),
            Decision.offer_deadline.is_not(None),
            Decision.offer_deadline < now,
        )
    ).all():
        done = db.session.execute(
            db.update(Decision)
            .where(Decision.id == row.id, Decision.offer_status == "pending")
            .values(offer_status="expired")
            .execution_options(synchronize_session=False)
        ).rowcount
        if done:
            expired += 1
            audit.record(
                "selection.offer_expired",
                target_type="users",
                target_id=row.user_id,
                after={"decision_id": row.id},
            )
            promote_from_waitlist(row, now=now)
    return expired


def _round_piscine_ids(freed_by: Decision) -> list[int]:
    """The piscines whose waitlist may take a place freed by `freed_by`: every piscine of its round
    (the round admits one cohort), or only its own piscine when it was decided outside a round."""
    ids = []
    if freed_by.round_id is not None:
        ids = list(
            db.session.scalars(
                db.select(RoundPiscine.piscine_id).where(RoundPiscine.round_id == freed_by.round_id)
            )
        )
    return ids if freed_by.piscine_id in ids else ids + [freed_by.piscine_id]


def _ineligibility(row: Decision, placed: set[int]) -> str | None:
    """Why a waitlisted person cannot be offered a place now (None when they can)."""
    from school101.models import Booking

    user = db.session.get(User, row.user_id)
    if user is None or user.erased_at is not None or not user.active:
        return "account closed or erased"
    if row.user_id in placed:
        return "already holds a place"
    status = db.session.scalar(
        db.select(Booking.status).where(
            Booking.piscine_id == row.piscine_id, Booking.user_id == row.user_id
        )
    )
    if status != "booked":
        return f"no seat in the piscine any more (booking: {status or 'none'})"
    return None


def waitlist_order(piscine_ids: list[int]) -> list[Decision]:
    """Current waitlist decisions of these piscines, best first: the score stored with the decision
    (normalised within its own piscine, so comparable across piscines), then the earliest decided,
    then the lowest user id."""
    waiting = db.session.scalars(
        db.select(Decision).where(
            Decision.piscine_id.in_(piscine_ids),
            Decision.current.is_(True),
            Decision.decision == "waitlist",
        )
    ).all()
    return sorted(
        waiting,
        key=lambda d: (
            -float(json.loads(d.breakdown or "{}").get("score") or 0),
            d.decided_at,
            d.user_id,
        ),
    )


def promote_from_waitlist(freed_by: Decision, *, now: datetime) -> Decision | None:
    """Offer the place freed by `freed_by` (declined or expired) to the best waitlisted person of its
    round who can still take it, and notify them (their deadline starts now). People who have left
    (seat cancelled, account closed, already placed) are skipped and logged, never decided about."""
    placed = admitted_user_ids()
    for candidate in waitlist_order(_round_piscine_ids(freed_by)):
        why = _ineligibility(candidate, placed)
        if why is not None:
            log.info(
                "waitlist promotion for decision #%s skips user #%s (piscine #%s): %s",
                freed_by.id,
                candidate.user_id,
                candidate.piscine_id,
                why,
            )
            continue
        piscine = db.session.get(Piscine, candidate.piscine_id)
        selection_round = (
            db.session.get(SelectionRound, candidate.round_id) if candidate.round_id else None
        )
        reason = (
            f"Place freed (decision #{freed_by.id} {freed_by.offer_status}); promoted from the waitlist "
            f"decided on {candidate.decided_at.date().isoformat()}: {candidate.reason}"
        )[:REASON_MAX]
        row = decide(
            piscine=piscine,
            user_id=candidate.user_id,
            decision="admit",
            reason=reason,
            actor=None,
            now=now,
            selection_round=selection_round,
        )
        notify(row, now=now)
        return row
    log.info("waitlist promotion for decision #%s: nobody eligible is waiting", freed_by.id)
    return None


def notified_decisions(user: User) -> list[Decision]:
    """The person's current decisions they were told about, newest first."""
    return list(
        db.session.scalars(
            db.select(Decision)
            .where(
                Decision.user_id == user.id,
                Decision.current.is_(True),
                Decision.notified_at.is_not(None),
            )
            .order_by(Decision.id.desc())
        )
    )


def candidate_notice(user) -> dict | None:
    """For the menu and the dashboard: the newest decision the person was told about, and whether
    it awaits their answer (with its deadline). None when there is nothing to show."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    rows = notified_decisions(user)
    if not rows:
        return None
    pending = next((r for r in rows if r.decision == "admit" and r.offer_status == "pending"), None)
    return {
        "decision": pending or rows[0],
        "awaiting_answer": pending is not None,
        "deadline": pending.offer_deadline if pending else None,
    }


def candidate_view(user: User) -> list[dict]:
    """What a person may see after a decision they were told about: the criteria, weights and their
    own breakdown (a decision not notified yet stays with staff)."""
    rows = notified_decisions(user)
    views = []
    for row in rows:
        data = json.loads(row.breakdown or "{}")
        views.append(
            {
                "decision": row,
                "piscine": db.session.get(Piscine, row.piscine_id),
                "score": data.get("score"),
                "rank": data.get("rank"),
                "weights": data.get("weights", {}),
                "breakdown": data.get("breakdown", []),
                "criteria": {
                    k: ranking.CRITERIA[k] for k in data.get("weights", {}) if k in ranking.CRITERIA
                },
            }
        )
    return views
