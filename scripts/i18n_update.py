#!/usr/bin/env python3
"""Add or update French translations in a catalog from a Python dict file.

usage: scripts/i18n_update.py CATALOG.po TRANSLATIONS.py   (the .py defines T = {msgid: text})
       scripts/i18n_update.py --missing                     (list msgids with no French yet)
"""

import runpy
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv):
    if argv[1:] == ["--missing"]:
        from school101.i18n import missing_french

        for msgid in missing_french():
            print(repr(msgid))
        return 0
    po_path, table_path = Path(argv[1]), argv[2]
    table = runpy.run_path(table_path)["T"]
    if po_path.exists():
        with po_path.open("rb") as fh:
            catalog = read_po(fh, locale="fr")
    else:
        po_path.parent.mkdir(parents=True, exist_ok=True)
        catalog = Catalog(locale="fr", project="school101", language_team="fr")
    for msgid, text in table.items():
        catalog.add(msgid, text)
    with po_path.open("wb") as fh:
        write_po(fh, catalog, sort_output=True, width=100, omit_header=False)
    print(f"{po_path}: {len(catalog)} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
