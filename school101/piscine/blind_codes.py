"""How the piscine's staff pages name people while the piscine is blind (a round ranking it is
in blind mode, services/selection/blind.py): by the code of the round hiding it, in text, links
and form values alike."""

from __future__ import annotations

from school101.core.bounds import parse_id
from school101.core.errors import NotFound
from school101.services.selection import blind as blind_mode
from school101.services.selection import ranking


class BlindCodes:
    """How the board pages name people while the piscine is blind (services/selection/blind.py):
    the code of the round hiding it; `None` codes outside blind mode (names are shown)."""

    def __init__(self, piscine):
        self.piscine_id = piscine.id
        self.round = blind_mode.blind_round_for(piscine.id)
        self._codes = ranking.pseudonyms(self.round.id) if self.round else {}

    def __bool__(self) -> bool:
        return self.round is not None

    def __call__(self, user) -> str:
        """A person's code (blind mode only)."""
        user_id = getattr(user, "id", user)
        if user_id not in self._codes:
            self._codes[user_id] = ranking.pseudonym(user_id, self.round.id)
        return self._codes[user_id]

    def sort_key(self):
        """Board order in blind mode: by code (by name would tell the name from the place)."""
        return self if self.round else None

    def person_id(self, key) -> int | None:
        """The user id a form's value names: a code while the piscine is blind (a real id is
        refused like an unknown code), else an id; None when it names nobody."""
        if not self.round:
            return parse_id(key)
        try:
            return blind_mode.resolve_for_piscine(self.piscine_id, key)
        except NotFound:
            return None
