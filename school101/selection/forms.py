"""Forms of the selection pages."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

DECISION_CHOICES = [SelectChoice("admit", _l("Admit")), SelectChoice("waitlist", _l("Waitlist")),
                    SelectChoice("reject", _l("Reject"))]


class RoundForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    piscine_ids = SelectMultipleField(_l("Piscines ranked in this round"), coerce=int,
                                      validators=[DataRequired()])
    day_scores = IntegerField(_l("Weight: day scores"), default=40, validators=[Optional(), NumberRange(0, 1000)])
    exam_scores = IntegerField(_l("Weight: exam scores"), default=30, validators=[Optional(), NumberRange(0, 1000)])
    progress = IntegerField(_l("Weight: progress"), default=15, validators=[Optional(), NumberRange(0, 1000)])
    regularity = IntegerField(_l("Weight: regularity"), default=15, validators=[Optional(), NumberRange(0, 1000)])
    blind = BooleanField(_l("Blind mode: hide names, age, gender and postcode until a decision is taken"),
                         default=True)
    confirm_days = IntegerField(_l("Days admitted people have to confirm"), default=7,
                                validators=[DataRequired(), NumberRange(1, 60)])
    cohort_name = StringField(_l("Cohort"), validators=[Optional(), Length(max=60)])


class WeightsForm(FlaskForm):
    day_scores = IntegerField(_l("Weight: day scores"), validators=[Optional(), NumberRange(0, 1000)])
    exam_scores = IntegerField(_l("Weight: exam scores"), validators=[Optional(), NumberRange(0, 1000)])
    progress = IntegerField(_l("Weight: progress"), validators=[Optional(), NumberRange(0, 1000)])
    regularity = IntegerField(_l("Weight: regularity"), validators=[Optional(), NumberRange(0, 1000)])
    blind = BooleanField(_l("Blind mode"))


class DecisionForm(FlaskForm):
    decision = SelectField(_l("Decision"), choices=DECISION_CHOICES, validators=[DataRequired()])
    reason = TextAreaField(_l("Reason (mandatory, kept in the audit log and shown to the person on request)"),
                           validators=[Length(max=2000)], render_kw={"rows": 3})


class TemplateForm(FlaskForm):
    subject = StringField(_l("Subject"), validators=[DataRequired(), Length(max=200)])
    body = TextAreaField(_l("Body"), validators=[DataRequired(), Length(max=10000)], render_kw={"rows": 12})
