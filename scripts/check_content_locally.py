#!/usr/bin/env python3
"""Check exercise content on the host, without Docker and without the grader engine.

For every exercise folder under the given paths (a day, an exercise, or exercises/):
grade reference/ (must be "ok") and every [[variants]] entry (must give its declared
status) with a small host-side imitation of the moulinette:

    files -> norm (norminette, C only) -> compile (cc -Wall -Wextra -Werror, with the
    harness) -> allowed functions (nm -u on the candidate objects) -> tests

It is a content author's tool: it runs submissions *unsandboxed*, so only use it on the
content shipped in this repository. The real grader (`python -m grader check-exercises`)
is the authority.

    python scripts/check_content_locally.py exercises/c01 [-v]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NORMINETTE = os.environ.get("NORMINETTE") or str(ROOT / ".venv" / "bin" / "norminette")
CC = os.environ.get("CC", "cc")
# symbols the C runtime may pull into any object file; never the candidate's choice
IMPLICIT_SYMBOLS = {"_GLOBAL_OFFSET_TABLE_", "__stack_chk_fail", "__stack_chk_guard"}


def find_exercises(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for p in paths:
        if (p / "exercise.toml").is_file():
            found.append(p)
            continue
        found.extend(sorted(x.parent for x in p.rglob("exercise.toml")))
    return found


def load(ex_dir: Path) -> dict:
    with open(ex_dir / "exercise.toml", "rb") as fh:
        return tomllib.load(fh)


def _read_text(ex_dir: Path, test: dict, key: str) -> str | None:
    if key in test:
        return test[key]
    if key + "_file" in test:
        return (ex_dir / test[key + "_file"]).read_text(encoding="utf-8")
    return None


def grade(ex_dir: Path, sub_dir: Path, verbose: bool = False) -> tuple[str, list[str]]:
    """Return (status, messages) for one submission folder."""
    ex = load(ex_dir)
    lang = ex.get("language", "c")
    notes: list[str] = []
    status = "ok"
    with tempfile.TemporaryDirectory(prefix="s101chk-") as tmp:
        work = Path(tmp)
        for name in ex["files"]:
            src = sub_dir / name
            if not src.is_file():
                return "missing_file", [f"missing {name}"]
            shutil.copy(src, work / name)

        if lang == "c":
            if ex.get("norm", True):
                r = subprocess.run(
                    [NORMINETTE, *ex["files"]],
                    cwd=work,
                    check=False,
                    capture_output=True,
                    text=True,
                )
                if r.returncode != 0:
                    status = "norm_error"
                    notes.append("norm: " + r.stdout.strip().replace("\n", " | ")[:400])
            harness = []
            for h in ex.get("build", {}).get("harness", []):
                shutil.copy(ex_dir / h, work / ("_harness_" + Path(h).name))
                harness.append("_harness_" + Path(h).name)
            cands = [f for f in ex["files"] if f.endswith(".c")]
            r = subprocess.run(
                [CC, "-Wall", "-Wextra", "-Werror", "-o", "prog", *harness, *cands],
                cwd=work,
                capture_output=True,
                text=True,
                check=False,
                timeout=60,
            )
            if r.returncode != 0:
                notes.append("compile: " + r.stderr.strip()[:600])
                return (status if status != "ok" else "compile_error"), notes
            allowed = set(ex.get("allowed_functions", []))
            defined: set[str] = set()
            undefined: set[str] = set()
            for c in cands:
                subprocess.run(
                    [CC, "-Wall", "-Wextra", "-Werror", "-c", c, "-o", c + ".o"],
                    cwd=work,
                    check=True,
                    capture_output=True,
                )
                nm = subprocess.run(
                    ["nm", c + ".o"], cwd=work, capture_output=True, text=True, check=True
                ).stdout
                for line in nm.splitlines():
                    parts = line.split()
                    if len(parts) == 2 and parts[0] == "U":
                        undefined.add(parts[1])
                    elif len(parts) == 3:
                        defined.add(parts[2])
            bad = sorted(undefined - defined - allowed - IMPLICIT_SYMBOLS)
            if bad:
                notes.append("forbidden: " + ", ".join(bad))
                if status == "ok":
                    status = "forbidden_function"
                return status, notes
            cmd_base = ["./prog"]
        else:
            cmd_base = [ex.get("interpreter", "sh"), ex["files"][0]]

        limits = ex.get("limits", {})
        wall = float(limits.get("wall_seconds", 5))
        test_status = "ok"
        for t in ex.get("tests", []):
            env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(work), "LANG": "C.UTF-8"}
            env.update(t.get("env", {}))
            stdin = _read_text(ex_dir, t, "stdin") or ""
            expected = _read_text(ex_dir, t, "stdout")
            try:
                r = subprocess.run(
                    cmd_base + list(t.get("args", [])),
                    cwd=work,
                    env=env,
                    check=False,
                    input=stdin.encode(),
                    capture_output=True,
                    timeout=wall,
                )
            except subprocess.TimeoutExpired:
                notes.append(f"test {t['name']!r}: timeout")
                test_status = test_status if test_status != "ok" else "timeout"
                continue
            got = r.stdout.decode("utf-8", "replace")
            if r.returncode < 0:
                notes.append(f"test {t['name']!r}: crash signal {-r.returncode}")
                test_status = test_status if test_status != "ok" else "crash"
            elif got != expected or ("exit_code" in t and r.returncode != t["exit_code"]):
                notes.append(
                    f"test {t['name']!r}: expected {expected!r} got {got!r} (exit {r.returncode})"[
                        :800
                    ]
                )
                test_status = test_status if test_status != "ok" else "wrong_output"
            elif verbose:
                notes.append(f"test {t['name']!r}: ok")
        if status == "ok":
            status = test_status
        elif test_status != "ok":
            notes.append(f"(tests: {test_status})")
    return status, notes


def check_exercise(ex_dir: Path, verbose: bool) -> list[str]:
    problems: list[str] = []
    ex = load(ex_dir)
    for sub in ("subject.fr.md", "subject.en.md"):
        if not (ex_dir / sub).is_file() or not (ex_dir / sub).read_text().strip():
            problems.append(f"{ex_dir}: {sub} missing or empty")
    names = [t["name"] for t in ex.get("tests", [])]
    if len(set(names)) != len(names):
        problems.append(f"{ex_dir}: duplicate test names")
    runs = [("reference", ex_dir / "reference", "ok")]
    runs += [(v["path"], ex_dir / v["path"], v["status"]) for v in ex.get("variants", [])]
    if len(runs) < 2:
        problems.append(f"{ex_dir}: no known-wrong variant")
    for label, path, expected in runs:
        status, notes = grade(ex_dir, path, verbose)
        mark = "ok " if status == expected else "BAD"
        print(f"  [{mark}] {ex['id']:<28} {label:<32} {status} (expected {expected})")
        if status != expected or verbose:
            for n in notes:
                print("        " + n)
        if status != expected:
            problems.append(f"{ex['id']} {label}: got {status}, expected {expected}")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    problems: list[str] = []
    for ex_dir in find_exercises(args.paths):
        problems += check_exercise(ex_dir, args.verbose)
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        return 1
    print("\nall good")
    return 0


if __name__ == "__main__":
    sys.exit(main())
