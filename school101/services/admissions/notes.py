"""Staff notes on an application (audited)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from school101.core import audit
from school101.core.clock import iso
from school101.core.errors import ValidationFailed
from school101.extensions import db
from school101.models import (
    ApplicationNote,
)
from school101.services.admissions.review import get_application

NOTE_MAX = 2000


def note_json(note: ApplicationNote) -> dict:
    return {
        "id": note.id,
        "body": note.body,
        "created_at": iso(note.created_at),
        "author_id": note.author_id,
        "author": note.author.email if note.author else None,
    }


def add_note(application_id: Any, body: Any, *, actor) -> ApplicationNote:
    """A staff note on an application (non-empty, NOTE_MAX characters at most); audited."""
    application = get_application(application_id, actor=actor)
    text = body.strip() if isinstance(body, str) else ""
    if not text:
        raise ValidationFailed(
            _l("Some fields are not valid."), fields={"body": _l("The note is empty.")}
        )
    if len(text) > NOTE_MAX:
        raise ValidationFailed(
            _l("Some fields are not valid."),
            fields={"body": _l("%(n)d characters at most.", n=NOTE_MAX)},
        )
    note = ApplicationNote(application_id=application.id, author_id=actor.id, body=text)
    db.session.add(note)
    db.session.flush()
    audit.record(
        "application.note_added",
        actor=actor,
        target=application,
        after={"note_id": note.id, "length": len(text)},
    )
    return note
