"""One page of rows for lists and the pager() template macro, and text search helpers."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func

from school101.core.errors import ValidationFailed
from school101.extensions import db

PER_PAGE_DEFAULT = 50
PER_PAGE_MAX = 200
PAGE_MAX = 100000
SEARCH_MAX = 100


@dataclass
class Page:
    """One page of results; attribute names match the pager() template macro."""

    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page)) if self.per_page else 1

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def page_number(value: Any) -> int:
    """A page number from a query string; anything odd is page 1 (pages, never an error)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return max(1, min(number, PAGE_MAX))


def parse_page(page: Any = 1, per_page: Any = PER_PAGE_DEFAULT) -> tuple[int, int]:
    """Page number (>= 1) and page size (1..PER_PAGE_MAX, larger asks are capped); a value
    that is not a whole number is a ValidationFailed (the API's strict reading)."""
    errors = {}
    try:
        page = int(page if page not in (None, "") else 1)
        if page < 1:
            raise ValueError
    except (TypeError, ValueError):
        errors["page"] = _l("The page must be a whole number from 1.")
    else:
        if page > PAGE_MAX:  # far past any list; 2**63 would overflow the database's OFFSET
            errors["page"] = _l("The page must be a whole number from 1 to %(n)d.", n=PAGE_MAX)
    try:
        per_page = int(per_page if per_page not in (None, "") else PER_PAGE_DEFAULT)
        if per_page < 1:
            raise ValueError
    except (TypeError, ValueError):
        errors["per_page"] = _l("The page size must be a whole number from 1.")
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    return page, min(per_page, PER_PAGE_MAX)


def count_rows(query) -> int:
    """How many rows a select() returns (without fetching them)."""
    return (
        db.session.scalar(db.select(func.count()).select_from(query.order_by(None).subquery())) or 0
    )


def paginate(
    query, page: int, per_page: int = PER_PAGE_DEFAULT, *, scalars: bool = True, clamp: bool = False
) -> Page:
    """Run a select() for one page, with the total count. `clamp` moves a page past the end
    back to the last page (pages); otherwise it is simply empty (the API)."""
    total = count_rows(query)
    if clamp:
        page = min(page, max(1, math.ceil(total / per_page)))
    limited = query.limit(per_page).offset((page - 1) * per_page)
    items = (
        list(db.session.scalars(limited)) if scalars else list(db.session.execute(limited).all())
    )
    return Page(items=items, page=page, per_page=per_page, total=total)


def like_escape(text: str) -> str:
    """`text` with LIKE's wildcards escaped (use with escape="\\")."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains_text(column, text: str):
    """Case-insensitive "column contains text", wildcards in `text` taken literally."""
    return func.lower(column).like(f"%{like_escape(text.lower())}%", escape="\\")


def paginate_list(items: list, page: int, per_page: int = PER_PAGE_DEFAULT) -> Page:
    """One page of a list already filtered and sorted in memory (clamped to the last page)."""
    pages = max(1, math.ceil(len(items) / per_page))
    page = min(max(1, page), pages)
    return Page(
        items=items[(page - 1) * per_page : page * per_page],
        page=page,
        per_page=per_page,
        total=len(items),
    )
