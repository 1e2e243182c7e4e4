"""The recipe's roles brought up on this machine as separate "hosts", each on its own loopback
address: PostgreSQL, Redis, a mail relay, Docker engines, gunicorn web hosts, RQ worker hosts
(each in its own UTS namespace, so it has its own host name) and the nginx proxy.

Every process is registered with an ExitStack as soon as it starts, so a failure at any step
still tears down what came before (processes ended by their own pid, directories removed).
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import requests

POSTGRES_BIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"))


class StackError(AssertionError):
    """A role did not come up; the message carries the end of its log."""


def free_port(address: str) -> int:
    """A TCP port nothing listens on at `address`."""
    with socket.socket() as sock:
        sock.bind((address, 0))
        return sock.getsockname()[1]


def wait_until(what: str, ready, timeout: float, log: Path | None = None, process=None) -> None:
    """Poll `ready()` until it is true; StackError (with the log's tail) after `timeout` s or
    when `process` exits."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if ready():
                return
        except Exception:  # not up yet: connection refused, a 502, ...
            pass
        if process is not None and process.poll() is not None:
            raise StackError(f"{what} exited ({process.returncode}){tail(log)}")
        if time.monotonic() > deadline:
            raise StackError(f"{what} not ready after {timeout:.0f} s{tail(log)}")
        time.sleep(0.2)


def tail(log: Path | None, lines: int = 40) -> str:
    if log is None or not log.exists():
        return ""
    return (
        "\n--- "
        + str(log)
        + "\n"
        + "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    )


class Stack:
    """Processes and directories of one test, ended in reverse order by `close()`."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.exits = contextlib.ExitStack()
        self.logs: dict[str, Path] = {}
        self.processes: list[tuple[subprocess.Popen, int, bool]] = []

    def close(self) -> None:
        """Stop the app's processes together, then the services they use (a worker that loses
        Redis while stopping waits for it), then the rest of the clean-up in reverse order."""
        for service in (False, True):
            group = [(p, stop) for p, stop, is_service in self.processes if is_service == service]
            for process, stop in reversed(group):
                if process.poll() is None:
                    process.send_signal(stop)
            for process, _stop in reversed(group):
                _wait_or_kill(process)
        self.exits.close()

    def directory(
        self, name: str, *, world_readable: bool = False, base: str | None = None
    ) -> Path:
        """A fresh directory, removed at the end."""
        path = Path(tempfile.mkdtemp(prefix=f"s101-{name}-", dir=base or self.workdir))
        if world_readable:
            path.chmod(0o755)
        self.exits.callback(shutil.rmtree, path, ignore_errors=True)
        return path

    def start(
        self,
        name: str,
        argv: list,
        *,
        env=None,
        cwd=None,
        stop=signal.SIGTERM,
        service=False,
        **popen,
    ):
        """Start `argv` with its output in a log named `name`; ended (`stop`, then SIGKILL
        after 30 s) when the stack closes, after the app's processes when it is a `service`."""
        log = self.workdir / f"{name}.log"
        self.logs[name] = log
        out = open(log, "ab")  # noqa: SIM115 - closed with the stack
        self.exits.callback(out.close)
        process = subprocess.Popen(
            [str(arg) for arg in argv],
            env=env,
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            **popen,
        )
        self.processes.append((process, stop, service))
        self.exits.callback(_end, process, stop)
        return process

    # -- the roles -----------------------------------------------------------------------

    def postgres(self, address: str, password: str) -> str:
        """A private PostgreSQL cluster on `address` with a `school101` role and database;
        returns the DATABASE_URL."""
        if not POSTGRES_BIN:
            raise StackError("PostgreSQL is not installed")
        bin_dir = POSTGRES_BIN[-1]
        base = self.directory("pg", world_readable=True, base="/dev/shm")
        data, sockets = base / "data", base / "sockets"
        for folder in (data, sockets):
            folder.mkdir()
            shutil.chown(folder, "postgres", "postgres")
        as_postgres = {"user": "postgres", "group": "postgres", "cwd": base}
        subprocess.run(
            [bin_dir / "initdb", "-D", data, "-U", "postgres", "-E", "UTF8",
             "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256"],
            check=True, capture_output=True, **as_postgres,
        )  # fmt: skip
        port = free_port(address)
        process = self.start(
            "postgres",
            [bin_dir / "postgres", "-D", data, "-p", str(port), "-k", sockets,
             "-c", f"listen_addresses={address}", "-c", "fsync=off", "-c", "full_page_writes=off"],
            stop=signal.SIGINT,  # fast shutdown
            service=True,
            **as_postgres,
        )  # fmt: skip
        psql = [bin_dir / "psql", "-h", sockets, "-p", str(port), "-U", "postgres"]
        wait_until(
            "PostgreSQL",
            lambda: (
                subprocess.run(
                    [*psql, "-c", "select 1"], capture_output=True, **as_postgres
                ).returncode
                == 0
            ),
            30,
            self.logs["postgres"],
            process,
        )
        subprocess.run(
            [*psql, "-v", "ON_ERROR_STOP=1",
             "-c", f"create role school101 login password '{password}'",
             "-c", "create database school101 owner school101"],
            check=True, capture_output=True, **as_postgres,
        )  # fmt: skip
        return f"postgresql+psycopg://school101:{password}@{address}:{port}/school101"

    def redis(self, address: str) -> str:
        """A private Redis on `address` (no persistence); returns the REDIS_URL."""
        port = free_port(address)
        process = self.start(
            "redis",
            ["redis-server", "--bind", address, "--port", str(port), "--save", "",
             "--appendonly", "no", "--dir", str(self.workdir)],
            service=True,
        )  # fmt: skip
        url = f"redis://{address}:{port}/0"
        import redis

        wait_until(
            "Redis", lambda: redis.Redis.from_url(url).ping(), 15, self.logs["redis"], process
        )
        return url

    def docker_engine(self, name: str) -> str:
        """A second Docker engine: its own socket, data root, exec root and pidfile, no bridge
        nor iptables (grading containers have no network); returns its DOCKER_HOST."""
        base = self.directory(name, base="/dev/shm")
        # registered before dockerd, so it runs after dockerd stopped and before the removal
        self.exits.callback(_unmount_below, base)
        sock = base / "docker.sock"
        process = self.start(
            name,
            ["dockerd", "--host", f"unix://{sock}", "--data-root", str(base / "data"),
             "--exec-root", str(base / "exec"), "--pidfile", str(base / "docker.pid"),
             "--bridge=none", "--iptables=false", "--ip6tables=false",
             "--containerd-namespace", f"s101-{name}",
             "--containerd-plugins-namespace", f"s101-{name}-plugins"],
            service=True,
        )  # fmt: skip
        host = f"unix://{sock}"
        wait_until(
            name,
            lambda: (
                subprocess.run(
                    ["docker", "-H", host, "version"], capture_output=True, timeout=10
                ).returncode
                == 0
            ),
            60,
            self.logs[name],
            process,
        )
        return host

    def web(self, name: str, argv, env, cwd, base_url: str):
        """Start a web host (gunicorn); returns a function that waits until its /healthz
        answers 200 (start every host first, then wait: they boot side by side)."""
        process = self.start(name, argv, env=env, cwd=cwd)

        def ready() -> None:
            wait_until(
                name,
                lambda: _direct().get(base_url + "/healthz", timeout=2).status_code == 200,
                90,
                self.logs[name],
                process,
            )

        return ready

    def worker(self, name: str, hostname: str, argv, env, cwd):
        """A worker host: `argv` in its own UTS namespace, named `hostname`."""
        wrapped = ["unshare", "--uts", "sh", "-c", 'hostname "$0" && exec "$@"', hostname, *argv]
        return self.start(name, wrapped, env=env, cwd=cwd)

    def nginx(self, site: str, directory: Path, ready_url: str, cafile: Path):
        """nginx in the foreground with the rendered `site` under a minimal main configuration
        (Debian's nginx.conf includes sites-enabled/ the same way)."""
        (directory / "school101.conf").write_text(site)
        main = directory / "nginx.conf"
        main.write_text(
            "user root;\nworker_processes 1;\n"
            f"pid {directory}/nginx.pid;\nerror_log {directory}/error.log;\n"
            "events { worker_connections 256; }\n"
            "http {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
            f"  access_log {directory}/access.log;\n"
            f"  client_body_temp_path {directory}/body;\n  proxy_temp_path {directory}/proxy;\n"
            f"  fastcgi_temp_path {directory}/fastcgi;\n  uwsgi_temp_path {directory}/uwsgi;\n"
            f"  scgi_temp_path {directory}/scgi;\n"
            f"  include {directory}/school101.conf;\n}}\n"
        )
        check = subprocess.run(
            ["nginx", "-t", "-c", str(main), "-p", str(directory)], capture_output=True, text=True
        )
        if check.returncode != 0:
            raise StackError(f"nginx -t refused the rendered site:\n{check.stderr}")
        process = self.start(
            "nginx",
            ["nginx", "-c", str(main), "-p", str(directory), "-g", "daemon off;"],
            stop=signal.SIGQUIT,  # graceful
        )
        wait_until(
            "nginx",
            lambda: _direct().get(ready_url, timeout=2, verify=str(cafile)).status_code == 200,
            20,
            directory / "error.log",
            process,
        )
        return process


def _direct() -> requests.Session:
    """A session that ignores proxy and CA settings of the environment."""
    session = requests.Session()
    session.trust_env = False
    return session


def _end(process: subprocess.Popen, stop: int) -> None:
    """Send `stop` unless the process has ended; SIGKILL it after 30 s."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(stop)
        _wait_or_kill(process)


def _wait_or_kill(process: subprocess.Popen, seconds: float = 30) -> None:
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _unmount_below(base: Path) -> None:
    """Lazily unmount whatever a stopped dockerd left mounted under `base` (deepest first)."""
    prefix = str(base) + "/"
    with open("/proc/self/mounts") as mounts:
        points = [line.split()[1] for line in mounts if line.split()[1].startswith(prefix)]
    for point in sorted(points, key=len, reverse=True):
        subprocess.run(["umount", "-l", point], capture_output=True)
