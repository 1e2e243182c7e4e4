"""Helpers of the observability tests: JSON log lines of the app collected in the test
process (`json_log`), an API upload with a chosen request id (`upload`)."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import pytest

from school101.core.logs import JsonLineFormatter
from tests.fixtures.people import bearer

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "exercises" / "c00" / "ex00" / "reference" / "ft_putchar.c"


@pytest.fixture
def json_log():
    """The JSON lines (as dicts) the `school101` loggers write at INFO and above meanwhile."""
    lines: list[dict] = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(json.loads(JsonLineFormatter().format(record)))

    logger = logging.getLogger("school101")
    handler, level = Collect(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield lines
    logger.removeHandler(handler)
    logger.setLevel(level)


def upload(client, user, *, request_id: str, exercise: str = "c00/ex00"):
    """POST the reference ft_putchar.c as `user` through the API, with X-Request-ID."""
    return client.post(
        "/api/v1/submissions",
        data={
            "exercise": exercise,
            "files": [(io.BytesIO(REFERENCE.read_bytes()), "ft_putchar.c")],
        },
        headers={**bearer(client.application, user), "X-Request-ID": request_id},
        content_type="multipart/form-data",
    )


def sample(text: str, name: str, **labels) -> float | None:
    """The value of the series `name` with exactly `labels` in an exposition text, or None."""
    from prometheus_client.parser import text_string_to_metric_families

    for family in text_string_to_metric_families(text):
        for s in family.samples:
            if s.name == name and s.labels == labels:
                return s.value
    return None


class RunningWorker:
    """`flask --app school101 worker` in a subprocess, its metrics on `metrics_port`, its JSON
    log lines in `log_lines()` (stderr, read after `stop()`)."""

    def __init__(self, app, database_url: str, env: dict, tmp_path):
        import os
        import subprocess
        import sys

        from tests.fixtures.smtp import free_port

        self.metrics_port = free_port()
        self.stderr_path = tmp_path / "worker.stderr"
        self._stderr = self.stderr_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "school101", "worker"],
            env={
                **os.environ,
                "DATABASE_URL": database_url,
                "REDIS_URL": app.config["REDIS_URL"],
                "SECRET_KEY": "test-secret",
                "INSTANCE_PATH": app.instance_path,
                "LOG_FORMAT": "json",
                "WORKER_METRICS_PORT": str(self.metrics_port),
                **{key: str(value) for key, value in env.items()},
            },
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=self._stderr,
        )

    def wait_for(self, condition, seconds: float = 90.0):
        """Poll `condition()` until true (fails after `seconds` or when the worker dies)."""
        import time

        deadline = time.monotonic() + seconds
        while not condition():
            assert self.process.poll() is None, self.stderr_path.read_text()[-3000:]
            assert time.monotonic() < deadline, self.stderr_path.read_text()[-3000:]
            time.sleep(0.3)

    def scrape(self) -> str:
        import urllib.request

        url = f"http://127.0.0.1:{self.metrics_port}/metrics"
        with urllib.request.urlopen(url, timeout=10) as answer:  # loopback only
            return answer.read().decode()

    def stop(self) -> None:
        import subprocess

        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._stderr.close()

    def log_lines(self) -> list[dict]:
        lines = []
        for raw in self.stderr_path.read_text().splitlines():
            try:
                line = json.loads(raw)
            except ValueError:
                continue
            if isinstance(line, dict):
                lines.append(line)
        return lines


@pytest.fixture
def start_worker(app_config, tmp_path):
    """`start_worker(app, **env)`: a RunningWorker on the test's database, stopped at the end."""
    started = []

    def factory(app, **env):
        worker = RunningWorker(app, app_config["DATABASE_URL"], env, tmp_path)
        started.append(worker)
        return worker

    yield factory
    for worker in started:
        if worker.process.poll() is None:
            worker.stop()
