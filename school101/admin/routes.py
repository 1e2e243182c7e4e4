"""Admin pages: accounts and roles. Every change goes through services/identity/staff_accounts.py
(admin check, validation and audit)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from school101.admin.forms import ROLE_LABELS, RolesForm, UserCreateForm
from school101.core.errors import ServiceError
from school101.extensions import db
from school101.models.user import ROLES
from school101.services.identity import staff_accounts
from school101.web.authz import admin_required
from school101.web.form_errors import show_service_error

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")


@bp.context_processor
def labels():
    return {"role_labels": ROLE_LABELS}


@bp.get("/users")
@admin_required
def users():
    """Accounts with search, role filter and pagination."""
    q, role = request.args.get("q", ""), request.args.get("role", "")
    errors = {}
    page = None
    try:
        page = staff_accounts.users(
            actor=current_user, q=q, role=role, page=request.args.get("page", 1)
        )
    except ServiceError as exc:
        errors = {k: str(v) for k, v in exc.fields.items()} or {"q": str(exc.message)}
    args = {k: v for k, v in (("q", q), ("role", role)) if v}
    return render_template(
        "admin/users.html", page=page, q=q, role=role, roles=ROLES, errors=errors, args=args
    ), 422 if errors else 200


@bp.route("/users/new", methods=["GET", "POST"])
@admin_required
def user_new():
    """Create a staff, admin or employer account."""
    form = UserCreateForm()
    if form.validate_on_submit():
        try:
            user = staff_accounts.create_account(
                actor=current_user,
                email=form.email.data,
                password=form.password.data,
                roles=form.roles.data,
                first_name=form.first_name.data or "",
                last_name=form.last_name.data or "",
            )
        except ServiceError as exc:
            db.session.rollback()
            show_service_error(form, exc)
        else:
            db.session.commit()
            flash(_("The account %(email)s is created.", email=user.email), "success")
            return redirect(url_for("admin.user", user_id=user.id))
    return render_template(
        "admin/user_new.html", form=form
    ), 422 if request.method == "POST" else 200


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@admin_required
def user(user_id: int):
    """One account; change its roles with a reason."""
    target = staff_accounts.get_user(user_id, actor=current_user)
    form = RolesForm()
    if request.method == "GET":
        form.roles.data = target.roles
    elif form.validate_on_submit():
        try:
            staff_accounts.change_roles(
                target.id, form.roles.data, actor=current_user, reason=form.reason.data
            )
        except ServiceError as exc:
            db.session.rollback()
            show_service_error(form, exc)
        else:
            db.session.commit()
            flash(_("The roles are changed."), "success")
            return redirect(url_for("admin.user", user_id=target.id))
    target = staff_accounts.get_user(user_id, actor=current_user)
    history = staff_accounts.user_history(target, actor=current_user)
    return render_template(
        "admin/user.html", target=target, form=form, history=history
    ), 422 if request.method == "POST" else 200
