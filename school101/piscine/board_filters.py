"""The live board as a work surface: its filter form, sort orders and the order of the seated
candidates (filtered and sorted in memory: a piscine has ~200 seats). The candidate page walks
the same order with `j`/`k`.

While the piscine is blind, people are sorted and searched by their code only: sorting or
searching by name would tell a name from a place in the list."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from school101.piscine.blind_codes import BlindCodes
from school101.services.identity import saved_filters
from school101.services.integrity.pairs import confirmed_counts
from school101.services.piscine import board
from school101.services.selection.ranking import official_day_scores

FIXED_SORTS = ("candidate", "points")

# A staff member may save the board's filters and order (templates/_saved_filters.html).
saved_filters.register_page("board", ("q", "missing", "flagged", "sort", "direction"))


class BoardFilterForm(FlaskForm):
    """Filters of the live board (GET; changes nothing)."""

    class Meta:
        csrf = False

    q = StringField(_l("Search (name, e-mail or code)"), validators=[Optional(), Length(max=80)])
    missing = SelectField(_l("Nothing submitted for"), validators=[Optional()])
    flagged = BooleanField(_l("Only confirmed plagiarism"))


def filter_form(args, days, *, blind: bool) -> BoardFilterForm:
    """The filter form read from the query string, its day choices set (exercise days)."""
    form = BoardFilterForm(args)
    if blind:
        form.q.label.text = _l("Search (code)")
    form.missing.choices = [SelectChoice("", _l("Any day"))] + [
        SelectChoice(d.day_id, d.day_id) for d in days
    ]
    return form


@dataclass(frozen=True)
class BoardQuery:
    """Validated filters and a sort order of the board."""

    q: str = ""
    missing: str = ""
    flagged: bool = False
    sort: str = "candidate"
    direction: str = "asc"

    def filter_args(self) -> dict[str, str]:
        """The active filters as query-string arguments."""
        args = {
            "q": self.q.strip(),
            "missing": self.missing,
            "flagged": "y" if self.flagged else "",
        }
        return {k: v for k, v in args.items() if v}

    def args(self) -> dict[str, str]:
        """Filters and sort order as query-string arguments (the default order left out)."""
        args = self.filter_args()
        if self.sort != "candidate" or self.direction != "asc":
            args.update(sort=self.sort, direction=self.direction)
        return args


def board_query(form: BoardFilterForm, args, days) -> BoardQuery:
    """The board's query from a validated form (an invalid form filters nothing) and the sort
    arguments (an unknown sort is the default: by candidate)."""
    day_ids = [d.day_id for d in days]
    sort = args.get("sort", "candidate")
    sort = sort if sort in FIXED_SORTS or sort in day_ids else "candidate"
    direction = "desc" if args.get("direction") == "desc" else "asc"
    if form.errors:
        return BoardQuery(sort=sort, direction=direction)
    return BoardQuery(
        q=(form.q.data or "").strip(),
        missing=form.missing.data or "",
        flagged=bool(form.flagged.data),
        sort=sort,
        direction=direction,
    )


def ordered_people(piscine, codes: BlindCodes, query: BoardQuery) -> list:
    """The seated candidates that pass the filters, in the query's order (ties by name, or by
    code while blind)."""
    people = board.seated_people(piscine)
    if codes:
        people.sort(key=codes)
    text = query.q.casefold()
    if text:
        people = [
            u
            for u in people
            if any(
                text in value.casefold()
                for value in ([codes(u)] if codes else [u.full_name, u.email or ""])
            )
        ]
    if query.missing:
        submitted = board.submitted_user_ids(piscine, query.missing)
        people = [u for u in people if u.id not in submitted]
    if query.flagged:
        flags = confirmed_counts(piscine.id, [u.id for u in people])
        people = [u for u in people if flags.get(u.id)]
    reverse = query.direction == "desc"
    if query.sort == "candidate":
        return people[::-1] if reverse else people
    scores = official_day_scores(piscine, [u.id for u in people])
    if query.sort == "points":
        totals: dict[int, int] = {}
        for (user_id, _day), score in scores.items():
            totals[user_id] = totals.get(user_id, 0) + score
        return sorted(people, key=lambda u: totals.get(u.id, 0), reverse=reverse)
    # a day's score; no result sorts below a zero
    return sorted(people, key=lambda u: scores.get((u.id, query.sort), -1), reverse=reverse)
