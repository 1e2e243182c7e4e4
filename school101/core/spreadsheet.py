"""CSV for spreadsheets: the one formula guard every export uses.

Exports are UTF-8 with a byte-order mark and ";" as separator, which French Excel opens
directly. Cells that start with = + - @ (or a tab / carriage return) get a leading apostrophe
so a spreadsheet never evaluates them as formulas (CSV injection).
"""

from __future__ import annotations

CSV_SEPARATOR = ";"
CSV_DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    """A cell as text, neutralised against formula injection."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(CSV_DANGEROUS_PREFIXES):
        return "'" + text
    return text
