"""Fingerprinting graded submissions into the index, and the incremental comparison.

Each graded submission is fingerprinted once (`integrity_documents`, one per submission);
only its owner's latest for an exercise is `current` and has rows in the fingerprint index.
A new document is compared with the documents of the same exercise and piscine that share
one of its fingerprints (a lookup by `(exercise, hash)`), never with all of them.
"""

from __future__ import annotations

import io
import tarfile

from flask import current_app
from sqlalchemy import func

from school101.core import signals
from school101.extensions import db
from school101.models import (
    GradingRun,
    IntegrityDocument,
    IntegrityFingerprint,
    IntegrityPair,
    Piscine,
    Submission,
)
from school101.models._base import utcnow
from school101.services.integrity.cohort import STORE_FLOOR, common_cap, compare_one
from school101.services.integrity.fingerprints import fingerprint
from school101.services.integrity.given import exercise_base

SOURCE_SUFFIXES = (".c", ".h")


def submission_sources(submission: Submission) -> list[str]:
    """The C files of a submission's snapshot, in name order."""
    out = []
    with tarfile.open(fileobj=io.BytesIO(submission.archive), mode="r") as tar:
        for member in sorted(tar.getmembers(), key=lambda m: m.name):
            if member.isfile() and member.name.endswith(SOURCE_SUFFIXES):
                out.append(tar.extractfile(member).read().decode("utf-8", errors="replace"))
    return out


def owner_of(submission: Submission) -> str | None:
    """Whose work it is: the rush team's for team work, else the candidate's."""
    if submission.team_id is not None:
        return f"t{submission.team_id}"
    if submission.user_id is not None:
        return f"u{submission.user_id}"
    return None


def base_for(exercise: str) -> frozenset[int]:
    return exercise_base(current_app.config["EXERCISES_DIR"], exercise)


def index_submission(submission: Submission) -> IntegrityDocument | None:
    """Fingerprint a submission once and make it its owner's current document for the
    exercise (older ones leave the index). None when there is nothing to fingerprint or a
    later submission of the same owner is already indexed. The caller commits."""
    owner = owner_of(submission)
    if owner is None or submission.piscine_id is None:
        return None
    known = db.session.scalar(
        db.select(IntegrityDocument).where(IntegrityDocument.submission_id == submission.id)
    )
    if known is not None:
        return known
    sources = submission_sources(submission)
    if not sources:
        return None
    same = (
        IntegrityDocument.owner == owner,
        IntegrityDocument.exercise == submission.exercise,
        IntegrityDocument.piscine_id == submission.piscine_id,
    )
    newest = db.session.scalar(db.select(func.max(IntegrityDocument.submission_id)).where(*same))
    if newest is not None and newest > submission.id:
        return None
    old_ids = list(
        db.session.scalars(db.select(IntegrityDocument.id).where(*same, IntegrityDocument.current))
    )
    if old_ids:
        db.session.execute(
            db.delete(IntegrityFingerprint).where(IntegrityFingerprint.document_id.in_(old_ids))
        )
        db.session.execute(
            db.update(IntegrityDocument)
            .where(IntegrityDocument.id.in_(old_ids))
            .values(current=False)
        )
    found = fingerprint(sources, base_for(submission.exercise))
    doc = IntegrityDocument(
        submission_id=submission.id,
        piscine_id=submission.piscine_id,
        exercise=submission.exercise,
        day_id=submission.day_id or submission.exercise.split("/")[0],
        owner=owner,
        user_id=submission.user_id if submission.team_id is None else None,
        team_id=submission.team_id,
        token_count=found.token_count,
        own_tokens=found.own_tokens,
        current=True,
    )
    db.session.add(doc)
    db.session.flush()
    doc.fingerprints_found = list(found.fingerprints)  # not a column: spares a read-back
    if found.fingerprints:
        db.session.execute(
            db.insert(IntegrityFingerprint),
            [
                {
                    "document_id": doc.id,
                    "piscine_id": doc.piscine_id,
                    "exercise": doc.exercise,
                    "hash": h,
                    "position": p,
                }
                for h, p in found.fingerprints
            ],
        )
    return doc


def earlier_piscines(piscine_id: int) -> list[int]:
    """The ids of the piscines that started before this one."""
    piscine = db.session.get(Piscine, piscine_id)
    if piscine is None:
        return []
    return list(
        db.session.scalars(db.select(Piscine.id).where(Piscine.starts_on < piscine.starts_on))
    )


def compare_document(
    doc: IntegrityDocument, *, with_earlier: bool = False, fps: list | None = None
) -> int:
    """Compare one current document with the index (same exercise, same piscine, and earlier
    piscines when asked); store or refresh the pairs. Returns how many pairs it touched.
    `fps` are the document's fingerprints when the caller has them (else they are read)."""
    if fps is None:
        fps = list(
            db.session.execute(
                db.select(IntegrityFingerprint.hash, IntegrityFingerprint.position).where(
                    IntegrityFingerprint.document_id == doc.id
                )
            )
        )
    if not fps:
        return 0
    piscines = [doc.piscine_id] + (earlier_piscines(doc.piscine_id) if with_earlier else [])
    population = db.session.scalar(
        db.select(func.count(IntegrityDocument.id)).where(
            IntegrityDocument.exercise == doc.exercise,
            IntegrityDocument.piscine_id == doc.piscine_id,
            IntegrityDocument.current,
        )
    )
    cap = common_cap(population or 0)
    # only current documents have fingerprints, and each row carries its piscine: no join
    scope = (
        IntegrityFingerprint.exercise == doc.exercise,
        IntegrityFingerprint.piscine_id.in_(piscines),
    )
    # common fingerprints are dropped in the database: their rows are never fetched
    rare = (
        db.select(IntegrityFingerprint.hash)
        .where(*scope, IntegrityFingerprint.hash.in_({h for h, _ in fps}))
        .group_by(IntegrityFingerprint.hash)
        .having(func.count(func.distinct(IntegrityFingerprint.document_id)) <= cap)
    )
    rows = db.session.execute(
        db.select(
            IntegrityFingerprint.hash,
            IntegrityFingerprint.document_id,
            IntegrityFingerprint.position,
        ).where(*scope, IntegrityFingerprint.hash.in_(rare))
    )
    index: dict[int, list[tuple[int, int]]] = {}
    for value, doc_id, pos in rows:
        index.setdefault(value, []).append((doc_id, pos))
    others = {d for entries in index.values() for d, _ in entries}
    meta = {
        d.id: d
        for d in db.session.scalars(
            db.select(IntegrityDocument).where(IntegrityDocument.id.in_(others))
        )
    }
    found = compare_one(
        doc.id,
        doc.own_tokens,
        fps,
        index,
        {k: v.own_tokens for k, v in meta.items()},
        cap,
        skip=lambda other: meta[other].owner == doc.owner,
    )
    existing = {
        (pair.owner_a, pair.owner_b): pair
        for pair in db.session.scalars(
            db.select(IntegrityPair).where(
                IntegrityPair.piscine_id == doc.piscine_id,
                IntegrityPair.exercise == doc.exercise,
                (IntegrityPair.owner_a == doc.owner) | (IntegrityPair.owner_b == doc.owner),
            )
        )
    }
    touched = set()
    for other_id, score, shared in found:
        pair = store_pair(doc, meta[other_id], score, shared, existing=existing)
        if pair is not None:
            touched.add(pair.id if pair.id is not None else id(pair))
    # a pair this owner had on the exercise that no longer matches keeps its row, at its new score
    for pair in existing.values():
        if doc.id not in (pair.document_a_id, pair.document_b_id):
            pair.score, pair.shared, pair.updated_at = 0.0, 0, utcnow()
    return len(touched)


def store_pair(
    doc: IntegrityDocument,
    other: IntegrityDocument,
    score: float,
    shared: int,
    *,
    existing: dict | None = None,
):
    """Create or refresh the pair of two documents (the newer piscine's side first when
    they come from two piscines). A decision already taken stays. `existing` maps
    (owner_a, owner_b) to the pairs already loaded (spares a query per pair)."""
    earlier = other.piscine_id != doc.piscine_id
    if earlier or doc.owner < other.owner:
        a, b = doc, other
    else:
        a, b = other, doc
    if existing is not None and not earlier:
        pair = existing.get((a.owner, b.owner))
    else:
        pair = db.session.scalar(
            db.select(IntegrityPair).where(
                IntegrityPair.piscine_id == a.piscine_id,
                IntegrityPair.exercise == a.exercise,
                IntegrityPair.owner_a == a.owner,
                IntegrityPair.owner_b == b.owner,
            )
        )
    if pair is None:
        if score < STORE_FLOOR:
            return None
        pair = IntegrityPair(
            piscine_id=a.piscine_id,
            exercise=a.exercise,
            day_id=a.day_id,
            owner_a=a.owner,
            owner_b=b.owner,
            status="open",
            reason="",
            earlier=earlier,
        )
        db.session.add(pair)
    pair.user_a_id, pair.team_a_id, pair.document_a_id = a.user_id, a.team_id, a.id
    pair.user_b_id, pair.team_b_id, pair.document_b_id = b.user_id, b.team_id, b.id
    pair.score, pair.shared = score, shared
    pair.tokens = min(a.token_count, b.token_count)
    pair.updated_at = utcnow()
    return pair


def check_submission(submission: Submission) -> int:
    """Index a submission and compare it (the incremental path). The caller commits."""
    doc = index_submission(submission)
    if doc is None or not doc.current:
        return 0
    return compare_document(doc, fps=getattr(doc, "fingerprints_found", None))


@signals.grading_run_finished.connect
def after_graded(run: GradingRun, **_extra) -> bool:
    """Receiver of `grading_run_finished`: fingerprint and compare a graded piscine
    submission. Never raises and never touches the run: on error it logs and rolls back
    its own work (the verdict is already committed)."""
    if run is None or run.status != "graded" or run.reason == "exam":
        return False
    try:
        submission = db.session.get(Submission, run.submission_id)
        if submission is None or submission.piscine_id is None:
            return False
        check_submission(submission)
        db.session.commit()
        return True
    except Exception:
        db.session.rollback()
        current_app.logger.exception("integrity check of run %s failed", run.id)
        return False
