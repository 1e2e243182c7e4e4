"""Piscine results: each candidate's day scores (official deadline grading, or the latest
immediate verdicts), the staff board (candidates × days), progress.

A rush member's result is their team's: the team's submissions and its one deadline grading.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache

from flask import current_app

import grader
from school101.extensions import db
from school101.models import Booking, DayGrading, GradingRun, Piscine, PiscineDay, Submission, User
from school101.services.grading import team_work


@dataclass
class DayResult:
    day_id: str
    state: str  # not_submitted | submitted | pending | graded
    score: int | None = None
    max_score: int = 0
    exercises: list[dict] = field(default_factory=list)  # {exercise, status, passed, trace}
    submitted: int = 0


@lru_cache(maxsize=64)
def _day_grading(day_dir: str, mtime: float) -> tuple[tuple[tuple[str, int], ...], bool]:
    """(the (exNN, weight) pairs in grading order, stop_at_first_failure) of a day folder,
    read once per version of its day.toml."""
    day = grader.load_day(day_dir)
    weights = tuple(
        (name, grader.load_exercise(os.path.join(day.root, name)).weight) for name in day.exercises
    )
    return weights, day.stop_at_first_failure


def _grading_of(day_id: str) -> tuple[tuple[tuple[str, int], ...], bool]:
    day_dir = os.path.join(current_app.config["EXERCISES_DIR"], day_id)
    return _day_grading(day_dir, os.path.getmtime(os.path.join(day_dir, "day.toml")))


def day_weights(day_id: str) -> tuple[tuple[str, int], ...]:
    """(exNN, weight) of a day in grading order."""
    return _grading_of(day_id)[0]


def day_stops_at_first_failure(day_id: str) -> bool:
    """Whether a failed exercise stops the day's count (day.toml `stop_at_first_failure`)."""
    return _grading_of(day_id)[1]


def weights_for(piscine_id: int, user_id: int, day_id: str) -> tuple[tuple[str, int], ...]:
    """The day's (exNN, weight) that count for this candidate: a rush team assigned one
    variant (rush00) is graded on that exercise alone."""
    weights = day_weights(day_id)
    team = team_work.team_of(piscine_id, user_id, day_id)
    if team is not None and team.exercise:
        weights = tuple((name, w) for name, w in weights if name == team.exercise)
    return weights


def _team_id(piscine_id: int, user_id: int, day_id: str) -> int | None:
    team = team_work.team_of(piscine_id, user_id, day_id)
    return team.id if team is not None else None


def _owned(model, piscine_id: int, user_id: int, day_id: str):
    """The rows of the candidate's work for a day: theirs, or their rush team's."""
    team_id = _team_id(piscine_id, user_id, day_id)
    return model.team_id == team_id if team_id is not None else model.user_id == user_id


def official(piscine_id: int, user_id: int, day_id: str) -> DayGrading | None:
    """The newest deadline grading or re-run of a candidate's day (of their team's, for a
    rush)."""
    return db.session.scalars(
        db.select(DayGrading)
        .where(
            DayGrading.piscine_id == piscine_id,
            _owned(DayGrading, piscine_id, user_id, day_id),
            DayGrading.day_id == day_id,
        )
        .order_by(DayGrading.id.desc())
    ).first()


def _latest_runs(piscine_id: int, user_id: int, day_id: str) -> dict[str, GradingRun | None]:
    subs = db.session.scalars(
        db.select(Submission)
        .where(
            Submission.piscine_id == piscine_id,
            _owned(Submission, piscine_id, user_id, day_id),
            Submission.day_id == day_id,
        )
        .order_by(Submission.id)
    ).all()
    latest: dict[str, Submission] = {}
    for s in subs:
        latest[s.exercise.split("/", 1)[1]] = s
    runs = {}
    for name, s in latest.items():
        runs[name] = db.session.scalars(
            db.select(GradingRun)
            .where(GradingRun.submission_id == s.id)
            .order_by(GradingRun.id.desc())
        ).first()
    return runs


def day_result(piscine: Piscine, user_id: int, day: PiscineDay) -> DayResult:
    """A candidate's result for one day of a piscine."""
    weights = weights_for(piscine.id, user_id, day.day_id)
    max_score = sum(w for _, w in weights)
    submitted = db.session.scalar(
        db.select(db.func.count())
        .select_from(Submission)
        .where(
            Submission.piscine_id == piscine.id,
            _owned(Submission, piscine.id, user_id, day.day_id),
            Submission.day_id == day.day_id,
        )
    )
    grading = official(piscine.id, user_id, day.day_id)
    if grading is not None:
        if grading.status != "graded":
            return DayResult(day.day_id, "pending", None, max_score, submitted=submitted)
        verdict = json.loads(grading.verdict)
        return DayResult(
            day.day_id,
            "graded",
            grading.score,
            grading.max_score or max_score,
            [_ex(v) for v in verdict.get("exercises", [])],
            submitted,
        )
    if piscine.feedback != "immediate":
        return DayResult(
            day.day_id,
            "submitted" if submitted else "not_submitted",
            None,
            max_score,
            submitted=submitted,
        )
    runs = _latest_runs(piscine.id, user_id, day.day_id)
    if not runs:
        return DayResult(day.day_id, "not_submitted", None, max_score)
    score, exercises, stopped, pending = 0, [], False, False
    stops = day_stops_at_first_failure(day.day_id)
    for name, weight in weights:
        run = runs.get(name)
        if run is None or run.status in ("queued", "running"):
            pending = pending or run is not None
            exercises.append(
                {
                    "exercise": f"{day.day_id}/{name}",
                    "status": "pending" if run else "missing_file",
                    "passed": False,
                    "trace": "",
                }
            )
            stopped = stops
            continue
        verdict = json.loads(run.verdict) if run.verdict else {}
        exercises.append(_ex(verdict) | {"exercise": f"{day.day_id}/{name}"})
        if verdict.get("passed") and not stopped:
            score += weight
        else:
            stopped = stops
    return DayResult(
        day.day_id, "pending" if pending else "graded", score, max_score, exercises, len(runs)
    )


def _ex(verdict: dict) -> dict:
    return {
        "exercise": verdict.get("exercise", ""),
        "status": verdict.get("status", ""),
        "passed": bool(verdict.get("passed")),
        "trace": verdict.get("trace", ""),
        "tests": verdict.get("tests", []),
        "norm": verdict.get("norm", {}),
    }


def candidate_results(piscine: Piscine, user_id: int) -> list[DayResult]:
    """Every day of the piscine for one candidate, in calendar order."""
    return [day_result(piscine, user_id, d) for d in piscine.days if d.kind == "day"]


def progress(results: list[DayResult]) -> dict:
    """Points earned out of points available on graded days."""
    earned = sum(r.score or 0 for r in results)
    available = sum(r.max_score for r in results)
    return {
        "earned": earned,
        "available": available,
        "percent": round(100 * earned / available) if available else 0,
    }


def board(piscine: Piscine) -> list[dict]:
    """Staff board rows: each seated candidate with their day results."""
    users = db.session.scalars(
        db.select(User)
        .join(Booking, Booking.user_id == User.id)
        .where(Booking.piscine_id == piscine.id, Booking.status == "booked")
        .order_by(User.last_name, User.first_name)
    )
    return [{"user": u, "days": candidate_results(piscine, u.id)} for u in users]
