"""Exam pages: candidates take timed exams (grademe) in a room, staff open rooms and read the
results.

`bp` lives in blueprint.py; importing the route modules here attaches their views to it.
"""

from school101.exams import guard, room_routes, routes  # noqa: F401  (attach the views)
from school101.exams.blueprint import bp

__all__ = ["bp"]
