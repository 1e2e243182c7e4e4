"""Redis restarted with nothing persisted while submissions keep arriving: every job it held
(queued, scheduled retries) is gone. Candidates still get their 202 (a run the queue could not
take waits in the database), and the sweeper enqueues again every queued run whose job was
lost; each submission ends with one verdict."""

from __future__ import annotations

import time

import pytest
import requests

from tests.reliability.conftest import (
    Arrivals,
    all_final,
    assert_one_verdict_each,
    figure,
    retried,
    running_run,
)
from tests.reliability.platform import wait_for

pytestmark = [pytest.mark.docker, pytest.mark.slow, pytest.mark.timeout(300)]


def test_redis_restarted_empty_loses_no_run(platform, platform_db, seat):
    candidates = [seat() for _ in range(4)]
    users = [user for user, _headers in candidates]
    arrivals = Arrivals(platform, candidates, every=1)
    wait_for("a run being graded", lambda: running_run(platform_db, users), 60, 0.1)
    stopped_at = time.monotonic()
    platform.stop_redis()  # killed: whatever it held is lost
    try:
        time.sleep(2)  # submissions keep arriving without a queue
        login = requests.post(  # the login throttle's counters are in Redis: "try again"
            platform.base_url + "/api/v1/auth/token",
            json={"email": "nobody@faults.example", "password": "wrong"},
            timeout=20,
        )
        assert login.status_code == 503 and login.headers["Retry-After"], login.text[:300]
        time.sleep(2)
    finally:
        platform.start_redis()  # empty
    time.sleep(3)
    answers = arrivals.stop()
    assert set(answers) == {202}, answers
    all_final(platform_db, users, 180)
    recovered = time.monotonic() - stopped_at
    runs = assert_one_verdict_each(platform_db, users)
    requeued = [r for r in runs if "lost by the queue" in (r["error"] or "")]
    assert requeued  # the sweeper found the runs whose job Redis lost
    assert not platform.dead_workers(), platform.dead_workers()  # none died with Redis
    figure(
        "redis restarted",
        submissions=len(runs),
        time_to_recover_s=round(recovered, 1),
        runs_enqueued_again=len(requeued),
        jobs_retried=retried(runs),
    )
