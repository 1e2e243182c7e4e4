"""The published demo password never guards a server other people can reach: `seed-demo` and
`make run` (scripts/run.sh → `flask demo-check`) refuse when PUBLIC_URL is not this machine."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest

from school101.cli.demo import DEMO_PASSWORD
from school101.extensions import db
from school101.models import User
from school101.services.identity.security import hash_password

ROOT = Path(__file__).resolve().parents[2]
PUBLIC = "https://101.example.org"


def _runner(app, public_url):
    app.config["PUBLIC_URL"] = public_url
    return app.test_cli_runner()


def test_seed_demo_refuses_a_public_url_and_creates_nothing(app):
    result = _runner(app, PUBLIC).invoke(args=["seed-demo", "--candidates", "2"])
    assert result.exit_code != 0
    assert "refused" in result.output and "demo-password-101" in result.output
    assert db.session.scalar(db.select(db.func.count()).select_from(User)) == 0


@pytest.mark.parametrize(
    "public_url", ["http://127.0.0.1:5000", "http://localhost:8000", "http://[::1]:5000"]
)
def test_seed_demo_on_this_machine_says_the_password_is_demo_only(app, public_url):
    result = _runner(app, public_url).invoke(args=["seed-demo", "--candidates", "2"])
    assert result.exit_code == 0, result.output
    assert "DEMO ONLY" in result.output and "demo only" in result.output
    assert _runner(app, public_url).invoke(args=["demo-check"]).exit_code == 0


def test_demo_check_refuses_until_every_demo_password_is_changed(app):
    result = _runner(app, "http://127.0.0.1:5000").invoke(args=["seed-demo", "--candidates", "2"])
    assert result.exit_code == 0, result.output
    for url in (PUBLIC, "http://0.0.0.0:5000", "http://101.example.org"):
        refused = _runner(app, url).invoke(args=["demo-check"])
        assert refused.exit_code != 0 and "admin@101.example" in refused.output, refused.output
    assert _runner(app, PUBLIC).invoke(args=["seed-demo"]).exit_code != 0
    new_hash = hash_password("a long and private passphrase")
    db.session.execute(
        db.update(User)
        .where(User.password_hash.is_not(None))
        # as a password change does: the account's tokens (the demo git token too) end
        .values(password_hash=new_hash, session_version=User.session_version + 1)
    )
    db.session.commit()
    assert _runner(app, PUBLIC).invoke(args=["demo-check"]).exit_code == 0
    again = _runner(app, PUBLIC).invoke(args=["seed-demo", "--candidates", "2"])
    assert again.exit_code == 0 and "nothing to do" in again.output, again.output


def test_run_script_refuses_to_serve_demo_passwords_publicly(app, tmp_path):
    """scripts/run.sh stops before starting the worker and gunicorn."""
    db.session.add(User(email="admin@101.example", password_hash=hash_password(DEMO_PASSWORD)))
    db.session.commit()
    env = {
        **os.environ,
        "FLASK_APP": "school101",
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": "x",
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "PUBLIC_URL": PUBLIC,
        "REDIS_URL": "",
        "PORT": "1",  # never bound: the script must stop before
    }
    proc = subprocess.Popen(
        ["bash", "scripts/run.sh"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait()
    assert proc.returncode == 1, (out, err)
    assert "refused" in err and "admin@101.example" in err
    assert "is running" not in out
