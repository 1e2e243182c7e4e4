"""Forms of the staff rush-teams page (Flask-WTF, CSRF on every POST). They only read the
input; the services check the rules (a rush of this piscine, an existing team, a reason)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

REASON_MAX = 2000


class FormTeamsForm(FlaskForm):
    """Draw the teams of one rush (one button, CSRF only)."""


class MoveForm(FlaskForm):
    """Move one person to another team of the rush, with a reason (audited)."""

    user_id = SelectField(
        _l("Person"),
        validate_choice=False,
        validators=[InputRequired(message=_l("Choose a person."))],
    )
    team = IntegerField(
        _l("Team number"),
        validators=[InputRequired(message=_l("Give a team number."))],
    )
    reason = TextAreaField(
        _l("Reason (recorded in the audit log)"),
        validators=[DataRequired(message=_l("A reason is required.")), Length(max=REASON_MAX)],
        render_kw={"rows": 2, "maxlength": REASON_MAX},
    )
