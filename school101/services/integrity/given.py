"""The code the school gives for an exercise (its *base*): the reference solution, the
prototype and the subject's code examples. Pure: reads an exercise folder, no Flask."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from school101.services.integrity.fingerprints import base_hashes, subject_code


def given_sources(exercise_dir: str | Path) -> list[str]:
    """The C sources a candidate is given or expected to write alike, for one exercise."""
    folder = Path(exercise_dir)
    sources: list[str] = []
    toml = folder / "exercise.toml"
    if toml.is_file():
        meta = tomllib.loads(toml.read_text(encoding="utf-8"))
        if meta.get("prototype"):
            sources.append(str(meta["prototype"]))
    reference = folder / "reference"
    if reference.is_dir():
        sources.extend(
            p.read_text(encoding="utf-8", errors="replace")
            for p in sorted(reference.rglob("*"))
            if p.is_file() and p.suffix in (".c", ".h")
        )
    for subject in sorted(folder.glob("subject.*.md")):
        sources.extend(subject_code(subject.read_text(encoding="utf-8", errors="replace")))
    return sources


@lru_cache(maxsize=256)
def exercise_base(exercises_dir: str, exercise: str) -> frozenset[int]:
    """The base k-gram hashes of an exercise ("c02/ex09"), cached per process."""
    root = Path(exercises_dir).resolve()
    folder = (root / exercise).resolve()
    if root not in folder.parents or not folder.is_dir():
        return frozenset()
    return base_hashes(given_sources(folder))
