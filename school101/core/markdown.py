"""Markdown of the exercise subjects to safe HTML: one renderer and one allow-list."""

from __future__ import annotations

import re

import markdown
import nh3

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "h3",
        "h4",
        "h5",
        "h6",
        "strong",
        "em",
        "b",
        "i",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "a",
        "span",
        "del",
        "sup",
        "sub",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"align", "scope"},
    "td": {"align"},
    "code": {"class"},
}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})


def demote_headings(html: str, by: int) -> str:
    """Subjects start at <h1>; on a page they sit under the page's own headings."""
    return re.sub(
        r"<(/?)h([1-6])\b", lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + by)}", html
    )


def render_markdown(text: str, *, demote_by: int = 3) -> str:
    """Markdown to HTML, sanitised: only safe tags and attributes, http(s)/mailto links;
    headings moved down `demote_by` levels."""
    html = markdown.markdown(
        text, extensions=["fenced_code", "tables", "sane_lists"], output_format="html"
    )
    html = demote_headings(html, demote_by)
    # nh3 (ammonia): tags outside the list are dropped with their text kept, except <script>
    # and <style>, dropped with their content; no rel= added, so links stay as written.
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=None,
    )
