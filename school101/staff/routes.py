"""Staff pages: dashboard with the funnel, campaigns, applications review, outbox, audit log.

Views are thin: they parse the request, call one function of services/admissions (or
messaging/staff_outbox, core/audit; each checks the staff role again), commit on success or
roll back on a ServiceError, and render.
"""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.widgets import TextInput

from school101.core import audit, clock
from school101.core.errors import ServiceError, ValidationFailed
from school101.core.paging import page_number
from school101.extensions import db
from school101.models import User
from school101.models._base import utcnow
from school101.models.admissions import APPLICATION_STATUSES
from school101.services.admissions import (
    application_file,
    bulk_decisions,
    decisions,
    exports,
    funnel,
    notes,
    review,
)
from school101.services.admissions import (
    campaigns as campaign_service,
)
from school101.services.admissions import (
    exceptions as exception_service,
)
from school101.services.identity import consent as consent_service
from school101.services.messaging import outbox as mail_service
from school101.services.messaging import staff_outbox
from school101.services.piscine import booking as piscine_booking
from school101.services.piscine import queries as piscine_queries
from school101.services.selection import blind as blind_mode
from school101.services.selection import dossier as selection_dossier
from school101.staff.blueprint import bp
from school101.staff.forms import (
    DAY_STATE_LABELS,
    MAIL_STATUS_LABELS,
    SITUATION_LABELS,
    STATUS_LABELS,
    CampaignForm,
    DecisionForm,
    ExceptionForm,
    FilterForm,
    GrantByEmailForm,
    MailRetryForm,
    NoteForm,
    with_ids,
)
from school101.staff.grading_routes import render_queue
from school101.web.authz import staff_required
from school101.web.form_errors import show_service_error

# ---------------------------------------------------------------- dashboard


@bp.get("/")
@staff_required
def index():
    """Staff home: the funnel of a campaign (the open one by default)."""
    campaign = campaign_service.pick_campaign(current_user, request.args.get("campaign"))
    steps = funnel.funnel(campaign, actor=current_user) if campaign else []
    return render_template(
        "staff/index.html",
        campaign=campaign,
        steps=steps,
        campaigns=campaign_service.campaigns(current_user),
    )


# ---------------------------------------------------------------- campaigns


@bp.get("/campaigns")
@staff_required
def campaigns():
    """Every campaign."""
    return render_template(
        "staff/campaigns.html", campaigns=campaign_service.campaigns(current_user), now=utcnow()
    )


def _campaign_data(form: CampaignForm) -> dict:
    return {
        "name": form.name.data,
        "opens_at": clock.paris_to_utc(form.opens_at.data),
        "closes_at": clock.paris_to_utc(form.closes_at.data),
        "age_min": form.age_min.data,
        "age_max": form.age_max.data,
        "age_reference_date": form.age_reference_date.data,
        "memory_attempts": form.memory_attempts.data,
        "logic_attempts": form.logic_attempts.data,
        "memory_levels": form.memory_levels.data,
        "logic_levels": form.logic_levels.data,
        "invitations_planned": form.invitations_planned.data,
    }


@bp.route("/campaigns/new", methods=["GET", "POST"])
@staff_required
def campaign_new():
    """Create a campaign."""
    form = CampaignForm()
    if request.method == "GET":
        form.age_min.data, form.age_max.data = 18, 30
        form.memory_attempts.data = form.logic_attempts.data = 2
        form.memory_levels.data, form.logic_levels.data = 12, 10
        form.invitations_planned.data = 400
    if form.validate_on_submit():
        try:
            campaign = campaign_service.create_campaign(_campaign_data(form), actor=current_user)
        except ValidationFailed as exc:
            db.session.rollback()
            show_service_error(form, exc)
        else:
            db.session.commit()
            flash(_("The campaign is created."), "success")
            return redirect(url_for("staff.campaign_edit", campaign_id=campaign.id))
    status = 422 if request.method == "POST" else 200
    return render_template("staff/campaign_form.html", form=form, campaign=None), status


@bp.route("/campaigns/<int:campaign_id>/edit", methods=["GET", "POST"])
@staff_required
def campaign_edit(campaign_id: int):
    """Edit a campaign's settings; also where eligibility exceptions are granted by e-mail."""
    campaign = campaign_service.pick_campaign(current_user, campaign_id)
    form = CampaignForm(obj=campaign) if request.method == "GET" else CampaignForm()
    if request.method == "GET":
        form.opens_at.data = clock.utc_to_paris_naive(campaign.opens_at)
        form.closes_at.data = clock.utc_to_paris_naive(campaign.closes_at)
    if form.validate_on_submit():
        try:
            campaign_service.update_campaign(campaign.id, _campaign_data(form), actor=current_user)
        except ValidationFailed as exc:
            db.session.rollback()
            show_service_error(form, exc)
        else:
            db.session.commit()
            flash(_("The campaign is saved."), "success")
            return redirect(url_for("staff.campaign_edit", campaign_id=campaign.id))
    status = 422 if request.method == "POST" else 200
    return _render_campaign_edit(campaign, form, GrantByEmailForm(formdata=None)), status


def _render_campaign_edit(campaign, form, grant_form):
    exceptions = exception_service.campaign_exceptions(campaign, actor=current_user)
    return render_template(
        "staff/campaign_form.html",
        form=form,
        campaign=campaign,
        grant_form=grant_form,
        exceptions=exceptions,
    )


@bp.post("/campaigns/<int:campaign_id>/exceptions")
@staff_required
def campaign_exception(campaign_id: int):
    """Grant an eligibility exception to a person (found by e-mail) for this campaign."""
    campaign = campaign_service.pick_campaign(current_user, campaign_id)
    grant_form = GrantByEmailForm()
    if grant_form.validate_on_submit():
        try:
            exception_service.grant_exception(
                actor=current_user,
                reason=grant_form.reason.data,
                email=grant_form.email.data,
                campaign_id=campaign.id,
            )
        except ServiceError as exc:
            db.session.rollback()
            if "user" in exc.fields:
                exc.fields["email"] = exc.fields.pop("user")
            show_service_error(grant_form, exc)
        else:
            db.session.commit()
            flash(_("The eligibility exception is recorded."), "success")
            return redirect(url_for("staff.campaign_edit", campaign_id=campaign.id))
    form = CampaignForm(obj=campaign, formdata=None)
    form.opens_at.data = clock.utc_to_paris_naive(campaign.opens_at)
    form.closes_at.data = clock.utc_to_paris_naive(campaign.closes_at)
    return _render_campaign_edit(campaign, form, grant_form), 422


# ---------------------------------------------------------------- applications


def _list_context(args=None):
    """Campaign, filters and filter form from the query string (errors go on the form)."""
    args = request.args if args is None else args
    campaign = campaign_service.pick_campaign(current_user, args.get("campaign"))
    form = FilterForm(args)
    try:
        filters = review.parse_filters(args)
    except ValidationFailed as exc:
        show_service_error(form, exc)
        filters = None
    return campaign, form, filters


def _list_args(campaign, filters) -> dict:
    """The list's own query arguments (campaign and the non-default filters), for links."""
    if campaign is None or filters is None:
        return {}
    return dict(filters.as_args(), campaign=campaign.id)


_CHIP_VALUES = {"status": STATUS_LABELS, "situation": SITUATION_LABELS}


def _chips(form: FilterForm, args: dict) -> list[dict]:
    """The active filters as removable chips (the sort is shown on the header cell instead)."""
    chips = []
    for key, value in args.items():
        if key in ("campaign", "sort", "direction"):
            continue
        shown = _CHIP_VALUES.get(key, {}).get(value, value)
        rest = {k: v for k, v in args.items() if k != key}
        chips.append(
            {
                "label": _(
                    "%(field)s: %(value)s", field=getattr(form, key).label.text, value=shown
                ),
                "remove_url": url_for("staff.applications", **rest),
            }
        )
    return chips


def _render_applications(*, bulk_form=None, selected=(), status: int = 200):
    campaign, form, filters = _list_context()
    page = None
    args = _list_args(campaign, filters)
    if campaign is not None and filters is not None:
        try:
            page = review.list_applications(
                campaign, filters, actor=current_user, page=page_number(request.args.get("page"))
            )
        except ValidationFailed as exc:
            show_service_error(form, exc)
    rows = [review.application_row(a) for a in page.items] if page else []
    if form.errors:
        status = 422
    return render_template(
        "staff/applications.html",
        campaign=campaign,
        form=form,
        page=page,
        rows=rows,
        filters=filters,
        args=args,
        chips=_chips(form, args),
        campaigns=campaign_service.campaigns(current_user),
        bulk_form=bulk_form or _decision_form(submitted=False, prefix="bulk"),
        selected={str(i) for i in selected},
    ), status


@bp.get("/applications")
@staff_required
def applications():
    """The applications of a campaign as a work surface: filters and chips, sortable dense
    table, row selection with a bulk decision, saved filters, CSV export, pagination."""
    return _render_applications()


@bp.post("/applications/decisions")
@staff_required
def applications_decide():
    """The same decision for the ticked applications (each one audited); the list's filters
    ride in the query string, so the person comes back to the same list."""
    form = _decision_form(prefix="bulk")
    selected = request.form.getlist("application_ids")
    if form.validate_on_submit():
        try:
            outcome = bulk_decisions.decide_many(
                selected,
                form.status.data,
                form.reason.data,
                actor=current_user,
                piscine_id=form.piscine_id.data or None,
            )
        except ValidationFailed as exc:
            db.session.rollback()
            if "application_ids" in exc.fields:  # no form field: the ticks are in the table
                flash(str(exc.fields.pop("application_ids")), "error")
            if exc.fields:
                show_service_error(form, exc)
        else:
            db.session.commit()
            _flash_bulk_outcome(outcome)
            campaign, _form, filters = _list_context()
            back = dict(_list_args(campaign, filters), page=page_number(request.args.get("page")))
            return redirect(url_for("staff.applications", **back, _anchor="bulk-decision"))
    return _render_applications(bulk_form=form, selected=selected, status=422)


REFUSALS_SHOWN = 10


def _flash_bulk_outcome(outcome: bulk_decisions.BulkOutcome) -> None:
    """One summary message, then each refusal with its reason (the first few)."""
    flash(
        ngettext("%(num)d decision recorded.", "%(num)d decisions recorded.", len(outcome.decided))
        + (
            " "
            + ngettext(
                "%(num)d application refused it:",
                "%(num)d applications refused it:",
                len(outcome.refused),
            )
            if outcome.refused
            else ""
        ),
        "success" if outcome.decided else "error",
    )
    for application_id, message in outcome.refused[:REFUSALS_SHOWN]:
        flash(_("Application #%(id)d: %(message)s", id=application_id, message=message), "error")
    if len(outcome.refused) > REFUSALS_SHOWN:
        flash(_("… and %(n)d more.", n=len(outcome.refused) - REFUSALS_SHOWN), "error")


@bp.get("/applications/export.csv")
@staff_required
def applications_csv():
    """The filtered list as a CSV file for Excel (UTF-8 with BOM, ";" separated)."""
    campaign, _form, filters = _list_context()
    if campaign is None:
        flash(_("There is no campaign yet."), "error")
        return redirect(url_for("staff.applications"))
    if filters is None:
        return redirect(url_for("staff.applications", **request.args))
    text = exports.export_csv(campaign, filters, actor=current_user)
    db.session.commit()
    return Response(
        text.encode("utf-8"),
        mimetype="text/csv",
        headers={
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": f'attachment; filename="{exports.export_filename(campaign)}"',
        },
    )


def _decision_form(*, submitted: bool = True, prefix: str = "") -> DecisionForm:
    """The decision form with the piscine sessions staff can still invite to."""
    form = DecisionForm(prefix=prefix) if submitted else DecisionForm(formdata=None, prefix=prefix)
    form.piscine_id.choices = [("", _("— Later —"))] + [
        (str(p.id), f"{p.name} ({format_date(p.starts_on, 'medium')})")
        for p in decisions.open_piscines()
    ]
    if prefix == "bulk":  # one line in the list's sticky bar
        form.reason.widget = TextInput()
    return form


def _detail_args() -> dict:
    """The list an application was opened from, as the detail page's query arguments: its
    filters and sort (the campaign is the application's own) and its page."""
    try:
        args = review.parse_filters(request.args).as_args()
    except ValidationFailed:
        args = {}
    page = page_number(request.args.get("page"))
    if page > 1:
        args["page"] = page
    return args


def _came_from(application) -> dict:
    """The list the person opened the application from (its filters and sort from the query
    string, the default order otherwise) and where the application stands in it."""
    campaign = campaign_service.pick_campaign(current_user, application["campaign"]["id"])
    args = _detail_args()
    filters = review.parse_filters(args)
    around = review.neighbours(campaign, filters, application["id"], actor=current_user)
    return {"args": args, "around": around}


def _piscines_of(detail: dict) -> list[dict]:
    """What the person did in the piscines they were seated in: days and verdicts, exams; a
    piscine in blind mode shows none of it here (this page names the person)."""
    parts = []
    user = db.session.get(User, detail["user_id"])
    for invitation in detail["piscine_invitations"]:
        piscine = piscine_queries.get_piscine(invitation["piscine_id"])
        booking = piscine_booking.booking_of(user, piscine.id)
        if booking is None or booking.status != "booked":
            continue
        if blind_mode.blind_round_for(piscine.id) is not None:
            parts.append({"piscine": piscine, "blind": True})
            continue
        dossier = selection_dossier.candidate_dossier(
            piscine, user.id, blind=False, actor=current_user
        )
        parts.append(
            {
                "piscine": piscine,
                "blind": False,
                "results": dossier["results"],
                "progress": dossier["progress"],
                "exams": dossier["exams"],
            }
        )
    return parts


def _render_application(
    application_id: int,
    *,
    note_form=None,
    exception_form=None,
    decision_form=None,
    status: int = 200,
):
    detail = application_file.application_detail(application_id, actor=current_user)
    came_from = _came_from(detail)
    around = came_from["around"]
    list_args = came_from["args"]

    def neighbour_url(other_id):
        if other_id is None:
            return None
        return url_for("staff.application", application_id=other_id, **list_args)

    return render_template(
        "staff/application.html",
        a=detail,
        list_args=list_args,
        around=around,
        prev_url=neighbour_url(around.previous_id),
        next_url=neighbour_url(around.next_id),
        piscines=_piscines_of(detail),
        day_states=DAY_STATE_LABELS,
        note_form=with_ids(note_form or NoteForm(formdata=None), "note"),
        exception_form=with_ids(exception_form or ExceptionForm(formdata=None), "exception"),
        decision_form=with_ids(decision_form or _decision_form(submitted=False), "decision"),
        statuses=APPLICATION_STATUSES,
    ), status


def _back_to_application(application_id: int, anchor: str):
    """The application page again, in the same list, with the focus where the person was."""
    return redirect(
        url_for(
            "staff.application", application_id=application_id, **_detail_args(), _anchor=anchor
        )
    )


@bp.get("/applications/<int:application_id>")
@staff_required
def application(application_id: int):
    """One application on one screen: identity, games with flags, piscine days and exams,
    notes, history and the decision form; j/k go through the list it was opened from."""
    return _render_application(application_id)


@bp.post("/applications/<int:application_id>/notes")
@staff_required
def application_note(application_id: int):
    """Add a staff note."""
    form = NoteForm()
    if form.validate_on_submit():
        try:
            notes.add_note(application_id, form.body.data, actor=current_user)
        except ServiceError as exc:
            db.session.rollback()
            show_service_error(form, exc)
        else:
            db.session.commit()
            flash(_("The note is added."), "success")
            return _back_to_application(application_id, "notes")
    return _render_application(application_id, note_form=form, status=422)


@bp.post("/applications/<int:application_id>/exception")
@staff_required
def application_exception(application_id: int):
    """Grant an eligibility exception to the applicant, with a mandatory reason."""
    form = ExceptionForm()
    if form.validate_on_submit():
        try:
            exception_service.grant_exception(
                actor=current_user, reason=form.reason.data, application_id=application_id
            )
        except ServiceError as exc:
            db.session.rollback()
            show_service_error(form, exc)
        else:
            db.session.commit()
            flash(_("The eligibility exception is recorded."), "success")
            return _back_to_application(application_id, "exception")
    return _render_application(application_id, exception_form=form, status=422)


@bp.post("/applications/<int:application_id>/decision")
@staff_required
def application_decision(application_id: int):
    """Invite or not select, with a written reason."""
    form = _decision_form()
    if form.validate_on_submit():
        try:
            decisions.decide(
                application_id,
                form.status.data,
                form.reason.data,
                actor=current_user,
                piscine_id=form.piscine_id.data or None,
            )
        except ServiceError as exc:
            db.session.rollback()
            show_service_error(form, exc)
        else:
            db.session.commit()
            flash(_("The decision is recorded."), "success")
            return _back_to_application(application_id, "decision")
    return _render_application(application_id, decision_form=form, status=422)


# ---------------------------------------------------------------- outbox and audit log


@bp.get("/outbox")
@staff_required
def outbox():
    """The mails the platform sent, with their delivery status (the dev outbox without SMTP)."""
    to, status = request.args.get("to", ""), request.args.get("status", "")
    page = staff_outbox.outbox(
        actor=current_user, page=request.args.get("page", 1), to=to, status=status
    )
    args = {k: v for k, v in (("to", to), ("status", status)) if v}
    return render_template(
        "staff/outbox.html",
        page=page,
        to=to,
        status=status,
        args=args,
        mail_status_labels=MAIL_STATUS_LABELS,
    )


@bp.get("/outbox/<int:mail_id>")
@staff_required
def outbox_mail(mail_id: int):
    """One mail, as sent (secret links hidden), with its delivery attempts (admins may send a
    failed one again)."""
    mail = staff_outbox.outbox_mail(mail_id, actor=current_user)
    return render_template(
        "staff/outbox_mail.html",
        mail=mail,
        body=staff_outbox.shown_body(mail),
        mail_status_labels=MAIL_STATUS_LABELS,
        smtp=mail_service.smtp_configured(),
        retry_form=MailRetryForm(),
    )


@bp.post("/outbox/<int:mail_id>/retry")
@staff_required
def outbox_retry(mail_id: int):
    """Admins: deliver a failed mail again (audited); it goes out after the commit."""
    if not MailRetryForm().validate_on_submit():
        flash(_("The form has expired; please try again."), "error")
    else:
        try:
            mail_service.retry_delivery(mail_id, actor=current_user)
        except ServiceError as exc:
            db.session.rollback()
            if exc.status in (403, 404):
                raise
            flash(str(exc.message), "error")
        else:
            db.session.commit()
            flash(_("The mail will be sent again."), "success")
    return redirect(url_for("staff.outbox_mail", mail_id=mail_id))


@bp.get("/consent-texts/<sha256>")
@staff_required
def consent_text(sha256: str):
    """The exact words of a data-processing notice someone agreed to (by its SHA-256)."""
    return render_template("staff/consent_text.html", notice=consent_service.stored_notice(sha256))


@bp.get("/audit")
@staff_required
def audit_log():
    """The audit trail, filtered by action."""
    action = request.args.get("action", "")
    page = audit.audit_log(actor=current_user, action=action, page=request.args.get("page", 1))
    return render_template(
        "staff/audit.html",
        page=page,
        action=action,
        actions=audit.audit_actions(actor=current_user),
        args={"action": action} if action else {},
    )


@bp.get("/queue")
@staff_required
def queue():
    """The grading queue: waiting, running, failed (each with a re-grade form), throughput, workers."""
    return render_queue()
