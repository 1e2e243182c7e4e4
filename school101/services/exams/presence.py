"""One active session per candidate during an exam.

A connection is a client taking part in an attempt: a browser login (its secret lives in the
browser's signed session; the server keeps its SHA-256) or an API token ("token:<id>"). An
attempt has at most one active connection (a unique column holds the attempt's id while
active). Starting the exam makes the starting client the active one. Afterwards, while the
attempt is in progress:
- a login in a browser (`claim`, from the login signal) or the first use of another API token
  on the exam (`enter`) becomes the active connection and ends the one before: audited
  `exam.session_replaced`, with both clients' kinds and addresses;
- a browser that is not the active connection is logged out at its next request with a message
  (`browser_may_stay`); an ended API token gets 401 `session_replaced` on the exam;
- each request of the active client records its address and when it was last seen (at most
  every TOUCH_SECONDS), which staff watch live (rooms.live).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from school101.core import audit
from school101.core.errors import Unauthorized
from school101.extensions import db
from school101.models._base import utcnow
from school101.models.exams import ExamAttempt, ExamConnection
from school101.services.exams import rooms

TOUCH_SECONDS = 20


@dataclass(frozen=True)
class Client:
    """Who is calling: `kind` web or api, `key` the browser's secret or "token:<id>"."""

    kind: str
    key: str
    address: str = ""
    user_agent: str = ""


def key_hash(key: str) -> str:
    """What the server keeps of a client's key."""
    return hashlib.sha256(key.encode()).hexdigest()


def active_connection(attempt_id: int) -> ExamConnection | None:
    """The attempt's active connection, if any."""
    return db.session.scalars(
        db.select(ExamConnection).where(ExamConnection.active_attempt_id == attempt_id)
    ).first()


def running_attempts(user, now: datetime | None = None) -> list[ExamAttempt]:
    """The person's attempts in progress and not past their time limit."""
    now = now or utcnow()
    return db.session.scalars(
        db.select(ExamAttempt).where(
            ExamAttempt.user_id == user.id,
            ExamAttempt.status == "in_progress",
            ExamAttempt.ends_at > now,
        )
    ).all()


def _touch(conn: ExamConnection, client: Client, now: datetime) -> None:
    """Record the active client's visit (at most every TOUCH_SECONDS, or when it moved)."""
    address = (client.address or "")[:45]
    if now - conn.last_seen_at < timedelta(seconds=TOUCH_SECONDS) and conn.address == address:
        return
    conn.last_seen_at, conn.address = now, address
    conn.user_agent = (client.user_agent or "")[:200]


def claim(attempt: ExamAttempt, client: Client, *, now: datetime | None = None) -> ExamConnection:
    """Make `client` the attempt's active connection, ending the one before (audited); the
    caller commits. Two claims at the same instant: the later one wins."""
    now = now or utcnow()
    digest = key_hash(client.key)
    for _round in range(3):
        current = active_connection(attempt.id)
        if current is not None and current.key_hash == digest:
            _touch(current, client, now)
            return current
        try:
            with db.session.begin_nested():
                if current is not None:
                    db.session.execute(
                        db.update(ExamConnection)
                        .where(
                            ExamConnection.id == current.id,
                            ExamConnection.active_attempt_id.is_not(None),
                        )
                        .values(active_attempt_id=None, ended_at=now)
                        .execution_options(synchronize_session=False)
                    )
                conn = ExamConnection(
                    attempt_id=attempt.id,
                    active_attempt_id=attempt.id,
                    kind=client.kind,
                    key_hash=digest,
                    address=(client.address or "")[:45],
                    user_agent=(client.user_agent or "")[:200],
                    started_at=now,
                    last_seen_at=now,
                )
                db.session.add(conn)
                db.session.flush()
        except IntegrityError:  # another login claimed it meanwhile: end that one in turn
            db.session.expire_all()
            continue
        if current is not None:
            audit.record(
                "exam.session_replaced",
                actor=attempt.user_id,
                target=attempt,
                before={"kind": current.kind, "address": current.address},
                after={"kind": client.kind, "address": client.address},
            )
        return conn
    raise Unauthorized(_l("Please log in again."), code="session_replaced")


def claim_running(user, client: Client, *, now: datetime | None = None) -> int:
    """A login: the client becomes the active connection of every running attempt (a login
    outside the room still ends the session before; the exam then refuses that address)."""
    running = running_attempts(user, now)
    for attempt in running:
        claim(attempt, client, now=now)
    return len(running)


def browser_may_stay(user, key: str | None, client: Client, *, now: datetime | None = None) -> bool:
    """False when this browser must be logged out: the person has an exam running whose active
    connection is another client. True otherwise (its visit is recorded when it is the one)."""
    now = now or utcnow()
    digest = key_hash(key) if key else None
    actives = [
        conn
        for attempt in running_attempts(user, now)
        if (conn := active_connection(attempt.id)) is not None
    ]
    if any(conn.key_hash != digest for conn in actives):
        return False
    for conn in actives:
        _touch(conn, client, now)
    return True


def enter(attempt: ExamAttempt, client: Client, *, now: datetime | None = None) -> None:
    """Before a running attempt is read or acted on: the room's network, then the one active
    connection (an API token not seen before takes over; an ended one is refused)."""
    now = now or utcnow()
    if attempt.status != "in_progress" or now >= attempt.ends_at:
        return
    rooms.ensure_in_room(attempt, client.address)
    digest = key_hash(client.key)
    mine = db.session.scalars(
        db.select(ExamConnection).where(
            ExamConnection.attempt_id == attempt.id, ExamConnection.key_hash == digest
        )
    ).all()
    active = next((conn for conn in mine if conn.active_attempt_id is not None), None)
    if active is not None:
        _touch(active, client, now)
        return
    if mine or (client.kind == "web" and active_connection(attempt.id) is not None):
        raise Unauthorized(
            _l(
                "Your exam was opened in another session (a later login): this one is closed. "
                "Log in again to continue here."
            ),
            code="session_replaced",
        )
    claim(attempt, client, now=now)
