"""Account pages: register, confirm e-mail, log in/out, forgotten password."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from school101.auth.forms import (
    AcceptInvitationForm,
    ForgotPasswordForm,
    InvitationAccountForm,
    LoginForm,
    RegisterForm,
    ResetPasswordForm,
)
from school101.core.errors import ServiceError
from school101.extensions import db, limiter
from school101.services.directory import organisations
from school101.services.identity import accounts, consent
from school101.web.form_errors import show_service_error
from school101.web.limits import (
    confirm_resend_limit,
    login_limit,
    login_throttle,
    reset_confirm_limit,
    reset_request_limit,
)

bp = Blueprint("auth", __name__, url_prefix="/auth", template_folder="templates")

AUTH_LIMIT = "10 per minute;100 per hour"


def _safe_next(target: str | None) -> str | None:
    """Only same-site relative redirects: a path starting with a single "/", with no scheme and
    no host once percent-decoded (browsers drop tabs and newlines and read "\\" as "/", so
    "/%09/evil.example" would otherwise become "//evil.example"), no control character and no
    backslash."""
    if not target or not isinstance(target, str):
        return None
    decoded = target
    for _round in range(3):  # nested encodings (%2509) decode one layer per round
        unquoted = unquote(decoded)
        if unquoted == decoded:
            break
        decoded = unquoted
    for text in (target, decoded):
        if any(ord(c) < 32 or ord(c) == 127 or c == "\\" for c in text):
            return None
        if not text.startswith("/") or text.startswith("//"):
            return None
        parts = urlsplit(text)
        if parts.scheme or parts.netloc:
            return None
    return target


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(AUTH_LIMIT, methods=["POST"])
def register():
    """Create a candidate account."""
    if current_user.is_authenticated:
        return redirect(url_for("candidate.dashboard"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = accounts.register(
                email=form.email.data,
                password=form.password.data,
                first_name=form.first_name.data,
                last_name=form.last_name.data,
                birth_date=form.birth_date.data,
                consent=form.consent.data is True,
                keep_two_years=bool(form.keep_two_years.data),
                locale=str(get_locale() or "fr"),
                notice_sha256=form.notice_sha256.data,
            )
        except ServiceError as exc:
            db.session.rollback()
            show_service_error(form, exc)
        else:
            db.session.commit()
            login_user(user)
            flash(_("Welcome! We sent you an e-mail to confirm your address."), "success")
            return redirect(url_for("candidate.dashboard"))
    elif request.method == "POST":
        flash(_("Please correct the fields marked below."), "error")
    notice = consent.render_notice(str(get_locale() or "fr"))
    form.notice_sha256.data = notice.sha256
    status = 422 if form.errors else 200
    return render_template("auth/register.html", form=form, notice=notice), status


@bp.get("/confirm/<token>")
def confirm_email(token: str):
    """Follow the confirmation link."""
    user = accounts.confirm_email(token)
    if user is None:
        flash(_("This confirmation link is invalid or has expired."), "error")
        return redirect(
            url_for("candidate.dashboard" if current_user.is_authenticated else "auth.login")
        )
    db.session.commit()
    flash(_("Your e-mail address is confirmed."), "success")
    return redirect(
        url_for("candidate.dashboard" if current_user.is_authenticated else "auth.login")
    )


@bp.post("/confirm/resend")
@confirm_resend_limit()
def resend_confirmation():
    """Send the confirmation e-mail again."""
    if current_user.is_authenticated and current_user.email_confirmed_at is None:
        accounts.send_confirmation(current_user)
        db.session.commit()
        flash(_("We sent the confirmation e-mail again."), "success")
    return redirect(url_for("candidate.dashboard"))


@bp.route("/login", methods=["GET", "POST"])
@login_limit()
def login():
    """Log in with e-mail and password; failed attempts count against the account as well
    (web/limits.LoginThrottle, shared with the API's token endpoint)."""
    form = LoginForm()
    status = 200
    headers = {}
    if form.validate_on_submit():
        throttle = login_throttle()
        wait = throttle.wait_for(form.email.data)
        user = None if wait else accounts.authenticate(form.email.data, form.password.data)
        if user is not None:
            db.session.commit()
            throttle.succeeded(form.email.data)
            login_user(user, remember=bool(form.remember.data))
            target = _safe_next(request.args.get("next"))
            response = redirect(
                target or url_for("staff.index" if user.is_staff else "candidate.dashboard")
            )
            throttle.remember_device(response, form.email.data)
            return response
        db.session.rollback()
        wait = wait or throttle.failed(form.email.data)
        if wait:
            flash(
                _(
                    "Too many failed attempts for this account: try again in %(n)d seconds.",
                    n=wait,
                ),
                "error",
            )
            status, headers = 429, {"Retry-After": str(wait)}
        else:
            flash(_("Wrong e-mail address or password."), "error")
            status = 401
    elif request.method == "POST":
        status = 422
    return render_template("auth/login.html", form=form), status, headers


@bp.post("/logout")
def logout():
    """End the session."""
    logout_user()
    flash(_("You are logged out."), "success")
    return redirect(url_for("candidate.home"))


@bp.route("/forgot", methods=["GET", "POST"])
@reset_request_limit()
def forgot_password():
    """Ask for a reset link (the answer is the same whether the account exists or not;
    a malformed address gets a field error, as on the registration form)."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        try:
            accounts.request_password_reset(form.email.data)
        except ServiceError as exc:
            db.session.rollback()
            show_service_error(form, exc)
        else:
            db.session.commit()
            flash(
                _("If an account uses this address, we sent it a link to choose a new password."),
                "success",
            )
            return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form), 422 if form.errors else 200


@bp.route("/reset/<token>", methods=["GET", "POST"])
@reset_confirm_limit()
def reset_password(token: str):
    """Choose a new password from an e-mailed link."""
    if accounts.user_for_reset_token(token) is None:
        flash(_("This link is invalid or has expired. Ask for a new one."), "error")
        return redirect(url_for("auth.forgot_password"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            accounts.reset_password(token, form.password.data)
        except ServiceError as exc:
            db.session.rollback()
            form.password.errors = list(form.password.errors) + [
                exc.fields.get("password", exc.message)
            ]
        else:
            db.session.commit()
            flash(_("Your password has been changed. You can log in."), "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form), 422 if form.errors else 200


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@reset_confirm_limit()
def invitation(token: str):
    """An employer invitation: the invited person, logged in with the invited address,
    accepts it; a new address creates its account here; an existing one logs in first."""
    try:
        invite = organisations.read_invitation(token)
    except ServiceError as exc:
        flash(exc.message, "error")
        return redirect(url_for("auth.login"))
    org = invite["organisation"]
    if current_user.is_authenticated:
        if current_user.email != invite["email"]:
            return render_template(
                "auth/invitation.html", org=org, mode="other_account", form=None
            ), 403
        form = AcceptInvitationForm()
        if form.validate_on_submit():
            try:
                organisations.accept_invitation(token, current_user)
            except ServiceError as exc:
                db.session.rollback()
                flash(exc.message, "error")
                return render_template(
                    "auth/invitation.html", org=org, mode="accept", form=form
                ), exc.status
            db.session.commit()
            login_user(current_user._get_current_object())  # a role added ended the session
            flash(_("You joined %(org)s.", org=org.name), "success")
            return redirect(url_for("directory.organisation"))
        return render_template("auth/invitation.html", org=org, mode="accept", form=form)
    if accounts.find_by_email(invite["email"]) is not None:
        flash(_("Log in to accept the invitation."), "info")
        return redirect(url_for("auth.login", next=url_for("auth.invitation", token=token)))
    form = InvitationAccountForm()
    if request.method == "GET":
        form.first_name.data = form.first_name.data or invite.get("first_name") or ""
        form.last_name.data = form.last_name.data or invite.get("last_name") or ""
    status = 200
    if form.validate_on_submit():
        try:
            user = organisations.create_invited_account(
                token,
                password=form.password.data,
                first_name=form.first_name.data,
                last_name=form.last_name.data,
            )
        except ServiceError as exc:
            db.session.rollback()
            status = show_service_error(form, exc)
        else:
            db.session.commit()
            login_user(user)
            flash(_("You joined %(org)s.", org=org.name), "success")
            return redirect(url_for("directory.organisation"))
    elif request.method == "POST":
        status = 422
    return render_template(
        "auth/invitation.html", org=org, mode="new", form=form, email=invite["email"]
    ), status
