"""The grader's data contract: frozen dataclasses shared by every stage.

`Verdict.to_dict()` gives exactly the JSON object documented in DESIGN.md
("Grader contract"); `DayVerdict.to_dict()` the one printed by `grade-day`.
Nothing here talks to Docker, the file system or the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

STATUSES = (
    "ok",
    "wrong_output",
    "compile_error",
    "timeout",
    "memory_limit",
    "crash",
    "norm_error",
    "forbidden_function",
    "missing_file",
    "output_limit",
    "rejected",
    "internal_error",
)

#: symbols a compiler or libc may insert by itself; never counted as forbidden
COMPILER_SYMBOLS = frozenset(
    {
        "__stack_chk_fail",
        "__stack_chk_guard",
        "_GLOBAL_OFFSET_TABLE_",
        "__gmon_start__",
        "_ITM_deregisterTMCloneTable",
        "_ITM_registerTMCloneTable",
        "__cxa_finalize",
        "__fortify_fail",
        "__chk_fail",
        "__tls_get_addr",
    }
)


#: what an allowed name compiles into (`printf("x\n")` becomes `puts`, `printf("%c", c)`
#: `putchar`, `errno` reads `__errno_location()`): allowed along with it, or correct code
#: would be refused
BUILTIN_SUBSTITUTES = {
    "basename": frozenset({"__xpg_basename"}),  # <libgen.h>'s POSIX basename
    "errno": frozenset({"__errno_location"}),  # errno is a macro over this function
    "printf": frozenset({"putchar", "puts"}),
    "fprintf": frozenset({"fputc", "fputs", "fwrite"}),
    "vprintf": frozenset({"putchar", "puts"}),
    "vfprintf": frozenset({"fputc", "fputs", "fwrite"}),
}


@dataclass(frozen=True)
class Limits:
    """Resource limits of one grading run (see docs/grader.md for why these values)."""

    wall_seconds: float = 2.0  # per test run, enforced by the in-sandbox supervisor
    cpu_seconds: int = 2  # per test run (RLIMIT_CPU)
    memory_mb: int = 128  # whole container: memory = memory+swap (cgroup)
    output_kb: int = 64  # stdout+stderr of one test, read up to this cap
    pids: int = 64  # processes and threads in the container
    file_size_kb: int = 4096  # RLIMIT_FSIZE of compiler and tests
    nofile: int = 64  # open files per process
    tmpfs_mb: int = 32  # /work (and 8 MB for /tmp)
    compile_seconds: float = 10.0  # wall clock of the whole build
    compile_memory_mb: int = 128  # memory while compiling (container limit)
    max_file_kb: int = 64  # one turned-in file
    max_total_kb: int = 256  # all turned-in files together
    max_files: int = 32  # turned-in files listed by an exercise
    norm_seconds: float = 5.0  # norminette on the host (a legit file takes < 1 s)

    def merged(self, **overrides: Any) -> Limits:
        """A copy with the given non-None fields replaced."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


@dataclass(frozen=True)
class TestCase:
    """One declared test of an exercise (data never shown when hidden)."""

    __test__ = False  # not a pytest class

    name: str
    args: tuple[str, ...] = ()
    stdin: bytes = b""
    env: tuple[tuple[str, str], ...] = ()
    stdout: bytes = b""
    exit_code: int | None = None
    hidden: bool = False
    #: C, hidden tests only: the `#ifdef HIDDEN_<case>` block of the harness that holds this
    #: test's input; compiled into the program only for this test's own run
    harness_case: str = ""
    #: arguments as raw bytes (`args_file`), for bytes a TOML string cannot hold; when set,
    #: they are the arguments and `args` is empty
    raw_args: tuple[bytes, ...] = ()
    #: expected stderr, compared only when given
    stderr: bytes | None = None
    #: False: stdout is not compared at all (`check_stdout = false`)
    check_stdout: bool = True
    #: folder (relative to the exercise) copied to the run's working directory
    workdir: str = ""
    #: (path inside workdir, mode) applied after the copy
    modes: tuple[tuple[str, int], ...] = ()
    #: this test's own limits (None: the exercise's)
    wall_seconds: float | None = None
    output_kb: int | None = None
    #: python3 script of the exercise (path relative to it) and its arguments, run in the
    #: test's cwd before the program: large inputs are made in the sandbox, never sent
    generate: tuple[str, ...] = ()
    #: compare the SHA-256 (hex) of the whole stdout instead of its bytes
    stdout_sha256: str | None = None
    #: a shell command of ours run after the program in its cwd; its stdout is appended
    after: str = ""

    def argv_bytes(self) -> list[bytes]:
        """The test's arguments as bytes (after argv[0])."""
        return list(self.raw_args) if self.raw_args else [a.encode() for a in self.args]

    def shown_args(self) -> str:
        """The arguments for a trace line, each quoted and escaped."""
        if self.raw_args:
            return " ".join(repr(a)[1:] for a in self.raw_args)
        return " ".join(repr(a) for a in self.args)


@dataclass(frozen=True)
class Variant:
    """A shipped submission (wrong or right) and the verdict status it must get."""

    path: str
    status: str


@dataclass(frozen=True)
class StructureChecks:
    """Rules on what the object code calls (`[checks]` of exercise.toml)."""

    recursive: tuple[str, ...] = ()  # must be part of a call cycle
    not_recursive: tuple[str, ...] = ()  # no call cycle reachable from it
    must_not_call: tuple[str, ...] = ()  # no function of the submission calls these

    def __bool__(self) -> bool:
        return bool(self.recursive or self.not_recursive or self.must_not_call)


@dataclass(frozen=True)
class Exercise:
    """A loaded, validated exercise folder."""

    id: str
    title: str
    language: str  # "c" or "shell"
    files: tuple[str, ...]
    root: str  # absolute path of the exercise folder
    allowed_functions: tuple[str, ...] = ()
    norm: bool = False
    weight: int = 0
    prototype: str = ""
    interpreter: str = "sh"  # shell exercises
    harness: tuple[str, ...] = ()  # C: paths relative to root, under tests/
    cflags: tuple[str, ...] = ("-Wall", "-Wextra", "-Werror")
    tests: tuple[TestCase, ...] = ()
    variants: tuple[Variant, ...] = ()
    limits: Limits = field(default_factory=Limits)
    sanitize: bool = False  # C: tests run the AddressSanitizer build
    leaks: str = "report"  # with sanitize: "report" (trace only) or "fail"
    checks: StructureChecks = field(default_factory=StructureChecks)
    norm_ignore: tuple[str, ...] = ()  # norminette error names this exercise waives
    sources: tuple[str, ...] = ()  # glob patterns of optional root-level turn-ins ("*.c")
    make: str = ""  # Makefile project: the file the candidate's Makefile must build
    make_rules: tuple[str, ...] = ("all", "clean", "fclean", "re")
    given: str = ""  # folder (relative to root) whose tree is copied into /work


@dataclass(frozen=True)
class TestResult:
    """The outcome of one test, as reported (data of hidden tests stays out)."""

    __test__ = False  # not a pytest class

    name: str
    passed: bool
    status: str

    def to_dict(self) -> dict[str, Any]:
        """This object as in the JSON contract."""
        return {"name": self.name, "passed": self.passed, "status": self.status}


@dataclass(frozen=True)
class NormResult:
    """The norminette check: `passed` is True when not checked by the exercise."""

    passed: bool = True
    errors: tuple[str, ...] = ()
    checked: bool = False

    def to_dict(self) -> dict[str, Any]:
        """This object as in the JSON contract."""
        return {"passed": self.passed, "errors": list(self.errors)}


@dataclass(frozen=True)
class Verdict:
    """The verdict of one exercise; `to_dict()` is the contract's JSON."""

    exercise: str
    status: str
    passed: bool
    score: int
    tests: tuple[TestResult, ...] = ()
    norm: NormResult = field(default_factory=NormResult)
    trace: str = ""
    duration_ms: int = 0
    #: an `internal_error` the engine or the host caused (worth grading again later), not the
    #: submission nor a bug of the grader; for the Python API only, not in the JSON contract
    infrastructure: bool = False

    def to_dict(self) -> dict[str, Any]:
        """This object as in the JSON contract."""
        return {
            "exercise": self.exercise,
            "status": self.status,
            "passed": self.passed,
            "score": self.score,
            "tests": [t.to_dict() for t in self.tests],
            "norm": self.norm.to_dict(),
            "trace": self.trace,
            "duration_ms": self.duration_ms,
        }


@dataclass(frozen=True)
class DayVerdict:
    """The verdict of a piscine day: exercises graded in order."""

    day: str
    passed: bool
    score: int
    max_score: int
    stopped_at: str | None
    verdicts: tuple[Verdict, ...] = ()
    duration_ms: int = 0

    @property
    def infrastructure(self) -> bool:
        """True when an exercise ended in an infrastructure `internal_error` (grade it again later)."""
        return any(v.infrastructure for v in self.verdicts)

    def to_dict(self) -> dict[str, Any]:
        """This object as in the JSON contract."""
        return {
            "day": self.day,
            "passed": self.passed,
            "score": self.score,
            "max_score": self.max_score,
            "stopped_at": self.stopped_at,
            "exercises": [v.to_dict() for v in self.verdicts],
            "duration_ms": self.duration_ms,
        }
