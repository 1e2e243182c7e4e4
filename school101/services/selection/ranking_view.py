"""The ranking as a work surface: the filters and sort orders of the ranking page, over a computed
ranking held in memory (a piscine's ~200 seats). The candidate page uses the same order for its
previous/next links, so `j`/`k` walk the list the person came from."""

from __future__ import annotations

from dataclasses import dataclass

from school101.extensions import db
from school101.models import Decision, Piscine
from school101.services.identity import saved_filters
from school101.services.selection import offers, ranking

DECISION_FILTERS = ("admit", "waitlist", "reject", "none")
FIXED_SORTS = ("rank", "candidate", "score", "decision")
_DECISION_ORDER = {"admit": 0, "waitlist": 1, "reject": 2}

# A staff member may save the ranking's filters and order (templates/_saved_filters.html).
saved_filters.register_page(
    "ranking", ("piscine", "offer", "decision", "flagged", "q", "sort", "direction")
)


@dataclass(frozen=True)
class RankingQuery:
    """What the ranking page shows: filters (already validated) and a sort order."""

    offer: str = ""
    decision: str = ""
    flagged: bool = False
    q: str = ""
    sort: str = "rank"
    direction: str = "asc"

    def filter_args(self) -> dict[str, str]:
        """The active filters as query-string arguments."""
        args = {"offer": self.offer, "decision": self.decision, "q": self.q.strip()}
        if self.flagged:
            args["flagged"] = "y"
        return {k: v for k, v in args.items() if v}

    def args(self) -> dict[str, str]:
        """Filters and sort order as query-string arguments (the default order is left out)."""
        args = self.filter_args()
        if self.sort != "rank" or self.direction != "asc":
            args.update(sort=self.sort, direction=self.direction)
        return args


def sort_keys() -> tuple[str, ...]:
    """The sort orders the page offers: rank, candidate, score, decision and each criterion."""
    return FIXED_SORTS + tuple(ranking.CRITERIA)


def parse_sort(sort: str | None, direction: str | None) -> tuple[str, str]:
    """A known sort key and direction; anything else is the default (rank, best first)."""
    sort = sort if sort in sort_keys() else "rank"
    return sort, "desc" if direction == "desc" else "asc"


def current_decisions(piscine: Piscine) -> dict[int, Decision]:
    """Every current decision of the piscine, by user id."""
    return {
        d.user_id: d
        for d in db.session.scalars(
            db.select(Decision).where(Decision.piscine_id == piscine.id, Decision.current.is_(True))
        )
    }


def _matches(item, query: RankingQuery, decided, shown_as: str, names) -> bool:
    if query.offer and offers.offer_state(decided) != query.offer:
        return False
    if query.decision == "none" and decided is not None:
        return False
    if query.decision not in ("", "none") and (
        decided is None or decided.decision != query.decision
    ):
        return False
    if query.flagged and not item["integrity_confirmed"]:
        return False
    text = query.q.strip().casefold()
    if text:
        person = names.get(item["user_id"])
        haystack = [shown_as] if person is None else [person.full_name, person.email or ""]
        if not any(text in value.casefold() for value in haystack):
            return False
    return True


def _sort_value(item, sort: str, decided, shown_as: str, names):
    if sort == "rank":
        return (item["rank"],)
    if sort == "score":
        return (item["score"],)
    if sort == "candidate":
        person = names.get(item["user_id"])
        if person is None:
            return (shown_as,)
        return (person.last_name.casefold(), person.first_name.casefold())
    if sort == "decision":
        return (_DECISION_ORDER.get(decided.decision, 3) if decided else 3,)
    entry = next((b for b in item["breakdown"] if b["criterion"] == sort), None)
    return (entry["contribution"] if entry else 0.0,)


def ordered_items(
    computed: ranking.Ranking,
    decisions: dict[int, Decision],
    query: RankingQuery,
    *,
    keys: dict[int, str],
    names: dict,
) -> list[dict]:
    """The ranking's entries that pass the filters, in the query's order (ties in rank order).
    `keys` names each person as pages do (the code while blind); `names` maps user ids to users
    and is empty while blind, so the search then matches codes only and never a name."""
    items = [
        item
        for item in computed.items()
        if _matches(item, query, decisions.get(item["user_id"]), keys[item["user_id"]], names)
    ]
    # Python's sort is stable: ties keep the ranking order whatever the direction.
    items.sort(
        key=lambda i: _sort_value(
            i, query.sort, decisions.get(i["user_id"]), keys[i["user_id"]], names
        ),
        reverse=query.direction == "desc",
    )
    return items


def neighbours(user_ids: list[int], user_id: int) -> tuple[int | None, int | None]:
    """The previous and next person around `user_id` in a list (None at either end, or when the
    person is not in the list, for example filtered out since)."""
    try:
        at = user_ids.index(user_id)
    except ValueError:
        return None, None
    before = user_ids[at - 1] if at > 0 else None
    after = user_ids[at + 1] if at + 1 < len(user_ids) else None
    return before, after
