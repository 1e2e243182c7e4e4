"""Blind mode that holds: while a round is blind, the people it ranks are known by the round's
keyed pseudonym everywhere a ranking staff member can reach (URLs, forms, exports, the API, the
piscine board), and the server turns a pseudonym back into a person only inside the round.

A piscine is blind while any round ranking it is blind; its codes are those of that round (the
newest blind one when several are). Lifting blind mode, and turning it back on, are explicit,
confirmed and audited actions (`set_blind`).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from school101.core import audit
from school101.core.bounds import parse_id
from school101.core.errors import NotFound, ValidationFailed
from school101.core.permissions import ensure_staff
from school101.extensions import db
from school101.models import RoundPiscine, SelectionRound
from school101.services.selection import ranking
from school101.services.selection.hiding import blind_round_for

__all__ = [
    "blind_round_for",
    "keys",
    "resolve",
    "resolve_all",
    "resolve_for_piscine",
    "resolve_in_round",
    "set_blind",
]


def keys(blind_round: SelectionRound | None, user_ids) -> dict[int, str]:
    """What pages, forms and answers call each person: the round's code while blind, else the
    user id (as text)."""
    if blind_round is None:
        return {u: str(u) for u in user_ids}
    codes = ranking.pseudonyms(blind_round.id, user_ids)
    return {u: codes[u] for u in user_ids}


def _unknown(key) -> NotFound:
    """The same answer for a forged code, a stranger and a real user id in blind mode, so none of
    them can be told apart (nothing to probe)."""
    return NotFound(
        _l("No candidate %(key)s in this round.", key=str(key)[:24]), code="unknown_candidate"
    )


def _people_by_code(coded_round: SelectionRound) -> dict[str, int]:
    people = ranking.round_people(coded_round.id)
    return {code: u for u, code in ranking.pseudonyms(coded_round.id, people).items()}


def resolve_all(coded_round: SelectionRound | None, keys, *, ids_too: bool = False) -> list[int]:
    """The users behind `keys` (all or NotFound): with a round, its codes (only its own people's
    codes resolve), and user ids only when `ids_too`; without a round, user ids."""
    by_code = _people_by_code(coded_round) if coded_round is not None else {}
    found = []
    for key in keys:
        text = str(key or "").strip().upper()
        if coded_round is not None and text in by_code:
            found.append(by_code[text])
        elif (coded_round is None or ids_too) and (user_id := parse_id(text)) is not None:
            found.append(user_id)
        else:
            raise _unknown(key)
    return found


def resolve(coded_round: SelectionRound | None, key) -> int:
    """One key (see `resolve_all`): while blind only a code of the round resolves, so a real
    user id is refused exactly like a forged code."""
    return resolve_all(coded_round, [key])[0]


def resolve_in_round(selection_round: SelectionRound, piscine_id: int, keys) -> list[int]:
    """`resolve_all` for a page of `selection_round` about one of its piscines: while the piscine
    is blind, only the codes of the round hiding it; otherwise user ids, and the round's own
    codes (links kept from while it was blind)."""
    hiding = blind_round_for(piscine_id, selection_round)
    if hiding is not None:
        return resolve_all(hiding, keys)
    return resolve_all(selection_round, keys, ids_too=True)


def resolve_for_piscine(piscine_id: int, key) -> int:
    """`resolve` for the piscine's own pages (board, candidate in the piscine): while blind, only
    a code of the round hiding it; otherwise a user id, or a code of any round ranking it."""
    hiding = blind_round_for(piscine_id)
    text = str(key or "").strip().upper()
    if hiding is not None or not text.startswith("C-"):
        return resolve(hiding, key)
    for selection_round in db.session.scalars(
        db.select(SelectionRound)
        .join(RoundPiscine, RoundPiscine.round_id == SelectionRound.id)
        .where(RoundPiscine.piscine_id == piscine_id)
        .order_by(SelectionRound.id.desc())
    ):
        try:
            return resolve(selection_round, text)
        except NotFound:
            continue
    raise _unknown(key)


def set_blind(
    selection_round: SelectionRound, blind: bool, *, confirm: bool, reason, actor
) -> SelectionRound:
    """Lift blind mode (names shown again) or turn it back on: confirmed, with a written reason,
    audited (`selection.blind_lifted` / `selection.blind_restored`)."""
    ensure_staff(actor)
    errors = {}
    if confirm is not True:
        errors["confirm"] = _l("Tick the box to confirm.")
    try:
        reason = audit.required_reason(reason)
    except ValidationFailed as exc:
        errors.update(exc.fields)
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    blind = bool(blind)
    if selection_round.blind == blind:
        return selection_round
    before = selection_round.blind
    selection_round.blind = blind
    audit.record(
        "selection.blind_restored" if blind else "selection.blind_lifted",
        actor=actor,
        target=selection_round,
        reason=reason,
        before={"blind": before},
        after={"blind": blind},
    )
    return selection_round
