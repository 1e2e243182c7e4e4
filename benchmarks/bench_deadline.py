#!/usr/bin/env python3
"""Deadline grading under load: a whole piscine day graded through RQ by two workers.

400 seated candidates with a realistic mix of work (all correct, correct then a wrong
exercise, broken code that does not compile, nothing turned in) on an after_deadline piscine
whose calendar holds exactly the benchmarked day, which has just closed (the same work
whatever the date). The deadline sweep enqueues one job per candidate; two
`flask worker --burst` processes drain the queue. Prints the time to drain and per-job latency.
usage: benchmarks/bench_deadline.py [--day c07] [--candidates 400] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EXERCISES = ROOT / "exercises"


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def work_mix(
    rng: random.Random, day_dir: Path, exercises: list[str]
) -> dict[str, dict[str, bytes]]:
    """What one candidate turned in: exNN -> files."""
    kind = rng.choices(["correct", "wrong_later", "broken", "nothing"], [50, 25, 15, 10])[0]
    if kind == "nothing":
        return {}
    if kind == "correct":
        return {ex: files(day_dir / ex / "reference") for ex in exercises}
    stop = rng.randrange(len(exercises))
    work = {ex: files(day_dir / ex / "reference") for ex in exercises[:stop]}
    ex = exercises[stop]
    if kind == "broken":
        name = next(iter(files(day_dir / ex / "reference")))
        work[ex] = {name: b"#include <unistd.h>\nvoid broken( { return 0 }\n"}
    else:
        wrong = sorted(p for p in (day_dir / ex / "wrong").iterdir() if p.is_dir())
        work[ex] = files(rng.choice(wrong))
    return work


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--day", default="c07", help="the day graded (default c07)")
    parser.add_argument("--candidates", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL",
            f"postgresql+psycopg://postgres@127.0.0.1:{os.environ.get('PG_PORT', '5439')}/school101_bench",
        ),
    )
    parser.add_argument(
        "--redis-url", default=f"redis://127.0.0.1:{os.environ.get('REDIS_PORT', '6399')}/14"
    )
    args = parser.parse_args()

    import redis

    from school101 import create_app
    from school101.extensions import db
    from school101.models import Booking, DayGrading, User, UserRole
    from school101.models._base import utcnow
    from school101.services.grading import deadline
    from school101.services.grading import runs as grading
    from school101.services.piscine.sessions import create_piscine

    redis.Redis.from_url(args.redis_url).flushdb()
    app = create_app(
        {"DATABASE_URL": args.database_url, "SECRET_KEY": "bench", "REDIS_URL": args.redis_url}
    )
    rng = random.Random(101)
    day_dir = EXERCISES / args.day
    exercises = sorted(p.name for p in day_dir.iterdir() if p.is_dir())
    with app.app_context():
        db.drop_all()
        db.create_all()
        staff = User(email="staff@bench.example", password_hash="x", first_name="S", last_name="S")
        staff.role_rows.append(UserRole(role="staff"))
        db.session.add(staff)
        db.session.flush()
        closed_at = utcnow() - timedelta(seconds=1)
        piscine = create_piscine(
            {
                "name": "Bench",
                "starts_on": date.today() - timedelta(days=1),
                "ends_on": date.today() + timedelta(days=25),
                "capacity": args.candidates,
                "feedback": "after_deadline",
            },
            actor=staff,
            calendar=[  # exactly one day, closed a second ago: the same work on any date
                {
                    "day_id": args.day,
                    "kind": "day",
                    "position": 0,
                    "opens_at": closed_at - timedelta(days=2),
                    "closes_at": closed_at,
                }
            ],
        )
        (day,) = piscine.days
        mix = {"submitted exercises": 0}
        for i in range(args.candidates):
            user = User(
                email=f"c{i}@bench.example", password_hash="x", first_name="C", last_name=str(i)
            )
            user.role_rows.append(UserRole(role="candidate"))
            db.session.add(user)
            db.session.flush()
            db.session.add(Booking(piscine_id=piscine.id, user_id=user.id, status="booked"))
            for ex, turned_in in work_mix(rng, day_dir, exercises).items():
                sub = grading.create_submission(
                    user=user, exercise=f"{args.day}/{ex}", files=turned_in, source="git"
                )
                sub.piscine_id, sub.day_id = piscine.id, args.day
                sub.created_at = day.closes_at - timedelta(minutes=rng.randint(1, 600))
                mix["submitted exercises"] += 1
        piscine.seats_taken = args.candidates
        piscine_id = piscine.id
        db.session.commit()
        started = time.perf_counter()
        enqueued = deadline.sweep()
        db.session.commit()
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "SECRET_KEY": "bench",
    }
    workers = [
        subprocess.Popen(
            [
                str(ROOT / ".venv/bin/python"),
                "-m",
                "flask",
                "--app",
                "school101",
                "worker",
                "--burst",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(args.workers)
    ]
    for w in workers:
        w.wait()
    drain = time.perf_counter() - started
    with app.app_context():
        rows = db.session.scalars(
            db.select(DayGrading).where(DayGrading.piscine_id == piscine_id)
        ).all()
        graded = [r for r in rows if r.status == "graded"]
        latencies = sorted((r.finished_at - r.started_at).total_seconds() for r in graded)
        waits = sorted((r.finished_at - r.queued_at).total_seconds() for r in graded)
        full = sum(1 for r in graded if r.score == r.max_score)

    def p(xs, q):
        return xs[int(q * (len(xs) - 1))] if xs else float("nan")

    print(
        f"day={args.day} candidates={args.candidates} workers={args.workers} "
        f"jobs enqueued={enqueued} "
        f"exercises turned in={mix['submitted exercises']}"
    )
    print(f"graded={len(graded)} failed={len(rows) - len(graded)} full marks={full}")
    print(
        f"queue drained in {drain:.1f} s ({drain / 60:.1f} min); throughput {len(graded) / drain:.2f} candidates/s"
    )
    print(
        f"per-job grading time p50={statistics.median(latencies):.2f} s p95={p(latencies, 0.95):.2f} s; "
        f"time from deadline to result p50={statistics.median(waits):.0f} s p95={p(waits, 0.95):.0f} s"
    )
    # one closed day: one job and one day grading per candidate, never more
    ok = enqueued == len(rows) == len(graded) == args.candidates and drain < 20 * 60
    print("RESULT:", "PASS (under 20 minutes)" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
