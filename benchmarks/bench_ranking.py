#!/usr/bin/env python3
"""Ranking at scale: 100,000 synthetic candidates with six criteria.

Times the ranking computation (numpy: percentile normalisation, weighted score, ordering) against
a plain-Python baseline of the same algorithm measured in the same run, then the staff ranking
page answering from the computed ranking (first, middle and last page, through the Flask app).
Targets: ranking under 2 s, page under 300 ms.

`--db` times the real database path instead: 200 seated candidates x 10 exercise days (plus an
exam) with real rows (submissions and grading runs for an `immediate` piscine, day gradings for
an `after_deadline` one), both feedback policies: one ranking (`rank_piscine`) and a bulk
decision of 120 people (`decisions.decide_bulk`), each against the code before the batching,
measured in the same run (`legacy_*` below: per user x day `day_result`, criteria reading the
scores twice, one full ranking per decided person). The old bulk decision takes minutes, so it
is timed on `--legacy-sample` people and scaled to 120 (printed as such).
"""

from __future__ import annotations

import argparse
import bisect
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from school101.services.selection import decisions, ranking, rounds

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CRITERIA = ["day_scores", "exam_scores", "progress", "regularity", "games", "peer_reviews"]
WEIGHTS = {
    "day_scores": 35,
    "exam_scores": 25,
    "progress": 15,
    "regularity": 10,
    "games": 10,
    "peer_reviews": 5,
}


def synthetic(n: int, seed: int = 101) -> np.ndarray:
    rng = np.random.default_rng(seed)
    raw = np.column_stack(
        [
            rng.integers(0, 501, n),
            rng.integers(0, 101, n),
            rng.integers(0, 41, n),
            rng.integers(0, 21, n),
            rng.integers(0, 23, n),
            rng.normal(3, 1, n).clip(0, 5).round(1),
        ]
    ).astype(np.float64)
    raw[rng.random(n) < 0.05] = 0  # people who never turned anything in
    return raw


def python_baseline(user_ids, raw, weights):
    """The same algorithm in plain Python (sorted columns + bisect)."""
    n, k = len(raw), len(raw[0])
    w = [weights[c] for c in CRITERIA]
    total = sum(w)
    columns = [sorted(row[j] for row in raw) for j in range(k)]
    scores = []
    for row in raw:
        s = 0.0
        for j in range(k):
            x = row[j]
            if x > 0:
                below = bisect.bisect_left(columns[j], x)
                equal = bisect.bisect_right(columns[j], x) - below
                s += w[j] * (below + 0.5 * equal) / n
        scores.append(100 * s / total)
    order = sorted(range(n), key=lambda i: (-scores[i], user_ids[i]))
    return order, scores


def timed(func, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - t)
    return result, statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", action="store_true", help="time the real database path (see above)")
    parser.add_argument(
        "--database-url",
        default="",
        help="with --db: e.g. postgresql+psycopg://... (default SQLite)",
    )
    parser.add_argument("--seated", type=int, default=200)
    parser.add_argument("--days", type=int, default=10)
    parser.add_argument("--bulk", type=int, default=120)
    parser.add_argument("--legacy-sample", type=int, default=2)
    args = parser.parse_args()
    if args.db:
        return database_path(args)

    raw = synthetic(args.candidates)
    user_ids = np.arange(1, args.candidates + 1)
    computed, t_numpy = timed(
        lambda: ranking.rank_matrix(user_ids, raw, CRITERIA, WEIGHTS), args.repeat
    )
    raw_list, ids_list = raw.tolist(), user_ids.tolist()
    (order, _scores), t_python = timed(lambda: python_baseline(ids_list, raw_list, WEIGHTS), 1)
    assert [int(user_ids[i]) for i in computed.order[:1000]] == [
        ids_list[i] for i in order[:1000]
    ], "numpy and baseline disagree"
    print(f"candidates={args.candidates} criteria={len(CRITERIA)}")
    print(
        f"ranking (numpy) median of {args.repeat}: {t_numpy * 1000:.0f} ms; plain-Python baseline: "
        f"{t_python * 1000:.0f} ms; speed-up x{t_python / t_numpy:.1f}"
    )

    page_times = page_latency(computed)
    for label, values in page_times.items():
        print(
            f"ranking page {label}: p50={statistics.median(values) * 1000:.0f} ms "
            f"max={max(values) * 1000:.0f} ms over {len(values)} requests"
        )
    worst = max(statistics.median(v) for v in page_times.values())
    ok = t_numpy < 2.0 and worst < 0.3
    print("RESULT:", "PASS (ranking < 2 s, page < 300 ms)" if ok else "FAIL")
    return 0 if ok else 1


def page_latency(computed) -> dict[str, list[float]]:
    """Serve the staff ranking page over a synthetic ranking (test client, SQLite)."""
    from datetime import date, timedelta

    from school101 import create_app
    from school101.extensions import db
    from school101.services.identity import accounts
    from school101.services.piscine.sessions import create_piscine

    tmp = tempfile.mkdtemp(prefix="s101-bench-")
    os.environ["INSTANCE_PATH"] = tmp
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite",
            "SECRET_KEY": "bench",
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
        }
    )
    with app.app_context():
        db.create_all()
        staff = accounts.create_user(
            email="staff@bench.example", password="bench password 101", roles=["staff"]
        )
        piscine = create_piscine(
            {
                "name": "Bench",
                "starts_on": date.today() - timedelta(days=10),
                "ends_on": date.today() + timedelta(days=17),
                "capacity": 2000,
                "feedback": "after_deadline",
            },
            actor=staff,
        )
        rnd = rounds.create_round(
            name="Bench", piscine_ids=[piscine.id], weights={"day_scores": 1}, actor=staff
        )
        db.session.commit()
        ranking.remember(piscine.id, {"day_scores": 1.0}, ranking.fingerprint(piscine), computed)
        round_id, pages = rnd.id, -(-len(computed) // 50)
    client = app.test_client()
    client.post(
        "/auth/login", data={"email": "staff@bench.example", "password": "bench password 101"}
    )
    results = {}
    for label, page in (("first", 1), ("middle", pages // 2), ("last", pages)):
        times = []
        for _ in range(20):
            t = time.perf_counter()
            r = client.get(f"/staff/selection/rounds/{round_id}?page={page}")
            times.append(time.perf_counter() - t)
            assert r.status_code == 200, r.status_code
        results[label] = times
    return results


# ---------------------------------------------------------------- the real database path


def legacy_official_scores(piscine, user_ids):
    """The code before the batching (kept here to measure it): per user x day `day_result`."""
    import json

    from school101.extensions import db
    from school101.models import DayGrading
    from school101.services.grading.results import day_result
    from school101.services.selection.ranking import _days

    rows = db.session.execute(
        db.select(
            DayGrading.user_id,
            DayGrading.day_id,
            DayGrading.score,
            DayGrading.max_score,
            DayGrading.verdict,
            DayGrading.id,
        )
        .where(
            DayGrading.piscine_id == piscine.id,
            DayGrading.status == "graded",
            DayGrading.user_id.in_(user_ids),
        )
        .order_by(DayGrading.id)
    ).all()
    latest = {}
    for user_id, day_id, score, max_score, verdict, _id in rows:
        passed = sum(1 for v in json.loads(verdict or "{}").get("exercises", []) if v.get("passed"))
        latest[(user_id, day_id)] = (score or 0, max_score or 0, passed)
    if piscine.feedback == "immediate":
        for day in _days(piscine):
            for user_id in user_ids:
                if (user_id, day.day_id) not in latest:
                    result = day_result(piscine, user_id, day)
                    if result.score is not None:
                        latest[(user_id, day.day_id)] = (
                            result.score,
                            result.max_score,
                            sum(1 for e in result.exercises if e["passed"]),
                        )
    return latest


class legacy:
    """Run the ranking as before: no batching, no memo, no cache (one full ranking per call)."""

    def __enter__(self):

        self.saved = ranking._official_scores, ranking.cached_rank
        ranking._official_scores = legacy_official_scores
        ranking.cached_rank = lambda piscine, weights: ranking.rank_piscine(piscine, weights)
        return self

    def __exit__(self, *exc):

        ranking._official_scores, ranking.cached_rank = self.saved


def _exercise_dir(days: int) -> str:
    """A copy of exercises/ with `days` exercise days (the real ones, then copies of them)."""
    import shutil
    import tomllib

    target = Path(tempfile.mkdtemp(prefix="s101-bench-ex-")) / "exercises"
    shutil.copytree(ROOT / "exercises", target)
    real = tomllib.loads((target / "curriculum.toml").read_text())["days"]
    names = list(real)
    n = 0
    while len(names) < days:
        source = real[n % len(real)]
        name = f"{source}b{n // len(real)}"
        shutil.copytree(target / source, target / name)
        toml = target / name / "day.toml"
        toml.write_text(toml.read_text().replace(f'id = "{source}"', f'id = "{name}"', 1))
        names.append(name)
        n += 1
    return str(target), names[:days]


def _populate(piscine, users, day_ids, rng):
    """Real rows: per candidate and day, submissions with grading runs (immediate) or a day grading
    (after_deadline); an exam attempt each. A realistic mix: strong, average, weak, absent."""
    import hashlib
    import json

    from school101.extensions import db
    from school101.models import DayGrading, ExamAttempt, GradingRun, Submission
    from school101.models._base import utcnow
    from school101.services.grading.results import day_weights

    now = utcnow()
    exam = next(d for d in piscine.days if d.kind == "exam")
    subs, runs, gradings, attempts = [], [], [], []
    sub_id = db.session.scalar(db.select(db.func.coalesce(db.func.max(Submission.id), 0))) + 1
    for user in users:
        level = rng.random()  # share of exercises this person passes
        for day_id in day_ids:
            if rng.random() < 0.1:
                continue  # absent that day
            weights = day_weights(day_id)
            reached = int(level * len(weights) + rng.integers(-1, 2))
            verdicts = []
            for i, (name, _w) in enumerate(weights[: max(1, reached + 1)]):
                passed = i < reached
                verdicts.append({"exercise": f"{day_id}/{name}", "passed": passed})
                for _attempt in range(1 + int(rng.random() < 0.3)):  # some resubmit
                    subs.append(
                        {
                            "id": sub_id,
                            "user_id": user.id,
                            "exercise": f"{day_id}/{name}",
                            "piscine_id": piscine.id,
                            "day_id": day_id,
                            "source": "git",
                            "archive": b"\0" * 64,
                            "sha256": hashlib.sha256(b"x").hexdigest(),
                            "size": 64,
                            "file_count": 1,
                            "created_at": now,
                        }
                    )
                    ok = passed
                    if piscine.feedback == "immediate":
                        runs.append(
                            {
                                "submission_id": sub_id,
                                "status": "graded",
                                "reason": "submission",
                                "passed": ok,
                                "score": 100 if ok else 0,
                                "queued_at": now,
                                "finished_at": now,
                                "verdict": json.dumps(
                                    {
                                        "exercise": f"{day_id}/{name}",
                                        "passed": ok,
                                        "status": "ok" if ok else "wrong_output",
                                        "trace": "x" * 400,
                                    }
                                ),
                            }
                        )
                    sub_id += 1
            if piscine.feedback == "after_deadline":
                score = sum(w for (_n, w), v in zip(weights, verdicts, strict=False) if v["passed"])
                gradings.append(
                    {
                        "piscine_id": piscine.id,
                        "user_id": user.id,
                        "day_id": day_id,
                        "status": "graded",
                        "score": score,
                        "max_score": sum(w for _, w in weights),
                        "verdict": json.dumps({"exercises": verdicts}),
                        "queued_at": now,
                        "finished_at": now,
                    }
                )
        attempts.append(
            {
                "exam_id": exam.id,
                "piscine_id": piscine.id,
                "user_id": user.id,
                "pool": exam.day_id,
                "seed": int(rng.integers(1, 2**31)),
                "duration_minutes": 240,
                "started_at": now,
                "ends_at": now,
                "finished_at": now,
                "level": 1,
                "levels_total": 4,
                "points": int(level * 100),
                "max_points": 100,
                "status": "finished",
            }
        )
    for model, rows in (
        (Submission, subs),
        (GradingRun, runs),
        (DayGrading, gradings),
        (ExamAttempt, attempts),
    ):
        for start in range(0, len(rows), 2000):
            if rows[start : start + 2000]:
                db.session.execute(db.insert(model), rows[start : start + 2000])
    db.session.commit()
    return {"submissions": len(subs), "grading_runs": len(runs), "day_gradings": len(gradings)}


def database_path(args) -> int:
    from datetime import date, timedelta

    from school101 import create_app
    from school101.extensions import db
    from school101.models import Booking, Invitation
    from school101.services.identity import accounts
    from school101.services.piscine.calendar import default_calendar
    from school101.services.piscine.sessions import create_piscine

    tmp = tempfile.mkdtemp(prefix="s101-bench-db-")
    os.environ["INSTANCE_PATH"] = tmp
    exercises, day_ids = _exercise_dir(args.days)
    url = args.database_url or f"sqlite:///{tmp}/bench.sqlite"
    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": "bench",
            "EXERCISES_DIR": exercises,
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
        }
    )
    rng = np.random.default_rng(101)
    figures = {}
    with app.app_context():
        db.drop_all()
        db.create_all()
        staff = accounts.create_user(
            email="staff@bench.example", password="bench password 101", roles=["staff"]
        )
        users = [
            accounts.create_user(
                email=f"c{i}@bench.example", password="bench password 101", roles=["candidate"]
            )
            for i in range(args.seated)
        ]
        db.session.commit()
        print(
            f"database: {db.engine.dialect.name}; {args.seated} seated candidates x {len(day_ids)} days + 1 exam; "
            f"load average {os.getloadavg()[0]:.1f}"
        )
        for policy in ("after_deadline", "immediate"):
            start = date.today() - timedelta(days=20)
            calendar = default_calendar(start, day_ids, exam_id="exam00")
            piscine = create_piscine(
                {
                    "name": f"Bench {policy}",
                    "starts_on": start,
                    "ends_on": start + timedelta(days=27),
                    "capacity": args.seated,
                    "feedback": policy,
                },
                actor=staff,
                calendar=calendar,
            )
            for u in users:
                db.session.add(Invitation(piscine_id=piscine.id, user_id=u.id))
                db.session.add(Booking(piscine_id=piscine.id, user_id=u.id, status="booked"))
            piscine.seats_taken = len(users)
            db.session.commit()
            rows = _populate(piscine, users, day_ids, rng)
            weights = dict(ranking.DEFAULT_WEIGHTS)

            new, t_new = timed(lambda p=piscine, w=weights: ranking.rank_piscine(p, w), args.repeat)
            with legacy():
                old, t_old = timed(lambda p=piscine, w=weights: ranking.rank_piscine(p, w), 1)
            assert np.array_equal(new.order, old.order) and np.allclose(new.scores, old.scores), (
                "batched and legacy rankings disagree"
            )

            def bulk(ids, p=piscine):
                ranking._CACHE.clear()
                t = time.perf_counter()
                decisions.decide_bulk(
                    piscine=p, user_ids=ids, decision="waitlist", reason="Bench", actor=staff
                )
                elapsed = time.perf_counter() - t
                db.session.rollback()
                return elapsed

            chosen = [u.id for u in users[: args.bulk]]
            t_bulk = bulk(chosen)
            with legacy():
                t_sample = bulk(chosen[: args.legacy_sample])
            t_bulk_old = t_sample * len(chosen) / args.legacy_sample
            figures[policy] = (rows, t_new, t_old, t_bulk, t_bulk_old)
            print(f"[{policy}] rows: {rows}")
            print(
                f"[{policy}] ranking: {t_new * 1000:.0f} ms (median of {args.repeat}); before: {t_old * 1000:.0f} ms "
                f"(x{t_old / t_new:.1f})"
            )
            print(
                f"[{policy}] bulk decision of {len(chosen)}: {t_bulk:.2f} s; before: {t_bulk_old:.1f} s "
                f"(timed on {args.legacy_sample} people, scaled; x{t_bulk_old / t_bulk:.0f})"
            )
        after = figures["after_deadline"]
        for label, i in (("ranking", 1), ("bulk decision", 3)):
            print(f"immediate / after_deadline, {label}: x{figures['immediate'][i] / after[i]:.2f}")
        db.session.remove()
        if args.database_url:
            db.drop_all()
    ok = all(f[1] < 2.0 and f[3] < 10.0 for f in figures.values())
    print("RESULT:", "PASS (ranking < 2 s, bulk decision of 120 < 10 s)" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
