#!/usr/bin/env python3
"""Print the piscine's content as a Markdown table: per day, its exercises, tests (hidden),
known-wrong variants and the grader features it uses (docs/curriculum.md is this output).

    python scripts/curriculum_report.py [exercises/]
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader.exercise import load_exercise  # noqa: E402


def features(ex) -> set[str]:
    """The grader features an exercise relies on, in words."""
    used = set()
    if ex.make:
        used.add("Makefile")
    if ex.sanitize:
        used.add("memory check")
    if ex.checks:
        used.add("structure")
    if ex.language == "shell":
        used.add("shell")
    elif not ex.harness and not ex.make:
        used.add("program")
    if ex.language == "c" and not any(f.endswith(".c") for f in ex.files) and not ex.make:
        used.add("header")
    for t in ex.tests:
        if t.workdir:
            used.add("fixtures")
        if t.generate:
            used.add("generated inputs")
        if t.raw_args:
            used.add("byte arguments")
        if t.stderr is not None:
            used.add("stderr")
        if t.wall_seconds is not None or ex.limits.wall_seconds < 2:
            used.add("time limits")
    return used


def main() -> int:
    base = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "exercises"
    cur = tomllib.loads((base / "curriculum.toml").read_text())
    order = (
        cur["days"]
        + [p["day"] for p in cur.get("projects", [])]
        + cur.get("rushes", [])
        + cur["exams"]
    )
    print("| day | exercises | tests (hidden) | wrong variants | grader features |")
    print("|---|---|---|---|---|")
    totals = [0, 0, 0, 0]
    for day in order:
        folders = sorted(p.parent for p in (base / day).rglob("exercise.toml"))
        exercises = [load_exercise(f) for f in folders]
        tests = sum(len(e.tests) for e in exercises)
        hidden = sum(1 for e in exercises for t in e.tests if t.hidden)
        wrong = sum(1 for e in exercises for v in e.variants if v.status != "ok")
        used = sorted(set().union(*(features(e) for e in exercises)))
        print(f"| {day} | {len(exercises)} | {tests} ({hidden}) | {wrong} | {', '.join(used)} |")
        for i, n in enumerate((len(exercises), tests, hidden, wrong)):
            totals[i] += n
    print(f"| **total** | {totals[0]} | {totals[1]} ({totals[2]}) | {totals[3]} | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
