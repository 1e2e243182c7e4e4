"""The app's icons at the addresses browsers ask for without being told: /favicon.ico (every
browser), /apple-touch-icon.png (iOS), and the web app manifest. The files are drawn by
scripts/make_icons.py into static/icons/; templates/_icons.html links them from every page."""

from __future__ import annotations

from flask import Flask, current_app, send_from_directory, url_for

from school101.extensions import limiter

#: the icons change with a release at most: a day in caches, then a cheap revalidation
ICON_MAX_AGE = 86400
MANIFEST_TYPE = "application/manifest+json"
THEME_COLOUR = "#1d4ed8"


def init_icons(app: Flask) -> None:
    """Register /favicon.ico, /apple-touch-icon.png (and iOS' -precomposed name) and
    /manifest.webmanifest (no login, no rate limit)."""
    app.add_url_rule("/favicon.ico", "favicon", limiter.exempt(favicon))
    touch = limiter.exempt(apple_touch_icon)
    app.add_url_rule("/apple-touch-icon.png", "apple_touch_icon", touch)
    app.add_url_rule("/apple-touch-icon-precomposed.png", "apple_touch_icon_precomposed", touch)
    app.add_url_rule("/manifest.webmanifest", "web_manifest", limiter.exempt(web_manifest))


def _icon(name: str, mimetype: str):
    response = send_from_directory(
        current_app.static_folder + "/icons", name, mimetype=mimetype, max_age=ICON_MAX_AGE
    )
    response.cache_control.public = True
    return response


def favicon():
    """The ICO (16, 32 and 48 pixels) every browser asks for."""
    return _icon("favicon.ico", "image/x-icon")


def apple_touch_icon():
    """The 180-pixel icon iOS asks for at the root when a page is added to the home screen."""
    return _icon("apple-touch-icon.png", "image/png")


def web_manifest():
    """The web app manifest (name, colours, icons): what a phone shows for the site."""
    manifest = {
        "name": "101 · Campus Numérique",
        "short_name": "101",
        "lang": "fr",
        "start_url": "/",
        "scope": "/",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            {"src": _static("icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": _static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": _static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        ],
    }
    response = current_app.response_class(current_app.json.dumps(manifest), mimetype=MANIFEST_TYPE)
    response.cache_control.public = True
    response.cache_control.max_age = ICON_MAX_AGE
    return response


def _static(filename: str) -> str:
    return url_for("static", filename=filename)
