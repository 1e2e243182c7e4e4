"""The next exam as a seated candidate's "today" page shows it: when, where (the rooms staff
opened it in, once they have), how long, and the person's attempt if started. Reads only."""

from __future__ import annotations

from datetime import datetime

from school101.extensions import db
from school101.models import PiscineDay
from school101.models._base import utcnow
from school101.models.exams import ExamRoom, ExamRoomSession
from school101.services.exams.attempts import attempt_of, exam_to_json


def open_rooms(exam_id: int) -> list[str]:
    """The names of the rooms where the exam is open now (a session staff opened, not closed)."""
    return list(
        db.session.scalars(
            db.select(ExamRoom.name)
            .join(ExamRoomSession, ExamRoomSession.room_id == ExamRoom.id)
            .where(ExamRoomSession.exam_id == exam_id, ExamRoomSession.open_room_id.is_not(None))
            .order_by(ExamRoom.name)
        )
    )


def next_exam(
    user, exam: PiscineDay | None, *, now: datetime | None = None, locale: str = "fr"
) -> dict | None:
    """The exam (a calendar entry of kind exam, or None) as exam_to_json gives it, plus
    "rooms" (where it is open now) and "attempt" (the person's, summarised, or None)."""
    if exam is None:
        return None
    now = now or utcnow()
    return exam_to_json(exam, attempt_of(user, exam.id), now, locale) | {
        "rooms": open_rooms(exam.id)
    }
