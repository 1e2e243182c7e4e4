"""The norm stage: norminette on the host, on a private copy of the turned-in files.

norminette only parses (it never runs the candidate's code), so it runs on the
host in a subprocess with a timeout, CPU and memory limits, a scrubbed
environment and a fresh temporary directory as working directory holding
only the turned-in .c/.h files; reports name files relatively, never with a
host path.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile

from .contract import NormResult

MAX_ERRORS = 40


_LAUNCH = (
    "import resource,runpy,sys;c=int(sys.argv.pop(1));"
    "resource.setrlimit(resource.RLIMIT_CPU,(c,c+1));"
    "resource.setrlimit(resource.RLIMIT_AS,(1<<30,1<<30));"
    "resource.setrlimit(resource.RLIMIT_CORE,(0,0));"
    "sys.argv[0]='norminette';runpy.run_module('norminette',run_name='__main__')"
)


def _command(cpu: int) -> list[str]:
    """norminette under CPU/memory limits (set in the child itself: thread-safe)."""
    try:
        import norminette  # noqa: F401

        return [sys.executable, "-I", "-c", _LAUNCH, str(cpu)]
    except ImportError:
        exe = shutil.which("norminette")
        if not exe:
            raise RuntimeError("norminette is not installed") from None
        return [exe]


def check_norm(files: dict[str, bytes], timeout: float = 20.0) -> NormResult:
    """Run norminette on the .c/.h files among `files`; errors are readable lines."""
    names = sorted(n for n in files if n.endswith((".c", ".h")))
    if not names:
        return NormResult(passed=True, errors=(), checked=True)
    tmp = tempfile.mkdtemp(prefix="school101-norm-")
    try:
        for name in names:
            with open(os.path.join(tmp, name), "wb") as fh:
                fh.write(files[name])
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": tmp}
        try:
            proc = subprocess.run(
                _command(int(timeout) + 1) + ["-f", "json", "--no-colors", *names], cwd=tmp,
                env=env, capture_output=True, timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            return NormResult(False, ("norminette did not finish in time on these files",), True)
        return _parse(proc.stdout, names)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _parse(stdout: bytes, names: list[str]) -> NormResult:
    try:
        data = json.loads(stdout.decode(errors="replace"))
    except ValueError:
        return NormResult(False, ("norminette could not parse these files",), True)
    errors: list[str] = []
    seen = set()
    for entry in data.get("files", []):
        name = os.path.basename(str(entry.get("path", "")))
        if name not in names:
            name = "?"
        seen.add(name)
        for err in entry.get("errors", []):
            if err.get("level", "Error") != "Error":
                continue
            spot = (err.get("highlights") or [{}])[0]
            errors.append(f"{name}: {err.get('name')} (line {spot.get('lineno')}, col "
                          f"{spot.get('column')}): {err.get('text')}")
        if entry.get("status") not in ("OK", "Error") and not entry.get("errors"):
            errors.append(f"{name}: norminette could not check this file")
    for name in names:
        if name not in seen:
            errors.append(f"{name}: norminette could not check this file")
    if len(errors) > MAX_ERRORS:
        errors = errors[:MAX_ERRORS] + [f"... and {len(errors) - MAX_ERRORS} more"]
    return NormResult(passed=not errors, errors=tuple(errors), checked=True)
