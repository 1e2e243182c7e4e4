"""Saved filters: a staff member's named filters of a back office list, per page.

A list page declares once which query-string keys make its filters, under a page key:

    saved_filters.register_page("ranking", ("piscine", "offer"))

(the applications list does it in services/admissions/review.py). Only those keys are kept
when a filter is saved, so a saved filter can never carry anything else (a page number, a CSRF
token, a stray parameter). The template macro `saved_filters(page_key, endpoint, args)` in
templates/_saved_filters.html and the API (`/api/v1/saved-filters`) are the doors; both call
the functions below, which check the staff role and only ever touch the caller's own rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode

from flask_babel import lazy_gettext as _l
from sqlalchemy import func

from school101.core.clock import iso
from school101.core.errors import Conflict, NotFound, ValidationFailed
from school101.core.permissions import ensure_staff
from school101.extensions import db
from school101.models import SavedFilter, User

NAME_MAX = 60
PER_PAGE_MAX = 20
QUERY_MAX = 2000
VALUE_MAX = 200

_PAGES: dict[str, frozenset[str]] = {}


def register_page(page_key: str, keys: Iterable[str]) -> None:
    """Declare a list page whose filters can be saved, and the query keys its filters use."""
    _PAGES[page_key] = frozenset(keys)


def page_keys() -> tuple[str, ...]:
    """The pages whose filters can be saved, sorted."""
    return tuple(sorted(_PAGES))


def clean_query(page_key: str, query: Any) -> str:
    """The filters of `query` (a query string or a mapping) kept for `page_key`: its declared
    keys only, non-empty values only, in a stable order."""
    allowed = _PAGES.get(page_key, frozenset())
    if isinstance(query, Mapping):
        pairs = [(str(k), "" if v is None else str(v)) for k, v in query.items()]
    elif isinstance(query, str):
        pairs = parse_qsl(query.lstrip("?"), keep_blank_values=False)
    else:
        pairs = []
    kept = sorted(
        {(k, v.strip()) for k, v in pairs if k in allowed and v.strip() and len(v) <= VALUE_MAX}
    )
    return urlencode(kept)


def saved_filter_json(row: SavedFilter) -> dict:
    """One saved filter as the API shows it."""
    return {
        "id": row.id,
        "page_key": row.page_key,
        "name": row.name,
        "query": row.query,
        "created_at": iso(row.created_at),
    }


def saved_filters(actor, page_key: str) -> list[SavedFilter]:
    """The actor's saved filters of one page, by name."""
    ensure_staff(actor)
    return list(
        db.session.scalars(
            db.select(SavedFilter)
            .where(SavedFilter.user_id == actor.id, SavedFilter.page_key == page_key)
            .order_by(func.lower(SavedFilter.name), SavedFilter.id)
        )
    )


def all_saved_filters(actor) -> list[SavedFilter]:
    """Every saved filter of the actor, by page then name."""
    ensure_staff(actor)
    return list(
        db.session.scalars(
            db.select(SavedFilter)
            .where(SavedFilter.user_id == actor.id)
            .order_by(SavedFilter.page_key, func.lower(SavedFilter.name), SavedFilter.id)
        )
    )


def save_filter(actor, page_key: Any, name: Any, query: Any) -> SavedFilter:
    """Save the filters `query` of a page under a name (required, NAME_MAX characters, unique
    for the person and the page), at most PER_PAGE_MAX per page. ValidationFailed (fields
    `page_key`, `name`, `query`) or Conflict (`name` taken, `limit` reached); the caller
    commits."""
    ensure_staff(actor)
    errors: dict[str, Any] = {}
    if not isinstance(page_key, str) or page_key not in _PAGES:
        errors["page_key"] = _l("These filters cannot be saved.")
    text = name.strip() if isinstance(name, str) else ""
    if not text:
        errors["name"] = _l("Give the filter a name.")
    elif len(text) > NAME_MAX:
        errors["name"] = _l("%(n)d characters at most.", n=NAME_MAX)
    kept = clean_query(page_key, query) if "page_key" not in errors else ""
    if "page_key" not in errors and not kept:
        errors["query"] = _l("There is no filter to save: choose some filters first.")
    elif len(kept) > QUERY_MAX:
        errors["query"] = _l("These filters are too long to be saved.")
    if errors:
        raise ValidationFailed(_l("The filter is not saved."), fields=errors)
    # one writer per person at a time, so the count below stays true (PostgreSQL row lock;
    # SQLite writes one at a time anyway)
    db.session.execute(db.select(User.id).where(User.id == actor.id).with_for_update())
    mine = saved_filters(actor, page_key)
    if any(row.name.casefold() == text.casefold() for row in mine):
        raise Conflict(
            _l("You already have a filter with this name."),
            code="name_taken",
            fields={"name": _l("You already have a filter with this name.")},
        )
    if len(mine) >= PER_PAGE_MAX:
        raise Conflict(
            _l("%(n)d saved filters per page at most: delete one first.", n=PER_PAGE_MAX),
            code="limit",
        )
    row = SavedFilter(user_id=actor.id, page_key=page_key, name=text, query=kept)
    db.session.add(row)
    db.session.flush()
    return row


def delete_filter(actor, filter_id: Any) -> SavedFilter:
    """Delete one of the actor's saved filters (another person's is NotFound, as a missing
    one); the caller commits."""
    ensure_staff(actor)
    try:
        row = db.session.get(SavedFilter, int(filter_id))
    except (TypeError, ValueError, OverflowError):
        row = None
    if row is None or row.user_id != actor.id:
        raise NotFound(_l("No such saved filter."))
    db.session.delete(row)
    db.session.flush()
    return row
