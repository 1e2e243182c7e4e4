"""Forms of the admin pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from school101.core.audit import REASON_MAX

ROLE_LABELS = {
    "candidate": _l("Candidate"),
    "staff": _l("Staff"),
    "admin": _l("Admin"),
    "employer": _l("Employer"),
}
CREATABLE = ("staff", "admin", "employer")


class UserCreateForm(FlaskForm):
    """A staff, admin or employer account made by an admin."""

    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=254)])
    first_name = StringField(_l("First name"), validators=[Optional(), Length(max=100)])
    last_name = StringField(_l("Last name"), validators=[Optional(), Length(max=100)])
    password = PasswordField(_l("Initial password"), validators=[DataRequired(), Length(max=256)])
    roles = SelectMultipleField(
        _l("Roles"),
        choices=[SelectChoice(r, ROLE_LABELS[r]) for r in CREATABLE],
        validators=[DataRequired(message=_l("Choose at least one role."))],
    )


class RolesForm(FlaskForm):
    """Replace a user's roles, with a written reason."""

    roles = SelectMultipleField(
        _l("Roles"),
        choices=[SelectChoice(r, label) for r, label in ROLE_LABELS.items()],
        validators=[DataRequired(message=_l("Choose at least one role."))],
    )
    reason = TextAreaField(
        _l("Reason for the change"),
        render_kw={"rows": 2},
        validators=[DataRequired(message=_l("A reason is required.")), Length(max=REASON_MAX)],
    )
