"""Staff pages: campaigns, applications review, notes and decisions, outbox, audit log and the
grading queue. `bp` lives in blueprint.py; importing the route modules attaches their views."""

from school101.staff import grading_routes, routes  # noqa: F401  (attach the views)
from school101.staff.blueprint import bp

__all__ = ["bp"]
