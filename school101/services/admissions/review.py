"""Staff review of applications: the filtered, sorted list and one application's file
(profile, games, history, notes).

Every public function takes the acting user and checks the staff role itself
(`Forbidden` otherwise), so a view or an API endpoint cannot forget it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import fields as dc_fields
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, func, or_
from sqlalchemy.orm import selectinload

from school101.core.clock import iso
from school101.core.errors import NotFound, ValidationFailed
from school101.core.paging import (
    PER_PAGE_DEFAULT,
    SEARCH_MAX,
    Page,
    contains_text,
    like_escape,
    paginate,
    parse_page,
)
from school101.core.permissions import ensure_staff
from school101.extensions import db
from school101.models import (
    Application,
    AuditLog,
    Campaign,
    GameLevel,
    GameSession,
    Profile,
    User,
)
from school101.models.admissions import APPLICATION_STATUSES
from school101.models.user import SITUATIONS
from school101.services.admissions.game_flags import flags_of
from school101.services.identity import saved_filters
from school101.services.identity.validation import age_on

# label, lowest age, highest age (None: no upper bound)
AGE_BANDS: dict[str, tuple[int, int | None]] = {
    "-17": (0, 17),
    "18-20": (18, 20),
    "21-25": (21, 25),
    "26-30": (26, 30),
    "31+": (31, None),
}


SORTS = ("created_at", "name", "memory", "logic", "combined")


DIRECTIONS = ("asc", "desc")


@dataclass
class ApplicationFilters:
    """What the applications list is filtered and sorted by (all optional)."""

    status: str = ""
    age_band: str = ""
    situation: str = ""
    place: str = ""  # postcode prefix ("690") or département ("69", "2A", "974")
    memory_min: int | None = None
    logic_min: int | None = None
    q: str = ""
    sort: str = "created_at"
    direction: str = "desc"

    def as_args(self) -> dict:
        """The non-default filters as query-string arguments (to keep them in links)."""
        defaults = ApplicationFilters()
        return {
            f.name: getattr(self, f.name)
            for f in dc_fields(self)
            if getattr(self, f.name) not in (None, "")
            and getattr(self, f.name) != getattr(defaults, f.name)
        }


FILTER_NAMES = tuple(f.name for f in dc_fields(ApplicationFilters))
# the list's filters (and its campaign) can be saved by staff; its page number cannot
saved_filters.register_page("applications", ("campaign", *FILTER_NAMES))


def parse_filters(args: Mapping) -> ApplicationFilters:
    """Filters from query-string-like input (strings); ValidationFailed with per-field messages."""

    def text(name: str) -> str:
        value = args.get(name)
        return (
            value.strip()
            if isinstance(value, str)
            else ("" if value is None else str(value).strip())
        )

    errors: dict[str, Any] = {}
    result = ApplicationFilters()
    status = text("status")
    if status and status not in APPLICATION_STATUSES:
        errors["status"] = _l("Unknown status.")
    result.status = status
    band = text("age_band")
    if band and band not in AGE_BANDS:
        errors["age_band"] = _l("Unknown age band.")
    result.age_band = band
    situation = text("situation")
    if situation and situation not in SITUATIONS:
        errors["situation"] = _l("Unknown situation.")
    result.situation = situation
    place = text("place").upper().replace(" ", "")
    if place and not (place in ("2A", "2B") or (place.isdigit() and len(place) <= 5)):
        errors["place"] = _l("Give a postcode start or a département (e.g. 69, 690, 2A).")
    result.place = place
    for name in ("memory_min", "logic_min"):
        raw = text(name)
        if raw:
            try:
                value = int(raw)
                if value < 0:
                    raise ValueError
                setattr(result, name, value)
            except ValueError:
                errors[name] = _l("A whole number from 0 is required.")
    q = text("q")
    if len(q) > SEARCH_MAX:
        errors["q"] = _l("The search is too long (%(n)d characters at most).", n=SEARCH_MAX)
    result.q = q
    sort = text("sort") or "created_at"
    if sort not in SORTS:
        errors["sort"] = _l("Unknown sort order.")
    result.sort = sort
    direction = text("direction") or "desc"
    if direction not in DIRECTIONS:
        errors["direction"] = _l("The direction is asc or desc.")
    result.direction = direction
    if errors:
        raise ValidationFailed(_l("Some filters are not valid."), fields=errors)
    return result


def _born_on_or_before_age(reference: date, years: int) -> date:
    """The latest birth date of someone aged at least `years` on `reference`."""
    year = reference.year - years
    try:
        return reference.replace(year=year)
    except ValueError:  # 29 February in a non-leap year
        return date(year, 2, 28)


def age_band_condition(band: str, reference: date):
    """SQL condition on User.birth_date for an age band at the reference date."""
    low, high = AGE_BANDS[band]
    conds = [
        User.birth_date.is_not(None),
        User.birth_date <= _born_on_or_before_age(reference, low),
    ]
    if high is not None:
        conds.append(User.birth_date > _born_on_or_before_age(reference, high + 1))
    return and_(*conds)


def age_band_of(birth_date: date | None, reference: date) -> str:
    """The band name an age falls in ("" without a birth date)."""
    if birth_date is None:
        return ""
    age = age_on(birth_date, reference)
    for name, (low, high) in AGE_BANDS.items():
        if age >= low and (high is None or age <= high):
            return name
    return ""


def place_condition(place: str):
    """SQL condition on Profile.postcode for a département or a postcode prefix."""
    if place == "2A":
        return and_(Profile.postcode >= "20000", Profile.postcode < "20200")
    if place == "2B":
        return and_(Profile.postcode >= "20200", Profile.postcode <= "20999")
    return Profile.postcode.like(f"{like_escape(place)}%", escape="\\")


def _combined():
    return func.coalesce(Application.memory_score, 0) + func.coalesce(Application.logic_score, 0)


def _conditions(filters: ApplicationFilters, reference: date) -> list:
    """The SQL conditions of `filters` (on Application, User and Profile)."""
    conds = []
    if filters.status:
        conds.append(Application.status == filters.status)
    if filters.age_band:
        conds.append(age_band_condition(filters.age_band, reference))
    if filters.situation:
        conds.append(Profile.situation == filters.situation)
    if filters.place:
        conds.append(place_condition(filters.place))
    if filters.memory_min is not None:
        conds.append(Application.memory_score >= filters.memory_min)
    if filters.logic_min is not None:
        conds.append(Application.logic_score >= filters.logic_min)
    for word in filters.q.split():
        conds.append(
            or_(
                contains_text(User.first_name, word),
                contains_text(User.last_name, word),
                contains_text(User.email, word),
            )
        )
    return conds


def _order_keys(filters: ApplicationFilters) -> list:
    """The ORDER BY of the list (ties broken by id, in the same direction)."""
    desc = filters.direction == "desc"

    def order(col):
        return col.desc() if desc else col.asc()

    if filters.sort == "name":
        keys = [order(func.lower(User.last_name)), order(func.lower(User.first_name))]
    elif filters.sort == "memory":
        keys = [Application.memory_score.is_(None), order(Application.memory_score)]
    elif filters.sort == "logic":
        # levels solved first; fewer instructions, then less time, break ties
        keys = [
            Application.logic_score.is_(None),
            order(Application.logic_score),
            Application.logic_instructions.asc(),
            Application.logic_time_ms.asc(),
        ]
    elif filters.sort == "combined":
        both_missing = and_(Application.memory_score.is_(None), Application.logic_score.is_(None))
        keys = [case((both_missing, 1), else_=0), order(_combined())]
    else:
        keys = [order(Application.created_at)]
    return [*keys, order(Application.id)]


def _from_people(query):
    return query.join(User, User.id == Application.user_id).outerjoin(
        Profile, Profile.user_id == Application.user_id
    )


def applications_query(campaign: Campaign, filters: ApplicationFilters):
    """The select() of the campaign's applications matching `filters`, sorted."""
    query = (
        _from_people(db.select(Application))
        .where(
            Application.campaign_id == campaign.id,
            *_conditions(filters, campaign.age_reference_date),
        )
        # rows show the person and profile: load them in batches, not one query per row
        .options(selectinload(Application.user).selectinload(User.profile))
    )
    return query.order_by(*_order_keys(filters))


@dataclass
class Neighbours:
    """Where one application stands in a filtered, sorted list: its 1-based position, the
    list's length, and the applications before and after it (None at the ends)."""

    position: int
    total: int
    previous_id: int | None
    next_id: int | None


def neighbours(
    campaign: Campaign, filters: ApplicationFilters, application_id: int, *, actor
) -> Neighbours:
    """The previous and next applications of the list `filters` gives, around one application.

    The application itself always counts as in the list, even when a decision just moved it out
    of the filters (e.g. "games done" after it was invited), so that staff going through a
    list one by one keep their place."""
    ensure_staff(actor)
    matching = _conditions(filters, campaign.age_reference_date)
    query = _from_people(db.select(Application.id)).where(Application.campaign_id == campaign.id)
    if matching:
        query = query.where(or_(and_(*matching), Application.id == application_id))
    ids = list(db.session.scalars(query.order_by(*_order_keys(filters))))
    try:
        index = ids.index(application_id)
    except ValueError:
        return Neighbours(0, len(ids), None, None)
    return Neighbours(
        position=index + 1,
        total=len(ids),
        previous_id=ids[index - 1] if index > 0 else None,
        next_id=ids[index + 1] if index + 1 < len(ids) else None,
    )


def list_applications(
    campaign: Campaign,
    filters: ApplicationFilters,
    *,
    actor,
    page: int = 1,
    per_page: int = PER_PAGE_DEFAULT,
) -> Page:
    """One page of the campaign's applications matching `filters`."""
    ensure_staff(actor)
    page, per_page = parse_page(page, per_page)
    return paginate(applications_query(campaign, filters), page, per_page)


def application_row(application: Application) -> dict:
    """One application as a list row (API and CSV share it)."""
    user, profile, campaign = application.user, application.user.profile, application.campaign
    age = age_on(user.birth_date, campaign.age_reference_date) if user.birth_date else None
    combined = None
    if application.memory_score is not None or application.logic_score is not None:
        combined = (application.memory_score or 0) + (application.logic_score or 0)
    return {
        "id": application.id,
        "campaign_id": application.campaign_id,
        "user_id": user.id,
        "status": application.status,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "birth_date": iso(user.birth_date),
        "age": age,
        "age_band": age_band_of(user.birth_date, campaign.age_reference_date),
        "city": profile.city if profile else "",
        "postcode": profile.postcode if profile else "",
        "department": profile.department if profile else "",
        "situation": profile.situation if profile else "",
        "memory_score": application.memory_score,
        "logic_score": application.logic_score,
        "combined_score": combined,
        "logic_instructions": application.logic_instructions,
        "logic_time_ms": application.logic_time_ms,
        "games_completed_at": iso(application.games_completed_at),
        "created_at": iso(application.created_at),
        "updated_at": iso(application.updated_at),
    }


def get_application(application_id: Any, *, actor) -> Application:
    """An application by id (staff only) or NotFound."""
    ensure_staff(actor)
    try:
        application = db.session.get(Application, int(application_id))
    except (TypeError, ValueError):
        application = None
    if application is None:
        raise NotFound(_l("No such application."))
    return application


def _answer_meta(level: GameLevel) -> dict:
    """Bookkeeping the games service keeps with an answer (tries, skipped), never the answer."""
    raw = level.answer or ""
    try:
        data = json.loads(raw) if raw else {}
    except (TypeError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    answered = level.answered_at is not None
    try:
        tries = int(data.get("tries", 1 if answered else 0))
    except (TypeError, ValueError):
        tries = 1 if answered else 0
    return {"tries": tries, "skipped": bool(data.get("skipped"))}


def _level_json(level: GameLevel) -> dict:
    return {
        "level": level.level,
        "correct": level.correct,
        "answered": level.answered_at is not None,
        "instructions": level.instructions,
        "time_ms": level.time_ms,
        "issued_at": iso(level.issued_at),
        "answered_at": iso(level.answered_at),
        **_answer_meta(level),
    }


def _best_attempt_ids(sessions: list[GameSession]) -> set[int]:
    """The best finished attempt of each game (GameSession.rank_key)."""
    best: dict[str, GameSession] = {}
    for session in sessions:
        if session.status != "finished":
            continue
        current = best.get(session.game)
        if current is None or session.rank_key() > current.rank_key():
            best[session.game] = session
    return {s.id for s in best.values()}


def game_results(application: Application) -> dict[str, list[dict]]:
    """Per game, every attempt with its per-level detail and the best one flagged
    (solutions and the answers themselves are not shown)."""
    sessions = db.session.scalars(
        db.select(GameSession)
        .where(GameSession.application_id == application.id)
        .order_by(GameSession.game, GameSession.attempt_no)
    ).all()
    best = _best_attempt_ids(sessions)
    flags = flags_of([s.id for s in sessions])  # a score is always shown with its flag
    results: dict[str, list[dict]] = {"memory": [], "logic": []}
    for session in sessions:
        levels = db.session.scalars(
            db.select(GameLevel).where(GameLevel.session_id == session.id).order_by(GameLevel.level)
        ).all()
        game = session.game
        results.setdefault(game, []).append(
            {
                "id": session.id,
                "attempt_no": session.attempt_no,
                "status": session.status,
                "score": session.score,
                "best": session.id in best,
                "levels_solved": session.levels_solved,
                "total_instructions": session.total_instructions,
                "total_time_ms": session.total_time_ms,
                "started_at": iso(session.started_at),
                "finished_at": iso(session.finished_at),
                "levels": [_level_json(level) for level in levels],
                **flags[session.id],
            }
        )
    return results


def history(application: Application) -> list[AuditLog]:
    """Audit rows about the application, its games and its applicant, newest first."""
    session_ids = db.select(GameSession.id).where(GameSession.application_id == application.id)
    return list(
        db.session.scalars(
            db.select(AuditLog)
            .where(
                or_(
                    and_(
                        AuditLog.target_type == "applications", AuditLog.target_id == application.id
                    ),
                    and_(
                        AuditLog.target_type == "users", AuditLog.target_id == application.user_id
                    ),
                    and_(
                        AuditLog.target_type == "game_sessions", AuditLog.target_id.in_(session_ids)
                    ),
                )
            )
            .order_by(AuditLog.at.desc(), AuditLog.id.desc())
            .limit(500)
        )
    )


def audit_json(row: AuditLog) -> dict:
    return {
        "id": row.id,
        "at": iso(row.at),
        "action": row.action,
        "actor_id": row.actor_id,
        "actor": row.actor.email if row.actor else None,
        "target_type": row.target_type,
        "target_id": row.target_id,
        "before": _loads(row.before),
        "after": _loads(row.after),
        "reason": row.reason,
    }


def _loads(text: str):
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text
