"""Exam pages.

Candidates: GET /exams/ (their exams), GET /exams/<id> (the start form with the room's code,
or the subject, the countdown, the grademe form and the history of tries), POST
/exams/<id>/start (field `code`, in the room's network: services/exams/rooms.py),
POST /exams/<id>/grademe (multipart `files`), GET /exams/<id>/state (JSON for exams.js).
Staff: GET /exams/staff/ (every exam), GET /exams/staff/<id> (results), GET
/exams/staff/attempts/<id> (one attempt with every try and its trace).
Views are thin: one service call, one commit, render.
"""

from __future__ import annotations

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from school101.core.errors import ServiceError
from school101.exams.blueprint import bp, browser_client
from school101.exams.forms import GrademeForm, StartForm
from school101.extensions import db
from school101.models._base import utcnow
from school101.models.user import User
from school101.services.exams import attempts
from school101.web.authz import staff_required
from school101.web.errors import error_response
from school101.web.form_errors import show_service_error
from school101.web.limits import exam_start_limit


@bp.app_template_filter("exam_time")
def exam_time(value: str | None) -> str:
    """An ISO timestamp (UTC) shown in Europe/Paris in the page's language."""
    from datetime import datetime

    from school101.web.pages import paris_time

    return paris_time(datetime.fromisoformat(value)) if value else "—"


@bp.errorhandler(ServiceError)
def service_refused(exc: ServiceError):
    """A refusal on a page (no seat, no such exam...): an HTML page with the reason, nothing saved."""
    db.session.rollback()
    return render_template("exams/refused.html", error=exc, message=exc.message), exc.status


def _locale() -> str:
    return str(get_locale() or "fr")


@bp.get("/")
@login_required
def index():
    """The candidate's exams with their results."""
    now = utcnow()
    rows = [
        attempts.exam_to_json(day, attempt, now, _locale())
        for day, attempt in attempts.exams_for(current_user)
    ]
    return render_template("exams/index.html", rows=rows)


def _render_exam(exam_id: int, *, form=None, upload_error=None, status: int = 200, start_form=None):
    data = attempts.state(current_user, exam_id, locale=_locale(), client=browser_client())
    db.session.commit()  # verdicts and the time limit applied while reading
    return render_template(
        "exams/exam.html",
        exam=data["exam"],
        attempt=data["attempt"],
        start_form=start_form or StartForm(),
        form=form or GrademeForm(),
        upload_error=upload_error,
    ), status


@bp.get("/<int:exam_id>")
@login_required
def exam(exam_id: int):
    """The exam page."""
    return _render_exam(exam_id)


@bp.post("/<int:exam_id>/start")
@login_required
@exam_start_limit()
def start(exam_id: int):
    """Start the exam in the room with the code on the room's screen (or resume it)."""
    form = StartForm()
    if not form.validate_on_submit():
        flash(_("The security token is missing or expired: reload the page."), "error")
        return redirect(url_for("exams.exam", exam_id=exam_id))
    try:
        _attempt, created = attempts.start(
            current_user, exam_id, code=form.code.data, client=browser_client()
        )
    except ServiceError as exc:
        db.session.rollback()
        status = show_service_error(form, exc)
        form.code.data = ""
        return _render_exam(exam_id, start_form=form, status=status)
    db.session.commit()
    if created:
        flash(_("The exam has started. Good luck!"), "success")
    return redirect(url_for("exams.exam", exam_id=exam_id))


@bp.post("/<int:exam_id>/grademe")
@login_required
def grademe(exam_id: int):
    """Turn in the files of the current exercise and queue their grading."""
    form = GrademeForm()
    if not form.validate_on_submit():
        return _render_exam(
            exam_id,
            form=form,
            status=400,
            upload_error=_("The security token is missing or expired: reload the page."),
        )
    uploads = [(f.filename or "", f.read()) for f in request.files.getlist("files") if f.filename]
    try:
        attempts.grademe(current_user, exam_id, uploads, source="upload", client=browser_client())
    except ServiceError as exc:
        db.session.rollback()
        message = str(exc.fields.get("files") or exc.message)
        return _render_exam(exam_id, form=form, upload_error=message, status=exc.status)
    db.session.commit()
    flash(_("Your work is being graded. The verdict appears here in a moment."), "success")
    return redirect(url_for("exams.exam", exam_id=exam_id))


@bp.get("/<int:exam_id>/state")
def state(exam_id: int):
    """JSON for the page's script: the attempt with remaining time measured by the server."""
    if not current_user.is_authenticated:
        return error_response(401, "unauthorized", _("Please log in again."))
    try:
        data = attempts.state(current_user, exam_id, locale=_locale(), client=browser_client())
    except ServiceError as exc:
        db.session.rollback()
        return error_response(exc.status, exc.code, exc.message, exc.fields, **exc.extra)
    db.session.commit()
    attempt = data["attempt"]
    if attempt is not None and attempt["current"] is not None:
        attempt["current"].pop("subject_html", None)
    return jsonify(data)


@bp.get("/staff/")
@staff_required
def staff_index():
    """Every exam of every piscine with the number of attempts."""
    now = utcnow()
    rows = [
        (attempts.exam_to_json(day, None, now, _locale()), started)
        for day, started in attempts.staff_exams()
    ]
    return render_template("exams/staff_index.html", rows=rows)


@bp.get("/staff/<int:exam_id>")
@staff_required
def staff_results(exam_id: int):
    """An exam's results: candidates x levels, points, time used."""
    data = attempts.results(exam_id)
    db.session.commit()
    return render_template("exams/staff_results.html", data=data)


@bp.get("/staff/attempts/<int:attempt_id>")
@staff_required
def staff_attempt(attempt_id: int):
    """One attempt with every try and its verdict trace."""
    attempt = attempts.get_attempt(current_user, attempt_id)
    data = attempts.attempt_to_json(attempt, utcnow())
    exam = attempts.exam_to_json(attempts.get_exam(attempt.exam_id), None, utcnow(), _locale())
    candidate = db.session.get(User, attempt.user_id)
    db.session.commit()
    return render_template("exams/staff_attempt.html", attempt=data, exam=exam, candidate=candidate)
