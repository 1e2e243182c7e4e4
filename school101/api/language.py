"""The API's language rule and the translated texts of its errors.

Rule: the API answers in the language the request's `Accept-Language` header prefers among
French and English (quality values honoured, `en-GB` counts as `en`); without the header, or
when it names neither, in French. The account's own locale and `?lang=` are not consulted
(they govern e-mails and pages). This covers the top-level `message`, messages from the
services and the per-field messages of webargs/marshmallow, whose English defaults are
translated here through the catalog.
"""

from __future__ import annotations

import re

from flask import request
from flask_babel import lazy_gettext as _l

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"


def api_locale() -> str:
    """The language of the current API request: Accept-Language (fr or en), else French."""
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE


HTTP_MESSAGES = {
    400: _l("The request could not be understood."),
    401: _l("A valid bearer token is required."),
    403: _l("Your role does not allow this."),
    404: _l("This resource does not exist."),
    405: _l("This method is not allowed on this resource."),
    409: _l("The request conflicts with the current state of the resource."),
    413: _l("The request body is too large."),
    415: _l("This content type is not supported."),
    422: _l("Some fields are not valid."),
    429: _l("Too many requests: please wait a moment before trying again."),
    500: _l("An internal error occurred; it has been logged."),
}
MALFORMED_JSON = _l("The request body is not valid JSON.")


def http_message(status: int):
    """The translated general message of an HTTP error status."""
    return HTTP_MESSAGES.get(status) or _l("This request could not be processed.")


# marshmallow's English default messages ({name} placeholders) and their catalog msgids.
_FIELD_MESSAGES = [
    ("Missing data for required field.", _l("Missing data for required field.")),
    ("Field may not be null.", _l("Field may not be null.")),
    ("Unknown field.", _l("Unknown field.")),
    ("Invalid input type.", _l("Invalid input type.")),
    ("Invalid type.", _l("Invalid type.")),
    ("Invalid value.", _l("Invalid value.")),
    ("Invalid input.", _l("Invalid input.")),
    ("Not a valid string.", _l("Not a valid string.")),
    ("Not a valid utf-8 string.", _l("Not a valid utf-8 string.")),
    ("Not a valid integer.", _l("Not a valid integer.")),
    ("Not a valid number.", _l("Not a valid number.")),
    ("Number too large.", _l("Number too large.")),
    (
        "Special numeric values (nan or infinity) are not permitted.",
        _l("Special numeric values (nan or infinity) are not permitted."),
    ),
    ("Not a valid boolean.", _l("Not a valid boolean.")),
    ("Not a valid date.", _l("Not a valid date.")),
    ("Not a valid datetime.", _l("Not a valid datetime.")),
    ("Not a valid aware datetime.", _l("Not a valid aware datetime.")),
    ("Not a valid naive datetime.", _l("Not a valid naive datetime.")),
    ("Not a valid time.", _l("Not a valid time.")),
    ("Not a valid list.", _l("Not a valid list.")),
    ("Not a valid mapping type.", _l("Not a valid mapping type.")),
    ("Not a valid email address.", _l("Not a valid email address.")),
    ("Not a valid URL.", _l("Not a valid URL.")),
    ("String does not match expected pattern.", _l("String does not match expected pattern.")),
    ("Shorter than minimum length {min}.", _l("Shorter than minimum length %(min)s.")),
    ("Longer than maximum length {max}.", _l("Longer than maximum length %(max)s.")),
    ("Length must be between {min} and {max}.", _l("Length must be between %(min)s and %(max)s.")),
    ("Length must be {equal}.", _l("Length must be %(equal)s.")),
    ("Must be one of: {choices}.", _l("Must be one of: %(choices)s.")),
    ("Must be equal to {other}.", _l("Must be equal to %(other)s.")),
    (
        "Must be greater than or equal to {min} and less than or equal to {max}.",
        _l("Must be greater than or equal to %(min)s and less than or equal to %(max)s."),
    ),
    (
        "Must be greater than {min} and less than {max}.",
        _l("Must be greater than %(min)s and less than %(max)s."),
    ),
    (
        "Must be greater than or equal to {min} and less than {max}.",
        _l("Must be greater than or equal to %(min)s and less than %(max)s."),
    ),
    (
        "Must be greater than {min} and less than or equal to {max}.",
        _l("Must be greater than %(min)s and less than or equal to %(max)s."),
    ),
    ("Must be greater than or equal to {min}.", _l("Must be greater than or equal to %(min)s.")),
    ("Must be greater than {min}.", _l("Must be greater than %(min)s.")),
    ("Must be less than or equal to {max}.", _l("Must be less than or equal to %(max)s.")),
    ("Must be less than {max}.", _l("Must be less than %(max)s.")),
]
_NUMBERS = {"min", "max", "equal"}  # one token: keeps "greater than" from eating "or equal to"


def _pattern(template: str) -> re.Pattern:
    def group(match: re.Match) -> str:
        name = match.group(1)
        return f"(?P<{name}>\\S+?)" if name in _NUMBERS else f"(?P<{name}>.+)"

    return re.compile(re.sub(r"\\\{(\w+)\\\}", group, re.escape(template)))


_COMPILED = [(_pattern(template), msgid) for template, msgid in _FIELD_MESSAGES]


def field_message(message) -> str:
    """A webargs/marshmallow field message in the request's language (others pass through)."""
    text = str(message)
    for pattern, msgid in _COMPILED:
        match = pattern.fullmatch(text)
        if match:
            return str(msgid) % match.groupdict() if match.groupdict() else str(msgid)
    return text
