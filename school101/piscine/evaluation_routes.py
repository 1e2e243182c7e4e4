"""Candidate pages of peer evaluations: a piscine's "Evaluations" page (points, work to have
evaluated and booking, availability windows, one's evaluations on both sides with cancel and
no-show buttons) and one evaluation's page (the evaluator's scale and the work under
evaluation; the evaluated person's mark, feedback and rating form).

Times are typed and shown in Paris time; the services check every rule (issue 13)."""

from __future__ import annotations

import json
from datetime import UTC

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from school101.core.clock import paris_datetime
from school101.core.errors import NotFound, ServiceError
from school101.extensions import db
from school101.models import User
from school101.models._base import utcnow
from school101.piscine.blueprint import bp, locale
from school101.piscine.evaluation_forms import AvailabilityForm, BookForm, RatingForm, ScaleForm
from school101.piscine.forms import ActionForm
from school101.services.evaluations import (
    availability,
    booking,
    defenses,
    evaluating,
    overview,
    points,
)
from school101.services.evaluations import scales as scales_service
from school101.services.piscine import booking as seats
from school101.services.piscine import content
from school101.web.authz import candidate_required
from school101.web.errors import flash_service_error
from school101.web.form_errors import show_service_error

EXPIRED = "The form has expired; please try again."


def _expired(form) -> None:
    """Say so when the form's CSRF token failed (the fields' own errors show under them)."""
    if "csrf_token" in form.errors:
        flash(_(EXPIRED), "error")


def _paris(form, field: str):
    """The form's date and one of its times as an aware UTC datetime (None if missing)."""
    day, at = form.date.data, form[field].data
    if day is None or at is None:
        return None
    return paris_datetime(day, at).astimezone(UTC)


def _render_evaluations(piscine, *, availability_form=None, book_forms=None, status=200):
    now = utcnow()
    lang = locale()
    needs = booking.needs(current_user, piscine, now=now)
    forms = {
        n["day_id"]: BookForm(prefix=f"book-{n['day_id']}", formdata=None, day_id=n["day_id"])
        for n in needs
    }
    forms.update(book_forms or {})
    defense_needs = defenses.defense_needs(current_user, piscine, now=now)
    for n in defense_needs:
        key = f"defense-{n['day_id']}"
        forms.setdefault(key, BookForm(prefix=f"book-{key}", formdata=None, day_id=n["day_id"]))
    return render_template(
        "piscine/evaluations.html",
        piscine=piscine,
        now=now,
        balance=points.balance(piscine, current_user.id),
        needs=needs,
        defense_needs=defense_needs,
        team_defenses=defenses.defenses_of(current_user, piscine),
        book_forms=forms,
        titles={d.day_id: content.day_title(d.day_id, lang) for d in piscine.days},
        windows=availability.windows(current_user, piscine, now=now),
        availability_form=availability_form or AvailabilityForm(formdata=None),
        mine=overview.mine(current_user, piscine, now=now),
        notices=overview.in_app_notices(current_user, piscine, now=now),
        action_form=ActionForm(),
        notice_minutes=int(booking.MIN_NOTICE.total_seconds() // 60),
        refund_minutes=int(booking.REFUND_NOTICE.total_seconds() // 60),
    ), status


@bp.get("/piscine/<int:piscine_id>/evaluations")
@candidate_required
def evaluations(piscine_id: int):
    """A seated candidate's peer evaluations in the piscine."""
    return _render_evaluations(seats.seated_piscine(current_user, piscine_id))


@bp.post("/piscine/<int:piscine_id>/evaluations/availability")
@candidate_required
def publish_availability(piscine_id: int):
    """Offer a window in which to evaluate others."""
    piscine = seats.seated_piscine(current_user, piscine_id)
    form = AvailabilityForm()
    if not form.validate_on_submit():
        _expired(form)
        return _render_evaluations(piscine, availability_form=form, status=422)
    try:
        availability.publish(
            current_user,
            piscine,
            _paris(form, "starts_at"),
            _paris(form, "ends_at"),
            now=utcnow(),
        )
    except ServiceError as exc:
        db.session.rollback()
        status = show_service_error(form, exc)
        return _render_evaluations(piscine, availability_form=form, status=status)
    db.session.commit()
    flash(_("Your availability is published."), "success")
    return redirect(url_for("piscine.evaluations", piscine_id=piscine.id) + "#availability")


@bp.post("/piscine/<int:piscine_id>/evaluations/availability/<int:slot_id>/withdraw")
@candidate_required
def withdraw_availability(piscine_id: int, slot_id: int):
    """Remove one of one's windows (evaluations already booked in it stay)."""
    piscine = seats.seated_piscine(current_user, piscine_id)
    back = url_for("piscine.evaluations", piscine_id=piscine.id) + "#availability"
    if not ActionForm().validate_on_submit():
        flash(_(EXPIRED), "error")
        return redirect(back)
    availability.withdraw(current_user, slot_id, now=utcnow())
    db.session.commit()
    flash(_("The window is withdrawn."), "success")
    return redirect(back)


@bp.post("/piscine/<int:piscine_id>/evaluations/book/<day_id>")
@candidate_required
def book_evaluation(piscine_id: int, day_id: str):
    """Book an evaluation of one's work for a day: an evaluator is drawn among those free."""
    piscine = seats.seated_piscine(current_user, piscine_id)
    form = BookForm(prefix=f"book-{day_id}")
    if not form.validate_on_submit():
        _expired(form)
        return _render_evaluations(piscine, book_forms={day_id: form}, status=422)
    try:
        evaluation = booking.book(
            current_user, piscine, day_id, _paris(form, "starts_at"), now=utcnow()
        )
    except ServiceError as exc:
        db.session.rollback()
        status = show_service_error(form, exc)
        return _render_evaluations(piscine, book_forms={day_id: form}, status=status)
    db.session.commit()
    flash(
        _(
            "Your evaluation is booked (#%(id)d). Your evaluator's name is shown 15 minutes "
            "before.",
            id=evaluation.id,
        ),
        "success",
    )
    return redirect(url_for("piscine.evaluations", piscine_id=piscine.id) + "#mine")


@bp.post("/piscine/<int:piscine_id>/evaluations/defense/<day_id>")
@candidate_required
def book_defense(piscine_id: int, day_id: str):
    """Book the defense of one's rush team: an evaluator outside the team is drawn."""
    piscine = seats.seated_piscine(current_user, piscine_id)
    key = f"defense-{day_id}"
    form = BookForm(prefix=f"book-{key}")
    if not form.validate_on_submit():
        _expired(form)
        return _render_evaluations(piscine, book_forms={key: form}, status=422)
    try:
        evaluation = defenses.book_defense(
            current_user, piscine, day_id, _paris(form, "starts_at"), now=utcnow()
        )
    except ServiceError as exc:
        db.session.rollback()
        status = show_service_error(form, exc)
        return _render_evaluations(piscine, book_forms={key: form}, status=status)
    db.session.commit()
    flash(
        _(
            "Your team's defense is booked (#%(id)d). The evaluator's name is shown 15 minutes "
            "before.",
            id=evaluation.id,
        ),
        "success",
    )
    return redirect(url_for("piscine.evaluation", evaluation_id=evaluation.id))


def _scale_of(evaluation):
    """The scale as filled (kept on the evaluation), else the one in force (None if none)."""
    if evaluation.scale:
        return json.loads(evaluation.scale)
    try:
        return scales_service.scale_for(evaluation.day_id)
    except NotFound:
        return None


def _render_evaluation(
    evaluation,
    *,
    scale_form=None,
    rating_form=None,
    answers=None,
    flags=None,
    errors=None,
    presence=None,
    status=200,
):
    now = utcnow()
    is_evaluator = current_user.id == evaluation.evaluator_id
    is_evaluated = current_user.id == evaluation.evaluated_id
    visible = evaluating.names_visible(current_user, evaluation, now=now)
    people = {
        u.id: u
        for u in db.session.scalars(
            db.select(User).where(User.id.in_([evaluation.evaluated_id, evaluation.evaluator_id]))
        )
    }
    given = json.loads(evaluation.answers) if evaluation.answers else {}
    team = _team_rows(evaluation, visible or is_evaluated, presence)
    return render_template(
        "piscine/evaluation.html",
        evaluation=evaluation,
        now=now,
        lang=locale(),
        title=content.day_title(evaluation.day_id, locale()),
        scale=_scale_of(evaluation),
        is_evaluator=is_evaluator,
        is_evaluated=is_evaluated,
        evaluated=people.get(evaluation.evaluated_id) if visible or is_evaluated else None,
        evaluator=people.get(evaluation.evaluator_id) if visible or is_evaluator else None,
        started=now >= evaluation.starts_at,
        final=evaluating.is_final(evaluation, now=now),
        work=overview.evaluated_work(current_user, evaluation, now=now),
        scale_form=scale_form or ScaleForm(formdata=None),
        rating_form=rating_form or RatingForm(formdata=None),
        answers=answers if answers is not None else given,
        chosen_flags=flags if flags is not None else [f for f in evaluation.flags.split(",") if f],
        flag_labels={k: v[0] for k, v in scales_service.FLAGS.items()},
        errors=errors or {},
        feedback_min=evaluating.FEEDBACK_MIN,
        feedback_max=evaluating.FEEDBACK_MAX,
        rating_max=scales_service.RATING_MAX,
        action_form=ActionForm(),
        team=team,
        is_member=any(row["is_me"] for row in team),
    ), status


def _team_rows(evaluation, names: bool, presence: dict | None) -> list[dict]:
    """A defense's members as the page shows them: names once visible (one's own always), the
    individual mark to its member, the evaluator and staff; [] for a peer evaluation."""
    if evaluation.team_id is None:
        return []
    sees_all = current_user.is_staff or current_user.id == evaluation.evaluator_id
    rows = []
    for m in sorted(evaluation.members, key=lambda m: m.id):
        mine = m.user_id == current_user.id
        typed = (presence or {}).get(m.user_id, {})
        rows.append(
            {
                "user_id": m.user_id,
                "is_me": mine,
                "name": defenses.member_name(m.user_id) if names or mine or sees_all else "",
                "shown": sees_all or mine,
                "mark": m.mark,
                "absent": typed.get("absent", m.absent),
                "cannot_explain": typed.get("cannot_explain", m.cannot_explain),
            }
        )
    return rows


@bp.get("/piscine/evaluations/<int:evaluation_id>")
@login_required
def evaluation(evaluation_id: int):
    """One evaluation, for its two people, every member of a defended team (and staff)."""
    return _render_evaluation(defenses.get_visible(current_user, evaluation_id))


def _whole(raw):
    """A small whole number typed in a form, else the text as typed (the service says why)."""
    if isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) <= 2:
        return int(raw)
    return raw


def _presence_from(evaluation) -> list[dict]:
    """A defense's per-member answers as typed (`member-<id>`: present | absent, and the
    `explain-<id>` box); a value other than the two is passed on for the service to refuse."""
    found = []
    for user_id in defenses.member_ids(evaluation):
        raw = request.form.get(f"member-{user_id}", "")
        absent = {"present": False, "absent": True}.get(raw, raw)
        explain = request.form.get(f"explain-{user_id}") == "1"
        found.append({"user_id": user_id, "absent": absent, "cannot_explain": explain})
    return found


def _answers_from(scale: dict | None) -> dict:
    """The scale's answers as typed: whole numbers where they are, else the text given."""
    found = {}
    for q in scales_service.questions(scale or {}):
        raw = request.form.get(f"answer-{q['id']}", "")
        if raw != "":
            found[q["id"]] = _whole(raw)
    return found


@bp.post("/piscine/evaluations/<int:evaluation_id>")
@login_required
def submit_scale(evaluation_id: int):
    """The evaluator's filled scale, flags and feedback."""
    found = booking.get_evaluation(current_user, evaluation_id)
    form = ScaleForm()
    answers = _answers_from(_scale_of(found))
    flags = request.form.getlist("flags")
    members = _presence_from(found) if found.team_id else None
    presence = {
        m["user_id"]: {"absent": m["absent"] is True, "cannot_explain": m["cannot_explain"]}
        for m in members or []
    }
    redo = {"scale_form": form, "answers": answers, "flags": flags, "presence": presence}
    if not form.validate_on_submit():
        _expired(form)
        return _render_evaluation(found, status=422, **redo)
    try:
        if found.team_id:
            defenses.submit_defense(
                current_user, found, answers, flags, form.feedback.data, members, now=utcnow()
            )
        else:
            evaluating.submit(current_user, found, answers, flags, form.feedback.data, now=utcnow())
    except ServiceError as exc:
        db.session.rollback()
        status = show_service_error(form, exc)
        errors = {k: str(v) for k, v in exc.fields.items() if k != "feedback"}
        if not exc.fields:
            status = exc.status
        return _render_evaluation(found, errors=errors, status=status, **redo)
    db.session.commit()
    flash(_("Your evaluation is saved; thank you. You earned one point."), "success")
    return redirect(url_for("piscine.evaluation", evaluation_id=found.id))


@bp.post("/piscine/evaluations/<int:evaluation_id>/rate")
@login_required
def rate_feedback(evaluation_id: int):
    """The evaluated person rates the feedback received (0-4) and may comment."""
    found = booking.get_evaluation(current_user, evaluation_id)
    form = RatingForm()
    if not form.validate_on_submit():
        _expired(form)
        return _render_evaluation(found, rating_form=form, status=422)
    raw = form.rating.data or ""
    rating = _whole(raw)
    try:
        evaluating.rate(current_user, found, rating, form.comment.data or "", now=utcnow())
    except ServiceError as exc:
        db.session.rollback()
        return _render_evaluation(found, rating_form=form, status=show_service_error(form, exc))
    db.session.commit()
    flash(_("Thank you for rating the feedback."), "success")
    return redirect(url_for("piscine.evaluation", evaluation_id=found.id))


@bp.post("/piscine/evaluations/<int:evaluation_id>/<any(cancel, 'no-show'):action>")
@login_required
def evaluation_action(evaluation_id: int, action: str):
    """Cancel a booked evaluation (either side), or report that the other did not come."""
    found = booking.get_evaluation(current_user, evaluation_id)
    back = url_for("piscine.evaluations", piscine_id=found.piscine_id) + "#mine"
    if not ActionForm().validate_on_submit():
        flash(_(EXPIRED), "error")
        return redirect(back)
    try:
        if action == "cancel":
            booking.cancel(current_user, found, now=utcnow())
        else:
            booking.report_no_show(current_user, found, now=utcnow())
    except ServiceError as exc:
        flash_service_error(exc, rollback=True)
        return redirect(back)
    db.session.commit()
    if action == "cancel":
        flash(_("The evaluation is cancelled."), "success")
    else:
        flash(_("The absence is reported; staff will decide."), "success")
    return redirect(back)
