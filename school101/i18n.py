"""Translation catalogs: one per area (school101/translations, school101/<area>/translations).

French is the default language; message ids are English, so English needs no catalog.
Each area keeps its own `translations/fr/LC_MESSAGES/messages.po`, compiled to .mo on demand.
"""

from __future__ import annotations

import os
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

PACKAGE_DIR = Path(__file__).resolve().parent


def catalog_dirs() -> list[Path]:
    """Every `translations` directory of the package, core first."""
    dirs = sorted(p for p in PACKAGE_DIR.glob("**/translations") if p.is_dir())
    core = PACKAGE_DIR / "translations"
    return [core] + [d for d in dirs if d != core] if core in dirs else dirs


def compile_catalogs(force: bool = False) -> list[Path]:
    """Compile every .po newer than its .mo; return the .mo files written."""
    written = []
    for directory in catalog_dirs():
        for po_path in directory.glob("*/LC_MESSAGES/*.po"):
            mo_path = po_path.with_suffix(".mo")
            if (
                not force
                and mo_path.exists()
                and mo_path.stat().st_mtime >= po_path.stat().st_mtime
            ):
                continue
            with po_path.open("rb") as fh:
                catalog = read_po(fh)
            try:  # atomic: other processes may be reading the catalog right now
                tmp = mo_path.with_suffix(f".mo.{os.getpid()}.tmp")
                with tmp.open("wb") as fh:
                    write_mo(fh, catalog)
                os.replace(tmp, mo_path)
            except OSError:
                continue  # read-only install: the packaged .mo will be used
            written.append(mo_path)
    return written


def configure(app) -> None:
    """Point Flask-Babel at every catalog directory and compile what is stale."""
    compile_catalogs()
    dirs = catalog_dirs()
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(str(d) for d in dirs)
    app.config["BABEL_DOMAIN"] = ";".join("messages" for _ in dirs)


KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "lazy_gettext": None,
    "_l": None,
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}
METHOD_MAP = [
    ("**/templates/**.html", "jinja2"),
    ("**/templates/**.txt", "jinja2"),
    ("**.py", "python"),
]


def extract_messages(directory: Path = PACKAGE_DIR) -> set[str]:
    """Every msgid used by the package's Python code and templates."""
    from babel.messages.extract import extract_from_dir

    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(directory), METHOD_MAP, keywords=KEYWORDS, options_map={"**.html": {}, "**.txt": {}}
    ):
        msgid = message[0] if isinstance(message, (tuple, list)) else message
        if msgid:
            found.add(msgid)
    return found


def french_translations() -> dict[str, str]:
    """msgid -> French text, merged over every catalog."""
    merged: dict[str, str] = {}
    for directory in catalog_dirs():
        po_path = directory / "fr" / "LC_MESSAGES" / "messages.po"
        if po_path.exists():
            with po_path.open("rb") as fh:
                for message in read_po(fh):
                    text = (
                        message.string[0]
                        if isinstance(message.string, (tuple, list))
                        else message.string
                    )
                    if message.id and text:
                        key = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
                        merged[key] = text
    return merged


def missing_french() -> list[str]:
    """msgids used somewhere that no French catalog translates."""
    translated = french_translations()
    return sorted(m for m in extract_messages() if m not in translated)
