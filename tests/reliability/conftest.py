"""The fault tests' platform (tests/reliability/platform.py), brought up once per module, and
the test process's own view of its database: `seat` gives a candidate with a seat in an
`immediate` piscine and a bearer token, `runs_of` reads the grading runs back."""

from __future__ import annotations

import os
import shutil
import subprocess
from itertools import count

import pytest
import requests
from sqlalchemy import create_engine, text

from tests.deploy.stack import POSTGRES_BIN, Stack
from tests.fixtures.services import require_service
from tests.reliability.platform import REFERENCE, ROOT, VENV_BIN, Platform, wait_for

_seq = count(1)
FINAL = ("graded", "failed")


def _preconditions() -> None:
    require_service("root (a private dockerd and PostgreSQL cluster)", os.geteuid() == 0)
    for tool in ("dockerd", "redis-server", "gunicorn"):
        found = shutil.which(tool) or (VENV_BIN / tool).exists()
        require_service(tool, bool(found), "make install (as root)")
    require_service("PostgreSQL", bool(POSTGRES_BIN), "make install (as root)")
    engine = subprocess.run(["docker", "info"], capture_output=True, timeout=30)
    require_service("Docker engine", engine.returncode == 0, "make docker-engine")
    import grader

    require_service("grader image", grader.sandbox_available(), "make grader-image")


@pytest.fixture(scope="package")
def platform(tmp_path_factory):
    """PostgreSQL, Redis, a Docker engine with the grader image, gunicorn and two RQ workers,
    all private; schema migrated. Ended (in reverse order) after the module."""
    _preconditions()
    stack = Stack(tmp_path_factory.mktemp("faults"))
    try:
        platform = Platform(stack)
        platform.init_postgres()
        platform.start_redis()
        platform.start_docker()
        platform.load_grader_image()
        subprocess.run(
            [VENV_BIN / "flask", "--app", "school101", "db", "upgrade"],
            env=platform.env(), check=True, capture_output=True, cwd=ROOT,
        )  # fmt: skip
        platform.start_web()
        platform.start_worker()
        platform.start_worker()
        yield platform
    finally:
        stack.close()


@pytest.fixture(scope="package")
def platform_db(platform):
    """An engine on the platform's database (the test reads and seeds through it)."""
    engine = create_engine(platform.database_url, pool_pre_ping=True)
    yield engine
    engine.dispose()


@pytest.fixture(scope="package")
def app_on_platform(platform):
    """An app object of the test process on the platform's database (seeding only)."""
    from school101 import create_app

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("INSTANCE_PATH", str(platform.instance))
        application = create_app(
            {
                "DATABASE_URL": platform.database_url,
                "REDIS_URL": "",
                "SECRET_KEY": "reliability-secret",
                "MAIL_SMTP_HOST": "",
                "TESTING": True,
            }
        )
    yield application
    with application.app_context():
        from school101.extensions import db

        db.engine.dispose()


@pytest.fixture(scope="package")
def seat(app_on_platform):
    """`seat()` -> (user id, bearer headers): a new candidate seated in the module's piscine,
    whose c00 is open now and graded at once (`immediate`)."""
    from datetime import date, timedelta

    from school101.extensions import db
    from school101.models import Booking, Invitation
    from school101.services.identity.accounts import issue_token
    from school101.services.piscine.sessions import create_piscine
    from tests import factories

    with app_on_platform.app_context():
        staff = factories.make_user(f"staff{next(_seq)}@faults.example", roles=("staff",))
        piscine = create_piscine(
            {
                "name": "Piscine des pannes",
                "starts_on": date.today(),
                "ends_on": date.today() + timedelta(days=27),
                "capacity": 200,
                "feedback": "immediate",
            },
            actor=staff,
        )
        db.session.commit()
        piscine_id = piscine.id

    def factory() -> tuple[int, dict]:
        with app_on_platform.app_context():
            user = factories.make_user(f"candidate{next(_seq)}@faults.example")
            db.session.add(Invitation(piscine_id=piscine_id, user_id=user.id))
            db.session.add(Booking(piscine_id=piscine_id, user_id=user.id, status="booked"))
            db.session.commit()
            token = issue_token(user)
            db.session.commit()
            return user.id, {"Authorization": f"Bearer {token}"}

    return factory


def submit(platform, headers, *, timeout: float = 30) -> requests.Response:
    """A candidate turns in c00/ex00 (the reference solution) through the JSON API."""
    return requests.post(
        platform.base_url + "/api/v1/submissions",
        headers=headers,
        data={"exercise": "c00/ex00"},
        files={"files": ("ft_putchar.c", REFERENCE)},
        timeout=timeout,
    )


def runs_of(platform_db, user_id: int) -> list[dict]:
    """Every grading run of a candidate's submissions: submission, status, attempts, verdict."""
    with platform_db.connect() as connection:
        rows = connection.execute(
            text(
                "select r.id, r.submission_id, r.status, r.attempts, r.passed, r.verdict_status,"
                " r.error, r.worker from grading_runs r join submissions s"
                " on s.id = r.submission_id where s.user_id = :user order by r.id"
            ),
            {"user": user_id},
        )
        return [dict(row._mapping) for row in rows]


def all_final(platform_db, user_ids, timeout: float) -> list[dict]:
    """Wait until every run of these candidates is graded or failed; returns the runs
    (AssertionError naming the runs still open after `timeout` s)."""

    def runs():
        return [run for user in user_ids for run in runs_of(platform_db, user)]

    try:
        return wait_for(
            "every run final",
            lambda: (found := runs()) and all(r["status"] in FINAL for r in found) and found,
            timeout,
        )
    except AssertionError:
        still = [r for r in runs() if r["status"] not in FINAL]
        raise AssertionError(f"runs still open after {timeout:.0f} s: {still}") from None


def assert_one_verdict_each(platform_db, user_ids) -> list[dict]:
    """Every submission has exactly one run, graded and passing (the reference solution)."""
    runs = [run for user in user_ids for run in runs_of(platform_db, user)]
    by_submission: dict[int, list] = {}
    for run in runs:
        by_submission.setdefault(run["submission_id"], []).append(run)
    for submission, its_runs in by_submission.items():
        assert len(its_runs) == 1, (submission, its_runs)
        (run,) = its_runs
        assert run["status"] == "graded" and run["passed"], run
    return runs


class Arrivals:
    """Submissions that keep arriving while a fault is injected: each candidate turns in
    c00/ex00 every `every` seconds from a thread; `stop()` returns every answer's status code
    (or the exception's name when the connection itself failed)."""

    def __init__(self, platform, candidates, every: float = 1.0) -> None:
        import threading

        self.platform, self.candidates, self.every = platform, candidates, every
        self.answers: list = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            for _user, headers in self.candidates:
                try:
                    self.answers.append(submit(self.platform, headers, timeout=20).status_code)
                except requests.RequestException as exc:
                    self.answers.append(type(exc).__name__)
            self._stop.wait(self.every)

    def stop(self) -> list:
        self._stop.set()
        self._thread.join(30)
        return self.answers


def running_run(platform_db, user_ids) -> dict | None:
    """A run of these candidates being graded now (status running, a worker named)."""
    for user in user_ids:
        for run in runs_of(platform_db, user):
            if run["status"] == "running" and run["worker"]:
                return run
    return None


def retried(runs) -> int:
    """Attempts beyond the first, over these runs (what the faults cost in retries)."""
    return sum(max(0, (run["attempts"] or 0) - 1) for run in runs)


def figure(case: str, **values) -> None:
    """One line of figures for docs/reliability.md (shown with -s, and in the failure report)."""
    print(f"FIGURE {case}: " + ", ".join(f"{k}={v}" for k, v in values.items()))


@pytest.fixture(autouse=True)
def _platform_logs_on_failure(request):
    """When a test fails, the end of the workers' logs goes to its report."""
    yield
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed and "platform" in request.fixturenames:
        platform = request.getfixturevalue("platform")
        print("\n--- workers\n" + platform.log("worker")[-6000:])


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.rep_call = report
