"""Bounds of page input: every `<int:...>` of the app is a database id, 1 to 2**31 - 1, and the
schedule dates typed in forms lie in the plausible years (core/bounds.py).

Werkzeug's own `int` converter takes any run of digits, so an id past the database's INTEGER
reached it and failed there (SQLite: OverflowError past 2**63; PostgreSQL: "integer out of
range" past 2**31). Registered
as `int` on the app's url_map before any route is added, this one makes such a URL match no
route at all: a 404 like any unknown id. flask-smorest documents its bounds (minimum,
maximum) in the OpenAPI document, as it does for werkzeug's converter it derives from.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter
from wtforms.validators import ValidationError

from school101.core.bounds import ID_MAX, ID_MIN, schedule_date_error


def digits_up_to(limit: int) -> str:
    """A regular expression of the runs of digits whose value is at most `limit`.

    The range is checked by the pattern, not only in to_python: werkzeug answers 405 instead
    of 404 when a value its converter refuses sits on a path another method serves."""
    top = str(limit)
    shorter = rf"\d{{1,{len(top) - 1}}}" if len(top) > 1 else None
    same_length = [top]
    for i, digit in enumerate(top):
        if digit != "0":
            rest = len(top) - i - 1
            same_length.append(
                f"{top[:i]}[0-{int(digit) - 1}]" + (rf"\d{{{rest}}}" if rest else "")
            )
    return "(?:" + "|".join(([shorter] if shorter else []) + same_length) + ")"


class IdConverter(IntegerConverter):
    """`<int:name>` of 1 to 2**31 - 1 (other bounds may still be given: `<int(max=9):n>`)."""

    regex = digits_up_to(ID_MAX)

    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False):
        super().__init__(
            map,
            fixed_digits=fixed_digits,
            min=ID_MIN if min is None else min,
            max=ID_MAX if max is None else max,
            signed=signed,
        )


def register_converters(app: Flask) -> None:
    """Install the bounded `int` converter; call before any route is registered."""
    app.url_map.converters["int"] = IdConverter


class ScheduleDate:
    """WTForms validator of a schedule date or datetime-local field: years 2000 to 2100.

    Out of range, the field gets the message and its value is dropped (the typed text stays in
    the input), so that a view converting the form's dates to UTC never sees year 1 or 9999.
    """

    def __call__(self, form, field) -> None:
        message = schedule_date_error(field.data)
        if message is not None:
            field.data = None
            raise ValidationError(str(message))
