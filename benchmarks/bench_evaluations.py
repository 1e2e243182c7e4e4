#!/usr/bin/env python3
"""Peer-evaluation bookings under load: 400 candidates book within the same minute.

A piscine on PostgreSQL whose day asking one peer evaluation closed a minute ago; 400
seated candidates who turned work in, paired in rush teams, all offering to evaluate from
10:00 to 12:00 (Paris) tomorrow. Every candidate books one evaluation at one of the four
half-hours at the same time (a barrier releases 32 threads, each with its own connection,
through `services.evaluations.booking.book`). Prints the outcomes, latency p50/p95 and the
checks: no evaluator double-booked, nobody evaluated by themselves or a teammate, points
spent once per booking.
usage: benchmarks/bench_evaluations.py [--candidates 400] [--threads 32] [--database-url URL]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from datetime import time as dtime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DAY, RUSH = "evalday", "rushday"


def exercises_dir() -> str:
    root = Path(tempfile.mkdtemp(prefix="bench-evaluations-"))
    (root / DAY).mkdir()
    (root / DAY / "day.toml").write_text(
        f'id = "{DAY}"\ntitle = {{ fr = "J", en = "D" }}\npeer_evaluations = 1\n'
    )
    (root / RUSH).mkdir()
    (root / RUSH / "day.toml").write_text(
        f'id = "{RUSH}"\nkind = "rush"\ntitle = {{ fr = "R", en = "R" }}\nteam_size = 2\n'
    )
    (root / "curriculum.toml").write_text(f'days = ["{DAY}"]\nexams = []\n')
    return str(root)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--candidates", type=int, default=400)
    parser.add_argument("--threads", type=int, default=32)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL",
            f"postgresql+psycopg://postgres@127.0.0.1:{os.environ.get('PG_PORT', '5439')}/school101_bench",
        ),
    )
    args = parser.parse_args()

    from school101 import create_app
    from school101.core.clock import paris_datetime
    from school101.extensions import db
    from school101.models import (
        Booking,
        BusyQuarter,
        Evaluation,
        Piscine,
        PointsEntry,
        RushTeamMember,
        Submission,
        User,
        UserRole,
    )
    from school101.models._base import utcnow
    from school101.services.evaluations import availability, booking, teams
    from school101.services.piscine.sessions import create_piscine

    app = create_app(
        {
            "DATABASE_URL": args.database_url,
            "SECRET_KEY": "bench",
            "REDIS_URL": "",
            "EXERCISES_DIR": exercises_dir(),
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": args.threads + 4, "max_overflow": 8},
        }
    )
    tomorrow = date.today() + timedelta(days=1)
    starts = [paris_datetime(tomorrow, dtime(10, 0)) + timedelta(minutes=30 * k) for k in range(4)]
    now = utcnow()
    with app.app_context():
        db.drop_all()
        db.create_all()
        staff = User(email="staff@bench.example", password_hash="x", first_name="S", last_name="S")
        staff.role_rows.append(UserRole(role="staff"))
        db.session.add(staff)
        db.session.flush()
        piscine = create_piscine(
            {
                "name": "Bench",
                "starts_on": date.today() - timedelta(days=2),
                "ends_on": date.today() + timedelta(days=25),
                "capacity": args.candidates,
                "feedback": "after_deadline",
            },
            actor=staff,
            calendar=[
                {
                    "day_id": DAY,
                    "kind": "day",
                    "position": 0,
                    "opens_at": now - timedelta(days=1),
                    "closes_at": now - timedelta(minutes=1),
                }
            ],
        )
        piscine.campus_opens, piscine.campus_closes = dtime(9, 0), dtime(21, 0)
        users = []
        for i in range(args.candidates):
            user = User(
                email=f"c{i}@bench.example", password_hash="x", first_name="C", last_name=str(i)
            )
            user.role_rows.append(UserRole(role="candidate"))
            db.session.add(user)
            users.append(user)
        db.session.flush()
        for user in users:
            db.session.add(Booking(piscine_id=piscine.id, user_id=user.id, status="booked"))
            db.session.add(
                Submission(
                    user_id=user.id,
                    exercise=f"{DAY}/ex00",
                    piscine_id=piscine.id,
                    day_id=DAY,
                    archive=b"",
                    sha256="0" * 64,
                    size=0,
                    file_count=1,
                )
            )
        piscine.seats_taken = args.candidates
        db.session.flush()
        teams.form_teams(staff, piscine, RUSH, rng=random.Random(7))
        for user in users:
            availability.publish(
                user, piscine, starts[0], starts[-1] + timedelta(minutes=30), now=now
            )
        db.session.commit()
        piscine_id, user_ids = piscine.id, [u.id for u in users]

    rng = random.Random(101)
    plan = [(uid, rng.choice(starts)) for uid in user_ids]
    barrier = threading.Barrier(args.threads)
    latencies: list[float] = []
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()
    local = threading.local()

    def attempt(job) -> None:
        user_id, start = job
        with app.app_context():
            if not getattr(local, "waited", False):
                local.waited = True
                barrier.wait()
            user = db.session.get(User, user_id)
            p = db.session.get(Piscine, piscine_id)
            t0 = time.perf_counter()
            try:
                booking.book(user, p, DAY, start, now=now)
                db.session.commit()
                outcome = "booked"
            except Exception as exc:
                db.session.rollback()
                outcome = getattr(exc, "code", type(exc).__name__)
            finally:
                elapsed = time.perf_counter() - t0
                db.session.remove()
            with lock:
                latencies.append(elapsed)
                outcomes[outcome] += 1

    t_start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.threads) as pool:
        list(pool.map(attempt, plan))
    wall = time.perf_counter() - t_start

    with app.app_context():
        evaluations = db.session.scalars(db.select(Evaluation)).all()
        by_evaluator: dict[int, list] = {}
        for e in evaluations:
            by_evaluator.setdefault(e.evaluator_id, []).append(e)
        overlaps = sum(
            1
            for rows in by_evaluator.values()
            for a in rows
            for b in rows
            if a.id < b.id and a.starts_at < b.ends_at and b.starts_at < a.ends_at
        )
        mates = {}
        for m in db.session.scalars(db.select(RushTeamMember)):
            mates.setdefault(m.team_id, set()).add(m.user_id)
        team_of = {u: t for t, members in mates.items() for u in members}
        self_or_mate = sum(
            1
            for e in evaluations
            if e.evaluator_id == e.evaluated_id
            or team_of.get(e.evaluator_id) == team_of.get(e.evaluated_id)
        )
        spent = db.session.scalar(
            db.select(db.func.count()).select_from(PointsEntry).filter_by(reason="booked")
        )
        quarters = db.session.scalar(db.select(db.func.count()).select_from(BusyQuarter))

    lat = sorted(latencies)
    p95 = lat[int(0.95 * (len(lat) - 1))]
    print(
        f"candidates={args.candidates} threads={args.threads} "
        f"database={args.database_url.split('://')[0]}"
    )
    print(f"outcomes: {dict(outcomes)}; wall {wall:.2f} s")
    print(
        f"booking latency p50={statistics.median(lat) * 1000:.0f} ms p95={p95 * 1000:.0f} ms "
        f"max={lat[-1] * 1000:.0f} ms"
    )
    print(
        f"checks: evaluations={len(evaluations)} evaluator overlaps={overlaps} "
        f"self or teammate={self_or_mate} points spent={spent} busy quarter-hours={quarters}"
    )
    ok = (
        overlaps == 0
        and self_or_mate == 0
        and spent == len(evaluations) == outcomes["booked"]
        and quarters == 4 * len(evaluations)
        and sum(outcomes.values()) == args.candidates
    )
    print("RESULT:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
