#!/usr/bin/env python3
"""Ranking at scale: 100,000 synthetic candidates with six criteria.

Times the ranking computation (numpy: percentile normalisation, weighted score, ordering) against
a plain-Python baseline of the same algorithm measured in the same run, then the staff ranking
page answering from the computed ranking (first, middle and last page, through the Flask app).
Targets: ranking under 2 s, page under 300 ms.
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CRITERIA = ["day_scores", "exam_scores", "progress", "regularity", "games", "peer_reviews"]
WEIGHTS = {"day_scores": 35, "exam_scores": 25, "progress": 15, "regularity": 10, "games": 10, "peer_reviews": 5}


def synthetic(n: int, seed: int = 101) -> np.ndarray:
    rng = np.random.default_rng(seed)
    raw = np.column_stack([
        rng.integers(0, 501, n), rng.integers(0, 101, n), rng.integers(0, 41, n),
        rng.integers(0, 21, n), rng.integers(0, 23, n), rng.normal(3, 1, n).clip(0, 5).round(1),
    ]).astype(np.float64)
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
    args = parser.parse_args()

    from school101.services import ranking

    raw = synthetic(args.candidates)
    user_ids = np.arange(1, args.candidates + 1)
    computed, t_numpy = timed(lambda: ranking.rank_matrix(user_ids, raw, CRITERIA, WEIGHTS), args.repeat)
    raw_list, ids_list = raw.tolist(), user_ids.tolist()
    (order, _scores), t_python = timed(lambda: python_baseline(ids_list, raw_list, WEIGHTS), 1)
    assert [int(user_ids[i]) for i in computed.order[:1000]] == [ids_list[i] for i in order[:1000]], \
        "numpy and baseline disagree"
    print(f"candidates={args.candidates} criteria={len(CRITERIA)}")
    print(f"ranking (numpy) median of {args.repeat}: {t_numpy * 1000:.0f} ms; plain-Python baseline: "
          f"{t_python * 1000:.0f} ms; speed-up x{t_python / t_numpy:.1f}")

    page_times = page_latency(computed)
    for label, values in page_times.items():
        print(f"ranking page {label}: p50={statistics.median(values) * 1000:.0f} ms "
              f"max={max(values) * 1000:.0f} ms over {len(values)} requests")
    worst = max(statistics.median(v) for v in page_times.values())
    ok = t_numpy < 2.0 and worst < 0.3
    print("RESULT:", "PASS (ranking < 2 s, page < 300 ms)" if ok else "FAIL")
    return 0 if ok else 1


def page_latency(computed) -> dict[str, list[float]]:
    """Serve the staff ranking page over a synthetic ranking (test client, SQLite)."""
    from datetime import date, timedelta

    from school101 import create_app
    from school101.extensions import db
    from school101.services import accounts, ranking, selection
    from school101.services.piscine import create_piscine

    tmp = tempfile.mkdtemp(prefix="s101-bench-")
    os.environ["INSTANCE_PATH"] = tmp
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite", "SECRET_KEY": "bench",
                      "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    with app.app_context():
        db.create_all()
        staff = accounts.create_user(email="staff@bench.example", password="bench password 101", roles=["staff"])
        piscine = create_piscine({"name": "Bench", "starts_on": date.today() - timedelta(days=10),
                                  "ends_on": date.today() + timedelta(days=17), "capacity": 2000,
                                  "feedback": "after_deadline"}, actor=staff)
        rnd = selection.create_round(name="Bench", piscine_ids=[piscine.id],
                                     weights={"day_scores": 1}, actor=staff)
        db.session.commit()
        ranking.remember(piscine.id, {"day_scores": 1.0}, ranking.fingerprint(piscine), computed)
        round_id, pages = rnd.id, -(-len(computed) // 50)
    client = app.test_client()
    client.post("/auth/login", data={"email": "staff@bench.example", "password": "bench password 101"})
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


if __name__ == "__main__":
    sys.exit(main())
