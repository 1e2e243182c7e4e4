"""The command-line contract of DESIGN.md ("Grader contract"), through real processes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT

C00 = ROOT / "exercises" / "c00"
KEYS = {"exercise", "status", "passed", "score", "tests", "norm", "trace", "duration_ms"}
STATUSES = {
    "ok",
    "wrong_output",
    "compile_error",
    "timeout",
    "memory_limit",
    "crash",
    "norm_error",
    "forbidden_function",
    "missing_file",
    "output_limit",
    "rejected",
    "internal_error",
}


def run_grader(*args, timeout=120):
    return subprocess.run(
        [sys.executable, "-m", "grader", *map(str, args)],
        check=False,
        capture_output=True,
        cwd=ROOT,
        timeout=timeout,
    )


def one_json(proc) -> dict:
    lines = proc.stdout.decode().splitlines()
    assert len(lines) == 1, proc.stdout
    return json.loads(lines[0])


def check_shape(verdict: dict) -> None:
    assert set(verdict) == KEYS
    assert verdict["status"] in STATUSES
    assert isinstance(verdict["passed"], bool) and isinstance(verdict["score"], int)
    assert set(verdict["norm"]) == {"passed", "errors"}
    for t in verdict["tests"]:
        assert set(t) == {"name", "passed", "status"} and t["status"] in STATUSES
    assert isinstance(verdict["duration_ms"], int)


@pytest.mark.docker
def test_grade_reference_passes(docker):
    proc = run_grader(
        "grade", "--exercise", C00 / "ex00", "--submission", C00 / "ex00" / "reference"
    )
    assert proc.returncode == 0, proc.stderr
    verdict = one_json(proc)
    check_shape(verdict)
    assert verdict["exercise"] == "c00/ex00"
    assert verdict["status"] == "ok" and verdict["passed"] is True and verdict["score"] == 100
    assert verdict["norm"] == {"passed": True, "errors": []}
    assert all(t["passed"] for t in verdict["tests"]) and len(verdict["tests"]) >= 8


@pytest.mark.docker
@pytest.mark.parametrize(
    "variant,status",
    [
        ("wrong/printf", "forbidden_function"),
        ("wrong/stderr", "wrong_output"),
        ("wrong/no_header", "norm_error"),
    ],
)
def test_grade_wrong_variants_exit_zero(docker, variant, status):
    proc = run_grader("grade", "--exercise", C00 / "ex00", "--submission", C00 / "ex00" / variant)
    assert proc.returncode == 0
    verdict = one_json(proc)
    check_shape(verdict)
    assert verdict["status"] == status and verdict["passed"] is False


@pytest.mark.docker
def test_norm_error_still_runs_tests(docker):
    verdict = one_json(
        run_grader(
            "grade",
            "--exercise",
            C00 / "ex00",
            "--submission",
            C00 / "ex00" / "wrong" / "no_header",
        )
    )
    assert verdict["status"] == "norm_error"
    assert verdict["tests"] and all(t["passed"] for t in verdict["tests"])
    assert any("INVALID_HEADER" in e for e in verdict["norm"]["errors"])


@pytest.mark.docker
def test_exercise_anywhere_id_from_toml_and_stray_files_ignored(docker, tmp_path):
    copy = tmp_path / "somewhere" / "not-ex00"
    shutil.copytree(C00 / "ex00", copy)
    (copy / "tests" / "extra_test.toml").write_text('[[tests]]\nname = "x"\nstdout = "never"\n')
    (copy / "tests" / "out" / "stray.txt").write_text("never")
    verdict = one_json(run_grader("grade", "--exercise", copy, "--submission", copy / "reference"))
    assert verdict["exercise"] == "c00/ex00"
    assert verdict["status"] == "ok"
    assert str(tmp_path) not in verdict["trace"]


@pytest.mark.docker
def test_missing_file(docker, tmp_path):
    verdict = one_json(run_grader("grade", "--exercise", C00 / "ex01", "--submission", tmp_path))
    check_shape(verdict)
    assert verdict["status"] == "missing_file" and "ft_print_alphabet.c" in verdict["trace"]


@pytest.mark.docker
def test_hidden_test_data_not_in_trace(docker, tmp_path):
    sub = tmp_path / "sub"
    sub.mkdir()
    src = (C00 / "ex07" / "reference" / "ft_putnbr.c").read_text()
    (sub / "ft_putnbr.c").write_text(
        src.replace("\tif (n >= 10)", "\tif (n == 909)\n\t\tn = 0;\n\tif (n >= 10)")
    )
    verdict = one_json(run_grader("grade", "--exercise", C00 / "ex07", "--submission", sub))
    assert verdict["status"] == "wrong_output"
    hidden = [t for t in verdict["tests"] if t["name"] == "a series of calls"]
    assert hidden and hidden[0]["status"] == "wrong_output"
    assert "909" not in verdict["trace"] and "hidden test" in verdict["trace"]


@pytest.mark.docker
def test_grade_day_stops_at_first_failure(docker, tmp_path):
    repo = tmp_path / "repo"
    for name in ("ex00", "ex01"):
        shutil.copytree(C00 / name / "reference", repo / name)
    shutil.copytree(C00 / "ex02" / "wrong" / "stops_before_a", repo / "ex02")
    shutil.copytree(C00 / "ex03" / "reference", repo / "ex03")
    proc = run_grader("grade-day", "--day", C00, "--submission", repo)
    assert proc.returncode == 0, proc.stderr
    day = one_json(proc)
    assert day["day"] == "c00" and day["passed"] is False
    assert [v["exercise"] for v in day["exercises"]] == ["c00/ex00", "c00/ex01", "c00/ex02"]
    assert [v["status"] for v in day["exercises"]] == ["ok", "ok", "wrong_output"]
    assert day["score"] == 20 and day["max_score"] == 100 and day["stopped_at"] == "c00/ex02"
    for v in day["exercises"]:
        check_shape(v)


@pytest.mark.docker
def test_grade_day_all_references(docker, tmp_path):
    repo = tmp_path / "repo"
    for ex in sorted(C00.glob("ex*")):
        shutil.copytree(ex / "reference", repo / ex.name)
    day = one_json(run_grader("grade-day", "--day", C00, "--submission", repo))
    assert day["passed"] is True and day["score"] == day["max_score"] == 100
    assert len(day["exercises"]) == 9


@pytest.mark.docker
def test_check_exercises_c00(docker):
    proc = run_grader("check-exercises", C00, timeout=600)
    assert proc.returncode == 0, proc.stdout.decode()[-3000:]
    assert b"0 problem(s)" in proc.stdout


@pytest.mark.docker
def test_check_exercises_fails_on_unexpected_verdict(docker, tmp_path):
    copy = tmp_path / "ex00"
    shutil.copytree(C00 / "ex00", copy)
    toml = (copy / "exercise.toml").read_text()
    (copy / "exercise.toml").write_text(toml.replace('status = "wrong_output"', 'status = "ok"'))
    proc = run_grader("check-exercises", copy, timeout=300)
    assert proc.returncode == 1
    assert b"BAD" in proc.stdout


@pytest.mark.docker
def test_image_build_reuses_tag(docker):
    proc = run_grader("image", "build")
    assert proc.returncode == 0
    assert proc.stdout.decode().strip() == docker


@pytest.mark.parametrize(
    "args",
    [
        ["grade"],
        ["grade", "--exercise", "x"],
        ["frobnicate"],
        [],
        ["grade", "--exercise", "/nonexistent/exercise", "--submission", "/tmp"],
        ["grade-day", "--day", "/nonexistent/day", "--submission", "/tmp"],
        ["grade", "--exercise", "exercises/c00/ex00", "--submission", "/nonexistent/submission"],
        ["grade-day", "--day", "exercises/c00", "--submission", "/nonexistent/repo"],
    ],
)
def test_usage_errors_exit_non_zero_with_empty_stdout(args):
    proc = run_grader(*args)
    assert proc.returncode == 2
    assert proc.stdout == b""
