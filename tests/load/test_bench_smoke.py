"""The load benchmarks run end to end at a tiny scale, so the scripts cannot rot: the recipe's
nginx site and gunicorn on 127.0.0.1, a file database of their own (never the test's), and this
worker's Redis database. The figures themselves come from `make bench-*` (docs/benchmarks.md)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.redis, pytest.mark.nodb, pytest.mark.timeout(120)]


@pytest.fixture
def bench(tmp_path, redis_url):
    """bench(script, *args) -> its output; fails with the output when it does not PASS."""
    for tool in ("nginx", "openssl", "envsubst", "git"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is required by the load benchmarks (make install)")

    def run(script: str, *args: str) -> str:
        database = f"sqlite:///{tmp_path / 'bench.sqlite'}"
        done = subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / script), "--database-url", database,
             *args],
            cwd=ROOT, capture_output=True, text=True, timeout=110,
        )  # fmt: skip
        assert done.returncode == 0 and "RESULT: PASS" in done.stdout, done.stdout + done.stderr
        return done.stdout

    return run


def test_registration_burst_counts_every_account(bench, redis_url):
    out = bench(
        "bench_registration.py", "--redis-url", redis_url, "--registrations", "12",
        "--seconds", "2", "--max-seconds", "0.5", "--hash-rounds", "1", "--workers", "1",
    )  # fmt: skip
    assert "answers: 2xx: 12;" in out and "accounts=12 confirmation mails=12" in out
    assert "OWASP m=19 MiB t=2 p=1 (the app's setting)" in out and "<- app" in out


def test_push_storm_then_one_grading_job_per_candidate(bench, redis_url):
    out = bench(
        "bench_push_storm.py", "--redis-url", redis_url, "--candidates", "3",
        "--seconds", "1.5", "--grace", "1", "--max-seconds", "0.5", "--workers", "1",
    )  # fmt: skip
    assert "answers: pushed: 3;" in out
    assert "enqueued=3, enqueued again=0" in out and "repositories with the commit=3" in out


def test_booking_through_the_proxy(bench):
    out = bench("bench_booking.py", "--proxy", "--candidates", "6", "--seats", "3",
                "--workers", "1", "--threads", "4")  # fmt: skip
    assert "booked=3" in out and "through nginx (TLS)" in out
