"""Staff review of a campaign: the funnel, the applications list and its CSV export,
one application's file (profile, games, history, notes), notes, eligibility exceptions,
staff decisions (invited / not selected), the outbox and the audit log as staff read them.

Every public function takes the acting user and checks the staff role itself
(`Forbidden` otherwise), so a view or an API endpoint cannot forget it.

CSV export: UTF-8 with a byte-order mark and ";" as separator, which French Excel opens
directly (its list separator is ";" and without the BOM it would read the file as
Windows-1252). Cells that start with = + - @ (or a tab / carriage return) get a leading
apostrophe so a spreadsheet never evaluates them as formulas (CSV injection).
"""
from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import fields as dc_fields
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, func, or_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import (
    Application,
    ApplicationNote,
    AuditLog,
    Campaign,
    Consent,
    EligibilityException,
    GameLevel,
    GameSession,
    OutboxMail,
    Profile,
    User,
    UserRole,
)
from ..models._base import paris_today, utcnow
from ..models.admissions import APPLICATION_STATUSES
from ..models.user import MAIL_STATUSES, ROLES, SITUATIONS
from . import admissions, audit
from .consent import consent_json, consents_of
from .errors import Conflict, Forbidden, NotFound, ValidationFailed
from .validation import age_on

PARIS = ZoneInfo("Europe/Paris")

NOTE_MAX = 2000
REASON_MAX = 2000
PER_PAGE_DEFAULT = 50
PER_PAGE_MAX = 200
SEARCH_MAX = 100

# label, lowest age, highest age (None: no upper bound)
AGE_BANDS: dict[str, tuple[int, int | None]] = {
    "-17": (0, 17), "18-20": (18, 20), "21-25": (21, 25), "26-30": (26, 30), "31+": (31, None),
}
SORTS = ("created_at", "name", "memory", "logic", "combined")
DIRECTIONS = ("asc", "desc")
DECISIONS = ("invited", "not_selected")

CSV_SEPARATOR = ";"
CSV_DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


# ---------------------------------------------------------------- authorisation and helpers


def ensure_staff(actor) -> None:
    """Forbidden unless `actor` is staff or admin."""
    if actor is None or not getattr(actor, "has_role", None) or not actor.has_role("staff", "admin"):
        raise Forbidden(_l("Your role does not allow this."), code="forbidden")


def ensure_admin(actor) -> None:
    """Forbidden unless `actor` is an admin."""
    if actor is None or not getattr(actor, "has_role", None) or not actor.has_role("admin"):
        raise Forbidden(_l("Your role does not allow this."), code="forbidden")


def paris_to_utc(value: datetime | None) -> datetime | None:
    """A naive date-time typed in Europe/Paris local time, as an aware UTC datetime."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=PARIS)
    return value.astimezone(UTC)


def utc_to_paris_naive(value: datetime | None) -> datetime | None:
    """An aware datetime as naive Europe/Paris local time (to fill a datetime-local input)."""
    if value is None:
        return None
    return value.astimezone(PARIS).replace(tzinfo=None)


def iso(value: datetime | date | None) -> str | None:
    """ISO 8601 (datetimes always with their UTC offset)."""
    if value is None:
        return None
    if isinstance(value, datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat()


@dataclass
class Page:
    """One page of results; attribute names match the pager() template macro."""

    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page)) if self.per_page else 1

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1


def parse_page(page: Any = 1, per_page: Any = PER_PAGE_DEFAULT) -> tuple[int, int]:
    """Page number (>= 1) and page size (1..PER_PAGE_MAX, larger asks are capped)."""
    errors = {}
    try:
        page = int(page if page not in (None, "") else 1)
        if page < 1:
            raise ValueError
    except (TypeError, ValueError):
        errors["page"] = _l("The page must be a whole number from 1.")
    try:
        per_page = int(per_page if per_page not in (None, "") else PER_PAGE_DEFAULT)
        if per_page < 1:
            raise ValueError
    except (TypeError, ValueError):
        errors["per_page"] = _l("The page size must be a whole number from 1.")
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    return page, min(per_page, PER_PAGE_MAX)


def paginate(query, page: int, per_page: int) -> Page:
    """Run a select() for one page, with the total count."""
    total = db.session.scalar(db.select(func.count()).select_from(query.order_by(None).subquery()))
    items = list(db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)))
    return Page(items=items, page=page, per_page=per_page, total=total or 0)


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _contains(column, text: str):
    return func.lower(column).like(f"%{_like_escape(text.lower())}%", escape="\\")


# ---------------------------------------------------------------- campaigns


def campaigns(actor) -> list[Campaign]:
    """Every campaign, newest first."""
    ensure_staff(actor)
    return list(db.session.scalars(db.select(Campaign).order_by(Campaign.opens_at.desc())))


def default_campaign(actor) -> Campaign | None:
    """The campaign staff look at by default: the open one, else the latest to have opened,
    else the next one to open."""
    ensure_staff(actor)
    current = admissions.current_campaign()
    if current is not None:
        return current
    now = utcnow()
    latest = db.session.scalars(db.select(Campaign).where(Campaign.opens_at <= now)
                                .order_by(Campaign.opens_at.desc())).first()
    if latest is not None:
        return latest
    return db.session.scalars(db.select(Campaign).order_by(Campaign.opens_at)).first()


def pick_campaign(actor, campaign_id: Any = None) -> Campaign | None:
    """The campaign asked for by id (NotFound when unknown), or the default one."""
    ensure_staff(actor)
    if campaign_id in (None, ""):
        return default_campaign(actor)
    try:
        campaign_id = int(campaign_id)
    except (TypeError, ValueError):
        raise ValidationFailed(_l("Some fields are not valid."),
                               fields={"campaign": _l("Unknown campaign.")})
    return admissions.get_campaign(campaign_id)


def campaign_json(campaign: Campaign) -> dict:
    """A campaign as staff see it in the API (admissions' public form plus timestamps)."""
    data = admissions.campaign_to_json(campaign)
    data.update(opens_at=iso(campaign.opens_at), closes_at=iso(campaign.closes_at),
                age_min=campaign.age_min, age_max=campaign.age_max,
                age_reference_date=campaign.age_reference_date.isoformat(),
                memory_attempts=campaign.memory_attempts, logic_attempts=campaign.logic_attempts,
                memory_levels=campaign.memory_levels, logic_levels=campaign.logic_levels,
                created_at=iso(campaign.created_at), updated_at=iso(campaign.updated_at),
                is_open=campaign.is_open(utcnow()))
    return data


def create_campaign(data: dict, *, actor) -> Campaign:
    """Create a campaign (staff only); validation and audit are in admissions."""
    ensure_staff(actor)
    return admissions.create_campaign(data, actor=actor)


def update_campaign(campaign_id: int, data: dict, *, actor) -> Campaign:
    """Change a campaign's settings (staff only); nothing is written on a validation error."""
    ensure_staff(actor)
    campaign = admissions.get_campaign(campaign_id)
    return admissions.update_campaign(campaign, data, actor=actor)


# ---------------------------------------------------------------- funnel


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
        db.select(func.max(Campaign.closes_at)).where(Campaign.closes_at <= campaign.opens_at,
                                                      Campaign.id != campaign.id))
    window = User.created_at <= campaign.closes_at
    if previous_close is not None:
        window = and_(window, User.created_at > previous_close)
    applicants = db.select(Application.user_id).where(Application.campaign_id == campaign.id)
    candidates = db.select(UserRole.user_id).where(UserRole.role == "candidate")
    registered = and_(User.erased_at.is_(None), User.id.in_(candidates),
                      or_(window, User.id.in_(applicants)))
    consented = db.select(Consent.user_id).where(Consent.withdrawn_at.is_(None))

    def users(*conds) -> int:
        return db.session.scalar(db.select(func.count(User.id)).where(registered, *conds)) or 0

    def apps(*conds) -> int:
        return db.session.scalar(db.select(func.count(Application.id))
                                 .where(Application.campaign_id == campaign.id, *conds)) or 0

    counts = [
        ("registered", _l("Registered"), users()),
        ("consented", _l("Consented"), users(User.id.in_(consented))),
        ("applied", _l("Applied"), apps()),
        ("games_completed", _l("Games completed"), apps(Application.games_completed_at.is_not(None))),
        ("invited", _l("Invited"), apps(Application.status == "invited")),
        ("not_selected", _l("Not selected"), apps(Application.status == "not_selected")),
    ]
    first = counts[0][2] or 0
    return [FunnelStep(key, label, n, round(100.0 * n / first, 1) if first else 0.0)
            for key, label, n in counts]


def funnel_json(campaign: Campaign, steps: list[FunnelStep]) -> dict:
    return {"campaign": {"id": campaign.id, "name": campaign.name},
            "invitations_planned": campaign.invitations_planned,
            "steps": [{"key": s.key, "label": str(s.label), "count": s.count, "percent": s.percent}
                      for s in steps]}


# ---------------------------------------------------------------- applications list


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
        return {f.name: getattr(self, f.name) for f in dc_fields(self)
                if getattr(self, f.name) not in (None, "") and getattr(self, f.name) != getattr(defaults, f.name)}


FILTER_NAMES = tuple(f.name for f in dc_fields(ApplicationFilters))


def parse_filters(args: Mapping) -> ApplicationFilters:
    """Filters from query-string-like input (strings); ValidationFailed with per-field messages."""
    def text(name: str) -> str:
        value = args.get(name)
        return value.strip() if isinstance(value, str) else ("" if value is None else str(value).strip())

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
    conds = [User.birth_date.is_not(None), User.birth_date <= _born_on_or_before_age(reference, low)]
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
    return Profile.postcode.like(f"{_like_escape(place)}%", escape="\\")


def _combined():
    return func.coalesce(Application.memory_score, 0) + func.coalesce(Application.logic_score, 0)


def applications_query(campaign: Campaign, filters: ApplicationFilters):
    """The select() of the campaign's applications matching `filters`, sorted."""
    query = (db.select(Application).join(User, User.id == Application.user_id)
             .outerjoin(Profile, Profile.user_id == Application.user_id)
             .where(Application.campaign_id == campaign.id)
             # rows show the person and profile: load them in batches, not one query per row
             .options(selectinload(Application.user).selectinload(User.profile)))
    if filters.status:
        query = query.where(Application.status == filters.status)
    if filters.age_band:
        query = query.where(age_band_condition(filters.age_band, campaign.age_reference_date))
    if filters.situation:
        query = query.where(Profile.situation == filters.situation)
    if filters.place:
        query = query.where(place_condition(filters.place))
    if filters.memory_min is not None:
        query = query.where(Application.memory_score >= filters.memory_min)
    if filters.logic_min is not None:
        query = query.where(Application.logic_score >= filters.logic_min)
    for word in filters.q.split():
        query = query.where(or_(_contains(User.first_name, word), _contains(User.last_name, word),
                                _contains(User.email, word)))
    desc = filters.direction == "desc"

    def order(col):
        return col.desc() if desc else col.asc()

    if filters.sort == "name":
        keys = [order(func.lower(User.last_name)), order(func.lower(User.first_name))]
    elif filters.sort == "memory":
        keys = [Application.memory_score.is_(None), order(Application.memory_score)]
    elif filters.sort == "logic":
        # levels solved first; fewer instructions, then less time, break ties
        keys = [Application.logic_score.is_(None), order(Application.logic_score),
                Application.logic_instructions.asc(), Application.logic_time_ms.asc()]
    elif filters.sort == "combined":
        both_missing = and_(Application.memory_score.is_(None), Application.logic_score.is_(None))
        keys = [case((both_missing, 1), else_=0), order(_combined())]
    else:
        keys = [order(Application.created_at)]
    return query.order_by(*keys, order(Application.id))


def list_applications(campaign: Campaign, filters: ApplicationFilters, *, actor, page: int = 1,
                      per_page: int = PER_PAGE_DEFAULT) -> Page:
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
        "id": application.id, "campaign_id": application.campaign_id, "user_id": user.id,
        "status": application.status, "first_name": user.first_name, "last_name": user.last_name,
        "email": user.email, "birth_date": iso(user.birth_date), "age": age,
        "age_band": age_band_of(user.birth_date, campaign.age_reference_date),
        "city": profile.city if profile else "", "postcode": profile.postcode if profile else "",
        "department": profile.department if profile else "",
        "situation": profile.situation if profile else "",
        "memory_score": application.memory_score, "logic_score": application.logic_score,
        "combined_score": combined, "logic_instructions": application.logic_instructions,
        "logic_time_ms": application.logic_time_ms,
        "games_completed_at": iso(application.games_completed_at),
        "created_at": iso(application.created_at), "updated_at": iso(application.updated_at),
    }


# ---------------------------------------------------------------- CSV export

CSV_COLUMNS = ("id", "status", "last_name", "first_name", "email", "birth_date", "age", "age_band",
               "city", "postcode", "department", "situation", "memory_score", "logic_score",
               "combined_score", "logic_instructions", "logic_time_ms", "games_completed_at",
               "created_at")


def csv_safe(value) -> str:
    """A cell as text, neutralised against formula injection."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(CSV_DANGEROUS_PREFIXES):
        return "'" + text
    return text


def _paris_text(value: str | None) -> str:
    if not value:
        return ""
    return datetime.fromisoformat(value).astimezone(PARIS).strftime("%Y-%m-%d %H:%M")


def export_csv(campaign: Campaign, filters: ApplicationFilters, *, actor) -> str:
    """The filtered list as CSV text (BOM, ";" separator, times in Europe/Paris); audited."""
    ensure_staff(actor)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=CSV_SEPARATOR, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    rows = 0
    for application in db.session.scalars(applications_query(campaign, filters)):
        row = application_row(application)
        row["games_completed_at"] = _paris_text(row["games_completed_at"])
        row["created_at"] = _paris_text(row["created_at"])
        writer.writerow([csv_safe(row[c]) for c in CSV_COLUMNS])
        rows += 1
    audit.record("applications.exported", actor=actor, target=campaign,
                 after={"filters": filters.as_args(), "rows": rows})
    return out.getvalue()


def export_filename(campaign: Campaign) -> str:
    return f"applications-campaign{campaign.id}-{utcnow().astimezone(PARIS):%Y%m%d-%H%M}.csv"


# ---------------------------------------------------------------- one application


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


def _attr(obj, name: str, default=None):
    """Read a column defensively (the games model may gain or rename columns)."""
    return getattr(obj, name, default)


def _answer_meta(level) -> dict:
    """Bookkeeping the games service keeps with an answer (tries, skipped), never the answer."""
    raw = _attr(level, "answer", "") or ""
    try:
        data = json.loads(raw) if raw else {}
    except (TypeError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    answered = _attr(level, "answered_at") is not None
    try:
        tries = int(data.get("tries", 1 if answered else 0))
    except (TypeError, ValueError):
        tries = 1 if answered else 0
    return {"tries": tries, "skipped": bool(data.get("skipped"))}


def _level_json(level) -> dict:
    return {
        "level": _attr(level, "level"), "correct": _attr(level, "correct"),
        "answered": _attr(level, "answered_at") is not None,
        "instructions": _attr(level, "instructions"), "time_ms": _attr(level, "time_ms"),
        "issued_at": iso(_attr(level, "issued_at")), "answered_at": iso(_attr(level, "answered_at")),
        **_answer_meta(level),
    }


def _best_attempt_ids(sessions) -> set[int]:
    """The best finished attempt of each game (the games service's ranking when available)."""
    try:
        from .games import rank_key
    except ImportError:  # pragma: no cover - the games service is optional here
        rank_key = None
    best: dict[str, Any] = {}
    for session in sessions:
        if _attr(session, "status") != "finished":
            continue
        game = _attr(session, "game", "")
        current = best.get(game)
        if current is None:
            best[game] = session
            continue
        try:
            better = rank_key(session) > rank_key(current) if rank_key else None
        except Exception:  # noqa: BLE001 - a changed games model must not break the review page
            better = None
        if better is None:
            better = (_attr(session, "score") or 0) > (_attr(current, "score") or 0)
        if better:
            best[game] = session
    return {s.id for s in best.values()}


def game_results(application: Application) -> dict[str, list[dict]]:
    """Per game, every attempt with its per-level detail and the best one flagged
    (solutions and the answers themselves are not shown)."""
    sessions = db.session.scalars(
        db.select(GameSession).where(GameSession.application_id == application.id)
        .order_by(GameSession.game, GameSession.attempt_no)).all()
    best = _best_attempt_ids(sessions)
    results: dict[str, list[dict]] = {"memory": [], "logic": []}
    for session in sessions:
        levels = db.session.scalars(db.select(GameLevel).where(GameLevel.session_id == session.id)
                                    .order_by(GameLevel.level)).all()
        game = _attr(session, "game", "") or ""
        results.setdefault(game, []).append({
            "id": session.id, "attempt_no": _attr(session, "attempt_no"),
            "status": _attr(session, "status", ""), "score": _attr(session, "score"),
            "best": session.id in best,
            "levels_solved": _attr(session, "levels_solved"),
            "total_instructions": _attr(session, "total_instructions"),
            "total_time_ms": _attr(session, "total_time_ms"),
            "started_at": iso(_attr(session, "started_at")),
            "finished_at": iso(_attr(session, "finished_at")),
            "levels": [_level_json(level) for level in levels],
        })
    return results


def history(application: Application) -> list[AuditLog]:
    """Audit rows about the application, its games and its applicant, newest first."""
    session_ids = db.select(GameSession.id).where(GameSession.application_id == application.id)
    return list(db.session.scalars(
        db.select(AuditLog).where(or_(
            and_(AuditLog.target_type == "applications", AuditLog.target_id == application.id),
            and_(AuditLog.target_type == "users", AuditLog.target_id == application.user_id),
            and_(AuditLog.target_type == "game_sessions", AuditLog.target_id.in_(session_ids)),
        )).order_by(AuditLog.at.desc(), AuditLog.id.desc()).limit(500)))


def audit_json(row: AuditLog) -> dict:
    return {"id": row.id, "at": iso(row.at), "action": row.action,
            "actor_id": row.actor_id, "actor": row.actor.email if row.actor else None,
            "target_type": row.target_type, "target_id": row.target_id,
            "before": _loads(row.before), "after": _loads(row.after), "reason": row.reason}


def _loads(text: str):
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def exception_for(application: Application) -> EligibilityException | None:
    return db.session.scalars(db.select(EligibilityException).where(
        EligibilityException.user_id == application.user_id,
        EligibilityException.campaign_id == application.campaign_id)).first()


def campaign_exceptions(campaign: Campaign, *, actor) -> list[tuple[EligibilityException, User]]:
    """The eligibility exceptions granted for a campaign with their person, newest first."""
    ensure_staff(actor)
    return [tuple(row) for row in db.session.execute(
        db.select(EligibilityException, User).join(User, User.id == EligibilityException.user_id)
        .where(EligibilityException.campaign_id == campaign.id)
        .order_by(EligibilityException.granted_at.desc(), EligibilityException.id.desc()))]


def note_json(note: ApplicationNote) -> dict:
    return {"id": note.id, "body": note.body, "created_at": iso(note.created_at),
            "author_id": note.author_id, "author": note.author.email if note.author else None}


def exception_json(row: EligibilityException | None) -> dict | None:
    if row is None:
        return None
    return {"id": row.id, "user_id": row.user_id, "campaign_id": row.campaign_id,
            "reason": row.reason, "granted_by_id": row.granted_by_id, "granted_at": iso(row.granted_at)}


def application_detail(application_id: Any, *, actor) -> dict:
    """Everything on one application's page: profile, games, history, notes, exception."""
    application = get_application(application_id, actor=actor)
    user = application.user
    profile = user.profile
    row = application_row(application)
    row.update(
        motivation=application.motivation,
        campaign={"id": application.campaign.id, "name": application.campaign.name},
        profile={"city": profile.city if profile else "", "postcode": profile.postcode if profile else "",
                 "department": profile.department if profile else "",
                 "situation": profile.situation if profile else "",
                 "heard_from": profile.heard_from if profile else "",
                 "gender": profile.gender if profile else "",
                 "email_confirmed": user.email_confirmed_at is not None},
        games=game_results(application),
        notes=[note_json(n) for n in application.notes],
        eligibility_exception=exception_json(exception_for(application)),
        history=[audit_json(r) for r in history(application)],
        piscine_invitations=piscine_invitations(user.id),
        consents=[{k: v for k, v in consent_json(c).items() if k != "text"} for c in consents_of(user)],
    )
    return row


# ---------------------------------------------------------------- notes, exceptions, decisions


def add_note(application_id: Any, body: Any, *, actor) -> ApplicationNote:
    """A staff note on an application (non-empty, NOTE_MAX characters at most); audited."""
    application = get_application(application_id, actor=actor)
    text = body.strip() if isinstance(body, str) else ""
    if not text:
        raise ValidationFailed(_l("Some fields are not valid."), fields={"body": _l("The note is empty.")})
    if len(text) > NOTE_MAX:
        raise ValidationFailed(_l("Some fields are not valid."),
                               fields={"body": _l("%(n)d characters at most.", n=NOTE_MAX)})
    note = ApplicationNote(application_id=application.id, author_id=actor.id, body=text)
    db.session.add(note)
    db.session.flush()
    audit.record("application.note_added", actor=actor, target=application,
                 after={"note_id": note.id, "length": len(text)})
    return note


def _reason(reason: Any) -> str:
    text = reason.strip() if isinstance(reason, str) else ""
    if not text:
        raise ValidationFailed(_l("A reason is required."), fields={"reason": _l("A reason is required.")})
    if len(text) > REASON_MAX:
        raise ValidationFailed(_l("Some fields are not valid."),
                               fields={"reason": _l("%(n)d characters at most.", n=REASON_MAX)})
    return text


def grant_exception(*, actor, reason: Any, campaign_id: Any = None, user_id: Any = None,
                    email: str | None = None, application_id: Any = None) -> EligibilityException:
    """An eligibility exception for a person (by application, user id or e-mail) and a campaign."""
    ensure_staff(actor)
    text = _reason(reason)
    if application_id is not None:
        application = get_application(application_id, actor=actor)
        user, campaign = application.user, application.campaign
    else:
        user = None
        if user_id is not None:
            try:
                user = db.session.get(User, int(user_id))
            except (TypeError, ValueError):
                user = None
        elif email:
            from .accounts import find_by_email

            user = find_by_email(email)
        if user is None or user.erased_at is not None:
            raise NotFound(_l("No such person."), fields={"user": _l("No such person.")})
        try:
            campaign = admissions.get_campaign(int(campaign_id))
        except (TypeError, ValueError):
            raise ValidationFailed(_l("Some fields are not valid."),
                                   fields={"campaign_id": _l("Unknown campaign.")})
    try:
        return admissions.grant_exception(user, campaign, text, actor=actor)
    except IntegrityError:  # a colleague granted the same exception at the same moment
        db.session.rollback()
        raise Conflict(_l("An exception already exists for this person and campaign."),
                       code="conflict") from None


def open_piscines() -> list:
    """Piscine sessions not over yet (today included), soonest first: where staff can invite."""
    from ..models.piscine import Piscine

    return list(db.session.scalars(db.select(Piscine).where(Piscine.ends_on >= paris_today())
                                   .order_by(Piscine.starts_on, Piscine.id)))


def piscine_invitations(user_id: int) -> list[dict]:
    """The person's piscine invitations (session, status), oldest first."""
    from ..models.piscine import Invitation, Piscine

    rows = db.session.execute(db.select(Invitation, Piscine).join(Piscine, Piscine.id == Invitation.piscine_id)
                              .where(Invitation.user_id == user_id).order_by(Invitation.id))
    return [{"piscine_id": piscine.id, "piscine": piscine.name, "status": invitation.status,
             "starts_on": piscine.starts_on.isoformat()} for invitation, piscine in rows]


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
    piscine = next((p for p in open_piscines() if p.id == wanted), None) if wanted is not None else None
    if piscine is None:
        errors["piscine_id"] = _l("Choose a piscine session that is not over.")
    return piscine


def decide(application_id: Any, status: Any, reason: Any, *, actor, piscine_id: Any = None) -> Application:
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
        text = _reason(reason)
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
        update(Application).where(Application.id == application.id,
                                  Application.status == before["status"])
        .values(status=status, updated_at=utcnow())
        .execution_options(synchronize_session=False)).rowcount
    db.session.expire(application, ["status", "updated_at"])
    if changed != 1:
        raise Conflict(_l("Someone changed this application meanwhile: reload the page."),
                       code="changed_meanwhile")
    audit.record("application.decided", actor=actor, target=application, before=before,
                 after={"status": status, **({"piscine_id": piscine.id} if piscine else {})}, reason=text)
    if piscine is not None:
        from .piscine import invite

        invite(piscine, [application.user_id], actor=actor)
    return application


# ---------------------------------------------------------------- outbox and audit log


def _privileged_user_ids():
    return db.select(UserRole.user_id).where(UserRole.role.in_(("staff", "admin")))


def outbox_query(actor):
    """Mails staff may read: admins see all; staff do not see mails to staff or admin
    accounts (their password-reset links would let them take those accounts over)."""
    ensure_staff(actor)
    query = db.select(OutboxMail)
    if not actor.has_role("admin"):
        privileged = db.select(User.email).where(User.id.in_(_privileged_user_ids()))
        query = query.where(or_(OutboxMail.user_id.is_(None),
                                OutboxMail.user_id.not_in(_privileged_user_ids())),
                            OutboxMail.to.not_in(privileged))
    return query


def outbox(*, actor, page: Any = 1, per_page: Any = PER_PAGE_DEFAULT, to: str = "",
           status: str = "") -> Page:
    """The outbox, newest first, optionally filtered on the recipient and the delivery status."""
    page, per_page = parse_page(page, per_page)
    query = outbox_query(actor)
    to = (to or "").strip()
    if to:
        query = query.where(_contains(OutboxMail.to, to[:SEARCH_MAX]))
    if status in MAIL_STATUSES:
        query = query.where(OutboxMail.status == status)
    return paginate(query.order_by(OutboxMail.created_at.desc(), OutboxMail.id.desc()), page, per_page)


def outbox_mail(mail_id: Any, *, actor) -> OutboxMail:
    try:
        mail_id = int(mail_id)
    except (TypeError, ValueError):
        mail_id = 0
    mail = db.session.scalars(outbox_query(actor).where(OutboxMail.id == mail_id)).first()
    if mail is None:
        raise NotFound(_l("No such mail."))
    return mail


def mail_json(mail: OutboxMail, *, body: bool = False) -> dict:
    """A mail as the API shows it, with its delivery status (pending, sent, failed)."""
    data = {"id": mail.id, "created_at": iso(mail.created_at), "to": mail.to, "kind": mail.kind,
            "locale": mail.locale, "subject": mail.subject, "transport": mail.transport,
            "status": mail.status, "attempts": mail.attempts,
            "last_attempt_at": iso(mail.last_attempt_at),
            "sent_at": iso(mail.sent_at), "error": mail.error}
    if body:
        data["body"] = mail.body
    return data


def audit_actions(*, actor) -> list[str]:
    ensure_staff(actor)
    return list(db.session.scalars(db.select(AuditLog.action).distinct().order_by(AuditLog.action)))


def audit_log(*, actor, action: str = "", page: Any = 1, per_page: Any = PER_PAGE_DEFAULT) -> Page:
    """The audit log, newest first, optionally for one action (exact) or a family ("user.")."""
    ensure_staff(actor)
    page, per_page = parse_page(page, per_page)
    query = db.select(AuditLog)
    action = (action or "").strip()[:60]
    if action.endswith("."):
        query = query.where(AuditLog.action.like(f"{_like_escape(action)}%", escape="\\"))
    elif action:
        query = query.where(AuditLog.action == action)
    return paginate(query.order_by(AuditLog.at.desc(), AuditLog.id.desc()), page, per_page)


# ---------------------------------------------------------------- admin: users and roles


def users(*, actor, q: str = "", role: str = "", page: Any = 1,
          per_page: Any = PER_PAGE_DEFAULT) -> Page:
    """Accounts (erased ones excluded), searchable on name and e-mail, filtered on a role."""
    ensure_admin(actor)
    page, per_page = parse_page(page, per_page)
    role = (role or "").strip()
    if role and role not in ROLES:
        raise ValidationFailed(_l("Some filters are not valid."), fields={"role": _l("Unknown role.")})
    q = (q or "").strip()
    if len(q) > SEARCH_MAX:
        raise ValidationFailed(_l("Some filters are not valid."),
                               fields={"q": _l("The search is too long (%(n)d characters at most).",
                                               n=SEARCH_MAX)})
    query = db.select(User).where(User.erased_at.is_(None))
    if role:
        query = query.where(User.id.in_(db.select(UserRole.user_id).where(UserRole.role == role)))
    for word in q.split():
        query = query.where(or_(_contains(User.first_name, word), _contains(User.last_name, word),
                                _contains(User.email, word)))
    return paginate(query.order_by(User.email), page, per_page)


def get_user(user_id: Any, *, actor) -> User:
    ensure_admin(actor)
    try:
        user = db.session.get(User, int(user_id))
    except (TypeError, ValueError):
        user = None
    if user is None or user.erased_at is not None:
        raise NotFound(_l("No such user."))
    return user


def user_json(user: User) -> dict:
    return {"id": user.id, "email": user.email, "first_name": user.first_name,
            "last_name": user.last_name, "roles": user.roles, "active": user.is_active,
            "email_confirmed": user.email_confirmed_at is not None,
            "created_at": iso(user.created_at), "last_login_at": iso(user.last_login_at)}


def user_history(user: User, *, actor) -> list[AuditLog]:
    """Audit rows about an account, newest first."""
    ensure_admin(actor)
    return list(db.session.scalars(
        db.select(AuditLog).where(AuditLog.target_type == "users", AuditLog.target_id == user.id)
        .order_by(AuditLog.at.desc(), AuditLog.id.desc()).limit(200)))


STAFF_CREATABLE_ROLES = ("staff", "admin", "employer")


def create_account(*, actor, email: str, password: str, roles: Iterable[str], first_name: str = "",
                   last_name: str = "") -> User:
    """An admin creates a staff, admin or employer account (accounts.create_user; audited)."""
    ensure_admin(actor)
    from . import accounts

    roles = sorted(set(roles or ()))
    if not roles or any(r not in STAFF_CREATABLE_ROLES for r in roles):
        raise ValidationFailed(_l("Some fields are not valid."),
                               fields={"roles": _l("Choose staff, admin or employer.")})
    errors = {}
    from .validation import NAME_RE

    for name, value in (("first_name", first_name), ("last_name", last_name)):
        value = (value or "").strip()
        if len(value) > 100 or (value and not NAME_RE.match(value)):
            errors[name] = _l("This name contains characters that are not allowed.")
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    try:
        return accounts.create_user(email=email, password=password, roles=roles,
                                    first_name=(first_name or "").strip(),
                                    last_name=(last_name or "").strip(), actor=actor)
    except IntegrityError:  # the same address created at the same moment
        db.session.rollback()
        raise Conflict(_l("An account already uses this e-mail address."), code="email_taken",
                       fields={"email": _l("An account already uses this e-mail address.")}) from None


def change_roles(user_id: Any, roles: Iterable[str], *, actor, reason: Any) -> User:
    """An admin replaces a user's roles with a written reason (accounts.set_roles; audited)."""
    ensure_admin(actor)
    from . import accounts

    user = get_user(user_id, actor=actor)
    text = _reason(reason)
    wanted = sorted(set(roles or ()))
    if wanted == user.roles:
        raise Conflict(_l("These are already the user's roles."), code="unchanged",
                       fields={"roles": _l("These are already the user's roles.")})
    return accounts.set_roles(user, wanted, actor=actor, reason=text)

