"""The full re-run for staff (`flask --app school101 integrity scan --piscine ID`): index
every owner's latest submission of a piscine, then compare each exercise's cohort at once
through the in-memory inverted index (services/integrity/cohort.py)."""

from __future__ import annotations

from collections import defaultdict

from school101.core import audit
from school101.core.errors import NotFound
from school101.core.permissions import ensure_staff_or_system
from school101.extensions import db
from school101.models import IntegrityDocument, IntegrityFingerprint, Piscine, Submission
from school101.services.integrity.cohort import compare_cohort
from school101.services.integrity.index import (
    compare_document,
    earlier_piscines,
    index_submission,
    owner_of,
    store_pair,
)


def _latest_submissions(piscine_id: int) -> list[int]:
    """The id of each owner's latest submission per exercise in a piscine."""
    latest: dict[tuple[str, str], int] = {}
    rows = db.session.execute(
        db.select(Submission.id, Submission.exercise, Submission.user_id, Submission.team_id)
        .where(Submission.piscine_id == piscine_id, Submission.source != "exam")
        .order_by(Submission.id)
    )
    for sub_id, exercise, user_id, team_id in rows:
        owner = f"t{team_id}" if team_id is not None else (f"u{user_id}" if user_id else None)
        if owner:
            latest[(owner, exercise)] = sub_id
    return sorted(latest.values())


def scan_piscine(piscine_id: int, *, with_earlier: bool = False, actor=None) -> dict:
    """Fingerprint what is missing and recompute every pair of a piscine. The caller commits."""
    ensure_staff_or_system(actor)
    if db.session.get(Piscine, piscine_id) is None:
        raise NotFound("no such piscine")
    indexed = 0
    for sub_id in _latest_submissions(piscine_id):
        submission = db.session.get(Submission, sub_id)
        if owner_of(submission) and index_submission(submission) is not None:
            indexed += 1
        db.session.expire(submission)  # the archive is not kept in memory
    docs = list(
        db.session.scalars(
            db.select(IntegrityDocument).where(
                IntegrityDocument.piscine_id == piscine_id, IntegrityDocument.current
            )
        )
    )
    by_exercise: dict[str, dict[int, IntegrityDocument]] = defaultdict(dict)
    for doc in docs:
        by_exercise[doc.exercise][doc.id] = doc
    pairs = 0
    for group in by_exercise.values():
        fps: dict[int, list[tuple[int, int]]] = defaultdict(list)
        rows = db.session.execute(
            db.select(
                IntegrityFingerprint.document_id,
                IntegrityFingerprint.hash,
                IntegrityFingerprint.position,
            ).where(IntegrityFingerprint.document_id.in_(list(group)))
        )
        for doc_id, value, pos in rows:
            fps[doc_id].append((value, pos))
        cohort = {doc_id: (d.own_tokens, fps.get(doc_id, [])) for doc_id, d in group.items()}
        found = compare_cohort(cohort, {doc_id: d.owner for doc_id, d in group.items()})
        for a, b, score, shared in found:
            store_pair(group[a], group[b], score, shared)
        pairs += len(found)
    if with_earlier and earlier_piscines(piscine_id):
        for doc in docs:
            compare_document(doc, with_earlier=True)
    summary = {
        "piscine_id": piscine_id,
        "indexed": indexed,
        "documents": len(docs),
        "pairs": pairs,
        "with_earlier": with_earlier,
    }
    audit.record(
        "integrity.scanned",
        actor=actor,
        target_type="piscine",
        target_id=piscine_id,
        after=summary,
    )
    return summary
