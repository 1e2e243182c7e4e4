"""Fixtures for git over smart HTTP: the app served on 127.0.0.1, seated candidates, a git CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from school101.extensions import db
from school101.gitserver import mount_git
from school101.models import Booking
from school101.services.identity.accounts import issue_token
from tests.livesite import serving

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = ROOT / "exercises"


@pytest.fixture
def served(app):
    """Base URL of the app (with /git mounted) served over real HTTP on 127.0.0.1."""
    if shutil.which("git") is None:
        pytest.fail("the git command-line client is required (apt-get install git)")
    mount_git(app)
    with serving(app) as base:
        yield base


@pytest.fixture
def seated_with_token(make_piscine, invited):
    """`seated_with_token(feedback="after_deadline", locale="fr")` -> (user, token): a candidate with
    a seat in a new piscine starting today, and a fresh API token."""

    def factory(feedback="after_deadline", locale="fr"):
        piscine = make_piscine(capacity=10, feedback=feedback)
        (user,) = invited(piscine)
        user.locale = locale
        db.session.add(Booking(piscine_id=piscine.id, user_id=user.id, status="booked"))
        piscine.seats_taken = 1
        db.session.commit()
        token = issue_token(user, "git", scopes=("git",))  # what the piscine pages ask for
        db.session.commit()
        return user, token

    return factory


class Git:
    """The real git client with an isolated HOME and no prompts."""

    def __init__(self, home: Path) -> None:
        self.home = home
        home.mkdir(parents=True, exist_ok=True)
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.lower().endswith("_proxy") and not k.startswith("GIT_")
        }
        self.env.update(
            {
                "HOME": str(home),
                "GIT_TERMINAL_PROMPT": "0",
                "GIT_CONFIG_NOSYSTEM": "1",
                "GIT_ASKPASS": "",
                "SSH_ASKPASS": "",
                "NO_PROXY": "127.0.0.1,localhost",
                "LC_ALL": "C.UTF-8",
                "LANG": "C.UTF-8",
            }
        )
        self("config", "--global", "user.name", "Camille Candidate")
        self("config", "--global", "user.email", "camille@example.org")
        self("config", "--global", "init.defaultBranch", "main")
        self("config", "--global", "credential.helper", "")

    def __call__(
        self, *args, cwd=None, check=True, timeout=60, env=None
    ) -> subprocess.CompletedProcess:
        result = subprocess.run(
            ["git", *args],
            cwd=cwd,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            check=False,
            timeout=timeout,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"git {' '.join(args)} failed ({result.returncode}):\n"
                f"{result.stdout}\n{result.stderr}"
            )
        return result


@pytest.fixture
def git(tmp_path) -> Git:
    return Git(tmp_path / "home")


def repo_url(base: str, token: str, day: str = "c00") -> str:
    return base.replace("http://", f"http://x:{token}@") + f"/git/{day}.git"


def reference(day: str, exercise: str) -> tuple[str, bytes]:
    """(file name, content) of an exercise's reference solution."""
    (path,) = [p for p in (EXERCISES / day / exercise / "reference").iterdir() if p.is_file()]
    return path.name, path.read_bytes()


def write(work: Path, relative: str, data: bytes | str) -> None:
    target = work / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data.encode() if isinstance(data, str) else data)


def http_get(base: str, path: str, token: str | None = None, method: str = "GET"):
    """A raw request (the path is sent as is, never normalized): (status, headers, body)."""
    import base64
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    headers = {}
    if token is not None:
        headers["Authorization"] = "Basic " + base64.b64encode(f"x:{token}".encode()).decode()
    connection.request(method, path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), body


def commit_all(git, work: Path, message: str = "work") -> str:
    git("add", "-A", cwd=work)
    git("commit", "-q", "-m", message, cwd=work)
    return git("rev-parse", "HEAD", cwd=work).stdout.strip()
