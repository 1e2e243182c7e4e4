"""The funnel of a campaign as staff read it: registered, consented, applied, games, decisions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, or_

from school101.core.permissions import ensure_staff
from school101.extensions import db
from school101.models import (
    Application,
    Campaign,
    Consent,
    User,
    UserRole,
)


@dataclass(frozen=True)
class FunnelStep:
    key: str
    label: Any
    count: int
    percent: float  # of the first step


def funnel(campaign: Campaign, *, actor) -> list[FunnelStep]:
    """registered -> consented -> applied -> games completed, then invited and not selected.

    "Registered" counts candidate accounts (not erased) created after the previous campaign
    closed and before this one closes, plus anyone who applied to this campaign whenever they
    registered; "consented" those of them holding a current consent.
    """
    ensure_staff(actor)
    previous_close = db.session.scalar(
        db.select(func.max(Campaign.closes_at)).where(
            Campaign.closes_at <= campaign.opens_at, Campaign.id != campaign.id
        )
    )
    window = User.created_at <= campaign.closes_at
    if previous_close is not None:
        window = and_(window, User.created_at > previous_close)
    applicants = db.select(Application.user_id).where(Application.campaign_id == campaign.id)
    candidates = db.select(UserRole.user_id).where(UserRole.role == "candidate")
    registered = and_(
        User.erased_at.is_(None), User.id.in_(candidates), or_(window, User.id.in_(applicants))
    )
    consented = db.select(Consent.user_id).where(Consent.withdrawn_at.is_(None))

    def users(*conds) -> int:
        return db.session.scalar(db.select(func.count(User.id)).where(registered, *conds)) or 0

    def apps(*conds) -> int:
        return (
            db.session.scalar(
                db.select(func.count(Application.id)).where(
                    Application.campaign_id == campaign.id, *conds
                )
            )
            or 0
        )

    counts = [
        ("registered", _l("Registered"), users()),
        ("consented", _l("Consented"), users(User.id.in_(consented))),
        ("applied", _l("Applied"), apps()),
        (
            "games_completed",
            _l("Games completed"),
            apps(Application.games_completed_at.is_not(None)),
        ),
        ("invited", _l("Invited"), apps(Application.status == "invited")),
        ("not_selected", _l("Not selected"), apps(Application.status == "not_selected")),
    ]
    first = counts[0][2] or 0
    return [
        FunnelStep(key, label, n, round(100.0 * n / first, 1) if first else 0.0)
        for key, label, n in counts
    ]
