"""Explainable ranking of a piscine's candidates from weighted criteria.

Each criterion gives a raw value per candidate; raw values are normalised per piscine session
as a mid-rank percentile — (number below + half the number equal) / n — so that two piscines
compare fairly, and a raw value of 0 (nothing achieved) normalises to 0. A candidate's score
is the weighted mean of the normalised values, out of 100; each criterion's contribution is
its share of that score. The ranking only advises: people decide (services/selection.py).

A criterion may have no input for a candidate (its collector gives None, e.g. no final peer
evaluation yet): that criterion is then neutral for that person, left out of their weighted
mean (the other weights carry the score), its percentile taken among those who have an input,
and the breakdown says so (`counted` false, `raw` None).
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field

import numpy as np
from flask import current_app
from flask_babel import lazy_gettext as _l

from school101.core.errors import NotFound, ValidationFailed
from school101.core.spreadsheet import csv_safe
from school101.extensions import db
from school101.models import Booking, DayGrading, GradingRun, Piscine, PiscineDay, Submission, User


@dataclass(frozen=True)
class Criterion:
    key: str
    label: object
    description: object
    collect: Callable[[Piscine, list[int]], dict[int, float]]
    # What the criterion reads beyond day gradings, grading runs, submissions, exams and seats:
    # a function of the piscine returning a tuple that changes whenever its inputs change (the
    # ranking cache is keyed on it, see `fingerprint`).
    fingerprint: Callable[[Piscine], tuple] | None = None
    # Per-candidate figures behind the raw value (JSON-safe dicts, stored with decisions): a
    # function of (piscine, user ids); `explain` turns one breakdown entry into a sentence in
    # the reader's language (`explanation`).
    details: Callable[[Piscine, list[int]], dict[int, dict]] | None = None
    explain: Callable[[dict], str] | None = None

    def explanation(self, entry: dict) -> str:
        """What a breakdown entry of this criterion means, in the current language ('' if the
        criterion has nothing to add to its description)."""
        if self.explain is not None:
            return str(self.explain(entry))
        if entry.get("counted") is False:
            return str(_l("No input for this person: not counted in the score (neutral)."))
        return ""


CRITERIA: dict[str, Criterion] = {}


# The peer-evaluation criteria are registered by services/selection/peer_criteria.py
# (imported by the package): small weights, as secondary signals (docs/decisions.md).
DEFAULT_WEIGHTS = {
    "day_scores": 40,
    "exam_scores": 30,
    "progress": 15,
    "regularity": 15,
    "peer_marks": 10,
    "evaluator_contribution": 5,
}


def criterion(
    key: str,
    label,
    description,
    fingerprint: Callable[[Piscine], tuple] | None = None,
    *,
    details: Callable[[Piscine, list[int]], dict[int, dict]] | None = None,
    explain: Callable[[dict], str] | None = None,
):
    """Register a criterion (decorator): the function gives each candidate's raw value, or None
    when the candidate has no input for it (neutral: left out of their score, see above).

    A criterion reading other tables than the built-in ones passes `fingerprint` so that the
    cached ranking follows its data; `details` and `explain` add the figures behind the raw value
    to the breakdown. The weights forms list every registered criterion.
    """
    if not key.isidentifier():
        raise ValueError(f"criterion key must be an identifier: {key!r}")

    def register(func):
        CRITERIA[key] = Criterion(key, label, description, func, fingerprint, details, explain)
        return func

    return register


def _days(piscine: Piscine) -> list[PiscineDay]:
    return [d for d in piscine.days if d.kind == "day"]


# One ranking computation shares what several criteria read (day scores and progress both
# need the official day results): rank_piscine sets a memo for its duration.
_MEMO: ContextVar[dict | None] = ContextVar("ranking_memo", default=None)


def _memoised(name: str, piscine: Piscine, user_ids: list[int], compute):
    memo = _MEMO.get()
    if memo is None:
        return compute(piscine, user_ids)
    key = (name, piscine.id, len(user_ids), hash(tuple(user_ids)))
    if key not in memo:
        memo[key] = compute(piscine, user_ids)
    return memo[key]


def _official_scores(
    piscine: Piscine, user_ids: list[int]
) -> dict[tuple[int, str], tuple[int, int, int]]:
    """(user, day) -> (score, max_score, exercises passed) of each exercise day with a result."""
    return _memoised("official_scores", piscine, user_ids, _compute_official_scores)


def official_day_scores(piscine: Piscine, user_ids: list[int]) -> dict[tuple[int, str], int]:
    """(user, day) -> the official score of each exercise day with a result (the ranking's day
    scores; the piscine board sorts by them)."""
    return {
        key: score for key, (score, _max, _passed) in _official_scores(piscine, user_ids).items()
    }


def _compute_official_scores(
    piscine: Piscine, user_ids: list[int]
) -> dict[tuple[int, str], tuple[int, int, int]]:
    """The newest graded day grading of each (user, day); on `immediate` piscines, a day without any
    day grading scores from the latest verdict of each exercise with the stop-at-first-failure rule
    (the same result as results.day_result, read in three queries for the whole piscine)."""
    wanted = set(user_ids)
    teams = _rush_teams(piscine)
    latest: dict[tuple[int, str], tuple[int, int, int]] = {}
    with_grading: set[tuple[int, str]] = set()
    rows = db.session.execute(
        db.select(
            DayGrading.user_id,
            DayGrading.team_id,
            DayGrading.day_id,
            DayGrading.status,
            DayGrading.score,
            DayGrading.max_score,
            DayGrading.verdict,
        )
        .where(DayGrading.piscine_id == piscine.id)
        .order_by(DayGrading.id)
    )
    for user_id, team_id, day_id, status, score, max_score, verdict in rows:
        # a rush team's one grading is every member's result
        owners = teams[team_id][0] if team_id in teams else [user_id]
        for owner in owners:
            if owner not in wanted:
                continue
            with_grading.add((owner, day_id))
            if status == "graded":
                passed = sum(
                    1 for v in json.loads(verdict or "{}").get("exercises", []) if v.get("passed")
                )
                latest[(owner, day_id)] = (score or 0, max_score or 0, passed)
    if piscine.feedback == "immediate":
        latest.update(_immediate_scores(piscine, wanted, with_grading, teams))
    return latest


def _rush_teams(piscine: Piscine) -> dict[int, tuple[list[int], str]]:
    """team id -> (its members, its assigned exercise or "") for the piscine's rush teams."""
    from school101.models import RushTeam, RushTeamMember

    found: dict[int, tuple[list[int], str]] = {}
    for team_id, exercise, user_id in db.session.execute(
        db.select(RushTeam.id, RushTeam.exercise, RushTeamMember.user_id)
        .join(RushTeamMember, RushTeamMember.team_id == RushTeam.id)
        .where(RushTeam.piscine_id == piscine.id)
        .order_by(RushTeam.id, RushTeamMember.user_id)
    ):
        found.setdefault(team_id, ([], exercise or ""))[0].append(user_id)
    return found


def _immediate_scores(
    piscine: Piscine, wanted: set[int], skip: set[tuple[int, str]], teams: dict
) -> dict:
    """Day results from the latest verdicts, for the (user, day) pairs without a day grading
    (a rush team's submissions count for every member, on the team's variant alone)."""
    from school101.services.grading.results import day_stops_at_first_failure, day_weights

    days = [d.day_id for d in _days(piscine)]
    if not days:
        return {}
    latest_sub: dict[tuple[int, str], dict[str, int]] = {}
    variant: dict[tuple[int, str], str] = {}
    for sub_id, user_id, team_id, day_id, exercise in db.session.execute(
        db.select(
            Submission.id,
            Submission.user_id,
            Submission.team_id,
            Submission.day_id,
            Submission.exercise,
        )
        .where(Submission.piscine_id == piscine.id, Submission.day_id.in_(days))
        .order_by(Submission.id)
    ):
        owners, assigned = teams.get(team_id, ([user_id], "")) if team_id else ([user_id], "")
        for owner in owners:
            if owner in wanted and (owner, day_id) not in skip:
                latest_sub.setdefault((owner, day_id), {})[exercise.split("/", 1)[-1]] = sub_id
                if assigned:
                    variant[(owner, day_id)] = assigned
    if not latest_sub:
        return {}
    runs: dict[
        int, tuple[int, str, bool | None]
    ] = {}  # submission -> (run id, status, passed) of its newest run
    for run_id, sub_id, status, passed in db.session.execute(
        db.select(GradingRun.id, GradingRun.submission_id, GradingRun.status, GradingRun.passed)
        .join(Submission, Submission.id == GradingRun.submission_id)
        .where(Submission.piscine_id == piscine.id, Submission.day_id.in_(days))
        .order_by(GradingRun.id)
    ):
        runs[sub_id] = (run_id, status, passed)
    unknown = [r[0] for r in runs.values() if r[2] is None and r[1] not in ("queued", "running")]
    from_verdict = {}
    for start in range(
        0, len(unknown), 500
    ):  # runs recorded without the `passed` column: read the verdict
        from_verdict.update(
            {
                run_id: bool(json.loads(text).get("passed")) if text else False
                for run_id, text in db.session.execute(
                    db.select(GradingRun.id, GradingRun.verdict).where(
                        GradingRun.id.in_(unknown[start : start + 500])
                    )
                )
            }
        )
    weights = {day: day_weights(day) for day in days}
    stops = {day: day_stops_at_first_failure(day) for day in days}
    out = {}
    for (user_id, day_id), by_name in latest_sub.items():
        score, passed_count, stopped = 0, 0, False
        counted = weights[day_id]
        if (user_id, day_id) in variant:  # rush00: the team's own variant only
            counted = tuple((n, w) for n, w in counted if n == variant[(user_id, day_id)])
        for name, weight in counted:
            sub_id = by_name.get(name)
            run = runs.get(sub_id) if sub_id is not None else None
            if run is None or run[1] in ("queued", "running"):
                stopped = stopped or stops[day_id]
                continue
            passed = bool(run[2]) if run[2] is not None else from_verdict.get(run[0], False)
            passed_count += passed
            if passed and not stopped:
                score += weight
            else:
                stopped = stops[day_id]
        out[(user_id, day_id)] = (score, sum(w for _, w in counted), passed_count)
    return out


@criterion("day_scores", _l("Day scores"), _l("Sum of the moulinette's day scores."))
def _day_scores(piscine, user_ids):
    scores = _official_scores(piscine, user_ids)
    totals = dict.fromkeys(user_ids, 0.0)
    for (user_id, _day), (score, _max, _passed) in scores.items():
        totals[user_id] += score
    return totals


@criterion("progress", _l("Progress"), _l("Exercises passed over all days."))
def _progress(piscine, user_ids):
    scores = _official_scores(piscine, user_ids)
    totals = dict.fromkeys(user_ids, 0.0)
    for (user_id, _day), (_score, _max, passed) in scores.items():
        totals[user_id] += passed
    return totals


@criterion("regularity", _l("Regularity"), _l("Exercise days with at least one submission."))
def _regularity(piscine, user_ids):
    """Exercise days only: exam submissions (day_id = the exam's pool) do not count as a day."""
    days = [d.day_id for d in _days(piscine)]
    totals = dict.fromkeys(user_ids, 0.0)
    if not days:
        return totals
    rows = db.session.execute(
        db.select(Submission.user_id, db.func.count(db.distinct(Submission.day_id)))
        .where(Submission.piscine_id == piscine.id, Submission.day_id.in_(days))
        .group_by(Submission.user_id)
    ).all()
    totals.update({u: float(n) for u, n in rows if u in totals})
    return totals


@criterion("exam_scores", _l("Exam scores"), _l("Points earned in the piscine's exams."))
def _exam_scores(piscine, user_ids):
    totals = dict.fromkeys(user_ids, 0.0)
    try:
        from school101.services.exams.attempts import exam_points
    except ImportError:
        return totals
    totals.update({u: float(p) for u, p in exam_points(piscine, user_ids).items()})
    return totals


def validate_weights(weights) -> dict[str, float]:
    """Known criteria with non-negative numbers, at least one positive."""
    if not isinstance(weights, dict) or not weights:
        raise ValidationFailed(
            _l("Give a weight to at least one criterion."),
            fields={"weights": _l("Give a weight to at least one criterion.")},
        )
    clean = {}
    for key, value in weights.items():
        if key not in CRITERIA:
            raise ValidationFailed(
                _l("Unknown criterion: %(key)s", key=str(key)[:40]),
                fields={"weights": _l("Unknown criterion: %(key)s", key=str(key)[:40])},
            )
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1000:
            raise ValidationFailed(
                _l("Weights are numbers from 0 to 1000."),
                fields={"weights": _l("Weights are numbers from 0 to 1000.")},
            )
        clean[key] = float(value)
    if sum(clean.values()) <= 0:
        raise ValidationFailed(
            _l("Give a weight to at least one criterion."),
            fields={"weights": _l("Give a weight to at least one criterion.")},
        )
    return clean


def normalise(raw: np.ndarray) -> np.ndarray:
    """Mid-rank percentile of each column of `raw` (n × k); 0 stays 0.

    A missing input (NaN) normalises to 0 and the others' percentiles are taken among the
    candidates who have an input for that criterion.
    """
    n = raw.shape[0]
    if n == 0:
        return raw.astype(np.float64)
    out = np.zeros(raw.shape, dtype=np.float64)
    for j in range(raw.shape[1]):
        column = raw[:, j]
        present = ~np.isnan(column)
        if present.all():
            values, where = column, slice(None)
        else:
            values, where = column[present], present
            if not len(values):
                continue
        ordered = np.sort(values)
        below = np.searchsorted(ordered, values, side="left")
        equal = np.searchsorted(ordered, values, side="right") - below
        out[where, j] = np.where(values > 0, (below + 0.5 * equal) / len(values), 0.0)
    return out


@dataclass
class Ranking:
    """A computed ranking: arrays aligned on `user_ids`, `order` lists indices best first."""

    criteria: list[str]
    weights: np.ndarray
    user_ids: np.ndarray
    raw: np.ndarray
    normalised: np.ndarray
    scores: np.ndarray
    ranks: np.ndarray
    order: np.ndarray
    #: criterion -> user id -> the figures behind the raw value (criteria with `details`)
    details: dict[str, dict[int, dict]] = field(default_factory=dict)
    #: user id -> confirmed plagiarism cases (a flag shown to staff, never part of the score)
    integrity: dict[int, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.user_ids)

    def item(self, index: int) -> dict:
        """One candidate's entry with the full breakdown (a criterion without input for this
        person has `raw` None, `counted` false and no contribution)."""
        present = ~np.isnan(self.raw[index])
        total = float((self.weights * present).sum())
        user_id = int(self.user_ids[index])
        breakdown = []
        for j, key in enumerate(self.criteria):
            entry = {
                "criterion": key,
                "raw": round(float(self.raw[index, j]), 4) if present[j] else None,
                "normalised": round(float(self.normalised[index, j]), 4),
                "weight": float(self.weights[j]),
                "contribution": round(
                    float(100 * self.weights[j] * self.normalised[index, j] / total), 2
                )
                if present[j] and total > 0
                else 0.0,
                "counted": bool(present[j]),
            }
            if key in self.details:
                entry["detail"] = self.details[key].get(user_id)
            breakdown.append(entry)
        return {
            "user_id": user_id,
            "rank": int(self.ranks[index]),
            "score": round(float(self.scores[index]), 2),
            "breakdown": breakdown,
            "integrity_confirmed": self.integrity.get(user_id, 0),
        }

    def items(self, start: int = 0, stop: int | None = None) -> list[dict]:
        """Entries best first (a slice of them for pagination)."""
        return [self.item(int(i)) for i in self.order[start:stop]]

    def index_of(self, user_id: int) -> int | None:
        hits = np.nonzero(self.user_ids == user_id)[0]
        return int(hits[0]) if len(hits) else None


def rank_matrix(
    user_ids, raw, criteria: list[str], weights: dict[str, float], details=None
) -> Ranking:
    """Rank candidates from a raw matrix (n × k, columns in `criteria` order; NaN: no input)."""
    user_ids = np.asarray(user_ids, dtype=np.int64)
    raw = np.asarray(raw, dtype=np.float64).reshape(len(user_ids), len(criteria))
    w = np.array([weights.get(c, 0.0) for c in criteria], dtype=np.float64)
    normalised = normalise(raw)
    present = ~np.isnan(raw)
    if present.all():
        scores = 100.0 * (normalised @ w) / w.sum()
    else:  # each person's weighted mean over the criteria they have an input for
        counted = present * w
        total = counted.sum(axis=1)
        scores = np.divide(
            100.0 * (normalised * counted).sum(axis=1),
            total,
            out=np.zeros(len(user_ids), dtype=np.float64),
            where=total > 0,
        )
    # Best first; ties broken by user id so the order is stable. Equal scores share a rank.
    order = np.lexsort((user_ids, -scores))
    sorted_scores = scores[order]
    ranks_sorted = 1 + np.searchsorted(-sorted_scores, -sorted_scores, side="left")
    ranks = np.empty(len(scores), dtype=np.int64)
    ranks[order] = ranks_sorted
    return Ranking(
        list(criteria), w, user_ids, raw, normalised, scores, ranks, order, details or {}
    )


def booked_user_ids(piscine: Piscine) -> list[int]:
    """Every candidate holding a seat in the piscine."""
    return list(
        db.session.scalars(
            db.select(Booking.user_id)
            .where(Booking.piscine_id == piscine.id, Booking.status == "booked")
            .order_by(Booking.user_id)
        )
    )


def rank_piscine(piscine: Piscine, weights: dict[str, float] | None = None) -> Ranking:
    """Rank every booked candidate of a piscine (zeros before any result; None from a criterion
    is a missing input, neutral for that person)."""
    weights = validate_weights(weights) if weights is not None else dict(DEFAULT_WEIGHTS)
    criteria = [c for c in CRITERIA if c in weights]
    user_ids = booked_user_ids(piscine)
    token = _MEMO.set({})
    try:
        columns = [CRITERIA[c].collect(piscine, user_ids) if user_ids else {} for c in criteria]
        details = {
            c: CRITERIA[c].details(piscine, user_ids) if user_ids else {}
            for c in criteria
            if CRITERIA[c].details is not None
        }
    finally:
        _MEMO.reset(token)
    raw = np.array(
        [[np.nan if (v := col.get(u, 0.0)) is None else v for col in columns] for u in user_ids],
        dtype=np.float64,
    )
    return rank_matrix(
        user_ids, raw.reshape(len(user_ids), len(criteria)), criteria, weights, details
    )


def weights_for(piscine: Piscine, round_id: int | None = None) -> tuple[dict[str, float], object]:
    """The weights of the given round, or of the newest round that ranks this piscine, or defaults.

    A `round_id` that does not name a round ranking this piscine is an error (NotFound), never a
    silent fall-back to the default weights.
    """
    from school101.models import RoundPiscine, SelectionRound

    query = (
        db.select(SelectionRound)
        .join(RoundPiscine, RoundPiscine.round_id == SelectionRound.id)
        .where(RoundPiscine.piscine_id == piscine.id)
    )
    if round_id is not None:
        query = query.where(SelectionRound.id == round_id)
    selection_round = db.session.scalars(query.order_by(SelectionRound.id.desc())).first()
    if selection_round is None and round_id is not None:
        raise NotFound(
            _l("Selection round %(id)s does not exist or does not rank this piscine.", id=round_id),
            code="unknown_round",
        )
    if selection_round is None:
        return dict(DEFAULT_WEIGHTS), None
    return json.loads(selection_round.weights), selection_round


PSEUDONYM_MIN_HEX = 6


def _pseudonym_digest(round_id: int, user_id: int) -> str:
    key = str(current_app.config["SECRET_KEY"]).encode()
    return (
        hmac.new(key, f"selection-round:{round_id}:{user_id}".encode(), hashlib.sha256)
        .hexdigest()
        .upper()
    )


def round_people(round_id: int) -> list[int]:
    """Everybody a round can show: seats (any status) and decisions in the round's piscines."""
    from school101.models import Decision, RoundPiscine

    piscines = db.select(RoundPiscine.piscine_id).where(RoundPiscine.round_id == round_id)
    seated = db.session.scalars(db.select(Booking.user_id).where(Booking.piscine_id.in_(piscines)))
    decided = db.session.scalars(
        db.select(Decision.user_id).where(Decision.piscine_id.in_(piscines))
    )
    return sorted(set(seated) | set(decided))


def pseudonyms(round_id: int, user_ids=None) -> dict[int, str]:
    """Blind-mode codes of a round's people ('C-3F9A2B'), distinct within the round.

    Each code is the start of an HMAC (keyed by the app's secret, so nobody can recompute it
    from a user id) of the round and the person: 6 hex digits, lengthened for the people whose
    6 digits collide with somebody else's in the round, so two people never share a code.
    """
    people = set(round_people(round_id)) | set(user_ids or ())
    digests = {u: _pseudonym_digest(round_id, u) for u in people}
    codes = {}
    length = PSEUDONYM_MIN_HEX
    pending = dict(digests)
    while pending:
        counts: dict[str, int] = {}
        for digest in pending.values():
            counts[digest[:length]] = counts.get(digest[:length], 0) + 1
        for u, digest in list(pending.items()):
            if counts[digest[:length]] == 1 or length >= len(digest):
                codes[u] = "C-" + digest[:length]
                del pending[u]
        length += 2
    return codes


def pseudonym(user_id: int, round_id: int) -> str:
    """One person's blind-mode code in a round (see `pseudonyms`)."""
    return pseudonyms(round_id, [user_id])[user_id]


def display_names(user_ids: list[int]) -> dict[int, User]:
    """Users by id for the rows of a page."""
    return {u.id: u for u in db.session.scalars(db.select(User).where(User.id.in_(user_ids)))}


_CACHE: dict[tuple, Ranking] = {}


_CACHE_MAX = 16


def fingerprint(piscine: Piscine) -> tuple:
    """Changes whenever an input of the ranking changes.

    Not only row counts and newest ids: a day grading or grading run changing status (queued ->
    graded), a re-run finishing, a score corrected in place, an exam verdict adding points, a seat
    cancelled, the feedback policy or the calendar changing. Registered criteria add their own part.
    """
    from school101.models import ExamAttempt

    graded = db.case((DayGrading.status == "graded", 1), else_=0)
    grading = db.session.execute(
        db.select(
            db.func.count(),
            db.func.max(DayGrading.id),
            db.func.sum(graded),
            db.func.sum(DayGrading.score),
            db.func.max(DayGrading.finished_at),
            db.func.max(DayGrading.started_at),
        ).where(DayGrading.piscine_id == piscine.id)
    ).one()
    subs = db.session.execute(
        db.select(db.func.count(), db.func.max(Submission.id)).where(
            Submission.piscine_id == piscine.id
        )
    ).one()
    runs = db.session.execute(
        db.select(
            db.func.count(),
            db.func.max(GradingRun.id),
            db.func.sum(db.case((GradingRun.status == "graded", 1), else_=0)),
            db.func.sum(db.case((GradingRun.passed.is_(True), 1), else_=0)),
            db.func.max(GradingRun.finished_at),
            db.func.max(GradingRun.started_at),
        )
        .join(Submission, Submission.id == GradingRun.submission_id)
        .where(Submission.piscine_id == piscine.id)
    ).one()
    exams = db.session.execute(
        db.select(
            db.func.count(),
            db.func.max(ExamAttempt.id),
            db.func.sum(ExamAttempt.points),
            db.func.sum(ExamAttempt.level),
            db.func.max(ExamAttempt.finished_at),
        ).where(ExamAttempt.piscine_id == piscine.id)
    ).one()
    seats = db.session.execute(
        db.select(db.func.count(), db.func.max(Booking.id), db.func.sum(Booking.user_id)).where(
            Booking.piscine_id == piscine.id, Booking.status == "booked"
        )
    ).one()
    calendar = tuple((d.day_id, d.kind) for d in piscine.days)
    extra = tuple(
        (c.key, c.fingerprint(piscine)) for c in CRITERIA.values() if c.fingerprint is not None
    )
    return (
        str(piscine.created_at),
        piscine.feedback,
        calendar,
        tuple(map(str, grading)),
        tuple(subs),
        tuple(map(str, runs)),
        tuple(map(str, exams)),
        tuple(seats),
        extra,
    )


def cached_rank(piscine: Piscine, weights: dict[str, float]) -> Ranking:
    """rank_piscine, reused while nothing it depends on has changed (pages browse it)."""
    key = (piscine.id, json.dumps(weights, sort_keys=True), fingerprint(piscine))
    hit = _CACHE.get(key)
    if hit is None:
        hit = rank_piscine(piscine, weights)
        if len(_CACHE) >= _CACHE_MAX:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = hit
    from school101.services.integrity.pairs import confirmed_counts

    # read at every call: a decision taken since the ranking was cached shows at once
    hit.integrity = confirmed_counts(piscine.id, hit.user_ids.tolist())
    return hit


def remember(
    piscine_id: int, weights: dict[str, float], fingerprint_value: tuple, computed: Ranking
) -> None:
    """Put a computed ranking in the cache (benchmarks use it for synthetic rankings)."""
    _CACHE[(piscine_id, json.dumps(weights, sort_keys=True), fingerprint_value)] = computed


def export_csv(selection_round, piscine: Piscine, *, actor) -> str:
    """A round's ranking of one piscine as CSV (breakdown, current decisions); audited.

    While the piscine is blind (services/selection/blind.py) everybody appears under the code
    of the round hiding it, without user id.
    """
    from school101.core import audit
    from school101.models import Decision

    weights = json.loads(selection_round.weights)
    computed = cached_rank(piscine, weights)
    items = computed.items()
    users = display_names([i["user_id"] for i in items])
    decisions = {
        d.user_id: d
        for d in db.session.scalars(
            db.select(Decision).where(Decision.piscine_id == piscine.id, Decision.current.is_(True))
        )
    }
    from school101.services.selection.hiding import blind_round_for

    hiding = blind_round_for(piscine.id, selection_round)
    codes = pseudonyms(hiding.id) if hiding is not None else {}
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    header = ["rank", "user_id", "candidate", "score"]
    for key in computed.criteria:
        header += [f"{key}_raw", f"{key}_normalised", f"{key}_weight", f"{key}_contribution"]
    writer.writerow(header + ["decision", "reason"])
    hidden = 0
    for item in items:
        uid = item["user_id"]
        decided = decisions.get(uid)
        if hiding is not None:
            shown_id, name = "", codes.get(uid) or pseudonym(uid, hiding.id)
            hidden += 1
        else:
            shown_id, name = uid, users[uid].full_name if uid in users else f"#{uid}"
        row = [item["rank"], shown_id, csv_safe(name), item["score"]]
        for b in item["breakdown"]:
            row += [b["raw"], b["normalised"], b["weight"], b["contribution"]]
        writer.writerow(
            row + [decided.decision if decided else "", csv_safe(decided.reason) if decided else ""]
        )
    audit.record(
        "selection.ranking_exported",
        actor=actor,
        target=selection_round,
        after={
            "round_id": selection_round.id,
            "piscine_id": piscine.id,
            "rows": len(items),
            "blind": hiding is not None,
            "names_hidden": hidden,
        },
    )
    return out.getvalue()
