"""Fixtures of the grader tests: real Docker, the sandbox image built once.

Tests marked `docker` need the engine and the image. Outside CI they are
skipped when the engine is missing; in CI (CI=true) they fail instead.
"""

from __future__ import annotations

import os
import textwrap
import time
import uuid
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI") == "true"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def sandbox_image():
    """The sandbox image tag, built once per session when missing."""
    from grader import sandbox
    from grader.image import builder

    if not sandbox.engine_available():
        message = "Docker engine is not available (run scripts/ensure-docker.sh)"
        if IN_CI:
            pytest.fail(message + "; CI must not skip Docker tests")
        pytest.skip(message)
    return builder.ensure_image()


@pytest.fixture
def docker(sandbox_image, monkeypatch):
    """Requires the sandbox; after the test, checks that no grading container is left.

    The test's containers carry a unique tag label (SCHOOL101_GRADER_TAG, inherited by
    CLI subprocesses), so gradings of other processes on this host are not counted.
    """
    from grader import sandbox

    tag = f"pytest-{os.getpid()}-{uuid.uuid4().hex[:12]}"
    monkeypatch.setenv("SCHOOL101_GRADER_TAG", tag)
    yield sandbox_image
    deadline = time.monotonic() + 10
    while sandbox.count_containers(tag) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert sandbox.count_containers(tag) == 0, "a grading container was left behind"


def write_exercise(
    root: Path,
    *,
    tests: str,
    allowed=("write",),
    files=("hostile.c",),
    norm=False,
    limits: str = "",
    harness: str | None = None,
    ex_id: str = "test/hostile",
    extra: dict[str, bytes] | None = None,
) -> Path:
    """An exercise folder whose harness `main` calls `int ft_run(int, char **)`."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "tests").mkdir(exist_ok=True)
    (root / "tests" / "main.c").write_text(
        harness
        or textwrap.dedent("""\
        int ft_run(int argc, char **argv);

        int main(int argc, char **argv)
        {
            return ft_run(argc, argv);
        }
        """)
    )
    allowed_list = ", ".join(f'"{a}"' for a in allowed)
    files_list = ", ".join(f'"{f}"' for f in files)
    (root / "exercise.toml").write_text(
        textwrap.dedent(f"""\
        id = "{ex_id}"
        title = "hostile"
        language = "c"
        files = [{files_list}]
        allowed_functions = [{allowed_list}]
        norm = {"true" if norm else "false"}
        weight = 10

        [build]
        harness = ["tests/main.c"]
        """)
        + (f"\n[limits]\n{limits}\n" if limits else "")
        + "\n"
        + textwrap.dedent(tests)
    )
    for rel, data in (extra or {}).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root


def write_submission(root: Path, files: dict[str, str | bytes]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content.encode() if isinstance(content, str) else content
        (root / name).write_bytes(data)
    return root
