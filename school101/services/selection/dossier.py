"""Everything a decision about a candidate of a piscine needs, read at once for one screen: the
selection games, the days and their verdicts, exams, peer evaluations, plagiarism flags, the
application's notes, and the history (invitation, booking, decisions).

Blind mode: the dossier never carries who the person is when `blind` is true: no name, e-mail
or application link, no staff notes (free text written while the name was known), and the
evaluations' other side is left out on both sides."""

from __future__ import annotations

from school101.core.clock import as_aware, iso_utc
from school101.core.permissions import ensure_staff
from school101.extensions import db
from school101.models import (
    Application,
    Booking,
    Decision,
    Evaluation,
    ExamAttempt,
    Invitation,
    Piscine,
    RoundPiscine,
    SelectionRound,
)
from school101.models._base import utcnow
from school101.services.grading import results
from school101.services.integrity.pairs import confirmed_cases


def _application(piscine: Piscine, user_id: int) -> Application | None:
    """The application that led to this piscine (its campaign's), else the newest one."""
    rows = list(
        db.session.scalars(
            db.select(Application)
            .where(Application.user_id == user_id)
            .order_by(Application.created_at.desc(), Application.id.desc())
        )
    )
    same = [a for a in rows if piscine.campaign_id and a.campaign_id == piscine.campaign_id]
    return (same or rows or [None])[0]


def _exams(piscine: Piscine, user_id: int) -> list[dict]:
    attempts = {
        a.exam_id: a
        for a in db.session.scalars(
            db.select(ExamAttempt).where(
                ExamAttempt.piscine_id == piscine.id, ExamAttempt.user_id == user_id
            )
        )
    }
    return [{"day": d, "attempt": attempts.get(d.id)} for d in piscine.days if d.kind == "exam"]


def _evaluations(piscine: Piscine, user_id: int) -> dict:
    evaluated = list(
        db.session.scalars(
            db.select(Evaluation)
            .where(Evaluation.piscine_id == piscine.id, Evaluation.evaluated_id == user_id)
            .order_by(Evaluation.starts_at)
        )
    )
    given = db.session.scalar(
        db.select(db.func.count())
        .select_from(Evaluation)
        .where(
            Evaluation.piscine_id == piscine.id,
            Evaluation.evaluator_id == user_id,
            Evaluation.submitted_at.is_not(None),
        )
    )
    return {"received": evaluated, "given": given or 0}


def _history(piscine: Piscine, user_id: int) -> list[dict]:
    """Invitation, booking and decisions, oldest first."""
    events: list[dict] = []
    invitation = db.session.scalar(
        db.select(Invitation).where(
            Invitation.piscine_id == piscine.id, Invitation.user_id == user_id
        )
    )
    if invitation is not None:
        events.append({"kind": "invited", "at": invitation.created_at})
    booking = db.session.scalar(
        db.select(Booking).where(Booking.piscine_id == piscine.id, Booking.user_id == user_id)
    )
    if booking is not None and booking.booked_at is not None:
        events.append({"kind": "booked", "at": booking.booked_at})
    for decision in db.session.scalars(
        db.select(Decision)
        .where(Decision.piscine_id == piscine.id, Decision.user_id == user_id)
        .order_by(Decision.version)
    ):
        events.append({"kind": "decision", "at": decision.decided_at, "decision": decision})
    return sorted(events, key=lambda e: (e["at"] is None, e["at"] or 0))


def rounds_ranking(piscine: Piscine) -> list[SelectionRound]:
    """The selection rounds ranking this piscine, newest first."""
    return list(
        db.session.scalars(
            db.select(SelectionRound)
            .join(RoundPiscine, RoundPiscine.round_id == SelectionRound.id)
            .where(RoundPiscine.piscine_id == piscine.id)
            .order_by(SelectionRound.id.desc())
        )
    )


def candidate_dossier(piscine: Piscine, user_id: int, *, blind: bool, actor) -> dict:
    """One candidate's dossier in a piscine (staff only). With `blind`, nothing in it tells who
    the person is (see the module's docstring)."""
    ensure_staff(actor)
    application = _application(piscine, user_id)
    day_results = results.candidate_results(piscine, user_id)
    now = utcnow()
    opened = {d.day_id for d in piscine.days if as_aware(d.opens_at) <= now}
    return {
        "application": application,
        "notes": [] if blind or application is None else list(application.notes),
        "notes_hidden": blind and application is not None and bool(application.notes),
        # days not open yet say nothing about the person: counted, not listed
        "results": [r for r in day_results if r.day_id in opened],
        "days_to_come": sum(1 for r in day_results if r.day_id not in opened),
        "progress": results.progress(day_results),
        "exams": _exams(piscine, user_id),
        "evaluations": _evaluations(piscine, user_id),
        "integrity_cases": confirmed_cases(user_id, piscine.id),
        "history": _history(piscine, user_id),
    }


def _iso(value) -> str | None:
    return iso_utc(value) if value is not None else None


def dossier_to_json(dossier: dict, *, candidate, key: str, blind: bool) -> dict:
    """The dossier for the API: the person named by `key` (the code while blind, with no user
    id, name, e-mail or notes), dates in ISO 8601 UTC."""
    application = dossier["application"]
    out = {
        "candidate": key,
        "blind": blind,
        "games": None
        if application is None
        else {
            "memory_score": application.memory_score,
            "logic_score": application.logic_score,
            "logic_instructions": application.logic_instructions,
            "logic_time_ms": application.logic_time_ms,
            "completed_at": _iso(application.games_completed_at),
        },
        "progress": dossier["progress"],
        "days": [
            {
                "day_id": r.day_id,
                "state": r.state,
                "score": r.score,
                "max_score": r.max_score,
                "exercises": [
                    {k: e.get(k) for k in ("exercise", "status", "passed", "trace")}
                    for e in r.exercises
                ],
            }
            for r in dossier["results"]
        ],
        "days_to_come": dossier["days_to_come"],
        "exams": [
            {
                "exam": e["day"].day_id,
                "opens_at": _iso(e["day"].opens_at),
                "status": e["attempt"].status if e["attempt"] else "not_taken",
                "points": e["attempt"].points if e["attempt"] else None,
                "max_points": e["attempt"].max_points if e["attempt"] else None,
            }
            for e in dossier["exams"]
        ],
        "evaluations": {
            "given": dossier["evaluations"]["given"],
            "received": [
                {
                    "day_id": e.day_id,
                    "starts_at": _iso(e.starts_at),
                    "status": e.status,
                    "mark": e.mark,
                    "to_staff": e.to_staff,
                }
                for e in dossier["evaluations"]["received"]
            ],
        },
        "integrity_cases": [
            {"pair_id": c.id, "exercise": c.exercise, "score": c.score, "reason": c.reason}
            for c in dossier["integrity_cases"]
        ],
        "notes_hidden": dossier["notes_hidden"],
        "notes": [{"created_at": _iso(n.created_at), "body": n.body} for n in dossier["notes"]],
        "history": [
            {"kind": e["kind"], "at": _iso(e["at"])}
            | (
                {"decision": e["decision"].decision, "current": e["decision"].current}
                if e["kind"] == "decision"
                else {}
            )
            for e in dossier["history"]
        ],
    }
    if not blind:
        out.update(
            user_id=candidate.id,
            name=candidate.full_name,
            email=candidate.email,
            application_id=application.id if application else None,
        )
    return out
