"""What staff see and decide: pairs of a piscine filtered by day, threshold and size,
clusters of three or more, one pair side by side with its matched regions, and the
audited decision ("cleared" or "confirmed", with a reason). Candidates see nothing here;
a confirmed case is shown on the candidate's staff page and flagged in the ranking."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

from school101.core import audit
from school101.core.errors import NotFound, ValidationFailed
from school101.core.paging import Page, paginate
from school101.core.permissions import ensure_staff
from school101.extensions import db
from school101.models import IntegrityDocument, IntegrityPair, Piscine, RushTeamMember, Submission
from school101.models._base import utcnow
from school101.services.integrity.cohort import STORE_FLOOR
from school101.services.integrity.fingerprints import (
    DEFAULT_MIN_TOKENS,
    DEFAULT_THRESHOLD,
    fingerprint,
    fragments,
    line_ranges,
    score_of,
)
from school101.services.integrity.index import base_for, submission_sources

DECISIONS = ("cleared", "confirmed")
STATUSES = ("open", "cleared", "confirmed")


@dataclass(frozen=True)
class Filters:
    day: str = ""
    threshold: float = DEFAULT_THRESHOLD
    min_tokens: int = DEFAULT_MIN_TOKENS
    status: str = ""


def parse_filters(
    day: Any = "", threshold: Any = None, min_tokens: Any = None, status: Any = ""
) -> Filters:
    """Filters from a query string; a bad value is a ValidationFailed with field messages."""
    errors = {}
    try:
        value = DEFAULT_THRESHOLD if threshold in (None, "") else float(threshold)
        if not STORE_FLOOR <= value <= 1:
            raise ValueError
    except (TypeError, ValueError):
        value = DEFAULT_THRESHOLD
        errors["threshold"] = _l("A number from %(low)s to 1, e.g. 0.7.", low=f"{STORE_FLOOR:g}")
    try:
        tokens = DEFAULT_MIN_TOKENS if min_tokens in (None, "") else int(min_tokens)
        if not 0 <= tokens <= 100000:
            raise ValueError
    except (TypeError, ValueError):
        tokens = DEFAULT_MIN_TOKENS
        errors["min_tokens"] = _l("A whole number from 0 to 100000.")
    day = (day or "").strip()
    if len(day) > 40:
        errors["day"] = _l("Unknown day.")
    if status not in ("", None, *STATUSES):
        errors["status"] = _l("Unknown status.")
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    return Filters(day=day, threshold=value, min_tokens=tokens, status=status or "")


def _piscine(piscine_id: int) -> Piscine:
    piscine = db.session.get(Piscine, piscine_id)
    if piscine is None:
        raise NotFound(_l("This piscine does not exist."))
    return piscine


def _filtered(piscine_id: int, filters: Filters):
    query = db.select(IntegrityPair).where(
        IntegrityPair.piscine_id == piscine_id,
        IntegrityPair.score >= filters.threshold,
        IntegrityPair.tokens >= filters.min_tokens,
    )
    if filters.day:
        query = query.where(IntegrityPair.day_id == filters.day)
    if filters.status:
        query = query.where(IntegrityPair.status == filters.status)
    return query


def list_pairs(piscine_id: int, filters: Filters, page: int, *, actor, per_page: int = 50) -> Page:
    """Pairs of a piscine matching the filters, highest score first."""
    ensure_staff(actor)
    _piscine(piscine_id)
    query = _filtered(piscine_id, filters).order_by(
        IntegrityPair.score.desc(), IntegrityPair.exercise, IntegrityPair.id
    )
    return paginate(query, page, per_page, clamp=True)


def clusters(piscine_id: int, filters: Filters, *, actor) -> list[dict]:
    """Groups of three or more owners linked by pairs above the threshold, per exercise."""
    ensure_staff(actor)
    links: dict[str, dict[str, str]] = {}
    for pair in db.session.scalars(_filtered(piscine_id, filters)):
        parent = links.setdefault(pair.exercise, {})

        def find(x, parent=parent):
            parent.setdefault(x, x)
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        ra, rb = find(pair.owner_a), find(pair.owner_b)
        if ra != rb:
            parent[rb] = ra
    out = []
    for exercise, parent in sorted(links.items()):
        groups: dict[str, list[str]] = {}
        for owner in parent:
            root = owner
            while parent[root] != root:
                root = parent[root]
            groups.setdefault(root, []).append(owner)
        for members in groups.values():
            if len(members) >= 3:
                out.append({"exercise": exercise, "owners": sorted(members)})
    out.sort(key=lambda c: (-len(c["owners"]), c["exercise"]))
    return out


def get_pair(pair_id: int, *, actor) -> IntegrityPair:
    ensure_staff(actor)
    pair = db.session.get(IntegrityPair, pair_id)
    if pair is None:
        raise NotFound(_l("This pair does not exist."))
    return pair


def _side(document_id: int | None) -> tuple[IntegrityDocument | None, list[str], Any]:
    doc = db.session.get(IntegrityDocument, document_id) if document_id else None
    if doc is None:
        return None, [], None
    submission = db.session.get(Submission, doc.submission_id)
    sources = submission_sources(submission) if submission else []
    return doc, sources, fingerprint(sources, base_for(doc.exercise))


def pair_evidence(pair: IntegrityPair) -> dict:
    """Both files with every line tagged by the matched region it belongs to (numbered, so
    the page marks regions with their number, not with colour only)."""
    doc_a, src_a, fp_a = _side(pair.document_a_id)
    doc_b, src_b, fp_b = _side(pair.document_b_id)
    regions = []
    marks_a: dict[tuple[int, int], int] = {}
    marks_b: dict[tuple[int, int], int] = {}
    score = 0.0
    if fp_a and fp_b:
        kept, _shared = fragments(fp_a.fingerprints, fp_b.fingerprints)
        score = score_of(kept, fp_a.own_tokens, fp_b.own_tokens)
        for number, frag in enumerate(kept, start=1):
            spans_a = line_ranges(fp_a.tokens, frag.a_start, frag.a_end)
            spans_b = line_ranges(fp_b.tokens, frag.b_start, frag.b_end)
            for marks, spans in ((marks_a, spans_a), (marks_b, spans_b)):
                for file, first, last in spans:
                    for line in range(first, last + 1):
                        marks.setdefault((file, line), number)
            regions.append({"number": number, "tokens": frag.size, "a": spans_a, "b": spans_b})

    def lines(sources, marks):
        return [
            [
                {"number": n, "text": text, "region": marks.get((f, n))}
                for n, text in enumerate(src.splitlines(), start=1)
            ]
            for f, src in enumerate(sources)
        ]

    return {
        "score": score,
        "regions": regions,
        "a": {"document": doc_a, "files": lines(src_a, marks_a)},
        "b": {"document": doc_b, "files": lines(src_b, marks_b)},
    }


def decide(pair_id: int, status: Any, reason: Any, *, actor) -> IntegrityPair:
    """Mark a pair cleared or confirmed with a written reason (audited; a later decision
    replaces an earlier one and is audited too). The caller commits."""
    pair = get_pair(pair_id, actor=actor)
    errors = {}
    if status not in DECISIONS:
        errors["status"] = _l("Choose cleared or confirmed.")
    try:
        text = audit.required_reason(reason)
    except ValidationFailed as exc:
        errors.update(exc.fields or {})
        text = ""
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    before = {"status": pair.status, "reason": pair.reason}
    pair.status, pair.reason = status, text
    pair.decided_by_id, pair.decided_at = actor.id, utcnow()
    audit.record(
        "integrity.pair_decided",
        actor=actor,
        target=pair,
        before=before,
        after={"status": status, "exercise": pair.exercise, "score": pair.score},
        reason=text,
    )
    return pair


def _team_ids(user_id: int) -> list[int]:
    return list(
        db.session.scalars(
            db.select(RushTeamMember.team_id).where(RushTeamMember.user_id == user_id)
        )
    )


def confirmed_cases(user_id: int, piscine_id: int | None = None) -> list[IntegrityPair]:
    """Confirmed pairs involving a candidate, directly or through a rush team."""
    teams = _team_ids(user_id)
    side = (IntegrityPair.user_a_id == user_id) | (IntegrityPair.user_b_id == user_id)
    if teams:
        side = side | IntegrityPair.team_a_id.in_(teams) | IntegrityPair.team_b_id.in_(teams)
    query = db.select(IntegrityPair).where(IntegrityPair.status == "confirmed", side)
    if piscine_id is not None:
        query = query.where(IntegrityPair.piscine_id == piscine_id)
    return list(db.session.scalars(query.order_by(IntegrityPair.exercise)))


def confirmed_counts(piscine_id: int, user_ids) -> dict[int, int]:
    """How many confirmed cases each of these candidates has in a piscine (ranking flag)."""
    ids = set(user_ids)
    counts: dict[int, int] = {}
    rows = db.session.execute(
        db.select(IntegrityPair.user_a_id, IntegrityPair.user_b_id).where(
            IntegrityPair.piscine_id == piscine_id, IntegrityPair.status == "confirmed"
        )
    )
    for a, b in rows:
        for uid in (a, b):
            if uid in ids:
                counts[uid] = counts.get(uid, 0) + 1
    return counts


def owner_names(owners) -> dict[str, str]:
    """Readable names of owners ("u12" -> the candidate's name, "t3" -> "team #3")."""
    from school101.models import User

    user_ids = [int(o[1:]) for o in owners if o.startswith("u")]
    names = {}
    if user_ids:
        for user in db.session.scalars(db.select(User).where(User.id.in_(user_ids))):
            names[f"u{user.id}"] = user.full_name or user.email
    for owner in owners:
        if owner.startswith("t"):
            names[owner] = str(_l("team #%(n)s", n=owner[1:]))
        names.setdefault(owner, owner)
    return names
