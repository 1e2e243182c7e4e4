"""No two modules of school101 or grader import each other, even through imports made inside
functions (import-linter checks the layers; `make lint` runs the same script)."""

from __future__ import annotations

import runpy
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "import_cycles.py"


def test_no_import_cycle_in_school101_or_grader():
    tool = runpy.run_path(str(SCRIPT))
    graph = tool["import_graph"](["school101", "grader"])
    assert len(graph) > 150, "the import graph looks empty"
    assert tool["cycles"](graph) == []


def test_the_cycle_finder_finds_a_cycle():
    tool = runpy.run_path(str(SCRIPT))
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert tool["cycles"](graph) == [["a", "b", "c"]]
