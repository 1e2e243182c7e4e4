"""The norm stage: norminette on the host, never on a host path.

norminette only parses (it never runs the candidate's code), so it runs on the
host, in a separate process with a memory limit and a timeout. To avoid paying
Python's start-up and norminette's import on every grading (~100 ms of CPU),
each grader process keeps one long-lived norminette server: it receives the
turned-in .c/.h files' contents on stdin (they never touch the disk), answers
norminette's JSON, and is killed and restarted when it overruns its timeout.
If norminette's internals are not the expected ones, the stage falls back to
the `norminette` command on a private temporary copy of the files.
"""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time

from grader.contract import NormResult

MAX_ERRORS = 40
_SERVER = r"""
import json, os, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
from norminette.context import Context
from norminette.errors import Error, JSONErrorsFormatter
from norminette.exceptions import NorminetteError
from norminette.file import File
from norminette.lexer import Lexer
from norminette.registry import Registry
registry = Registry()
sys.stdout.write("ready\n"); sys.stdout.flush()
for line in sys.stdin:
    files = []
    for name, text in json.loads(line).items():
        f = File(name, text)
        try:
            registry.run(Context(f, list(Lexer(f)), 0, None))
        except NorminetteError as e:
            f.errors.add(Error("PARSING_ERROR", str(e)))
        except Exception as e:
            f.errors.add(Error("PARSING_ERROR", "norminette failed: " + type(e).__name__))
        files.append(f)
    sys.stdout.write(str(JSONErrorsFormatter(files, use_colors=False)).strip() + "\n")
    sys.stdout.flush()
"""


class _Server:
    """One norminette process per grader process, used under a lock."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.lock = threading.Lock()
        self.broken = False
        self.pid = os.getpid()

    def _start(self, timeout: float) -> None:
        cwd = tempfile.gettempdir()
        self.proc = subprocess.Popen(
            [sys.executable, "-I", "-c", _SERVER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=cwd,
            env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": cwd},
        )
        if self._readline(time.monotonic() + max(timeout, 10.0)) != b"ready":
            self.stop()
            self.broken = True
            raise RuntimeError("norminette server did not start")

    def _readline(self, deadline: float) -> bytes | None:
        assert self.proc is not None and self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        buf = b""
        while not buf.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                return None
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return None
            buf += chunk
        return buf.strip()

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            for stream in (self.proc.stdin, self.proc.stdout):
                if stream:
                    stream.close()
            self.proc = None

    def check(self, texts: dict[str, str], timeout: float) -> bytes | None:
        """norminette's JSON for `texts`, None on timeout (the server is then restarted)."""
        with self.lock:
            if self.pid != os.getpid():  # forked: the parent's server is not ours
                self.proc, self.pid = None, os.getpid()
            if self.proc is None or self.proc.poll() is not None:
                self._start(timeout)
            assert self.proc is not None and self.proc.stdin is not None
            try:
                self.proc.stdin.write(json.dumps(texts).encode() + b"\n")
                self.proc.stdin.flush()
            except OSError:
                self.stop()
                return None
            out = self._readline(time.monotonic() + timeout)
            if out is None:
                self.stop()
            return out


_server = _Server()


def check_norm(
    files: dict[str, bytes], timeout: float = 5.0, ignore: tuple[str, ...] = ()
) -> NormResult:
    """Run norminette on the .c/.h files among `files`, plus the norm's include-guard rule
    that norminette does not check; errors are readable lines. `ignore`: norminette error
    names an exercise waives (a subject that requires a macro with parameters)."""
    result = _norminette(files, timeout)
    if ignore:
        kept = tuple(e for e in result.errors if e.split(": ")[1].split(" ")[0] not in ignore)
        result = NormResult(passed=not kept, errors=kept, checked=True)
    guards = header_guard_errors(files)
    if not guards:
        return result
    errors = (*result.errors, *guards)
    return NormResult(passed=False, errors=errors[: MAX_ERRORS + 1], checked=True)


_COMMENTS = re.compile(rb"/\*.*?\*/|//[^\n]*", re.S)


def header_guard_errors(files: dict[str, bytes]) -> list[str]:
    """The norm's rule for headers: `ft_foo.h` is protected by `#ifndef FT_FOO_H`,
    `# define FT_FOO_H` ... `#endif`, with nothing but comments outside the guard."""
    errors = []
    for name in sorted(n for n in files if n.endswith(".h")):
        macro = re.sub(r"[^A-Za-z0-9]", "_", name).upper().encode()
        lines = [
            line.strip() for line in _COMMENTS.sub(b"", files[name]).splitlines() if line.strip()
        ]
        guarded = (
            len(lines) >= 3
            and re.fullmatch(rb"#\s*ifndef\s+" + macro, lines[0]) is not None
            and re.fullmatch(rb"#\s*define\s+" + macro, lines[1]) is not None
            and re.fullmatch(rb"#\s*endif", lines[-1]) is not None
        )
        if not guarded:
            guard = macro.decode()
            errors.append(
                f"{name}: HEADER_PROTECTION: not protected against double inclusion "
                f"(expected #ifndef {guard} / # define {guard} ... #endif around everything)"
            )
    return errors


def _norminette(files: dict[str, bytes], timeout: float) -> NormResult:
    names = sorted(n for n in files if n.endswith((".c", ".h")))
    if not names:
        return NormResult(passed=True, errors=(), checked=True)
    if not _server.broken:
        try:
            texts = {n: files[n].decode("utf-8", errors="replace") for n in names}
            out = _server.check(texts, timeout)
        except RuntimeError:
            out = b""
        if out is None:
            return NormResult(False, ("norminette could not check these files in time",), True)
        if out:
            return _parse(out, names)
    return _check_with_command(files, names, timeout)


_LAUNCH = (
    "import resource,runpy,sys;c=int(sys.argv.pop(1));"
    "resource.setrlimit(resource.RLIMIT_CPU,(c,c+1));"
    "resource.setrlimit(resource.RLIMIT_AS,(1<<30,1<<30));"
    "resource.setrlimit(resource.RLIMIT_CORE,(0,0));"
    "sys.argv[0]='norminette';runpy.run_module('norminette',run_name='__main__')"
)


def _check_with_command(files: dict[str, bytes], names: list[str], timeout: float) -> NormResult:
    """Fallback: the norminette command on a private temporary copy (relative names)."""
    tmp = tempfile.mkdtemp(prefix="school101-norm-")
    try:
        for name in names:
            with open(os.path.join(tmp, name), "wb") as fh:
                fh.write(files[name])
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": tmp}
        try:
            import norminette  # noqa: F401

            cmd = [sys.executable, "-I", "-c", _LAUNCH, str(int(timeout) + 1)]
        except ImportError:
            cmd = [shutil.which("norminette") or "norminette"]
        try:
            proc = subprocess.run(
                cmd + ["-f", "json", "--no-colors", *names],
                check=False,
                cwd=tmp,
                env=env,
                capture_output=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            return NormResult(False, ("norminette could not check these files in time",), True)
        except OSError:
            return NormResult(False, ("norminette is not available",), True)
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
            where = (
                f" (line {spot.get('lineno')}, col {spot.get('column')})"
                if spot.get("lineno") is not None
                else ""
            )
            errors.append(f"{name}: {err.get('name')}{where}: {err.get('text')}")
    for name in names:
        if name not in seen:
            errors.append(f"{name}: norminette could not check this file")
    if len(errors) > MAX_ERRORS:
        errors = errors[:MAX_ERRORS] + [f"... and {len(errors) - MAX_ERRORS} more"]
    return NormResult(passed=not errors, errors=tuple(errors), checked=True)
