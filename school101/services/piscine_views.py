"""Queries and small helpers behind the piscine pages (candidate and staff).

Business rules stay in services.piscine / booking / submissions / results / deadline; this
module only reads (rankings, lists, board rows, subjects rendered from markdown) and checks a
calendar typed in a form before services.piscine.create_piscine writes it.
"""
from __future__ import annotations

import io
import json
import math
import os
import tarfile
import tomllib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import bleach
import markdown
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, func

from ..extensions import db
from ..models import (
    Application,
    Booking,
    Campaign,
    DayGrading,
    GradingRun,
    Invitation,
    Piscine,
    PiscineDay,
    Submission,
    User,
    UserRole,
)
from ..models._base import utcnow
from . import booking as booking_service
from . import piscine as piscine_service
from .errors import Conflict, Forbidden, NotFound, ValidationFailed

PARIS = ZoneInfo("Europe/Paris")
PER_PAGE = 50
PEOPLE_STATUSES = ("invited", "booked", "waitlisted", "declined", "cancelled")
EXAM_MINUTES = 240

# ---------------------------------------------------------------- small helpers


@dataclass
class Page:
    """One page of rows; attribute names match the pager() template macro."""

    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

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

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def page_number(value: Any) -> int:
    """A page number from a query string; anything odd is page 1."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return max(1, min(number, 100000))


def count_rows(query) -> int:
    """How many rows a select() returns (without fetching them)."""
    return db.session.scalar(db.select(func.count()).select_from(query.order_by(None).subquery())) or 0


def paginate(query, page: int, per_page: int = PER_PAGE, scalars: bool = True) -> Page:
    """Run a select() for one page, with the total count."""
    total = count_rows(query)
    page = min(page, max(1, math.ceil(total / per_page)))
    limited = query.limit(per_page).offset((page - 1) * per_page)
    items = list(db.session.scalars(limited)) if scalars else list(db.session.execute(limited).all())
    return Page(items=items, page=page, per_page=per_page, total=total)


def paris_to_utc(value: datetime | None) -> datetime | None:
    """A naive Europe/Paris wall-clock time (from a datetime-local input) as aware UTC."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=PARIS)
    return value.astimezone(UTC)


def utc_to_paris_naive(value: datetime | None) -> datetime | None:
    """An aware datetime as naive Paris local time (to fill a datetime-local input)."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(PARIS).replace(tzinfo=None)


def iso_utc(value: datetime | None) -> str:
    """ISO 8601 in UTC with its offset (for data- attributes read by JavaScript)."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="seconds")


def _as_aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


# ---------------------------------------------------------------- exercise content


def _exercises_dir() -> str:
    return current_app.config["EXERCISES_DIR"]


@lru_cache(maxsize=64)
def _day_toml(path: str, mtime: float) -> dict:
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def day_info(day_id: str) -> dict:
    """The day.toml of an exercise day or exam pool ({} when missing)."""
    if not day_id or "/" in day_id or day_id.startswith("."):
        return {}
    path = os.path.join(_exercises_dir(), day_id, "day.toml")
    if not os.path.isfile(path):
        return {}
    return _day_toml(path, os.path.getmtime(path))


def known_days() -> list[str]:
    """Folders under exercises/ that hold a day.toml (exercise days and exam pools)."""
    root = _exercises_dir()
    return sorted(d for d in os.listdir(root) if os.path.isfile(os.path.join(root, d, "day.toml")))


def day_title(day_id: str, locale: str = "fr") -> str:
    """The day's title in the page's language (French as fallback, then the id)."""
    title = day_info(day_id).get("title")
    if isinstance(title, dict):
        return title.get(locale) or title.get("fr") or day_id
    return title if isinstance(title, str) and title else day_id


def day_exercises(day_id: str) -> list[str]:
    """The exNN folders of a day, in grading order."""
    return list(day_info(day_id).get("exercises", []))


ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "a", "span", "del", "sup", "sub",
})
ALLOWED_ATTRIBUTES = {"a": ["href", "title"], "th": ["align", "scope"], "td": ["align"],
                      "code": ["class"]}


def _demote_headings(html: str, by: int = 3) -> str:
    """Subjects start at <h1>; inside a day page they sit under the exercise's own h3."""
    import re

    return re.sub(r"<(/?)h([1-6])\b", lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + by)}", html)


def render_markdown(text: str) -> str:
    """Markdown to HTML, sanitised: only safe tags and attributes, http(s)/mailto links."""
    html = markdown.markdown(text, extensions=["fenced_code", "tables", "sane_lists"],
                             output_format="html")
    html = _demote_headings(html)
    return bleach.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                        protocols=["http", "https", "mailto"], strip=True)


@lru_cache(maxsize=512)
def _subject_html(path: str, mtime: float) -> str:
    with open(path, encoding="utf-8") as fh:
        return render_markdown(fh.read())


def subject_html(day_id: str, exercise: str, locale: str = "fr") -> str:
    """An exercise's subject as safe HTML in the page's language (French as fallback)."""
    folder = os.path.join(_exercises_dir(), day_id, exercise)
    for lang in (locale, "fr", "en"):
        path = os.path.join(folder, f"subject.{lang}.md")
        if os.path.isfile(path):
            return _subject_html(path, os.path.getmtime(path))
    return ""


def git_url(day_id: str) -> str:
    """Where a candidate pushes a day's work."""
    return f"{current_app.config['PUBLIC_URL'].rstrip('/')}/git/{day_id}.git"


# ---------------------------------------------------------------- calendar


def day_state(day: PiscineDay, now: datetime) -> str:
    """upcoming | open | closed."""
    now = _as_aware(now)
    if now < _as_aware(day.opens_at):
        return "upcoming"
    if now <= _as_aware(day.closes_at):
        return "open"
    return "closed"


def calendar(piscine: Piscine, now: datetime | None = None, locale: str = "fr") -> list[dict]:
    """The piscine's calendar entries with their state and title, in order."""
    now = now or utcnow()
    return [{"day": d, "day_id": d.day_id, "kind": d.kind, "state": day_state(d, now),
             "title": day_title(d.day_id, locale), "opens_at": d.opens_at, "closes_at": d.closes_at}
            for d in piscine.days]


def calendar_entry(piscine: Piscine, day_id: str) -> PiscineDay:
    """One exercise day of the piscine's calendar, or NotFound."""
    for day in piscine.days:
        if day.day_id == day_id and day.kind == "day":
            return day
    raise NotFound(_l("This day is not in the piscine's calendar."))


def default_form_calendar(starts_on: date) -> list[dict]:
    """The default calendar (services.piscine.default_calendar) plus the exam pool on the first
    Friday at least four days after the start, from 14:00 Paris for its duration: what the creation form shows."""
    cur = piscine_service.curriculum()
    entries = piscine_service.default_calendar(starts_on, list(cur.get("days", [])))
    exam = cur.get("exam")
    if exam:
        day = starts_on + timedelta(days=4)
        while day.weekday() != 4:
            day += timedelta(days=1)
        opens = piscine_service.paris_datetime(day, time(14, 0))
        minutes = int(day_info(exam).get("duration_minutes", EXAM_MINUTES))
        entries.append({"day_id": exam, "kind": "exam", "position": len(entries), "opens_at": opens,
                        "closes_at": opens + timedelta(minutes=minutes)})
    return entries


def check_calendar(rows: list[dict]) -> tuple[list[dict], dict]:
    """Calendar rows typed in the form ({day_id, kind, opens_at, closes_at} in Paris time,
    naive) -> (entries in UTC for create_piscine, {"calendar-<i>-<field>": message}).
    Rows whose day is left empty are dropped."""
    known = set(known_days())
    entries, errors, seen = [], {}, set()
    for index, row in enumerate(rows):
        day_id = (row.get("day_id") or "").strip()
        if not day_id:
            continue
        key = row.get("key") or f"calendar-{index}-"
        kind = row.get("kind") or "day"
        if day_id not in known:
            errors[key + "day_id"] = _l("Unknown day: %(id)s", id=day_id[:40])
        elif day_id in seen:
            errors[key + "day_id"] = _l("This day is already in the calendar.")
        elif kind == "exam" and day_info(day_id).get("kind") != "exam":
            errors[key + "kind"] = _l("This folder is not an exam pool.")
        elif kind == "day" and day_info(day_id).get("kind") == "exam":
            errors[key + "kind"] = _l("An exam pool must be an exam entry.")
        if kind not in ("day", "exam"):
            errors[key + "kind"] = _l("Choose a day or an exam.")
        seen.add(day_id)
        opens, closes = row.get("opens_at"), row.get("closes_at")
        if not isinstance(opens, datetime):
            errors[key + "opens_at"] = _l("An opening date and time is required.")
        if not isinstance(closes, datetime):
            errors[key + "closes_at"] = _l("A closing date and time is required.")
        if isinstance(opens, datetime) and isinstance(closes, datetime) and closes <= opens:
            errors[key + "closes_at"] = _l("Must be after the opening.")
        if isinstance(opens, datetime) and isinstance(closes, datetime):
            entries.append({"day_id": day_id, "kind": kind, "position": len(entries),
                            "opens_at": paris_to_utc(opens), "closes_at": paris_to_utc(closes)})
    if not entries and not errors:
        errors["calendar"] = _l("The calendar needs at least one day.")
    return entries, errors


def create_from_form(data: dict, rows: list[dict], *, actor) -> Piscine:
    """Validate settings and calendar together (every message at once, nothing written on
    error), then create the piscine through services.piscine.create_piscine (audited)."""
    errors = dict(piscine_service.validate_piscine(data))
    entries, calendar_errors = check_calendar(rows)
    errors.update(calendar_errors)
    closes, cancel = data.get("booking_closes_at"), data.get("cancel_until")
    ends = data.get("ends_on")
    if isinstance(closes, datetime) and isinstance(ends, date) and closes.astimezone(PARIS).date() > ends:
        errors["booking_closes_at"] = _l("Booking must close before the piscine ends.")
    if isinstance(cancel, datetime) and isinstance(ends, date) and cancel.astimezone(PARIS).date() > ends:
        errors["cancel_until"] = _l("Cancellations must end before the piscine ends.")
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    return piscine_service.create_piscine(data, actor=actor, calendar=entries)


def piscines(page: int = 1) -> Page:
    """Every piscine, newest first."""
    return paginate(db.select(Piscine).order_by(Piscine.starts_on.desc(), Piscine.id.desc()), page)


def piscine_counts(piscine: Piscine) -> dict:
    """How many people are in each state (invited, booked, waitlisted, declined, cancelled)."""
    inv = dict(db.session.execute(db.select(Invitation.status, func.count()).where(
        Invitation.piscine_id == piscine.id).group_by(Invitation.status)).all())
    bookings = dict(db.session.execute(
        db.select(Booking.status, func.count()).join(Invitation, and_(
            Invitation.piscine_id == Booking.piscine_id, Invitation.user_id == Booking.user_id))
        .where(Booking.piscine_id == piscine.id, Invitation.status == "invited")
        .group_by(Booking.status)).all())
    live_invited = inv.get("invited", 0)
    return {"invited": live_invited - sum(bookings.values()), "booked": bookings.get("booked", 0),
            "waitlisted": bookings.get("waitlisted", 0), "declined": inv.get("declined", 0),
            "cancelled": bookings.get("cancelled", 0), "total": sum(inv.values())}


# ---------------------------------------------------------------- invitations (staff)


def _ranking_keys():
    both_missing = and_(Application.memory_score.is_(None), Application.logic_score.is_(None))
    combined = func.coalesce(Application.memory_score, 0) + func.coalesce(Application.logic_score, 0)
    return combined, [case((both_missing, 1), else_=0), combined.desc(),
                      case((Application.logic_instructions.is_(None), 1), else_=0),
                      Application.logic_instructions.asc(),
                      case((Application.logic_time_ms.is_(None), 1), else_=0),
                      Application.logic_time_ms.asc(), Application.id.asc()]


def ranking_query(piscine: Piscine, *, campaign_id: int | None = None, status: str = "",
                  only_new: bool = False):
    """Applications ranked by game results (memory + logic, then fewer logic instructions,
    then less logic time), with the person's invitation to this piscine if any. Only live
    candidate accounts appear."""
    combined, keys = _ranking_keys()
    query = (db.select(Application, User, Invitation.status.label("invitation"),
                       combined.label("combined"))
             .join(User, User.id == Application.user_id)
             .outerjoin(Invitation, and_(Invitation.user_id == Application.user_id,
                                         Invitation.piscine_id == piscine.id))
             .where(User.erased_at.is_(None),
                    User.id.in_(db.select(UserRole.user_id).where(UserRole.role == "candidate"))))
    if campaign_id:
        query = query.where(Application.campaign_id == campaign_id)
    if status:
        query = query.where(Application.status == status)
    if only_new:
        query = query.where(Invitation.id.is_(None))
    return query.order_by(*keys)


def ranked_applications(piscine: Piscine, *, campaign_id: int | None = None, status: str = "",
                        only_new: bool = False, page: int = 1, per_page: int = PER_PAGE) -> Page:
    """One page of the ranking, each row (application, user, invitation status, combined, rank)."""
    result = paginate(ranking_query(piscine, campaign_id=campaign_id, status=status, only_new=only_new),
                      page, per_page, scalars=False)
    result.items = [{"application": row[0], "user": row[1], "invitation": row[2], "combined": row[3],
                     "rank": result.offset + i + 1} for i, row in enumerate(result.items)]
    return result


def top_user_ids(piscine: Piscine, n: int, *, campaign_id: int | None = None, status: str = "") -> list[int]:
    """The first `n` people of the ranking not invited to this piscine yet."""
    rows = db.session.execute(ranking_query(piscine, campaign_id=campaign_id, status=status,
                                            only_new=True).limit(n * 2 + 10)).all()
    ids: list[int] = []
    for row in rows:
        if row[1].id not in ids:
            ids.append(row[1].id)
        if len(ids) >= n:
            break
    return ids


def invite_top(piscine: Piscine, n: Any, *, actor, campaign_id: int | None = None, status: str = "") -> int:
    """Invite the top `n` not yet invited (services.piscine.invite e-mails and audits)."""
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= piscine_service.MAX_INVITES_PER_CALL:
        raise ValidationFailed(_l("Some fields are not valid."), fields={
            "n": _l("Must be between %(low)d and %(high)d.", low=1, high=piscine_service.MAX_INVITES_PER_CALL)})
    ids = top_user_ids(piscine, n, campaign_id=campaign_id, status=status)
    if not ids:
        raise ValidationFailed(_l("Nobody left to invite with these filters."),
                               fields={"n": _l("Nobody left to invite with these filters.")})
    return piscine_service.invite(piscine, ids, actor=actor)


def campaigns() -> list[Campaign]:
    """Every campaign, newest first (the ranking's filter)."""
    return list(db.session.scalars(db.select(Campaign).order_by(Campaign.opens_at.desc())))


def people(piscine: Piscine, status: str, page: int = 1, per_page: int = PER_PAGE) -> Page:
    """Invited people in one state, each {user, invitation, booking, position}. The waitlist is
    in its order (positions counted from 1); the others by name."""
    if status not in PEOPLE_STATUSES:
        status = "booked"
    query = (db.select(User, Invitation, Booking).join(Invitation, Invitation.user_id == User.id)
             .outerjoin(Booking, and_(Booking.user_id == User.id, Booking.piscine_id == piscine.id))
             .where(Invitation.piscine_id == piscine.id))
    by_name = [func.lower(User.last_name), func.lower(User.first_name), User.id]
    if status == "declined":
        query = query.where(Invitation.status == "declined").order_by(*by_name)
    elif status == "invited":
        query = query.where(Invitation.status == "invited", Booking.id.is_(None)).order_by(*by_name)
    elif status == "waitlisted":
        query = query.where(Invitation.status == "invited", Booking.status == "waitlisted").order_by(
            Booking.waitlisted_at, Booking.id)
    else:
        query = query.where(Invitation.status == "invited", Booking.status == status).order_by(*by_name)
    result = paginate(query, page, per_page, scalars=False)
    result.items = [{"user": u, "invitation": inv, "booking": b,
                     "position": result.offset + i + 1 if status == "waitlisted" else None}
                    for i, (u, inv, b) in enumerate(result.items)]
    return result


# ---------------------------------------------------------------- candidate side


def my_sessions(user, now: datetime | None = None) -> list[dict]:
    """The piscines a person is invited to (or declined), with their booking and what they may do."""
    now = now or utcnow()
    rows = db.session.execute(
        db.select(Piscine, Invitation).join(Invitation, Invitation.piscine_id == Piscine.id)
        .where(Invitation.user_id == user.id).order_by(Piscine.starts_on, Piscine.id)).all()
    sessions = []
    for piscine, invitation in rows:
        booking = booking_service.booking_of(user, piscine.id)
        status = booking.status if booking is not None else None
        booking_closed = piscine.booking_closes_at is not None and now >= _as_aware(piscine.booking_closes_at)
        cancel_closed = piscine.cancel_until is not None and now >= _as_aware(piscine.cancel_until)
        live = invitation.status == "invited"
        sessions.append({
            "piscine": piscine, "invitation": invitation, "booking": booking, "status": status,
            "position": booking_service.waitlist_position(booking) if status == "waitlisted" else None,
            "full": piscine.seats_taken >= piscine.capacity,
            "seats_left": max(0, piscine.capacity - piscine.seats_taken),
            "booking_closed": booking_closed, "cancel_closed": cancel_closed,
            "can_book": live and status in (None, "cancelled") and not booking_closed,
            "can_cancel": live and (status == "waitlisted" or (status == "booked" and not cancel_closed)),
            "can_decline": live and not (status == "booked" and cancel_closed),
        })
    return sessions


def decline(user, piscine_id: int, now: datetime | None = None) -> None:
    """Decline an invitation; a seat held past the cancellation deadline cannot be given up this
    way either (booking.decline_invitation cancels as the person, which skips that check)."""
    now = now or utcnow()
    piscine = piscine_service.get_piscine(piscine_id)
    if piscine.cancel_until is not None and now >= _as_aware(piscine.cancel_until) \
            and booking_service.has_seat(user, piscine.id):
        raise Conflict(_l("The cancellation deadline has passed."), code="cancel_closed")
    booking_service.decline_invitation(user, piscine.id)


def seated_piscine(user, piscine_id: int) -> Piscine:
    """A piscine in which the person holds a seat; Forbidden otherwise (NotFound if none)."""
    piscine = piscine_service.get_piscine(piscine_id)
    if not booking_service.has_seat(user, piscine.id):
        raise Forbidden(_l("This page is for candidates with a seat in this piscine."), code="no_seat")
    return piscine


def submission_status(submission: Submission, run: GradingRun | None) -> str:
    """queued | running | graded | failed, or kept (kept for the deadline grading)."""
    return run.status if run is not None else "kept"


def seated_candidate(piscine: Piscine, user_id: int) -> User:
    """A candidate holding (or having held) a booking in the piscine, or NotFound."""
    user = db.session.get(User, user_id)
    if user is None or booking_service.booking_of(user, piscine.id) is None:
        raise NotFound(_l("This person has no booking in this piscine."))
    return user


def candidate_submissions(piscine: Piscine, user_id: int, page: int = 1, per_page: int = PER_PAGE) -> Page:
    """Every submission of one candidate to the piscine, newest first, with their latest run."""
    query = db.select(Submission).where(Submission.user_id == user_id, Submission.piscine_id == piscine.id) \
        .order_by(Submission.id.desc())
    result = paginate(query, page, per_page)
    runs = _latest_runs([s.id for s in result.items])
    result.items = [_submission_row(s, runs.get(s.id)) for s in result.items]
    return result


def my_submissions(user, piscine: Piscine, day_id: str, page: int = 1, per_page: int = 20) -> Page:
    """The person's submissions for one day of the piscine, newest first, with their latest run."""
    query = db.select(Submission).where(
        Submission.user_id == user.id, Submission.piscine_id == piscine.id,
        Submission.day_id == day_id).order_by(Submission.id.desc())
    result = paginate(query, page, per_page)
    result.items = [_submission_row(s) for s in result.items]
    return result


def _latest_runs(submission_ids: list[int]) -> dict[int, GradingRun]:
    if not submission_ids:
        return {}
    runs = db.session.scalars(db.select(GradingRun).where(
        GradingRun.submission_id.in_(submission_ids)).order_by(GradingRun.id)).all()
    return {r.submission_id: r for r in runs}


def _submission_row(submission: Submission, run: GradingRun | None | bool = False) -> dict:
    if run is False:
        run = _latest_runs([submission.id]).get(submission.id)
    return {"submission": submission, "run": run, "status": submission_status(submission, run),
            "passed": run.passed if run is not None else None,
            "verdict_status": run.verdict_status if run is not None else ""}


def submission_detail(submission: Submission) -> dict:
    """A submission with its files, latest run and parsed verdict (for its page)."""
    runs = list(db.session.scalars(db.select(GradingRun).where(
        GradingRun.submission_id == submission.id).order_by(GradingRun.id)))
    run = runs[-1] if runs else None
    verdict = None
    if run is not None and run.verdict:
        try:
            verdict = json.loads(run.verdict)
        except ValueError:
            verdict = None
    files = []
    try:
        with tarfile.open(fileobj=io.BytesIO(submission.archive), mode="r") as tar:
            files = [(m.name, m.size) for m in tar.getmembers() if m.isfile()]
    except (tarfile.TarError, OSError):
        files = []
    return {"submission": submission, "run": run, "runs": runs, "verdict": verdict, "files": files,
            "status": submission_status(submission, run)}


# ---------------------------------------------------------------- staff board


def board_page(piscine: Piscine, page: int = 1, per_page: int = PER_PAGE) -> Page:
    """One page of the board: seated candidates (by name) with their day results."""
    from . import results

    query = (db.select(User).join(Booking, Booking.user_id == User.id)
             .where(Booking.piscine_id == piscine.id, Booking.status == "booked")
             .order_by(func.lower(User.last_name), func.lower(User.first_name), User.id))
    result = paginate(query, page, per_page)
    result.items = [{"user": u, "days": {r.day_id: r for r in results.candidate_results(piscine, u.id)}}
                    for u in result.items]
    return result


def paris_day_bounds(now: datetime) -> tuple[datetime, datetime]:
    """Start and end (UTC) of the Paris calendar day containing `now`."""
    local = _as_aware(now).astimezone(PARIS).date()
    start = datetime.combine(local, time(0, 0), tzinfo=PARIS)
    end = datetime.combine(local + timedelta(days=1), time(0, 0), tzinfo=PARIS)
    return start.astimezone(UTC), end.astimezone(UTC)


def _todays_query(piscine: Piscine, now: datetime):
    start, end = paris_day_bounds(now)
    return (db.select(Submission, User).join(User, User.id == Submission.user_id)
            .where(Submission.piscine_id == piscine.id, Submission.created_at >= start,
                   Submission.created_at < end).order_by(Submission.id.desc()))


def count_todays_submissions(piscine: Piscine, now: datetime | None = None) -> int:
    """How many submissions todays_submissions() lists in all (the board's live figure)."""
    return count_rows(_todays_query(piscine, now or utcnow()))


def todays_submissions(piscine: Piscine, now: datetime | None = None, page: int = 1,
                       per_page: int = PER_PAGE) -> Page:
    """Submissions to this piscine made today (Paris day), newest first, with their latest run."""
    result = paginate(_todays_query(piscine, now or utcnow()), page, per_page, scalars=False)
    runs = _latest_runs([s.id for s, _ in result.items])
    result.items = [_submission_row(s, runs.get(s.id)) | {"user": u} for s, u in result.items]
    return result


def open_days(piscine: Piscine, now: datetime | None = None) -> list[PiscineDay]:
    """Exercise days open now."""
    now = now or utcnow()
    return [d for d in piscine.days if d.kind == "day" and day_state(d, now) == "open"]


def _not_submitted_query(piscine: Piscine, day: PiscineDay):
    submitted = db.select(Submission.user_id).where(
        Submission.piscine_id == piscine.id, Submission.day_id == day.day_id,
        Submission.user_id.is_not(None))
    return (db.select(User).join(Booking, Booking.user_id == User.id)
            .where(Booking.piscine_id == piscine.id, Booking.status == "booked",
                   User.id.not_in(submitted))
            .order_by(func.lower(User.last_name), func.lower(User.first_name), User.id))


def not_submitted(piscine: Piscine, day: PiscineDay, page: int = 1, per_page: int = PER_PAGE) -> Page:
    """Seated candidates without any submission for `day` (by name)."""
    return paginate(_not_submitted_query(piscine, day), page, per_page)


def count_not_submitted(piscine: Piscine, day: PiscineDay) -> int:
    """How many seated candidates not_submitted() lists in all (the board's live figure)."""
    return count_rows(_not_submitted_query(piscine, day))


def day_grading_stats(piscine: Piscine) -> dict:
    """Deadline gradings and re-runs of this piscine by status."""
    counts = dict(db.session.execute(db.select(DayGrading.status, func.count()).where(
        DayGrading.piscine_id == piscine.id).group_by(DayGrading.status)).all())
    return {k: counts.get(k, 0) for k in ("queued", "running", "graded", "failed")}
