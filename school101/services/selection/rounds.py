"""Selection rounds: which piscines they rank, the criteria's weights, blind mode."""

from __future__ import annotations

import json

from flask_babel import lazy_gettext as _l

from school101.core import audit
from school101.core.errors import ValidationFailed
from school101.extensions import db
from school101.models import Piscine, RoundPiscine, SelectionRound
from school101.services.selection import ranking


def create_round(
    *,
    name: str,
    piscine_ids: list[int],
    weights: dict,
    blind: bool = True,
    confirm_days: int = 7,
    cohort_name: str = "",
    actor,
) -> SelectionRound:
    """A selection round over piscines with its weights; audited."""
    errors = {}
    name = (name or "").strip()
    if not name or len(name) > 120:
        errors["name"] = _l("Name is required (120 characters at most).")
    try:
        clean = ranking.validate_weights(weights)
    except ValidationFailed as exc:
        errors.update(exc.fields)
        clean = {}
    piscines = list(db.session.scalars(db.select(Piscine).where(Piscine.id.in_(piscine_ids or []))))
    if not piscines or len(piscines) != len(set(piscine_ids)):
        errors["piscine_ids"] = _l("Choose one or more existing piscines.")
    if not isinstance(confirm_days, int) or not 1 <= confirm_days <= 60:
        errors["confirm_days"] = _l("Must be between %(low)d and %(high)d.", low=1, high=60)
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    selection_round = SelectionRound(
        name=name,
        weights=json.dumps(clean),
        blind=bool(blind),
        confirm_days=confirm_days,
        cohort_name=(cohort_name or "").strip()[:60],
        created_by_id=actor.id,
    )
    db.session.add(selection_round)
    db.session.flush()
    for p in piscines:
        db.session.add(RoundPiscine(round_id=selection_round.id, piscine_id=p.id))
    audit.record(
        "selection.round_created",
        actor=actor,
        target=selection_round,
        after={"weights": clean, "piscines": sorted(p.id for p in piscines), "blind": bool(blind)},
    )
    return selection_round


def update_weights(selection_round: SelectionRound, weights: dict, *, actor):
    """Change a round's weights; audited before/after. Blind mode changes only through
    services/selection/blind.set_blind (confirmed, with a reason)."""
    clean = ranking.validate_weights(weights)
    before = {"weights": json.loads(selection_round.weights), "blind": selection_round.blind}
    selection_round.weights = json.dumps(clean)
    audit.record(
        "selection.weights_changed",
        actor=actor,
        target=selection_round,
        before=before,
        after={"weights": clean, "blind": selection_round.blind},
    )
