"""Highlighted source files: escaped, C recognised, unknown kinds as plain text, and the
shipped stylesheet matching the code that produces the classes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from school101.web.code_view import highlighted, stylesheet

pytestmark = pytest.mark.nodb

STATIC_CSS = Path(__file__).resolve().parents[2] / "school101" / "static" / "css" / "highlight.css"


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_c_is_highlighted_and_markup_in_the_file_is_escaped():
    source = "/* </pre><script>alert(1)</script> */\nint main(void) { return 0; }\n"
    html = str(highlighted(source, "ex00/main.c"))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<span class="kt">int</span>' in html  # a C type
    assert "int main(void) { return 0; }" in _text(html)  # the text itself is unchanged


def test_a_file_of_unknown_kind_is_plain_text():
    html = str(highlighted("a < b\n", "notes.weird"))
    assert html.startswith('<div class="highlight"><pre>') and "a &lt; b" in html
    assert "<span class=" not in html.split("<pre>")[1].replace("<span></span>", "")


def test_the_shipped_stylesheet_is_the_generated_one():
    assert STATIC_CSS.read_text(encoding="utf-8") == stylesheet(), (
        "regenerate it: python -m school101.web.code_view"
    )
