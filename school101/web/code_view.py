"""Source files shown on a page with syntax highlighting (Pygments, on the server: no script,
and the text stays readable and copyable without CSS). The colours are in
static/css/highlight.css, generated from ReadableStyle (`python -m school101.web.code_view`)."""

from __future__ import annotations

from markupsafe import Markup
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import TextLexer, get_lexer_for_filename
from pygments.styles.vs import VisualStudioStyle
from pygments.util import ClassNotFound

CSS_CLASS = "highlight"


class ReadableStyle(VisualStudioStyle):
    """Visual Studio's light colours, with its type-name blue (#2B91AF, 3.4:1 on white)
    darkened so that every token reaches WCAG AA's 4.5:1 contrast."""

    styles = {
        token: value.replace("#2b91af", "#1d6a80")
        for token, value in VisualStudioStyle.styles.items()
    }


_FORMATTER = HtmlFormatter(style=ReadableStyle, cssclass=CSS_CLASS)


def _lexer(filename: str):
    name = filename.rsplit("/", 1)[-1]
    if name == "Makefile" or name.endswith(".mk"):
        name = "Makefile"
    try:
        return get_lexer_for_filename(name, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return TextLexer(stripnl=False, ensurenl=False)


def highlighted(text: str, filename: str) -> Markup:
    """`text` as highlighted HTML (`<div class="highlight"><pre>...`), escaped by Pygments; a
    file of unknown kind is shown as plain text in the same frame."""
    return Markup(highlight(text, _lexer(filename), _FORMATTER))


def stylesheet() -> str:
    """The CSS of the highlighting (what static/css/highlight.css holds)."""
    return _FORMATTER.get_style_defs(f".{CSS_CLASS}") + "\n"


if __name__ == "__main__":  # regenerate static/css/highlight.css
    from pathlib import Path

    target = Path(__file__).resolve().parent.parent / "static" / "css" / "highlight.css"
    target.write_text(stylesheet(), encoding="utf-8")
    print(f"wrote {target}")
