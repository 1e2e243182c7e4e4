#!/usr/bin/env python3
"""The worker's metrics files after many jobs: RQ forks one work horse per job.

Each job is a real fork that records what a grading job records (a verdict by exercise and a
duration), as the worker's horses do, into a prometheus-client multiprocess folder. Baseline:
the library's default process identifier (the pid: one file per horse). Ours: the worker's
horses share one file (core/metrics.record_in_directory). Prints, for each, the files and
bytes left in the folder and the time one scrape of the worker's endpoint takes to read them,
with ratios against the baseline.
usage: benchmarks/bench_metrics.py [--jobs 2000] [--exercises 40]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_jobs(mode: str, jobs: int, exercises: int) -> dict:
    """In this process: fork `jobs` horses one after the other, then scrape once."""
    folder = tempfile.mkdtemp(prefix="s101-bench-metrics-")
    if mode == "pid":
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = folder
        from prometheus_client import values

        values.ValueClass = values.MultiProcessValue()
    else:
        sys.path.insert(0, str(ROOT))
        from school101.core.metrics import record_in_directory

        record_in_directory(folder)
    from school101.core import metrics

    started = time.perf_counter()
    for n in range(jobs):
        pid = os.fork()
        if pid == 0:
            metrics.grading_finished(f"c{n % exercises:02d}/ex00", "ok", 1.5)
            os._exit(0)
        os.waitpid(pid, 0)
    forking = time.perf_counter() - started
    from prometheus_client import CollectorRegistry, generate_latest
    from prometheus_client.multiprocess import MultiProcessCollector

    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=folder)
    scrapes = []
    for _ in range(3):
        t0 = time.perf_counter()
        text = generate_latest(registry)
        scrapes.append(time.perf_counter() - t0)
    files = list(Path(folder).iterdir())
    total = sum(
        float(line.split()[-1])
        for line in text.decode().splitlines()
        if line.startswith("school101_grading_verdicts_total{")
    )
    return {
        "files": len(files),
        "bytes": sum(f.stat().st_size for f in files),
        "scrape_s": min(scrapes),
        "jobs_s": forking,
        "verdicts": total,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2000)
    parser.add_argument("--exercises", type=int, default=40)
    parser.add_argument("--mode", choices=("pid", "horse"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:
        print(json.dumps(run_jobs(args.mode, args.jobs, args.exercises)))
        return 0
    results = {}
    for mode in ("pid", "horse"):
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--mode",
                mode,
                "--jobs",
                str(args.jobs),
                "--exercises",
                str(args.exercises),
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        results[mode] = json.loads(out.stdout.strip().splitlines()[-1])
    base, ours = results["pid"], results["horse"]
    print(f"{args.jobs} jobs (one forked work horse each), {args.exercises} exercises")
    print(f"{'':34}{'files':>8}{'MiB':>10}{'scrape ms':>12}{'verdicts':>10}")
    for name, r in (
        ("baseline: one file per horse (pid)", base),
        ("ours: horses share one file", ours),
    ):
        print(
            f"{name:34}{r['files']:>8}{r['bytes'] / 2**20:>10.1f}{r['scrape_s'] * 1000:>12.1f}"
            f"{r['verdicts']:>10.0f}"
        )
    print(
        f"ratios (baseline / ours): files x{base['files'] / ours['files']:.0f}, "
        f"bytes x{base['bytes'] / ours['bytes']:.0f}, scrape x{base['scrape_s'] / ours['scrape_s']:.0f}"
    )
    assert base["verdicts"] == ours["verdicts"] == args.jobs, "a verdict was lost"
    return 0


if __name__ == "__main__":
    sys.exit(main())
