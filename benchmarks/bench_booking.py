#!/usr/bin/env python3
"""Booking under load: 400 invited candidates try to book 200 seats at once.

The app is served by gunicorn on PostgreSQL (127.0.0.1 only); every candidate sends one
`POST /api/v1/piscines/<id>/booking` at the same instant (a barrier releases the threads).
Prints booked count (must be exactly the capacity), answers by kind, latency p50/p95.
usage: benchmarks/bench_booking.py [--candidates 400] [--seats 200] [--database-url URL]
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(database_url: str, candidates: int, seats: int) -> tuple[int, list[str]]:
    from school101 import create_app
    from school101.extensions import db
    from school101.models import Invitation, User, UserRole
    from school101.services.identity.accounts import issue_token
    from school101.services.identity.security import hash_password
    from school101.services.piscine.sessions import create_piscine

    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "bench"})
    with app.app_context():
        db.drop_all()
        db.create_all()
        pw = hash_password("bench password 101")
        staff = User(email="staff@bench.example", password_hash=pw, first_name="S", last_name="S")
        staff.role_rows.append(UserRole(role="staff"))
        db.session.add(staff)
        db.session.flush()
        piscine = create_piscine(
            {
                "name": "Bench",
                "starts_on": date.today(),
                "ends_on": date.today() + timedelta(days=27),
                "capacity": seats,
                "feedback": "after_deadline",
            },
            actor=staff,
        )
        users = []
        for i in range(candidates):
            user = User(
                email=f"c{i}@bench.example", password_hash=pw, first_name="C", last_name=str(i)
            )
            user.role_rows.append(UserRole(role="candidate"))
            users.append(user)
        db.session.add_all(users)
        db.session.flush()
        db.session.add_all(Invitation(piscine_id=piscine.id, user_id=u.id) for u in users)
        tokens = [issue_token(u) for u in users]
        db.session.commit()
        return piscine.id, tokens


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--candidates", type=int, default=400)
    parser.add_argument("--seats", type=int, default=200)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=8, help="threads per gunicorn worker")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL",
            f"postgresql+psycopg://postgres@127.0.0.1:{os.environ.get('PG_PORT', '5439')}/school101_bench",
        ),
    )
    args = parser.parse_args()

    piscine_id, tokens = prepare(args.database_url, args.candidates, args.seats)
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "SECRET_KEY": "bench",
        "RATELIMIT_ENABLED": "0",
        "REDIS_URL": "",
    }
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--log-level",
            "warning",
            "school101:create_app()",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(base + "/api/v1/campaigns/current", timeout=5)
                break
            except requests.RequestException:
                time.sleep(0.2)
        barrier = threading.Barrier(len(tokens))

        def book(token: str):
            session = requests.Session()
            barrier.wait()
            started = time.perf_counter()
            try:
                r = session.post(
                    f"{base}/api/v1/piscines/{piscine_id}/booking",
                    headers={"Authorization": f"Bearer {token}"},
                    timeout=120,
                )
                kind = f"{r.status_code} {r.json().get('error', {}).get('code', '') if r.status_code >= 400 else ''}"
            except requests.RequestException as exc:
                kind = f"network {type(exc).__name__}"
            return kind.strip(), time.perf_counter() - started

        wall = time.perf_counter()
        with ThreadPoolExecutor(max_workers=len(tokens)) as pool:
            answers = list(pool.map(book, tokens))
        wall = time.perf_counter() - wall
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    from school101 import create_app
    from school101.extensions import db
    from school101.models import Booking, Piscine

    app = create_app({"DATABASE_URL": args.database_url, "SECRET_KEY": "bench"})
    with app.app_context():
        booked = db.session.scalar(
            db.select(db.func.count())
            .select_from(Booking)
            .where(Booking.piscine_id == piscine_id, Booking.status == "booked")
        )
        waitlisted = db.session.scalar(
            db.select(db.func.count())
            .select_from(Booking)
            .where(Booking.piscine_id == piscine_id, Booking.status == "waitlisted")
        )
        seats_taken = db.session.get(Piscine, piscine_id).seats_taken
    latencies = sorted(t for _, t in answers)
    kinds = Counter(k for k, _ in answers)
    p50 = statistics.median(latencies)
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(
        f"candidates={args.candidates} seats={args.seats} gunicorn={args.workers}x{args.threads} "
        f"db={args.database_url.split('@')[-1]}"
    )
    print(f"booked={booked} (seats_taken={seats_taken}) waitlisted={waitlisted}")
    print("answers: " + ", ".join(f"{k}: {v}" for k, v in sorted(kinds.items())))
    print(
        f"latency p50={p50 * 1000:.0f} ms p95={p95 * 1000:.0f} ms max={latencies[-1] * 1000:.0f} ms; "
        f"all answered in {wall:.2f} s"
    )
    five_xx = sum(v for k, v in kinds.items() if k.startswith(("5", "network")))
    ok = booked == args.seats == seats_taken and five_xx == 0
    print("RESULT:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
