"""The labelled set: pairs known to be copies (generated disguises of independent solutions)
and pairs known to be independent (two solutions written apart, the shipped reference, its
known-wrong variants), scored by the detector. `python -m tests.integrity.labelled` prints
the figures kept in docs/integrity.md."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from school101.services.integrity.fingerprints import (
    DEFAULT_MIN_TOKENS,
    DEFAULT_THRESHOLD,
    compare,
    fingerprint,
)
from school101.services.integrity.given import exercise_base
from tests.integrity.transforms import TRANSFORMATIONS

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = ROOT / "exercises"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass(frozen=True)
class Pair:
    exercise: str
    kind: str  # the transformation, or "independent", "reference", "wrong"
    copied: bool
    score: float
    tokens: int  # the smaller side's token count


def _sources(folder: Path) -> list[str]:
    return [p.read_text() for p in sorted(folder.glob("*.c"))]


def labelled_pairs(seed: int = 14) -> list[Pair]:
    """Every labelled pair of the set, scored."""
    rng = random.Random(seed)
    pairs: list[Pair] = []
    for folder in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        exercise = folder.name.replace("_", "/")
        base = exercise_base(str(EXERCISES), exercise)
        own = {p.stem: p.read_text() for p in sorted(folder.glob("*.c"))}
        given = {"reference": _sources(EXERCISES / exercise / "reference")}
        for wrong in sorted((EXERCISES / exercise / "wrong").glob("*")):
            given[f"wrong:{wrong.name}"] = _sources(wrong)
        docs = {name: fingerprint([src], base) for name, src in own.items()}
        docs.update({name: fingerprint(srcs, base) for name, srcs in given.items()})

        def add(kind: str, copied: bool, a, b, exercise=exercise) -> None:
            score = compare(a, b).score
            pairs.append(Pair(exercise, kind, copied, score, min(a.token_count, b.token_count)))

        names = sorted(docs)
        for i, x in enumerate(names):
            for y in names[i + 1 :]:
                if x.startswith("wrong:") and y.startswith("wrong:"):
                    continue  # one author's variations of one program: not independent
                if x in own and y in own:
                    kind = "independent"
                elif "reference" in (x, y):
                    kind = "vs reference"
                else:
                    kind = "vs wrong variant"
                add(kind, False, docs[x], docs[y])
        for name, src in own.items():
            for kind, transform in TRANSFORMATIONS.items():
                disguised = transform(src, rng)
                if disguised is None:
                    continue
                copy = fingerprint([disguised], base)
                add(kind, True, docs[name], copy)
                for other in own:
                    if other != name:  # a disguised copy of A is still independent of B
                        add("independent", False, copy, docs[other])
    return pairs


def quality(pairs: list[Pair], threshold: float = DEFAULT_THRESHOLD) -> dict:
    """Precision and recall at a threshold (pairs below the minimum token count excluded)."""
    judged = [p for p in pairs if p.tokens >= DEFAULT_MIN_TOKENS]
    flagged = [p for p in judged if p.score >= threshold]
    true_pos = sum(p.copied for p in flagged)
    copies = sum(p.copied for p in judged)
    by_kind: dict[str, list[int]] = {}
    for p in judged:
        if p.copied:
            hits = by_kind.setdefault(p.kind, [0, 0])
            hits[0] += p.score >= threshold
            hits[1] += 1
    return {
        "pairs": len(judged),
        "copies": copies,
        "independent": len(judged) - copies,
        "flagged": len(flagged),
        "precision": true_pos / len(flagged) if flagged else 1.0,
        "recall": true_pos / copies if copies else 1.0,
        "false_positives": [p for p in flagged if not p.copied],
        "recall_by_kind": {k: v[0] / v[1] for k, v in sorted(by_kind.items())},
        "max_independent": max((p.score for p in judged if not p.copied), default=0.0),
    }


if __name__ == "__main__":
    all_pairs = labelled_pairs()
    for threshold in (0.5, 0.6, 0.65, 0.7, 0.75, 0.8):
        q = quality(all_pairs, threshold)
        print(
            f"threshold {threshold:.2f}: {q['pairs']} pairs ({q['copies']} copies), "
            f"precision {q['precision']:.3f}, recall {q['recall']:.3f}, "
            f"max independent {q['max_independent']:.3f}"
        )
    q = quality(all_pairs)
    print("recall by kind:", {k: round(v, 3) for k, v in q["recall_by_kind"].items()})
    for p in q["false_positives"]:
        print("false positive:", p)
    for p in sorted(all_pairs, key=lambda p: p.score)[:0]:
        print(p)
    missed = [p for p in all_pairs if p.copied and p.score < DEFAULT_THRESHOLD]
    for p in missed:
        print("missed:", p)
    top = sorted((p for p in all_pairs if not p.copied), key=lambda p: -p.score)[:8]
    for p in top:
        print("top independent:", p)
