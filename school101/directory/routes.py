"""Directory pages. Views are thin: parse the form, call one service function, render."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup, escape

from school101.core import paging
from school101.core.errors import NotFound, ServiceError
from school101.directory.forms import (
    ContactForm,
    EmptyForm,
    EnrolForm,
    HandleReportForm,
    InviteForm,
    JoinForm,
    ProfileForm,
    ReasonForm,
    ReportForm,
)
from school101.extensions import db, limiter
from school101.models.organisations import Organisation
from school101.models.students import Cohort
from school101.services.directory import contacts, organisations, students
from school101.services.directory import search as search_service
from school101.services.identity.accounts import find_by_email
from school101.web.authz import staff_required
from school101.web.errors import flash_service_error
from school101.web.form_errors import show_service_error

bp = Blueprint("directory", __name__, template_folder="templates")


@bp.app_template_filter("directory_lines")
def directory_date(value) -> str:
    """An ISO date (as in the public cards) in the page's language."""
    from datetime import date

    from flask_babel import format_date

    if not value:
        return "—"
    return format_date(date.fromisoformat(value) if isinstance(value, str) else value, "long")


@bp.app_context_processor
def directory_helpers() -> dict:
    """`directory_is_student()` for the main menu (queried only when a template calls it)."""
    return {"directory_is_student": _is_student}


def _is_student() -> bool:
    if not getattr(current_user, "is_authenticated", False):
        return False
    row = students.student_of(current_user)
    return row is not None and row.status != "left"


@bp.app_template_filter("directory_date")
def _directory_date(value) -> str:
    return directory_date(value)


@bp.app_template_filter("directory_lines")
def directory_lines(text: str) -> Markup:
    """Plain text with its line breaks kept (escaped, then joined with <br>)."""
    return Markup("<br>").join(escape(line) for line in (text or "").splitlines())


def _act(action, success: str, target: str):
    """Run one service call: commit and flash `success`, or roll back and flash the error
    (an unknown or foreign row is a 404); then go back to `target` (303)."""
    try:
        action()
    except NotFound:
        abort(404)
    except ServiceError as exc:
        db.session.rollback()
        flash_service_error(exc, details=True)
    else:
        db.session.commit()
        flash(success, "success")
    return redirect(target), 303


# --- the graduate ------------------------------------------------------------------------------


@bp.route("/directory/profile", methods=["GET", "POST"])
@login_required
def profile():
    """The graduate's directory profile, the opt-in and a preview of what employers see."""
    student = students.student_of(current_user)
    if student is None or student.status == "left":
        abort(403)
    existing = students.profile_of(current_user)
    form = ProfileForm(obj=existing) if request.method == "GET" and existing else ProfileForm()
    if request.method == "GET" and existing:
        form.skills.data = ", ".join(existing.skill_list)
    elif request.method == "GET":
        form.show_city.data = form.show_links.data = form.show_projects.data = True
        form.city.data = getattr(current_user.profile, "city", "") if current_user.profile else ""
    status = 200
    if form.validate_on_submit():
        data = {
            k: form[k].data
            for k in (
                "headline",
                "skills",
                "projects",
                "links",
                "availability",
                "available_from",
                "city",
                "contact_email",
                "contact_phone",
                "contact_preferences",
            )
            + students.VISIBILITY_FIELDS
        }
        try:
            students.update_profile(current_user, data)
        except ServiceError as exc:
            db.session.rollback()
            show_service_error(form, exc, always_flash=True)
            status = exc.status
        else:
            db.session.commit()
            flash(_("Your profile is saved."), "success")
            return redirect(url_for("directory.profile"))
    elif request.method == "POST":
        status = 422
    profile_row = students.profile_of(current_user)
    preview = None
    if profile_row is not None:
        preview = search_service.public_card(profile_row, student, current_user, student.cohort)
    return render_template(
        "directory/profile.html",
        form=form,
        student=student,
        profile=profile_row,
        preview=preview,
        opt_form=EmptyForm(),
    ), status


@bp.post("/directory/profile/opt-<any(in, out):choice>")
@login_required
def opt(choice: str):
    """Opt in to, or out of, the directory."""
    form = EmptyForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        students.set_opt_in(current_user, choice == "in")
    except ServiceError as exc:
        db.session.rollback()
        flash_service_error(exc, details=True)
        return redirect(url_for("directory.profile")), 303
    db.session.commit()
    flash(
        _("You are now in the directory.")
        if choice == "in"
        else _("You are no longer in the directory."),
        "success",
    )
    return redirect(url_for("directory.profile")), 303


@bp.get("/directory/inbox")
@login_required
def inbox():
    """Contact requests received by the graduate."""
    rows = contacts.received_requests(current_user)
    return render_template(
        "directory/inbox.html",
        requests=[contacts.request_view(r, current_user) for r in rows],
        form=EmptyForm(),
        report_form=ReportForm(),
    )


@bp.post("/directory/inbox/<int:request_id>/<any(accept, decline):answer>")
@login_required
def respond(request_id: int, answer: str):
    if not EmptyForm().validate_on_submit():
        abort(400)
    return _act(
        lambda: contacts.respond(current_user, request_id, accept=answer == "accept"),
        _("Request accepted: you can now see each other's contact details.")
        if answer == "accept"
        else _("Request declined."),
        url_for("directory.inbox"),
    )


@bp.post("/directory/inbox/<int:request_id>/report")
@login_required
def report(request_id: int):
    form = ReportForm()
    return _act(
        lambda: contacts.report_abuse(current_user, request_id, form.reason.data or ""),
        _("Thank you: the school's staff will look at this report."),
        url_for("directory.inbox"),
    )


# --- the employer ------------------------------------------------------------------------------


@bp.get("/directory")
@login_required
def search():
    """Search opted-in graduates (employers of verified member organisations, staff)."""
    args = {
        k: (request.args.get(k) or "").strip() for k in ("skill", "city", "availability", "cohort")
    }
    page_number = request.args.get("page", 1, type=int)
    error = None
    try:
        page = search_service.search(current_user, page=page_number, **args)
    except ServiceError as exc:
        if exc.status == 403:
            raise
        error = exc
        page = paging.Page(items=[], page=1, per_page=search_service.PER_PAGE, total=0)
    return render_template(
        "directory/search.html",
        page=page,
        args=args,
        error=error,
        cities=search_service.cities(),
        cohorts=search_service.cohort_names(),
        availability_choices=AVAILABILITY_LABELS(),
    ), 422 if error else 200


def AVAILABILITY_LABELS():
    from school101.directory.forms import AVAILABILITY_CHOICES

    return [(c.value, str(c.label)) for c in AVAILABILITY_CHOICES]


@bp.route("/directory/graduates/<int:user_id>", methods=["GET", "POST"])
@login_required
@limiter.limit("10 per minute;60 per hour", methods=["POST"])
def graduate(user_id: int):
    """A graduate's public profile and, for employers, the contact form."""
    card = search_service.graduate_card(current_user, user_id)
    form = ContactForm()
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            try:
                contacts.create_contact_request(current_user, user_id, form.message.data)
            except ServiceError as exc:
                db.session.rollback()
                show_service_error(form, exc, always_flash=True)
                status = exc.status
            else:
                db.session.commit()
                flash(
                    _(
                        "Your request is sent. The graduate will decide whether to share their contact details."
                    ),
                    "success",
                )
                return redirect(url_for("directory.sent")), 303
        else:
            status = 422
    return render_template(
        "directory/graduate.html",
        card=card,
        form=form,
        can_contact=current_user.has_role("employer"),
    ), status


@bp.get("/directory/sent")
@login_required
def sent():
    """Contact requests the employer sent, with contact details once accepted."""
    rows = contacts.sent_requests(current_user)
    return render_template(
        "directory/sent.html",
        requests=[contacts.request_view(r, current_user) for r in rows],
        form=EmptyForm(),
    )


@bp.post("/directory/sent/<int:request_id>/withdraw")
@login_required
def withdraw(request_id: int):
    if not EmptyForm().validate_on_submit():
        abort(400)
    return _act(
        lambda: contacts.withdraw(current_user, request_id),
        _("Request withdrawn."),
        url_for("directory.sent"),
    )


@bp.route("/directory/organisation", methods=["GET", "POST"])
@login_required
def organisation():
    """The employer's organisation: its members and, for its administrators, the invitation form."""
    membership = organisations.membership_of(current_user)
    if membership is None:
        abort(403)
    org = membership.organisation
    form = InviteForm()
    status = 200
    if request.method == "POST":
        status = _invite(form, org)
        if status == 303:
            return redirect(url_for("directory.organisation")), 303
    return render_template(
        "directory/organisation.html",
        org=org,
        membership=membership,
        members=organisations.members_of(org),
        form=form,
        can_invite=organisations.can_invite(current_user, org),
    ), status


def _invite(form: InviteForm, org: Organisation) -> int:
    if not form.validate_on_submit():
        return 422
    try:
        email = organisations.invite_employer(
            org,
            email=form.email.data,
            first_name=form.first_name.data or "",
            last_name=form.last_name.data or "",
            is_org_admin=bool(form.is_org_admin.data),
            actor=current_user,
        )
    except ServiceError as exc:
        db.session.rollback()
        show_service_error(form, exc, always_flash=True)
        return exc.status
    db.session.commit()
    flash(_("%(email)s is invited: an e-mail was sent.", email=email), "success")
    return 303


# --- public: organisations ask to join --------------------------------------------------------


@bp.route("/organisations/join", methods=["GET", "POST"])
@limiter.limit("5 per minute;20 per hour", methods=["POST"])
def join():
    """Public form: an organisation asks to become a member of the cluster's directory."""
    form = JoinForm()
    status = 200
    if form.validate_on_submit():
        try:
            organisations.request_membership(
                {
                    k: form[k].data
                    for k in (
                        "name",
                        "siret",
                        "kind",
                        "contact_name",
                        "contact_email",
                        "contact_phone",
                        "message",
                    )
                }
            )
        except ServiceError as exc:
            db.session.rollback()
            show_service_error(form, exc, always_flash=True)
            status = exc.status
        else:
            db.session.commit()
            return render_template("directory/join_done.html")
    elif request.method == "POST":
        status = 422
    return render_template("directory/join.html", form=form), status


# --- staff: organisations and abuse reports ---------------------------------------------------


@bp.get("/staff/organisations")
@staff_required
def staff_organisations():
    status = request.args.get("status") or None
    if status not in (None, "pending", "member", "suspended"):
        status = None
    rows = organisations.organisations(status)
    open_reports = len(contacts.abuse_reports(open_only=True))
    return render_template(
        "directory/staff/organisations.html", orgs=rows, status=status, open_reports=open_reports
    )


@bp.route("/staff/organisations/<int:org_id>", methods=["GET", "POST"])
@staff_required
def staff_organisation(org_id: int):
    org = db.session.get(Organisation, org_id) or abort(404)
    form = InviteForm()
    status = 200
    members = organisations.members_of(org)
    if request.method == "POST":
        status = _invite(form, org)
        if status == 303:
            return redirect(url_for("directory.staff_organisation", org_id=org.id)), 303
    elif not members:  # first employer: suggest the contact person, as the organisation's admin
        form.email.data = org.contact_email
        form.is_org_admin.data = True
    return render_template(
        "directory/staff/organisation.html",
        org=org,
        members=members,
        form=form,
        reason_form=ReasonForm(),
    ), status


@bp.post("/staff/organisations/<int:org_id>/<any(verify, suspend, unsuspend):action>")
@staff_required
def staff_organisation_action(org_id: int, action: str):
    org = db.session.get(Organisation, org_id) or abort(404)
    form = ReasonForm()
    if not form.validate_on_submit():
        abort(400)
    action_fn = {
        "verify": organisations.verify,
        "suspend": organisations.suspend,
        "unsuspend": organisations.unsuspend,
    }[action]
    try:
        action_fn(org, actor=current_user, reason=form.reason.data or "")
    except ServiceError as exc:
        db.session.rollback()
        flash_service_error(exc, details=True)
    else:
        db.session.commit()
        flash(
            {
                "verify": _("The organisation is verified."),
                "suspend": _("The organisation is suspended."),
                "unsuspend": _("The suspension is lifted."),
            }[action],
            "success",
        )
    return redirect(url_for("directory.staff_organisation", org_id=org.id)), 303


@bp.get("/staff/organisations/reports")
@staff_required
def staff_reports():
    return render_template(
        "directory/staff/reports.html", reports=contacts.abuse_reports(), form=HandleReportForm()
    )


@bp.post("/staff/organisations/reports/<int:report_id>/handle")
@staff_required
def staff_handle_report(report_id: int):
    form = HandleReportForm()
    if not form.validate_on_submit():
        abort(400)
    return _act(
        lambda: contacts.handle_report(
            report_id,
            actor=current_user,
            outcome=form.outcome.data or "",
            suspend_organisation=bool(form.suspend.data),
        ),
        _("The report is handled."),
        url_for("directory.staff_reports"),
    )


# --- staff: cohorts and students --------------------------------------------------------------


@bp.get("/staff/cohorts")
@staff_required
def staff_cohorts():
    return render_template("directory/staff/cohorts.html", cohorts=students.cohorts())


@bp.route("/staff/cohorts/<int:cohort_id>", methods=["GET", "POST"])
@staff_required
def staff_cohort(cohort_id: int):
    cohort = db.session.get(Cohort, cohort_id) or abort(404)
    form = EnrolForm()
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            user = find_by_email(form.email.data)
            if user is None:
                form.email.errors = [_("No account uses this e-mail address.")]
                status = 422
            else:
                row = students.enrol(user, cohort_name=cohort.name, actor=current_user)
                db.session.commit()
                if row.cohort_id != cohort.id:
                    flash(_("This person is already a student of another cohort."), "error")
                else:
                    flash(_("%(email)s is a student of this cohort.", email=user.email), "success")
                return redirect(url_for("directory.staff_cohort", cohort_id=cohort.id)), 303
        else:
            status = 422
    return render_template(
        "directory/staff/cohort.html",
        cohort=cohort,
        students=students.students_of(cohort),
        form=form,
        grad_form=EmptyForm(),
    ), status


@bp.post("/staff/cohorts/<int:cohort_id>/students/<int:student_id>/graduate")
@staff_required
def staff_mark_graduated(cohort_id: int, student_id: int):
    if not EmptyForm().validate_on_submit():
        abort(400)

    def graduate():
        row = students.get_student(student_id)
        if row.cohort_id != cohort_id:
            abort(404)
        students.mark_graduated(row, actor=current_user)

    return _act(
        graduate, _("Marked as graduated."), url_for("directory.staff_cohort", cohort_id=cohort_id)
    )
