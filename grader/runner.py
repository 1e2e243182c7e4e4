"""Grading stages: files -> norm -> compile -> allowed functions -> tests -> verdict.

`status` names the first failing stage. The norm runs on the host in a thread
while the sandbox starts; a failing norm does not stop compile and tests.
Expected outputs never leave the host: the sandbox returns what the program
printed and the comparison happens here.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import logging
import math
import os
import stat
import threading
import time
from concurrent.futures import Future

import grader.memcheck as memcheck
from grader.build import (
    MAX_BUILD_OUTPUT,
    PROGRAM,
    StageFailure,
    build_ok,
    cflags,
    compile_c,
    objects_of,
)
from grader.contract import (
    DayVerdict,
    Exercise,
    Limits,
    NormResult,
    TestResult,
    Verdict,
)
from grader.engine import EngineUnavailable, SandboxError, engine_responds
from grader.exercise import (
    ExerciseError,
    harness_source,
    hidden_blocks,
    load_day,
    load_exercise,
    workdir_entries,
)
from grader.image import builder
from grader.make import build_with_make
from grader.sandbox import RunResult, Sandbox, SandboxDied, SandboxTimeout, open_sandbox
from grader.trace import Trace, escape, show_diff

log = logging.getLogger("grader.runner")

RUN_DIR = "/work/run"  # the cwd of tests with a fixture or a generated input
GENERATE_SECONDS = 60.0  # a generator of ours: generous, it is not the candidate's time


# -- files -------------------------------------------------------------------
def collect_files(ex: Exercise, submission_dir: str, limits: Limits) -> dict[str, bytes]:
    """Read exactly the listed files (and the root-level files matching `sources`); never
    follow symlinks nor read anything else."""
    files: dict[str, bytes] = {}
    missing = []
    if len(ex.files) > limits.max_files:
        raise StageFailure("rejected", f"too many files to turn in ({len(ex.files)})")
    for name in ex.files:
        data = _read_turned_in(os.path.join(submission_dir, name), name, limits)
        if data is None:
            missing.append(name)
        else:
            files[name] = data
            _check_total(files, limits)
    if missing:
        raise StageFailure(
            "missing_file",
            "missing: " + ", ".join(missing) + " (turn in exactly the files the subject names)",
        )
    for name in _matching_sources(ex, submission_dir, files):
        if len(files) >= limits.max_files:
            raise StageFailure("rejected", f"too many files turned in (at most {limits.max_files})")
        data = _read_turned_in(os.path.join(submission_dir, name), name, limits)
        if data is not None:
            files[name] = data
            _check_total(files, limits)
    return files


def _matching_sources(ex: Exercise, submission_dir: str, taken: dict[str, bytes]) -> list[str]:
    """Root-level names matching the exercise's `sources` patterns (none of its subfolders)."""
    if not ex.sources:
        return []
    try:
        names = sorted(os.listdir(submission_dir))
    except OSError:
        return []
    return [
        n
        for n in names
        if n not in taken and any(fnmatch.fnmatchcase(n, pattern) for pattern in ex.sources)
    ]


def _check_total(files: dict[str, bytes], limits: Limits) -> None:
    if sum(len(d) for d in files.values()) > limits.max_total_kb * 1024:
        raise StageFailure("rejected", f"the turned-in files exceed {limits.max_total_kb} KB")


def _read_turned_in(path: str, name: str, limits: Limits) -> bytes | None:
    """One turned-in file's bytes (None when missing); `rejected` for anything but a small
    regular file."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StageFailure("rejected", f"{name}: cannot be read ({exc.strerror})") from None
    if stat.S_ISLNK(st.st_mode):
        raise StageFailure("rejected", f"{name}: is a symbolic link; turn in a regular file")
    if not stat.S_ISREG(st.st_mode):
        raise StageFailure("rejected", f"{name}: is not a regular file")
    if st.st_size > limits.max_file_kb * 1024:
        raise StageFailure(
            "rejected",
            f"{name}: too large ({st.st_size} bytes, at most {limits.max_file_kb * 1024})",
        )
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        raise StageFailure("rejected", f"{name}: cannot be read ({exc.strerror})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise StageFailure("rejected", f"{name}: is not a regular file")
        data = os.read(fd, limits.max_file_kb * 1024 + 1)
    finally:
        os.close(fd)
    if len(data) > limits.max_file_kb * 1024:
        raise StageFailure("rejected", f"{name}: too large")
    return data


def _read(ex: Exercise, rel: str) -> bytes:
    with open(os.path.join(ex.root, rel), "rb") as fh:
        return fh.read()


def _harness(ex: Exercise, case: str = "") -> dict[str, bytes]:
    """The harness files as they may enter the sandbox (hidden blocks blanked but `case`'s)."""
    return {os.path.basename(rel): harness_source(_read(ex, rel), case) for rel in ex.harness}


# -- norm (host thread) ------------------------------------------------------
def _start_norm(ex: Exercise, files: dict[str, bytes], limits: Limits) -> Future | None:
    if not (ex.norm and ex.language == "c"):
        return None
    from grader.norm import check_norm

    fut: Future = Future()

    def work() -> None:
        try:
            fut.set_result(check_norm(files, timeout=limits.norm_seconds, ignore=ex.norm_ignore))
        except BaseException as exc:
            fut.set_exception(exc)

    threading.Thread(target=work, name="norminette", daemon=True).start()
    return fut


# -- tests -------------------------------------------------------------------
def _test_command(ex: Exercise, test) -> tuple[list[str | bytes], str | None, str | None]:
    """(argv, file executed, cwd) of a test's run: `./a.out ARGS` (or the program a Makefile
    built) or `sh SCRIPT ARGS`; tests with a fixture or generated input run in /work/run."""
    cwd = RUN_DIR if (test.workdir or test.generate) else None
    args = test.argv_bytes()
    if ex.language == "c":
        program = ex.make if ex.make and not ex.make.endswith(".a") else PROGRAM
        return [f"./{program}", *args], f"/work/{program}", cwd
    script = f"/work/{ex.files[0]}" if cwd else ex.files[0]
    return [f"/bin/{ex.interpreter}", script, *args], None, cwd


def _put_given(box: Sandbox, ex: Exercise) -> None:
    """The exercise's given files into /work, over whatever the candidate turned in."""
    if not box.put_tree([(p, d, None) for p, d in workdir_entries(ex.root, ex.given)], "/work"):
        raise StageFailure("rejected", "the exercise's given files could not be set up")


def _test_limits(test, limits: Limits) -> Limits:
    """The exercise's limits with this test's own wall time and output cap."""
    if test.wall_seconds is None and test.output_kb is None:
        return limits
    return limits.merged(
        wall_seconds=test.wall_seconds,
        cpu_seconds=math.ceil(test.wall_seconds) if test.wall_seconds else None,
        output_kb=test.output_kb,
    )


def _generate(box: Sandbox, ex: Exercise, test, limits: Limits) -> None:
    """Make the test's large input in /work/run with the exercise's python3 generator."""
    script, *args = test.generate
    res = box.run(
        ["/bin/sh", "-c", 'python3 .generate.py "$@" && rm -f .generate.py', "sh", *args],
        cwd=RUN_DIR,
        wall=GENERATE_SECONDS,
        cpu=int(GENERATE_SECONDS),
        output_bytes=4096,
        keep_err=4096,
        file_size_kb=limits.tmpfs_mb * 1024,  # its files may fill the tmpfs, not more
    )
    if not build_ok(res):
        log.warning("generator %s failed: exit %s %s", script, res.exit, res.stderr[-500:])
        raise _TestOver("crash", "the test's input could not be generated (no room left?)")


def _workdir(box: Sandbox, ex: Exercise, test) -> None:
    """Copy the test's fixture tree to /work/run (its cwd), with its declared modes, and
    its input generator when it has one."""
    modes = dict(test.modes)
    entries = [
        (path, data, modes.get(path))
        for path, data in (workdir_entries(ex.root, test.workdir) if test.workdir else [])
    ]
    if test.generate:
        entries.append((".generate.py", _read(ex, test.generate[0]), None))
    if not box.put_tree(entries):
        raise _TestOver("crash", "the test's files could not be set up (/work is full or locked)")


def _run_order(ex: Exercise) -> list[int]:
    """Visible tests first, then hidden ones (those built with their own harness case last).

    Whatever a hidden test's run sees (its arguments, stdin, harness case) could be kept
    in /work and printed by a later run; only hidden runs come later, and their output is
    never shown. The report keeps the declared order.
    """
    tests = list(enumerate(ex.tests))
    return (
        [i for i, t in tests if not t.hidden]
        + [i for i, t in tests if t.hidden and not t.harness_case]
        + [i for i, t in tests if t.harness_case]
    )


def _build_case(box: Sandbox, ex: Exercise, test, limits: Limits) -> RunResult:
    """Link /work/a.out for one hidden test, with its harness case fed to cc on stdin.

    The case's source never lands in /work: cc reads it from stdin, and its temporary
    files are gone before the program runs. The other harness objects are the visible
    build's.
    """
    sources = _harness(ex, test.harness_case)
    name = next(
        os.path.basename(rel)
        for rel in ex.harness
        if any(b[0] == test.harness_case for b in hidden_blocks(_read(ex, rel)))
    )
    others = [os.path.basename(h) for h in ex.harness if h.endswith(".c")]
    others.remove(name)
    objects = objects_of([f for f in ex.files if f.endswith(".c")]) + objects_of(others)
    return box.run(
        [
            "/usr/bin/cc",
            "-pipe",
            *cflags(ex),
            "-o",
            PROGRAM,
            *("-x", "c", "-", "-x", "none"),
            *objects,
        ],
        stdin=sources[name],
        wall=limits.compile_seconds,
        cpu=math.ceil(limits.compile_seconds),
        output_bytes=MAX_BUILD_OUTPUT,
        keep_err=0,  # its messages could quote the hidden input: never kept, never shown
    )


def _run_tests(box: Sandbox, ex: Exercise, limits: Limits, trace: Trace) -> list[TestResult]:
    results: dict[int, TestResult] = {}
    notes: dict[int, list[tuple[str, tuple]]] = {}
    n = len(ex.tests)
    stop_reason = None
    last_status = ""
    for i in _run_order(ex):
        test = ex.tests[i]
        label = f'test {i + 1}/{n} "{test.name}"'
        out = notes[i] = []
        if stop_reason:
            results[i] = TestResult(test.name, False, last_status)
            out.append(("step", (label, f"not run ({stop_reason})")))
            continue
        res = None
        leaked = None
        try:
            if test.harness_case:
                built = _build_case(box, ex, test, limits)
                if not build_ok(built):
                    status, detail = "compile_error", "this test's program could not be built"
                    if built.timeout:
                        stop_reason = "skipped after a timeout"
                    raise _TestOver(status, detail)
            if test.workdir or test.generate:
                _workdir(box, ex, test)
            if test.generate:
                _generate(box, ex, test, limits)
            argv, exec_path, cwd = _test_command(ex, test)
            own = _test_limits(test, limits)
            env = {**dict(test.env), **(memcheck.ENV if ex.sanitize else {})}
            res = box.run(
                argv,
                stdin=test.stdin,
                env=env,
                wall=own.wall_seconds,
                cpu=own.cpu_seconds,
                output_bytes=own.output_kb * 1024,
                keep_err=0 if test.stderr is None else min(own.output_kb, 1024) * 1024,
                exec_path=exec_path,
                cwd=cwd,
                report_dir=memcheck.REPORT_DIR if ex.sanitize else None,
                digest=test.stdout_sha256 is not None,
            )
            if test.after and res.exit is not None and not (res.timeout or res.output_limit):
                res = _after(box, test, res, env, cwd, limits)
            status, detail = _judge(ex, test, res, own)
            leaked = memcheck.leaks(res.report) if ex.sanitize else None
            if leaked and status == "ok" and ex.leaks == "fail":
                status, detail = "crash", f"memory leak ({leaked})"
        except _TestOver as over:
            status, detail = over.status, over.detail
        except SandboxTimeout:
            if not engine_responds():
                raise  # the engine hangs or died: not the submission's timeout
            status, detail = "timeout", "the sandbox was stopped by the wall clock"
            stop_reason = "the sandbox was stopped"
        except SandboxDied as died:
            if not died.oom and not engine_responds():
                raise  # the engine went away: not the submission's crash
            log.warning("sandbox died during %s: %s", test.name, died)
            status = "memory_limit" if died.oom else "crash"
            detail = "the sandbox was killed" + (" for memory" if died.oom else "")
            stop_reason = "the sandbox was stopped"
        results[i] = TestResult(test.name, status == "ok", status)
        last_status = status
        if status == "ok":
            out.append(("step", (label, "OK")))
            if leaked:
                out.append(("note", (leaked,)))
            continue
        out.append(("step", (label, f"KO ({status})")))
        if detail:
            out.append(("note", (detail,)))
        if leaked and ex.leaks != "fail":
            out.append(("note", (leaked,)))
        if status == "wrong_output" and res is not None:
            if test.hidden:
                out.append(("note", ("hidden test: its data and expected output are not shown",)))
            else:
                if test.argv_bytes():
                    out.append(("note", ("arguments: " + test.shown_args(),)))
                if detail.startswith("stderr"):
                    out.append(("lines", (show_diff(test.stderr or b"", res.stderr),)))
                elif test.stdout_sha256 is not None:
                    out.append(
                        ("note", ('your output starts with: "' + escape(res.stdout[:60]) + '"',))
                    )
                elif test.check_stdout and res.stdout != test.stdout:
                    out.append(("lines", (show_diff(test.stdout, res.stdout),)))
        if status == "timeout" and not stop_reason:
            stop_reason = "skipped after a timeout"
    for i in range(n):
        for method, args in notes.get(i, ()):
            getattr(trace, method)(*args)
    return [results[i] for i in range(n)]


def _after(box: Sandbox, test, res: RunResult, env: dict, cwd: str | None, limits: Limits):
    """Run the test's `after` command in the program's cwd; its stdout is appended."""
    after = box.run(
        ["/bin/sh", "-c", test.after],
        env=env,
        cwd=cwd,
        wall=limits.compile_seconds,
        cpu=math.ceil(limits.compile_seconds),
        output_bytes=limits.output_kb * 1024,
        keep_err=0,
    )
    return dataclasses.replace(res, stdout=res.stdout + after.stdout)


def _shown_names(names: list[str], shown: int = 12) -> str:
    """File names for one trace line: the first few and how many more."""
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


class _TestOver(Exception):
    """A test ended before its program ran (its own build failed)."""

    def __init__(self, status: str, detail: str):
        super().__init__(detail)
        self.status, self.detail = status, detail


def _judge(ex: Exercise, test, res: RunResult, limits: Limits) -> tuple[str, str]:
    if res.spawn_error:
        return "crash", "the program could not be started (the sandbox's process limit was reached)"
    if res.output_limit:
        return "output_limit", f"printed more than {limits.output_kb} KB (stdout and stderr)"
    if res.timeout:
        return "timeout", f"too slow: did not finish within {limits.wall_seconds:g} s"
    if res.oom:
        return "memory_limit", f"killed for using more than {limits.memory_mb} MB"
    if ex.sanitize and (reason := memcheck.memory_error(res.report, ex.files)):
        return "crash", reason
    if res.signal:
        return "crash", f"crashed with {res.signal}"
    if test.exit_code is not None and res.exit != test.exit_code:
        if test.hidden:
            return "wrong_output", "wrong exit code"
        return "wrong_output", f"exit code {res.exit}, expected {test.exit_code}"
    if test.stdout_sha256 is not None:
        if res.sha256 != test.stdout_sha256:
            return "wrong_output", "stdout differs (compared by its SHA-256: it is too large)"
    elif test.check_stdout and res.stdout != test.stdout:
        return "wrong_output", "stdout differs" if test.stderr is not None else ""
    if test.stderr is not None and res.stderr != test.stderr:
        return "wrong_output", "stderr differs"
    return "ok", ""


# -- verdict -----------------------------------------------------------------
_image_ready = False


def _ensure_image() -> None:
    """Build the sandbox image on first use (once per process)."""
    global _image_ready
    if _image_ready:
        return
    try:
        builder.ensure_image()
    except SandboxError:
        raise
    except Exception as exc:
        raise SandboxError(f"cannot build the sandbox image: {exc}") from None
    _image_ready = True


class _Boxes:
    """The sandbox(es) of one grading run.

    `grade` uses one container and removes it. `grade_day` grades one candidate's
    exercises in the same container when their limits are the same: between two
    exercises the supervisor kills every process and empties /work, /tmp and
    /dev/shm, so each exercise starts from a clean sandbox at the cost of one
    request instead of a container start. Another candidate never shares it.
    """

    def __init__(self, reuse: bool):
        self.reuse = reuse
        self.box: Sandbox | None = None
        self.limits: Limits | None = None

    def acquire(self, limits: Limits) -> Sandbox:
        if self.box is not None and self.reuse and self.limits == limits and self.box.healthy:
            try:
                self.box.reset()
                return self.box
            except SandboxError as exc:
                log.info("sandbox not reusable, starting another: %s", exc)
        self.release()
        self.box = open_sandbox(limits)
        self.limits = limits
        return self.box

    def not_reusable(self) -> None:
        self.limits = None

    def release(self) -> None:
        if self.box is not None:
            self.box.close()
            self.box = None


def grade(
    exercise: Exercise | str | os.PathLike,
    submission_dir: str | os.PathLike,
    limits: Limits | None = None,
) -> Verdict:
    """Grade `submission_dir` against `exercise`; always returns a Verdict."""
    boxes = _Boxes(reuse=False)
    try:
        return _grade(exercise, submission_dir, limits, boxes)
    finally:
        boxes.release()


class GradingSession:
    """Grades several submissions in turn, reusing one container between them.

    Between two gradings the supervisor kills every process and empties /work, /tmp and
    /dev/shm (as between the exercises of one candidate's day), so each starts clean; a
    container start (~0.2 s) is saved per grading. For trusted content only
    (`check-exercises` grading the shipped references and variants): candidates' gradings
    keep their own containers. Not thread-safe: one session per thread.
    """

    def __init__(self) -> None:
        self._boxes = _Boxes(reuse=True)

    def grade(
        self,
        exercise: Exercise | str | os.PathLike,
        submission_dir: str | os.PathLike,
        limits: Limits | None = None,
    ) -> Verdict:
        """As `grade`, in this session's container."""
        return _grade(exercise, submission_dir, limits, self._boxes)

    def close(self) -> None:
        """Remove the session's container."""
        self._boxes.release()


def _grade(
    exercise: Exercise | str | os.PathLike,
    submission_dir: str | os.PathLike,
    limits: Limits | None,
    boxes: _Boxes,
) -> Verdict:
    started = time.monotonic()
    ex = exercise if isinstance(exercise, Exercise) else load_exercise(exercise)
    limits = limits or ex.limits
    trace = Trace(ex)
    norm = NormResult()
    tests: list[TestResult] = []
    status = "ok"
    infrastructure = False
    try:
        try:
            files = collect_files(ex, os.fspath(submission_dir), limits)
        except StageFailure:
            trace.step("turned-in files: " + ", ".join(ex.files), "KO")
            raise
        trace.step("turned-in files: " + _shown_names(list(files)), "OK")
        trace.mark_norm()
        norm_future = _start_norm(ex, files, limits)
        try:
            _ensure_image()
            box = boxes.acquire(limits)
            box.put_files({**files, **_harness(ex)})
            if ex.given:
                _put_given(box, ex)
            if ex.language == "c":
                try:
                    if ex.make:
                        build_with_make(box, ex, limits, trace)
                    else:
                        compile_c(box, ex, limits, trace)
                except StageFailure as fail:
                    status = fail.status
                    trace.note(fail.message)
            if status == "ok":
                if limits.memory_mb < max(limits.memory_mb, limits.compile_memory_mb):
                    boxes.not_reusable()
                    box.set_memory(limits.memory_mb)
                tests = _run_tests(box, ex, limits, trace)
        finally:
            if norm_future is not None:
                norm = norm_future.result(timeout=limits.norm_seconds + 10)
                trace.norm(norm, list(files))
        failing = next((t.status for t in tests if not t.passed), None)
        if not norm.passed and status in ("ok", "compile_error", "forbidden_function"):
            status = "norm_error"  # the norm stage comes before compile (42's order)
        elif status == "ok" and failing:
            status = failing
    except StageFailure as fail:
        status = fail.status
        trace.note(fail.message)
    except SandboxError as exc:
        log.warning("sandbox failure on %s: %s", ex.id, exc)
        status = "internal_error"
        infrastructure = _infrastructure(exc)
        trace.note("the grader could not complete this run (infrastructure failure)")
        trace.note(_public_reason(exc))
    except Exception as exc:
        log.exception("grader failure on %s", ex.id)
        status = "internal_error"
        # a bug of ours, unless the engine is gone or the caller's time limit cut the run short
        # (an RQ job timeout is raised inside us): then grading again may well succeed
        infrastructure = "Timeout" in type(exc).__name__ or not engine_responds()
        trace.note(f"internal error: {type(exc).__name__}")
    passed = status == "ok"
    trace.result(status)
    return Verdict(
        exercise=ex.id,
        status=status,
        passed=passed,
        score=100 if passed else 0,
        tests=tuple(tests),
        norm=norm,
        trace=trace.text(),
        duration_ms=int((time.monotonic() - started) * 1000),
        infrastructure=infrastructure,
    )


def _infrastructure(exc: SandboxError) -> bool:
    """Whether a sandbox failure is the engine's or the host's (so grading again may succeed).

    Every sandbox failure is (engine unavailable or gone, container not created or started,
    image missing, protocol broken, host-side timeout), except a container killed by its own
    memory cgroup: the submission did that, and would do it again.
    """
    return not (isinstance(exc, SandboxDied) and exc.oom)


def _public_reason(exc: Exception) -> str:
    if isinstance(exc, EngineUnavailable):
        return "the sandbox engine is unavailable"
    if isinstance(exc, SandboxTimeout):
        return "the sandbox did not answer in time"
    if isinstance(exc, SandboxDied):
        return "the sandbox ended unexpectedly" + (" (out of memory)" if exc.oom else "")
    return "sandbox error"


def _exercise_dir(repo_dir: str, name: str) -> str | None:
    """REPO/exNN when it is a real directory (never through a symlink)."""
    path = os.path.join(repo_dir, name)
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return path if stat.S_ISDIR(st.st_mode) else None


def grade_day(
    day_dir: str | os.PathLike, repo_dir: str | os.PathLike, limits: Limits | None = None
) -> DayVerdict:
    """Grade REPO/ex00, ex01 ... in the day's order; stop at the first failure."""
    started = time.monotonic()
    day = load_day(day_dir)
    exercises = [load_exercise(os.path.join(day.root, n)) for n in day.exercises]
    verdicts, score, stopped = [], 0, None
    boxes = _Boxes(reuse=True)
    try:
        for name, ex in zip(day.exercises, exercises, strict=False):
            verdict = _grade_day_exercise(name, ex, os.fspath(repo_dir), limits, boxes)
            verdicts.append(verdict)
            if verdict.passed:
                score += ex.weight
            elif day.stop_at_first_failure:
                stopped = ex.id
                break
    finally:
        boxes.release()
    all_passed = len(verdicts) == len(exercises) and all(v.passed for v in verdicts)
    return DayVerdict(
        day=day.id,
        passed=all_passed,
        score=score,
        max_score=sum(e.weight for e in exercises),
        stopped_at=stopped,
        verdicts=tuple(verdicts),
        duration_ms=int((time.monotonic() - started) * 1000),
    )


def _grade_day_exercise(
    name: str, ex: Exercise, repo_dir: str, limits: Limits | None, boxes: _Boxes
) -> Verdict:
    sub = _exercise_dir(repo_dir, name)
    if sub is None:
        path = os.path.join(repo_dir, name)
        status = "rejected" if os.path.islink(path) else "missing_file"
        msg = (
            f"{name}/ is a symbolic link"
            if status == "rejected"
            else f"{name}/ is missing from the repository"
        )
        trace = Trace(ex)
        trace.step(f"folder {name}/", "KO")
        trace.note(msg)
        trace.result(status)
        return Verdict(ex.id, status, False, 0, trace=trace.text())
    return _grade(ex, sub, limits, boxes)


__all__ = [
    "ExerciseError",
    "GradingSession",
    "StageFailure",
    "collect_files",
    "grade",
    "grade_day",
]
