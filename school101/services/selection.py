"""Selection decisions: human, reasoned, audited, revisable; offers confirmed before a deadline."""
from __future__ import annotations

from ..extensions import db
from ..models import Decision


def current_decision(piscine_id: int, user_id: int) -> Decision | None:
    """The current (newest) decision about a candidate of a piscine."""
    return db.session.scalars(db.select(Decision).where(
        Decision.piscine_id == piscine_id, Decision.user_id == user_id, Decision.current.is_(True))).first()


def admitted_user_ids() -> set[int]:
    """People whose current decision is admit (offer pending or confirmed), in any piscine."""
    return set(db.session.scalars(db.select(Decision.user_id).where(
        Decision.current.is_(True), Decision.decision == "admit",
        Decision.offer_status.in_(["", "pending", "confirmed"]))))
