"""Content checks for every shipped exercise day (exercises/<day>/...).

Fast checks load each exercise with the grader's own loader and look at the folder: subjects,
ids, expected outputs, reference and known-wrong variants, day.toml (and the exam pool's
levels), norminette on the references. The `docker` checks run
`python -m grader check-exercises` on each day: every reference must pass and every variant
must get its declared status. Docker-needing checks fail (never skip) when CI=true.
"""

from __future__ import annotations

import fnmatch
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from grader import load_exercise
from grader.exercise import load_day

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = ROOT / "exercises"
IN_CI = os.environ.get("CI") == "true"


def _days() -> list[Path]:
    return sorted(p.parent for p in EXERCISES.glob("*/day.toml"))


def _exercise_dirs() -> list[Path]:
    return sorted(p.parent for p in EXERCISES.rglob("exercise.toml"))


def _toml(path: Path) -> dict:
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def _rel(p: Path) -> str:
    return p.relative_to(EXERCISES).as_posix()


DAYS = _days()
EXERCISE_DIRS = _exercise_dirs()


def test_content_exists():
    names = {d.name for d in DAYS}
    week_one = ("c00", "c01", "c02", "c03", "shell00", "exam00")
    week_two = ("c04", "c05", "c06", "c07", "c08", "shell01", "exam01")
    for day in week_one + week_two:
        assert day in names, f"exercises/{day}/day.toml is missing"
    per_day = {d.name: len(list(d.rglob("exercise.toml"))) for d in DAYS}
    assert per_day["c04"] >= 6 and per_day["c05"] >= 9 and per_day["c06"] >= 4
    assert per_day["c07"] >= 6 and per_day["c08"] >= 6 and per_day["shell01"] >= 8
    assert per_day["exam01"] >= 16
    week_three_four = ("c09", "c10", "c11", "c12", "c13", "bsq", "exam02", "final")
    for day in week_three_four:
        assert day in names, f"exercises/{day}/day.toml is missing"
    assert per_day["c09"] >= 3 and per_day["c10"] >= 4 and per_day["c11"] >= 8
    assert per_day["c12"] >= 18 and per_day["c13"] >= 8 and per_day["bsq"] >= 1
    assert per_day["exam02"] >= 16 and per_day["final"] >= 18


def test_curriculum_names_existing_days_and_exam_pools():
    """The default calendar's content: four weeks of days, BSQ across the last week, one exam
    pool per Friday ending with the final exam."""
    cur = _toml(EXERCISES / "curriculum.toml")
    days, exams = cur["days"], cur["exams"]
    assert len(days) == len(set(days)) >= 10
    for day in days:
        assert (EXERCISES / day / "day.toml").is_file(), day
        assert _toml(EXERCISES / day / "day.toml").get("kind") != "exam", day
    assert exams == ["exam00", "exam01", "exam02", "final"]
    for pool in exams:
        assert _toml(EXERCISES / pool / "day.toml").get("kind") == "exam", pool
    assert _toml(EXERCISES / "final" / "day.toml").get("final") is True
    (bsq,) = cur["projects"]
    assert bsq == {"day": "bsq", "week": 4, "weekdays": 5}
    assert (EXERCISES / "bsq" / "day.toml").is_file()
    assert len(days) + 4 <= 20, "four weeks of weekdays: the days, then BSQ's week"
    assert cur["rushes"] == ["rush00", "rush01", "rush02"]
    for rush in cur["rushes"]:
        assert _toml(EXERCISES / rush / "day.toml").get("kind") == "rush", rush


@pytest.mark.parametrize("ex_dir", EXERCISE_DIRS, ids=_rel)
def test_exercise_folder(ex_dir: Path):
    ex = load_exercise(ex_dir)
    raw = _toml(ex_dir / "exercise.toml")
    day_dir = next(p for p in [ex_dir, *ex_dir.parents] if (p / "day.toml").is_file())

    # the id is the day's id and the exercise folder's name (exam pools nest levels)
    day_id = _toml(day_dir / "day.toml").get("id", day_dir.name)
    assert day_id == day_dir.name
    assert ex.id == f"{day_id}/{ex_dir.name}", f"id {ex.id!r} does not match {_rel(ex_dir)}"

    for lang in ("fr", "en"):
        subject = ex_dir / f"subject.{lang}.md"
        assert subject.is_file(), f"{subject.name} missing"
        text = subject.read_text(encoding="utf-8")
        assert text.strip(), f"{subject.name} is empty"
        for name in ex.files:
            assert name in text, f"{subject.name} does not name the turn-in file {name}"

    assert ex.tests, "no tests"
    assert any(t.hidden for t in ex.tests) or len(ex.tests) < 3, "no hidden test"
    for spec in raw["tests"]:
        assert (
            "stdout" in spec
            or "stdout_file" in spec
            or "stdout_sha256" in spec
            or spec.get("check_stdout") is False
        ), f"test {spec['name']!r}: no expected stdout"
    inputs = {
        (t.args, t.raw_args, t.env, t.stdin, t.workdir, t.modes, t.harness_case, t.generate)
        for t in ex.tests
    }
    assert len(inputs) == len(ex.tests), "two tests run the same input"

    ref = ex_dir / "reference"
    assert ref.is_dir(), "reference/ missing"
    for name in ex.files:
        assert (ref / name).is_file(), f"reference/{name} missing"
    wrong = [v for v in ex.variants if v.status != "ok"]
    assert wrong, "no known-wrong variant"
    for v in ex.variants:
        assert (ex_dir / v.path).is_dir(), f"variant {v.path} missing"
        assert v.path.startswith("wrong/"), "variants live in wrong/<name>/"

    if ex.language == "c" and not ex.make:
        assert ex.harness or "int\tmain(" in (ref / ex.files[0]).read_text(), (
            "a C exercise without harness must be a full program"
        )
    if ex.make:  # a Makefile project: the Makefile and its sources are the reference
        assert "Makefile" in ex.files and (ref / "Makefile").is_file()
        for h in ex.harness:
            assert (ex_dir / h).is_file()
            assert not h.startswith("reference/")


@pytest.mark.parametrize("day_dir", DAYS, ids=lambda p: p.name)
def test_day_toml(day_dir: Path):
    raw = _toml(day_dir / "day.toml")
    title = raw.get("title")
    assert isinstance(title, dict) and title.get("fr") and title.get("en")
    if raw.get("kind") == "exam":
        levels = raw.get("levels")
        assert isinstance(levels, dict) and len(levels) >= 4
        for name, level in levels.items():
            assert level["points"] > 0
            assert len(level["exercises"]) >= 3, f"{name}: fewer than 3 exercises"
            for rel in level["exercises"]:
                ex = load_exercise(day_dir / rel)
                assert ex.id == f"{raw['id']}/{Path(rel).name}"
        listed = {rel for level in levels.values() for rel in level["exercises"]}
        on_disk = {p.parent.relative_to(day_dir).as_posix() for p in day_dir.rglob("exercise.toml")}
        assert listed == on_disk, "exam exercises and levels disagree"
        return
    day = load_day(day_dir)
    assert day.exercises, "no exercises"
    for name in day.exercises:
        load_exercise(day_dir / name)
    on_disk = sorted(p.parent.name for p in day_dir.glob("*/exercise.toml"))
    assert sorted(day.exercises) == on_disk
    assert list(day.exercises) == sorted(day.exercises), "exercises out of order"


def _norminette() -> str | None:
    here = Path(sys.executable).parent / "norminette"
    return str(here) if here.exists() else shutil.which("norminette")


NORMED = [
    d
    for d in EXERCISE_DIRS
    if _toml(d / "exercise.toml").get("language", "c") == "c"
    and _toml(d / "exercise.toml").get("norm", False)
]


@pytest.mark.parametrize("ex_dir", NORMED, ids=_rel)
def test_reference_passes_norminette(ex_dir: Path):
    """The reference passes the norm as the grader checks it: norminette (minus the rules the
    exercise waives in `norm_ignore`) and the include guards of turned-in headers."""
    from grader.norm import check_norm

    if _norminette() is None:
        if IN_CI:
            pytest.fail("norminette is not installed; CI must not skip this test")
        pytest.skip("norminette is not installed")
    ex = load_exercise(ex_dir)
    files = {name: (ex_dir / "reference" / name).read_bytes() for name in ex.files}
    result = check_norm(files, timeout=60, ignore=ex.norm_ignore)
    assert result.passed, result.errors


@pytest.fixture(scope="session")
def grader_engine():
    from grader import sandbox

    if not sandbox.engine_available():
        message = "Docker engine is not available"
        if IN_CI:
            pytest.fail(message + "; CI must not skip Docker tests")
        pytest.skip(message)


@pytest.mark.docker
@pytest.mark.slow
@pytest.mark.timeout(900)
@pytest.mark.parametrize("day_dir", DAYS, ids=lambda p: p.name)
def test_check_exercises_passes(day_dir: Path, grader_engine):
    res = subprocess.run(
        [sys.executable, "-m", "grader", "check-exercises", str(day_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=880,
        check=False,
    )
    assert res.returncode == 0, res.stdout[-6000:] + res.stderr[-2000:]
    assert "0 problem(s)" in res.stdout


REGULAR_DAYS = [d for d in DAYS if _toml(d / "day.toml").get("kind") != "exam"]


@pytest.mark.parametrize("day_dir", REGULAR_DAYS, ids=lambda p: p.name)
def test_day_weights_sum_to_100(day_dir: Path):
    day = load_day(day_dir)
    weights = [load_exercise(day_dir / name).weight for name in day.exercises]
    assert all(w > 0 for w in weights)
    assert sum(weights) == 100


@pytest.mark.docker
@pytest.mark.slow
@pytest.mark.timeout(600)
@pytest.mark.parametrize("day_dir", REGULAR_DAYS, ids=lambda p: p.name)
def test_grade_day_on_references_scores_full(day_dir: Path, grader_engine, tmp_path: Path):
    """A repository made of the references passes the whole day (grade-day contract)."""
    day = load_day(day_dir)
    for name in day.exercises:
        ex = load_exercise(day_dir / name)
        (tmp_path / name).mkdir()
        reference = day_dir / name / "reference"
        taken = [
            p.name
            for p in reference.iterdir()
            if p.name in ex.files or any(fnmatch.fnmatchcase(p.name, g) for g in ex.sources)
        ]
        for f in taken:
            shutil.copy(reference / f, tmp_path / name / f)
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "grader",
            "grade-day",
            "--day",
            str(day_dir),
            "--submission",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=580,
        check=False,
    )
    assert res.returncode == 0, res.stderr[-2000:]
    verdict = json.loads(res.stdout)
    assert verdict["passed"] is True, verdict
    assert verdict["score"] == verdict["max_score"] == 100


SCALED = sorted(p.parent for p in EXERCISES.glob("*/scale.toml"))


def test_every_day_rush_and_pool_has_a_correction_scale():
    assert {p.name for p in SCALED} == {d.name for d in DAYS}


@pytest.mark.parametrize("day_dir", SCALED, ids=lambda p: p.name)
def test_correction_scale_follows_the_format(day_dir: Path):
    from school101.services.evaluations.scales import validate

    scale = _toml(day_dir / "scale.toml")
    assert validate(scale) == {}
    ids = [q["id"] for s in scale["sections"] for q in s["questions"]]
    assert len(ids) == len(set(ids))
