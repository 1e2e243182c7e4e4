"""PostgreSQL restarted while submissions keep arriving and gradings run: candidates get a
clear "try again" (503 with Retry-After, page and JSON, French and English, no trace) while it
is down, and everything works again after the restart without restarting the app."""

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
    submit,
)
from tests.reliability.platform import wait_for

pytestmark = [pytest.mark.docker, pytest.mark.slow, pytest.mark.timeout(300)]


def _page(platform, language: str) -> requests.Response:
    return requests.get(platform.base_url + "/", params={"lang": language}, timeout=20)


def test_postgres_restarted_shows_try_again_and_loses_no_run(platform, platform_db, seat):
    candidates = [seat() for _ in range(3)]
    users = [user for user, _headers in candidates]
    arrivals = Arrivals(platform, candidates, every=2)
    wait_for("a run being graded", lambda: running_run(platform_db, users), 60, 0.1)
    stopped_at = time.monotonic()
    platform.stop_postgres()
    answers_before = len(arrivals.answers)
    try:
        api = submit(platform, candidates[0][1])
        assert api.status_code == 503 and int(api.headers["Retry-After"]) > 0
        assert api.json()["error"]["code"] == "service_unavailable"
        french, english = _page(platform, "fr"), _page(platform, "en")
        for page, words in ((french, "Réessayez"), (english, "Try again")):
            assert page.status_code == 503 and page.headers["Retry-After"], page.text[:300]
            assert words in page.text and "Traceback" not in page.text
        time.sleep(2)
    finally:
        platform.start_postgres()
    wait_for("the home page again", lambda: _page(platform, "fr").status_code == 200, 30)
    recovered_web = time.monotonic() - stopped_at
    time.sleep(4)  # submissions are accepted again
    answers = arrivals.stop()
    during = answers[answers_before:]
    assert set(answers) <= {202, 503}, answers  # a "try again", never a 500
    assert answers[-1] == 202 and 503 in during, answers
    all_final(platform_db, users, 180)
    recovered = time.monotonic() - stopped_at
    runs = assert_one_verdict_each(platform_db, users)
    assert not platform.dead_workers(), platform.dead_workers()  # none died with PostgreSQL
    figure(
        "postgresql restarted",
        submissions=len(runs),
        refused_with_503=answers.count(503) + 1,
        web_back_after_s=round(recovered_web, 1),
        time_to_recover_s=round(recovered, 1),
        jobs_retried=retried(runs),
    )
