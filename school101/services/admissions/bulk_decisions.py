"""The same staff decision for several applications ticked in the list.

Each application goes through `decisions.decide` (its checks, its conditional UPDATE, its audit
row, its piscine invitation) inside a savepoint: one that cannot take the decision (withdrawn,
already decided so, changed meanwhile, unknown) is refused with its own message and the others
go on. Bad input (no decision, no reason, a piscine that is over, no or too many applications)
changes nothing at all."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l

from school101.core.audit import required_reason
from school101.core.bounds import parse_id
from school101.core.errors import ServiceError, ValidationFailed
from school101.core.permissions import ensure_staff
from school101.extensions import db
from school101.services.admissions.decisions import DECISIONS, decide, open_piscines

BULK_MAX = 200


@dataclass
class BulkOutcome:
    """What a bulk decision did: the applications decided, and a refusal per other one."""

    decided: list[int] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)


def selected_ids(values: Any) -> list[int]:
    """Application ids from a form's or a JSON body's list (duplicates dropped, order kept);
    ValidationFailed (field `application_ids`) when empty, too long or not ids."""
    items = values if isinstance(values, list | tuple) else []
    ids: list[int] = []
    for value in items:
        number = parse_id(value)
        if number is None:
            raise ValidationFailed(
                _l("Some fields are not valid."),
                fields={"application_ids": _l("These are not application numbers.")},
            )
        if number not in ids:
            ids.append(number)
    if not ids:
        raise ValidationFailed(
            _l("Some fields are not valid."),
            fields={"application_ids": _l("Tick at least one application.")},
        )
    if len(ids) > BULK_MAX:
        raise ValidationFailed(
            _l("Some fields are not valid."),
            fields={"application_ids": _l("%(n)d applications at most at once.", n=BULK_MAX)},
        )
    return ids


def _check_input(status: Any, reason: Any, piscine_id: Any) -> None:
    """The checks `decide` makes on the shared input, made once before anything is written."""
    errors: dict[str, Any] = {}
    if status not in DECISIONS:
        errors["status"] = _l("Choose invited or not selected.")
    if piscine_id not in (None, ""):
        if status != "invited":
            errors["piscine_id"] = _l("Only an invitation goes with a piscine session.")
        elif parse_id(piscine_id) not in {p.id for p in open_piscines()}:
            errors["piscine_id"] = _l("Choose a piscine session that is not over.")
    try:
        required_reason(reason)
    except ValidationFailed as exc:
        errors.update(exc.fields)
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)


def decide_many(
    application_ids: Any, status: Any, reason: Any, *, actor, piscine_id: Any = None
) -> BulkOutcome:
    """The same decision and reason for each selected application (each one audited as a
    single decision); the caller commits. Refusals are per application, never for all."""
    ensure_staff(actor)
    ids = selected_ids(application_ids)
    _check_input(status, reason, piscine_id)
    outcome = BulkOutcome()
    for application_id in ids:
        try:
            with db.session.begin_nested():
                decide(application_id, status, reason, actor=actor, piscine_id=piscine_id)
        except ServiceError as exc:
            outcome.refused.append((application_id, str(exc.message)))
        else:
            outcome.decided.append(application_id)
    return outcome
