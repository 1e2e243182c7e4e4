"""Staff pages of peer evaluations: a piscine's evaluations by state (pending, done, no-shows,
flagged for staff, cancelled) with void and re-open forms (reason mandatory, audited), the
points grant form, and a day's correction scale with its edit form (TOML) and a way back to
the shipped scale.toml."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from school101.core.errors import ServiceError
from school101.extensions import db
from school101.models._base import utcnow
from school101.piscine.blind_codes import BlindCodes
from school101.piscine.blueprint import bp, locale, page_arg
from school101.piscine.evaluation_forms import (
    GrantForm,
    ReasonForm,
    ScaleEditForm,
    ScaleResetForm,
    TakeOverForm,
)
from school101.services.evaluations import booking, defenses, evaluating, overview, points, scales
from school101.services.piscine import content, queries
from school101.web.authz import staff_required
from school101.web.errors import flash_service_error
from school101.web.form_errors import show_service_error


def _state_arg(value) -> str:
    return value if value in overview.STAFF_FILTERS else "all"


def _grant_form(piscine, codes: BlindCodes, form=None) -> GrantForm:
    form = form or GrantForm(formdata=None)
    people = overview.seated_people(piscine)
    if codes:  # blind: codes as labels and values, in their order
        choices = sorted((codes(u), codes(u)) for u in people)
    else:
        choices = [(str(u.id), f"{u.last_name} {u.first_name} · {u.email}") for u in people]
    form.user_id.choices = [SelectChoice("", _("— choose —"))] + [
        SelectChoice(value, label) for value, label in choices
    ]
    return form


def _render_staff(piscine, *, state=None, reason_forms=None, grant_form=None, status=200):
    state = _state_arg(state if state is not None else request.args.get("state"))
    page = overview.piscine_evaluations(piscine, state, page_arg(request.args.get("page")))
    forms = {}
    for row in page.items:
        e = row["evaluation"]
        for action in ("void", "reopen"):
            forms[(action, e.id)] = ReasonForm(prefix=f"{action}-{e.id}", formdata=None)
    forms.update(reason_forms or {})
    lang = locale()
    codes = BlindCodes(piscine)
    return render_template(
        "piscine/staff/evaluations.html",
        piscine=piscine,
        take_over_form=TakeOverForm(formdata=None),
        now=utcnow(),
        state=state,
        states=["all", *overview.STAFF_FILTERS],
        counts=overview.filter_counts(piscine),
        page=page,
        reason_forms=forms,
        grant_form=_grant_form(piscine, codes, grant_form),
        codes=codes,
        days=[(d, content.day_title(d, lang)) for d in overview.evaluation_days(piscine)],
        titles={d.day_id: content.day_title(d.day_id, lang) for d in piscine.days},
    ), status


@bp.get("/staff/piscines/<int:piscine_id>/evaluations")
@staff_required
def staff_evaluations(piscine_id: int):
    """Every evaluation of the piscine, filtered by state, newest first."""
    return _render_staff(queries.get_piscine(piscine_id))


def _evaluation_of(piscine, evaluation_id: int):
    found = booking.get_evaluation(current_user, evaluation_id)
    if found.piscine_id != piscine.id:
        abort(404)
    return found


@bp.post(
    "/staff/piscines/<int:piscine_id>/evaluations/<int:evaluation_id>/<any(void, reopen):action>"
)
@staff_required
def staff_evaluation_action(piscine_id: int, evaluation_id: int, action: str):
    """Void or re-open one evaluation, with a written reason (audited)."""
    piscine = queries.get_piscine(piscine_id)
    found = _evaluation_of(piscine, evaluation_id)
    state = _state_arg(request.form.get("state"))
    form = ReasonForm(prefix=f"{action}-{found.id}")
    if form.validate_on_submit():
        try:
            if action == "void":
                evaluating.void(current_user, found, form.reason.data)
            else:
                evaluating.reopen(current_user, found, form.reason.data)
        except ServiceError as exc:
            db.session.rollback()
            status = show_service_error(form, exc)
            return _render_staff(
                piscine, state=state, reason_forms={(action, found.id): form}, status=status
            )
        db.session.commit()
        if action == "void":
            flash(_("Evaluation #%(id)d is voided.", id=found.id), "success")
        else:
            flash(_("Evaluation #%(id)d is re-opened.", id=found.id), "success")
        return redirect(url_for("piscine.staff_evaluations", piscine_id=piscine.id, state=state))
    if "csrf_token" in form.errors:
        flash(_("The form has expired; please try again."), "error")
    return _render_staff(piscine, state=state, reason_forms={(action, found.id): form}, status=422)


@bp.post("/staff/piscines/<int:piscine_id>/evaluations/<int:evaluation_id>/take-over")
@staff_required
def staff_take_over(piscine_id: int, evaluation_id: int):
    """Become the evaluator of a booked rush defense that has not started (audited): e.g. when
    the drawn candidate cannot come, or no candidate is free."""
    piscine = queries.get_piscine(piscine_id)
    found = _evaluation_of(piscine, evaluation_id)
    state = _state_arg(request.form.get("state"))
    form = TakeOverForm()
    if not form.validate_on_submit():
        flash(_("The form has expired; please try again."), "error")
        return redirect(url_for("piscine.staff_evaluations", piscine_id=piscine.id, state=state))
    try:
        defenses.take_over(current_user, found, now=utcnow())
    except ServiceError as exc:
        flash_service_error(exc, rollback=True)
        return redirect(url_for("piscine.staff_evaluations", piscine_id=piscine.id, state=state))
    db.session.commit()
    flash(_("You are now the evaluator of defense #%(id)d.", id=found.id), "success")
    return redirect(url_for("piscine.evaluation", evaluation_id=found.id))


@bp.post("/staff/piscines/<int:piscine_id>/evaluations/points")
@staff_required
def staff_grant_points(piscine_id: int):
    """Grant (or take back) evaluation points to a seated candidate, with a reason."""
    piscine = queries.get_piscine(piscine_id)
    codes = BlindCodes(piscine)
    form = _grant_form(piscine, codes, GrantForm())
    if form.validate_on_submit():
        user_id = codes.person_id(form.user_id.data)
        if user_id is None or user_id not in {u.id for u in overview.seated_people(piscine)}:
            form.user_id.errors = [_("Choose a candidate with a seat in this piscine.")]
        else:
            try:
                balance = points.grant(
                    piscine, user_id, form.amount.data, form.reason.data, actor=current_user
                )
            except ServiceError as exc:
                db.session.rollback()
                status = show_service_error(form, exc)
                return _render_staff(piscine, grant_form=form, status=status)
            db.session.commit()
            flash(_("Points granted: the balance is now %(n)d.", n=balance), "success")
            return redirect(url_for("piscine.staff_evaluations", piscine_id=piscine.id) + "#points")
    elif "csrf_token" in form.errors:
        flash(_("The form has expired; please try again."), "error")
    return _render_staff(piscine, grant_form=form, status=422)


def _render_scale(piscine, day_id: str, *, form=None, problems=None, status=200):
    scale = overview.day_scale(piscine, day_id)
    lang = locale()
    if form is None:
        form = ScaleEditForm(formdata=None, data={"scale": scales.scale_text(day_id)})
    return render_template(
        "piscine/staff/scale.html",
        piscine=piscine,
        day_id=day_id,
        title=content.day_title(day_id, lang),
        scale=scale,
        lang=lang,
        flag_labels={k: v[0] for k, v in scales.FLAGS.items()},
        required=booking.required(day_id),
        edited=scales.is_edited(day_id),
        form=form,
        reset_form=ScaleResetForm(formdata=None),
        problems=problems or [],
    ), status


@bp.get("/staff/piscines/<int:piscine_id>/evaluations/scales/<day_id>")
@staff_required
def staff_scale(piscine_id: int, day_id: str):
    """A day's correction scale as evaluators see it, and its edit form (TOML)."""
    return _render_scale(queries.get_piscine(piscine_id), day_id)


@bp.post("/staff/piscines/<int:piscine_id>/evaluations/scales/<day_id>")
@staff_required
def staff_scale_save(piscine_id: int, day_id: str):
    """Save staff's edit of a day's scale (audited); errors under the field, nothing saved."""
    piscine = queries.get_piscine(piscine_id)
    overview.day_scale(piscine, day_id)  # 404 for a day without a scale in this piscine
    form = ScaleEditForm()
    if not form.validate_on_submit():
        if "csrf_token" in form.errors:
            flash(_("The form has expired; please try again."), "error")
        return _render_scale(piscine, day_id, form=form, status=422)
    try:
        scales.save_scale(day_id, scales.parse_toml(form.scale.data), actor=current_user)
    except ServiceError as exc:
        db.session.rollback()
        problems = []
        if set(exc.fields) == {"scale"}:  # the text itself: too long, empty, TOML syntax
            form.scale.errors = [str(exc.fields["scale"])]
        else:
            problems = [(where, str(message)) for where, message in sorted(exc.fields.items())]
            if problems:  # the list under the field describes it for screen readers
                form.scale.render_kw = {
                    **form.scale.render_kw,
                    "aria-describedby": "scale-problems",
                    "aria-invalid": "true",
                }
            if not problems:
                flash(str(exc.message), "error")
        return _render_scale(piscine, day_id, form=form, problems=problems, status=exc.status)
    db.session.commit()
    flash(_("The scale is saved: evaluations from now on use it."), "success")
    return redirect(url_for("piscine.staff_scale", piscine_id=piscine.id, day_id=day_id))


@bp.post("/staff/piscines/<int:piscine_id>/evaluations/scales/<day_id>/reset")
@staff_required
def staff_scale_reset(piscine_id: int, day_id: str):
    """Drop staff's edit of a day's scale: back to the shipped scale.toml (audited)."""
    piscine = queries.get_piscine(piscine_id)
    overview.day_scale(piscine, day_id)
    form = ScaleResetForm()
    if not form.validate_on_submit():
        flash(_("The form has expired; please try again."), "error")
        return _render_scale(piscine, day_id, status=422)
    try:
        scales.reset_scale(day_id, current_user)
    except ServiceError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return _render_scale(piscine, day_id, status=exc.status)
    db.session.commit()
    flash(_("The shipped scale is in force again."), "success")
    return redirect(url_for("piscine.staff_scale", piscine_id=piscine.id, day_id=day_id))
