"""Draw the "101" mark and write the app icons into school101/static/icons/ (committed).

    .venv/bin/python scripts/make_icons.py [--check]

The mark is a few rectangles and an elliptic ring on a rounded blue square, so one description
gives both the SVG (icon.svg) and the PNGs, rasterised here in pure Python (4 x 4 samples per
pixel): icon-32.png, apple-touch-icon.png (180, square: iOS rounds it), icon-192.png,
icon-512.png, and favicon.ico (16, 32 and 48 pixel PNGs in one ICO). No Pillow needed, and the
output is the same byte for byte on every run (`--check` says whether the files are up to date).
"""

from __future__ import annotations

import argparse
import struct
import sys
import zlib
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "school101" / "static" / "icons"
VIEW = 64  # the drawing's units: a 64 x 64 square
RADIUS = 14  # corner radius of the rounded square
BLUE = (0x1D, 0x4E, 0xD8)  # the focus ring's blue of app.css; white on it: contrast 6.7:1
WHITE = (0xFF, 0xFF, 0xFF)
#: the glyphs: (x0, y0, x1, y1) rectangles for the two "1", an elliptic ring for the "0"
RECTS = [
    (10, 18, 17, 46),  # left 1: stem
    (6, 18, 17, 23.5),  # flag
    (6, 40.5, 21, 46),  # base
    (47, 18, 54, 46),  # right 1: stem
    (43, 18, 54, 23.5),
    (43, 40.5, 58, 46),
]
RING = (32, 32, 8, 14, 3.4, 8.6)  # centre x, y; outer rx, ry; inner rx, ry
SAMPLES = 4
PNG_SIZES = {
    "icon-32.png": 32,
    "apple-touch-icon.png": 180,
    "icon-192.png": 192,
    "icon-512.png": 512,
}
ICO_SIZES = (16, 32, 48)


def in_background(x: float, y: float, rounded: bool) -> bool:
    if not (0 <= x <= VIEW and 0 <= y <= VIEW):
        return False
    if not rounded:
        return True
    cx = min(max(x, RADIUS), VIEW - RADIUS)
    cy = min(max(y, RADIUS), VIEW - RADIUS)
    return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS**2


def in_glyph(x: float, y: float) -> bool:
    if any(x0 <= x <= x1 and y0 <= y <= y1 for x0, y0, x1, y1 in RECTS):
        return True
    cx, cy, orx, ory, irx, iry = RING
    outer = ((x - cx) / orx) ** 2 + ((y - cy) / ory) ** 2 <= 1
    inner = ((x - cx) / irx) ** 2 + ((y - cy) / iry) ** 2 < 1
    return outer and not inner


def render(size: int, rounded: bool = True) -> bytes:
    """RGBA pixels of the mark at `size` x `size`, anti-aliased."""
    scale = VIEW / size
    offsets = [(i + 0.5) / SAMPLES for i in range(SAMPLES)]
    total = SAMPLES * SAMPLES
    rows = bytearray()
    for py in range(size):
        rows.append(0)  # PNG filter type: none
        for px in range(size):
            red = green = blue = covered = 0
            for oy in offsets:
                y = (py + oy) * scale
                for ox in offsets:
                    x = (px + ox) * scale
                    if not in_background(x, y, rounded):
                        continue
                    r, g, b = WHITE if in_glyph(x, y) else BLUE
                    red, green, blue, covered = red + r, green + g, blue + b, covered + 1
            if covered:
                rows += bytes((red // covered, green // covered, blue // covered))
                rows.append(round(255 * covered / total))
            else:
                rows += b"\0\0\0\0"
    return bytes(rows)


def png(size: int, rounded: bool = True) -> bytes:
    """A PNG file (8-bit RGBA) of the mark."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(render(size, rounded), 9))
        + chunk(b"IEND", b"")
    )


def ico(images: list[tuple[int, bytes]]) -> bytes:
    """An ICO file holding PNG images (read by every browser since Internet Explorer 9)."""
    directory = struct.pack("<HHH", 0, 1, len(images))
    offset = len(directory) + 16 * len(images)
    entries, blobs = b"", b""
    for size, data in images:
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return directory + entries + blobs


def svg() -> str:
    """The same drawing as SVG (crisp at any size; modern browsers use it for the tab)."""
    rects = "".join(f"M{x0} {y0}H{x1}V{y1}H{x0}Z" for x0, y0, x1, y1 in RECTS)
    cx, cy, orx, ory, irx, iry = RING
    ring = (
        f"M{cx - orx} {cy}a{orx} {ory} 0 1 0 {2 * orx} 0a{orx} {ory} 0 1 0 {-2 * orx} 0Z"
        f"M{cx - irx} {cy}a{irx} {iry} 0 1 0 {2 * irx} 0a{irx} {iry} 0 1 0 {-2 * irx} 0Z"
    )
    colour = "#{:02x}{:02x}{:02x}".format(*BLUE)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {VIEW} {VIEW}" '
        f'role="img" aria-label="101">\n'
        f'  <rect width="{VIEW}" height="{VIEW}" rx="{RADIUS}" fill="{colour}"/>\n'
        f'  <path fill="#fff" fill-rule="evenodd" d="{rects}{ring}"/>\n'
        "</svg>\n"
    )


def outputs() -> dict[str, bytes]:
    files = {"icon.svg": svg().encode()}
    for name, size in PNG_SIZES.items():
        files[name] = png(size, rounded=name != "apple-touch-icon.png")
    files["favicon.ico"] = ico([(size, png(size)) for size in ICO_SIZES])
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a file is out of date")
    args = parser.parse_args()
    stale = []
    for name, data in outputs().items():
        path = ICONS / name
        if path.exists() and path.read_bytes() == data:
            continue
        stale.append(name)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(f"wrote {path.relative_to(ICONS.parents[2])} ({len(data)} bytes)")
    if args.check and stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
