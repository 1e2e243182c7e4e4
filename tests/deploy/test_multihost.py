"""The deployment recipe applied for real (tests/deploy/deployment.py brings every role up as a
separate host), then: each host passes the recipe's readiness check, the proxy serves the
school's name only, and a candidate registers, confirms the address from the e-mail a worker
delivered, is invited, books a seat and pushes a day by git through the proxy; the pushed
exercises are graded by BOTH worker hosts, each on its own Docker engine.
"""

from __future__ import annotations

import email
import json
import re
import shutil
import subprocess
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.deploy.deployment import (
    MAIL,
    STAFF,
    WORKER_HOSTS,
    check_preconditions,
    deploy,
)
from tests.deploy.recipe import DEPLOY, HOST_ENV, ROOT, SHARED_ENV
from tests.deploy.stack import Stack, free_port, wait_until
from tests.fixtures.smtp import Recorder

# ~1 minute alone; more when the CI's other tests share the two cores
pytestmark = [pytest.mark.docker, pytest.mark.slow, pytest.mark.timeout(600)]

CANDIDATE = ("camille@deploy.example", "candidate-password-Deploy-101")
EXERCISES = ("ex00", "ex01", "ex02", "ex03", "ex04", "ex05")


@pytest.fixture(scope="module")
def mail_relay():
    """The school's mail relay: a real SMTP server on its own address, recording messages."""
    from aiosmtpd.controller import Controller

    controller = Controller(Recorder(), hostname=MAIL, port=free_port(MAIL))
    controller.start()
    yield controller
    controller.stop()


@pytest.fixture(scope="module")
def deployment(tmp_path_factory, mail_relay):
    check_preconditions()
    stack = Stack(tmp_path_factory.mktemp("deployment"))
    try:
        yield deploy(stack, mail_relay.port)
    finally:
        stack.close()


def test_every_host_is_ready_and_the_proxy_serves_the_school_only(deployment):
    check = [str(ROOT / ".venv/bin/python"), str(DEPLOY / "check_host.py")]
    commands = {
        name: [*check, role, f"--env={files[SHARED_ENV]}", f"--env={files[HOST_ENV]}"]
        for name, files in deployment.hosts.items()
        for role in [name.split("-")[0]]
    }
    commands["proxy"] = [*check, "proxy", f"--url={deployment.public_url}", f"--cafile={deployment.cert}"]  # fmt: skip
    running = {
        name: subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for name, argv in commands.items()
    }
    for name, process in running.items():
        output, _ = process.communicate(timeout=120)
        assert process.returncode == 0, f"check_host.py on {name}:\n{output}"
        assert "FAIL" not in output and output.count("ok ") >= (1 if name == "proxy" else 4)

    http = deployment.session()
    base = deployment.public_url
    plain = http.get(deployment.http_url + "/auth/login", allow_redirects=False)
    assert plain.status_code == 301 and plain.headers["Location"] == base + "/auth/login"
    assert http.get(base + "/", headers={"Host": "evil.example"}).status_code == 421
    assert http.get(base + "/metrics").status_code == 404  # scraped on each host instead
    static = http.get(base + "/static/css/app.css")
    assert static.status_code == 200 and "text/css" in static.headers["Content-Type"]
    assert json.loads(http.get(base + "/readyz").text)["status"] == "ready"


def test_a_candidate_pushes_through_the_proxy_and_both_worker_hosts_grade(
    deployment, mail_relay, tmp_path
):
    api, base = deployment.session(), deployment.public_url
    staff = {"Authorization": f"Bearer {_token(api, base, *STAFF)}"}
    piscine_id = _open_piscine(api, base, staff)
    registered = api.post(
        base + "/api/v1/auth/register",
        json={"email": CANDIDATE[0], "password": CANDIDATE[1], "first_name": "Camille",
              "last_name": "Martin", "birth_date": "2001-04-12", "consent": True, "locale": "en"},
    )  # fmt: skip
    assert registered.status_code == 201, registered.text
    # the confirmation e-mail is signed and sent by a worker, its link checked by a web host
    wait_until("the confirmation e-mail", lambda: mail_relay.handler.messages, 60)
    link, token = _confirmation_link(mail_relay.handler.messages, CANDIDATE[0])
    assert link.startswith(base + "/auth/confirm/")
    confirmed = api.post(base + "/api/v1/auth/confirm", json={"token": token})
    assert confirmed.status_code == 200 and confirmed.json()["email_confirmed"], confirmed.text
    invited = api.post(
        f"{base}/api/v1/piscines/{piscine_id}/invitations",
        json={"user_ids": [registered.json()["id"]]},
        headers=staff,
    )
    assert invited.status_code == 201 and invited.json()["invited"] == 1, invited.text
    candidate_token = _token(api, base, *CANDIDATE, scope="api git")
    booked = api.post(
        f"{base}/api/v1/piscines/{piscine_id}/booking",
        headers={"Authorization": f"Bearer {candidate_token}"},
    )
    assert booked.status_code == 201 and booked.json()["status"] == "booked", booked.text

    pushed = _push_day(deployment, candidate_token, tmp_path / "c00")
    for exercise in EXERCISES:
        assert f"c00/{exercise} recorded" in pushed, pushed

    def all_graded() -> bool:
        runs = _runs(deployment.database_url)
        return len(runs) == len(EXERCISES) and all(r["status"] == "graded" for r in runs)

    wait_until("the gradings", all_graded, 180)
    runs = _runs(deployment.database_url)
    assert all(r["passed"] for r in runs), runs
    graded_by = {r["worker"].split(":")[0] for r in runs}
    assert graded_by == set(WORKER_HOSTS), f"graded by {graded_by} only: {runs}"
    # each worker host ran its sandboxes in its own engine, and only there
    engine_b, since = deployment.engine_b, deployment.started
    assert _containers_started(None, since, WORKER_HOSTS[0]) >= 1
    assert _containers_started(engine_b, since, WORKER_HOSTS[1]) >= 1
    assert _containers_started(engine_b, since, WORKER_HOSTS[0]) == 0
    assert _containers_started(None, since, WORKER_HOSTS[1]) == 0
    for url in deployment.metrics_urls:  # each worker host's own series, on its own address
        assert "school101" in deployment.session().get(url).text, url
    # the proxy spread the requests over both web hosts and passed the push on
    for name in ("web-1", "web-2"):
        assert "/api/v1/" in deployment.log(name), f"{name} served nothing"
    access = (deployment.nginx_dir / "access.log").read_text()
    assert "POST /git/c00.git/git-receive-pack" in access


def _open_piscine(api, base, staff) -> int:
    """A piscine starting today (Paris) that grades pushed work at once; its id."""
    today = datetime.now(ZoneInfo("Europe/Paris")).date()
    created = api.post(
        base + "/api/v1/piscines",
        json={"name": "Piscine déployée", "starts_on": today.isoformat(),
              "ends_on": (today + timedelta(days=27)).isoformat(), "capacity": 10,
              "feedback": "immediate"},
        headers=staff,
    )  # fmt: skip
    assert created.status_code == 201, created.text
    return created.json()["id"]


def _push_day(deployment, token: str, work) -> str:
    """Clone c00 through the proxy, commit the six first exercises, push; git's stderr."""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(deployment.stack.directory("git-home")),
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_SSL_CAINFO": str(deployment.cert),
        "GIT_AUTHOR_NAME": "Camille",
        "GIT_AUTHOR_EMAIL": CANDIDATE[0],
        "GIT_COMMITTER_NAME": "Camille",
        "GIT_COMMITTER_EMAIL": CANDIDATE[0],
        "NO_PROXY": "*",
        "LC_ALL": "C.UTF-8",
    }
    remote = deployment.public_url.replace("https://", f"https://camille:{token}@") + "/git/c00.git"
    _git(["clone", "-q", remote, str(work)], None, env)
    for exercise in EXERCISES:
        (reference,) = (ROOT / "exercises/c00" / exercise / "reference").iterdir()
        (work / exercise).mkdir()
        shutil.copy(reference, work / exercise / reference.name)
    _git(["add", "-A"], work, env)
    _git(["commit", "-qm", "c00"], work, env)
    return _git(["push", "origin", "HEAD:main"], work, env).stderr


def _git(args, cwd, env) -> subprocess.CompletedProcess:
    result = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"git {args}: {result.stdout}\n{result.stderr}"
    return result


def _token(api, base, address, password, scope="api") -> str:
    answer = api.post(
        base + "/api/v1/auth/token", json={"email": address, "password": password, "scope": scope}
    )
    assert answer.status_code == 200, answer.text
    return answer.json()["token"]


def _confirmation_link(messages: list, address: str) -> tuple[str, str]:
    """(link, token) of the confirmation e-mail delivered to `address`."""
    for message in messages:
        if address not in message["to"]:
            continue
        for part in email.message_from_string(message["content"]).walk():
            if part.get_content_type() == "text/plain":
                body = part.get_payload(decode=True).decode()
                match = re.search(r"(https://\S+/auth/confirm/(\S+))", body)
                if match:
                    return match.group(1), match.group(2)
    raise AssertionError(f"no confirmation link mailed to {address}")


def _runs(database_url: str) -> list[dict]:
    """Every grading run with the host that took it (`worker` is "host:pid")."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "select r.status, r.worker, r.passed, s.exercise from grading_runs r "
                    "join submissions s on s.id = r.submission_id order by r.id"
                )
            )
            return [dict(row._mapping) for row in rows]
    finally:
        engine.dispose()


def _containers_started(engine: str | None, since: float, hostname: str) -> int:
    """Grading containers of `hostname` that `engine` (None: the default one) started since
    `since`, from the engine's own events."""
    argv = ["docker", *(["-H", engine] if engine else []), "events", "--since", str(int(since)),
            "--until", str(int(time.time()) + 1), "--filter", "type=container",
            "--filter", "event=start", "--filter", f"label=school101.grader.host={hostname}",
            "--format", "{{.ID}}"]  # fmt: skip
    out = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=True).stdout
    return len(out.split())
