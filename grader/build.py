"""The build stages of a C exercise: compile and link, allowed functions, structure.

Every command runs in the sandbox under the compile limits; what stops a build tool there
(time, memory, output) is the submission's doing and becomes its verdict, never an
infrastructure failure. `make.py` builds Makefile projects with the same helpers.
"""

from __future__ import annotations

import math
import os

import grader.memcheck as memcheck
import grader.structure as structure
from grader.contract import BUILTIN_SUBSTITUTES, COMPILER_SYMBOLS, Exercise, Limits
from grader.engine import SandboxError
from grader.sandbox import RunResult, Sandbox, SandboxDied
from grader.trace import Trace

#: what cc, the linker or nm may print before being stopped (compile_error / rejected)
MAX_BUILD_OUTPUT = 1 << 20
#: the linked test program, as cc names it by default (what candidates type: ./a.out)
PROGRAM = "a.out"


class StageFailure(Exception):
    """A stage decided the verdict (status + trace message)."""

    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def symbols(nm_output: str) -> tuple[set[str], set[str]]:
    """(undefined, defined) symbols from `nm` output."""
    undefined, defined = set(), set()
    for line in nm_output.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("U", "w", "v"):
            undefined.add(parts[1])
        elif len(parts) == 3:
            defined.add(parts[2])
    return undefined, defined


def cflags(ex: Exercise) -> list[str]:
    return [*ex.cflags, *(memcheck.CFLAGS if ex.sanitize else ())]


def compile_c(box: Sandbox, ex: Exercise, limits: Limits, trace: Trace) -> None:
    sources = [f for f in ex.files if f.endswith(".c")]
    harness = [os.path.basename(h) for h in ex.harness if h.endswith(".c")]
    cmd = ["cc", *ex.cflags, "-c", *sources, *harness]
    res = run_build(box, ["/usr/bin/cc", *cflags(ex), "-c", *sources, *harness], limits)
    if not build_ok(res):
        trace.step(" ".join(cmd), "KO")
        raise StageFailure("compile_error", build_failure(res, trace, "compilation"))
    objects = objects_of(sources)
    link_flags = list(memcheck.CFLAGS) if ex.sanitize else []
    link = run_build(
        box, ["/usr/bin/cc", *link_flags, "-o", PROGRAM, *objects, *objects_of(harness)], limits
    )
    if not build_ok(link):
        trace.step(" ".join(cmd) + f" && cc -o {PROGRAM} *.o", "KO")
        raise StageFailure("compile_error", build_failure(link, trace, "link"))
    trace.step(" ".join(cmd) + (" (memory-checked build)" if ex.sanitize else ""), "OK")
    allowed = ", ".join(ex.allowed_functions) or "none"
    if ex.sanitize and any(f.endswith(".h") for f in ex.files):
        # a turned-in header puts its definitions into the harness's objects: hooks there too
        reject_hooks(box, objects_of(harness), limits, trace, allowed)
    if not objects:
        return  # a header-only exercise: the candidate's code is the harness's to use
    check_symbols(box, ex, objects, limits, trace)


def check_symbols(
    box: Sandbox, ex: Exercise, objects: list[str], limits: Limits, trace: Trace
) -> None:
    """Allowed functions (and no sanitizer hooks) in the candidate's objects or library,
    then the `[checks]` structure rules."""
    allowed = ", ".join(ex.allowed_functions) or "none"
    res_nm = run_build(box, ["/usr/bin/nm", *objects], limits, keep_err=4096)
    if not build_ok(res_nm):
        if res_nm.exit == 127 and not res_nm.output_limit:
            raise SandboxError("nm cannot run in the sandbox image")
        # the objects are the submission's: whatever stops nm is its doing, not ours
        trace.step(f"allowed functions ({allowed})", "KO")
        raise StageFailure("rejected", nm_failure(res_nm))
    undefined, defined = symbols(res_nm.stdout.decode(errors="replace"))
    _refuse_hooks(defined, trace, allowed)
    instrumented = {n for n in undefined if n.startswith(memcheck.INSTRUMENTATION_PREFIXES)}
    allowed_names = set(ex.allowed_functions).union(
        *(BUILTIN_SUBSTITUTES.get(name, ()) for name in ex.allowed_functions)
    )
    forbidden = sorted(undefined - defined - instrumented - allowed_names - COMPILER_SYMBOLS)
    if forbidden:
        trace.step(f"allowed functions ({allowed})", "KO")
        raise StageFailure("forbidden_function", "forbidden function(s) used: " + names(forbidden))
    trace.step(f"allowed functions ({allowed})", "OK")
    if ex.checks:
        check_structure(box, ex, objects, limits, trace)


def _refuse_hooks(defined: set[str], trace: Trace, allowed: str) -> None:
    """`rejected` when these defined symbols include sanitizer hooks (they would silence it)."""
    hooks = sorted(n for n in defined if n.startswith(memcheck.INSTRUMENTATION_PREFIXES))
    if hooks:
        trace.step(f"allowed functions ({allowed})", "KO")
        raise StageFailure(
            "rejected", "the turned-in code defines sanitizer hooks: " + names(hooks)
        )


def reject_hooks(
    box: Sandbox, objects: list[str], limits: Limits, trace: Trace, allowed: str
) -> None:
    """`rejected` when these objects define sanitizer hooks (they would silence the checker)."""
    res = run_build(box, ["/usr/bin/nm", "--defined-only", *objects], limits, keep_err=4096)
    if not build_ok(res):
        trace.step(f"allowed functions ({allowed})", "KO")
        raise StageFailure("rejected", nm_failure(res))
    _undefined, defined = symbols(res.stdout.decode(errors="replace"))
    _refuse_hooks(defined, trace, allowed)


def check_structure(
    box: Sandbox, ex: Exercise, objects: list[str], limits: Limits, trace: Trace
) -> None:
    """The `[checks]` rules, judged on the call graph of the turned-in objects."""
    res = run_build(box, ["/usr/bin/objdump", "-dr", "--no-show-raw-insn", *objects], limits)
    if not build_ok(res):
        if res.exit == 127 and not res.output_limit:
            raise SandboxError("objdump cannot run in the sandbox image")
        trace.step("structure", "KO")
        raise StageFailure("rejected", "the compiled objects could not be disassembled")
    problems = structure.violations(
        ex.checks, structure.call_graph(res.stdout.decode(errors="replace"))
    )
    if problems:
        trace.step("structure", "KO")
        raise StageFailure("forbidden_function", "structure: " + "; ".join(problems))
    trace.step("structure", "OK")


def objects_of(sources: list[str]) -> list[str]:
    return [s[:-2] + ".o" for s in sources]


def run_build(box: Sandbox, argv: list[str], limits: Limits, keep_err: int = 8192) -> RunResult:
    """Run a build tool (cc, nm) under the compile limits.

    A container killed by its own memory cgroup while building is the submission's
    doing (a compile-time memory bomb): reported as an out-of-memory result, never as
    a broken sandbox.
    """
    try:
        return box.run(
            argv,
            wall=limits.compile_seconds,
            cpu=math.ceil(limits.compile_seconds),
            output_bytes=MAX_BUILD_OUTPUT,
            keep_err=keep_err,
        )
    except SandboxDied as died:
        if not died.oom:
            raise
        return RunResult(None, "SIGKILL", False, False, True, b"", b"", 0.0, 0.0)


def names(symbols: list[str], shown: int = 10, width: int = 64) -> str:
    """Symbol names for one trace line: the first few, each cut, and how many more."""
    cut = [n if len(n) <= width else n[:width] + "..." for n in symbols[:shown]]
    more = f" and {len(symbols) - shown} more" if len(symbols) > shown else ""
    return ", ".join(cut) + more


def nm_failure(res: RunResult) -> str:
    if res.output_limit:
        return (
            "the compiled objects declare too many or too long symbols "
            f"(their list exceeds {MAX_BUILD_OUTPUT >> 20} MB)"
        )
    if res.timeout:
        return "listing the symbols of the compiled objects took too long"
    if res.oom:
        return "listing the symbols of the compiled objects ran out of memory"
    if res.spawn_error:
        return "the symbols could not be listed (the sandbox's process limit was reached)"
    return "the symbols of the compiled objects could not be read"


def build_ok(res: RunResult) -> bool:
    return res.exit == 0 and not (
        res.timeout or res.oom or res.signal or res.output_limit or res.spawn_error
    )


def build_failure(res: RunResult, trace: Trace, what: str) -> str:
    if res.spawn_error:
        return f"{what} could not be started (the sandbox's process limit was reached)"
    if res.timeout:
        return f"{what} took too long and was stopped"
    if res.oom:
        return f"{what} ran out of memory and was stopped"
    if res.output_limit:
        return f"{what} printed too much and was stopped"
    if res.signal:
        return f"{what} was stopped by {res.signal}"
    trace.block(res.stderr.decode(errors="replace"), limit=3000)
    return f"{what} failed"
