"""Forms of the directory pages (Flask-WTF, CSRF on every POST)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

AVAILABILITY_CHOICES = [
    SelectChoice("available_now", _l("Available now")),
    SelectChoice("from_date", _l("Available from a date")),
    SelectChoice("not_looking", _l("Not looking at the moment")),
]
KIND_CHOICES = [
    SelectChoice("company", _l("Company")),
    SelectChoice("school", _l("School")),
    SelectChoice("lab", _l("Laboratory")),
    SelectChoice("association", _l("Association")),
]


class ProfileForm(FlaskForm):
    headline = StringField(
        _l("Headline"),
        validators=[Length(max=140)],
        render_kw={"placeholder": _l("e.g. Back-end developer, C and Python")},
    )
    skills = StringField(_l("Skills (separated by commas)"), validators=[Length(max=1000)])
    projects = TextAreaField(_l("Projects"), validators=[Length(max=3000)], render_kw={"rows": 5})
    links = TextAreaField(
        _l("Links (one per line, http:// or https://)"),
        validators=[Length(max=2000)],
        render_kw={"rows": 3},
    )
    availability = SelectField(_l("Availability"), choices=AVAILABILITY_CHOICES)
    available_from = DateField(_l("Available from"), validators=[Optional()])
    city = StringField(_l("City"), validators=[Length(max=100)])
    contact_email = StringField(
        _l("E-mail shared with employers you accept (empty: your account's)"),
        validators=[Length(max=254)],
    )
    contact_phone = StringField(
        _l("Phone shared with employers you accept (optional)"), validators=[Length(max=30)]
    )
    contact_preferences = TextAreaField(
        _l("Contact preferences"), validators=[Length(max=500)], render_kw={"rows": 2}
    )
    show_last_name = BooleanField(_l("Show my last name (otherwise only its initial)"))
    show_city = BooleanField(_l("Show my city"))
    show_links = BooleanField(_l("Show my links"))
    show_projects = BooleanField(_l("Show my projects"))


class EmptyForm(FlaskForm):
    """A button posting only the CSRF token."""


class ContactForm(FlaskForm):
    message = TextAreaField(
        _l("Your message"), validators=[DataRequired(), Length(max=2000)], render_kw={"rows": 6}
    )


class ReportForm(FlaskForm):
    reason = TextAreaField(
        _l("What is wrong with this request?"),
        validators=[DataRequired(), Length(max=2000)],
        render_kw={"rows": 3},
    )


class JoinForm(FlaskForm):
    name = StringField(_l("Organisation name"), validators=[DataRequired(), Length(max=200)])
    siret = StringField(_l("SIRET number (14 digits)"), validators=[DataRequired(), Length(max=20)])
    kind = SelectField(_l("Kind of organisation"), choices=KIND_CHOICES)
    contact_name = StringField(_l("Contact person"), validators=[DataRequired(), Length(max=200)])
    contact_email = StringField(
        _l("Contact person's e-mail"), validators=[DataRequired(), Length(max=254)]
    )
    contact_phone = StringField(
        _l("Contact person's phone (optional)"), validators=[Length(max=30)]
    )
    message = TextAreaField(
        _l("Message to the school (optional)"), validators=[Length(max=2000)], render_kw={"rows": 3}
    )


class ReasonForm(FlaskForm):
    reason = StringField(_l("Reason (kept in the audit log)"), validators=[Length(max=2000)])


class InviteForm(FlaskForm):
    email = StringField(_l("E-mail address"), validators=[DataRequired(), Length(max=254)])
    first_name = StringField(_l("First name"), validators=[Length(max=100)])
    last_name = StringField(_l("Last name"), validators=[Length(max=100)])
    is_org_admin = BooleanField(_l("Administrator of the organisation (can invite colleagues)"))


class HandleReportForm(FlaskForm):
    outcome = StringField(_l("Outcome (kept in the audit log)"), validators=[Length(max=2000)])
    suspend = BooleanField(_l("Suspend the organisation"))


class EnrolForm(FlaskForm):
    email = StringField(
        _l("E-mail address of the person"), validators=[DataRequired(), Length(max=254)]
    )
