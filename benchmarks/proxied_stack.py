"""What the load benchmarks share: the recipe's stack on loopback, and open-loop traffic.

`proxied_app()` serves the app the way deploy/ does (the web unit's gunicorn command line, the
nginx site rendered by deploy/nginx/render-site.sh with a self-signed certificate) on
127.0.0.1; `open_loop()` sends requests at their scheduled times whatever the answers (a
closed loop would slow down with the server and hide its queueing); `closed_loop()` finds the
maximum rate. Every request may leave from its own loopback address (127.x.y.z), as distinct
candidates would, so the per-address rate limits stay on and are not what is measured.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import ssl
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.deploy.recipe import Unit, render_site  # noqa: E402 - the recipe's own helpers
from tests.deploy.stack import Stack, free_port, wait_until  # noqa: E402

HOST = "127.0.0.1"


@dataclass
class Proxied:
    """The app behind nginx: its public base URL and the CA that verifies it."""

    host: str
    port: int
    cafile: Path
    stack: Stack
    pids: dict[str, int] = field(default_factory=dict)
    _context: ssl.SSLContext | None = field(default=None, repr=False)

    @property
    def base_url(self) -> str:
        return f"https://{self.host}:{self.port}"

    def cpu_seconds(self) -> dict[str, float]:
        """CPU time used so far by each role's processes (gunicorn and its workers, nginx)."""
        return {name: tree_cpu_seconds(pid) for name, pid in self.pids.items()}

    def context(self) -> ssl.SSLContext:
        if self._context is None:
            self._context = ssl.create_default_context(cafile=str(self.cafile))
        return self._context

    def request(
        self,
        method: str,
        path: str,
        body: dict | None = None,
        source: str | None = None,
        timeout: float = 120,
    ) -> tuple[int, bytes]:
        """One request on a fresh TLS connection (from `source` when given): (status, body)."""
        connection = http.client.HTTPSConnection(
            self.host,
            self.port,
            timeout=timeout,
            context=self.context(),
            source_address=(source, 0) if source else None,
        )
        try:
            headers = {"Accept-Language": "fr"}
            data = None
            if body is not None:
                data = json.dumps(body).encode()
                headers["Content-Type"] = "application/json"
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()


def loopback_address(phase: int, index: int) -> str:
    """A distinct 127.x.y.z per (phase, index) for up to 64,000 requests a phase."""
    return f"127.{phase}.{index // 250}.{index % 250 + 1}"


def certificate(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (what nginx serves, what the clients trust)."""
    cert, key = directory / "proxy.pem", directory / "proxy.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=IP:{HOST}",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def _nginx_main(directory: Path) -> Path:
    """A main nginx.conf around the rendered site (as Debian's includes sites-enabled/), sized
    for bursts: one worker per core, 4096 connections each."""
    main = directory / "nginx.conf"
    main.write_text(
        "user root;\nworker_processes auto;\n"
        f"pid {directory}/nginx.pid;\nerror_log {directory}/error.log;\n"
        "events { worker_connections 4096; }\n"
        "http {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        f"  access_log {directory}/access.log;\n"
        f"  client_body_temp_path {directory}/body;\n  proxy_temp_path {directory}/proxy;\n"
        f"  fastcgi_temp_path {directory}/fastcgi;\n  uwsgi_temp_path {directory}/uwsgi;\n"
        f"  scgi_temp_path {directory}/scgi;\n"
        f"  include {directory}/school101.conf;\n}}\n"
    )
    return main


@contextlib.contextmanager
def proxied_app(env: dict[str, str], workers: int, threads: int) -> Iterator[Proxied]:
    """gunicorn (the recipe's web unit command, `workers` x `threads`) behind the recipe's nginx
    site, both on 127.0.0.1; `env` is the app's environment (DATABASE_URL, REDIS_URL, ...)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="s101-load-") as workdir:
        stack = Stack(Path(workdir))
        try:
            cert, key = certificate(stack.directory("tls"))
            web_port, https_port, http_port = free_port(HOST), free_port(HOST), free_port(HOST)
            public_url = f"https://{HOST}:{https_port}"
            app_env = {
                **os.environ,
                "SECRET_KEY": "bench",
                "MAIL_SMTP_HOST": "",  # mail stays in the outbox: the bench measures registration
                "BEHIND_PROXY": "1",
                "PUBLIC_URL": public_url,
                "LOG_LEVEL": "WARNING",
                **env,
                "WEB_LISTEN_ADDRESS": HOST,
                "WEB_WORKERS": str(workers),
                "WEB_THREADS": str(threads),
            }
            argv = Unit("school101-web@.service").command(
                "Service.ExecStart", app_env, instance=str(web_port)
            )
            ready = stack.web("web", argv, app_env, ROOT, f"http://{HOST}:{web_port}")
            web = stack.processes[-1][0]
            site = render_site(
                {
                    "SERVER_NAME": HOST,
                    "PUBLIC_URL": public_url,
                    "WEB_UPSTREAMS": f"{HOST}:{web_port}",
                    "TLS_CERTIFICATE": str(cert),
                    "TLS_CERTIFICATE_KEY": str(key),
                    "HTTPS_LISTEN": f"{HOST}:{https_port}",
                    "HTTP_LISTEN": f"{HOST}:{http_port}",
                    "APP_DIR": str(ROOT),
                }
            )
            nginx_dir = stack.directory("nginx")
            (nginx_dir / "school101.conf").write_text(site)
            main = _nginx_main(nginx_dir)
            check = subprocess.run(
                ["nginx", "-t", "-c", str(main), "-p", str(nginx_dir)],
                capture_output=True,
                text=True,
            )
            if check.returncode != 0:
                raise RuntimeError(f"nginx -t refused the rendered site:\n{check.stderr}")
            nginx = stack.start(
                "nginx",
                ["nginx", "-c", main, "-p", nginx_dir, "-g", "daemon off;"],
                stop=15,
            )
            ready()
            proxied = Proxied(
                HOST, https_port, cert, stack, {"gunicorn": web.pid, "nginx": nginx.pid}
            )
            wait_until(
                "nginx",
                lambda: proxied.request("GET", "/healthz", timeout=2)[0] == 200,
                20,
                nginx_dir / "error.log",
                nginx,
            )
            yield proxied
        finally:
            stack.close()


@dataclass
class Answers:
    """What a run of requests got back: kinds (2xx, 4xx code, 5xx, network), latencies in s."""

    kinds: Counter = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    lags: list[float] = field(default_factory=list)
    wall: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, kind: str, latency: float, lag: float = 0.0) -> None:
        with self.lock:
            self.kinds[kind] += 1
            self.latencies.append(latency)
            self.lags.append(lag)

    @property
    def answered(self) -> int:
        return sum(v for k, v in self.kinds.items() if not k.startswith("network"))

    @property
    def failed(self) -> int:
        """5xx and requests that got no answer at all."""
        return sum(v for k, v in self.kinds.items() if k.startswith(("5", "network")))

    def summary(self) -> str:
        xs = sorted(self.latencies)
        rate = len(xs) / self.wall if self.wall else float("nan")
        kinds = ", ".join(f"{k}: {v}" for k, v in sorted(self.kinds.items()))
        return (
            f"{len(xs)} requests in {self.wall:.1f} s ({rate:.1f}/s); answers: {kinds}; "
            f"latency p50={percentile(xs, 0.5) * 1000:.0f} ms p95={percentile(xs, 0.95) * 1000:.0f} ms "
            f"max={(xs[-1] if xs else 0) * 1000:.0f} ms"
        )


def percentile(sorted_values: list[float], q: float) -> float:
    """The q-quantile of already sorted values (nearest rank below); nan when empty."""
    if not sorted_values:
        return float("nan")
    return sorted_values[int(q * (len(sorted_values) - 1))]


def kind_of(status: int, body: bytes) -> str:
    """'2xx', '4xx <error code>' or '5xx' for a status and its JSON body."""
    if status < 400:
        return f"{status // 100}xx"
    try:
        code = json.loads(body).get("error", {}).get("code", "")
    except (ValueError, AttributeError):
        code = ""
    return f"{status} {code}".strip()


def open_loop(count: int, seconds: float, send: Callable[[int], str]) -> Answers:
    """Call `send(i)` for i in range(count), evenly spread over `seconds`, each at its scheduled
    time on its own thread whatever the earlier answers; latency runs from the scheduled time,
    so a late start (client lag, also recorded) counts against the server, not for it."""
    answers = Answers()
    interval = seconds / count if count else 0.0
    start = time.perf_counter() + 0.2
    threads = []

    def one(i: int, due: float) -> None:
        lag = time.perf_counter() - due
        try:
            kind = send(i)
        except (OSError, http.client.HTTPException) as exc:
            kind = f"network {type(exc).__name__}"
        answers.add(kind, time.perf_counter() - due, lag)

    for i in range(count):
        due = start + i * interval
        pause = due - time.perf_counter()
        if pause > 0:
            time.sleep(pause)
        thread = threading.Thread(target=one, args=(i, due), daemon=True)
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()
    answers.wall = time.perf_counter() - start
    return answers


def closed_loop(seconds: float, concurrency: int, send: Callable[[int], str]) -> Answers:
    """`concurrency` clients each sending the next request as soon as the last is answered,
    for `seconds`: the highest rate the stack sustains."""
    answers = Answers()
    counter = iter(range(10**9))
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client() -> None:
        while time.perf_counter() < stop_at:
            with lock:
                i = next(counter)
            began = time.perf_counter()
            try:
                kind = send(i)
            except (OSError, http.client.HTTPException) as exc:
                kind = f"network {type(exc).__name__}"
            answers.add(kind, time.perf_counter() - began)

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for _ in range(concurrency):
            pool.submit(client)
    answers.wall = time.perf_counter() - began
    return answers


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of `pid` and its living descendants (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def postgres_cpu_seconds(database_url: str) -> float:
    """CPU seconds used so far by the PostgreSQL backends serving `database_url`'s database
    (the server is local; other databases' backends are left out)."""
    import sqlalchemy

    engine = sqlalchemy.create_engine(database_url)
    try:
        with engine.connect() as connection:
            pids = connection.execute(
                sqlalchemy.text(
                    "select pid from pg_stat_activity "
                    "where datname = current_database() and pid <> pg_backend_pid()"
                )
            ).scalars()
            return sum(tree_cpu_seconds(pid) for pid in pids)
    finally:
        engine.dispose()


def server_cpu(app: Proxied, database_url: str, since: dict | None = None) -> dict[str, float]:
    """CPU seconds used by gunicorn, nginx and (on PostgreSQL) this database's backends, so
    far or `since` an earlier reading."""
    used = app.cpu_seconds()
    if database_url.startswith("postgresql"):
        used["postgres"] = postgres_cpu_seconds(database_url)
    return {k: v - (since or {}).get(k, 0.0) for k, v in used.items()}


def cpu_line(used: dict[str, float], count: int, what: str) -> str:
    """'server CPU per <what>: total ms (by role)'."""
    parts = ", ".join(f"{k} {v / count * 1000:.1f}" for k, v in used.items())
    return f"server CPU per {what}: {sum(used.values()) / count * 1000:.1f} ms ({parts})"


def machine_load() -> str:
    """`uptime`'s load averages, printed with every figure (the machine is shared)."""
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
