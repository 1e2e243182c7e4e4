"""Forms of the exam pages (CSRF-protected)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import MultipleFileField


class StartForm(FlaskForm):
    """Start the exam (a button)."""


class GrademeForm(FlaskForm):
    """Turn in the current exercise's files."""

    files = MultipleFileField(_l("Your files"))
