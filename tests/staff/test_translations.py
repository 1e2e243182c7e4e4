"""The French catalog of the staff and admin pages is complete and well-formed."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2] / "school101"
CATALOG = ROOT / "staff" / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def _extracted() -> set:
    found = set()
    method_map = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
    for folder in (ROOT / "staff", ROOT / "admin"):
        for _file, _line, message, _comments, _ctx in extract_from_dir(
            folder, method_map, keywords=KEYWORDS, options_map={"**/templates/**.html": {}}
        ):
            found.add(message if isinstance(message, str) else message[0])
    services = ROOT / "services"
    staff_services = [
        services / "admissions" / f"{name}.py"
        for name in ("review", "application_file", "funnel", "exports", "notes", "decisions")
    ]
    staff_services += [
        services / "messaging" / "staff_outbox.py",
        services / "identity" / "staff_accounts.py",
    ]
    staff_api = [
        ROOT / "api" / f"{name}.py"
        for name in (
            "campaigns",
            "applications",
            "eligibility_exceptions",
            "outbox",
            "audit",
            "users",
            "grading_queue",
        )
    ]
    for path in (*staff_services, *staff_api):
        from babel.messages.extract import extract

        with path.open("rb") as fh:
            for _line, message, _comments, _ctx in extract("python", fh, keywords=KEYWORDS):
                found.add(message if isinstance(message, str) else message[0])
    assert len(found) > 150, "extraction found too few messages: is the Jinja2 extractor missing?"
    return found


def _catalog():
    with CATALOG.open("rb") as fh:
        return read_po(fh, locale="fr")


def test_catalog_header_is_standard():
    catalog = _catalog()
    assert str(catalog.locale) == "fr"
    assert catalog.plural_forms == "nplurals=2; plural=(n > 1);"
    assert catalog.charset == "utf-8"


def test_every_staff_and_admin_string_has_a_french_translation():
    catalog = _catalog()
    translated = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        translated[key] = all(strings) and not message.fuzzy
    missing = sorted(m for m in _extracted() if not translated.get(m))
    assert not missing, f"untranslated in {CATALOG.relative_to(ROOT.parent)}: {missing}"


def test_placeholders_match():
    problems = [(message.id, errors) for message, errors in _catalog().check() if errors]
    assert not problems
