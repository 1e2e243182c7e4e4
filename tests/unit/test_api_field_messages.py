"""marshmallow's English default messages, as marshmallow really formats them, are all known to
api/language.py and translated to French (fails when marshmallow changes its wording)."""

from flask_babel import force_locale
from marshmallow import Schema, fields, validate

from school101.api.language import field_message


class Everything(Schema):
    required = fields.String(required=True)
    null = fields.String(allow_none=False)
    string = fields.String()
    integer = fields.Integer()
    number = fields.Float()
    nan = fields.Float(allow_nan=False)
    boolean = fields.Boolean()
    date = fields.Date()
    datetime = fields.DateTime()
    aware = fields.AwareDateTime()
    naive = fields.NaiveDateTime()
    time = fields.Time()
    listing = fields.List(fields.String())
    mapping = fields.Dict()
    email = fields.Email()
    url = fields.URL()
    nested = fields.Nested(Schema.from_dict({"a": fields.String()}))
    short = fields.String(validate=validate.Length(min=3))
    long = fields.String(validate=validate.Length(max=2))
    between = fields.String(validate=validate.Length(min=1, max=2))
    exact = fields.String(validate=validate.Length(equal=2))
    choice = fields.String(validate=validate.OneOf(["fr", "en"]))
    equal = fields.String(validate=validate.Equal("yes"))
    pattern = fields.String(validate=validate.Regexp(r"^\d+$"))
    range_all = fields.Integer(validate=validate.Range(min=1, max=5))
    range_open = fields.Integer(
        validate=validate.Range(min=1, max=5, min_inclusive=False, max_inclusive=False)
    )
    range_mixed = fields.Integer(validate=validate.Range(min=1, max=5, max_inclusive=False))
    range_mixed2 = fields.Integer(validate=validate.Range(min=1, max=5, min_inclusive=False))
    range_min = fields.Integer(validate=validate.Range(min=1))
    range_gt = fields.Integer(validate=validate.Range(min=1, min_inclusive=False))
    range_max = fields.Integer(validate=validate.Range(max=5))
    range_lt = fields.Integer(validate=validate.Range(max=5, max_inclusive=False))
    none_of = fields.String(validate=validate.NoneOf(["x"]))


BAD = {
    "null": None,
    "string": 12,
    "integer": "x",
    "number": "x",
    "nan": "nan",
    "boolean": "maybe",
    "date": "x",
    "datetime": "x",
    "aware": "2026-01-01T10:00:00",
    "naive": "2026-01-01T10:00:00+01:00",
    "time": "x",
    "listing": "x",
    "mapping": "x",
    "email": "x",
    "url": "x",
    "nested": "x",
    "short": "a",
    "long": "abc",
    "between": "abc",
    "exact": "a",
    "choice": "de",
    "equal": "no",
    "pattern": "a",
    "range_all": 9,
    "range_open": 5,
    "range_mixed": 5,
    "range_mixed2": 1,
    "range_min": 0,
    "range_gt": 1,
    "range_max": 9,
    "range_lt": 5,
    "none_of": "x",
    "unknown": 1,
}


def _messages() -> dict[str, str]:
    errors = Everything().validate(BAD)
    assert set(errors) == set(BAD) | {"required"}
    messages = {}
    for name, msgs in errors.items():
        while isinstance(
            msgs, dict
        ):  # nested schema errors: {"_schema": [...]}, as api/errors.py reads them
            msgs = next(iter(msgs.values()))
        messages[name] = msgs[0]
    return messages


def test_every_default_message_is_translated_and_english_is_unchanged(app):
    problems = []
    for name, english in sorted(_messages().items()):
        with app.test_request_context("/api/v1/x"), force_locale("fr"):
            french = field_message(english)
        with app.test_request_context("/api/v1/x"), force_locale("en"):
            same = field_message(english)
        if french == english or "{" in french or "%(" in french or same != english:
            problems.append((name, english, french, same))
    assert problems == []


def test_values_are_carried_into_the_translation(app):
    with app.test_request_context("/api/v1/x"), force_locale("fr"):
        assert (
            field_message("Length must be between 1 and 100.")
            == "La longueur doit être comprise entre 1 et 100."
        )
        assert (
            field_message("Must be greater than or equal to 0 and less than or equal to 10.")
            == "Doit être compris entre 0 et 10 (inclus)."
        )
        assert field_message("Must be greater than 0.") == "Doit être supérieur à 0."
        assert field_message("Un message à nous.") == "Un message à nous."
