"""API: exam rooms for staff (rooms and their networks, opening and closing an exam in a room,
who is connected from where). The candidate's start with the room's code is in api/exams.py."""

from __future__ import annotations

from flask import g
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from school101.api.auth_helpers import BEARER, STAFF, token_required
from school101.extensions import db
from school101.services.exams import rooms

blp = Blueprint(
    "api_exam_rooms",
    __name__,
    url_prefix="/api/v1/exam-rooms",
    description="Exam rooms (staff): networks, the code of an exam opened in a room, live view",
)


class RoomIn(Schema):
    name = fields.String(required=True, validate=validate.Length(max=200))
    networks = fields.List(
        fields.String(validate=validate.Length(max=60)),
        required=True,
        validate=validate.Length(max=64),
        metadata={"example": ["10.42.1.0/24", "2001:db8:42::/64"]},
    )


class OpenIn(Schema):
    exam_id = fields.Integer(required=True, strict=True, validate=validate.Range(1, 2**31 - 1))


class RoomSessionOut(Schema):
    id = fields.Integer()
    room_id = fields.Integer()
    room = fields.String()
    exam_id = fields.Integer()
    open = fields.Boolean()
    networks = fields.List(fields.String())
    code = fields.String(metadata={"description": "what candidates type (shown on the screen)"})
    opened_at = fields.String()
    closed_at = fields.String(allow_none=True)


class RoomOut(Schema):
    id = fields.Integer()
    name = fields.String()
    networks = fields.List(fields.String())
    open_session = fields.Nested(RoomSessionOut, allow_none=True)


class RoomPersonOut(Schema):
    attempt_id = fields.Integer()
    user_id = fields.Integer()
    name = fields.String()
    email = fields.String()
    status = fields.String(metadata={"description": "in_progress | finished"})
    connected = fields.Boolean()
    kind = fields.String(allow_none=True, metadata={"description": "web | api"})
    address = fields.String(allow_none=True)
    in_room = fields.Boolean(allow_none=True)
    user_agent = fields.String(allow_none=True)
    since = fields.String(allow_none=True)
    last_seen_at = fields.String(allow_none=True)
    seconds_since_seen = fields.Integer(allow_none=True)
    ended_sessions = fields.Integer(metadata={"description": "sessions ended by a later login"})


class RoomLiveOut(Schema):
    session = fields.Nested(RoomSessionOut)
    server_time = fields.String()
    people = fields.List(fields.Nested(RoomPersonOut))
    connected = fields.Integer()


@blp.get("")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.response(200, RoomOut(many=True))
def list_rooms():
    """Every room with its open exam session (and its code)."""
    return [rooms.room_to_json(room) for room in rooms.rooms()]


@blp.post("")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(RoomIn)
@blp.response(201, RoomOut)
@blp.alt_response(422, description="Field messages: `name`, `networks` (inside EXAM_NETWORKS)")
def create_room(data: dict):
    """Add a room: its name and the networks (CIDR) of its computers; audited."""
    room = rooms.save_room(data["name"], "\n".join(data["networks"]), actor=g.api_user)
    db.session.commit()
    return rooms.room_to_json(room)


@blp.put("/<int:room_id>")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(RoomIn)
@blp.response(200, RoomOut)
@blp.alt_response(404, description="No such room")
@blp.alt_response(422, description="Field messages: `name`, `networks`")
def update_room(data: dict, room_id: int):
    """Change a room's name and networks (an exam already open keeps its networks); audited."""
    room = rooms.save_room(
        data["name"], "\n".join(data["networks"]), actor=g.api_user, room_id=room_id
    )
    db.session.commit()
    return rooms.room_to_json(room)


@blp.post("/<int:room_id>/open")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.arguments(OpenIn)
@blp.response(201, RoomSessionOut)
@blp.alt_response(404, description="No such room")
@blp.alt_response(409, description="An exam is open in the room (`room_busy`) or the exam is over")
@blp.alt_response(422, description="No such exam (field `exam_id`)")
def open_room(data: dict, room_id: int):
    """Open an exam in the room: a new code to show on the room's screen; audited."""
    row = rooms.open_session(room_id, data["exam_id"], actor=g.api_user)
    db.session.commit()
    return rooms.session_to_json(row)


@blp.post("/sessions/<int:session_id>/close")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.response(200, RoomSessionOut)
@blp.alt_response(404, description="No such session")
@blp.alt_response(409, description="Already closed (`already_closed`)")
def close_session(session_id: int):
    """Close the session: its code starts nothing more; attempts under way go on; audited."""
    row = rooms.close_session(session_id, actor=g.api_user)
    db.session.commit()
    return rooms.session_to_json(row)


@blp.get("/sessions/<int:session_id>/live")
@blp.doc(security=BEARER)
@token_required(*STAFF)
@blp.response(200, RoomLiveOut)
@blp.alt_response(404, description="No such session")
def live(session_id: int):
    """Who takes the exam in this room session: connection kind, address (inside the room's
    networks or not), last seen, sessions ended by a later login."""
    return rooms.live(session_id)
