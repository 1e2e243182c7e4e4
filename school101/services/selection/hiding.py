"""Which round's codes hide a piscine's people (a leaf of the selection context, so that the
ranking's export and services/selection/blind.py both read it without importing each other)."""

from __future__ import annotations

from school101.extensions import db
from school101.models import RoundPiscine, SelectionRound


def blind_round_for(piscine_id: int, preferred: SelectionRound | None = None):
    """The round whose codes hide the piscine's people: `preferred` when it is blind, else the
    newest blind round ranking the piscine; None when no round ranking it is blind."""
    if preferred is not None and preferred.blind:
        return preferred
    return db.session.scalars(
        db.select(SelectionRound)
        .join(RoundPiscine, RoundPiscine.round_id == SelectionRound.id)
        .where(RoundPiscine.piscine_id == piscine_id, SelectionRound.blind.is_(True))
        .order_by(SelectionRound.id.desc())
    ).first()
