"""The person's complete export (RGPD right of access and portability).

`export_data(user)` is one JSON object, one key per section, each section built by one context's
exporter (SECTIONS, in order). A context that starts holding personal data (peer evaluations,
integrity decisions) adds its exporter here; tests/retention/test_export.py checks every
section. `write_zip(user, out)` writes the same JSON as data.json plus the files the person
turned in, each submission unpacked under submissions/<exercise>/<submission id>/.
"""

from __future__ import annotations

import io
import json
import re
import tarfile
import tempfile
import zipfile
from collections.abc import Callable

from school101.extensions import db
from school101.models import (
    Booking,
    Decision,
    ExamAttempt,
    ExamConnection,
    GradingRun,
    Invitation,
    Piscine,
    Submission,
)
from school101.models.results import DayGrading
from school101.services.privacy import rights
from school101.services.privacy.rights import iso


def _json(text: str):
    """Stored JSON (a verdict, a breakdown) as data; text that is not JSON stays text."""
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def _piscine_names(ids) -> dict[int, str]:
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    rows = db.session.execute(db.select(Piscine.id, Piscine.name).where(Piscine.id.in_(ids)))
    return {piscine_id: name for piscine_id, name in rows}


def piscine_section(user) -> dict:
    """Invitations to piscines and seat bookings (waitlist included)."""
    invitations = list(
        db.session.scalars(
            db.select(Invitation).where(Invitation.user_id == user.id).order_by(Invitation.id)
        )
    )
    bookings = list(
        db.session.scalars(
            db.select(Booking).where(Booking.user_id == user.id).order_by(Booking.id)
        )
    )
    names = _piscine_names([r.piscine_id for r in invitations + bookings])
    return {
        "invitations": [
            {
                "piscine_id": i.piscine_id,
                "piscine": names.get(i.piscine_id),
                "status": i.status,
                "created_at": iso(i.created_at),
            }
            for i in invitations
        ],
        "bookings": [
            {
                "piscine_id": b.piscine_id,
                "piscine": names.get(b.piscine_id),
                "status": b.status,
                "booked_at": iso(b.booked_at),
                "waitlisted_at": iso(b.waitlisted_at),
                "cancelled_at": iso(b.cancelled_at),
                "note": b.note,
            }
            for b in bookings
        ],
    }


def _run_json(run: GradingRun) -> dict:
    return {
        "id": run.id,
        "status": run.status,
        "reason": run.reason,
        "queued_at": iso(run.queued_at),
        "started_at": iso(run.started_at),
        "finished_at": iso(run.finished_at),
        "verdict_status": run.verdict_status,
        "passed": run.passed,
        "score": run.score,
        "duration_ms": run.duration_ms,
        "verdict": _json(run.verdict),
        "error": run.error,
    }


def grading_section(user) -> dict:
    """Submissions (their files are in the zip), every grading run with its verdict, and the
    official day results."""
    submissions = db.session.execute(
        db.select(
            Submission.id,
            Submission.exercise,
            Submission.piscine_id,
            Submission.day_id,
            Submission.source,
            Submission.sha256,
            Submission.size,
            Submission.file_count,
            Submission.created_at,
        )
        .where(Submission.user_id == user.id)
        .order_by(Submission.id)
    ).all()
    runs: dict[int, list] = {}
    if submissions:
        for run in db.session.scalars(
            db.select(GradingRun)
            .where(GradingRun.submission_id.in_([s.id for s in submissions]))
            .order_by(GradingRun.id)
        ):
            runs.setdefault(run.submission_id, []).append(_run_json(run))
    days = db.session.scalars(
        db.select(DayGrading).where(DayGrading.user_id == user.id).order_by(DayGrading.id)
    )
    return {
        "submissions": [
            {
                "id": s.id,
                "exercise": s.exercise,
                "piscine_id": s.piscine_id,
                "day_id": s.day_id,
                "source": s.source,
                "sha256": s.sha256,
                "size": s.size,
                "file_count": s.file_count,
                "created_at": iso(s.created_at),
                "files": f"{submission_folder(s.exercise, s.id)}/",
                "runs": runs.get(s.id, []),
            }
            for s in submissions
        ],
        "day_results": [
            {
                "piscine_id": d.piscine_id,
                "day_id": d.day_id,
                "reason": d.reason,
                "status": d.status,
                "score": d.score,
                "max_score": d.max_score,
                "queued_at": iso(d.queued_at),
                "finished_at": iso(d.finished_at),
                "submissions": _json(d.submissions),
                "verdict": _json(d.verdict),
                "error": d.error,
            }
            for d in days
        ],
    }


def exams_section(user) -> dict:
    """Exam attempts, the exercise drawn at each level and every grademe try."""
    attempts = db.session.scalars(
        db.select(ExamAttempt).where(ExamAttempt.user_id == user.id).order_by(ExamAttempt.id)
    )
    return {
        "attempts": [
            {
                "id": a.id,
                "exam_id": a.exam_id,
                "piscine_id": a.piscine_id,
                "pool": a.pool,
                "duration_minutes": a.duration_minutes,
                "started_at": iso(a.started_at),
                "ends_at": iso(a.ends_at),
                "finished_at": iso(a.finished_at),
                "status": a.status,
                "level": a.level,
                "levels_total": a.levels_total,
                "points": a.points,
                "max_points": a.max_points,
                "assignments": [
                    {
                        "level": s.level,
                        "level_key": s.level_key,
                        "exercise": s.exercise,
                        "points": s.points,
                        "assigned_at": iso(s.assigned_at),
                        "tries": s.tries,
                        "failures": s.failures,
                        "next_try_at": iso(s.next_try_at),
                        "passed_at": iso(s.passed_at),
                    }
                    for s in a.assignments
                ],
                "tries": [
                    {
                        "level": t.assignment.level,
                        "number": t.number,
                        "submission_id": t.submission_id,
                        "run_id": t.run_id,
                        "requested_at": iso(t.requested_at),
                        "outcome": t.outcome,
                        "evaluated_at": iso(t.evaluated_at),
                        "wait_seconds": t.wait_seconds,
                    }
                    for t in a.tries
                ],
                "connections": _exam_connections(a.id),
            }
            for a in attempts
        ]
    }


def _exam_connections(attempt_id: int) -> list[dict]:
    """The browsers and API tokens the person took an exam with, and from where."""
    rows = db.session.scalars(
        db.select(ExamConnection)
        .where(ExamConnection.attempt_id == attempt_id)
        .order_by(ExamConnection.id)
    )
    return [
        {
            "kind": c.kind,
            "address": c.address,
            "user_agent": c.user_agent,
            "started_at": iso(c.started_at),
            "last_seen_at": iso(c.last_seen_at),
            "ended_at": iso(c.ended_at),
        }
        for c in rows
    ]


def selection_section(user) -> dict:
    """Selection decisions about the person (every revision, with the reason and the ranking
    as it stood) and the offers made to them."""
    rows = list(
        db.session.scalars(
            db.select(Decision)
            .where(Decision.user_id == user.id)
            .order_by(Decision.piscine_id, Decision.version)
        )
    )
    names = _piscine_names([d.piscine_id for d in rows])
    return {
        "decisions": [
            {
                "piscine_id": d.piscine_id,
                "piscine": names.get(d.piscine_id),
                "version": d.version,
                "current": d.current,
                "decision": d.decision,
                "reason": d.reason,
                "decided_at": iso(d.decided_at),
                "notified_at": iso(d.notified_at),
                "ranking": _json(d.breakdown),
                "offer": None
                if not d.offer_status
                else {
                    "status": d.offer_status,
                    "deadline": iso(d.offer_deadline),
                    "responded_at": iso(d.responded_at),
                },
            }
            for d in rows
        ]
    }


def evaluations_section(user) -> dict:
    """Peer evaluations of the person's work and by the person (the other side's identity is
    theirs, not exported), availability windows, points movements, rush teams with the
    team's shared submissions (a teammate's push listed, not named) and one's defenses with
    one's own mark."""
    from school101.models import (
        AvailabilitySlot,
        Evaluation,
        EvaluationMember,
        PointsEntry,
        RushTeamMember,
    )

    def one(e: Evaluation, role: str) -> dict:
        return {
            "id": e.id,
            "role": role,
            "piscine_id": e.piscine_id,
            "day_id": e.day_id,
            "starts_at": iso(e.starts_at),
            "status": e.status,
            "mark": e.mark,
            "flags": [f for f in e.flags.split(",") if f],
            "answers": _json(e.answers),
            "feedback": e.feedback,
            "feedback_rating": e.feedback_rating,
            "feedback_comment": e.feedback_comment,
        }

    mine = db.session.scalars(
        db.select(Evaluation)
        .where((Evaluation.evaluated_id == user.id) | (Evaluation.evaluator_id == user.id))
        .order_by(Evaluation.id)
    )
    windows = db.session.scalars(
        db.select(AvailabilitySlot).filter_by(user_id=user.id).order_by(AvailabilitySlot.id)
    )
    entries = db.session.scalars(
        db.select(PointsEntry).filter_by(user_id=user.id).order_by(PointsEntry.id)
    )
    members = list(db.session.scalars(db.select(RushTeamMember).filter_by(user_id=user.id)))
    team_work: dict[int, list[dict]] = {}
    if members:
        for sub in db.session.scalars(
            db.select(Submission)
            .where(Submission.team_id.in_([m.team_id for m in members]))
            .order_by(Submission.id)
        ):  # the team's shared work; a teammate's push is listed without naming them
            team_work.setdefault(sub.team_id, []).append(
                {
                    "id": sub.id,
                    "exercise": sub.exercise,
                    "created_at": iso(sub.created_at),
                    "pushed_by_you": sub.user_id == user.id,
                }
            )
    defended = db.session.scalars(
        db.select(EvaluationMember).filter_by(user_id=user.id).order_by(EvaluationMember.id)
    )
    return {
        "evaluations": [
            one(e, "evaluated" if e.evaluated_id == user.id else "evaluator") for e in mine
        ],
        "availability": [
            {"piscine_id": w.piscine_id, "starts_at": iso(w.starts_at), "ends_at": iso(w.ends_at)}
            for w in windows
        ],
        "points": [
            {
                "piscine_id": p.piscine_id,
                "delta": p.delta,
                "reason": p.reason,
                "evaluation_id": p.evaluation_id,
                "at": iso(p.created_at),
            }
            for p in entries
        ],
        "rush_teams": [
            {
                "piscine_id": m.piscine_id,
                "rush": m.day_id,
                "team": m.team.number,
                "team_submissions": team_work.get(m.team_id, []),
            }
            for m in members
        ],
        "defenses": [
            {
                "evaluation_id": d.evaluation_id,
                "day_id": d.evaluation.day_id,
                "starts_at": iso(d.evaluation.starts_at),
                "status": d.evaluation.status,
                "team_mark": d.evaluation.mark,
                "your_mark": d.mark,
                "absent": d.absent,
                "cannot_explain": d.cannot_explain,
                "feedback": d.evaluation.feedback,
            }
            for d in defended
        ],
    }


def sections() -> list[tuple[str, Callable]]:
    """(key, exporter) in the order of data.json; each exporter takes the user."""
    return [
        ("account", rights.account_section),
        ("profile", rights.profile_section),
        ("consents", rights.consents_section),
        ("api_tokens", rights.api_tokens_section),
        ("applications", rights.applications_section),
        ("games", rights.games_section),
        ("piscine", piscine_section),
        ("grading", grading_section),
        ("exams", exams_section),
        ("evaluations", evaluations_section),
        ("selection", selection_section),
        ("directory", rights.directory_section),
        ("emails", rights.emails_section),
        ("history", rights.history_section),
    ]


def export_data(user) -> dict:
    """Everything the platform holds about `user`: one key per section (see `sections`)."""
    return {key: build(user) for key, build in sections()}


_SAFE_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def submission_folder(exercise: str, submission_id: int) -> str:
    """Where a submission's files go in the zip: submissions/<exercise>/<id> (an exercise name
    that is not a clean relative path is flattened, so nothing lands outside the folder)."""
    parts = [p for p in (exercise or "").split("/") if p]
    if not parts or not all(_SAFE_PART.match(p) for p in parts):
        parts = [re.sub(r"[^A-Za-z0-9._-]", "_", exercise or "unknown").strip(".") or "unknown"]
    return "/".join(["submissions", *parts, str(int(submission_id))])


def snapshot_files(archive: bytes):
    """(name, bytes) of a submission snapshot's regular files, flat names only (the rule of
    services.grading.runs.unpack); an erased snapshot (empty) has none."""
    if not archive:
        return
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r") as tar:
        for member in tar.getmembers():
            if not member.isfile() or "/" in member.name or member.name in {"", ".", ".."}:
                continue
            yield member.name, tar.extractfile(member).read()


def write_zip(user, out) -> dict:
    """Write the complete export into the binary file `out`: data.json, then the turned-in
    files. Snapshots are read one at a time, so memory holds one archive, not all of them.
    Returns the JSON written."""
    data = export_data(user)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        ids = [s["id"] for s in data["grading"]["submissions"]]
        for submission_id in ids:
            exercise, archive = db.session.execute(
                db.select(Submission.exercise, Submission.archive).where(
                    Submission.id == submission_id
                )
            ).one()
            folder = submission_folder(exercise, submission_id)
            for name, content in snapshot_files(archive):
                zf.writestr(f"{folder}/{name}", content)
            del archive
    return data


SPOOL_BYTES = 8 << 20


def zip_file(user):
    """The complete export as a rewound binary file: in memory up to SPOOL_BYTES, then on disk,
    so a person with many submissions does not fill a web process's memory."""
    out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (the response closes it)
    write_zip(user, out)
    out.seek(0)
    return out


def export_user_data(user) -> dict:
    """Everything the platform holds about `user`, as JSON-ready data: one key per section,
    each section from one context (see `sections`)."""
    return export_data(user)
