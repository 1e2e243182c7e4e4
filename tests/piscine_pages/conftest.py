"""Settings of the piscine page tests: real Redis (grading jobs and re-runs are enqueued) and a
public URL. Piscines, seated candidates and staff come from tests/fixtures/."""

from __future__ import annotations

import pytest


@pytest.fixture
def app_config(app_config, redis_url):
    return {**app_config, "REDIS_URL": redis_url, "PUBLIC_URL": "https://piscine.example.org"}
