"""The bounds of the numbers and dates the app accepts, declared once.

Ids and the other integer columns are the database's INTEGER: 32-bit on PostgreSQL (int4; SQLite
stores 64 bits), so the range is 1 to 2**31 - 1 for ids. A value past it used to reach the
database and fail there (a 500: SQLite's OverflowError past 2**63, PostgreSQL's "integer out
of range" past 2**31). Dates at the ends of the calendar (year 1, 9999)
passed the type checks and overflowed later, in the conversion to UTC or in date arithmetic.
The URL converter (web/converters.py), the API's fields (api/schemas.bounded_int) and the
services' validators all read these bounds.
"""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l

INT_MIN = -(2**31)  # the database's INTEGER (PostgreSQL int4), the narrowest of the two
INT_MAX = 2**31 - 1
ID_MIN = 1
ID_MAX = INT_MAX

SCHEDULE_YEAR_MIN = 2000  # campaigns, piscines, booking deadlines, exams
SCHEDULE_YEAR_MAX = 2100
BIRTH_YEAR_MIN = 1900  # birth dates: from 1900 to today (services/identity/validation.py)


def parse_id(value) -> int | None:
    """An id (a whole number from 1 to 2**31 - 1) from a query string, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        text = str(value or "").strip()
        if not text.isdigit() or len(text) > 10:  # isdigit: no sign, no spaces, no "1_000"
            return None
        number = int(text)
    return number if ID_MIN <= number <= ID_MAX else None


def schedule_date_ok(value: date | datetime) -> bool:
    """Whether a date (or datetime) of a schedule lies in the plausible years (2000 to 2100)."""
    return SCHEDULE_YEAR_MIN <= value.year <= SCHEDULE_YEAR_MAX


def schedule_date_error(value):
    """A message when a schedule date is outside the plausible years, else None (None and other
    types are left to the caller's own "required" check)."""
    if isinstance(value, date) and not schedule_date_ok(value):
        return _l(
            "Choose a date between the years %(low)d and %(high)d.",
            low=SCHEDULE_YEAR_MIN,
            high=SCHEDULE_YEAR_MAX,
        )
    return None
