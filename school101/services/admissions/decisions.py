"""Staff decisions on applications: invited or not selected, with a written reason.

An "invited" decision may name a piscine session; the piscine context creates the invitation
(signal `application_invited_to_piscine`), since admissions sit below the piscine."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import update

from school101.core import audit, signals
from school101.core.audit import required_reason
from school101.core.clock import paris_today
from school101.core.errors import Conflict, ValidationFailed
from school101.extensions import db
from school101.models import (
    Application,
)
from school101.models._base import utcnow
from school101.services.admissions.review import get_application

DECISIONS = ("invited", "not_selected")


def open_piscines() -> list:
    """Piscine sessions not over yet (today included), soonest first: where staff can invite."""
    from school101.models.piscine import Piscine

    return list(
        db.session.scalars(
            db.select(Piscine)
            .where(Piscine.ends_on >= paris_today())
            .order_by(Piscine.starts_on, Piscine.id)
        )
    )


def piscine_invitations(user_id: int) -> list[dict]:
    """The person's piscine invitations (session, status), oldest first."""
    from school101.models.piscine import Invitation, Piscine

    rows = db.session.execute(
        db.select(Invitation, Piscine)
        .join(Piscine, Piscine.id == Invitation.piscine_id)
        .where(Invitation.user_id == user_id)
        .order_by(Invitation.id)
    )
    return [
        {
            "piscine_id": piscine.id,
            "piscine": piscine.name,
            "status": invitation.status,
            "starts_on": piscine.starts_on.isoformat(),
        }
        for invitation, piscine in rows
    ]


def _decision_piscine(status: Any, piscine_id: Any, errors: dict):
    """The piscine session an "invited" decision also invites to (None: choose later)."""
    if piscine_id in (None, ""):
        return None
    if status != "invited":
        errors["piscine_id"] = _l("Only an invitation goes with a piscine session.")
        return None
    try:
        wanted = int(piscine_id)
    except (TypeError, ValueError):
        wanted = None
    piscine = (
        next((p for p in open_piscines() if p.id == wanted), None) if wanted is not None else None
    )
    if piscine is None:
        errors["piscine_id"] = _l("Choose a piscine session that is not over.")
    return piscine


def decide(
    application_id: Any, status: Any, reason: Any, *, actor, piscine_id: Any = None
) -> Application:
    """A staff decision: invited or not selected, with a written reason; audited before/after.

    (The ranking advises; people decide.) An "invited" decision may name a piscine session
    that is not over: the person then gets the session's invitation (and its e-mail) at once;
    without one, the page reminds staff that no session invitation exists yet.
    Race-free on SQLite and PostgreSQL: the status changes only if it is still the one read
    (a conditional UPDATE), so of two staff deciding at once the second gets a conflict.
    """
    application = get_application(application_id, actor=actor)
    errors = {}
    if status not in DECISIONS:
        errors["status"] = _l("Choose invited or not selected.")
    piscine = _decision_piscine(status, piscine_id, errors)
    try:
        text = required_reason(reason)
    except ValidationFailed as exc:
        errors.update(exc.fields)
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    if application.status == "withdrawn":
        raise Conflict(_l("This application was withdrawn."), code="withdrawn")
    if application.status == status:
        raise Conflict(_l("The application already has this status."), code="unchanged")
    before = {"status": application.status}
    changed = db.session.execute(
        update(Application)
        .where(Application.id == application.id, Application.status == before["status"])
        .values(status=status, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.expire(application, ["status", "updated_at"])
    if changed != 1:
        raise Conflict(
            _l("Someone changed this application meanwhile: reload the page."),
            code="changed_meanwhile",
        )
    audit.record(
        "application.decided",
        actor=actor,
        target=application,
        before=before,
        after={"status": status, **({"piscine_id": piscine.id} if piscine else {})},
        reason=text,
    )
    if piscine is not None:
        signals.application_invited_to_piscine.send(application, piscine_id=piscine.id, actor=actor)
    return application
