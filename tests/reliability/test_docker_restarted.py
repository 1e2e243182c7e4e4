"""The Docker engine of the worker host stopped in the middle of gradings and started again
while submissions keep arriving: the runs it cut and those that found it down go back to
`queued` (an infrastructure failure, never a verdict) and RQ retries them once it is back."""

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
)
from tests.reliability.platform import wait_for

pytestmark = [pytest.mark.docker, pytest.mark.slow, pytest.mark.timeout(300)]


def test_the_engine_stopped_and_restarted_loses_no_run(platform, platform_db, seat):
    candidates = [seat() for _ in range(3)]
    users = [user for user, _headers in candidates]
    arrivals = Arrivals(platform, candidates, every=2)
    wait_for("a run being graded", lambda: running_run(platform_db, users), 60, 0.1)
    stopped_at = time.monotonic()
    platform.stop_docker()  # `systemctl stop docker` under running gradings
    try:
        time.sleep(5)  # submissions keep arriving on a host without an engine
    finally:
        platform.start_docker()
    answers = arrivals.stop()
    assert set(answers) == {202}, answers
    runs = all_final(platform_db, users, 180)
    recovered = time.monotonic() - stopped_at
    runs = assert_one_verdict_each(platform_db, users)
    assert retried(runs) >= 1  # the engine's absence cost retries, not verdicts
    assert not platform.containers()  # nothing left behind on the restarted engine
    figure(
        "docker engine restarted",
        submissions=len(runs),
        time_to_recover_s=round(recovered, 1),
        jobs_retried=retried(runs),
    )
