"""Role checks services run themselves, so a view or an API endpoint cannot forget them."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from school101.core.errors import Forbidden


def ensure_staff(actor) -> None:
    """Forbidden unless `actor` is staff or admin."""
    if (
        actor is None
        or not getattr(actor, "has_role", None)
        or not actor.has_role("staff", "admin")
    ):
        raise Forbidden(_l("Your role does not allow this."), code="forbidden")


def ensure_admin(actor) -> None:
    """Forbidden unless `actor` is an admin."""
    if actor is None or not getattr(actor, "has_role", None) or not actor.has_role("admin"):
        raise Forbidden(_l("Your role does not allow this."), code="forbidden")


def ensure_staff_or_system(actor) -> None:
    """Forbidden unless `actor` is staff; `None` is the system itself (command line, jobs)."""
    if actor is not None and not actor.is_staff:
        raise Forbidden(_l("Only staff can do this."))
