"""Explainable ranking of a piscine's candidates from weighted criteria.

Each criterion gives a raw value per candidate; raw values are normalised per piscine session
as a mid-rank percentile — (number below + half the number equal) / n — so that two piscines
compare fairly, and a raw value of 0 (nothing achieved) normalises to 0. A candidate's score
is the weighted mean of the normalised values, out of 100; each criterion's contribution is
its share of that score. The ranking only advises: people decide (services/selection.py).
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..models import Booking, DayGrading, Piscine, PiscineDay, Submission, User
from .errors import ValidationFailed


@dataclass(frozen=True)
class Criterion:
    key: str
    label: object
    description: object
    collect: Callable[[Piscine, list[int]], dict[int, float]]


CRITERIA: dict[str, Criterion] = {}
DEFAULT_WEIGHTS = {"day_scores": 40, "exam_scores": 30, "progress": 15, "regularity": 15}


def criterion(key: str, label, description):
    """Register a criterion (decorator); later criteria such as peer evaluations plug in here."""
    def register(func):
        CRITERIA[key] = Criterion(key, label, description, func)
        return func
    return register


def _days(piscine: Piscine) -> list[PiscineDay]:
    return [d for d in piscine.days if d.kind == "day"]


def _official_scores(piscine: Piscine, user_ids: list[int]) -> dict[tuple[int, str], tuple[int, int, int]]:
    """(user, day) -> (score, max_score, exercises passed) from the newest graded day grading."""
    rows = db.session.execute(
        db.select(DayGrading.user_id, DayGrading.day_id, DayGrading.score, DayGrading.max_score,
                  DayGrading.verdict, DayGrading.id)
        .where(DayGrading.piscine_id == piscine.id, DayGrading.status == "graded",
               DayGrading.user_id.in_(user_ids)).order_by(DayGrading.id)).all()
    latest = {}
    for user_id, day_id, score, max_score, verdict, _id in rows:
        passed = sum(1 for v in json.loads(verdict or "{}").get("exercises", []) if v.get("passed"))
        latest[(user_id, day_id)] = (score or 0, max_score or 0, passed)
    if piscine.feedback == "immediate":
        from .results import day_result

        for day in _days(piscine):
            for user_id in user_ids:
                if (user_id, day.day_id) not in latest:
                    result = day_result(piscine, user_id, day)
                    if result.score is not None:
                        latest[(user_id, day.day_id)] = (
                            result.score, result.max_score, sum(1 for e in result.exercises if e["passed"]))
    return latest


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


@criterion("regularity", _l("Regularity"), _l("Days with at least one submission."))
def _regularity(piscine, user_ids):
    rows = db.session.execute(
        db.select(Submission.user_id, db.func.count(db.distinct(Submission.day_id)))
        .where(Submission.piscine_id == piscine.id, Submission.user_id.in_(user_ids))
        .group_by(Submission.user_id)).all()
    totals = dict.fromkeys(user_ids, 0.0)
    totals.update({u: float(n) for u, n in rows})
    return totals


@criterion("exam_scores", _l("Exam scores"), _l("Points earned in the piscine's exams."))
def _exam_scores(piscine, user_ids):
    totals = dict.fromkeys(user_ids, 0.0)
    try:
        from ..services.exams import exam_points  # provided by the exams module
    except ImportError:
        return totals
    totals.update({u: float(p) for u, p in exam_points(piscine, user_ids).items()})
    return totals


def validate_weights(weights) -> dict[str, float]:
    """Known criteria with non-negative numbers, at least one positive."""
    if not isinstance(weights, dict) or not weights:
        raise ValidationFailed(_l("Give a weight to at least one criterion."),
                               fields={"weights": _l("Give a weight to at least one criterion.")})
    clean = {}
    for key, value in weights.items():
        if key not in CRITERIA:
            raise ValidationFailed(_l("Unknown criterion: %(key)s", key=str(key)[:40]),
                                   fields={"weights": _l("Unknown criterion: %(key)s", key=str(key)[:40])})
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1000:
            raise ValidationFailed(_l("Weights are numbers from 0 to 1000."),
                                   fields={"weights": _l("Weights are numbers from 0 to 1000.")})
        clean[key] = float(value)
    if sum(clean.values()) <= 0:
        raise ValidationFailed(_l("Give a weight to at least one criterion."),
                               fields={"weights": _l("Give a weight to at least one criterion.")})
    return clean


def normalise(raw: np.ndarray) -> np.ndarray:
    """Mid-rank percentile of each column of `raw` (n × k); 0 stays 0."""
    n = raw.shape[0]
    if n == 0:
        return raw.astype(np.float64)
    out = np.empty(raw.shape, dtype=np.float64)
    for j in range(raw.shape[1]):
        column = raw[:, j]
        ordered = np.sort(column)
        below = np.searchsorted(ordered, column, side="left")
        equal = np.searchsorted(ordered, column, side="right") - below
        out[:, j] = np.where(column > 0, (below + 0.5 * equal) / n, 0.0)
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

    def __len__(self) -> int:
        return len(self.user_ids)

    def item(self, index: int) -> dict:
        """One candidate's entry with the full breakdown."""
        total = float(self.weights.sum())
        return {
            "user_id": int(self.user_ids[index]), "rank": int(self.ranks[index]),
            "score": round(float(self.scores[index]), 2),
            "breakdown": [{
                "criterion": key, "raw": round(float(self.raw[index, j]), 4),
                "normalised": round(float(self.normalised[index, j]), 4),
                "weight": float(self.weights[j]),
                "contribution": round(float(100 * self.weights[j] * self.normalised[index, j] / total), 2),
            } for j, key in enumerate(self.criteria)],
        }

    def items(self, start: int = 0, stop: int | None = None) -> list[dict]:
        """Entries best first (a slice of them for pagination)."""
        return [self.item(int(i)) for i in self.order[start:stop]]

    def index_of(self, user_id: int) -> int | None:
        hits = np.nonzero(self.user_ids == user_id)[0]
        return int(hits[0]) if len(hits) else None


def rank_matrix(user_ids, raw, criteria: list[str], weights: dict[str, float]) -> Ranking:
    """Rank candidates from a raw matrix (n × k, columns in `criteria` order)."""
    user_ids = np.asarray(user_ids, dtype=np.int64)
    raw = np.asarray(raw, dtype=np.float64).reshape(len(user_ids), len(criteria))
    w = np.array([weights.get(c, 0.0) for c in criteria], dtype=np.float64)
    normalised = normalise(raw)
    scores = 100.0 * (normalised @ w) / w.sum()
    # Best first; ties broken by user id so the order is stable. Equal scores share a rank.
    order = np.lexsort((user_ids, -scores))
    sorted_scores = scores[order]
    ranks_sorted = 1 + np.searchsorted(-sorted_scores, -sorted_scores, side="left")
    ranks = np.empty(len(scores), dtype=np.int64)
    ranks[order] = ranks_sorted
    return Ranking(list(criteria), w, user_ids, raw, normalised, scores, ranks, order)


def booked_user_ids(piscine: Piscine) -> list[int]:
    """Every candidate holding a seat in the piscine."""
    return list(db.session.scalars(db.select(Booking.user_id).where(
        Booking.piscine_id == piscine.id, Booking.status == "booked").order_by(Booking.user_id)))


def rank_piscine(piscine: Piscine, weights: dict[str, float] | None = None) -> Ranking:
    """Rank every booked candidate of a piscine (zeros before any result)."""
    weights = validate_weights(weights) if weights is not None else dict(DEFAULT_WEIGHTS)
    criteria = [c for c in CRITERIA if c in weights]
    user_ids = booked_user_ids(piscine)
    columns = [CRITERIA[c].collect(piscine, user_ids) if user_ids else {} for c in criteria]
    raw = np.array([[col.get(u, 0.0) for col in columns] for u in user_ids], dtype=np.float64)
    return rank_matrix(user_ids, raw.reshape(len(user_ids), len(criteria)), criteria, weights)


def weights_for(piscine: Piscine, round_id: int | None = None) -> tuple[dict[str, float], object]:
    """The weights of the given round, or of the newest round that ranks this piscine, or defaults."""
    from ..models import RoundPiscine, SelectionRound

    query = db.select(SelectionRound).join(RoundPiscine, RoundPiscine.round_id == SelectionRound.id).where(
        RoundPiscine.piscine_id == piscine.id)
    if round_id is not None:
        query = query.where(SelectionRound.id == round_id)
    selection_round = db.session.scalars(query.order_by(SelectionRound.id.desc())).first()
    if selection_round is None:
        return dict(DEFAULT_WEIGHTS), None
    return json.loads(selection_round.weights), selection_round


def pseudonym(user_id: int, salt: str) -> str:
    """A stable code that hides a person in blind mode (e.g. 'C-4F2A')."""
    import hashlib

    return "C-" + hashlib.sha256(f"{salt}:{user_id}".encode()).hexdigest()[:4].upper()


def display_names(user_ids: list[int]) -> dict[int, User]:
    """Users by id for the rows of a page."""
    return {u.id: u for u in db.session.scalars(db.select(User).where(User.id.in_(user_ids)))}


_CACHE: dict[tuple, Ranking] = {}
_CACHE_MAX = 16


def fingerprint(piscine: Piscine) -> tuple:
    """Changes whenever an input of the ranking changes (results, submissions, seats)."""
    grading = db.session.execute(db.select(db.func.count(), db.func.max(DayGrading.id)).where(
        DayGrading.piscine_id == piscine.id)).one()
    subs = db.session.execute(db.select(db.func.count(), db.func.max(Submission.id)).where(
        Submission.piscine_id == piscine.id)).one()
    seats = db.session.execute(db.select(db.func.count(), db.func.max(Booking.id)).where(
        Booking.piscine_id == piscine.id, Booking.status == "booked")).one()
    return tuple(grading) + tuple(subs) + tuple(seats)


def cached_rank(piscine: Piscine, weights: dict[str, float]) -> Ranking:
    """rank_piscine, reused while nothing it depends on has changed (pages browse it)."""
    key = (piscine.id, json.dumps(weights, sort_keys=True), fingerprint(piscine))
    hit = _CACHE.get(key)
    if hit is None:
        hit = rank_piscine(piscine, weights)
        if len(_CACHE) >= _CACHE_MAX:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = hit
    return hit


def remember(piscine_id: int, weights: dict[str, float], fingerprint_value: tuple, computed: Ranking) -> None:
    """Put a computed ranking in the cache (benchmarks use it for synthetic rankings)."""
    _CACHE[(piscine_id, json.dumps(weights, sort_keys=True), fingerprint_value)] = computed
