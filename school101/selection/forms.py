"""Forms of the selection pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, Length, NumberRange, Optional

from school101.services.selection import ranking

DECISION_CHOICES = [
    SelectChoice("admit", _l("Admit")),
    SelectChoice("waitlist", _l("Waitlist")),
    SelectChoice("reject", _l("Reject")),
]


class _RoundFields(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    piscine_ids = SelectMultipleField(
        _l("Piscines ranked in this round"), coerce=int, validators=[DataRequired()]
    )
    blind = BooleanField(
        _l("Blind mode: candidates are known by a code until blind mode is lifted"),
        default=True,
    )
    confirm_days = IntegerField(
        _l("Days admitted people have to confirm"),
        default=7,
        validators=[DataRequired(), NumberRange(1, 60)],
    )
    cohort_name = StringField(_l("Cohort"), validators=[Optional(), Length(max=60)])


class _WeightsFields(FlaskForm):
    """Weights only: blind mode changes through BlindForm (confirmed, audited)."""


def _with_weights(base: type[FlaskForm], *, defaults: bool) -> type[FlaskForm]:
    """`base` plus one weight field per registered criterion (`@criterion` in services/ranking.py),
    named by the criterion's key and labelled with its name, in registration order; the field
    names are listed in `weight_keys`. An empty field means 0."""
    fields = {}
    for key, crit in ranking.CRITERIA.items():
        if hasattr(base, key) or key in ("weight_keys", "csrf_token", "submit"):
            raise ValueError(f"criterion key {key!r} clashes with a field of {base.__name__}")
        fields[key] = IntegerField(
            _l("Weight: %(criterion)s", criterion=crit.label),
            default=ranking.DEFAULT_WEIGHTS.get(key, 0) if defaults else None,
            validators=[Optional(), NumberRange(0, 1000)],
        )
    fields["weight_keys"] = tuple(ranking.CRITERIA)
    return type(base.__name__.lstrip("_").replace("Fields", "Form"), (base,), fields)


def RoundForm(*args, **kwargs) -> FlaskForm:  # used like the form class it builds
    """The new-round form; weights of every criterion registered now."""
    return _with_weights(_RoundFields, defaults=True)(*args, **kwargs)


def WeightsForm(*args, **kwargs) -> FlaskForm:  # used like the form class it builds
    """A round's weights and blind mode; weights of every criterion registered now."""
    return _with_weights(_WeightsFields, defaults=False)(*args, **kwargs)


def weights_from(form) -> dict[str, int]:
    """Every criterion's weight from a weights form (0 when left empty): nothing is dropped."""
    return {key: form[key].data or 0 for key in form.weight_keys}


class DecisionForm(FlaskForm):
    decision = SelectField(_l("Decision"), choices=DECISION_CHOICES, validators=[DataRequired()])
    reason = TextAreaField(
        _l("Reason (mandatory, kept in the audit log and shown to the person on request)"),
        validators=[Length(max=2000)],
        render_kw={"rows": 3},
    )


class BlindForm(FlaskForm):
    """Lift blind mode or turn it back on: a confirmation and a reason (the service checks both)."""

    action = HiddenField(validators=[AnyOf(["lift", "restore"])])
    confirm = BooleanField(_l("I confirm this change of blind mode"))
    reason = TextAreaField(
        _l("Reason (mandatory, kept in the audit log)"),
        render_kw={"rows": 2, "maxlength": 2000},
    )


class TemplateForm(FlaskForm):
    subject = StringField(_l("Subject"), validators=[DataRequired(), Length(max=200)])
    body = TextAreaField(
        _l("Body"), validators=[DataRequired(), Length(max=10000)], render_kw={"rows": 12}
    )


DECISION_FILTER_CHOICES = [
    SelectChoice("", _l("Any decision")),
    *DECISION_CHOICES,
    SelectChoice("none", _l("No decision yet")),
]


class RankingFilterForm(FlaskForm):
    """Filters of the ranking (GET; changes nothing). Ids are prefixed: the bulk decision form
    on the same page has a `decision` field too."""

    class Meta:
        csrf = False

    q = StringField(
        _l("Search (name, e-mail or code)"),
        validators=[Optional(), Length(max=80)],
        id="filter-q",
    )
    decision = SelectField(
        _l("Decision"),
        choices=DECISION_FILTER_CHOICES,
        validators=[Optional()],
        id="filter-decision",
    )
    offer = SelectField(_l("Answers"), validators=[Optional()], id="filter-offer")
    flagged = BooleanField(_l("Only confirmed plagiarism"), id="filter-flagged")
