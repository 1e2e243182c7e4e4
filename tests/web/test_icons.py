"""A favicon and app icons: /favicon.ico answers (no more 404 on every page), and every icon a
page links, and every icon of the web app manifest, answers with its type and its size."""

from __future__ import annotations

import importlib.util
import json
import re
import struct
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINK = re.compile(r"<link\b[^>]*>")
ICON_TYPES = ("image/x-icon", "image/vnd.microsoft.icon")


def _attributes(tag: str) -> dict[str, str]:
    return dict(re.findall(r'([a-z-]+)="([^"]*)"', tag))


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def _ico_sizes(data: bytes) -> list[int]:
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        width, _h, _c, _r, _p, _b, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i : 22 + 16 * i]
        )
        assert _png_size(data[offset : offset + length]) == (width, width)
        sizes.append(width)
    return sizes


def test_favicon_ico_is_served_with_caching_headers(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response.mimetype in ICON_TYPES
    assert "public" in response.headers["Cache-Control"]
    assert "max-age=86400" in response.headers["Cache-Control"]
    assert _ico_sizes(response.data) == [16, 32, 48]
    apple = client.get("/apple-touch-icon.png")  # iOS asks there whatever the page says
    assert apple.status_code == 200 and _png_size(apple.data) == (180, 180)


@pytest.mark.parametrize("path", ["/", "/auth/login", "/auth/login?lang=en"])
def test_every_icon_a_page_links_answers_with_its_type_and_size(client, path):
    page = client.get(path).get_data(as_text=True)
    links = [_attributes(tag) for tag in LINK.findall(page)]
    by_rel = {link["rel"]: link for link in links if link.get("rel") != "stylesheet"}
    icons = [link for link in links if link.get("rel") in ("icon", "apple-touch-icon")]
    assert {link["href"] for link in icons} >= {"/favicon.ico", "/static/icons/icon.svg"}
    for link in icons:
        response = client.get(link["href"])
        assert response.status_code == 200, link
        if link["href"].endswith(".ico"):
            assert response.mimetype in ICON_TYPES
            width = int(link["sizes"].split("x")[0])
            assert width in _ico_sizes(response.data)
        elif link["href"].endswith(".svg"):
            assert response.mimetype == "image/svg+xml" == link["type"]
            assert b'viewBox="0 0 64 64"' in response.data
        else:
            assert response.mimetype == "image/png"
            assert _png_size(response.data) == (180, 180)  # apple-touch-icon
    manifest = client.get(by_rel["manifest"]["href"])
    assert manifest.status_code == 200
    assert manifest.mimetype == "application/manifest+json"
    data = json.loads(manifest.data)
    assert data["short_name"] == "101" and data["start_url"] == "/"
    for icon in data["icons"]:
        response = client.get(icon["src"])
        assert response.status_code == 200 and response.mimetype == icon["type"], icon
        if icon["type"] == "image/png":
            width, height = _png_size(response.data)
            assert icon["sizes"] == f"{width}x{height}"


def test_the_committed_icons_are_what_the_script_draws():
    """scripts/make_icons.py --check compares every file (slow at 512 px); here the SVG and
    the small PNG of the ICO, which share the drawing with the others."""
    spec = importlib.util.spec_from_file_location("make_icons", ROOT / "scripts/make_icons.py")
    make_icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_icons)
    icons = ROOT / "school101/static/icons"
    assert (icons / "icon.svg").read_text() == make_icons.svg()
    ico = (icons / "favicon.ico").read_bytes()
    assert make_icons.png(16) in ico


def test_back_office_pages_link_the_icons_too(app, staff):
    from tests.fixtures.people import client_for

    page = client_for(app, staff).get("/staff/").get_data(as_text=True)
    hrefs = {_attributes(tag).get("href") for tag in LINK.findall(page)}
    assert {"/favicon.ico", "/static/icons/icon.svg", "/manifest.webmanifest"} <= hrefs


@pytest.mark.e2e
def test_a_real_browser_logs_no_failed_icon_or_manifest(make_app, browser):
    """Chromium asks for the favicon and reads the manifest by itself: nothing may fail."""
    from tests.livesite import serving

    app = make_app(push_context=False)
    with serving(app) as base:
        for path in ("/", "/auth/login?lang=en"):
            browser.get(base + path)
            browser.execute_script("return document.readyState")
        icon = browser.execute_script(
            "return fetch('/favicon.ico').then(r => r.status + ' ' + r.headers.get('content-type'))"
        )
        errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert icon == "200 image/x-icon"
    assert errors == [], errors
