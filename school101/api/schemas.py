"""Marshmallow schemas of the API's bodies and answers (they also make the OpenAPI document)."""

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema

from school101.core import bounds, paging
from school101.core.clock import iso


class StrictBool(fields.Boolean):
    """Only JSON true/false: 1, 0, 1.0, "true" are refused (`1 in {True}` is true in Python)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if value is True or value is False:
            return value
        raise self.make_error("invalid", input=value)


class ErrorBody(Schema):
    """The inside of every error answer."""

    code = fields.String(
        required=True, metadata={"description": "Stable machine-readable code (English)."}
    )
    message = fields.String(
        required=True,
        metadata={
            "description": "For people, in the request's language (Accept-Language: fr or en; French by default)."
        },
    )
    fields_ = fields.Dict(
        data_key="fields",
        keys=fields.String(),
        values=fields.String(),
        metadata={
            "description": "Per-field messages (field name -> message), same language as `message`."
        },
    )
    retry_after = fields.Integer(metadata={"description": "Seconds to wait (exam grademe `wait`)."})
    next_try_at = fields.DateTime(
        metadata={"description": "When the next try is allowed (`wait`)."}
    )
    opens_at = fields.DateTime(metadata={"description": "When the exam opens (`not_open`)."})
    position = fields.Integer(metadata={"description": "Waitlist position (booking `full`)."})


class Error(Schema):
    """Every API error: {"error": {"code", "message", "fields"?}}."""

    error = fields.Nested(ErrorBody, required=True)


class RegisterIn(Schema):
    email = fields.String(required=True, validate=validate.Length(max=254))
    password = fields.String(required=True, validate=validate.Length(max=256))
    first_name = fields.String(required=True, validate=validate.Length(max=100))
    last_name = fields.String(required=True, validate=validate.Length(max=100))
    birth_date = fields.Date(required=True, format="%Y-%m-%d")
    consent = StrictBool(required=True)
    keep_two_years = StrictBool(load_default=False)
    locale = fields.String(load_default="fr", validate=validate.OneOf(["fr", "en"]))

    @validates_schema(skip_on_field_errors=False)
    def _service_rules(self, data, **kwargs):
        """The service's own rules (address, password strength, names, age, consent) on the
        fields that passed their type checks, so one answer lists every problem."""
        from school101.services.identity.accounts import validate_registration
        from school101.services.identity.validation import normalise_email

        found = validate_registration(
            email=normalise_email(data.get("email", "")),
            password=data.get("password", ""),
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
            birth_date=data.get("birth_date"),
            consent=data.get("consent"),
        )
        errors = {name: [str(message)] for name, message in found.items() if name in data}
        if errors:
            raise ValidationError(errors)


class RegisterOut(Schema):
    id = fields.Integer()
    email = fields.String()


SCOPE_DOC = {
    "description": 'What the token may be used for: "api" (this API), "git" (the password of '
    'the piscine\'s git repositories) or "api git" (both).',
    "example": "git",
}


class TokenIn(Schema):
    email = fields.String(required=True, validate=validate.Length(max=254))
    password = fields.String(required=True, validate=validate.Length(max=256))
    name = fields.String(load_default="", validate=validate.Length(max=100))
    scope = fields.String(load_default="api", validate=validate.Length(max=20), metadata=SCOPE_DOC)


class TokenOut(Schema):
    token = fields.String()


class TokenInfo(Schema):
    id = fields.Integer()
    name = fields.String()
    prefix = fields.String()
    scopes = fields.List(fields.String(), metadata={"example": ["git"]})
    state = fields.String(metadata={"description": "active | expired | revoked"})
    created_at = fields.DateTime()
    expires_at = fields.DateTime(allow_none=True)
    last_used_at = fields.DateTime(allow_none=True)
    revoked_at = fields.DateTime(
        allow_none=True,
        metadata={"description": "By its owner, or by a password change, a role change or erasure"},
    )


class TokenCreateIn(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    scope = fields.String(load_default="api", validate=validate.Length(max=20), metadata=SCOPE_DOC)


class TokenCreatedOut(TokenInfo):
    token = fields.String(metadata={"description": "The token itself, shown this once"})


class ApplicationIn(Schema):
    motivation = fields.String(required=True)


class ApplicationOut(Schema):
    class Meta:
        unknown = EXCLUDE

    id = fields.Integer()
    status = fields.String()
    campaign_id = fields.Integer()
    created_at = fields.String()
    motivation = fields.String()
    games = fields.Dict()


class MeOut(Schema):
    id = fields.Integer()
    email = fields.String()
    first_name = fields.String()
    last_name = fields.String()
    birth_date = fields.String(allow_none=True)
    email_confirmed = fields.Boolean()
    locale = fields.String()
    roles = fields.List(fields.String())
    application = fields.Nested(ApplicationOut, allow_none=True)


class ProfileIn(Schema):
    first_name = fields.String(required=True, validate=validate.Length(max=100))
    last_name = fields.String(required=True, validate=validate.Length(max=100))
    birth_date = fields.Date(required=True, format="%Y-%m-%d")
    city = fields.String(required=True, validate=validate.Length(max=100))
    postcode = fields.String(required=True, validate=validate.Length(max=10))
    situation = fields.String(required=True)
    heard_from = fields.String(required=True)
    gender = fields.String(load_default="undisclosed")


class IsoDateTime(fields.String):
    """A datetime (or date) answered as ISO 8601, datetimes with their UTC offset (clock.iso)."""

    def _serialize(self, value, attr, obj, **kwargs):
        return iso(value)


class Computed(fields.Function):
    """A value computed from the whole object; `type` documents it in the OpenAPI schema."""

    def __init__(self, serialize, *, type: str, **kwargs):
        metadata = {"type": type, **kwargs.pop("metadata", {})}
        super().__init__(serialize, metadata=metadata, **kwargs)


def _eligibility(campaign) -> dict:
    return {
        "age_min": campaign.age_min,
        "age_max": campaign.age_max,
        "age_reference_date": campaign.age_reference_date.isoformat(),
    }


def _games(campaign) -> dict:
    return {
        "memory": {"attempts": campaign.memory_attempts, "levels": campaign.memory_levels},
        "logic": {"attempts": campaign.logic_attempts, "levels": campaign.logic_levels},
    }


class CampaignOut(Schema):
    """A campaign as anyone sees it: its dates, eligibility rules and game settings."""

    id = fields.Integer()
    name = fields.String()
    opens_at = IsoDateTime()
    closes_at = IsoDateTime()
    eligibility = Computed(_eligibility, type="object")
    games = Computed(_games, type="object")
    invitations_planned = fields.Integer()


class MessageOut(Schema):
    """An answer that only tells the person what happened."""

    message = fields.String(metadata={"description": "In the request's language."})


class ConfirmIn(Schema):
    token = fields.String(
        required=True,
        validate=validate.Length(min=1, max=1000),
        metadata={
            "description": "The token of the link in the confirmation e-mail (/auth/confirm/<token>)."
        },
    )


class ConfirmOut(Schema):
    id = fields.Integer()
    email = fields.String()
    email_confirmed = fields.Boolean()


class PasswordResetIn(Schema):
    email = fields.String(required=True, validate=validate.Length(max=254))


class PasswordResetConfirmIn(Schema):
    token = fields.String(
        required=True,
        validate=validate.Length(min=1, max=1000),
        metadata={
            "description": "The token of the link in the reset e-mail (/auth/reset/<token>)."
        },
    )
    password = fields.String(required=True, validate=validate.Length(max=256))


class ConsentIn(Schema):
    consent = StrictBool(
        required=True, metadata={"description": "Must be true: agreeing to the notice."}
    )
    keep_two_years = StrictBool(
        required=True,
        metadata={
            "description": "If not selected, keep the data 2 years for later campaigns (else 3 months)."
        },
    )


class ConsentGivenOut(Schema):
    text_version = fields.String()
    locale = fields.String()
    keep_two_years = fields.Boolean()
    given_at = fields.DateTime()


class OptionalConsentOut(Schema):
    name = fields.String(metadata={"description": "keep_two_years | directory"})
    given = fields.Boolean(metadata={"description": "True while the choice is in force."})
    since = fields.DateTime(allow_none=True)
    label = fields.String()
    effect = fields.String(metadata={"description": "What withdrawing it does (or did)."})
    withdraw_url = fields.String(metadata={"description": "DELETE it to withdraw the choice."})


class ConsentOut(Schema):
    version = fields.String(metadata={"description": "Version of the current notice."})
    needs_consent = fields.Boolean(
        metadata={"description": "True until the current version is agreed to."}
    )
    notice_url = fields.String(metadata={"description": "The notice (purpose, retention, rights)."})
    retention_months = fields.Integer(
        metadata={"description": "Months the data is kept after a campaign when not selected."}
    )
    keep_two_years_years = fields.Integer(
        metadata={"description": "Years it is kept with keep_two_years."}
    )
    current = fields.Nested(
        ConsentGivenOut,
        allow_none=True,
        metadata={"description": "The consent in force (null when none)."},
    )
    optional = fields.List(
        fields.Nested(OptionalConsentOut),
        metadata={"description": "The optional consents, each withdrawable on its own."},
    )


class ApplicationCreatedOut(Schema):
    id = fields.Integer()
    status = fields.String()


class TimelineStepOut(Schema):
    key = fields.String()
    label = fields.String(metadata={"description": "In the request's language."})
    state = fields.String(metadata={"description": "done, current, todo or no"})
    at = fields.String(allow_none=True)


class MyApplicationOut(Schema):
    application = fields.Nested(ApplicationOut, allow_none=True)
    timeline = fields.List(fields.Nested(TimelineStepOut))


class ExportOut(Schema):
    """Documentation of the RGPD export; the answer is never filtered through it."""

    account = fields.Dict()
    profile = fields.Dict(allow_none=True)
    consents = fields.List(fields.Dict())
    applications = fields.List(fields.Dict())
    games = fields.List(fields.Dict())
    emails = fields.List(fields.Dict())
    api_tokens = fields.List(fields.Dict())
    piscine = fields.Dict(metadata={"description": "invitations and bookings"})
    grading = fields.Dict(metadata={"description": "submissions with their runs; day results"})
    exams = fields.Dict(metadata={"description": "attempts, levels drawn, tries"})
    selection = fields.Dict(metadata={"description": "decisions (all revisions) and offers"})
    directory = fields.Dict(allow_none=True)
    history = fields.List(fields.Dict())


# ---------------------------------------------------------------- shared by the staff resources

DT = {"format": "date-time"}


def bounded_int(
    *, min: int = bounds.INT_MIN, max: int = bounds.INT_MAX, **kwargs
) -> fields.Integer:
    """An integer of the request (query or body) within [min, max], by default the database's
    INTEGER (32 bits, core/bounds):
    outside, the answer is a 422 naming the field, and the OpenAPI document shows the bounds."""
    return fields.Integer(validate=validate.Range(min=min, max=max), **kwargs)


def id_field(**kwargs) -> fields.Integer:
    """An id of the request: a whole number from 1 to 2**31 - 1 (core/bounds)."""
    return bounded_int(min=bounds.ID_MIN, max=bounds.ID_MAX, **kwargs)


class PageQuery(Schema):
    class Meta:
        unknown = EXCLUDE

    page = bounded_int(min=1, max=paging.PAGE_MAX, load_default=1)
    per_page = bounded_int(
        min=1,
        load_default=paging.PER_PAGE_DEFAULT,
        metadata={"description": f"capped at {paging.PER_PAGE_MAX}"},
    )


def page_json(page: paging.Page, items: list) -> dict:
    """A page of results as the API answers it."""
    return {"items": items, "page": page.page, "per_page": page.per_page, "total": page.total}
