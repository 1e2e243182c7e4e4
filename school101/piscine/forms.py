"""Forms of the piscine pages (Flask-WTF, CSRF on every POST)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from school101.models.admissions import APPLICATION_STATUSES
from school101.web.converters import ScheduleDate

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"

FEEDBACK_LABELS = {
    "after_deadline": _l("After the deadline (the moulinette grades the last submission)"),
    "immediate": _l("Immediate (each submission is graded at once)"),
}
KIND_LABELS = {"day": _l("Exercise day"), "exam": _l("Exam")}
APPLICATION_STATUS_LABELS = {
    "applied": _l("Applied"),
    "games_done": _l("Games done"),
    "invited": _l("Invited"),
    "not_selected": _l("Not selected"),
    "withdrawn": _l("Withdrawn"),
}


def choices(labels: dict) -> list[SelectChoice]:
    """Select options from {value: label}."""
    return [SelectChoice(value, label) for value, label in labels.items()]


class ActionForm(FlaskForm):
    """A button that changes something (book, cancel, decline): CSRF only."""


class CalendarEntryForm(Form):
    """One calendar entry; times typed in Europe/Paris local time. An empty day removes it."""

    day_id = SelectField(_l("Day"), validate_choice=False, validators=[Optional()])
    kind = SelectField(_l("Kind"), choices=lambda: choices(KIND_LABELS), validate_choice=False)
    opens_at = DateTimeLocalField(
        _l("Opens (Paris time)"), format=DATETIME_FORMAT, validators=[Optional(), ScheduleDate()]
    )
    closes_at = DateTimeLocalField(
        _l("Closes (Paris time)"), format=DATETIME_FORMAT, validators=[Optional(), ScheduleDate()]
    )


def campaign_choices(empty_label) -> list:
    """The campaigns, newest first, after an empty choice."""
    from school101.extensions import db
    from school101.models import Campaign

    rows = db.session.execute(
        db.select(Campaign.id, Campaign.name).order_by(Campaign.opens_at.desc())
    )
    return [SelectChoice("", empty_label)] + [SelectChoice(str(cid), name) for cid, name in rows]


def campaign_id_of(value) -> int | None:
    """The form's campaign choice as an id (None when empty or not a number)."""
    return int(value) if isinstance(value, str) and value.isdigit() else None


class PiscineForm(FlaskForm):
    """A piscine's settings and calendar (the service checks the rules)."""

    name = StringField(_l("Name"), validators=[Optional(), Length(max=120)])
    starts_on = DateField(_l("First day"), validators=[Optional(), ScheduleDate()])
    ends_on = DateField(_l("Last day"), validators=[Optional(), ScheduleDate()])
    capacity = IntegerField(_l("Capacity (seats)"), validators=[Optional()])
    feedback = SelectField(
        _l("Feedback policy"), choices=lambda: choices(FEEDBACK_LABELS), validate_choice=False
    )
    campaign_id = SelectField(
        _l("Intake campaign"),
        choices=lambda: campaign_choices(_l("Automatic")),
        validate_choice=False,
    )
    booking_closes_at = DateTimeLocalField(
        _l("Booking closes (Paris time, optional)"),
        format=DATETIME_FORMAT,
        validators=[Optional(), ScheduleDate()],
    )
    cancel_until = DateTimeLocalField(
        _l("Cancellations allowed until (Paris time, optional)"),
        format=DATETIME_FORMAT,
        validators=[Optional(), ScheduleDate()],
    )
    calendar = FieldList(FormField(CalendarEntryForm), min_entries=0, max_entries=60)


class UploadForm(FlaskForm):
    """Files of one exercise, or a single zip/tar archive."""

    files = MultipleFileField(_l("Files, or one .zip / .tar / .tar.gz archive"))


class RankingFilterForm(FlaskForm):
    """Filters of the ranked applications (GET; changes nothing)."""

    class Meta:
        csrf = False

    campaign = SelectField(_l("Campaign"), validate_choice=False, validators=[Optional()])
    status = SelectField(
        _l("Application status"),
        validate_choice=False,
        validators=[Optional()],
        choices=lambda: (
            [SelectChoice("", _l("All"))]
            + choices({s: APPLICATION_STATUS_LABELS[s] for s in APPLICATION_STATUSES})
        ),
    )
    only_new = BooleanField(_l("Only people not invited to this piscine yet"))


class InviteTopForm(FlaskForm):
    """Invite the first N of the ranking (with the current filters)."""

    n = IntegerField(_l("How many"), validators=[InputRequired(), NumberRange(min=1, max=5000)])
    campaign = StringField(validators=[Optional()])
    status = StringField(validators=[Optional()])


class RerunForm(FlaskForm):
    """Re-run the moulinette on a day: a written reason is mandatory (audited)."""

    reason = TextAreaField(
        _l("Reason (recorded in the audit log)"),
        validators=[DataRequired(message=_l("A reason is required.")), Length(max=2000)],
        render_kw={"rows": 2},
    )


class SettingsForm(FlaskForm):
    """Settings that can change once the piscine exists."""

    name = StringField(_l("Name"), validators=[Optional(), Length(max=120)])
    capacity = IntegerField(_l("Capacity (seats)"), validators=[Optional()])
    campaign_id = SelectField(
        _l("Intake campaign"), choices=lambda: campaign_choices(_l("None")), validate_choice=False
    )
    booking_closes_at = DateTimeLocalField(
        _l("Booking closes (Paris time, optional)"),
        format=DATETIME_FORMAT,
        validators=[Optional(), ScheduleDate()],
    )
    cancel_until = DateTimeLocalField(
        _l("Cancellations allowed until (Paris time, optional)"),
        format=DATETIME_FORMAT,
        validators=[Optional(), ScheduleDate()],
    )
