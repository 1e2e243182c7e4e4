"""A relay in front of the real Docker engine that a test can cut, as if the engine died.

The grader talks to the relay (DOCKER_HOST=unix://<relay>); the relay passes every byte to
the real engine's socket. `cut()` closes the relay and every connection through it: the
grader sees exactly what a dead engine looks like (attach stream closed, pings refused),
while the real engine stays up for the other tests and removes the container itself.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from contextlib import contextmanager, suppress


def real_engine_socket() -> str:
    """Path of the real engine's unix socket (DOCKER_HOST or the default)."""
    host = os.environ.get("DOCKER_HOST", "")
    return host[len("unix://") :] if host.startswith("unix://") else "/var/run/docker.sock"


class EngineRelay:
    """Relays a unix socket to the engine's until `cut()`."""

    def __init__(self, path: str, target: str | None = None):
        self.path, self.target = path, target or real_engine_socket()
        self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._server.bind(path)
        self._server.listen(64)
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()
        self.cut_done = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"unix://{self.path}"

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._server.accept()
            except OSError:
                return
            upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                upstream.connect(self.target)
            except OSError:
                conn.close()
                continue
            with self._lock:
                if self.cut_done:
                    conn.close()
                    upstream.close()
                    return
                self._open += [conn, upstream]
            for a, b in ((conn, upstream), (upstream, conn)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
            dst.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    def cut(self) -> None:
        """Close the relay and every connection through it (the engine 'dies')."""
        with self._lock:
            self.cut_done = True
            sockets, self._open = self._open, []
        self._server.close()
        for s in sockets:
            with suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()
        with suppress(OSError):
            os.unlink(self.path)


@contextmanager
def grader_through_relay(path: str):
    """The grader (this process) reaches the engine through a relay for the block."""
    from grader import engine

    relay = EngineRelay(path)
    old_host = os.environ.get("DOCKER_HOST")
    os.environ["DOCKER_HOST"] = relay.url
    engine._client = None  # the next call opens a client on the relay
    try:
        yield relay
    finally:
        relay.cut()
        if old_host is None:
            os.environ.pop("DOCKER_HOST", None)
        else:
            os.environ["DOCKER_HOST"] = old_host
        engine._client = None


def cut_when_program_runs(
    relay: EngineRelay, tag: str, program: str = "./a.out", timeout: float = 120.0
) -> threading.Thread:
    """In a thread: cut the relay once `program` runs in the test's container (seen through the
    real engine), i.e. during the tests stage, after compiling."""
    import docker

    def watch() -> None:
        real = docker.DockerClient(base_url=f"unix://{real_engine_socket()}", timeout=30)
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline and not relay.cut_done:
                for c in real.api.containers(filters={"label": [f"school101.grader.tag={tag}"]}):
                    try:
                        top = real.api.top(c["Id"])
                    except docker.errors.APIError:
                        continue
                    if any(program in " ".join(p) for p in top.get("Processes") or []):
                        relay.cut()
                        return
                time.sleep(0.1)
        finally:
            real.close()

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


def wait_until_gone(tag: str, seconds: float) -> bool:
    """True once no container of the test's tag is left on the real engine (within `seconds`)."""
    from grader import sandbox

    deadline = time.monotonic() + seconds
    while sandbox.count_containers(tag):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True
