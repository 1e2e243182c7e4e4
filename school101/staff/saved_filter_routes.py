"""Saved filters of the back office lists: the doors of the `saved_filters` macro
(templates/_saved_filters.html), which any list page includes with its page key.

The macro reads the staff member's filters through the template global `saved_filters_panel`;
its forms post here (CSRF checked app-wide by CSRFProtect) and come back to the list (the `next` path, checked to be one of this
site's pages) with the focus on the saved filters."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from flask import current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import HTTPException

from school101.core.errors import ServiceError
from school101.extensions import db
from school101.services.identity import saved_filters
from school101.staff.blueprint import bp
from school101.web.authz import staff_required
from school101.web.errors import flash_service_error

PANEL_ANCHOR = "saved-filters"
ANCHOR_RE = re.compile(r"[a-z0-9-]{1,60}")


@bp.app_template_global()
def saved_filters_panel(page_key: str, endpoint: str, args: dict) -> dict:
    """What the saved_filters macro shows: the person's filters of the page with their links
    (the page's own path arguments kept), the current filters' query and the way back."""
    path_args = dict(request.view_args or {})
    current = saved_filters.clean_query(page_key, args or {})
    items = []
    if current_user.is_authenticated and current_user.is_staff:
        for row in saved_filters.saved_filters(current_user, page_key):
            items.append(
                {
                    "id": row.id,
                    "name": row.name,
                    "url": url_for(endpoint, **path_args, **dict(parse_qsl(row.query))),
                    "active": row.query == current,
                }
            )
    return {
        "items": items,
        "query": current,
        "next": url_for(endpoint, **path_args, **(args or {})),
        "id": f"saved-filters-{page_key}",
    }


def _back(default_endpoint: str = "staff.applications") -> str:
    """The list the form came from: a path of this site that routes to a page, else the
    applications list. The saved filters keep the focus (fragment)."""
    target = request.form.get("next", "")
    parts = urlsplit(target)
    local = (
        target.startswith("/")
        and not target.startswith("//")
        and not parts.scheme
        and not parts.netloc
        and not any(ord(c) < 32 or c == "\\" for c in target)
    )
    if local:
        try:
            current_app.url_map.bind("localhost").match(parts.path, method="GET")
        except HTTPException:
            local = False
    base = target if local else url_for(default_endpoint)
    anchor = request.form.get("anchor", "")
    if not ANCHOR_RE.fullmatch(anchor):
        anchor = PANEL_ANCHOR
    return f"{base}#{anchor}"


@bp.post("/saved-filters")
@staff_required
def saved_filter_save():
    """Save the list's current filters under a name (the staff member's own)."""
    try:
        row = saved_filters.save_filter(
            current_user,
            request.form.get("page_key"),
            request.form.get("name"),
            request.form.get("query", ""),
        )
    except ServiceError as exc:
        flash_service_error(exc, details=True, rollback=True)
    else:
        db.session.commit()
        flash(_("The filter “%(name)s” is saved.", name=row.name), "success")
    return redirect(_back())


@bp.post("/saved-filters/<int:filter_id>/delete")
@staff_required
def saved_filter_delete(filter_id: int):
    """Delete one of the staff member's saved filters."""
    try:
        row = saved_filters.delete_filter(current_user, filter_id)
    except ServiceError as exc:
        db.session.rollback()
        if exc.status == 404:
            raise
        flash_service_error(exc)
    else:
        db.session.commit()
        flash(_("The filter “%(name)s” is deleted.", name=row.name), "success")
    return redirect(_back())
