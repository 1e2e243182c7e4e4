"""Server-side SVG charts (no JavaScript). Each chart carries a <title> and a <desc> for screen
readers (role="img", aria-labelledby) and the page always gives the same data as a table.

Colours are presentation attributes (the Content-Security-Policy forbids inline styles)."""

from __future__ import annotations

import itertools

from markupsafe import Markup, escape

BAR = "#1f6feb"
TRACK = "#e6eaf0"
INK = "#1b2330"
_ids = itertools.count(1)


def _head(width: int, height: int, title: str, desc: str, kind: str) -> tuple[str, str]:
    n = next(_ids)
    tid, did = f"chart-{kind}-{n}-title", f"chart-{kind}-{n}-desc"
    head = (
        f'<svg class="chart chart-{kind}" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{tid} {did}">'
        f'<title id="{tid}">{escape(title)}</title><desc id="{did}">{escape(desc)}</desc>'
    )
    return head, "</svg>"


def bar_chart(
    items: list[tuple[str, float, str]], *, title: str, desc: str, maximum: float | None = None
) -> Markup:
    """Horizontal bars: items are (label, value, text shown after the bar)."""
    row, label_w, bar_w, pad = 28, 190, 380, 8
    width = label_w + bar_w + 110
    height = max(row * len(items) + pad * 2, row + pad * 2)
    top = max((v for _, v, _ in items), default=0)
    maximum = maximum or top or 1
    values = "; ".join(f"{label}: {text}" for label, _, text in items)
    head, tail = _head(width, height, title, f"{desc} {values}." if values else desc, "bars")
    parts = [head]
    for i, (label, value, text) in enumerate(items):
        y = pad + i * row
        length = 0 if not value else max(2, round(bar_w * min(value, maximum) / maximum))
        parts.append(
            f'<g><text x="{label_w - 8}" y="{y + 18}" text-anchor="end" font-size="13" fill="{INK}">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{bar_w}" height="{row - 10}" fill="{TRACK}" rx="3"/>'
            f'<rect x="{label_w}" y="{y + 4}" width="{length}" height="{row - 10}" fill="{BAR}" rx="3"/>'
            f'<text x="{label_w + bar_w + 8}" y="{y + 18}" font-size="13" fill="{INK}">{escape(text)}</text></g>'
        )
    parts.append(tail)
    return Markup("".join(parts))


def column_chart(items: list[tuple[str, float]], *, title: str, desc: str) -> Markup:
    """Vertical columns (e.g. registrations by week); labels under every few columns."""
    height, base, left = 220, 180, 40
    step = max(8, min(40, 640 // max(len(items), 1)))
    width = left + step * len(items) + 20
    top = max((v for _, v in items), default=0) or 1
    values = "; ".join(f"{label}: {int(value)}" for label, value in items)
    head, tail = _head(width, height, title, f"{desc} {values}." if values else desc, "columns")
    parts = [
        head,
        f'<line x1="{left}" y1="{base}" x2="{width - 10}" y2="{base}" stroke="{INK}" stroke-width="1"/>',
        f'<text x="{left - 6}" y="{base - 150 + 4}" text-anchor="end" font-size="11" fill="{INK}">{int(top)}</text>',
        f'<text x="{left - 6}" y="{base + 4}" text-anchor="end" font-size="11" fill="{INK}">0</text>',
    ]
    every = max(1, len(items) // 8)
    for i, (label, value) in enumerate(items):
        h = round(150 * value / top)
        x = left + i * step + 2
        parts.append(f'<rect x="{x}" y="{base - h}" width="{step - 4}" height="{h}" fill="{BAR}"/>')
        if i % every == 0:
            parts.append(
                f'<text x="{x}" y="{base + 16}" font-size="11" fill="{INK}">{escape(label)}</text>'
            )
    parts.append(tail)
    return Markup("".join(parts))
