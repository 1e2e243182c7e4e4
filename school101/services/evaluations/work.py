"""The evaluation as the JSON API shows it beyond its row: the evaluated work (read through
`overview.evaluated_work`, the pages' rule: the evaluator from 15 minutes before, and staff)
with the moulinette's result for the day, and a scale in the reader's language."""

from __future__ import annotations

import json
from datetime import datetime

from school101.core.clock import iso
from school101.core.errors import NotFound
from school101.extensions import db
from school101.models import Evaluation, Piscine
from school101.services.evaluations import evaluating, overview, scales
from school101.services.grading import deadline, results


def _verdict(verdict: dict | None) -> dict | None:
    if not verdict:
        return None
    return {
        key: verdict.get(key)
        for key in ("status", "passed", "score", "trace", "tests", "norm")
        if key in verdict
    }


def work_of(user, evaluation: Evaluation, *, now: datetime) -> dict | None:
    """What `user` may read of the evaluated work at `now` (None when nothing): {"day_id",
    "submissions": [{"exercise", "submission_id", "created_at", "status", "verdict",
    "files": [{"name", "size", "text"}]}], "grading": {"state", "score", "max_score",
    "exercises"} or None}."""
    if not may_read_work(user, evaluation, now):
        return None
    found = overview.evaluated_work(user, evaluation, now=now)
    submissions = [
        {
            "exercise": item["submission"].exercise,
            "submission_id": item["submission"].id,
            "created_at": iso(item["submission"].created_at),
            "status": item["status"],
            "verdict": _verdict(item["verdict"]),
            "files": item["file_texts"],
        }
        for item in found
    ]
    piscine = db.session.get(Piscine, evaluation.piscine_id)
    day = deadline.day_row(piscine.id, evaluation.day_id)
    grading = None
    if day is not None:
        try:
            result = results.day_result(piscine, evaluation.evaluated_id, day)
        except (OSError, ValueError):  # the day's content is gone or broken: files only
            result = None
        if result is not None:
            grading = {
                "state": result.state,
                "score": result.score,
                "max_score": result.max_score,
                "exercises": result.exercises,
            }
    return {"day_id": evaluation.day_id, "submissions": submissions, "grading": grading}


def may_read_work(user, evaluation: Evaluation, now: datetime) -> bool:
    """The pages' rule for reading the work (the evaluator once names show, and staff)."""
    return user.is_staff or (
        user.id == evaluation.evaluator_id and evaluating.names_visible(user, evaluation, now=now)
    )


def stored_or_current_scale(evaluation: Evaluation) -> dict | None:
    """The scale the evaluation was filled with, else the one in force (None when none)."""
    if evaluation.scale:
        return json.loads(evaluation.scale)
    try:
        return scales.scale_for(evaluation.day_id)
    except NotFound:
        return None


def _pick(text, locale: str):
    if isinstance(text, dict):
        return text.get(locale) or text.get("fr") or text.get("en") or ""
    return text


def localized_scale(scale: dict, locale: str) -> dict:
    """A bilingual scale with each text in `locale` (fr or en), and the flags with labels."""
    return {
        "intro": _pick(scale.get("intro"), locale),
        "sections": [
            {
                "title": _pick(section.get("title"), locale),
                "guidance": _pick(section.get("guidance"), locale),
                "questions": [
                    {
                        "id": q.get("id"),
                        "kind": q.get("kind"),
                        "points": q.get("points"),
                        "max": 1 if q.get("kind") == "yesno" else scales.RATING_MAX,
                        "text": _pick(q.get("text"), locale),
                    }
                    for q in section.get("questions", [])
                ],
            }
            for section in scale.get("sections", [])
        ],
        "flags": [
            {"id": flag, "label": str(label), "zero": zero, "to_staff": to_staff}
            for flag, (label, zero, to_staff) in scales.FLAGS.items()
        ],
    }
