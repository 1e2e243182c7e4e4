"""The Docker engine: this process's client and the image calls of the grader.

Both the sandbox (grader/sandbox.py, containers) and the image builder
(grader/image/builder.py) talk to the engine through this module, so neither
imports the other for Docker calls. It imports nothing else of the grader.
The `docker` package is imported lazily: `import grader` stays cheap.
"""

from __future__ import annotations

import os
import threading

LABEL = "school101.grader"

_client = None
_client_pid = 0
_client_lock = threading.Lock()


class SandboxError(RuntimeError):
    """Infrastructure failure (engine down, image missing, protocol broken)."""


class EngineUnavailable(SandboxError):
    """The Docker engine cannot be reached."""


def client():
    """This process's docker client (EngineUnavailable when the engine does not answer).

    Fork-aware: a forked child (an RQ work-horse, a process pool) never shares
    the parent's HTTP connections; it opens its own client.
    """
    global _client, _client_pid
    import docker

    with _client_lock:
        if _client is None or _client_pid != os.getpid():
            try:
                c = docker.from_env(timeout=60)
                c.ping()
            except Exception as exc:
                raise EngineUnavailable(f"Docker engine unavailable: {exc}") from None
            _client, _client_pid = c, os.getpid()
        return _client


def engine_available() -> bool:
    """True when a Docker engine answers."""
    try:
        client()
        return True
    except EngineUnavailable:
        return False


def engine_responds(timeout: float = 5.0) -> bool:
    """True when the engine answers a ping now, on a fresh connection within `timeout` seconds.

    Unlike `engine_available()` (which trusts a cached client), this tells an engine that died
    or hangs in the middle of a grading from a failure the submission caused.
    """
    import docker

    try:
        probe = docker.from_env(timeout=timeout)
    except Exception:
        return False
    try:
        return bool(probe.ping())
    except Exception:
        return False
    finally:
        probe.close()


def image_exists(tag: str) -> bool:
    """True when `tag` is present in the local engine."""
    import docker.errors

    try:
        client().images.get(tag)
        return True
    except docker.errors.ImageNotFound:
        return False


def import_rootfs(tar_path: str, tag: str, changes: list[str]) -> None:
    """`docker import` a root file system tarball under `tag` with Dockerfile changes."""
    repo, _, version = tag.partition(":")
    client().api.import_image_from_file(
        tar_path, repository=repo, tag=version or "latest", changes=changes
    )
    if not image_exists(tag):
        raise SandboxError(f"import of {tag} did not produce an image")


def build_dockerfile(context_dir: str, tag: str, progress) -> None:
    """`docker build` the Dockerfile of `context_dir` as `tag`, streaming progress."""
    import docker.errors

    # host network for apt only: this is our own Dockerfile, and dockerd may run without a bridge
    try:
        for chunk in client().api.build(
            path=context_dir,
            tag=tag,
            rm=True,
            forcerm=True,
            decode=True,
            labels={LABEL: "image"},
            network_mode="host",
        ):
            if "stream" in chunk:
                progress(chunk["stream"].rstrip())
            if "error" in chunk:
                raise SandboxError(f"docker build failed: {chunk['error']}")
    except docker.errors.DockerException as exc:
        raise SandboxError(f"docker build failed: {exc}") from None
