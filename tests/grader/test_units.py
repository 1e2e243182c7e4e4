"""Grader pieces that need no Docker: loading, files stage, norm, trace, contract."""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import pytest

import grader
from grader.build import symbols as _symbols
from grader.contract import Limits, NormResult, TestResult, Verdict
from grader.exercise import ExerciseError, load_day, load_exercise
from grader.norm import check_norm
from grader.runner import StageFailure, collect_files
from grader.trace import escape, show_diff

from .conftest import ROOT, write_exercise

C00 = ROOT / "exercises" / "c00"
TESTS = '[[tests]]\nname = "a"\nstdout = "a"\n'


def test_load_c00_exercises_and_day():
    day = load_day(C00)
    assert day.id == "c00" and day.exercises == tuple(f"ex0{i}" for i in range(9))
    assert day.stop_at_first_failure is True
    for name in day.exercises:
        ex = load_exercise(C00 / name)
        assert ex.id == f"c00/{name}" and ex.allowed_functions == ("write",) and ex.norm
        assert ex.language == "c" and ex.harness == ("tests/main.c",)
        assert (C00 / name / "subject.fr.md").is_file() and (C00 / name / "subject.en.md").is_file()
        assert any(v.status != "ok" for v in ex.variants)
    assert sum(load_exercise(C00 / n).weight for n in day.exercises) == 100


def test_loader_reads_stdout_files_and_limits(tmp_path):
    ex = write_exercise(
        tmp_path / "ex",
        tests='[[tests]]\nname = "f"\nstdout_file = "tests/o"\n',
        limits="wall_seconds = 3\noutput_kb = 8",
        extra={"tests/o": b"\x00\xff"},
    )
    loaded = load_exercise(ex)
    assert loaded.tests[0].stdout == b"\x00\xff"
    assert loaded.limits.wall_seconds == 3 and loaded.limits.output_kb == 8
    assert loaded.limits.cpu_seconds == 3


@pytest.mark.parametrize(
    "mutation,message",
    [
        (lambda t: t.replace('id = "test/hostile"', 'id = "bad id"'), "id"),
        (lambda t: t.replace('files = ["hostile.c"]', 'files = ["../x.c"]'), "files"),
        (lambda t: t.replace('language = "c"', 'language = "rust"'), "language"),
        (lambda t: t + '\n[[tests]]\nname = "a"\nstdout = "b"\n', "duplicate"),
        (
            lambda t: t.replace('harness = ["tests/main.c"]', 'harness = ["../../etc/passwd"]'),
            "leaves",
        ),
        (lambda t: t.replace('stdout = "a"', 'stdout_file = "/etc/passwd"'), "relative"),
        (lambda t: t + "\n[limits]\nbogus = 1\n", "limits"),
        (lambda t: t + '\n[[variants]]\npath = "wrong/x"\nstatus = "great"\n', "status"),
        (lambda t: t.replace("[build]", '[build]\ncflags = ["-O2; rm -rf /"]'), "cflags"),
    ],
)
def test_loader_rejects_bad_exercises(tmp_path, mutation, message):
    ex = write_exercise(tmp_path / "ex", tests=TESTS)
    toml = ex / "exercise.toml"
    toml.write_text(mutation(toml.read_text()))
    with pytest.raises(ExerciseError, match=message):
        load_exercise(ex)


def test_loader_requires_tests(tmp_path):
    ex = write_exercise(tmp_path / "ex", tests="")
    with pytest.raises(ExerciseError, match="no \\[\\[tests\\]\\]"):
        load_exercise(ex)


def test_files_stage(tmp_path):
    ex = load_exercise(write_exercise(tmp_path / "ex", tests=TESTS))
    sub = tmp_path / "sub"
    sub.mkdir()
    with pytest.raises(StageFailure) as fail:
        collect_files(ex, str(sub), Limits())
    assert fail.value.status == "missing_file"
    (sub / "hostile.c").symlink_to(sub / "other.c")
    (sub / "other.c").write_text("int x;\n")
    with pytest.raises(StageFailure) as fail:
        collect_files(ex, str(sub), Limits())
    assert fail.value.status == "rejected" and "symbolic link" in fail.value.message
    (sub / "hostile.c").unlink()
    os.mkfifo(sub / "hostile.c")
    with pytest.raises(StageFailure) as fail:
        collect_files(ex, str(sub), Limits())
    assert fail.value.status == "rejected"
    (sub / "hostile.c").unlink()
    (sub / "hostile.c").write_bytes(b"x" * (2 * 1024 + 1))
    with pytest.raises(StageFailure) as fail:
        collect_files(ex, str(sub), Limits(max_file_kb=2))
    assert fail.value.status == "rejected" and "too large" in fail.value.message
    (sub / "hostile.c").write_text("int y;\n")
    assert collect_files(ex, str(sub), Limits()) == {"hostile.c": b"int y;\n"}


def test_missing_submission_gives_missing_file_without_docker(tmp_path):
    ex = write_exercise(tmp_path / "ex", tests=TESTS)
    verdict = grader.grade(ex, tmp_path / "nowhere")
    assert verdict.status == "missing_file" and not verdict.passed


def test_norm_check_on_host():
    ok = check_norm({"ft_putchar.c": (C00 / "ex00" / "reference" / "ft_putchar.c").read_bytes()})
    assert ok.passed and ok.errors == ()
    bad = check_norm({"f.c": b"int main(void){return 0;}\n"})
    assert not bad.passed
    assert any("INVALID_HEADER" in e for e in bad.errors)
    assert all(not e.startswith("/") for e in bad.errors)


def test_symbols_parsing():
    out = (
        "\nft_a.o:\n                 U write\n0000000000000000 T ft_a\n"
        "                 U ft_b\n\nft_b.o:\n0000000000000000 T ft_b\n"
        "                 w __gmon_start__\n"
    )
    undefined, defined = _symbols(out)
    assert undefined == {"write", "ft_b", "__gmon_start__"}
    assert defined == {"ft_a", "ft_b"}


def test_trace_escape_and_diff():
    assert escape(b'a\n\t\x00\xff"\\') == 'a\\n\\t\\x00\\xff\\"\\\\'
    lines = show_diff(b"hello world", b"hello there")
    assert "first difference at byte 6" in lines[0]
    assert lines[1].startswith('expected: "hello world"')
    long = show_diff(b"x" * 500 + b"A" + b"y" * 500, b"x" * 500 + b"B")
    assert all(len(ln) < 200 for ln in long)
    assert "byte 500" in long[0]


def test_verdict_to_dict_is_the_contract():
    v = Verdict(
        "c00/ex00",
        "ok",
        True,
        100,
        (TestResult("t", True, "ok"),),
        NormResult(True, (), True),
        "trace",
        12,
    )
    assert v.to_dict() == {
        "exercise": "c00/ex00",
        "status": "ok",
        "passed": True,
        "score": 100,
        "tests": [{"name": "t", "passed": True, "status": "ok"}],
        "norm": {"passed": True, "errors": []},
        "trace": "trace",
        "duration_ms": 12,
    }


def test_grader_imports_nothing_from_school101():
    for path in Path(grader.__file__).parent.rglob("*.py"):
        text = path.read_text()
        assert not re.search(r"^\s*(import|from)\s+school101", text, re.MULTILINE), path


def _grader_imports() -> dict[str, set[str]]:
    """Module -> grader modules it imports (function-level imports included)."""
    pkg = Path(grader.__file__).parent
    mods = {
        ".".join(("grader", *p.relative_to(pkg).with_suffix("").parts)).removesuffix(".__init__"): p
        for p in pkg.rglob("*.py")
    }
    graph = {}
    for mod, path in mods.items():
        graph[mod] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                parent = node.module or ""
                if node.level:  # relative: from the module's package, one level up per extra dot
                    here = mod.split(".") if path.stem == "__init__" else mod.split(".")[:-1]
                    here = here[: len(here) - node.level + 1] + (
                        [node.module] if node.module else []
                    )
                    parent = ".".join(here)
                names = [parent] + [f"{parent}.{a.name}" for a in node.names]
            else:
                continue
            graph[mod] |= {n for n in names if n in mods and n != mod}
    return graph


def test_grader_modules_do_not_import_the_package_back_nor_form_cycles():
    graph = _grader_imports()
    assert not [m for m, deps in graph.items() if "grader" in deps], "import grader.X, not grader"
    assert "grader.sandbox" not in graph["grader.image.builder"]
    assert graph["grader.engine"] == set() and graph["grader.contract"] == set()
    done: set[str] = set()

    def visit(mod: str, path: tuple[str, ...]) -> None:
        assert mod not in path, "import cycle: " + " -> ".join((*path, mod))
        if mod not in done:
            for dep in graph[mod]:
                visit(dep, (*path, mod))
            done.add(mod)

    for mod in graph:
        visit(mod, ())
