"""Forms of the account pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, EmailField, HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Length, Optional


class RegisterForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=256)])
    first_name = StringField(_l("First name"), validators=[DataRequired(), Length(max=100)])
    last_name = StringField(_l("Last name"), validators=[DataRequired(), Length(max=100)])
    birth_date = DateField(_l("Birth date"), validators=[DataRequired()])
    consent = BooleanField(_l("I have read the data-processing notice and agree to it."))
    keep_two_years = BooleanField(
        _l(
            "If I am not selected, keep my data for 2 years so I can be contacted for later campaigns."
        ),
        validators=[Optional()],
    )
    notice_sha256 = (
        HiddenField()
    )  # hash of the notice shown (services/identity/consent.give_consent)


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=256)])
    remember = BooleanField(_l("Remember me"))


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=254)])


class ResetPasswordForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=256)])


class InvitationAccountForm(FlaskForm):
    """A new employer creates their account from an invitation."""

    first_name = StringField(_l("First name"), validators=[DataRequired(), Length(max=100)])
    last_name = StringField(_l("Last name"), validators=[DataRequired(), Length(max=100)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=256)])


class AcceptInvitationForm(FlaskForm):
    """Accepting an invitation while logged in (CSRF only)."""
