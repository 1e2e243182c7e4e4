#!/usr/bin/env python3
"""Grader benchmark (`make bench-grader`): the sandbox against bare host runs.

Grades the reference (correct) submissions of exercises/c00 through the real
grader (`grader.grade`, one Docker container per grading) and, in the same
run, does the same work bare on the host (norminette, cc -c, nm, link, every
test run and compared) with no sandbox. Prints per-exercise latency p50/p95
with one worker, throughput with two workers, and the ratio to bare.

    python benchmarks/bench_grader.py [--rounds N] [--workers 2] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import grader  # noqa: E402  (after the sys.path line, run as a script)
from grader.norm import check_norm  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def jobs(day: Path, rounds: int) -> list[str]:
    exercises = [str(p) for p in sorted(day.glob("ex*")) if (p / "exercise.toml").exists()]
    return exercises * rounds


def grade_sandbox(ex_dir: str) -> float:
    started = time.perf_counter()
    verdict = grader.grade(grader.load_exercise(ex_dir), Path(ex_dir) / "reference")
    elapsed = time.perf_counter() - started
    if not verdict.passed:
        raise SystemExit(f"benchmark: {verdict.exercise} reference did not pass:\n{verdict.trace}")
    return elapsed


def day_repo(day: Path) -> str:
    """A candidate repository holding every reference of the day (ex00/, ex01/ ...)."""
    repo = tempfile.mkdtemp(prefix="bench-repo-")
    for ex in sorted(day.glob("ex*")):
        if (ex / "reference").is_dir():
            shutil.copytree(ex / "reference", Path(repo) / ex.name)
    return repo


def grade_day_sandbox(args: tuple[str, str]) -> float:
    day, repo = args
    started = time.perf_counter()
    verdict = grader.grade_day(day, repo)
    if not verdict.passed:
        raise SystemExit(f"benchmark: day {verdict.day} did not pass")
    return time.perf_counter() - started


def grade_bare(ex_dir: str) -> float:
    """The same stages without any sandbox: what the grader costs at the least."""
    started = time.perf_counter()
    ex = grader.load_exercise(ex_dir)
    work = tempfile.mkdtemp(prefix="bench-bare-")
    try:
        files = {}
        for name in ex.files:
            files[name] = (Path(ex_dir) / "reference" / name).read_bytes()
            (Path(work) / name).write_bytes(files[name])
        for rel in ex.harness:
            shutil.copy(Path(ex_dir) / rel, Path(work) / Path(rel).name)
        if ex.norm:
            assert check_norm(files).passed
        sources = [f for f in ex.files if f.endswith(".c")]
        harness = [Path(h).name for h in ex.harness]
        subprocess.run(["cc", *ex.cflags, "-c", *sources, *harness], cwd=work, check=True)
        objects = [s[:-2] + ".o" for s in sources]
        subprocess.run(["nm", *objects], cwd=work, check=True, capture_output=True)
        subprocess.run(
            ["cc", "-o", "prog", *objects, *[h[:-2] + ".o" for h in harness]], cwd=work, check=True
        )
        for test in ex.tests:
            prog = "prog"
            if test.harness_case:  # the grader links one program per such hidden test
                prog = "prog_case"
                subprocess.run(
                    [
                        "cc",
                        "-pipe",
                        *ex.cflags,
                        f"-DHIDDEN_{test.harness_case}",
                        "-o",
                        prog,
                        *harness,
                        *objects,
                    ],
                    cwd=work,
                    check=True,
                )
            out = subprocess.run(
                [os.path.join(work, prog), *test.args],
                input=test.stdin,
                check=False,
                capture_output=True,
                cwd=work,
                timeout=10,
            )
            assert out.stdout == test.stdout, (ex.id, test.name)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return time.perf_counter() - started


def measure(fn, items: list[str], workers: int) -> tuple[list[float], float]:
    started = time.perf_counter()
    if workers == 1:
        latencies = [fn(item) for item in items]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            latencies = list(pool.map(fn, items))
    return latencies, time.perf_counter() - started


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--day", default=str(ROOT / "exercises" / "c00"))
    p.add_argument("--rounds", type=int, default=3, help="times each exercise is graded")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--json", help="also write the figures to this file")
    args = p.parse_args()

    from grader.image import builder

    builder.ensure_image()
    items = jobs(Path(args.day), args.rounds)
    load_start = os.getloadavg()[0]
    grade_sandbox(items[0])  # warm-up: imports, image lookup, page cache
    grade_bare(items[0])

    seq_sandbox, _ = measure(grade_sandbox, items, 1)
    seq_bare, _ = measure(grade_bare, items, 1)
    _, wall_sandbox = measure(grade_sandbox, items * 2, args.workers)
    _, wall_bare = measure(grade_bare, items * 2, args.workers)
    # grade-day: one candidate's exercises share one container (wiped between exercises)
    repo = day_repo(Path(args.day))
    n_day = len(set(items))
    day_items = [(args.day, repo)] * args.rounds
    seq_day, _ = measure(grade_day_sandbox, day_items, 1)
    _, wall_day = measure(grade_day_sandbox, day_items * 2, args.workers)
    shutil.rmtree(repo, ignore_errors=True)
    # the same with warm spares (a fresh container per grading, started ahead of time)
    os.environ["SCHOOL101_GRADER_WARM"] = "1"
    from grader import sandbox

    sandbox.enable_warm_pool()
    grade_sandbox(items[0])
    time.sleep(1)
    seq_warm, _ = measure(grade_sandbox, items, 1)
    _, wall_warm = measure(grade_sandbox, items * 2, args.workers)
    sandbox.enable_warm_pool(False)

    n_par = len(items) * 2
    fig = {
        "exercises": len(set(items)),
        "gradings_sequential": len(items),
        "gradings_parallel": n_par,
        "workers": args.workers,
        "cpus": os.cpu_count(),
        "sandbox_p50_s": statistics.median(seq_sandbox),
        "sandbox_p95_s": percentile(seq_sandbox, 0.95),
        "bare_p50_s": statistics.median(seq_bare),
        "bare_p95_s": percentile(seq_bare, 0.95),
        "sandbox_throughput_per_s": n_par / wall_sandbox,
        "bare_throughput_per_s": n_par / wall_bare,
    }
    fig["day_per_exercise_p50_s"] = statistics.median(seq_day) / n_day
    fig["day_throughput_per_s"] = n_day * len(day_items) * 2 / wall_day
    fig["targets_met"] = (
        fig["sandbox_p50_s"] <= 0.8
        and max(fig["sandbox_throughput_per_s"], fig["day_throughput_per_s"]) >= 4
    )
    fig["warm_p50_s"] = statistics.median(seq_warm)
    fig["warm_p95_s"] = percentile(seq_warm, 0.95)
    fig["warm_throughput_per_s"] = n_par / wall_warm
    fig["ratio_p50"] = fig["sandbox_p50_s"] / fig["bare_p50_s"]
    fig["ratio_p50_warm"] = fig["warm_p50_s"] / fig["bare_p50_s"]
    fig["ratio_throughput"] = fig["bare_throughput_per_s"] / fig["sandbox_throughput_per_s"]

    fig["load_average_end"] = os.getloadavg()[0]
    fig["load_average_start"] = load_start
    print(
        f"grader benchmark: {fig['exercises']} c00 exercises (references), "
        f"{len(items)} sequential gradings, {n_par} with {args.workers} workers, "
        f"{fig['cpus']} CPUs, load average {load_start:.1f} -> {fig['load_average_end']:.1f}"
        " (other work on the machine inflates every figure)"
    )
    b = fig
    print(f"{'':22}{'sandbox':>10}{'warm':>10}{'bare':>10}{'ratio':>8}{'warm/bare':>11}")
    print(
        f"{'latency p50 (s)':22}{b['sandbox_p50_s']:>10.3f}{b['warm_p50_s']:>10.3f}"
        f"{b['bare_p50_s']:>10.3f}{b['ratio_p50']:>8.2f}{b['ratio_p50_warm']:>11.2f}"
    )
    print(
        f"{'latency p95 (s)':22}{b['sandbox_p95_s']:>10.3f}{b['warm_p95_s']:>10.3f}"
        f"{b['bare_p95_s']:>10.3f}{b['sandbox_p95_s'] / b['bare_p95_s']:>8.2f}"
        f"{b['warm_p95_s'] / b['bare_p95_s']:>11.2f}"
    )
    print(
        f"{'throughput (ex/s)':22}{b['sandbox_throughput_per_s']:>10.2f}"
        f"{b['warm_throughput_per_s']:>10.2f}{b['bare_throughput_per_s']:>10.2f}"
        f"{b['ratio_throughput']:>8.2f}"
        f"{b['bare_throughput_per_s'] / b['warm_throughput_per_s']:>11.2f}"
    )
    print(
        f"{'grade-day':22}{b['day_per_exercise_p50_s']:>10.3f} s/exercise (p50 of days / "
        f"{n_day}), {b['day_throughput_per_s']:.2f} ex/s with {args.workers} workers, "
        f"{b['day_throughput_per_s'] / b['bare_throughput_per_s']:.2f}x bare throughput"
    )
    print(
        "sandbox: a new container per grading (default); warm: the same, started ahead "
        "(warm spare); ratio = sandbox/bare latency, bare/sandbox throughput"
    )
    print(
        f"targets (p50 <= 0.8 s; >= 4 ex/s with 2 workers, grade or grade-day): "
        f"{'met' if fig['targets_met'] else 'NOT met'}"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(fig, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
