"""The build stage of a Makefile project (`[build] make = "<target>"`).

The candidate's Makefile runs in the sandbox, each `make` under the compile limits, and
each rule a subject requires is checked on its own trace line: the warning flags of every
compile command (`make -n -B`), the target built by `make`, no relink on a second `make`,
`clean`, `fclean` and `re`. A failing rule is `compile_error` saying which rule did what.
Then the objects the Makefile built go through the allowed-functions check, and with a
library target the harness is linked with it.
"""

from __future__ import annotations

import os
import re
import shlex

from grader.build import (
    PROGRAM,
    StageFailure,
    build_failure,
    build_ok,
    cflags,
    check_symbols,
    objects_of,
    run_build,
)
from grader.contract import Exercise, Limits
from grader.sandbox import RunResult, Sandbox
from grader.trace import Trace

WARNING_FLAGS = ("-Wall", "-Wextra", "-Werror")
COMPILERS = ("cc", "gcc", "clang")
MAKE = "/usr/bin/make"
FLAGS_STEP = "make -n: every compilation uses -Wall -Wextra -Werror"
#: tmpfs timestamps are coarse (one clock tick): wait longer than a tick after the stamp
_TICK = "0.02"


def _shell(box: Sandbox, script: str, limits: Limits) -> RunResult:
    """Run a shell script of ours in /work under the compile limits (make and checks)."""
    return run_build(box, ["/bin/sh", "-c", script], limits, keep_err=8192)


def _fail(trace: Trace, step: str, message: str, res: RunResult | None = None) -> StageFailure:
    trace.step(step, "KO")
    if res is not None:
        message = build_failure(res, trace, message)
    return StageFailure("compile_error", f"Makefile: {message}")


def compile_commands(dry_run: str) -> list[list[str]]:
    """The compiler commands that compile C sources in `make -n` output (tokens each)."""
    found = []
    # a recipe line continued with a backslash is one command (sh drops the backslash-newline)
    for line in dry_run.replace("\\\n", "").splitlines():
        # `;`, `&&`, `|` separate commands even without spaces around them (`a.c;cc -c b.c`)
        lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|")
        lexer.whitespace_split = True
        lexer.commenters = ""
        try:
            tokens = list(lexer)
        except ValueError:
            tokens = re.findall(r"[;&|]+|[^\s;&|]+", line)
        command: list[str] = []
        for token in [*tokens, ";"]:
            if token in (";", "&&", "||", "|", "&"):
                if _compiles(command):
                    found.append(command)
                command = []
            else:
                command.append(token)
    return found


def _compiles(command: list[str]) -> bool:
    return (
        bool(command)
        and os.path.basename(command[0]) in COMPILERS
        and ("-c" in command or any(t.endswith(".c") for t in command[1:]))
    )


def build_with_make(box: Sandbox, ex: Exercise, limits: Limits, trace: Trace) -> str:
    """Run and check the Makefile; returns the name of the tests' program in /work."""
    target = ex.make
    quoted = shlex.quote(target)
    dry = run_build(box, [MAKE, "-n", "-B"], limits)
    if not build_ok(dry):
        raise _fail(trace, FLAGS_STEP, "make -n", dry)
    commands = compile_commands(dry.stdout.decode(errors="replace"))
    if not commands:
        raise _fail(trace, FLAGS_STEP, "make -n shows no compilation of .c files")
    lacking = [c for c in commands if not all(f in c for f in WARNING_FLAGS)]
    if lacking:
        shown = " ".join(lacking[0])[:120]
        raise _fail(
            trace,
            FLAGS_STEP,
            f"compiles without {' '.join(f for f in WARNING_FLAGS if f not in lacking[0])}: "
            f"{shown}",
        )
    trace.step(FLAGS_STEP, "OK")

    made = run_build(box, [MAKE], limits)
    if not build_ok(made):
        raise _fail(trace, f"make builds {target}", "make", made)
    if not build_ok(_shell(box, f"test -f {quoted}", limits)):
        raise _fail(trace, f"make builds {target}", f"make does not build {target}")
    trace.step(f"make builds {target}", "OK")

    relinked = _shell(
        box,
        f": > /tmp/.make_stamp && sleep {_TICK} && {MAKE} >/dev/null 2>&1; "
        "find . -path ./run -prune -o -type f -newer /tmp/.make_stamp -print",
        limits,
    )
    rewritten = [p.removeprefix("./") for p in relinked.stdout.decode(errors="replace").split()]
    if not build_ok(relinked) or rewritten:
        raise _fail(
            trace,
            "make again: nothing rebuilt",
            f"a second make relinks or rebuilds ({', '.join(rewritten[:5]) or target})",
        )
    trace.step("make again: nothing rebuilt", "OK")

    _check_rules(box, ex, limits, trace, quoted)
    if not build_ok(_shell(box, f"test -f {quoted}", limits)):
        made = run_build(box, [MAKE], limits)
        if not build_ok(made):
            raise _fail(trace, "make", "make", made)

    if target.endswith(".a"):
        check_symbols(box, ex, [target], limits, trace)
        _link_harness(box, ex, limits, trace, target)
        return PROGRAM
    objects = _built_objects(box, limits)
    if not objects:
        raise _fail(
            trace,
            "object files",
            "no object file (.o) was built: compile each source with -c, then link them",
        )
    check_symbols(box, ex, objects, limits, trace)
    return target


def _check_rules(box: Sandbox, ex: Exercise, limits: Limits, trace: Trace, quoted: str) -> None:
    checks = {
        "clean": (
            f"{MAKE} clean >/dev/null 2>&1 && test -f {quoted} && "
            "test -z \"$(find . -path ./run -prune -o -name '*.o' -print)\"",
            "make clean must remove the object files and keep the target",
        ),
        "fclean": (
            f"{MAKE} fclean >/dev/null 2>&1 && test ! -e {quoted}",
            "make fclean must remove the target",
        ),
        "re": (f"{MAKE} re >/dev/null 2>&1 && test -f {quoted}", "make re must build it again"),
    }
    for rule in ("clean", "fclean", "re"):
        if rule not in ex.make_rules:
            continue
        script, rule_text = checks[rule]
        if not build_ok(_shell(box, script, limits)):
            raise _fail(trace, f"make {rule}", rule_text)
        trace.step(f"make {rule}", "OK")


def _built_objects(box: Sandbox, limits: Limits) -> list[str]:
    res = _shell(box, "find . -path ./run -prune -o -name '*.o' -type f -print", limits)
    return sorted(p.removeprefix("./") for p in res.stdout.decode(errors="replace").split())


def _link_harness(box: Sandbox, ex: Exercise, limits: Limits, trace: Trace, library: str) -> None:
    """Compile the `.c` harness and link it with the library the Makefile built."""
    harness = [os.path.basename(h) for h in ex.harness if h.endswith(".c")]
    res = run_build(box, ["/usr/bin/cc", *cflags(ex), "-c", *harness], limits)
    if build_ok(res):
        res = run_build(
            box, ["/usr/bin/cc", *cflags(ex), "-o", PROGRAM, *objects_of(harness), library], limits
        )
    if not build_ok(res):
        trace.step(f"cc -o {PROGRAM} <tests> {library}", "KO")
        raise StageFailure(
            "compile_error", build_failure(res, trace, f"linking the tests with {library}")
        )
    trace.step(f"tests linked with {library}", "OK")
