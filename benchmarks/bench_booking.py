#!/usr/bin/env python3
"""Booking under load: 400 invited candidates try to book 200 seats at once.

The app is served by gunicorn on PostgreSQL (127.0.0.1 only); every candidate sends one
`POST /api/v1/piscines/<id>/booking` at the same instant (a barrier releases the threads).
Prints booked count (must be exactly the capacity), answers by kind, latency p50/p95, and the
same burst of `GET /healthz` (no work) as the baseline. `--proxy`: through the recipe's nginx
site with TLS (deploy/), gunicorn run as the web unit runs it (benchmarks/proxied_stack.py).
usage: benchmarks/bench_booking.py [--candidates 400] [--seats 200] [--proxy] [--database-url URL]
"""

from __future__ import annotations

import argparse
import contextlib
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


def serve_direct(serving: contextlib.ExitStack, app_env: dict, workers: int, threads: int) -> str:
    """gunicorn alone on 127.0.0.1 (stopped with `serving`); its base URL."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--log-level",
            "warning",
            "school101:create_app()",
        ],
        cwd=ROOT,
        env={**os.environ, "SECRET_KEY": "bench", **app_env},
        start_new_session=True,
    )

    def stop() -> None:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    serving.callback(stop)
    return f"http://127.0.0.1:{port}"


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
    parser.add_argument(
        "--proxy",
        action="store_true",
        help="through the recipe's nginx site (TLS) as deploy/ runs it, not gunicorn alone",
    )
    args = parser.parse_args()

    piscine_id, tokens = prepare(args.database_url, args.candidates, args.seats)
    app_env = {"DATABASE_URL": args.database_url, "RATELIMIT_ENABLED": "0", "REDIS_URL": ""}
    with contextlib.ExitStack() as serving:
        if args.proxy:
            from benchmarks.proxied_stack import proxied_app

            proxied = serving.enter_context(proxied_app(app_env, args.workers, args.threads))
            base, verify = proxied.base_url, str(proxied.cafile)
        else:
            base, verify = serve_direct(serving, app_env, args.workers, args.threads), True
        for _ in range(100):
            try:
                requests.get(base + "/api/v1/campaigns/current", timeout=5, verify=verify)
                break
            except requests.RequestException:
                time.sleep(0.2)

        def at_once(method: str, path: str, headers: list[dict]):
            """One request per entry of `headers`, all released together: (kind, latency)s."""
            barrier = threading.Barrier(len(headers))

            def one(header: dict):
                session = requests.Session()
                barrier.wait()
                started = time.perf_counter()
                try:  # verify per request: REQUESTS_CA_BUNDLE would override a session's
                    r = session.request(
                        method, base + path, headers=header, timeout=120, verify=verify
                    )
                    code = r.json().get("error", {}).get("code", "") if r.status_code >= 400 else ""
                    kind = f"{r.status_code} {code}"
                except requests.RequestException as exc:
                    kind = f"network {type(exc).__name__}"
                return kind.strip(), time.perf_counter() - started

            with ThreadPoolExecutor(max_workers=len(headers)) as pool:
                return list(pool.map(one, headers))

        wall = time.perf_counter()
        answers = at_once(
            "POST",
            f"/api/v1/piscines/{piscine_id}/booking",
            [{"Authorization": f"Bearer {token}"} for token in tokens],
        )
        wall = time.perf_counter() - wall
        idle_wall = time.perf_counter()
        idle = at_once("GET", "/healthz", [{} for _ in tokens])  # no work: the stack's own cost
        idle_wall = time.perf_counter() - idle_wall

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
        f"db={args.database_url.split('@')[-1]}" + (" through nginx (TLS)" if args.proxy else "")
    )
    print(f"booked={booked} (seats_taken={seats_taken}) waitlisted={waitlisted}")
    print("answers: " + ", ".join(f"{k}: {v}" for k, v in sorted(kinds.items())))
    print(
        f"latency p50={p50 * 1000:.0f} ms p95={p95 * 1000:.0f} ms max={latencies[-1] * 1000:.0f} ms; "
        f"all answered in {wall:.2f} s"
    )
    idle_latencies = sorted(t for _, t in idle)
    idle_kinds = Counter(k for k, _ in idle)
    print(
        f"no-work GET /healthz, {len(idle)} at once: "
        + ", ".join(f"{k}: {v}" for k, v in sorted(idle_kinds.items()))
        + f"; p50={statistics.median(idle_latencies) * 1000:.0f} ms "
        f"p95={idle_latencies[int(0.95 * (len(idle_latencies) - 1))] * 1000:.0f} ms; "
        f"all answered in {idle_wall:.2f} s (booking/no-work: {wall / idle_wall:.1f}x)"
    )
    five_xx = sum(v for k, v in kinds.items() if k.startswith(("5", "network")))
    idle_failed = sum(v for k, v in idle_kinds.items() if k.startswith(("5", "network")))
    ok = booked == args.seats == seats_taken and five_xx == 0 and idle_failed == 0
    print("RESULT:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
