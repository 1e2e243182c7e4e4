#!/usr/bin/env python3
"""Campaign opening: 2,500 registrations arriving evenly in one minute, through the proxy.

1. The cost of one password hash on this machine (argon2-cffi PasswordHasher): the setting the
   app used until now (argon2-cffi's default, RFC 9106's low-memory profile), the app's setting
   (OWASP's m=19 MiB, t=2, p=1) and OWASP's other first-rank option (m=46 MiB, t=1, p=1): time
   and CPU per hash, hashes/s per core, cores needed for the burst.
2. The recipe's stack on 127.0.0.1: nginx (deploy/nginx site, TLS) -> gunicorn (the web unit's
   command line, --workers x --threads) -> PostgreSQL, Redis for the rate limits. Mail stays
   in the outbox (no SMTP host): the registration's own work is measured.
3. `--registrations` `POST /api/v1/auth/register` paced evenly over `--seconds` (open loop:
   each sent at its time whatever the answers), each from its own loopback address so the
   per-address limit (10 a minute) stays on and is never what answers; then the same count
   of `GET /healthz` (no work) at the same rate, and both at the maximum rate (closed loop).
Checks: every request answered, every registration 201, exactly that many accounts.
usage: benchmarks/bench_registration.py [--registrations 2500] [--seconds 60] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.proxied_stack import (  # noqa: E402
    closed_loop,
    cpu_line,
    kind_of,
    loopback_address,
    machine_load,
    open_loop,
    percentile,
    proxied_app,
    server_cpu,
)

# the script's own app objects (schema, counts) use no Redis and need no rate limits
QUIET = {"SECRET_KEY": "bench", "REDIS_URL": "", "RATELIMIT_ENABLED": False}
SETTINGS = {
    "argon2-cffi default (m=64 MiB t=3 p=4, used until now)": dict(
        time_cost=3, memory_cost=64 * 1024, parallelism=4
    ),
    "OWASP m=19 MiB t=2 p=1 (the app's setting)": dict(
        time_cost=2, memory_cost=19 * 1024, parallelism=1
    ),
    "OWASP m=46 MiB t=1 p=1": dict(time_cost=1, memory_cost=46 * 1024, parallelism=1),
}


def hash_costs(rounds: int, per_second: float) -> None:
    """Print wall and CPU time per hash for each setting, and the cores the burst needs."""
    from argon2 import PasswordHasher

    from school101.services.identity.security import PASSWORD_HASH_PARAMETERS

    print(f"password hash cost ({rounds} hashes each; burst = {per_second:.1f} registrations/s)")
    for label, params in SETTINGS.items():
        hasher = PasswordHasher(**params)
        hasher.hash("warm up")
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(rounds):
            hasher.hash("bench password 101")
        wall = (time.perf_counter() - wall) / rounds
        cpu = (time.process_time() - cpu) / rounds
        mark = " <- app" if params == PASSWORD_HASH_PARAMETERS else ""
        print(
            f"  {label}: {wall * 1000:.1f} ms wall, {cpu * 1000:.1f} ms CPU per hash; "
            f"{1 / cpu:.0f} hashes/s per core; the burst needs {per_second * cpu:.2f} cores "
            f"of hashing{mark}"
        )


def prepare(database_url: str, redis_url: str) -> None:
    """An empty schema and an empty Redis database (rate-limit counters)."""
    import redis

    from school101 import create_app
    from school101.extensions import db

    redis.Redis.from_url(redis_url).flushdb()
    app = create_app(QUIET | {"DATABASE_URL": database_url})
    with app.app_context():
        db.drop_all()
        db.create_all()


def accounts(database_url: str, prefix: str) -> tuple[int, int]:
    """(accounts, outbox mails) whose address starts with `prefix`."""
    from school101 import create_app
    from school101.extensions import db
    from school101.models import OutboxMail, User

    app = create_app(QUIET | {"DATABASE_URL": database_url})
    with app.app_context():
        users = db.session.scalar(
            db.select(db.func.count()).select_from(User).where(User.email.like(f"{prefix}%"))
        )
        mails = db.session.scalar(
            db.select(db.func.count())
            .select_from(OutboxMail)
            .where(OutboxMail.to.like(f"{prefix}%"))
        )
        return users, mails


def registration(prefix: str, i: int) -> dict:
    return {
        "email": f"{prefix}{i}@bench.example",
        "password": f"bench password {i:05d}",
        "first_name": "Camille",
        "last_name": "Candidate",
        "birth_date": "2001-02-03",
        "consent": True,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--registrations", type=int, default=2500)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--max-seconds", type=float, default=10.0, help="each max-rate phase")
    parser.add_argument("--concurrency", type=int, default=16, help="clients at max rate")
    parser.add_argument("--hash-rounds", type=int, default=20)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL",
            f"postgresql+psycopg://postgres@127.0.0.1:{os.environ.get('PG_PORT', '5439')}/school101_bench",
        ),
    )
    parser.add_argument(
        "--redis-url", default=f"redis://127.0.0.1:{os.environ.get('REDIS_PORT', '6399')}/13"
    )
    args = parser.parse_args()
    per_second = args.registrations / args.seconds

    print(machine_load())
    hash_costs(args.hash_rounds, per_second)
    prepare(args.database_url, args.redis_url)
    env = {"DATABASE_URL": args.database_url, "REDIS_URL": args.redis_url}
    with proxied_app(env, args.workers, args.threads) as app:

        def register(prefix: str, phase: int):
            def send(i: int) -> str:
                status, body = app.request(
                    "POST",
                    "/api/v1/auth/register",
                    registration(prefix, i),
                    source=loopback_address(phase, i),
                )
                return kind_of(status, body)

            return send

        def healthz(phase: int):
            def send(i: int) -> str:
                status, body = app.request("GET", "/healthz", source=loopback_address(phase, i))
                return kind_of(status, body)

            return send

        def measured(run, *run_args):
            """(answers, server CPU seconds by role) of one phase."""
            before = server_cpu(app, args.database_url)
            answers = run(*run_args)
            return answers, server_cpu(app, args.database_url, since=before)

        # every gunicorn process answers a few first (imports, pools) before anything is timed
        closed_loop(min(2.0, args.max_seconds), args.workers * args.threads, register("warm-", 5))
        closed_loop(min(1.0, args.max_seconds), args.workers * args.threads, healthz(6))
        before = server_cpu(app, args.database_url)
        burst = open_loop(args.registrations, args.seconds, register("burst-", 1))
        # a request the proxy gave up on (504) may still be in gunicorn's queue: wait for them
        drained = wait_for_accounts(args.database_url, "burst-", args.registrations)
        burst_cpu = server_cpu(app, args.database_url, since=before)
        idle, idle_cpu = measured(open_loop, args.registrations, args.seconds, healthz(2))
        most, most_cpu = measured(
            closed_loop, args.max_seconds, args.concurrency, register("max-", 3)
        )
        idle_most, _ = measured(closed_loop, args.max_seconds, args.concurrency, healthz(4))
    rows, mails = accounts(args.database_url, "burst-")

    print(
        f"stack: nginx (TLS) -> gunicorn {args.workers}x{args.threads} -> "
        f"{args.database_url.split('@')[-1]}; Redis rate limits on, one loopback address "
        "per request"
    )
    print(f"registrations, open loop ({per_second:.1f}/s): {burst.summary()}")
    lags = sorted(burst.lags)
    print(
        f"  client lag max={lags[-1] * 1000:.0f} ms; accounts={rows} confirmation mails={mails}; "
        f"the server finished {drained:.0f} s after the answers"
    )
    print(f"  {cpu_line(burst_cpu, args.registrations, 'registration')}")
    print(f"no-work GET /healthz, same rate: {idle.summary()}")
    print(f"  {cpu_line(idle_cpu, args.registrations, 'request')}")
    print(f"registrations, max rate ({args.concurrency} clients): {most.summary()}")
    print(f"  {cpu_line(most_cpu, len(most.latencies), 'registration')}")
    print(f"no-work GET /healthz, max rate ({args.concurrency} clients): {idle_most.summary()}")
    reg_rate, idle_rate = len(most.latencies) / most.wall, len(idle_most.latencies) / idle_most.wall
    per_registration = sum(burst_cpu.values()) / args.registrations
    print(
        f"ratios: max registrations/s / max healthz/s = {reg_rate / idle_rate:.2f}; "
        f"burst p95 / healthz p95 at the same rate = "
        f"{_p95(burst) / _p95(idle):.1f}; max registrations/s / burst rate = "
        f"{reg_rate / per_second:.2f}; server CPU for the burst rate = "
        f"{per_registration * per_second:.2f} cores"
    )
    print(machine_load())
    ok = (
        burst.kinds.get("2xx", 0) == args.registrations == rows == mails
        and burst.failed == 0
        and idle.failed == 0
    )
    print("RESULT:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


def wait_for_accounts(database_url: str, prefix: str, expected: int, patience=60.0) -> float:
    """Seconds until `expected` accounts exist (or their number stops growing for `patience`)."""
    started = last_change = time.perf_counter()
    seen = -1
    while True:
        rows, _ = accounts(database_url, prefix)
        now = time.perf_counter()
        if rows >= expected or now - last_change > patience:
            return now - started
        if rows != seen:
            seen, last_change = rows, now
        time.sleep(0.5)


def _p95(answers) -> float:
    return percentile(sorted(answers.latencies), 0.95)


if __name__ == "__main__":
    sys.exit(main())
