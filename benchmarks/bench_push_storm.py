#!/usr/bin/env python3
"""Deadline push storm: 400 candidates `git push` in the last minute of a day, then the deadline.

The recipe's stack on 127.0.0.1 (nginx site of deploy/ with TLS -> gunicorn as the web unit
runs it -> PostgreSQL, Redis for limits and queues). An after_deadline piscine whose calendar
holds one day (c00) that closes `--grace` seconds after the storm. Each candidate has a
git-scoped token and a local commit of the whole day (every exercise's reference, with the
candidate's name in the commit); the real git client pushes it over HTTPS through the proxy,
the pushes paced evenly over `--seconds` (open loop). Then the day closes and the deadline
sweep runs: it must enqueue exactly one grading job per candidate, counted in the RQ grading
queue (no worker runs: grading is bench-deadline's subject). Also the same count of
`GET /healthz` (no work) at the same rate, and at the maximum rate, in the same run.
Checks: every push answered and accepted, each candidate's repository holds its commit on
main, one submission per exercise per candidate, one job and one day grading per candidate.
usage: benchmarks/bench_push_storm.py [--candidates 400] [--seconds 60] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
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

DAY = "c00"


def git_env(home: Path, cafile: Path | None = None) -> dict[str, str]:
    """The git client with an isolated HOME, no prompts, no proxies from the environment."""
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env = {k: v for k, v in env.items() if not k.startswith("GIT_")}
    env.update(
        HOME=str(home),
        GIT_TERMINAL_PROMPT="0",
        GIT_CONFIG_NOSYSTEM="1",
        LC_ALL="C.UTF-8",
        GIT_AUTHOR_DATE="2026-01-05T23:59:00+01:00",
        GIT_COMMITTER_DATE="2026-01-05T23:59:00+01:00",
    )
    if cafile is not None:
        env["GIT_SSL_CAINFO"] = str(cafile)
    return env


def day_files() -> dict[str, bytes]:
    """Every exercise's reference of the day: 'exNN/name' -> content."""
    found = {}
    for exercise in sorted((ROOT / "exercises" / DAY).glob("ex*")):
        for path in (exercise / "reference").iterdir():
            if path.is_file():
                found[f"{exercise.name}/{path.name}"] = path.read_bytes()
    return found


def local_commit(work: Path, home: Path, files: dict[str, bytes], who: int) -> str:
    """A repository at `work` with one commit of `files` by candidate `who`; its sha."""
    for relative, content in files.items():
        target = work / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    env = git_env(home)
    person = [
        "-c", f"user.name=Candidate {who}", "-c", f"user.email=c{who}@bench.example",
    ]  # fmt: skip
    for argv in (
        ["init", "-q", "-b", "main"],
        ["add", "-A"],
        [*person, "commit", "-q", "-m", "day"],
    ):
        subprocess.run(["git", *argv], cwd=work, env=env, check=True, capture_output=True)
    return subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=work, env=env, check=True, capture_output=True, text=True
    ).stdout.strip()


def prepare(database_url: str, redis_url: str, candidates: int, workdir: Path) -> dict:
    """Schema, one open day, `candidates` seated candidates with git tokens and local commits."""
    import redis

    from school101 import create_app
    from school101.extensions import db
    from school101.models import Booking, User, UserRole
    from school101.models._base import utcnow
    from school101.services.identity.accounts import issue_token
    from school101.services.piscine.sessions import create_piscine

    redis.Redis.from_url(redis_url).flushdb()
    app = create_app(
        {
            "DATABASE_URL": database_url,
            "SECRET_KEY": "bench",
            "REDIS_URL": "",
            "RATELIMIT_ENABLED": False,
        }
    )
    with app.app_context():
        db.drop_all()
        db.create_all()
        staff = User(email="staff@bench.example", password_hash="x", first_name="S", last_name="S")
        staff.role_rows.append(UserRole(role="staff"))
        db.session.add(staff)
        db.session.flush()
        now = utcnow()
        piscine = create_piscine(
            {
                "name": "Bench",
                "starts_on": date.today() - timedelta(days=1),
                "ends_on": date.today() + timedelta(days=25),
                "capacity": candidates,
                "feedback": "after_deadline",
            },
            actor=staff,
            calendar=[  # closes_at is set when the storm starts
                {
                    "day_id": DAY,
                    "kind": "day",
                    "position": 0,
                    "opens_at": now - timedelta(hours=10),
                    "closes_at": now + timedelta(hours=1),
                }
            ],
        )
        users = []
        for i in range(candidates):
            user = User(
                email=f"c{i}@bench.example", password_hash="x", first_name="C", last_name="C"
            )
            user.role_rows.append(UserRole(role="candidate"))
            users.append(user)
        db.session.add_all(users)
        db.session.flush()
        db.session.add_all(
            Booking(piscine_id=piscine.id, user_id=u.id, status="booked") for u in users
        )
        piscine.seats_taken = candidates
        tokens = [issue_token(u, "git", scopes=("git",)) for u in users]
        ids = [u.id for u in users]
        piscine_id = piscine.id
        db.session.commit()

    files = day_files()
    home = workdir / "home"
    home.mkdir()
    with ThreadPoolExecutor(max_workers=4) as pool:
        shas = list(
            pool.map(lambda i: local_commit(workdir / f"w{i}", home, files, i), range(candidates))
        )
    return {
        "piscine_id": piscine_id,
        "user_ids": ids,
        "tokens": tokens,
        "shas": shas,
        "exercises": len({f.split("/")[0] for f in files}),
        "home": home,
    }


def close_day(database_url: str, piscine_id: int, closes_at) -> None:
    from school101 import create_app
    from school101.extensions import db
    from school101.models import PiscineDay

    app = create_app(
        {
            "DATABASE_URL": database_url,
            "SECRET_KEY": "bench",
            "REDIS_URL": "",
            "RATELIMIT_ENABLED": False,
        }
    )
    with app.app_context():
        day = db.session.scalar(db.select(PiscineDay).where(PiscineDay.piscine_id == piscine_id))
        day.closes_at = closes_at
        db.session.commit()


def deadline(database_url: str, redis_url: str, git_root: Path, setup: dict) -> dict:
    """Run the deadline sweep twice (the second must find nothing) and count what it left."""
    from dulwich.repo import Repo

    from school101 import create_app
    from school101.core.queues import grading_queue
    from school101.extensions import db
    from school101.models import DayGrading, Submission
    from school101.services.grading import deadline as deadline_sweep
    from school101.services.grading.repositories import repo_path

    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "bench", "REDIS_URL": redis_url})
    with app.app_context():
        started = time.perf_counter()
        first = deadline_sweep.sweep()
        db.session.commit()
        sweep_seconds = time.perf_counter() - started
        second = deadline_sweep.sweep()
        db.session.commit()
        piscine_id = setup["piscine_id"]
        submissions = db.session.execute(
            db.select(Submission.user_id, db.func.count())
            .where(Submission.piscine_id == piscine_id, Submission.day_id == DAY)
            .group_by(Submission.user_id)
        ).all()
        gradings = db.session.execute(
            db.select(DayGrading.user_id, db.func.count())
            .where(DayGrading.piscine_id == piscine_id)
            .group_by(DayGrading.user_id)
        ).all()
        queued = grading_queue().count
    heads = 0
    for user_id, sha in zip(setup["user_ids"], setup["shas"], strict=True):
        path = repo_path(str(git_root), user_id, DAY)
        if os.path.isdir(path) and Repo(path).refs[b"refs/heads/main"].decode() == sha:
            heads += 1
    return {
        "enqueued": first,
        "enqueued again": second,
        "sweep seconds": sweep_seconds,
        "queued jobs": queued,
        "candidates with submissions": len(submissions),
        "submissions": sum(n for _, n in submissions),
        "candidates with a day grading": len(gradings),
        "day gradings": sum(n for _, n in gradings),
        "repositories with the commit": heads,
    }


def _children_cpu() -> float:
    """CPU seconds of this process's finished child processes (the git clients)."""
    import resource

    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--candidates", type=int, default=400)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--grace", type=float, default=15.0, help="from the last push to close")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--max-seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=16)
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

    from school101.models._base import utcnow

    print(machine_load())
    with tempfile.TemporaryDirectory(prefix="s101-storm-") as scratch:
        workdir = Path(scratch)
        git_root = workdir / "git"
        prepared = time.perf_counter()
        setup = prepare(args.database_url, args.redis_url, args.candidates, workdir)
        prepared = time.perf_counter() - prepared
        env = {
            "DATABASE_URL": args.database_url,
            "REDIS_URL": args.redis_url,
            "GIT_ROOT": str(git_root),
            "INSTANCE_PATH": str(workdir / "instance"),
        }
        with proxied_app(env, args.workers, args.threads) as app:
            push_env = git_env(setup["home"], app.cafile)

            def push(i: int) -> str:
                url = app.base_url.replace("https://", f"https://x:{setup['tokens'][i]}@")
                result = subprocess.run(
                    ["git", "push", "-q", f"{url}/git/{DAY}.git", "HEAD:main"],
                    cwd=workdir / f"w{i}",
                    env=push_env,
                    capture_output=True,
                    text=True,
                    timeout=300,
                )
                if result.returncode == 0:
                    return "pushed"
                return "refused " + (result.stderr.strip().splitlines() or ["?"])[-1][:80]

            def healthz(phase: int):
                def send(i: int) -> str:
                    status, body = app.request("GET", "/healthz", source=loopback_address(phase, i))
                    return kind_of(status, body)

                return send

            def look(i: int) -> str:  # read-only: authenticates and lists the refs
                url = app.base_url.replace("https://", f"https://x:{setup['tokens'][i]}@")
                argv = ["git", "ls-remote", f"{url}/git/{DAY}.git"]
                done = subprocess.run(argv, env=push_env, capture_output=True, timeout=60)
                return "listed" if done.returncode == 0 else "refused"

            # every gunicorn process answers a few first (imports, pools) before anything is timed
            clients = args.workers * args.threads
            with ThreadPoolExecutor(max_workers=clients) as pool:
                warm = list(pool.map(look, [i % args.candidates for i in range(clients)]))
            closed_loop(1.0, args.workers * args.threads, healthz(4))
            closes_at = utcnow() + timedelta(seconds=args.seconds + args.grace + 1)
            close_day(args.database_url, setup["piscine_id"], closes_at)
            cpu = server_cpu(app, args.database_url)
            git_cpu = _children_cpu()
            storm = open_loop(args.candidates, args.seconds, push)
            git_cpu = _children_cpu() - git_cpu  # the git clients, on the same machine
            storm_cpu = server_cpu(app, args.database_url, since=cpu)
            cpu = server_cpu(app, args.database_url)
            idle = open_loop(args.candidates, args.seconds, healthz(2))
            idle_cpu = server_cpu(app, args.database_url, since=cpu)
            idle_most = closed_loop(args.max_seconds, args.concurrency, healthz(3))
            wait = (closes_at - utcnow()).total_seconds()
            if wait > 0:
                time.sleep(wait + 0.5)
            found = deadline(args.database_url, args.redis_url, git_root, setup)

    n = args.candidates
    print(
        f"stack: nginx (TLS) -> gunicorn {args.workers}x{args.threads} -> "
        f"{args.database_url.split('@')[-1]}; {n} candidates prepared in {prepared:.0f} s; "
        f"each push carries {setup['exercises']} exercises of {DAY}"
    )
    print(f"warm-up: {len(warm)} git ls-remote, {warm.count('listed')} listed")
    print(f"git pushes, open loop ({n / args.seconds:.1f}/s): {storm.summary()}")
    print(f"  {cpu_line(storm_cpu, n, 'push')}; the git client's: {git_cpu / n * 1000:.1f} ms")
    print(f"no-work GET /healthz, same rate: {idle.summary()}")
    print(f"  {cpu_line(idle_cpu, n, 'request')}")
    print(f"no-work GET /healthz, max rate ({args.concurrency} clients): {idle_most.summary()}")
    push_p95 = percentile(sorted(storm.latencies), 0.95)
    idle_p95 = percentile(sorted(idle.latencies), 0.95)
    print(f"ratio: push p95 / healthz p95 at the same rate = {push_p95 / idle_p95:.1f}")
    print(
        "deadline: "
        + ", ".join(
            f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}" for k, v in found.items()
        )
    )
    print(machine_load())
    ok = (
        storm.kinds.get("pushed", 0) == n
        and found["repositories with the commit"] == n
        and found["candidates with submissions"] == n
        and found["submissions"] == n * setup["exercises"]
        and found["enqueued"] == found["queued jobs"] == n
        and found["enqueued again"] == 0
        and found["candidates with a day grading"] == found["day gradings"] == n
        and idle.failed == 0
    )
    print("RESULT:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
