"""The recipe's files refuse what an IT team could get wrong (no services needed)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import require_service
from tests.deploy.recipe import DEPLOY, Unit, check_host_module, render_env, render_site

pytestmark = pytest.mark.nodb

SITE = {
    "SERVER_NAME": "piscine.school.example",
    "PUBLIC_URL": "https://piscine.school.example",
    "WEB_UPSTREAMS": "10.0.0.21:8000 10.0.0.22:8000",
    "TLS_CERTIFICATE": "/etc/ssl/school101/fullchain.pem",
    "TLS_CERTIFICATE_KEY": "/etc/ssl/school101/key.pem",
}


def test_the_env_file_as_shipped_is_refused_until_every_secret_is_set(tmp_path, capsys):
    check = check_host_module()
    shipped = tmp_path / "school101.env"
    shutil.copy(DEPLOY / "school101.env.example", shipped)
    shipped.chmod(0o640)
    assert check.main(["web", f"--env={shipped}"]) == 1
    out = capsys.readouterr().out
    assert "still CHANGE_ME: DATABASE_URL, MAIL_SMTP_PASSWORD, SECRET_KEY" in out

    filled = render_env(
        DEPLOY / "school101.env.example",
        {
            "SECRET_KEY": "short",
            "DATABASE_URL": "postgresql+psycopg://school101:pw@db/school101",
            "MAIL_SMTP_PASSWORD": "relay-password",
        },
        tmp_path / "filled.env",
    )
    assert check.main(["web", f"--env={filled}"]) == 1
    assert "SECRET_KEY is shorter than 32 characters" in capsys.readouterr().out
    filled.chmod(0o644)
    assert check.main(["worker", f"--env={filled}"]) == 1
    assert "readable by everyone: chmod 0640" in capsys.readouterr().out


def test_the_nginx_site_renders_and_refuses_values_that_would_break_out():
    require_service("envsubst", shutil.which("envsubst") is not None, "make install (as root)")
    site = render_site(SITE)
    assert "server 10.0.0.21:8000 max_fails=3 fail_timeout=10s;" in site
    assert "server 10.0.0.22:8000" in site
    assert "return 301 https://piscine.school.example$request_uri;" in site
    assert "${" not in site  # every variable of ours was filled, nginx's own ($host) are kept
    for name, bad in (("SERVER_NAME", "x; include /etc/shadow"), ("WEB_UPSTREAMS", "10.0.0.1")):
        result = subprocess.run(
            ["bash", str(DEPLOY / "nginx/render-site.sh")],
            env={"PATH": "/usr/bin:/bin", **SITE, name: bad},
            capture_output=True,
            text=True,
        )
        assert result.returncode == 2 and name in result.stderr, result.stderr


def test_stopping_a_worker_lets_the_running_grading_finish():
    worker = Unit("school101-worker@.service")
    # SIGTERM to the RQ worker alone (its work horse keeps grading) and time for the longest job
    assert worker.get("Service.KillMode") == ["mixed"]
    assert worker.get("Service.KillSignal") == ["SIGTERM"]
    assert int(worker.get("Service.TimeoutStopSec")[0]) > 600  # GRADING_JOB_TIMEOUT
    assert worker.get("Unit.Requires") == ["school101-grader-image.service"]
