"""Piscine pages: candidates book a seat, follow the calendar, read subjects, upload work and
see results; staff create sessions, invite from the ranking, watch the board and re-run days.

Register with `from .piscine import bp as piscine_bp` and `app.register_blueprint(piscine_bp)`.
"""
from .routes import bp  # noqa: F401
