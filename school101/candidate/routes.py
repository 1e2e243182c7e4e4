"""Candidate pages: home, dashboard with the timeline, consents, profile, applying, account."""

from __future__ import annotations

import json

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from school101.candidate.forms import ApplyForm, ConsentForm, DeleteAccountForm, ProfileForm
from school101.core.errors import ServiceError
from school101.extensions import db
from school101.services.admissions import applications, campaigns
from school101.services.identity import accounts, consent
from school101.services.piscine import today
from school101.services.privacy import consents as optional_consents
from school101.services.privacy import export as privacy_export
from school101.services.privacy import rights as privacy
from school101.web.form_errors import show_service_error

bp = Blueprint("candidate", __name__, template_folder="templates")


@bp.get("/")
def home():
    """Landing page with the open campaign."""
    return render_template("candidate/home.html", campaign=campaigns.current_campaign())


def privacy_notice():
    """The data-processing notice."""
    return render_template("candidate/privacy.html", notice=consent.render_notice(_page_locale()))


def _page_locale() -> str:
    return str(get_locale() or "fr")


bp.add_url_rule("/privacy", endpoint="privacy", view_func=privacy_notice)


@bp.get("/me")
@login_required
def dashboard():
    """The candidate's timeline and next step."""
    application = applications.application_of(current_user)
    return render_template(
        "candidate/dashboard.html",
        steps=applications.timeline(current_user),
        application=application,
        campaign=campaigns.current_campaign(),
        needs_consent=consent.needs_consent(current_user),
        profile_complete=current_user.profile is not None and bool(current_user.profile.postcode),
        seated_piscine_id=today.home_piscine_id(current_user),
    )


@bp.route("/me/consent", methods=["GET", "POST"])
@login_required
def give_consent():
    """Agree to the current data-processing notice."""
    form = ConsentForm()
    status = 200
    if form.validate_on_submit():
        try:  # the notice in the page's language, as it was shown
            consent.agree(
                current_user,
                consent=form.consent.data is True,
                keep_two_years=bool(form.keep_two_years.data),
                locale=_page_locale(),
                shown_sha256=form.notice_sha256.data,
            )
        except ServiceError as exc:
            db.session.rollback()
            status = show_service_error(form, exc)
        else:
            db.session.commit()
            flash(_("Thank you, your consent is recorded."), "success")
            return redirect(url_for("candidate.dashboard"))
    notice = consent.render_notice(_page_locale())
    form.notice_sha256.data = notice.sha256
    if form.errors and status == 200:
        status = 422
    return render_template("candidate/consent.html", form=form, notice=notice), status


@bp.get("/me/consents")
@login_required
def consents():
    """The consents I gave, each with the exact text I agreed to, and my optional choices."""
    return render_template(
        "candidate/consents.html",
        consents=consent.consents_of(current_user),
        optional=optional_consents.optional_consents(current_user),
    )


@bp.post("/me/consents/<name>/withdraw")
@login_required
def withdraw_consent(name: str):
    """Withdraw one optional consent; the page then shows its effect."""
    try:
        state = optional_consents.withdraw(current_user, name)
    except ServiceError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(url_for("candidate.consents"))
    db.session.commit()
    flash(_("Consent withdrawn: %(label)s.", label=state["label"]), "success")
    flash(str(state["effect"]), "info")
    return redirect(url_for("candidate.consents"))


@bp.route("/me/profile", methods=["GET", "POST"])
@login_required
def profile():
    """Fill or edit the profile."""
    user = current_user
    form = ProfileForm(obj=user.profile) if request.method == "GET" else ProfileForm()
    if request.method == "GET":
        form.first_name.data, form.last_name.data = user.first_name, user.last_name
        form.birth_date.data = user.birth_date
    status = 200
    if form.validate_on_submit():
        try:
            applications.update_profile(
                user, {f: form[f].data for f in applications.PROFILE_FIELDS}
            )
        except ServiceError as exc:
            db.session.rollback()
            status = show_service_error(form, exc)
        else:
            db.session.commit()
            flash(_("Your profile is saved."), "success")
            return redirect(url_for("candidate.dashboard"))
    elif request.method == "POST":
        status = 422
    return render_template("candidate/profile.html", form=form), status


@bp.route("/me/apply", methods=["GET", "POST"])
@login_required
def apply():
    """Apply to the open campaign."""
    campaign = campaigns.current_campaign()
    form = ApplyForm()
    status = 200
    if form.validate_on_submit():
        try:
            applications.apply(current_user, form.motivation.data)
        except ServiceError as exc:
            db.session.rollback()
            status = show_service_error(form, exc)
        else:
            db.session.commit()
            flash(_("Your application is recorded. Next step: the selection games."), "success")
            return redirect(url_for("candidate.dashboard"))
    problem = applications.eligibility_problem(current_user, campaign) if campaign else None
    return render_template(
        "candidate/apply.html",
        form=form,
        campaign=campaign,
        problem=problem,
        application=applications.application_of(current_user, campaign) if campaign else None,
    ), (422 if status == 200 and request.method == "POST" else status)


def _account_page(new_token=None, status: int = 200, errors=None):
    tokens = accounts.tokens_of(current_user)
    return render_template(
        "candidate/account.html",
        tokens=tokens,
        token_states={t.id: accounts.token_state(t) for t in tokens},
        token_days=current_app.config.get("API_TOKEN_DAYS", 90),
        token_errors=errors or {},
        delete_form=DeleteAccountForm(),
        new_token=new_token,
    ), status


@bp.get("/me/account")
@login_required
def account():
    """Account settings: tokens, data export, deletion."""
    return _account_page()


@bp.post("/me/tokens")
@login_required
def create_token():
    """Create a token with a name and its scopes (api, git or both); shown once."""
    name = (request.form.get("name") or "").strip()[:100] or "web"
    try:
        raw, _row = accounts.create_token(
            current_user, name=name, scopes=request.form.getlist("scope")
        )
    except ServiceError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return _account_page(status=exc.status, errors=exc.fields)
    db.session.commit()
    return _account_page(new_token=raw)


@bp.post("/me/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    """Revoke one of my tokens."""
    accounts.revoke_token(current_user, token_id)
    db.session.commit()
    flash(_("The token is revoked."), "success")
    return redirect(url_for("candidate.account"))


@bp.get("/me/export.json")
@login_required
def export():
    """Download all my data as JSON (the same data.json as the zip, without the files)."""
    data = privacy_export.export_user_data(current_user)
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        mimetype="application/json",
        headers={
            "Content-Disposition": "attachment; filename=my-101-data.json",
            "Cache-Control": "no-store",
        },
    )


@bp.get("/me/export.zip")
@login_required
def export_zip():
    """Download all my data with the files I turned in, as a zip (data.json + submissions/)."""
    return export_zip_response(current_user)


def export_zip_response(user):
    """The complete export of `user` as a zip download, never cached."""
    from flask import send_file

    response = send_file(
        privacy_export.zip_file(user),
        mimetype="application/zip",
        as_attachment=True,
        download_name="my-101-data.zip",
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/me/delete")
@login_required
def delete_account():
    """Erase my account after typing DELETE (or SUPPRIMER)."""
    form = DeleteAccountForm()
    if not form.validate_on_submit() or form.confirm.data.strip().upper() not in {
        "DELETE",
        "SUPPRIMER",
    }:
        flash(_("Type DELETE to confirm the deletion of your account."), "error")
        return redirect(url_for("candidate.account"))
    try:
        privacy.erase_account(current_user, actor=current_user)
    except ServiceError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(url_for("candidate.account"))
    db.session.commit()
    logout_user()
    flash(_("Your account and your personal data have been deleted."), "success")
    return redirect(url_for("candidate.home"))
