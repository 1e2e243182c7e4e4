"""Forms of the peer-evaluation pages (Flask-WTF, CSRF on every POST). They only read the
input; the services check the rules (grid, campus hours, lengths, the scale's answers)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from school101.services.evaluations.evaluating import COMMENT_MAX, FEEDBACK_MAX
from school101.web.converters import ScheduleDate

QUARTER = {"step": 900}  # the time inputs offer quarter-hours
REASON_MAX = 2000


class AvailabilityForm(FlaskForm):
    """A window in which one offers to evaluate (Paris time)."""

    date = DateField(
        _l("Date"), validators=[InputRequired(message=_l("Give a date.")), ScheduleDate()]
    )
    starts_at = TimeField(
        _l("From (Paris time)"),
        validators=[InputRequired(message=_l("Give a start time."))],
        render_kw=QUARTER,
    )
    ends_at = TimeField(
        _l("To (Paris time)"),
        validators=[InputRequired(message=_l("Give an end time."))],
        render_kw=QUARTER,
    )


class BookForm(FlaskForm):
    """Book an evaluation of one's work for a day, at a quarter-hour (Paris time)."""

    day_id = HiddenField()
    date = DateField(
        _l("Date"), validators=[InputRequired(message=_l("Give a date.")), ScheduleDate()]
    )
    starts_at = TimeField(
        _l("Time (Paris time)"),
        validators=[InputRequired(message=_l("Give a start time."))],
        render_kw=QUARTER,
    )


class ScaleForm(FlaskForm):
    """The evaluator's feedback; the scale's answers and flags are read from the request
    (their inputs follow the scale) and checked by the service."""

    feedback = TextAreaField(
        _l("Written feedback"),
        validators=[Optional(), Length(max=FEEDBACK_MAX)],
        render_kw={"rows": 8, "maxlength": FEEDBACK_MAX},
    )


class RatingForm(FlaskForm):
    """The evaluated person's rating of the feedback (0-4) and an optional comment."""

    rating = RadioField(
        _l("How useful was this feedback? (0: not at all, 4: very)"),
        choices=[SelectChoice(str(n), str(n)) for n in range(5)],
        validate_choice=False,
        validators=[Optional()],
    )
    comment = TextAreaField(
        _l("Comment (optional)"),
        validators=[Optional(), Length(max=COMMENT_MAX)],
        render_kw={"rows": 3, "maxlength": COMMENT_MAX},
    )


class ReasonForm(FlaskForm):
    """Void or re-open an evaluation: a written reason is mandatory (audited)."""

    reason = TextAreaField(
        _l("Reason (recorded in the audit log)"),
        validators=[DataRequired(message=_l("A reason is required.")), Length(max=REASON_MAX)],
        render_kw={"rows": 2, "maxlength": REASON_MAX},
    )


class GrantForm(FlaskForm):
    """Staff grant (or take back, with a negative amount) evaluation points."""

    user_id = SelectField(
        _l("Candidate"),
        validate_choice=False,
        validators=[InputRequired(message=_l("Choose a candidate."))],
    )
    amount = IntegerField(
        _l("Points (negative to take back)"),
        validators=[InputRequired(message=_l("Give a number of points."))],
    )
    reason = TextAreaField(
        _l("Reason (recorded in the audit log)"),
        validators=[DataRequired(message=_l("A reason is required.")), Length(max=REASON_MAX)],
        render_kw={"rows": 2, "maxlength": REASON_MAX},
    )


class ScaleEditForm(FlaskForm):
    """Staff edit of a day's correction scale, written as TOML (the scale.toml format)."""

    scale = TextAreaField(
        _l("The scale, as TOML (the format of scale.toml)"), render_kw={"rows": 30}
    )


class TakeOverForm(FlaskForm):
    """Staff become the evaluator of a booked defense (no field: the CSRF token only)."""


class ScaleResetForm(FlaskForm):
    """Drop staff's edit of a scale: the shipped scale.toml is in force again."""
