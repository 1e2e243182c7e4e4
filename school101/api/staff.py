"""API twins of the staff and admin pages (bearer token of a staff/admin, or admin, user).

Staff: campaigns (list, read, create, change), the funnel, applications (filtered list,
CSV export, detail, notes, decisions), eligibility exceptions, the outbox, the audit log.
Admin: users (list, create), roles. A token without the role gets 403, no token 401;
errors are always JSON. Datetimes are ISO 8601 with their UTC offset.
"""
from __future__ import annotations

from flask import Response, g
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint
from marshmallow import EXCLUDE, Schema, fields, validate, validates_schema
from marshmallow import ValidationError as MarshmallowValidationError

from ..extensions import db
from ..models.admissions import APPLICATION_STATUSES
from ..models.user import ROLES, SITUATIONS
from ..services import review
from ..services.errors import NotFound
from .auth_helpers import BEARER, token_required

blp = Blueprint("api_staff", __name__, url_prefix="/api/v1", description="Staff and admin")

STAFF = ("staff", "admin")
DT = {"format": "date-time"}


# ---------------------------------------------------------------- schemas


class CampaignIn(Schema):
    """Every campaign setting; datetimes must carry a timezone (stored in UTC)."""

    name = fields.String(required=True, validate=validate.Length(min=1, max=120))
    opens_at = fields.AwareDateTime(required=True)
    closes_at = fields.AwareDateTime(required=True)
    age_min = fields.Integer(required=True, strict=True)
    age_max = fields.Integer(required=True, strict=True)
    age_reference_date = fields.Date(required=True, format="%Y-%m-%d")
    memory_attempts = fields.Integer(required=True, strict=True)
    logic_attempts = fields.Integer(required=True, strict=True)
    memory_levels = fields.Integer(required=True, strict=True)
    logic_levels = fields.Integer(required=True, strict=True)
    invitations_planned = fields.Integer(required=True, strict=True)


class CampaignPatchIn(CampaignIn):
    """Any subset of the campaign settings."""


class CampaignStaffOut(Schema):
    id = fields.Integer()
    name = fields.String()
    opens_at = fields.String(metadata=DT)
    closes_at = fields.String(metadata=DT)
    is_open = fields.Boolean()
    age_min = fields.Integer()
    age_max = fields.Integer()
    age_reference_date = fields.String(metadata={"format": "date"})
    memory_attempts = fields.Integer()
    logic_attempts = fields.Integer()
    memory_levels = fields.Integer()
    logic_levels = fields.Integer()
    invitations_planned = fields.Integer()
    eligibility = fields.Dict()
    games = fields.Dict()
    created_at = fields.String(metadata=DT)
    updated_at = fields.String(metadata=DT)


class FunnelQuery(Schema):
    campaign_id = fields.Integer(metadata={"description": "default: the open campaign, else the latest"})


class FunnelStepOut(Schema):
    key = fields.String()
    label = fields.String()
    count = fields.Integer()
    percent = fields.Float()


class FunnelOut(Schema):
    campaign = fields.Dict()
    invitations_planned = fields.Integer()
    steps = fields.List(fields.Nested(FunnelStepOut))


class ApplicationsQuery(Schema):
    class Meta:
        unknown = EXCLUDE

    campaign_id = fields.Integer(metadata={"description": "default: the open campaign, else the latest"})
    status = fields.String(validate=validate.OneOf(APPLICATION_STATUSES))
    age_band = fields.String(validate=validate.OneOf(list(review.AGE_BANDS)),
                             metadata={"description": "age on the campaign's reference date"})
    situation = fields.String(validate=validate.OneOf(SITUATIONS))
    place = fields.String(validate=validate.Length(max=5),
                          metadata={"description": "postcode prefix or département (69, 690, 2A)"})
    memory_min = fields.Integer(validate=validate.Range(min=0))
    logic_min = fields.Integer(validate=validate.Range(min=0))
    q = fields.String(validate=validate.Length(max=review.SEARCH_MAX),
                      metadata={"description": "words to find in names and e-mail"})
    sort = fields.String(validate=validate.OneOf(review.SORTS))
    direction = fields.String(validate=validate.OneOf(review.DIRECTIONS))


class PageQuery(Schema):
    class Meta:
        unknown = EXCLUDE

    page = fields.Integer(load_default=1, validate=validate.Range(min=1))
    per_page = fields.Integer(load_default=review.PER_PAGE_DEFAULT, validate=validate.Range(min=1),
                              metadata={"description": f"capped at {review.PER_PAGE_MAX}"})


class ApplicationsPageQuery(ApplicationsQuery, PageQuery):
    pass


class ApplicationRowOut(Schema):
    id = fields.Integer()
    campaign_id = fields.Integer()
    user_id = fields.Integer()
    status = fields.String()
    first_name = fields.String()
    last_name = fields.String()
    email = fields.String()
    birth_date = fields.String(allow_none=True, metadata={"format": "date"})
    age = fields.Integer(allow_none=True)
    age_band = fields.String()
    city = fields.String()
    postcode = fields.String()
    department = fields.String()
    situation = fields.String()
    memory_score = fields.Integer(allow_none=True)
    logic_score = fields.Integer(allow_none=True)
    combined_score = fields.Integer(allow_none=True)
    logic_instructions = fields.Integer(allow_none=True)
    logic_time_ms = fields.Integer(allow_none=True)
    games_completed_at = fields.String(allow_none=True, metadata=DT)
    created_at = fields.String(metadata=DT)
    updated_at = fields.String(metadata=DT)


class ApplicationsPageOut(Schema):
    items = fields.List(fields.Nested(ApplicationRowOut))
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()
    campaign_id = fields.Integer(allow_none=True)


class NoteIn(Schema):
    body = fields.String(required=True)


class NoteOut(Schema):
    id = fields.Integer()
    body = fields.String()
    created_at = fields.String(metadata=DT)
    author_id = fields.Integer(allow_none=True)
    author = fields.String(allow_none=True)


class ExceptionOut(Schema):
    id = fields.Integer()
    user_id = fields.Integer()
    campaign_id = fields.Integer()
    reason = fields.String()
    granted_by_id = fields.Integer(allow_none=True)
    granted_at = fields.String(metadata=DT)


class AuditOut(Schema):
    id = fields.Integer()
    at = fields.String(metadata=DT)
    action = fields.String()
    actor_id = fields.Integer(allow_none=True)
    actor = fields.String(allow_none=True)
    target_type = fields.String()
    target_id = fields.Integer(allow_none=True)
    before = fields.Raw(allow_none=True)
    after = fields.Raw(allow_none=True)
    reason = fields.String()


class ApplicationDetailOut(ApplicationRowOut):
    motivation = fields.String()
    campaign = fields.Dict()
    profile = fields.Dict()
    games = fields.Dict(metadata={"description": "per game, every attempt with per-level detail"})
    notes = fields.List(fields.Nested(NoteOut))
    eligibility_exception = fields.Nested(ExceptionOut, allow_none=True)
    history = fields.List(fields.Nested(AuditOut))
    piscine_invitations = fields.List(fields.Dict(), metadata={
        "description": "the person's piscine invitations: piscine_id, piscine, status, starts_on"})


class DecisionIn(Schema):
    status = fields.String(required=True, validate=validate.OneOf(review.DECISIONS))
    reason = fields.String(required=True)
    piscine_id = fields.Integer(strict=True, allow_none=True, metadata={
        "description": "with status invited: also invite to this piscine session (not over yet), "
                       "which e-mails the invitation"})


class ExceptionIn(Schema):
    """The person by application_id, user_id or email (one of them); the campaign by id
    (implied by application_id)."""

    reason = fields.String(required=True)
    application_id = fields.Integer()
    user_id = fields.Integer()
    email = fields.String(validate=validate.Length(max=254))
    campaign_id = fields.Integer()

    @validates_schema
    def one_person(self, data, **kwargs):
        given = [k for k in ("application_id", "user_id", "email") if data.get(k) not in (None, "")]
        if len(given) != 1:
            raise MarshmallowValidationError(_("Give exactly one of application_id, user_id, email."),
                                             field_name="person")
        if given[0] != "application_id" and data.get("campaign_id") is None:
            raise MarshmallowValidationError(_("campaign_id is required."), field_name="campaign_id")


class MailOut(Schema):
    id = fields.Integer()
    created_at = fields.String(metadata=DT)
    to = fields.String()
    kind = fields.String()
    locale = fields.String()
    subject = fields.String()
    transport = fields.String()
    status = fields.String(metadata={"description": "pending | sent | failed (outbox only: sent)"})
    attempts = fields.Integer(metadata={"description": "SMTP delivery attempts so far"})
    last_attempt_at = fields.String(allow_none=True, metadata=DT)
    sent_at = fields.String(allow_none=True, metadata=DT)
    error = fields.String()
    body = fields.String()


class MailPageOut(Schema):
    items = fields.List(fields.Nested(MailOut))
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()


class OutboxQuery(PageQuery):
    to = fields.String(validate=validate.Length(max=review.SEARCH_MAX))


class AuditQuery(PageQuery):
    action = fields.String(validate=validate.Length(max=60),
                           metadata={"description": "exact action, or a family ending in '.'"})


class AuditPageOut(Schema):
    items = fields.List(fields.Nested(AuditOut))
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()


class UserOut(Schema):
    id = fields.Integer()
    email = fields.String()
    first_name = fields.String()
    last_name = fields.String()
    roles = fields.List(fields.String())
    active = fields.Boolean()
    email_confirmed = fields.Boolean()
    created_at = fields.String(metadata=DT)
    last_login_at = fields.String(allow_none=True, metadata=DT)


class UsersQuery(PageQuery):
    q = fields.String(validate=validate.Length(max=review.SEARCH_MAX))
    role = fields.String(validate=validate.OneOf(ROLES))


class UsersPageOut(Schema):
    items = fields.List(fields.Nested(UserOut))
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()


class UserIn(Schema):
    email = fields.String(required=True, validate=validate.Length(max=254))
    password = fields.String(required=True, validate=validate.Length(max=256))
    roles = fields.List(fields.String(validate=validate.OneOf(review.STAFF_CREATABLE_ROLES)),
                        required=True, validate=validate.Length(min=1))
    first_name = fields.String(load_default="", validate=validate.Length(max=100))
    last_name = fields.String(load_default="", validate=validate.Length(max=100))


class RolesIn(Schema):
    roles = fields.List(fields.String(validate=validate.OneOf(ROLES)), required=True,
                        validate=validate.Length(min=1))
    reason = fields.String(required=True)


def _page_json(page: review.Page, items: list) -> dict:
    return {"items": items, "page": page.page, "per_page": page.per_page, "total": page.total}


# ---------------------------------------------------------------- campaigns


@blp.get("/campaigns")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.response(200, CampaignStaffOut(many=True))
def campaigns_list():
    """Every campaign, newest first (staff)."""
    return [review.campaign_json(c) for c in review.campaigns(g.api_user)]


@blp.post("/campaigns")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(CampaignIn)
@blp.response(201, CampaignStaffOut)
@blp.alt_response(422, description="Invalid or inconsistent settings (per-field messages)")
def campaigns_create(data):
    """Create a campaign (staff); audited."""
    campaign = review.create_campaign(data, actor=g.api_user)
    db.session.commit()
    return review.campaign_json(campaign)


@blp.get("/campaigns/<int:campaign_id>")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.response(200, CampaignStaffOut)
@blp.alt_response(404, description="No such campaign")
def campaigns_get(campaign_id: int):
    """One campaign with all its settings (staff)."""
    return review.campaign_json(review.pick_campaign(g.api_user, campaign_id))


@blp.patch("/campaigns/<int:campaign_id>")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(CampaignPatchIn(partial=True))
@blp.response(200, CampaignStaffOut)
@blp.alt_response(422, description="Invalid or inconsistent settings; nothing is changed")
def campaigns_patch(data, campaign_id: int):
    """Change some settings of a campaign (staff); audited with before/after."""
    campaign = review.update_campaign(campaign_id, data, actor=g.api_user)
    db.session.commit()
    return review.campaign_json(campaign)


# ---------------------------------------------------------------- funnel and applications


@blp.get("/staff/funnel")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(FunnelQuery, location="query")
@blp.response(200, FunnelOut)
@blp.alt_response(404, description="No campaign")
def funnel(args):
    """registered -> consented -> applied -> games completed, then invited / not selected."""
    campaign = review.pick_campaign(g.api_user, args.get("campaign_id"))
    if campaign is None:
        raise NotFound(_l("There is no campaign yet."), code="no_campaign")
    return review.funnel_json(campaign, review.funnel(campaign, actor=g.api_user))


def _campaign_and_filters(args: dict):
    campaign = review.pick_campaign(g.api_user, args.get("campaign_id"))
    filters = review.parse_filters({k: v for k, v in args.items() if k in review.FILTER_NAMES})
    return campaign, filters


@blp.get("/applications")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(ApplicationsPageQuery, location="query")
@blp.response(200, ApplicationsPageOut)
def applications_list(args):
    """A campaign's applications: filters, search, sort and pagination (staff)."""
    campaign, filters = _campaign_and_filters(args)
    if campaign is None:
        return {"items": [], "page": 1, "per_page": args["per_page"], "total": 0, "campaign_id": None}
    page = review.list_applications(campaign, filters, actor=g.api_user, page=args["page"],
                                    per_page=args["per_page"])
    data = _page_json(page, [review.application_row(a) for a in page.items])
    data["campaign_id"] = campaign.id
    return data


@blp.get("/applications/export")
@blp.doc(security=BEARER, responses={"200": {"description": "UTF-8 CSV with BOM, ';' separated",
                                             "content": {"text/csv": {"schema": {"type": "string"}}}}})
@token_required(*STAFF)
@blp.arguments(ApplicationsQuery, location="query")
def applications_export(args):
    """The filtered applications as CSV (same filters as the list, no pagination); audited."""
    campaign, filters = _campaign_and_filters(args)
    if campaign is None:
        raise NotFound(_l("There is no campaign yet."), code="no_campaign")
    text = review.export_csv(campaign, filters, actor=g.api_user)
    db.session.commit()
    return Response(text.encode("utf-8"), headers={
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": f'attachment; filename="{review.export_filename(campaign)}"'})


@blp.get("/applications/<int:application_id>")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.response(200, ApplicationDetailOut)
@blp.alt_response(404, description="No such application")
def applications_get(application_id: int):
    """One application: profile, games with per-level detail, notes, exception, history."""
    return review.application_detail(application_id, actor=g.api_user)


@blp.post("/applications/<int:application_id>/notes")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(NoteIn)
@blp.response(201, NoteOut)
@blp.alt_response(422, description="Empty or too long note")
def applications_note(data, application_id: int):
    """Add a staff note to an application; audited."""
    note = review.add_note(application_id, data["body"], actor=g.api_user)
    db.session.commit()
    return review.note_json(note)


@blp.post("/applications/<int:application_id>/decision")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(DecisionIn)
@blp.response(200, ApplicationRowOut)
@blp.alt_response(409, description="Already this status, or withdrawn")
@blp.alt_response(422, description="Missing reason or unknown decision")
def applications_decision(data, application_id: int):
    """Invite or not select an applicant, with a written reason; audited before/after."""
    application = review.decide(application_id, data["status"], data["reason"], actor=g.api_user,
                                piscine_id=data.get("piscine_id"))
    db.session.commit()
    return review.application_row(application)


class ExceptionsQuery(Schema):
    campaign_id = fields.Integer(metadata={"description": "default: the open campaign, else the latest"})


class ExceptionListOut(ExceptionOut):
    email = fields.String()
    first_name = fields.String()
    last_name = fields.String()


@blp.get("/eligibility-exceptions")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(ExceptionsQuery, location="query")
@blp.response(200, ExceptionListOut(many=True))
@blp.alt_response(404, description="No such campaign")
def exceptions_list(args):
    """The eligibility exceptions granted for a campaign, newest first (staff)."""
    campaign = review.pick_campaign(g.api_user, args.get("campaign_id"))
    if campaign is None:
        return []
    return [dict(review.exception_json(row), email=person.email, first_name=person.first_name,
                 last_name=person.last_name)
            for row, person in review.campaign_exceptions(campaign, actor=g.api_user)]


@blp.post("/eligibility-exceptions")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(ExceptionIn)
@blp.response(201, ExceptionOut)
@blp.alt_response(404, description="No such person, campaign or application")
@blp.alt_response(409, description="An exception already exists")
@blp.alt_response(422, description="Missing reason")
def exceptions_create(data):
    """Let a person outside the age rules apply to a campaign; the reason is mandatory."""
    row = review.grant_exception(actor=g.api_user, reason=data["reason"],
                                 application_id=data.get("application_id"),
                                 user_id=data.get("user_id"), email=data.get("email"),
                                 campaign_id=data.get("campaign_id"))
    db.session.commit()
    return review.exception_json(row)


# ---------------------------------------------------------------- outbox and audit log


@blp.get("/staff/outbox")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(OutboxQuery, location="query")
@blp.response(200, MailPageOut)
def outbox_list(args):
    """The mails the platform sent, newest first (bodies on the single-mail endpoint)."""
    page = review.outbox(actor=g.api_user, page=args["page"], per_page=args["per_page"],
                         to=args.get("to", ""))
    return _page_json(page, [review.mail_json(m) for m in page.items])


@blp.get("/staff/outbox/<int:mail_id>")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.response(200, MailOut)
@blp.alt_response(404, description="No such mail")
def outbox_get(mail_id: int):
    """One mail with its body."""
    return review.mail_json(review.outbox_mail(mail_id, actor=g.api_user), body=True)


@blp.post("/staff/outbox/<int:mail_id>/retry")
@blp.doc(security=BEARER)
@token_required("admin")
@blp.response(200, MailOut)
@blp.alt_response(404, description="No such mail")
@blp.alt_response(409, description="Not a failed mail (not_failed), no SMTP server (no_smtp), or no "
                                   "recipient any more (no_recipient)")
def outbox_retry(mail_id: int):
    """Admins: deliver a failed mail again (audited); it goes out after the commit."""
    from ..services import mail as mail_service

    mail = mail_service.retry_delivery(mail_id, actor=g.api_user)
    db.session.commit()
    return review.mail_json(mail)


@blp.get("/staff/audit")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(AuditQuery, location="query")
@blp.response(200, AuditPageOut)
def audit_list(args):
    """The audit log, newest first, optionally for one action or a family of actions."""
    page = review.audit_log(actor=g.api_user, action=args.get("action", ""), page=args["page"],
                            per_page=args["per_page"])
    return _page_json(page, [review.audit_json(r) for r in page.items])


# ---------------------------------------------------------------- admin


@blp.get("/admin/users")
@blp.doc(security=BEARER)
@token_required("admin")
@blp.arguments(UsersQuery, location="query")
@blp.response(200, UsersPageOut)
def users_list(args):
    """Accounts, searchable on name and e-mail, filtered by role (admin)."""
    page = review.users(actor=g.api_user, q=args.get("q", ""), role=args.get("role", ""),
                        page=args["page"], per_page=args["per_page"])
    return _page_json(page, [review.user_json(u) for u in page.items])


@blp.post("/admin/users")
@blp.doc(security=BEARER)
@token_required("admin")
@blp.arguments(UserIn)
@blp.response(201, UserOut)
@blp.alt_response(409, description="E-mail already used")
@blp.alt_response(422, description="Invalid fields")
def users_create(data):
    """Create a staff, admin or employer account (admin); audited."""
    user = review.create_account(actor=g.api_user, **data)
    db.session.commit()
    return review.user_json(user)


@blp.get("/admin/users/<int:user_id>")
@blp.doc(security=BEARER)
@token_required("admin")
@blp.response(200, UserOut)
@blp.alt_response(404, description="No such user")
def users_get(user_id: int):
    """One account (admin)."""
    return review.user_json(review.get_user(user_id, actor=g.api_user))


@blp.put("/admin/users/<int:user_id>/roles")
@blp.doc(security=BEARER)
@token_required("admin")
@blp.arguments(RolesIn)
@blp.response(200, UserOut)
@blp.alt_response(409, description="Unchanged roles")
@blp.alt_response(422, description="Unknown role, missing reason, or removing one's own admin role")
def users_roles(data, user_id: int):
    """Replace a user's roles with a written reason (admin); audited before/after."""
    user = review.change_roles(user_id, data["roles"], actor=g.api_user, reason=data["reason"])
    db.session.commit()
    return review.user_json(user)


class FailedRunOut(Schema):
    id = fields.Integer()
    exercise = fields.String()
    error = fields.String()
    verdict_status = fields.String(allow_none=True)
    finished_at = fields.String(allow_none=True)


class QueueOut(Schema):
    """Documentation of the queue overview (the answer is the service's, unfiltered)."""

    runs = fields.Dict(metadata={"description": "grading runs by status"})
    days = fields.Dict(metadata={"description": "day gradings by status"})
    days_per_minute_last_10 = fields.Float()
    failed_runs = fields.List(fields.Nested(FailedRunOut))
    rq = fields.Dict(allow_none=True, metadata={"description": "waiting, started, failed, scheduled, "
                                                              "workers; null when Redis is unreachable"})
    redis_error = fields.String()


@blp.get("/staff/queue")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.alt_response(200, schema=QueueOut, success=True, description="The queue overview")
def grading_queue_overview():
    """The grading queue: runs and day gradings by status, throughput, RQ queue and workers,
    latest failures."""
    from ..services.grading import queue_overview

    return queue_overview()
