"""The git commands the "today" page shows work as shown: run line by line with the real git
client against the app served over HTTP, the token typed as the password, they record the
exercise."""

from __future__ import annotations

import re
import shlex
from datetime import UTC, datetime, timedelta
from html import unescape

import pytest

from school101.extensions import db
from school101.models import Booking, Submission
from school101.services.identity.accounts import issue_token
from tests.fixtures.people import client_for
from tests.gitserver import conftest as gitserver
from tests.gitserver.conftest import reference, write

pytestmark = pytest.mark.redis
served, git = gitserver.served, gitserver.git  # the app over real HTTP, the real git client


def _git_commands(html: str) -> list[str]:
    """The lines of the page's git block."""
    block = re.search(r'<pre class="commands"[^>]*><code>(git clone .*?)</code></pre>', html, re.S)
    assert block, "no git commands on the page"
    return unescape(block.group(1)).splitlines()


def test_the_git_commands_of_today_record_the_exercise(
    app, served, git, make_piscine, invited, tmp_path
):
    app.config["PUBLIC_URL"] = served  # the address the page prints is the served one
    piscine = make_piscine(capacity=2, feedback="after_deadline")
    (user,) = invited(piscine)
    db.session.add(Booking(piscine_id=piscine.id, user_id=user.id, status="booked"))
    piscine.seats_taken = 1
    c00 = piscine.days[0]
    c00.opens_at = datetime.now(UTC) - timedelta(hours=1)
    db.session.commit()
    token = issue_token(user, "laptop", scopes=("git",))
    db.session.commit()

    html = client_for(app, user).get(f"/piscine/{piscine.id}/?lang=en").data.decode()
    commands = _git_commands(html)
    assert commands[0] == f"git clone {served}/git/c00.git"
    askpass = tmp_path / "askpass.sh"  # git asks for a user name and a password: the token
    askpass.write_text(f"#!/bin/sh\necho {token}\n")
    askpass.chmod(0o700)
    env = {"GIT_ASKPASS": str(askpass)}
    cwd = tmp_path
    for line in commands:
        if line.startswith("#"):  # "# write ft_putchar.c in ex00/"
            name, data = reference("c00", "ex00")
            assert name in line
            write(cwd, f"ex00/{name}", data)
        elif line.startswith("cd "):
            cwd = cwd / line[3:]
        elif line.startswith("mkdir -p "):
            (cwd / line[9:]).mkdir(parents=True, exist_ok=True)
        else:
            args = shlex.split(line)
            assert args[0] == "git"
            git(*args[1:], cwd=cwd, env=env)
    db.session.expire_all()
    recorded = db.session.scalars(db.select(Submission)).one()
    assert (recorded.exercise, recorded.source, recorded.user_id) == ("c00/ex00", "git", user.id)
