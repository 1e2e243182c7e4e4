"""Funnel analytics for staff: one campaign (and its piscines), from registration to admission.

Every figure is an aggregate SQL query (GROUP BY), never a loop over people. Each query
runs on a *scope*:
- the live scope: everyone except the people the retention job anonymised;
- a retention batch (`run_id`): the people a retention run is about to anonymise; their
  counts are then stored in `CampaignStatistic` (see services/privacy/retention.py).
The dashboard shows live counts + stored counts, so it adds up before and after the job.

Counts are kept as a flat mapping {(metric, group key): value}, additive by construction;
`report()` turns it into the dashboard, hiding small groups (see docs/analytics.md):
a breakdown cell of 1 to 4 people shows "< 5"; when a single cell of a row would be
hidden, the next smallest cell is hidden too ("masked"), so no hidden count can be
recovered by subtracting the visible ones from the total.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, and_, case, cast, distinct, func, inspect, or_, select, true, union

from school101.core.bounds import parse_id
from school101.core.clock import PARIS
from school101.core.errors import NotFound
from school101.core.permissions import ensure_staff
from school101.core.spreadsheet import csv_safe
from school101.extensions import db
from school101.models import (
    Application,
    Booking,
    Campaign,
    Consent,
    DayGrading,
    Decision,
    GradingRun,
    Invitation,
    Piscine,
    Profile,
    Submission,
    User,
    UserRole,
)
from school101.models.retention import AnonymisedPerson, CampaignStatistic

MIN_GROUP = 5


MAX_WEEKS = 156


STEPS = ("registered", "consented", "applied", "games_done", "invited", "booked", "admitted")


STEP_LABELS = {
    "registered": _l("Registered"),
    "consented": _l("Consent given"),
    "applied": _l("Applied"),
    "games_done": _l("Games completed"),
    "invited": _l("Invited to a piscine"),
    "booked": _l("Seat booked"),
    "admitted": _l("Admitted"),
}


DIMENSIONS = ("situation", "age", "department", "gender")


DIMENSION_LABELS = {
    "situation": _l("Situation"),
    "age": _l("Age band"),
    "department": _l("Département"),
    "gender": _l("Gender"),
}


AGE_BANDS = ("under_18", "18-20", "21-25", "26-30", "31+", "unknown")


GROUP_LABELS = {
    "situation": {
        "student": _l("Student"),
        "job_seeker": _l("Job seeker"),
        "employed": _l("Employed"),
        "retraining": _l("Retraining"),
        "self_employed": _l("Self-employed"),
        "other": _l("Other"),
        "unknown": _l("Not known"),
    },
    "age": {
        "under_18": _l("Under 18"),
        "18-20": "18–20",
        "21-25": "21–25",
        "26-30": "26–30",
        "31+": _l("31 and over"),
        "unknown": _l("Not known"),
    },
    "gender": {
        "female": _l("Female"),
        "male": _l("Male"),
        "non_binary": _l("Non-binary"),
        "undisclosed": _l("Undisclosed"),
        "unknown": _l("Not known"),
    },
    "department": {"unknown": _l("Not known")},
}


SMALL = "< 5"


MASKED = "masked"


def _scope(column, run_id: int | None):
    """Live people (not anonymised), or the people of one retention run."""
    marked = select(AnonymisedPerson.user_id)
    if run_id is None:
        return column.not_in(marked)
    return column.in_(marked.where(AnonymisedPerson.run_id == run_id))


def _piscine_ids(campaign: Campaign):
    return select(Piscine.id).where(Piscine.campaign_id == campaign.id)


def previous_close(campaign: Campaign) -> datetime | None:
    """When the campaign before this one closed (registrations after it belong to this one)."""
    return db.session.scalar(
        select(func.max(Campaign.closes_at)).where(
            Campaign.closes_at <= campaign.opens_at, Campaign.id != campaign.id
        )
    )


def step_selects(campaign: Campaign) -> dict:
    """For each funnel step, a SELECT of the user ids who reached it (no scope applied).

    "Registered" follows the staff funnel (services/review.py): candidate accounts created
    after the previous campaign closed and before this one closes, plus every applicant.
    """
    piscines = _piscine_ids(campaign)
    applicants = select(Application.user_id).where(Application.campaign_id == campaign.id)
    window = User.created_at <= campaign.closes_at
    before = previous_close(campaign)
    if before is not None:
        window = and_(window, User.created_at > before)
    candidates = select(UserRole.user_id).where(UserRole.role == "candidate")
    registered = select(User.id).where(
        User.id.in_(candidates), or_(window, User.id.in_(applicants))
    )
    consented = select(User.id).where(
        User.id.in_(registered),
        User.id.in_(select(Consent.user_id).where(Consent.withdrawn_at.is_(None))),
    )
    return {
        "registered": registered,
        "consented": consented,
        "applied": applicants,
        "games_done": select(Application.user_id).where(
            Application.campaign_id == campaign.id, Application.games_completed_at.is_not(None)
        ),
        "invited": union(
            select(Invitation.user_id).where(Invitation.piscine_id.in_(piscines)),
            select(Application.user_id).where(
                Application.campaign_id == campaign.id, Application.status == "invited"
            ),
        ),
        "booked": select(Booking.user_id).where(
            Booking.piscine_id.in_(piscines), Booking.status == "booked"
        ),
        "admitted": select(Decision.user_id).where(
            Decision.piscine_id.in_(piscines),
            Decision.current.is_(True),
            Decision.decision == "admit",
            Decision.offer_status.in_(["", "pending", "confirmed"]),
        ),
    }


def _age_band(reference: date):
    """A SQL CASE giving the age band at `reference` from users.birth_date."""

    def born_by(years: int) -> date:  # age >= years  <=>  birth_date <= born_by(years)
        try:
            return reference.replace(year=reference.year - years)
        except ValueError:  # 29 February
            return reference.replace(year=reference.year - years, day=28)

    return case(
        (User.birth_date.is_(None), "unknown"),
        (User.birth_date <= born_by(31), "31+"),
        (User.birth_date <= born_by(26), "26-30"),
        (User.birth_date <= born_by(21), "21-25"),
        (User.birth_date <= born_by(18), "18-20"),
        else_="under_18",
    )


def department_of(postcode: str | None) -> str:
    """The département of a postcode (Profile.department's rule), "unknown" when none."""
    return Profile.department.fget(SimpleNamespace(postcode=postcode or "")) or "unknown"


def _monday_paris(value: datetime) -> date:
    day = value.astimezone(PARIS).date()
    return day - timedelta(days=day.weekday())


def _paris_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), PARIS).astimezone(UTC)


def _exams_available() -> bool:
    """Exam levels are counted once the exams table exists (a database not yet migrated)."""
    return inspect(db.engine).has_table("exam_attempts")


def counts(campaign: Campaign, *, run_id: int | None = None) -> Counter:
    """Every count of the dashboard for `campaign` on one scope, as {(metric, group): n}."""
    out: Counter = Counter()
    steps = step_selects(campaign)
    band = _age_band(campaign.age_reference_date)
    for step, people in steps.items():
        where = (User.id.in_(people), _scope(User.id, run_id))
        total = db.session.scalar(select(func.count()).select_from(User).where(*where)) or 0
        if not total:
            continue
        out[(step, "")] += total
        for dim, column in (
            ("situation", Profile.situation),
            ("gender", Profile.gender),
            ("department", Profile.postcode),
            ("age", band),
        ):
            grouped = (
                select(column, func.count())
                .select_from(User)
                .outerjoin(Profile, Profile.user_id == User.id)
                .where(*where)
                .group_by(column)
            )
            for value, n in db.session.execute(grouped):
                key = department_of(value) if dim == "department" else value or "unknown"
                out[(step, f"{dim}:{key}")] += n
    _count_weeks(out, steps["registered"], run_id)
    for piscine in db.session.scalars(select(Piscine).where(Piscine.campaign_id == campaign.id)):
        _count_piscine(out, piscine, run_id)
    return out


def _count_weeks(out: Counter, registered, run_id) -> None:
    """Registrations by week (Monday, Europe/Paris), bucketed in SQL."""
    where = (User.id.in_(registered), _scope(User.id, run_id))
    first, last = db.session.execute(
        select(func.min(User.created_at), func.max(User.created_at)).where(*where)
    ).one()
    if first is None:
        return
    first = first.replace(tzinfo=UTC) if first.tzinfo is None else first
    last = last.replace(tzinfo=UTC) if last.tzinfo is None else last
    mondays = []
    monday = _monday_paris(last)
    while monday >= _monday_paris(first) and len(mondays) < MAX_WEEKS:
        mondays.append(monday)
        monday -= timedelta(weeks=1)
    mondays.reverse()
    # Each person falls in the last week that started before they registered; older ones in the first.
    whens = [(User.created_at >= _paris_midnight(m), m.isoformat()) for m in reversed(mondays[1:])]
    bucket = case(*whens, else_=mondays[0].isoformat()) if whens else mondays[0].isoformat()
    if not whens:
        n = db.session.scalar(select(func.count()).select_from(User).where(*where)) or 0
        out[("registrations", f"week:{mondays[0].isoformat()}")] += n
        return
    for week, n in db.session.execute(select(bucket, func.count()).where(*where).group_by(bucket)):
        out[("registrations", f"week:{week}")] += n


def _official_days(piscine: Piscine) -> set[str]:
    """Days of the piscine with at least one official (deadline or re-run) graded result."""
    return set(
        db.session.scalars(
            select(DayGrading.day_id)
            .distinct()
            .where(DayGrading.piscine_id == piscine.id, DayGrading.status == "graded")
        )
    )


def _exercise_items(dialect: str):
    """(exercise, passed) columns from the exercises of a day verdict (JSON, in SQL)."""
    verdict = func.nullif(DayGrading.verdict, "")
    if dialect == "postgresql":
        items = (
            func.json_array_elements(cast(verdict, JSON)["exercises"])
            .table_valued("value")
            .lateral("ex")
        )
        exercise = items.c.value.op("->>")("exercise")
        passed = items.c.value.op("->>")("passed") == "true"
    else:  # SQLite's JSON1 functions
        items = func.json_each(verdict, "$.exercises").table_valued("value").alias("ex")
        exercise = func.json_extract(items.c.value, "$.exercise")
        passed = func.json_extract(items.c.value, "$.passed") == 1
    return items, exercise, passed


def _day_size(day_id: str, seen: int) -> int:
    """How many exercises a day has (from its folder; what was seen when it cannot be read)."""
    try:
        from school101.services.grading.results import day_weights

        return len(day_weights(day_id)) or seen
    except Exception:
        return seen


def _count_piscine(out: Counter, piscine: Piscine, run_id) -> None:
    p = piscine.id
    booked = select(Booking.user_id).where(Booking.piscine_id == p, Booking.status == "booked")
    seated = (
        db.session.scalar(
            select(func.count())
            .select_from(Booking)
            .where(
                Booking.piscine_id == p, Booking.status == "booked", _scope(Booking.user_id, run_id)
            )
        )
        or 0
    )
    if seated:
        out[("seated", f"piscine:{p}")] += seated
    days = [d for d in piscine.days]
    exercise_days = [d.day_id for d in days if d.kind == "day"]
    # Attendance: seated candidates who submitted at least once for the day.
    for day_id, n in db.session.execute(
        select(Submission.day_id, func.count(distinct(Submission.user_id)))
        .where(
            Submission.piscine_id == p,
            Submission.day_id.in_(exercise_days),
            Submission.user_id.in_(booked),
            _scope(Submission.user_id, run_id),
        )
        .group_by(Submission.day_id)
    ):
        out[("attendance", f"piscine:{p}:day:{day_id}")] += n
    official = _official_days(piscine) & set(exercise_days)
    if official:
        latest = (
            select(func.max(DayGrading.id))
            .where(
                DayGrading.piscine_id == p,
                DayGrading.status == "graded",
                DayGrading.day_id.in_(official),
                _scope(DayGrading.user_id, run_id),
            )
            .group_by(DayGrading.user_id, DayGrading.day_id)
        )
        full = case(
            (and_(DayGrading.max_score > 0, DayGrading.score >= DayGrading.max_score), 1), else_=0
        )
        for day_id, graded, passed in db.session.execute(
            select(DayGrading.day_id, func.count(), func.sum(full))
            .where(DayGrading.id.in_(latest))
            .group_by(DayGrading.day_id)
        ):
            out[("day_graded", f"piscine:{p}:day:{day_id}")] += graded
            out[("day_passed", f"piscine:{p}:day:{day_id}")] += int(passed or 0)
        items, exercise, passed = _exercise_items(db.engine.dialect.name)
        for name, n in db.session.execute(
            select(exercise, func.sum(case((passed, 1), else_=0)))
            .select_from(DayGrading)
            .join(items, true())
            .where(DayGrading.id.in_(latest))
            .group_by(exercise)
        ):
            if name:
                out[("exercise_passed", f"piscine:{p}:ex:{name}")] += int(n or 0)
    immediate = (
        [d for d in exercise_days if d not in official] if piscine.feedback == "immediate" else []
    )
    if immediate:
        latest_run = (
            select(func.max(GradingRun.id))
            .join(Submission, Submission.id == GradingRun.submission_id)
            .where(
                Submission.piscine_id == p,
                Submission.day_id.in_(immediate),
                GradingRun.status == "graded",
                _scope(Submission.user_id, run_id),
            )
            .group_by(Submission.user_id, Submission.exercise)
        )
        ok = case((GradingRun.passed.is_(True), 1), else_=0)
        seen: Counter = Counter()
        for name, day_id, n in db.session.execute(
            select(Submission.exercise, Submission.day_id, func.sum(ok))
            .join(GradingRun, GradingRun.submission_id == Submission.id)
            .where(GradingRun.id.in_(latest_run))
            .group_by(Submission.exercise, Submission.day_id)
        ):
            seen[day_id] += 1
            out[("exercise_passed", f"piscine:{p}:ex:{name}")] += int(n or 0)
        per_person = (
            select(Submission.day_id.label("day_id"), func.sum(ok).label("passed"))
            .join(GradingRun, GradingRun.submission_id == Submission.id)
            .where(GradingRun.id.in_(latest_run))
            .group_by(Submission.user_id, Submission.day_id)
            .subquery()
        )
        for day_id, passed, n in db.session.execute(
            select(per_person.c.day_id, per_person.c.passed, func.count()).group_by(
                per_person.c.day_id, per_person.c.passed
            )
        ):
            out[("day_graded", f"piscine:{p}:day:{day_id}")] += n
            if int(passed or 0) >= _day_size(day_id, seen[day_id]):
                out[("day_passed", f"piscine:{p}:day:{day_id}")] += n
    exams = {d.id: d.day_id for d in days if d.kind == "exam"}
    if exams and _exams_available():
        from school101.models.exams import ExamAttempt

        for exam_id, level, n in db.session.execute(
            select(ExamAttempt.exam_id, ExamAttempt.level, func.count())
            .where(
                ExamAttempt.piscine_id == p,
                ExamAttempt.exam_id.in_(list(exams)),
                _scope(ExamAttempt.user_id, run_id),
            )
            .group_by(ExamAttempt.exam_id, ExamAttempt.level)
        ):
            out[("attendance", f"piscine:{p}:day:{exams[exam_id]}")] += n
            out[("exam_level", f"piscine:{p}:exam:{exams[exam_id]}:level:{level}")] += n


def stored_counts(campaign: Campaign) -> Counter:
    """What retention runs kept for the people they anonymised."""
    return Counter(
        {
            (m, g): v
            for m, g, v in db.session.execute(
                select(
                    CampaignStatistic.metric, CampaignStatistic.group_key, CampaignStatistic.value
                ).where(CampaignStatistic.campaign_id == campaign.id)
            )
        }
    )


def totals(campaign: Campaign) -> Counter:
    """Live counts plus the counts kept for anonymised people."""
    merged = counts(campaign)
    merged.update(stored_counts(campaign))
    return merged


@dataclass
class Cell:
    """A breakdown cell: the exact count, or hidden ("< 5" or masked)."""

    value: int | None
    hidden: str = ""  # "" | SMALL | MASKED

    @property
    def display(self) -> str:
        return self.hidden or str(self.value)


def suppress(cells: dict[str, int]) -> dict[str, Cell]:
    """Hide groups of 1 to 4 people, and enough other groups that none can be worked out.

    The step total is shown, so the hidden cells' sum is known. It must not pin them down:
    a lone hidden cell would equal total minus the visible ones, and hidden cells whose sum
    is the smallest (or, all small, the largest) they could have are each known too (two
    hidden cells summing to 2 are both 1). While that happens, the smallest visible cell is
    masked as well. Zero cells stay visible (they disclose nobody).
    """
    result = {k: Cell(v) for k, v in cells.items()}
    small = [k for k, v in cells.items() if 0 < v < MIN_GROUP]
    for k in small:
        result[k] = Cell(None, SMALL)
    if not small:
        return result
    masked: list[str] = []

    def pinned() -> bool:
        total = sum(cells[k] for k in small) + sum(cells[k] for k in masked)
        if len(small) + len(masked) == 1:
            return True
        lowest = len(small) + MIN_GROUP * len(masked)
        return total == lowest or (not masked and total == (MIN_GROUP - 1) * len(small))

    while pinned():
        visible = sorted((v, k) for k, v in cells.items() if v >= MIN_GROUP and k not in masked)
        if not visible:
            break
        masked.append(visible[0][1])
        result[visible[0][1]] = Cell(None, MASKED)
    return result


@dataclass
class Report:
    campaign: Campaign
    funnel: list[dict] = field(default_factory=list)
    weeks: list[dict] = field(default_factory=list)
    breakdowns: list[dict] = field(default_factory=list)
    piscines: list[dict] = field(default_factory=list)
    anonymised: int = 0

    @property
    def empty(self) -> bool:
        return not any(step["count"] for step in self.funnel)


def _rate(n: int, d: int) -> float | None:
    return round(100 * n / d, 1) if d else None


def _group_label(dim: str, key: str):
    return GROUP_LABELS.get(dim, {}).get(key, key)


def report(campaign: Campaign, *, actor) -> Report:
    """The dashboard of a campaign (staff only): funnel, weeks, breakdowns, piscines."""
    ensure_staff(actor)
    data = totals(campaign)
    rep = Report(campaign)
    first = data[("registered", "")]
    previous = None
    for step in STEPS:
        n = data[(step, "")]
        rep.funnel.append(
            {
                "key": step,
                "label": STEP_LABELS[step],
                "count": n,
                "percent_of_registered": _rate(n, first),
                "percent_of_previous": _rate(n, previous) if previous is not None else None,
            }
        )
        previous = n
    weeks = sorted(g.split(":", 1)[1] for (m, g) in data if m == "registrations")
    if weeks:
        day = date.fromisoformat(weeks[0])
        end = date.fromisoformat(weeks[-1])
        while day <= end:
            rep.weeks.append(
                {
                    "week": day.isoformat(),
                    "count": data[("registrations", f"week:{day.isoformat()}")],
                }
            )
            day += timedelta(weeks=1)
    for dim in DIMENSIONS:
        groups = sorted(
            {
                g.split(":", 1)[1]
                for (m, g) in data
                if g.startswith(dim + ":") and m in STEPS and data[(m, g)]
            },
            key=lambda k: (
                k == "unknown",
                AGE_BANDS.index(k) if dim == "age" and k in AGE_BANDS else 0,
                k,
            ),
        )
        columns = {}
        for step in STEPS:
            columns[step] = suppress(
                {g: data[(step, f"{dim}:{g}")] for g in groups if data[(step, f"{dim}:{g}")]}
            )
        rows = [
            {
                "key": g,
                "label": _group_label(dim, g),
                "cells": {step: columns[step].get(g, Cell(0)) for step in STEPS},
            }
            for g in groups
        ]
        rep.breakdowns.append({"key": dim, "label": DIMENSION_LABELS[dim], "rows": rows})
    for piscine in db.session.scalars(
        select(Piscine)
        .where(Piscine.campaign_id == campaign.id)
        .order_by(Piscine.starts_on, Piscine.id)
    ):
        rep.piscines.append(_piscine_report(piscine, data))
    rep.anonymised = (
        db.session.scalar(
            select(func.coalesce(func.sum(CampaignStatistic.value), 0)).where(
                CampaignStatistic.campaign_id == campaign.id,
                CampaignStatistic.metric == "applied",
                CampaignStatistic.group_key == "",
            )
        )
        or 0
    )
    return rep


def _piscine_report(piscine: Piscine, data: Counter) -> dict:
    p = piscine.id
    seated = data[("seated", f"piscine:{p}")]
    days, passes, exams = [], [], []
    exercises_by_day: dict[str, list[str]] = {}
    for m, g in data:
        if m == "exercise_passed" and g.startswith(f"piscine:{p}:ex:"):
            name = g.split(":ex:", 1)[1]
            exercises_by_day.setdefault(name.split("/", 1)[0], []).append(name)
    for day in piscine.days:
        key = f"piscine:{p}:day:{day.day_id}"
        attended = data[("attendance", key)]
        days.append(
            {
                "day_id": day.day_id,
                "kind": day.kind,
                "attended": attended,
                "seated": seated,
                "rate": _rate(attended, seated),
            }
        )
        graded = data[("day_graded", key)]
        if day.kind == "day" and graded:
            passed = data[("day_passed", key)]
            passes.append(
                {
                    "day_id": day.day_id,
                    "graded": graded,
                    "passed": passed,
                    "rate": _rate(passed, graded),
                    "exercises": [
                        {
                            "exercise": name,
                            "passed": data[("exercise_passed", f"piscine:{p}:ex:{name}")],
                            "graded": graded,
                            "rate": _rate(
                                data[("exercise_passed", f"piscine:{p}:ex:{name}")], graded
                            ),
                        }
                        for name in sorted(exercises_by_day.get(day.day_id, []))
                    ],
                }
            )
        if day.kind == "exam":
            prefix = f"piscine:{p}:exam:{day.day_id}:level:"
            levels = sorted(
                (int(g[len(prefix) :]), v)
                for (m, g), v in data.items()
                if m == "exam_level" and g.startswith(prefix) and v
            )
            if levels:
                sat = sum(v for _, v in levels)
                exams.append(
                    {
                        "day_id": day.day_id,
                        "sat": sat,
                        "levels": [
                            {"level": lv, "count": v, "rate": _rate(v, sat)} for lv, v in levels
                        ],
                    }
                )
    return {
        "id": p,
        "name": piscine.name,
        "starts_on": piscine.starts_on,
        "seated": seated,
        "feedback": piscine.feedback,
        "days": days,
        "passes": passes,
        "exams": exams,
    }


def campaigns(*, actor) -> list[Campaign]:
    """Campaigns to choose from, newest first (staff only)."""
    ensure_staff(actor)
    return list(
        db.session.scalars(select(Campaign).order_by(Campaign.opens_at.desc(), Campaign.id.desc()))
    )


def pick(campaign_id, *, actor) -> Campaign | None:
    """The campaign asked for (NotFound when unknown), else the newest one; None when none exist."""
    ensure_staff(actor)
    if campaign_id in (None, ""):
        return db.session.scalars(
            select(Campaign).order_by(Campaign.opens_at.desc(), Campaign.id.desc())
        ).first()
    number = parse_id(campaign_id)  # None for text and for ids past the 64-bit range
    campaign = db.session.get(Campaign, number) if number is not None else None
    if campaign is None:
        raise NotFound(_l("Unknown campaign."), code="not_found")
    return campaign


def report_json(rep: Report) -> dict:
    """The report as JSON-ready data (hidden cells as strings)."""

    def cell(c: Cell):
        return c.value if not c.hidden else ("<5" if c.hidden == SMALL else "masked")

    return {
        "campaign": {"id": rep.campaign.id, "name": rep.campaign.name},
        "min_group_size": MIN_GROUP,
        "funnel": [
            {
                "step": s["key"],
                "label": str(s["label"]),
                "count": s["count"],
                "percent_of_registered": s["percent_of_registered"],
            }
            for s in rep.funnel
        ],
        "registrations_by_week": rep.weeks,
        "breakdowns": [
            {
                "dimension": b["key"],
                "groups": [
                    {
                        "group": r["key"],
                        "label": str(r["label"]),
                        "counts": {k: cell(c) for k, c in r["cells"].items()},
                    }
                    for r in b["rows"]
                ],
            }
            for b in rep.breakdowns
        ],
        "piscines": [
            {
                "id": p["id"],
                "name": p["name"],
                "seated": p["seated"],
                "attendance": [
                    {
                        "day": d["day_id"],
                        "kind": d["kind"],
                        "attended": d["attended"],
                        "rate": d["rate"],
                    }
                    for d in p["days"]
                ],
                "pass_rates": [
                    {
                        "day": d["day_id"],
                        "graded": d["graded"],
                        "passed": d["passed"],
                        "rate": d["rate"],
                        "exercises": d["exercises"],
                    }
                    for d in p["passes"]
                ],
                "exam_levels": p["exams"],
            }
            for p in rep.piscines
        ],
        "anonymised_applicants": rep.anonymised,
    }


class _SafeWriter:
    """A csv writer whose cells are neutralised against formula injection."""

    def __init__(self, writer) -> None:
        self._writer = writer

    def writerow(self, row) -> None:
        self._writer.writerow([csv_safe(cell) for cell in row])


def report_csv(rep: Report) -> str:
    """Every aggregate table of the report as one CSV (section, item, group, measure, value).

    Every cell goes through the one formula guard (core/spreadsheet.csv_safe): piscine names
    are typed by staff and day ids come from the content folders."""
    buf = io.StringIO()
    w = _SafeWriter(csv.writer(buf))
    w.writerow(["section", "item", "group", "measure", "value"])
    for s in rep.funnel:
        w.writerow(["funnel", s["key"], "", "count", s["count"]])
    for wk in rep.weeks:
        w.writerow(["registrations_by_week", wk["week"], "", "count", wk["count"]])
    for b in rep.breakdowns:
        for r in b["rows"]:
            for step, c in r["cells"].items():
                w.writerow(["breakdown_" + b["key"], step, r["key"], "count", c.display])
    for p in rep.piscines:
        w.writerow([f"piscine {p['id']}", p["name"], "", "seated", p["seated"]])
        for d in p["days"]:
            w.writerow([f"piscine {p['id']}", d["day_id"], "", "attended", d["attended"]])
        for d in p["passes"]:
            w.writerow([f"piscine {p['id']}", d["day_id"], "", "graded", d["graded"]])
            w.writerow([f"piscine {p['id']}", d["day_id"], "", "passed", d["passed"]])
            for e in d["exercises"]:
                w.writerow([f"piscine {p['id']}", e["exercise"], "", "passed", e["passed"]])
        for e in p["exams"]:
            for lv in e["levels"]:
                w.writerow(
                    [
                        f"piscine {p['id']}",
                        e["day_id"],
                        f"level {lv['level']}",
                        "count",
                        lv["count"],
                    ]
                )
    return buf.getvalue()
