"""Small validators shared by forms, API schemas and services."""

from __future__ import annotations

import re
from datetime import date

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l

PASSWORD_MIN_LENGTH = 10
NAME_RE = re.compile(r"^[^\x00-\x1f<>{}\[\]\\/@#$%^*=+|~`\"]{1,100}$")
POSTCODE_RE = re.compile(r"^(?:[0-9]{5}|[0-9]{4,10}|[A-Z0-9 -]{3,10})$")


def normalise_email(value: str) -> str:
    """Lower-cased, trimmed e-mail address."""
    return (value or "").strip().lower()


def email_error(value: str):
    """A message when the address is not a valid e-mail, else None."""
    if not value:
        return _l("E-mail address is required.")
    if len(value) > 254:
        return _l("E-mail address is too long.")
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        return _l("This is not a valid e-mail address.")
    return None


def password_error(password: str, email: str = ""):
    """A message when the password is too weak, else None."""
    if not password:
        return _l("Password is required.")
    if len(password) < PASSWORD_MIN_LENGTH:
        return _l("Password must have at least %(n)d characters.", n=PASSWORD_MIN_LENGTH)
    if len(password) > 256:
        return _l("Password is too long (256 characters at most).")
    if len(set(password)) < 4:
        return _l("Password is too simple.")
    if email and password.lower() == email.lower():
        return _l("Password must not be your e-mail address.")
    return None


def name_error(value: str, label):
    """A message when a person's name is empty or holds odd characters, else None."""
    value = (value or "").strip()
    if not value:
        return _l("%(field)s is required.", field=label)
    if not NAME_RE.match(value):
        return _l("%(field)s contains characters that are not allowed.", field=label)
    return None


def birth_date_error(value: date | None, today: date):
    """A message when a birth date is missing or implausible, else None."""
    if value is None:
        return _l("Birth date is required (YYYY-MM-DD).")
    if value >= today:
        return _l("Birth date must be in the past.")
    if value.year < 1900:
        return _l("Birth date is not plausible.")
    return None


def age_on(birth_date: date, on: date) -> int:
    """Age in whole years on a given date."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def postcode_error(value: str):
    """A message when a postcode is not a French (5 digits) or plausible foreign one."""
    value = (value or "").strip().upper()
    if not value:
        return _l("Postcode is required.")
    if not POSTCODE_RE.match(value):
        return _l("This is not a valid postcode.")
    return None
