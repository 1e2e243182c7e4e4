"""Staff pages: campaigns, applications review, notes and decisions, outbox, audit log and the
grading queue. `bp` lives in blueprint.py; importing the route modules attaches their views."""

from school101.staff import (  # noqa: F401  (attach the views)
    game_review_routes,
    grading_routes,
    integrity_routes,
    navigation,
    routes,
    saved_filter_routes,
    system_routes,
)
from school101.staff.blueprint import bp

__all__ = ["bp"]
