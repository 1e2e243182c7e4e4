#!/usr/bin/env python3
"""Peer-evaluation bookings under load: 400 candidates book within the same minute.

A piscine on PostgreSQL whose day asking one peer evaluation closed a minute ago; 400
seated candidates who turned work in, paired in rush teams, all offering to evaluate from
10:00 to 12:00 (Paris) tomorrow. Every candidate books one evaluation at one of the four
half-hours at the same time (a barrier releases 32 threads, each with its own connection,
through `services.evaluations.booking.book`). Prints the outcomes, latency p50/p95 and the
checks: no evaluator double-booked, nobody evaluated by themselves or a teammate, points
spent once per booking.

With --http the same bookings go through the JSON API instead (POST
/api/v1/piscines/<id>/evaluations, one bearer token each) to gunicorn on 127.0.0.1: every
request is sent at once (one thread each), and the baseline is the same number of requests to
an endpoint doing no work (GET /api/v1/campaigns/current) in the same run, so the ratio shows
the cost of booking over the framework's own.
usage: benchmarks/bench_evaluations.py [--candidates 400] [--threads 32] [--http
       [--workers 4 --gunicorn-threads 8]] [--database-url URL]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
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
    parser.add_argument("--http", action="store_true", help="book through the API and gunicorn")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn processes (--http)")
    parser.add_argument("--gunicorn-threads", type=int, default=8, help="threads each (--http)")
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
        Submission,
        User,
        UserRole,
    )
    from school101.models._base import utcnow
    from school101.services.evaluations import availability, teams
    from school101.services.piscine.sessions import create_piscine

    exercises = exercises_dir()
    app = create_app(
        {
            "DATABASE_URL": args.database_url,
            "SECRET_KEY": "bench",
            "REDIS_URL": "",
            "EXERCISES_DIR": exercises,
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
        tokens = {}
        if args.http:
            from school101.services.identity.accounts import issue_token

            tokens = {u.id: issue_token(u) for u in users}
        db.session.commit()
        piscine_id, user_ids = piscine.id, [u.id for u in users]

    rng = random.Random(101)
    plan = [(uid, rng.choice(starts)) for uid in user_ids]
    if args.http:
        latencies, outcomes, wall, baseline = _over_http(args, exercises, piscine_id, plan, tokens)
        return _report(args, app, latencies, outcomes, wall, baseline)
    latencies, outcomes, wall = _in_process(args, app, piscine_id, plan, now)
    return _report(args, app, latencies, outcomes, wall, None)


def _in_process(args, app, piscine_id, plan, now):
    """Each booking through the service, a barrier releasing `--threads` threads at once."""
    from school101.extensions import db
    from school101.models import Piscine, User
    from school101.services.evaluations import booking

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
    return latencies, outcomes, wall


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _burst(requests_to_send, send) -> tuple[list[float], Counter, float]:
    """Send every request at once (a thread each, released together): latencies, answers."""
    barrier = threading.Barrier(len(requests_to_send))

    def one(item):
        barrier.wait()
        t0 = time.perf_counter()
        kind = send(item)
        return kind, time.perf_counter() - t0

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(requests_to_send)) as pool:
        answers = list(pool.map(one, requests_to_send))
    wall = time.perf_counter() - started
    return sorted(t for _, t in answers), Counter(k for k, _ in answers), wall


def _over_http(args, exercises, piscine_id, plan, tokens):
    """The bookings through POST /api/v1/piscines/<id>/evaluations on gunicorn, then the
    baseline burst on an endpoint doing no work."""
    import requests

    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "SECRET_KEY": "bench",
        "RATELIMIT_ENABLED": "0",
        "REDIS_URL": "",
        "EXERCISES_DIR": exercises,
    }
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.gunicorn_threads),
            "--log-level",
            "warning",
            "school101:create_app()",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    local = threading.local()

    def session():
        if not hasattr(local, "session"):
            local.session = requests.Session()
        return local.session

    def book(job):
        user_id, start = job
        try:
            r = session().post(
                f"{base}/api/v1/piscines/{piscine_id}/evaluations",
                json={"day_id": DAY, "starts_at": start.isoformat()},
                headers={"Authorization": f"Bearer {tokens[user_id]}"},
                timeout=120,
            )
        except requests.RequestException as exc:
            return f"network {type(exc).__name__}"
        if r.status_code < 300:
            return "booked"
        return r.json().get("error", {}).get("code", str(r.status_code))

    def nothing(_):
        try:
            r = session().get(f"{base}/api/v1/campaigns/current", timeout=120)
            return str(r.status_code)
        except requests.RequestException as exc:
            return f"network {type(exc).__name__}"

    try:
        for _ in range(150):
            try:
                requests.get(base + "/api/v1/campaigns/current", timeout=5)
                break
            except requests.RequestException:
                time.sleep(0.2)
        baseline = _burst(list(range(len(plan))), nothing)
        latencies, outcomes, wall = _burst(plan, book)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return latencies, outcomes, wall, baseline


def _report(args, app, latencies, outcomes, wall, baseline) -> int:
    """Print the outcomes, the latencies and the checks read back from the database."""
    from school101.extensions import db
    from school101.models import BusyQuarter, Evaluation, PointsEntry, RushTeamMember

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
    how = (
        f"http gunicorn={args.workers}x{args.gunicorn_threads}"
        if args.http
        else f"in-process threads={args.threads}"
    )
    print(f"candidates={args.candidates} {how} database={args.database_url.split('://')[0]}")
    if baseline is not None:
        base_lat, base_kinds, base_wall = baseline
        base_p95 = base_lat[int(0.95 * (len(base_lat) - 1))]
        print(
            f"baseline (GET /api/v1/campaigns/current, same burst): p50="
            f"{statistics.median(base_lat) * 1000:.0f} ms p95={base_p95 * 1000:.0f} ms, "
            f"{dict(base_kinds)}; wall {base_wall:.2f} s; booking/baseline p95 ratio "
            f"{p95 / base_p95:.1f}"
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
