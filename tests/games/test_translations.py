"""Every user-visible string of the games has a French translation; English is the msgid."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2] / "school101"
CATALOG = ROOT / "games" / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None}


def games_msgids() -> set[str]:
    method_map = [
        ("games/templates/**.html", "jinja2"),
        ("games/**.py", "python"),
        ("services/games/**.py", "python"),
        ("services/*_game.py", "python"),
        ("api/games.py", "python"),
    ]
    found = set()
    for _filename, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=method_map, keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_games_string_is_translated_to_french():
    with CATALOG.open("rb") as fh:
        catalog = read_po(fh, locale="fr")
    translated = {m.id: m.string for m in catalog if m.id and not m.fuzzy}
    wanted = games_msgids()
    assert len(wanted) > 100
    missing = sorted(m for m in wanted if not translated.get(m))
    assert not missing, missing


def test_placeholders_are_kept():
    import re

    with CATALOG.open("rb") as fh:
        catalog = read_po(fh, locale="fr")
    for message in catalog:
        if message.id:
            assert set(re.findall(r"%\(\w+\)s", message.id)) == set(
                re.findall(r"%\(\w+\)s", message.string)
            ), message.id
