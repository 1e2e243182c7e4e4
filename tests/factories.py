"""make_* factories building realistic rows directly (fast; no HTTP)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

from school101.extensions import db
from school101.models import Application, Campaign, Profile, User, UserRole
from school101.services.identity.consent import give_consent
from school101.services.identity.security import hash_password

PASSWORD = "correct horse battery"
_seq = itertools.count(1)
_HASH = None


def _password_hash() -> str:
    global _HASH
    if _HASH is None:
        _HASH = hash_password(PASSWORD)
    return _HASH


def make_user(
    email: str | None = None,
    *,
    roles=("candidate",),
    confirmed: bool = True,
    birth_date: date | None = date(2000, 5, 17),
    first_name: str = "Camille",
    last_name: str | None = None,
    consent: bool = True,
    profile: bool = True,
    postcode: str = "69003",
    situation: str = "job_seeker",
    commit: bool = True,
) -> User:
    """A user with the given roles (password: factories.PASSWORD)."""
    n = next(_seq)
    user = User(
        email=email or f"user{n}@example.org",
        password_hash=_password_hash(),
        first_name=first_name,
        last_name=last_name or f"Martin{n}",
        birth_date=birth_date,
        email_confirmed_at=datetime.now(UTC) if confirmed else None,
    )
    for role in roles:
        user.role_rows.append(UserRole(role=role))
    db.session.add(user)
    db.session.flush()
    if profile:
        db.session.add(
            Profile(
                user_id=user.id,
                city="Lyon",
                postcode=postcode,
                situation=situation,
                heard_from="press",
            )
        )
    if consent:
        give_consent(user, keep_two_years=False)
    if commit:
        db.session.commit()
    return user


def make_campaign(
    *,
    open: bool = True,
    name: str = "Campagne 2026",
    age_min: int = 18,
    age_max: int = 30,
    commit: bool = True,
    **fields,
) -> Campaign:
    """A campaign open now (or closed, ended yesterday)."""
    now = datetime.now(UTC)
    if open:
        opens, closes = now - timedelta(days=10), now + timedelta(days=30)
    else:
        opens, closes = now - timedelta(days=60), now - timedelta(days=1)
    campaign = Campaign(
        name=name,
        opens_at=fields.pop("opens_at", opens),
        closes_at=fields.pop("closes_at", closes),
        age_min=age_min,
        age_max=age_max,
        age_reference_date=fields.pop("age_reference_date", closes.date()),
        **fields,
    )
    db.session.add(campaign)
    if commit:
        db.session.commit()
    return campaign


def make_application(
    user: User | None = None,
    campaign: Campaign | None = None,
    *,
    status: str = "applied",
    commit: bool = True,
    **fields,
) -> Application:
    """An application of `user` (a new candidate by default) to `campaign`."""
    user = user or make_user(commit=False)
    campaign = campaign or make_campaign(commit=False)
    db.session.flush()
    application = Application(
        user_id=user.id,
        campaign_id=campaign.id,
        status=status,
        motivation=fields.pop("motivation", "J'aime résoudre des problèmes."),
        **fields,
    )
    db.session.add(application)
    if commit:
        db.session.commit()
    return application


def exam_entry(piscine, *, pool: str = "exam00", opens_at=None, closes_at=None):
    """The piscine's calendar entry for exam `pool`, open from `opens_at` to `closes_at`.

    The default calendar already holds the curriculum's Friday exams: their entry is moved;
    a calendar without it gets one added (flushed, not committed).
    """
    from school101.models import PiscineDay

    opens_at = opens_at or datetime.now(UTC) - timedelta(hours=1)
    closes_at = closes_at or opens_at + timedelta(hours=8)
    day = next((d for d in piscine.days if d.day_id == pool), None)
    if day is None:
        day = PiscineDay(
            piscine_id=piscine.id, day_id=pool, kind="exam", position=len(piscine.days)
        )
        db.session.add(day)
    day.opens_at, day.closes_at = opens_at, closes_at
    db.session.flush()
    return day
