"""Exam rooms: the networks of their computers, the exam sessions staff open in them, the code
candidates type to start, and what staff watch live.

Rules (issue 14, "Exams taken in the room"):
- A room has a name and a CIDR list; every network lies inside the campus setting
  EXAM_NETWORKS (services/exams/networks.py), checked when staff save the room.
- Staff open an exam in a room: a session with a random code of CODE_LENGTH characters from an
  alphabet without look-alikes (no 0/O, 1/I/L), shown on the room's screen. The room's networks
  are copied into the session, so editing a room never changes a running exam. One open session
  per room (a unique column holds the room's id while open). Staff close it; both audited.
- A candidate starts only from an address inside an open session's networks (and the campus
  networks), with that session's code: else 409 `room_closed`, 403 `outside_network`,
  422 `code_required` / `wrong_code` (field `code`), and nothing is started.
- An attempt started in a room is taken from that room's networks only (`ensure_in_room`):
  closing the session stops new starts, not the attempts under way.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from school101.core import audit
from school101.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from school101.core.permissions import ensure_staff
from school101.extensions import db
from school101.models import PiscineDay, User
from school101.models._base import utcnow
from school101.models.exams import ExamAttempt, ExamConnection, ExamRoom, ExamRoomSession
from school101.services.exams import networks

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
NAME_MAX = 80


def campus_networks() -> list[networks.Network]:
    """The campus networks of EXAM_NETWORKS."""
    return networks.campus(str(current_app.config.get("EXAM_NETWORKS") or ""))


def new_code() -> str:
    """A random session code, e.g. "K7PQ3M"."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str | None) -> str:
    """What a candidate typed, upper-cased, without spaces or dashes ("k7p-q3m" -> "K7PQ3M")."""
    return "".join(c for c in (typed or "").upper() if c not in " -\t")[:32]


def show_code(code: str) -> str:
    """The code as the room's screen shows it: two groups of three ("K7P QJM")."""
    return f"{code[:3]} {code[3:]}" if len(code) == CODE_LENGTH else code


def rooms() -> list[ExamRoom]:
    """Every room, by name."""
    return db.session.scalars(db.select(ExamRoom).order_by(ExamRoom.name, ExamRoom.id)).all()


def get_room(room_id: int) -> ExamRoom:
    """A room or NotFound."""
    room = db.session.get(ExamRoom, room_id)
    if room is None:
        raise NotFound(_l("No such room."), code="not_found")
    return room


def _checked(name: str, text: str, room_id: int | None) -> tuple[str, str]:
    fields: dict = {}
    name = " ".join((name or "").split())
    if not name:
        fields["name"] = _l("Give the room a name.")
    elif len(name) > NAME_MAX:
        fields["name"] = _l("At most %(n)d characters.", n=NAME_MAX)
    elif db.session.scalar(
        db.select(ExamRoom.id).where(
            db.func.lower(ExamRoom.name) == name.lower(), ExamRoom.id != (room_id or 0)
        )
    ):
        fields["name"] = _l("Another room already has this name.")
    parsed = networks.parse(text)
    campus = campus_networks()
    if parsed.errors:
        fields["networks"] = "; ".join(str(e) for e in parsed.errors[:5])
    elif not parsed.networks:
        fields["networks"] = _l("List at least one network of the room (CIDR, e.g. 10.42.0.0/24).")
    elif len(parsed.networks) > networks.MAX_NETWORKS:
        fields["networks"] = _l("At most %(n)d networks.", n=networks.MAX_NETWORKS)
    elif outside := networks.outside(parsed.networks, campus):
        fields["networks"] = _l(
            "Outside the campus networks (%(campus)s): %(outside)s.",
            campus=", ".join(str(n) for n in campus) or "—",
            outside=", ".join(str(n) for n in outside[:5]),
        )
    if fields:
        raise ValidationFailed(_l("Please correct the fields marked below."), fields=fields)
    return name, networks.as_text(parsed.networks)


def save_room(name: str, networks_text: str, *, actor, room_id: int | None = None) -> ExamRoom:
    """Create a room (room_id None) or change one; audited, the caller commits."""
    ensure_staff(actor)
    room = get_room(room_id) if room_id is not None else None
    name, stored = _checked(name, networks_text, room_id)
    before = None if room is None else {"name": room.name, "networks": room.networks.split()}
    if room is None:
        room = ExamRoom(name=name, networks=stored)
        db.session.add(room)
    else:
        room.name, room.networks, room.updated_at = name, stored, utcnow()
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:  # the same name saved at the same instant
        raise ValidationFailed(
            _l("Please correct the fields marked below."),
            fields={"name": _l("Another room already has this name.")},
        ) from None
    audit.record(
        "exam.room_created" if before is None else "exam.room_updated",
        actor=actor,
        target=room,
        before=before,
        after={"name": room.name, "networks": stored.split()},
    )
    return room


def open_session_of(room_id: int) -> ExamRoomSession | None:
    """The room's open session, if any."""
    return db.session.scalars(
        db.select(ExamRoomSession).where(ExamRoomSession.open_room_id == room_id)
    ).first()


def get_session(session_id: int) -> ExamRoomSession:
    """A room session or NotFound."""
    row = db.session.get(ExamRoomSession, session_id)
    if row is None:
        raise NotFound(_l("No such exam session."), code="not_found")
    return row


def open_session(
    room_id: int, exam_id: int, *, actor, now: datetime | None = None
) -> ExamRoomSession:
    """Open an exam in a room: a new code, the room's networks copied; audited, caller commits."""
    ensure_staff(actor)
    now = now or utcnow()
    room = get_room(room_id)
    exam = db.session.get(PiscineDay, exam_id)
    if exam is None or exam.kind != "exam":
        raise ValidationFailed(
            _l("Please correct the fields marked below."), fields={"exam_id": _l("No such exam.")}
        )
    if now >= exam.closes_at:
        raise Conflict(_l("This exam is over."), code="exam_closed")
    if open_session_of(room.id) is not None:
        raise Conflict(
            _l("An exam is already open in this room: close it first."), code="room_busy"
        )
    row = ExamRoomSession(
        room_id=room.id,
        exam_id=exam.id,
        code=new_code(),
        networks=room.networks,
        open_room_id=room.id,
        opened_at=now,
        opened_by_id=actor.id,
    )
    try:
        with db.session.begin_nested():
            db.session.add(row)
            db.session.flush()
    except IntegrityError:  # opened by someone else at the same instant
        raise Conflict(
            _l("An exam is already open in this room: close it first."), code="room_busy"
        ) from None
    audit.record(
        "exam.room_opened",
        actor=actor,
        target=row,
        after={"room": room.name, "exam_id": exam.id, "networks": row.networks.split()},
    )
    return row


def close_session(session_id: int, *, actor, now: datetime | None = None) -> ExamRoomSession:
    """Close a room session: no new start with its code (attempts under way go on); audited."""
    ensure_staff(actor)
    now = now or utcnow()
    row = get_session(session_id)
    closed = db.session.execute(
        db.update(ExamRoomSession)
        .where(ExamRoomSession.id == row.id, ExamRoomSession.open_room_id.is_not(None))
        .values(open_room_id=None, closed_at=now, closed_by_id=actor.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not closed:
        raise Conflict(_l("This exam session is already closed."), code="already_closed")
    db.session.refresh(row)
    audit.record(
        "exam.room_closed",
        actor=actor,
        target=row,
        after={"room": row.room.name, "exam_id": row.exam_id},
    )
    return row


def admit(exam: PiscineDay, typed_code: str | None, address: str | None) -> ExamRoomSession:
    """The open room session a candidate at `address` typing `typed_code` may start `exam` in."""
    sessions = db.session.scalars(
        db.select(ExamRoomSession)
        .where(ExamRoomSession.exam_id == exam.id, ExamRoomSession.open_room_id.is_not(None))
        .order_by(ExamRoomSession.id)
    ).all()
    if not sessions:
        raise Conflict(
            _l(
                "This exam is not open in a room yet: it starts in the exam room, with the code "
                "staff show on the room's screen."
            ),
            code="room_closed",
        )
    campus = campus_networks()
    here = [
        s
        for s in sessions
        if networks.contains(campus, address)
        and networks.contains(networks.parse(s.networks).networks, address)
    ]
    if not here:
        raise Forbidden(
            _l("Exams start only from the computers of the exam room."), code="outside_network"
        )
    code = normalise_code(typed_code)
    if not code:
        message = _l("Type the code shown on the room's screen.")
        raise ValidationFailed(message, fields={"code": message}, code="code_required")
    for row in here:
        if hmac.compare_digest(row.code.encode(), code.encode()):
            return row
    message = _l("Wrong code: type the code shown on the room's screen.")
    raise ValidationFailed(message, fields={"code": message}, code="wrong_code")


def ensure_in_room(attempt: ExamAttempt, address: str | None) -> None:
    """Refuse (403 `outside_network`) an attempt started in a room when taken from elsewhere."""
    if attempt.room_session_id is None:
        return
    row = db.session.get(ExamRoomSession, attempt.room_session_id)
    if not (
        networks.contains(campus_networks(), address)
        and networks.contains(networks.parse(row.networks).networks, address)
    ):
        raise Forbidden(
            _l("Your exam goes on only from the computers of the exam room."),
            code="outside_network",
        )


def sessions_of(room_id: int, *, limit: int = 20) -> list[ExamRoomSession]:
    """The room's sessions, newest first."""
    return db.session.scalars(
        db.select(ExamRoomSession)
        .where(ExamRoomSession.room_id == room_id)
        .order_by(ExamRoomSession.id.desc())
        .limit(limit)
    ).all()


def open_exams(now: datetime | None = None) -> list[PiscineDay]:
    """Exams not over yet (staff may open them in a room), soonest first."""
    now = now or utcnow()
    return db.session.scalars(
        db.select(PiscineDay)
        .where(PiscineDay.kind == "exam", PiscineDay.closes_at > now)
        .order_by(PiscineDay.opens_at, PiscineDay.id)
        .limit(50)
    ).all()


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def session_to_json(row: ExamRoomSession, *, with_code: bool = True) -> dict:
    """A room session as staff see it."""
    data = {
        "id": row.id,
        "room_id": row.room_id,
        "room": row.room.name,
        "exam_id": row.exam_id,
        "open": row.open_room_id is not None,
        "networks": row.networks.split(),
        "opened_at": _iso(row.opened_at),
        "closed_at": _iso(row.closed_at),
    }
    if with_code:
        data["code"] = row.code
    return data


def room_to_json(room: ExamRoom) -> dict:
    """A room with its open session (code included: staff only)."""
    current = open_session_of(room.id)
    return {
        "id": room.id,
        "name": room.name,
        "networks": room.networks.split(),
        "open_session": session_to_json(current) if current is not None else None,
    }


def live(session_id: int, *, now: datetime | None = None) -> dict:
    """Who takes the exam in this room session: each candidate's active connection (browser or
    API), its address, whether it is inside the room's networks, when last seen, and how many
    sessions a later login ended."""
    now = now or utcnow()
    row = get_session(session_id)
    room_networks = networks.parse(row.networks).networks
    attempts = db.session.execute(
        db.select(ExamAttempt, User)
        .join(User, User.id == ExamAttempt.user_id)
        .where(ExamAttempt.room_session_id == row.id)
        .order_by(User.last_name, User.first_name, User.id)
    ).all()
    ids = [attempt.id for attempt, _user in attempts]
    connections: dict[int, list[ExamConnection]] = {i: [] for i in ids}
    if ids:
        for conn in db.session.scalars(
            db.select(ExamConnection)
            .where(ExamConnection.attempt_id.in_(ids))
            .order_by(ExamConnection.id)
        ):
            connections[conn.attempt_id].append(conn)
    people = []
    for attempt, user in attempts:
        active = next((c for c in connections[attempt.id] if c.active_attempt_id), None)
        people.append(
            {
                "attempt_id": attempt.id,
                "user_id": user.id,
                "name": user.full_name,
                "email": user.email,
                "status": attempt.status,
                "connected": active is not None,
                "kind": active.kind if active else None,
                "address": active.address if active else None,
                "in_room": networks.contains(room_networks, active.address) if active else None,
                "user_agent": active.user_agent if active else None,
                "since": _iso(active.started_at) if active else None,
                "last_seen_at": _iso(active.last_seen_at) if active else None,
                "seconds_since_seen": int((now - active.last_seen_at).total_seconds())
                if active
                else None,
                "ended_sessions": sum(1 for c in connections[attempt.id] if c.ended_at),
            }
        )
    return {
        "session": session_to_json(row),
        "server_time": now.isoformat(),
        "people": people,
        "connected": sum(1 for p in people if p["connected"]),
    }
