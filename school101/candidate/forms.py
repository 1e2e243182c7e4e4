"""Forms of the candidate pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

SITUATION_CHOICES = [
    SelectChoice("", _l("— choose —")),
    SelectChoice("student", _l("Student")),
    SelectChoice("job_seeker", _l("Job seeker")),
    SelectChoice("employed", _l("Employed")),
    SelectChoice("retraining", _l("Retraining")),
    SelectChoice("self_employed", _l("Self-employed")),
    SelectChoice("other", _l("Other")),
]
HEARD_CHOICES = [
    SelectChoice("", _l("— choose —")),
    SelectChoice("press", _l("Press")),
    SelectChoice("social_media", _l("Social media")),
    SelectChoice("friend", _l("A friend")),
    SelectChoice("job_centre", _l("Job centre (France Travail)")),
    SelectChoice("school", _l("School or university")),
    SelectChoice("event", _l("An event")),
    SelectChoice("search_engine", _l("Search engine")),
    SelectChoice("other", _l("Other")),
]
GENDER_CHOICES = [
    SelectChoice("undisclosed", _l("I prefer not to say")),
    SelectChoice("female", _l("Woman")),
    SelectChoice("male", _l("Man")),
    SelectChoice("non_binary", _l("Non-binary")),
]


class ProfileForm(FlaskForm):
    first_name = StringField(_l("First name"), validators=[DataRequired(), Length(max=100)])
    last_name = StringField(_l("Last name"), validators=[DataRequired(), Length(max=100)])
    birth_date = DateField(_l("Birth date"), validators=[DataRequired()])
    city = StringField(_l("City"), validators=[DataRequired(), Length(max=100)])
    postcode = StringField(_l("Postcode"), validators=[DataRequired(), Length(max=10)])
    situation = SelectField(
        _l("Current situation"), choices=SITUATION_CHOICES, validators=[DataRequired()]
    )
    heard_from = SelectField(
        _l("How did you hear of the school?"), choices=HEARD_CHOICES, validators=[DataRequired()]
    )
    gender = SelectField(
        _l("Gender (optional, used only for anonymous statistics)"),
        choices=GENDER_CHOICES,
        validators=[Optional()],
    )


class ApplyForm(FlaskForm):
    motivation = TextAreaField(
        _l("Your motivation, in a few lines"),
        validators=[DataRequired(), Length(max=3000)],
        render_kw={"rows": 6},
    )


class ConsentForm(FlaskForm):
    consent = BooleanField(_l("I have read the data-processing notice and agree to it."))
    notice_sha256 = HiddenField()  # hash of the notice shown (services.consent.give_consent)
    keep_two_years = BooleanField(
        _l(
            "If I am not selected, keep my data for 2 years so I can be contacted for later campaigns."
        )
    )


class DeleteAccountForm(FlaskForm):
    confirm = StringField(_l("Type DELETE to confirm"), validators=[DataRequired()])
