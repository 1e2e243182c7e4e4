"""The ranking's two peer-evaluation criteria (issue 13), registered in ranking.CRITERIA.

- `peer_marks`: the mean mark (0-125) of the candidate's final evaluations as the evaluated
  person (`evaluating.is_final`: rated, or 24 hours after submission); booked, cancelled,
  voided, no-show and not-yet-final ones are ignored. Flags are shown in the breakdown; a flag
  that goes to staff (Cheat, Can't support) weighs only through the 0 mark the scale gives.
  No final evaluation: neutral for that person (left out of their score, said so).
- `evaluator_contribution`: evaluations done as the evaluator (submitted or done) times
  (1/2 + mean feedback rating received / 8), i.e. each evaluation counts from 0.5 (feedback
  rated 0/4) to 1 (rated 4/4), 0.75 while none is rated. Doing none is a real 0, like any
  other count; the criterion is neutral for everybody only while the piscine has no
  evaluation submitted at all.
See docs/decisions.md "Peer evaluations".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l

from school101.extensions import db
from school101.models import Evaluation, EvaluationMember, Piscine
from school101.models._base import utcnow
from school101.services.evaluations.evaluating import FINAL_AFTER, is_final
from school101.services.evaluations.scales import FLAGS
from school101.services.selection.ranking import _memoised, criterion

#: statuses where the evaluator has filled the scale (is_final tells which count as marks)
FILLED = ("submitted", "done")
RATING_MAX = 4
#: an evaluation done counts this much when none of the evaluator's feedback is rated yet
UNRATED_FACTOR = 0.75
#: flags not worth showing in a breakdown
QUIET_FLAGS = ("ok",)


@dataclass
class PeerFigures:
    """What one ranking reads from the piscine's evaluations, per candidate."""

    any_filled: bool = False
    marks: dict[int, list[int]] = field(default_factory=dict)
    flags: dict[int, Counter] = field(default_factory=dict)
    to_staff: Counter = field(default_factory=Counter)
    waiting: Counter = field(default_factory=Counter)  # filled, not final yet
    done: Counter = field(default_factory=Counter)  # as the evaluator
    ratings: dict[int, list[int]] = field(default_factory=dict)  # received as the evaluator


def _figures(piscine: Piscine, user_ids: list[int]) -> PeerFigures:
    return _memoised("peer_figures", piscine, user_ids, _compute_figures)


def _compute_figures(piscine: Piscine, user_ids: list[int]) -> PeerFigures:
    """Two queries for the whole piscine: the filled evaluations, and the individual marks of
    rush defenses (which replace the evaluation's mark for each team member)."""
    wanted = set(user_ids)
    now = utcnow()
    figures = PeerFigures()
    rows = db.session.execute(
        db.select(
            Evaluation.id,
            Evaluation.evaluated_id,
            Evaluation.evaluator_id,
            Evaluation.status,
            Evaluation.mark,
            Evaluation.flags,
            Evaluation.feedback_rating,
            Evaluation.submitted_at,
        ).where(Evaluation.piscine_id == piscine.id, Evaluation.status.in_(FILLED))
    ).all()
    members: dict[int, list] = {}
    for evaluation_id, user_id, mark, cannot_explain in db.session.execute(
        db.select(
            EvaluationMember.evaluation_id,
            EvaluationMember.user_id,
            EvaluationMember.mark,
            EvaluationMember.cannot_explain,
        )
        .join(Evaluation, Evaluation.id == EvaluationMember.evaluation_id)
        .where(Evaluation.piscine_id == piscine.id, Evaluation.status.in_(FILLED))
    ):
        members.setdefault(evaluation_id, []).append((user_id, mark, cannot_explain))
    figures.any_filled = bool(rows)
    for row in rows:
        if row.evaluator_id in wanted:
            figures.done[row.evaluator_id] += 1
            if row.status == "done" and row.feedback_rating is not None:
                figures.ratings.setdefault(row.evaluator_id, []).append(row.feedback_rating)
        flags = [f for f in (row.flags or "").split(",") if f]
        people = [
            (u, row.mark if m is None else m, flags + (["cannot_support"] if c else []))
            for u, m, c in members.get(row.id, [])
        ] or [(row.evaluated_id, row.mark, flags)]
        final = is_final(row, now=now)
        for user_id, mark, its_flags in people:
            if user_id not in wanted:
                continue
            if not final or mark is None:
                figures.waiting[user_id] += 1
                continue
            figures.marks.setdefault(user_id, []).append(mark)
            figures.flags.setdefault(user_id, Counter()).update(
                f for f in dict.fromkeys(its_flags) if f not in QUIET_FLAGS
            )
            # from this filling's flags (`to_staff` outlives a re-opening)
            if any(FLAGS.get(f, (None, False, False))[2] for f in its_flags):
                figures.to_staff[user_id] += 1
    return figures


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def _number(value: float) -> str:
    return format_decimal(value, format="#,##0.#")


def fingerprint(piscine: Piscine) -> tuple:
    """Changes whenever an input of the two criteria changes: an evaluation booked, filled,
    rated, voided or re-opened, an individual mark, and an evaluation becoming final by the
    clock (24 hours after submission, with no write)."""
    per_status = db.session.execute(
        db.select(
            Evaluation.status,
            db.func.count(),
            db.func.sum(Evaluation.id),
            db.func.sum(Evaluation.mark),
            db.func.sum(Evaluation.feedback_rating),
            db.func.max(Evaluation.submitted_at),
            db.func.max(Evaluation.rated_at),
        )
        .where(Evaluation.piscine_id == piscine.id)
        .group_by(Evaluation.status)
        .order_by(Evaluation.status)
    ).all()
    final_by_clock = db.session.scalar(
        db.select(db.func.count()).where(
            Evaluation.piscine_id == piscine.id,
            Evaluation.status == "submitted",
            Evaluation.submitted_at <= utcnow() - FINAL_AFTER,
        )
    )
    members = db.session.execute(
        db.select(
            db.func.count(),
            db.func.sum(EvaluationMember.id),
            db.func.sum(EvaluationMember.mark),
            db.func.sum(db.case((EvaluationMember.cannot_explain.is_(True), 1), else_=0)),
        )
        .join(Evaluation, Evaluation.id == EvaluationMember.evaluation_id)
        .where(Evaluation.piscine_id == piscine.id)
    ).one()
    return (
        tuple(tuple(map(str, r)) for r in per_status),
        final_by_clock,
        tuple(map(str, members)),
    )


# ---------------------------------------------------------------- peer marks


def _marks_details(piscine: Piscine, user_ids: list[int]) -> dict[int, dict]:
    figures = _figures(piscine, user_ids)
    out = {}
    for u in user_ids:
        marks = figures.marks.get(u, [])
        mean = _mean(marks)
        out[u] = {
            "evaluations": len(marks),
            "mean": round(mean, 1) if mean is not None else None,
            "flags": dict(sorted(figures.flags.get(u, Counter()).items())),
            "to_staff": figures.to_staff[u],
            "waiting": figures.waiting[u],
        }
    return out


def explain_marks(entry: dict) -> str:
    """'2 evaluations, mean 84; flags: Norm error (1)', or why the criterion is neutral."""
    detail = entry.get("detail") or {}
    if not detail.get("evaluations"):
        parts = [str(_l("No final peer evaluation yet: not counted in the score (neutral)."))]
    else:
        parts = [
            str(
                _l(
                    "%(n)d evaluation(s), mean %(mean)s",
                    n=detail["evaluations"],
                    mean=_number(detail["mean"]),
                )
            )
        ]
        flags = detail.get("flags") or {}
        if flags:
            shown = ", ".join(
                f"{FLAGS[f][0] if f in FLAGS else f} ({n})" for f, n in sorted(flags.items())
            )
            parts.append(str(_l("flags: %(flags)s", flags=shown)))
        if detail.get("to_staff"):
            parts.append(
                str(
                    _l(
                        "%(n)d sent to staff (mark 0 from the scale, no other penalty)",
                        n=detail["to_staff"],
                    )
                )
            )
    if detail.get("waiting"):
        parts.append(str(_l("%(n)d not final yet (not counted)", n=detail["waiting"])))
    return "; ".join(parts)


@criterion(
    "peer_marks",
    _l("Peer evaluation marks"),
    _l("Mean mark of the final peer evaluations received (0 to 125); flags shown."),
    fingerprint=fingerprint,
    details=_marks_details,
    explain=explain_marks,
)
def _peer_marks(piscine, user_ids):
    figures = _figures(piscine, user_ids)
    return {u: _mean(figures.marks.get(u, [])) for u in user_ids}


# ---------------------------------------------------------------- contribution as an evaluator


def contribution(done: int, ratings: list[int]) -> float:
    """Evaluations done, each counted 1/2 + (mean feedback rating received) / 8: from 0.5
    (rated 0/4) to 1 (rated 4/4), UNRATED_FACTOR while no feedback of theirs is rated."""
    mean = _mean(ratings)
    factor = UNRATED_FACTOR if mean is None else 0.5 + mean / (2 * RATING_MAX)
    return done * factor


def _contribution_details(piscine: Piscine, user_ids: list[int]) -> dict[int, dict]:
    figures = _figures(piscine, user_ids)
    out = {}
    for u in user_ids:
        ratings = figures.ratings.get(u, [])
        mean = _mean(ratings)
        out[u] = {
            "done": figures.done[u],
            "ratings": len(ratings),
            "mean_rating": round(mean, 2) if mean is not None else None,
            "piscine_has_evaluations": figures.any_filled,
        }
    return out


def explain_contribution(entry: dict) -> str:
    """'3 evaluations done; feedback rated 3.5 / 4 on average (2 ratings)', or why neutral."""
    detail = entry.get("detail") or {}
    if entry.get("counted") is False or not detail.get("piscine_has_evaluations", True):
        return str(
            _l("No peer evaluation in this piscine yet: not counted in the score (neutral).")
        )
    parts = [str(_l("%(n)d evaluation(s) done as the evaluator", n=detail.get("done", 0)))]
    if detail.get("done"):
        if detail.get("ratings"):
            parts.append(
                str(
                    _l(
                        "feedback rated %(mean)s / 4 on average (%(n)d rating(s))",
                        mean=_number(detail["mean_rating"]),
                        n=detail["ratings"],
                    )
                )
            )
        else:
            parts.append(str(_l("no feedback rated yet (counted as 2 / 4)")))
    return "; ".join(parts)


@criterion(
    "evaluator_contribution",
    _l("Contribution as an evaluator"),
    _l(
        "Peer evaluations done as the evaluator, each counted from 0.5 to 1 by the feedback "
        "rating received (0 to 4)."
    ),
    details=_contribution_details,  # same inputs as peer_marks, whose fingerprint covers both
    explain=explain_contribution,
)
def _evaluator_contribution(piscine, user_ids):
    figures = _figures(piscine, user_ids)
    if not figures.any_filled:
        return dict.fromkeys(user_ids)  # the piscine has no peer evaluation yet: neutral
    return {u: contribution(figures.done[u], figures.ratings.get(u, [])) for u in user_ids}
