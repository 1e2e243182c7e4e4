"""A whole platform of private processes whose parts can be broken and brought back: a
PostgreSQL cluster and a Redis (restartable on the same port, same data), a second Docker
engine (stopped and started again on the same socket and data root), an SMTP sink, gunicorn
and RQ workers of the app. Nothing here touches the shared PostgreSQL, Redis or Docker engine.

Process handling (logs, clean-up in reverse order) is tests/deploy/stack.py's `Stack`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.deploy.stack import POSTGRES_BIN, Stack, _unmount_below, free_port, wait_until

ROOT = Path(__file__).resolve().parents[2]
ADDRESS = "127.0.0.1"
VENV_BIN = Path(sys.executable).parent
REFERENCE = (ROOT / "exercises/c00/ex00/reference/ft_putchar.c").read_bytes()


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (children first found, then theirs)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        try:
            tasks = Path(f"/proc/{current}/task").iterdir()
            for task in tasks:
                children = (task / "children").read_text().split()
                found.extend(int(c) for c in children)
                todo.extend(int(c) for c in children)
        except FileNotFoundError:
            continue
    return found


def kill9(pid: int) -> None:
    """SIGKILL `pid` and everything below it (an RQ worker and its work horse)."""
    for victim in [pid, *descendants(pid)]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(victim, signal.SIGKILL)


class Platform:
    """The private services and the app's processes of one reliability test module."""

    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.pg_port = free_port(ADDRESS)
        self.redis_port = free_port(ADDRESS)
        self.web_port = free_port(ADDRESS)
        self.smtp_port = free_port(ADDRESS)
        self.pg_base = stack.directory("pg", world_readable=True, base="/dev/shm")
        self.docker_base = stack.directory("dockerd", base="/dev/shm")
        stack.exits.callback(_unmount_below, self.docker_base)
        self.instance = stack.directory("instance")
        self.postgres_process = self.redis_process = self.docker_process = None
        self.web_process = None
        self.workers: list[subprocess.Popen] = []
        self._starts = 0

    # -- URLs ------------------------------------------------------------------------------
    @property
    def database_url(self) -> str:
        return f"postgresql+psycopg://postgres@{ADDRESS}:{self.pg_port}/school101"

    @property
    def redis_url(self) -> str:
        return f"redis://{ADDRESS}:{self.redis_port}/0"

    @property
    def docker_host(self) -> str:
        return f"unix://{self.docker_base}/docker.sock"

    @property
    def base_url(self) -> str:
        return f"http://{ADDRESS}:{self.web_port}"

    def _name(self, role: str) -> str:
        self._starts += 1
        return f"{role}-{self._starts}"

    # -- PostgreSQL --------------------------------------------------------------------------
    def init_postgres(self) -> None:
        """A fresh cluster (trust on loopback: a private test cluster) and its database."""
        bin_dir = POSTGRES_BIN[-1]
        data = self.pg_base / "data"
        data.mkdir()
        shutil.chown(data, "postgres", "postgres")
        shutil.chown(self.pg_base, "postgres", "postgres")
        subprocess.run(
            [bin_dir / "initdb", "-D", data, "-U", "postgres", "-E", "UTF8",
             "--locale=C.UTF-8", "--auth=trust"],
            check=True, capture_output=True, user="postgres", group="postgres", cwd=self.pg_base,
        )  # fmt: skip
        self.start_postgres()
        subprocess.run(
            [bin_dir / "psql", "-h", ADDRESS, "-p", str(self.pg_port), "-U", "postgres",
             "-c", "create database school101"],
            check=True, capture_output=True,
        )  # fmt: skip

    def start_postgres(self) -> None:
        bin_dir = POSTGRES_BIN[-1]
        name = self._name("postgres")
        self.postgres_process = self.stack.start(
            name,
            [bin_dir / "postgres", "-D", self.pg_base / "data", "-p", self.pg_port,
             "-k", self.pg_base, "-c", f"listen_addresses={ADDRESS}",
             "-c", "fsync=off", "-c", "full_page_writes=off"],
            stop=signal.SIGINT, service=True, user="postgres", group="postgres", cwd=self.pg_base,
        )  # fmt: skip
        psql = [bin_dir / "pg_isready", "-h", ADDRESS, "-p", str(self.pg_port)]
        wait_until(
            "PostgreSQL",
            lambda: subprocess.run(psql, capture_output=True).returncode == 0,
            30,
            self.stack.logs[name],
            self.postgres_process,
        )

    def stop_postgres(self) -> None:
        """A fast shutdown (SIGINT): open connections are cut, as in a restart."""
        self.postgres_process.send_signal(signal.SIGINT)
        self.postgres_process.wait(30)

    # -- Redis --------------------------------------------------------------------------------
    def start_redis(self) -> None:
        """Redis without persistence: a restart starts empty."""
        name = self._name("redis")
        self.redis_process = self.stack.start(
            name,
            ["redis-server", "--bind", ADDRESS, "--port", self.redis_port, "--save", "",
             "--appendonly", "no", "--dir", self.stack.workdir],
            service=True,
        )  # fmt: skip
        import redis

        wait_until(
            "Redis",
            lambda: redis.Redis.from_url(self.redis_url).ping(),
            15,
            self.stack.logs[name],
            self.redis_process,
        )

    def stop_redis(self) -> None:
        self.redis_process.kill()
        self.redis_process.wait(10)

    # -- Docker ---------------------------------------------------------------------------------
    def start_docker(self) -> None:
        base = self.docker_base
        name = self._name("dockerd")
        self.docker_process = self.stack.start(
            name,
            ["dockerd", "--host", self.docker_host, "--data-root", base / "data",
             "--exec-root", base / "exec", "--pidfile", base / "docker.pid",
             "--bridge=none", "--iptables=false", "--ip6tables=false",
             "--containerd-namespace", f"s101-faults-{os.getpid()}",
             "--containerd-plugins-namespace", f"s101-faults-{os.getpid()}-plugins"],
            service=True,
        )  # fmt: skip
        wait_until(
            "dockerd",
            lambda: self.docker("version").returncode == 0,
            60,
            self.stack.logs[name],
            self.docker_process,
        )

    def stop_docker(self) -> None:
        self.docker_process.send_signal(signal.SIGTERM)
        self.docker_process.wait(60)

    def docker(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["docker", "-H", self.docker_host, *args], capture_output=True, text=True, timeout=60
        )

    def load_grader_image(self) -> None:
        """The grader image copied from the default engine (docker save | docker load)."""
        from grader.image.builder import image_tag

        save = subprocess.Popen(["docker", "save", image_tag()], stdout=subprocess.PIPE)
        load = subprocess.run(
            ["docker", "-H", self.docker_host, "load"], stdin=save.stdout, capture_output=True
        )
        save.stdout.close()
        assert save.wait() == 0 and load.returncode == 0, load.stderr

    def containers(self) -> list[str]:
        return self.docker("ps", "-aq", "--filter", "label=school101.grader=run").stdout.split()

    # -- the app -----------------------------------------------------------------------------
    def env(self, **extra: str) -> dict[str, str]:
        """The app's environment (what a deployment's env file gives every process)."""
        return {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
            "HOME": str(self.instance),
            "INSTANCE_PATH": str(self.instance),
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "SECRET_KEY": "reliability-secret",
            "PUBLIC_URL": self.base_url,
            "DOCKER_HOST": self.docker_host,
            "SCHOOL101_GRADER_TAG": "faults",
            "MAIL_SMTP_HOST": ADDRESS,
            "MAIL_SMTP_PORT": str(self.smtp_port),
            "MAIL_RETRY_INTERVALS": "1,2,4",
            "PERIODIC_INTERVAL_SECONDS": "2",
            "GRADING_LOST_JOB_GRACE_SECONDS": "5",
            "WORKER_MAINTENANCE_SECONDS": "5",
            "WORKER_MONITORING_SECONDS": "2",
            **extra,
        }

    def start_web(self) -> None:
        """gunicorn with one sync worker, so the test knows which process holds a request."""
        name = self._name("web")
        self.web_process = self.stack.start(
            name,
            [VENV_BIN / "gunicorn", "--bind", f"{ADDRESS}:{self.web_port}", "--workers", "1",
             "--timeout", "60", "school101:create_app()"],
            env=self.env(), cwd=ROOT,
        )  # fmt: skip
        wait_until(
            "gunicorn",
            lambda: requests.get(self.base_url + "/healthz", timeout=2).status_code == 200,
            60,
            self.stack.logs[name],
            self.web_process,
        )

    def web_workers(self) -> list[int]:
        return descendants(self.web_process.pid)

    def start_worker(self) -> subprocess.Popen:
        name = self._name("worker")
        process = self.stack.start(
            name, [VENV_BIN / "flask", "--app", "school101", "worker"], env=self.env(), cwd=ROOT
        )
        process.log_path = self.stack.logs[name]
        self.workers.append(process)
        return process

    def dead_workers(self) -> str:
        """The end of the log of every RQ worker that has exited ('' when all run)."""
        return "\n".join(
            f"--- {w.log_path.name} (exit {w.returncode})\n"
            + w.log_path.read_text(errors="replace")[-3000:]
            for w in self.workers
            if w.poll() is not None
        )

    def log(self, role_prefix: str) -> str:
        """Every log of processes whose name starts with `role_prefix`, joined."""
        return "\n".join(
            path.read_text(errors="replace")
            for name, path in self.stack.logs.items()
            if name.startswith(role_prefix) and path.exists()
        )


def wait_for(what: str, check, timeout: float, interval: float = 0.3):
    """Poll `check()` until it returns something true; AssertionError after `timeout` s."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = check()
        except Exception as exc:  # a service still down
            last = exc
        else:
            if last:
                return last
        time.sleep(interval)
    raise AssertionError(f"{what}: not after {timeout:.0f} s (last: {last!r})")
