"""Invitations to a piscine: by hand, from an application decision, or from the ranked list."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, func

from school101.core import audit, signals
from school101.core.clock import as_aware
from school101.core.errors import Conflict, ValidationFailed
from school101.core.paging import PER_PAGE_DEFAULT, Page, paginate
from school101.extensions import db
from school101.models import (
    Application,
    Invitation,
    Piscine,
    User,
    UserRole,
)
from school101.models._base import utcnow
from school101.services.messaging import outbox as mail
from school101.services.piscine import booking as booking_service
from school101.services.piscine import queries

MAX_INVITES_PER_CALL = 5000


def invite(piscine: Piscine, user_ids, *, actor) -> int:
    """Invite candidates (by id) to book; returns how many were newly invited. E-mails each."""
    if (
        not isinstance(user_ids, list)
        or not user_ids
        or len(user_ids) > MAX_INVITES_PER_CALL
        or not all(isinstance(u, int) and not isinstance(u, bool) for u in user_ids)
    ):
        raise ValidationFailed(
            _l("Some fields are not valid."),
            fields={"user_ids": _l("Give a non-empty list of user ids.")},
        )
    wanted = sorted(set(user_ids))
    users = {u.id: u for u in db.session.scalars(db.select(User).where(User.id.in_(wanted)))}
    unknown = [
        uid
        for uid in wanted
        if uid not in users
        or not users[uid].has_role("candidate")
        or users[uid].erased_at is not None
    ]
    if unknown:
        raise ValidationFailed(
            _l("Some fields are not valid."),
            fields={
                "user_ids": _l("Not candidates: %(ids)s", ids=", ".join(map(str, unknown[:20])))
            },
        )
    already = set(
        db.session.scalars(
            db.select(Invitation.user_id).where(
                Invitation.piscine_id == piscine.id, Invitation.user_id.in_(wanted)
            )
        )
    )
    new = [users[uid] for uid in wanted if uid not in already]
    for user in new:
        db.session.add(Invitation(piscine_id=piscine.id, user_id=user.id, invited_by_id=actor.id))
        mail.send_template(
            "piscine_invitation",
            user.email,
            user=user,
            piscine=piscine,
            link=current_app.config["PUBLIC_URL"].rstrip("/") + "/piscine",
        )
    if new:
        db.session.execute(
            db.update(Application)
            .where(
                Application.user_id.in_([u.id for u in new]),
                Application.status.in_(["applied", "games_done"]),
            )
            .values(status="invited")
        )
        audit.record(
            "piscine.invited", actor=actor, target=piscine, after={"user_ids": [u.id for u in new]}
        )
    db.session.flush()
    return len(new)


def _ranking_keys():
    both_missing = and_(Application.memory_score.is_(None), Application.logic_score.is_(None))
    combined = func.coalesce(Application.memory_score, 0) + func.coalesce(
        Application.logic_score, 0
    )
    return combined, [
        case((both_missing, 1), else_=0),
        combined.desc(),
        case((Application.logic_instructions.is_(None), 1), else_=0),
        Application.logic_instructions.asc(),
        case((Application.logic_time_ms.is_(None), 1), else_=0),
        Application.logic_time_ms.asc(),
        Application.id.asc(),
    ]


def ranking_query(
    piscine: Piscine, *, campaign_id: int | None = None, status: str = "", only_new: bool = False
):
    """Applications ranked by game results (memory + logic, then fewer logic instructions,
    then less logic time), with the person's invitation to this piscine if any. Only live
    candidate accounts appear."""
    combined, keys = _ranking_keys()
    query = (
        db.select(
            Application, User, Invitation.status.label("invitation"), combined.label("combined")
        )
        .join(User, User.id == Application.user_id)
        .outerjoin(
            Invitation,
            and_(Invitation.user_id == Application.user_id, Invitation.piscine_id == piscine.id),
        )
        .where(
            User.erased_at.is_(None),
            User.id.in_(db.select(UserRole.user_id).where(UserRole.role == "candidate")),
        )
    )
    if campaign_id:
        query = query.where(Application.campaign_id == campaign_id)
    if status:
        query = query.where(Application.status == status)
    if only_new:
        query = query.where(Invitation.id.is_(None))
    return query.order_by(*keys)


def ranked_applications(
    piscine: Piscine,
    *,
    campaign_id: int | None = None,
    status: str = "",
    only_new: bool = False,
    page: int = 1,
    per_page: int = PER_PAGE_DEFAULT,
) -> Page:
    """One page of the ranking, each row (application, user, invitation status, combined, rank)."""
    result = paginate(
        ranking_query(piscine, campaign_id=campaign_id, status=status, only_new=only_new),
        page,
        per_page,
        scalars=False,
        clamp=True,
    )
    result.items = [
        {
            "application": row[0],
            "user": row[1],
            "invitation": row[2],
            "combined": row[3],
            "rank": result.offset + i + 1,
        }
        for i, row in enumerate(result.items)
    ]
    return result


def top_user_ids(
    piscine: Piscine, n: int, *, campaign_id: int | None = None, status: str = ""
) -> list[int]:
    """The first `n` people of the ranking not invited to this piscine yet."""
    rows = db.session.execute(
        ranking_query(piscine, campaign_id=campaign_id, status=status, only_new=True).limit(
            n * 2 + 10
        )
    ).all()
    ids: list[int] = []
    for row in rows:
        if row[1].id not in ids:
            ids.append(row[1].id)
        if len(ids) >= n:
            break
    return ids


def invite_top(
    piscine: Piscine, n: Any, *, actor, campaign_id: int | None = None, status: str = ""
) -> int:
    """Invite the top `n` not yet invited (services.piscine.invite e-mails and audits)."""
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= MAX_INVITES_PER_CALL:
        raise ValidationFailed(
            _l("Some fields are not valid."),
            fields={
                "n": _l("Must be between %(low)d and %(high)d.", low=1, high=MAX_INVITES_PER_CALL)
            },
        )
    ids = top_user_ids(piscine, n, campaign_id=campaign_id, status=status)
    if not ids:
        raise ValidationFailed(
            _l("Nobody left to invite with these filters."),
            fields={"n": _l("Nobody left to invite with these filters.")},
        )
    return invite(piscine, ids, actor=actor)


def decline(user, piscine_id: int, now: datetime | None = None) -> None:
    """Decline an invitation; a seat held past the cancellation deadline cannot be given up this
    way either (booking.decline_invitation cancels as the person, which skips that check)."""
    now = now or utcnow()
    piscine = queries.get_piscine(piscine_id)
    if (
        piscine.cancel_until is not None
        and now >= as_aware(piscine.cancel_until)
        and booking_service.has_seat(user, piscine.id)
    ):
        raise Conflict(_l("The cancellation deadline has passed."), code="cancel_closed")
    booking_service.decline_invitation(user, piscine.id)


@signals.application_invited_to_piscine.connect
def _invite_decided_application(application, *, piscine_id: int, actor, **_extra) -> None:
    """An application decided "invited" with a session named: invite its person (same transaction)."""
    invite(queries.get_piscine(piscine_id), [application.user_id], actor=actor)
