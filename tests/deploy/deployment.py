"""The recipe applied on this machine: every role a separate "host" on its own loopback address,
started from deploy/'s own files (env templates, the units' command lines, the nginx site
rendered by its script), in the recipe's order of first start.

    proxy   nginx          127.0.0.11  (TLS, a self-signed certificate made here)
    web     gunicorn x 2   127.0.0.21, 127.0.0.22   (school101-web@PORT)
    worker  RQ x 2         host names deploy-worker-a / -b (own UTS namespaces), metrics on
                           127.0.0.31 / .32; worker a grades on the default Docker engine,
                           worker b on a second dockerd (own socket, data root, exec root)
    db      PostgreSQL     127.0.0.41  (a private cluster)
    queue   Redis          127.0.0.51
    mail    SMTP relay     127.0.0.61  (records what the workers deliver)
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from tests.conftest import require_service
from tests.deploy.recipe import DEPLOY, HOST_ENV, ROOT, SHARED_ENV, Unit, render_env, render_site
from tests.deploy.stack import Stack, StackError, free_port, tail, wait_until

PROXY, WEB, WORKER_METRICS = (
    "127.0.0.11",
    ("127.0.0.21", "127.0.0.22"),
    ("127.0.0.31", "127.0.0.32"),
)
DB, QUEUE, MAIL = "127.0.0.41", "127.0.0.51", "127.0.0.61"
WORKER_HOSTS = ("deploy-worker-a", "deploy-worker-b")
STAFF = ("staff@deploy.example", "staff-password-Deploy-101")


@dataclass
class Deployment:
    """What the tests reach: the public URL and its CA, the database, the hosts' files and logs."""

    stack: Stack
    public_url: str
    http_url: str
    cert: Path
    database_url: str
    redis_url: str
    engine_b: str
    hosts: dict[str, dict[str, Path]] = field(default_factory=dict)
    metrics_urls: list[str] = field(default_factory=list)
    nginx_dir: Path | None = None
    started: float = field(default_factory=time.time)

    def session(self) -> requests.Session:
        """HTTP as a client on the Internet would: our CA only, no proxy from the environment."""
        session = requests.Session()
        session.trust_env = False
        session.verify = str(self.cert)
        return session

    def log(self, name: str) -> str:
        return self.stack.logs[name].read_text(errors="replace")


def check_preconditions() -> None:
    """Skip outside CI, fail in CI, when the machine cannot host the roles."""
    require_service("root (a second dockerd, UTS namespaces)", os.geteuid() == 0)
    for tool in ("nginx", "dockerd", "redis-server", "unshare", "openssl", "envsubst", "git"):
        require_service(tool, shutil.which(tool) is not None, "make install (as root)")
    engine = subprocess.run(["docker", "info"], capture_output=True, timeout=30)
    require_service("Docker engine", engine.returncode == 0, "make docker-engine")
    import grader

    require_service("grader image", grader.sandbox_available(), "make grader-image")


def deploy(stack: Stack, mail_port: int) -> Deployment:
    """Bring every role up, in the recipe's order; returns once the proxy and both workers answer."""
    started = time.time()
    database_url = stack.postgres(DB, secrets.token_hex(12))
    redis_url = stack.redis(QUEUE)
    engine_b = stack.docker_engine("dockerd-b")
    _load_image(engine_b)
    cert, key = _certificate(stack.directory("tls"))
    https_port, http_port = free_port(PROXY), free_port(PROXY)
    deployment = Deployment(
        stack=stack,
        public_url=f"https://{PROXY}:{https_port}",
        http_url=f"http://{PROXY}:{http_port}",
        cert=cert,
        database_url=database_url,
        redis_url=redis_url,
        engine_b=engine_b,
        started=started,
    )
    _write_env_files(deployment, mail_port)
    home = stack.directory("home")
    _first_start(deployment, home)
    upstreams = _start_hosts(deployment, home)
    site = render_site(
        {
            "SERVER_NAME": PROXY,
            "PUBLIC_URL": deployment.public_url,
            "WEB_UPSTREAMS": " ".join(upstreams),
            "TLS_CERTIFICATE": str(cert),
            "TLS_CERTIFICATE_KEY": str(key),
            "HTTPS_LISTEN": f"{PROXY}:{https_port}",
            "HTTP_LISTEN": f"{PROXY}:{http_port}",
            "APP_DIR": str(ROOT),
        }
    )
    deployment.nginx_dir = stack.directory("nginx", world_readable=True)
    stack.nginx(site, deployment.nginx_dir, deployment.public_url + "/healthz", cert)
    _wait_for_workers(stack, redis_url)
    return deployment


def _write_env_files(deployment: Deployment, mail_port: int) -> None:
    """school101.env (one for all) and each host's host.env, from the recipe's templates."""
    stack = deployment.stack
    etc = stack.directory("etc")
    shared = render_env(
        DEPLOY / "school101.env.example",
        {
            "SECRET_KEY": secrets.token_hex(32),
            "DATABASE_URL": deployment.database_url,
            "REDIS_URL": deployment.redis_url,
            "PUBLIC_URL": deployment.public_url,
            "BEHIND_PROXY": "1",
            "GIT_ROOT": str(stack.directory("git-nfs")),  # what every web and worker host mounts
            "INSTANCE_PATH": str(stack.directory("instance")),
            "MAIL_SMTP_HOST": MAIL,
            "MAIL_SMTP_PORT": str(mail_port),
            "MAIL_SMTP_STARTTLS": "0",
            "MAIL_SMTP_USER": "",
            "MAIL_SMTP_PASSWORD": "",
        },
        etc / "school101.env",
    )
    per_host = {
        "web-1": {"WEB_LISTEN_ADDRESS": WEB[0], "WEB_WORKERS": "2", "WEB_THREADS": "4"},
        "web-2": {"WEB_LISTEN_ADDRESS": WEB[1], "WEB_WORKERS": "2", "WEB_THREADS": "4"},
        "worker-a": {"WORKER_METRICS_HOST": WORKER_METRICS[0]},
        "worker-b": {"WORKER_METRICS_HOST": WORKER_METRICS[1], "DOCKER_HOST": deployment.engine_b},
    }
    for name, values in per_host.items():
        if "WORKER_METRICS_HOST" in values:
            port = free_port(values["WORKER_METRICS_HOST"])
            values["WORKER_METRICS_PORT"] = str(port)
            deployment.metrics_urls.append(f"http://{values['WORKER_METRICS_HOST']}:{port}/metrics")
        host_env = render_env(DEPLOY / "host.env.example", values, etc / f"{name}.env", 0o644)
        deployment.hosts[name] = {SHARED_ENV: shared, HOST_ENV: host_env}


def _first_start(deployment: Deployment, home: Path) -> None:
    """Migrations once (from a web host), the first staff account, the image on each worker."""
    hosts = deployment.hosts
    run_units_together([(Unit("school101-migrate.service"), hosts["web-1"])], home)
    flask_command(
        hosts["web-1"],
        home,
        ["users", "create", STAFF[0], "--role", "staff", "--password", STAFF[1]],
    )
    from grader.image.builder import image_tag

    image_unit = Unit("school101-grader-image.service")
    before = time.monotonic()
    workers = [(image_unit, hosts[name]) for name in ("worker-a", "worker-b")]
    for built in run_units_together(workers, home):
        assert built.stdout.strip() == image_tag()
    assert time.monotonic() - before < 60, "the image was built again instead of reused"


def _start_hosts(deployment: Deployment, home: Path) -> list[str]:
    """Both web hosts and both worker hosts, side by side; returns the proxy's upstreams."""
    stack, hosts = deployment.stack, deployment.hosts
    web_unit, worker_unit = Unit("school101-web@.service"), Unit("school101-worker@.service")
    upstreams, web_ready = [], []
    for index, name in enumerate(("web-1", "web-2")):
        port = str(free_port(WEB[index]))
        run = stack.directory(f"{name}-run")  # the host's /run
        env = web_unit.environment(hosts[name], unit_base_env(home), port, run)
        argv = web_unit.command("Service.ExecStart", env, port)
        url = f"http://{WEB[index]}:{port}"
        web_ready.append(stack.web(name, argv, env, web_unit.working_directory(), url))
        upstreams.append(f"{WEB[index]}:{port}")
    for index, name in enumerate(("worker-a", "worker-b")):
        env = worker_unit.environment(hosts[name], unit_base_env(home))
        argv = worker_unit.command("Service.ExecStart", env, str(index + 1))
        stack.worker(name, WORKER_HOSTS[index], argv, env, worker_unit.working_directory())
    for ready in web_ready:
        ready()
    return upstreams


def unit_base_env(home: Path) -> dict[str, str]:
    """What systemd gives a unit before its EnvironmentFile=: a bare PATH and locale."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "HOME": str(home)}


def run_units_together(units: list, home: Path) -> list[subprocess.CompletedProcess]:
    """Each (unit, env files) ExecStart'ed at the same time, as on separate hosts."""
    started = []
    for unit, files in units:
        env = unit.environment(files, unit_base_env(home))
        argv = unit.command("Service.ExecStart", env)
        process = subprocess.Popen(
            argv, env=env, cwd=unit.working_directory(), text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        started.append((unit, argv, process))
    results = []
    for unit, argv, process in started:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, f"{unit.path.name}: {argv}\n{out}\n{err}"
        results.append(subprocess.CompletedProcess(argv, process.returncode, out, err))
    return results


def flask_command(files, home, args) -> None:
    """A `flask` command with the units' environment, as deploy/flask.sh runs it on a host."""
    unit = Unit("school101-migrate.service")
    env = unit.environment(files, unit_base_env(home))
    flask = [str(ROOT / ".venv/bin/flask"), "--app", "school101", *args]
    result = subprocess.run(
        flask, env=env, cwd=unit.working_directory(), capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _certificate(directory: Path) -> tuple[Path, Path]:
    cert, key = directory / "proxy.pem", directory / "proxy.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", f"/CN={PROXY}", "-addext", f"subjectAltName=IP:{PROXY}",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def _load_image(engine: str) -> None:
    """The grader image copied from the default engine (docker save | docker load)."""
    from grader.image.builder import image_tag

    save = subprocess.Popen(["docker", "save", image_tag()], stdout=subprocess.PIPE)
    load = subprocess.run(["docker", "-H", engine, "load"], stdin=save.stdout, capture_output=True)
    save.stdout.close()
    assert save.wait() == 0 and load.returncode == 0, load.stderr


def _wait_for_workers(stack: Stack, redis_url: str) -> None:
    import redis
    from rq import Worker

    connection = redis.Redis.from_url(redis_url)
    try:
        wait_until(
            "two RQ workers",
            lambda: {w.hostname for w in Worker.all(connection=connection)} == set(WORKER_HOSTS),
            60,
        )
    except StackError as exc:
        logs = "".join(tail(stack.logs[name]) for name in ("worker-a", "worker-b"))
        raise StackError(f"{exc}{logs}") from None
    finally:
        connection.close()
