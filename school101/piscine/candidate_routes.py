"""Candidate pages: sessions and booking, the piscine dashboard, day pages with subjects and
uploads, submissions with their verdict."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from school101.core.errors import Conflict, ServiceError
from school101.extensions import db
from school101.models._base import utcnow
from school101.piscine.blueprint import bp, locale, page_arg
from school101.piscine.forms import ActionForm, UploadForm
from school101.services.evaluations import booking as evaluation_booking
from school101.services.evaluations import overview, teams
from school101.services.exams import upcoming
from school101.services.grading import results, submissions
from school101.services.piscine import (
    booking,
    calendar,
    content,
    invitations,
    submission_views,
    today,
)
from school101.services.piscine import booking as booking_service
from school101.web.authz import candidate_required
from school101.web.errors import flash_service_error


@bp.get("/piscine/")
@candidate_required
def index():
    """The sessions the candidate is invited to, with book / cancel / decline."""
    return render_template(
        "piscine/index.html",
        sessions=booking.my_sessions(current_user),
        form=ActionForm(),
        now=utcnow(),
    )


@bp.post("/piscine/<int:piscine_id>/book")
@candidate_required
def book(piscine_id: int):
    """Book a seat; when the session is full the candidate joins its waitlist."""
    if not ActionForm().validate_on_submit():
        flash(_("The form has expired; please try again."), "error")
        return redirect(url_for("piscine.index"))
    try:
        result = booking_service.book(current_user, piscine_id)
    except Conflict as exc:
        flash_service_error(exc, rollback=True)
        return redirect(url_for("piscine.index"))
    db.session.commit()
    if result.booking.status == "waitlisted":
        flash(
            _(
                "This session is full: you are on its waitlist, position %(n)d. If a seat is freed, "
                "it is given to you automatically and you are told by e-mail.",
                n=result.position,
            ),
            "info",
        )
    elif result.created:
        flash(_("Your seat is booked. Welcome to the piscine!"), "success")
    else:
        flash(_("You already hold a seat in this session."), "info")
    return redirect(url_for("piscine.index"))


@bp.get("/piscine/<int:piscine_id>/<any(cancel, decline):action>")
@candidate_required
def confirm(piscine_id: int, action: str):
    """Ask before giving up a seat, a waitlist place or the invitation."""
    session = next(
        (s for s in booking.my_sessions(current_user) if s["piscine"].id == piscine_id), None
    )
    if session is None:
        abort(404)
    return render_template(
        "piscine/confirm.html", session=session, action=action, form=ActionForm()
    )


@bp.post("/piscine/<int:piscine_id>/cancel")
@candidate_required
def cancel(piscine_id: int):
    """Give up a seat (until the cancellation deadline) or leave the waitlist."""
    if not ActionForm().validate_on_submit():
        flash(_("The form has expired; please try again."), "error")
        return redirect(url_for("piscine.index"))
    try:
        booking_service.cancel(current_user, piscine_id)
    except Conflict as exc:
        flash_service_error(exc, rollback=True)
        return redirect(url_for("piscine.index"))
    db.session.commit()
    flash(_("Your booking is cancelled."), "success")
    return redirect(url_for("piscine.index"))


@bp.post("/piscine/<int:piscine_id>/decline")
@candidate_required
def decline(piscine_id: int):
    """Say no to the invitation (gives up any seat or waitlist place)."""
    if not ActionForm().validate_on_submit():
        flash(_("The form has expired; please try again."), "error")
        return redirect(url_for("piscine.index"))
    try:
        invitations.decline(current_user, piscine_id)
    except Conflict as exc:
        flash_service_error(exc, rollback=True)
        return redirect(url_for("piscine.index"))
    db.session.commit()
    flash(_("You declined the invitation."), "success")
    return redirect(url_for("piscine.index"))


@bp.get("/piscine/today")
@candidate_required
def today_home():
    """The candidate's home during a piscine: the "today" page of the piscine where they hold a
    seat (running, else next, else last); the invitations page without a seat."""
    piscine_id = today.home_piscine_id(current_user)
    if piscine_id is None:
        return redirect(url_for("piscine.index"))
    return redirect(url_for("piscine.dashboard", piscine_id=piscine_id))


@bp.get("/piscine/<int:piscine_id>/")
@candidate_required
def dashboard(piscine_id: int):
    """A seated candidate's piscine, "today" first (open days with subjects and verdicts, how to
    turn in, the next exam, peer evaluations), then the calendar, results and progress."""
    piscine = booking.seated_piscine(current_user, piscine_id)
    day_results = results.candidate_results(piscine, current_user.id)
    now = utcnow()
    lang = locale()
    now_view = today.today(piscine, current_user.id, now=now, locale=lang)
    next_exam = now_view["next_exam"]
    return render_template(
        "piscine/dashboard.html",
        piscine=piscine,
        now=now,
        today=now_view,
        next_exam=upcoming.next_exam(
            current_user, next_exam["day"] if next_exam else None, now=now, locale=lang
        ),
        evaluations_needed=evaluation_booking.needs(current_user, piscine, now=now),
        upload_forms={
            ex["name"]: UploadForm(prefix=ex["name"], formdata=None)
            for day in now_view["open_days"]
            for ex in day["exercises"]
        },
        calendar=calendar.calendar(piscine, now, lang),
        results={r.day_id: r for r in day_results},
        progress=results.progress(day_results),
        rush_teams=teams.my_teams(current_user, piscine),
        notices=overview.in_app_notices(current_user, piscine, now=now),
        titles={d.day_id: content.day_title(d.day_id, lang) for d in piscine.days},
        public_url=current_app.config["PUBLIC_URL"].rstrip("/"),
    )


def _render_day(piscine, day_id: str, *, errors: dict | None = None, status: int = 200):
    day = calendar.calendar_entry(piscine, day_id)
    now = utcnow()
    state = calendar.day_state(day, now)
    lang = locale()
    exercises = []
    if state != "upcoming":
        exercises = [
            {
                "name": name,
                "id": f"{day_id}/{name}",
                "subject": content.subject_html(day_id, name, lang),
                "form": UploadForm(prefix=name, formdata=None),
            }
            for name in content.day_exercises(day_id)
        ]
    result = results.day_result(piscine, current_user.id, day)
    return render_template(
        "piscine/day.html",
        piscine=piscine,
        day=day,
        state=state,
        now=now,
        exercises=exercises,
        title=content.day_title(day_id, lang),
        git_url=content.git_url(day_id),
        result=result,
        verdicts={e["exercise"]: e for e in result.exercises},
        submissions=submission_views.my_submissions(
            current_user, piscine, day_id, page=page_arg(request.args.get("page"))
        ),
        errors=errors or {},
    ), status


@bp.get("/piscine/<int:piscine_id>/days/<day_id>")
@candidate_required
def day(piscine_id: int, day_id: str):
    """A day's subjects (French or English), upload forms, submissions and result."""
    piscine = booking.seated_piscine(current_user, piscine_id)
    return _render_day(piscine, day_id)


@bp.post("/piscine/<int:piscine_id>/days/<day_id>/<exercise>")
@candidate_required
def upload(piscine_id: int, day_id: str, exercise: str):
    """Upload the files of one exercise (or one zip/tar archive)."""
    piscine = booking.seated_piscine(current_user, piscine_id)
    calendar.calendar_entry(piscine, day_id)
    if exercise not in content.day_exercises(day_id):
        abort(404)
    form = UploadForm(prefix=exercise)
    if not form.validate_on_submit():
        return _render_day(
            piscine,
            day_id,
            status=400,
            errors={exercise: [_("The form has expired; please try again.")]},
        )
    uploads = [
        (f.filename or "", f.read())
        for f in request.files.getlist(form.files.name)
        if f is not None and f.filename
    ]
    try:
        submission, _run = submissions.submit(
            current_user, f"{day_id}/{exercise}", uploads, source="upload"
        )
    except ServiceError as exc:
        db.session.rollback()
        messages = [str(exc.message)]
        for detail in exc.fields.values():
            if str(detail) not in messages:
                messages.append(str(detail))
        if len(messages) > 1 and exc.code == "validation_error":
            messages = messages[1:]  # "Some fields are not valid." says less than the detail
        return _render_day(piscine, day_id, status=exc.status, errors={exercise: messages})
    db.session.commit()
    flash(
        _(
            "Your files for %(exercise)s are received (submission #%(id)d).",
            exercise=f"{day_id}/{exercise}",
            id=submission.id,
        ),
        "success",
    )
    if request.form.get("back") == "today":  # sent from the "today" page: back where it was
        return redirect(
            url_for("piscine.dashboard", piscine_id=piscine.id) + f"#today-{day_id}-{exercise}"
        )
    return redirect(
        url_for("piscine.day", piscine_id=piscine.id, day_id=day_id) + f"#ex-{exercise}"
    )


@bp.get("/piscine/submissions/<int:submission_id>")
@login_required
def submission(submission_id: int):
    """One submission with its files, status and the verdict's trace (owner or staff only)."""
    found = submissions.get_submission(current_user, submission_id)
    return render_template("piscine/submission.html", **submission_views.submission_detail(found))
