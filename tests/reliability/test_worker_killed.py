"""kill -9 of an RQ worker (and its work horse) in the middle of a grading, while submissions
keep arriving: RQ sees the job abandoned once its heartbeat expires and retries it on the other
worker; the run ends with one verdict, and the restarted worker reaps the orphan container."""

from __future__ import annotations

import time

import pytest

from tests.reliability.conftest import (
    Arrivals,
    all_final,
    assert_one_verdict_each,
    figure,
    retried,
    running_run,
    runs_of,
)
from tests.reliability.platform import descendants, kill9, wait_for

pytestmark = [pytest.mark.docker, pytest.mark.slow, pytest.mark.timeout(300)]


def _grading_now(platform, platform_db, users):
    """(run, RQ worker process) of a run being graded now by a live worker's horse, or None."""
    run = running_run(platform_db, users)
    if run is None:
        return None
    horse = int(run["worker"].rsplit(":", 1)[1])
    for worker in platform.workers:
        if worker.poll() is None and horse in descendants(worker.pid):
            return run, worker
    return None


def _status(platform_db, users, run_id: int) -> str:
    return next(r["status"] for u in users for r in runs_of(platform_db, u) if r["id"] == run_id)


def test_a_worker_killed_mid_grading_loses_no_run(platform, platform_db, seat):
    candidates = [seat() for _ in range(3)]
    users = [user for user, _headers in candidates]
    arrivals = Arrivals(platform, candidates, every=2)
    for _attempt in range(5):  # a grading takes half a second: kill again if it ended first
        victim_run, worker = wait_for(
            "a run being graded by a live worker",
            lambda: _grading_now(platform, platform_db, users),
            60,
            0.05,
        )
        kill9(worker.pid)  # the worker and its work horse, mid-grading
        killed_at = time.monotonic()
        platform.workers.remove(worker)
        platform.start_worker()  # what systemd's Restart=on-failure does
        if _status(platform_db, users, victim_run["id"]) != "graded":
            break
    time.sleep(6)  # submissions keep arriving meanwhile
    answers = arrivals.stop()
    assert set(answers) == {202}, answers

    all_final(platform_db, users, 180)
    recovered = time.monotonic() - killed_at
    victim = next(r for u in users for r in runs_of(platform_db, u) if r["id"] == victim_run["id"])
    runs = assert_one_verdict_each(platform_db, users)
    assert victim["attempts"] >= 2  # the killed attempt, then the retry that stored the verdict
    wait_for("the orphan container reaped", lambda: not platform.containers(), 60)
    figure(
        "worker killed",
        submissions=len(runs),
        time_to_recover_s=round(recovered, 1),
        jobs_retried=retried(runs),
    )
