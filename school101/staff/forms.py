"""Forms of the staff pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DateTimeLocalField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from school101.core.audit import REASON_MAX
from school101.services.admissions.notes import NOTE_MAX
from school101.services.admissions.review import AGE_BANDS
from school101.web.converters import ScheduleDate

STATUS_LABELS = {
    "applied": _l("Applied"),
    "games_done": _l("Games done"),
    "invited": _l("Invited"),
    "not_selected": _l("Not selected"),
    "withdrawn": _l("Withdrawn"),
}
SITUATION_LABELS = {
    "student": _l("Student"),
    "job_seeker": _l("Job seeker"),
    "employed": _l("Employed"),
    "retraining": _l("Retraining"),
    "self_employed": _l("Self-employed"),
    "other": _l("Other"),
}
HEARD_LABELS = {
    "press": _l("Press"),
    "social_media": _l("Social media"),
    "friend": _l("A friend"),
    "job_centre": _l("Job centre (France Travail)"),
    "school": _l("School or university"),
    "event": _l("An event"),
    "search_engine": _l("Search engine"),
    "other": _l("Other"),
}
SORT_LABELS = {
    "created_at": _l("Date of application"),
    "name": _l("Name"),
    "memory": _l("Memory score"),
    "logic": _l("Logic score"),
    "combined": _l("Combined score"),
}

DAY_STATE_LABELS = {
    "not_submitted": _l("Not submitted"),
    "submitted": _l("Submitted"),
    "pending": _l("Being graded"),
    "graded": _l("Graded"),
}

MAIL_STATUS_LABELS = {"pending": _l("pending"), "sent": _l("sent"), "failed": _l("failed")}

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
REASON_REQUIRED = _l("A reason is required.")


class CampaignForm(FlaskForm):
    """Every campaign setting; dates are typed in Europe/Paris local time."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    opens_at = DateTimeLocalField(
        _l("Opens (Paris time)"),
        format=DATETIME_FORMAT,
        validators=[InputRequired(), ScheduleDate()],
    )
    closes_at = DateTimeLocalField(
        _l("Closes (Paris time)"),
        format=DATETIME_FORMAT,
        validators=[InputRequired(), ScheduleDate()],
    )
    age_min = IntegerField(_l("Minimum age"), validators=[InputRequired(), NumberRange(14, 99)])
    age_max = IntegerField(_l("Maximum age"), validators=[InputRequired(), NumberRange(14, 120)])
    age_reference_date = DateField(
        _l("Date on which age is checked"), validators=[InputRequired(), ScheduleDate()]
    )
    memory_attempts = IntegerField(
        _l("Memory game: attempts"), validators=[InputRequired(), NumberRange(1, 10)]
    )
    memory_levels = IntegerField(
        _l("Memory game: levels"), validators=[InputRequired(), NumberRange(3, 30)]
    )
    logic_attempts = IntegerField(
        _l("Logic game: attempts"), validators=[InputRequired(), NumberRange(1, 10)]
    )
    logic_levels = IntegerField(
        _l("Logic game: levels"), validators=[InputRequired(), NumberRange(3, 20)]
    )
    invitations_planned = IntegerField(
        _l("Piscine invitations planned"), validators=[InputRequired(), NumberRange(0, 100000)]
    )


def _choices(labels: dict, empty=None) -> list:
    head = [SelectChoice("", empty)] if empty is not None else []
    return head + [SelectChoice(value, label) for value, label in labels.items()]


class FilterForm(FlaskForm):
    """The applications list filters (GET, no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    q = StringField(_l("Search (name, e-mail)"), validators=[Optional(), Length(max=100)])
    status = SelectField(
        _l("Status"), choices=_choices(STATUS_LABELS, _l("All")), validators=[Optional()]
    )
    age_band = SelectField(
        _l("Age"), validators=[Optional()], choices=_choices({b: b for b in AGE_BANDS}, _l("All"))
    )
    situation = SelectField(
        _l("Situation"), choices=_choices(SITUATION_LABELS, _l("All")), validators=[Optional()]
    )
    place = StringField(_l("Postcode or département"), validators=[Optional(), Length(max=5)])
    memory_min = IntegerField(
        _l("Memory score at least"), validators=[Optional(), NumberRange(min=0)]
    )
    logic_min = IntegerField(
        _l("Logic score at least"), validators=[Optional(), NumberRange(min=0)]
    )
    sort = SelectField(_l("Sort by"), choices=_choices(SORT_LABELS), validators=[Optional()])
    direction = SelectField(
        _l("Order"),
        choices=_choices({"desc": _l("Descending"), "asc": _l("Ascending")}),
        validators=[Optional()],
    )


class NoteForm(FlaskForm):
    body = TextAreaField(
        _l("New note"),
        validators=[DataRequired(message=_l("The note is empty.")), Length(max=NOTE_MAX)],
        render_kw={"rows": 3},
    )


class ExceptionForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason for the exception"),
        render_kw={"rows": 2},
        validators=[DataRequired(message=REASON_REQUIRED), Length(max=REASON_MAX)],
    )


class DecisionForm(FlaskForm):
    status = SelectField(
        _l("Decision"),
        choices=_choices(
            {"invited": _l("Invite to the piscine"), "not_selected": _l("Not selected")}
        ),
        validators=[DataRequired()],
    )
    piscine_id = SelectField(
        _l("Piscine session (for an invitation)"),
        choices=[],
        validate_choice=False,
        description=_l(
            "The person receives the session's invitation e-mail at once. "
            "Leave empty to invite to a session later."
        ),
    )
    reason = TextAreaField(
        _l("Reason (written, kept in the history)"),
        render_kw={"rows": 2},
        validators=[DataRequired(message=REASON_REQUIRED), Length(max=REASON_MAX)],
    )


class GrantByEmailForm(FlaskForm):
    """An exception for someone who has not applied (e.g. too old to apply without one)."""

    email = StringField(
        _l("E-mail address of the person"), validators=[DataRequired(), Length(max=254)]
    )
    reason = TextAreaField(
        _l("Reason for the exception"),
        render_kw={"rows": 2},
        validators=[DataRequired(message=REASON_REQUIRED), Length(max=REASON_MAX)],
    )


class RegradeForm(FlaskForm):
    """Grade one run's submission again (a new run; the old one stays): reason mandatory, audited."""

    reason = TextAreaField(
        _l("Reason (recorded in the audit log)"),
        render_kw={"rows": 2},
        validators=[DataRequired(message=REASON_REQUIRED), Length(max=REASON_MAX)],
    )


class MailRetryForm(FlaskForm):
    """Admins: send a failed mail again (the CSRF token is the whole form)."""


def with_ids(form: FlaskForm, prefix: str) -> FlaskForm:
    """Give a form's fields page-unique ids ("decision-reason") while their names stay ("reason"),
    for pages that hold several forms with fields of the same name (labels and error messages
    point at the ids)."""
    for item in form:
        item.id = f"{prefix}-{item.name}"
        item.label.field_id = item.id
    return form
