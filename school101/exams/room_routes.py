"""Staff pages of exam rooms: the rooms and their networks, opening an exam in a room (the code
on the room's screen), closing it, and who is connected from where, live.

GET/POST /exams/staff/rooms, GET/POST /exams/staff/rooms/<id>, POST .../rooms/<id>/open,
GET /exams/staff/room-sessions/<id> (live view), .../live (its JSON), .../screen (the page
projected in the room), POST .../close. Rules: services/exams/rooms.py.
"""

from __future__ import annotations

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from school101.core.errors import ServiceError
from school101.exams.blueprint import bp
from school101.exams.forms import CloseRoomForm, OpenRoomForm, RoomForm
from school101.extensions import db
from school101.models._base import utcnow
from school101.services.exams import attempts, rooms
from school101.web.authz import staff_required
from school101.web.errors import error_response
from school101.web.form_errors import show_service_error


def _exam_choices() -> list[dict]:
    now, locale = utcnow(), str(get_locale() or "fr")
    return [attempts.exam_to_json(day, None, now, locale) for day in rooms.open_exams(now)]


def _rooms_page(form: RoomForm, status: int = 200):
    rows = [rooms.room_to_json(room) for room in rooms.rooms()]
    return render_template("exams/staff_rooms.html", rows=rows, form=form), status


@bp.route("/staff/rooms", methods=["GET", "POST"])
@staff_required
def staff_rooms():
    """Every room with its open exam, and the form adding a room."""
    form = RoomForm()
    if request.method == "GET":
        return _rooms_page(form)
    if not form.validate_on_submit():
        flash(_("The security token is missing or expired: reload the page."), "error")
        return _rooms_page(form, 400)
    try:
        room = rooms.save_room(form.name.data, form.networks.data, actor=current_user)
    except ServiceError as exc:
        db.session.rollback()
        return _rooms_page(form, show_service_error(form, exc))
    db.session.commit()
    flash(_("Room saved."), "success")
    return redirect(url_for("exams.staff_room", room_id=room.id))


def _room_page(room_id: int, form: RoomForm | None = None, status: int = 200, open_form=None):
    room = rooms.get_room(room_id)
    if form is None:
        form = RoomForm(formdata=None, name=room.name, networks=room.networks)
    return render_template(
        "exams/staff_room.html",
        room=rooms.room_to_json(room),
        form=form,
        open_form=open_form or OpenRoomForm(formdata=None),
        close_form=CloseRoomForm(),
        exams=_exam_choices(),
        sessions=[rooms.session_to_json(s, with_code=False) for s in rooms.sessions_of(room.id)],
    ), status


@bp.route("/staff/rooms/<int:room_id>", methods=["GET", "POST"])
@staff_required
def staff_room(room_id: int):
    """A room: its networks (editable), its open exam or the form opening one, past sessions."""
    if request.method == "GET":
        return _room_page(room_id)
    form = RoomForm()
    if not form.validate_on_submit():
        flash(_("The security token is missing or expired: reload the page."), "error")
        return _room_page(room_id, form, 400)
    try:
        rooms.save_room(form.name.data, form.networks.data, actor=current_user, room_id=room_id)
    except ServiceError as exc:
        db.session.rollback()
        return _room_page(room_id, form, show_service_error(form, exc))
    db.session.commit()
    flash(_("Room saved."), "success")
    return redirect(url_for("exams.staff_room", room_id=room_id))


@bp.post("/staff/rooms/<int:room_id>/open")
@staff_required
def staff_room_open(room_id: int):
    """Open an exam in the room: a new code for the room's screen (audited)."""
    form = OpenRoomForm()
    if not form.validate_on_submit():
        if "csrf_token" in form.errors:
            flash(_("The security token is missing or expired: reload the page."), "error")
        return _room_page(room_id, status=422, open_form=form)
    try:
        row = rooms.open_session(room_id, form.exam_id.data, actor=current_user)
    except ServiceError as exc:
        db.session.rollback()
        status = show_service_error(form, exc)
        return _room_page(room_id, status=status, open_form=form)
    db.session.commit()
    flash(_("The exam is open in this room: show the room's screen."), "success")
    return redirect(url_for("exams.staff_room_session", session_id=row.id))


@bp.post("/staff/room-sessions/<int:session_id>/close")
@staff_required
def staff_room_close(session_id: int):
    """Close the room's exam session: its code starts nothing more (audited)."""
    form = CloseRoomForm()
    if not form.validate_on_submit():
        flash(_("The security token is missing or expired: reload the page."), "error")
        return redirect(url_for("exams.staff_room_session", session_id=session_id))
    try:
        row = rooms.close_session(session_id, actor=current_user)
    except ServiceError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return redirect(url_for("exams.staff_room_session", session_id=session_id))
    db.session.commit()
    flash(_("The exam session is closed: candidates under way go on."), "success")
    return redirect(url_for("exams.staff_room", room_id=row.room_id))


def _exam_title(exam_id: int) -> dict:
    return attempts.exam_to_json(
        attempts.get_exam(exam_id), None, utcnow(), str(get_locale() or "fr")
    )


@bp.get("/staff/room-sessions/<int:session_id>")
@staff_required
def staff_room_session(session_id: int):
    """Who takes the exam in the room, from which address, last seen (refreshed by a script)."""
    data = rooms.live(session_id)
    return render_template(
        "exams/staff_room_session.html",
        data=data,
        exam=_exam_title(data["session"]["exam_id"]),
        close_form=CloseRoomForm(),
    )


@bp.get("/staff/room-sessions/<int:session_id>/live")
def staff_room_session_live(session_id: int):
    """The live view's JSON (401/403 as JSON, so the script can say "log in again")."""
    if not current_user.is_authenticated:
        return error_response(401, "unauthorized", _("Please log in again."))
    if not current_user.has_role("staff", "admin"):
        return error_response(403, "forbidden", _("This page is for staff."))
    try:
        data = rooms.live(session_id)
    except ServiceError as exc:
        return error_response(exc.status, exc.code, exc.message)
    response = jsonify(data)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/staff/room-sessions/<int:session_id>/screen")
@staff_required
def staff_room_screen(session_id: int):
    """The page projected in the room: the code, large, with the room and the exam."""
    row = rooms.get_session(session_id)
    response = render_template(
        "exams/room_screen.html",
        session=rooms.session_to_json(row),
        code=rooms.show_code(row.code),
        exam=_exam_title(row.exam_id),
    )
    return response, 200, {"Cache-Control": "no-store"}
