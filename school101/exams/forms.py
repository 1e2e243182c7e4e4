"""Forms of the exam pages (CSRF-protected)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, MultipleFileField, StringField, TextAreaField


class StartForm(FlaskForm):
    """Start the exam with the code shown on the room's screen."""

    code = StringField(
        _l("Code shown on the room's screen"),
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "maxlength": 16},
    )


class GrademeForm(FlaskForm):
    """Turn in the current exercise's files."""

    files = MultipleFileField(_l("Your files"))


class RoomForm(FlaskForm):
    """A room: its name and the networks of its computers."""

    name = StringField(_l("Name"), render_kw={"maxlength": 80})
    networks = TextAreaField(_l("Networks (CIDR, one per line)"), render_kw={"rows": 4})


class OpenRoomForm(FlaskForm):
    """Open an exam in a room (the exam chosen from a list; checked by the service)."""

    exam_id = IntegerField(_l("Exam"))


class CloseRoomForm(FlaskForm):
    """Close the room's exam session (a button)."""
