"""Command line of the grader (`python -m grader ...`).

    grade --exercise EX_DIR --submission DIR     one JSON verdict on stdout
    grade-day --day DAY_DIR --submission REPO    one JSON day verdict on stdout
    image build [--force]                        build or reuse the sandbox image
    check-exercises PATH [-j N]                  references pass, variants get their status
    reap                                         remove this host's stale grading containers

Exit 0 whenever a verdict was printed (internal_error included); 2 for a
wrong command line; check-exercises exits 1 when a verdict is unexpected.
Logs and progress go to stderr; stdout carries only the result.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from concurrent.futures import ThreadPoolExecutor

from grader.exercise import ExerciseError, load_day, load_exercise


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m grader", description="school101 moulinette")
    p.add_argument("-v", "--verbose", action="store_true", help="debug logs on stderr")
    sub = p.add_subparsers(dest="command", required=True)
    g = sub.add_parser("grade", help="grade one exercise")
    g.add_argument("--exercise", required=True, help="exercise folder (holds exercise.toml)")
    g.add_argument("--submission", required=True, help="folder holding the turned-in files")
    d = sub.add_parser("grade-day", help="grade a day, stopping at the first failure")
    d.add_argument("--day", required=True, help="day folder (holds day.toml)")
    d.add_argument("--submission", required=True, help="repository holding ex00/, ex01/ ...")
    i = sub.add_parser("image", help="sandbox image")
    i.add_argument("action", choices=["build"])
    i.add_argument("--force", action="store_true", help="rebuild even when present")
    c = sub.add_parser("check-exercises", help="grade every reference and known variant")
    c.add_argument("path", help="an exercise, a day, or a folder of days")
    c.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=os.cpu_count() or 2,
        help="parallel gradings (default: the number of CPUs)",
    )
    sub.add_parser("reap", help="remove this host's stale grading containers")
    return p


def _print(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _ensure_image() -> None:
    """Build the image on first use; failures become internal_error verdicts later."""
    from grader.image import builder

    try:
        builder.ensure_image()
    except Exception as exc:
        logging.getLogger("grader").warning("sandbox image unavailable: %s", exc)


def _submission_folder(path: str) -> bool:
    """On the command line a --submission that is not a folder is a typo (usage error, exit 2);
    an existing but empty folder is graded (missing_file). The Python API grades a missing
    folder as missing_file: a candidate who turned in nothing."""
    if os.path.isdir(path):
        return True
    print(f"error: {path}: no such folder (--submission)", file=sys.stderr)
    return False


def cmd_grade(args) -> int:
    """`grade`: print the verdict JSON of one exercise (exit 2 on a wrong command line)."""
    from grader.runner import grade

    try:
        ex = load_exercise(args.exercise)
    except ExerciseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not _submission_folder(args.submission):
        return 2
    _ensure_image()
    _print(grade(ex, args.submission).to_dict())
    return 0


def cmd_grade_day(args) -> int:
    """`grade-day`: print the day verdict JSON (exit 2 on a wrong command line)."""
    from grader.runner import grade_day

    try:
        load_day(args.day)
        if not os.path.isdir(args.day):
            raise ExerciseError(f"{args.day}: not a folder")
    except ExerciseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not _submission_folder(args.submission):
        return 2
    _ensure_image()
    try:
        verdict = grade_day(args.day, args.submission)
    except ExerciseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    _print(verdict.to_dict())
    return 0


def cmd_image(args) -> int:
    """`image build [--force]`: build the sandbox image unless present; prints its tag."""
    from grader.image import builder

    try:
        tag = builder.build(force=args.force)
    except Exception as exc:
        print(f"error: cannot build the sandbox image: {exc}", file=sys.stderr)
        return 1
    print(tag)
    return 0


def _exercise_dirs(path: str) -> list[str]:
    found = []
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(
            d
            for d in dirs
            if d not in ("reference", "tests", "wrong", "variants") and not d.startswith(".")
        )
        if "exercise.toml" in files:
            found.append(root)
            dirs[:] = []
    return sorted(found)


def _day_dirs(path: str) -> list[str]:
    return sorted(root for root, _, files in os.walk(path) if "day.toml" in files)


def cmd_check(args) -> int:
    """`check-exercises`: grade every reference and variant; exit 1 on any problem.

    Each worker thread grades in its own `GradingSession`: one container per thread,
    emptied between gradings, instead of one container per grading.
    """
    import threading
    import time

    from grader.runner import GradingSession

    problems: list[str] = []
    jobs: list[tuple[str, object, str, str]] = []
    for day_dir in _day_dirs(args.path):
        try:
            day = load_day(day_dir)
            for name in day.exercises:
                if not os.path.isfile(os.path.join(day.root, name, "exercise.toml")):
                    problems.append(f"{day_dir}: exercise {name} has no exercise.toml")
        except ExerciseError as exc:
            problems.append(str(exc))
    for ex_dir in _exercise_dirs(args.path):
        try:
            ex = load_exercise(ex_dir)
        except ExerciseError as exc:
            problems.append(str(exc))
            continue
        for subject in ("subject.fr.md", "subject.en.md"):
            if not os.path.isfile(os.path.join(ex_dir, subject)):
                problems.append(f"{ex.id}: {subject} is missing")
        if not os.path.isdir(os.path.join(ex_dir, "reference")):
            problems.append(f"{ex.id}: reference/ is missing")
        else:
            jobs.append((ex.id, ex, os.path.join(ex_dir, "reference"), "ok"))
        if not any(v.status != "ok" for v in ex.variants):
            problems.append(f"{ex.id}: no known-wrong variant")
        for v in ex.variants:
            jobs.append((ex.id, ex, os.path.join(ex_dir, v.path), v.status))
    if not jobs and not problems:
        print(f"error: no exercise under {args.path}", file=sys.stderr)
        return 2
    _ensure_image()
    local = threading.local()
    sessions: list[GradingSession] = []
    started = time.monotonic()

    def check(job):
        ex_id, ex, sub, expected = job
        if not hasattr(local, "session"):
            local.session = GradingSession()
            sessions.append(local.session)
        v = local.session.grade(ex, sub)
        ok = v.status == expected and (v.passed == (expected == "ok"))
        return ex_id, os.path.relpath(sub, ex.root), expected, v, ok

    try:
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            for ex_id, rel, expected, v, ok in pool.map(check, jobs):
                mark = "ok " if ok else "BAD"
                print(
                    f"{mark} {ex_id:<14} {rel:<28} expected {expected:<18} got {v.status}"
                    f" ({v.duration_ms} ms)",
                    flush=True,
                )
                if not ok:
                    problems.append(
                        f"{ex_id}: {rel}: expected {expected}, got {v.status}\n{v.trace}"
                    )
    finally:
        for session in sessions:
            session.close()
    for p in problems:
        print(f"PROBLEM: {p}")
    print(
        f"{len(jobs)} gradings, {len(problems)} problem(s) "
        f"in {time.monotonic() - started:.1f} s with {max(1, args.jobs)} worker(s)"
    )
    return 1 if problems else 0


def cmd_reap(args) -> int:
    """`reap`: remove this host's stale grading containers; prints how many."""
    from grader.sandbox import reap_stale_containers

    print(reap_stale_containers())
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m grader`; returns the exit code."""
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        stream=sys.stderr,
        format="%(levelname)s %(name)s: %(message)s",
    )
    handlers = {
        "grade": cmd_grade,
        "grade-day": cmd_grade_day,
        "image": cmd_image,
        "check-exercises": cmd_check,
        "reap": cmd_reap,
    }
    return handlers[args.command](args)
