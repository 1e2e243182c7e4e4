"""Comparing a whole cohort for one exercise through an inverted index (fingerprint ->
documents), never all pairs: only documents sharing a fingerprint are compared. Pure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from school101.services.integrity.fingerprints import fragments, score_of

#: a fingerprint found in more than this share of an exercise's documents is common code
#: (an idiom of the day, a widely shared public solution) and proves nothing about a pair
COMMON_SHARE = 0.05
#: ... but never below this many documents, so a small cohort keeps every fingerprint
COMMON_MIN = 8
#: pairs scoring below this are not kept (staff can lower the page's threshold down to it)
STORE_FLOOR = 0.3


def common_cap(documents: int) -> int:
    """How many documents may share a fingerprint before it counts as common code."""
    return max(COMMON_MIN, int(documents * COMMON_SHARE))


def index_of(docs: Mapping[int, tuple]) -> dict[int, list[tuple[int, int]]]:
    """hash -> [(document id, position)] for documents given as {id: (own, fingerprints)}."""
    index: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for doc_id, (_own, fps) in docs.items():
        for value, pos in fps:
            index[value].append((doc_id, pos))
    return index


def compare_one(
    doc_id: int,
    own: int,
    fps,
    index: Mapping[int, list[tuple[int, int]]],
    owns: Mapping[int, int],
    cap: int,
    skip=lambda other: False,
) -> list[tuple[int, float, int]]:
    """(other document, score, shared fingerprints) for every document sharing code with one
    document, at or above STORE_FLOOR. `skip(other)` leaves out e.g. the same owner."""
    hits: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    mine = []
    for value, pos in fps:
        entries = index.get(value)
        if not entries:
            continue
        if len({d for d, _ in entries}) > cap:
            continue
        mine.append((value, pos))
        for other, other_pos in entries:
            if other != doc_id and not skip(other):
                hits[other][value].append(other_pos)
    out = []
    for other, positions in hits.items():
        kept, shared = fragments(mine, positions)
        score = score_of(kept, own, owns[other])
        if score >= STORE_FLOOR:
            out.append((other, score, shared))
    return out


def compare_cohort(
    docs: Mapping[int, tuple], owners: Mapping[int, str] | None = None
) -> list[tuple[int, int, float, int]]:
    """Every pair (a < b, score, shared) of one exercise's documents at or above STORE_FLOOR;
    documents of the same owner are not compared."""
    index = index_of(docs)
    owns = {doc_id: own for doc_id, (own, _fps) in docs.items()}
    cap = common_cap(len(docs))
    pairs = []
    for doc_id, (own, fps) in docs.items():

        def skip(other, doc_id=doc_id):
            return other <= doc_id or (owners is not None and owners[other] == owners[doc_id])

        for other, score, shared in compare_one(doc_id, own, fps, index, owns, cap, skip):
            pairs.append((doc_id, other, score, shared))
    return pairs
