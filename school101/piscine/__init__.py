"""Piscine pages: candidates book a seat, follow the calendar, read subjects, upload work and
see results; staff create sessions, invite from the ranking, watch the board and re-run days.

`bp` lives in blueprint.py; importing the route modules here attaches their views to it.
"""

from school101.piscine import (  # noqa: F401  (attach the views)
    candidate_routes,
    evaluation_routes,
    live_routes,
    staff_evaluation_routes,
    staff_routes,
    staff_rush_routes,
)
from school101.piscine.blueprint import bp

__all__ = ["bp"]
