"""Forms of the games pages (only CSRF-protected buttons: answers go through JSON)."""

from flask_wtf import FlaskForm


class StartForm(FlaskForm):
    """Start or resume an attempt at a game."""
