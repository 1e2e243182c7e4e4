"""Loading and validating exercise folders (docs/exercise-format.md).

An exercise's tests are the ones its exercise.toml declares; nothing else in
the folder is ever taken for a test. Errors raise `ExerciseError` with a
message naming the folder and the field.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from typing import Any

from grader.contract import STATUSES, Exercise, Limits, StructureChecks, TestCase, Variant

_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.+-]{0,63}$")
_SYMBOL = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_LIMIT_KEYS = {f for f in Limits.__dataclass_fields__}
_HIDDEN_OPEN = re.compile(rb"^\s*#\s*ifdef\s+HIDDEN_([A-Za-z0-9_]+)\s*$")
_HIDDEN_CLOSE = re.compile(rb"^\s*#\s*endif\b")
_DIRECTIVE_IF = re.compile(rb"^\s*#\s*if")
_MODE = re.compile(r"^[0-7]{3,4}$")
#: a test's working-directory fixture: at most this many entries and bytes
WORKDIR_MAX_ENTRIES = 256
WORKDIR_MAX_BYTES = 1 << 20


class ExerciseError(ValueError):
    """An exercise or day folder that does not follow the format."""


@dataclass(frozen=True)
class Day:
    """A loaded day.toml: its exercises in grading order."""

    id: str
    title: dict[str, str]
    root: str
    exercises: tuple[str, ...]
    stop_at_first_failure: bool = True


def _read_toml(path: str) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ExerciseError(f"{path}: missing") from None
    except tomllib.TOMLDecodeError as exc:
        raise ExerciseError(f"{path}: invalid TOML: {exc}") from None


def _inside(root: str, rel: str, what: str) -> str:
    """Resolve `rel` under `root`, refusing anything that leaves the folder."""
    if not isinstance(rel, str) or not rel or os.path.isabs(rel):
        raise ExerciseError(f"{root}: {what} must be a relative path, got {rel!r}")
    full = os.path.realpath(os.path.join(root, rel))
    if not (full == root or full.startswith(root + os.sep)):
        raise ExerciseError(f"{root}: {what} {rel!r} leaves the exercise folder")
    return full


def _read_data(root: str, spec: dict[str, Any], key: str, where: str) -> bytes:
    """A test's inline value `key` or the file named by `key_file`."""
    if key in spec and f"{key}_file" in spec:
        raise ExerciseError(f"{root}: {where}: give {key} or {key}_file, not both")
    if f"{key}_file" in spec:
        path = _inside(root, spec[f"{key}_file"], f"{where}.{key}_file")
        try:
            with open(path, "rb") as fh:
                return fh.read()
        except OSError as exc:
            raise ExerciseError(f"{root}: {where}: cannot read {key}_file: {exc}") from None
    value = spec.get(key, "")
    if not isinstance(value, str):
        raise ExerciseError(f"{root}: {where}: {key} must be a string")
    return value.encode()


def _tests(root: str, raw: list[Any]) -> tuple[TestCase, ...]:
    tests, seen = [], set()
    for i, spec in enumerate(raw):
        where = f"tests[{i}]"
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            raise ExerciseError(f"{root}: {where} needs a name")
        if spec["name"] in seen:
            raise ExerciseError(f"{root}: {where}: duplicate test name {spec['name']!r}")
        seen.add(spec["name"])
        args = spec.get("args", [])
        env = spec.get("env", {})
        if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
            raise ExerciseError(f"{root}: {where}: args must be a list of strings")
        if not isinstance(env, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and _SYMBOL.match(k) for k, v in env.items()
        ):
            raise ExerciseError(f"{root}: {where}: env must map names to strings")
        case = spec.get("harness_case", "")
        if case and not (isinstance(case, str) and _SYMBOL.match(case) and spec.get("hidden")):
            raise ExerciseError(
                f"{root}: {where}: harness_case must name a C identifier, on a hidden test"
            )
        code = spec.get("exit_code")
        if code is not None and not isinstance(code, int):
            raise ExerciseError(f"{root}: {where}: exit_code must be an integer")
        check_stdout = spec.get("check_stdout", True)
        if not isinstance(check_stdout, bool):
            raise ExerciseError(f"{root}: {where}: check_stdout must be true or false")
        if not check_stdout and ("stdout" in spec or "stdout_file" in spec):
            raise ExerciseError(f"{root}: {where}: check_stdout = false with an expected stdout")
        workdir = spec.get("workdir", "")
        if workdir:
            _check_workdir(root, workdir, where)
        digest = spec.get("stdout_sha256")
        if digest is not None and not (
            isinstance(digest, str) and re.fullmatch(r"[0-9a-f]{64}", digest)
        ):
            raise ExerciseError(f"{root}: {where}: stdout_sha256 must be 64 lowercase hex digits")
        if digest and ("stdout" in spec or "stdout_file" in spec or not check_stdout):
            raise ExerciseError(
                f"{root}: {where}: stdout_sha256 replaces stdout: give one of them, compared"
            )
        after = spec.get("after", "")
        if not isinstance(after, str):
            raise ExerciseError(f"{root}: {where}: after must be a shell command (a string)")
        if after and digest:
            raise ExerciseError(f"{root}: {where}: after cannot go with stdout_sha256")
        tests.append(
            TestCase(
                name=spec["name"],
                args=tuple(args),
                env=tuple(sorted(env.items())),
                stdin=_read_data(root, spec, "stdin", where),
                stdout=_read_data(root, spec, "stdout", where),
                exit_code=code,
                hidden=bool(spec.get("hidden", False)),
                harness_case=case,
                raw_args=_raw_args(root, spec, where),
                stderr=(
                    _read_data(root, spec, "stderr", where)
                    if "stderr" in spec or "stderr_file" in spec
                    else None
                ),
                check_stdout=check_stdout,
                workdir=workdir,
                modes=_modes(root, spec, workdir, where),
                wall_seconds=_number(root, spec, "wall_seconds", where, 0.05, 120.0),
                output_kb=_integer(root, spec, "output_kb", where, 1, 1 << 20),
                generate=_generate(root, spec, where),
                stdout_sha256=digest,
                after=after,
            )
        )
    if not tests:
        raise ExerciseError(f"{root}: declares no [[tests]]")
    return tuple(tests)


def _number(
    root: str, spec: dict[str, Any], key: str, where: str, low: float, high: float
) -> float | None:
    value = spec.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise ExerciseError(f"{root}: {where}: {key} must be a number from {low:g} to {high:g}")
    return float(value)


def _integer(
    root: str, spec: dict[str, Any], key: str, where: str, low: int, high: int
) -> int | None:
    value = spec.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ExerciseError(f"{root}: {where}: {key} must be an integer from {low} to {high}")
    return value


def _generate(root: str, spec: dict[str, Any], where: str) -> tuple[str, ...]:
    """`generate = ["tests/gen.py", ARGS...]`: a python3 script of the exercise and its args."""
    raw = spec.get("generate")
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw or not all(isinstance(a, str) for a in raw):
        raise ExerciseError(f"{root}: {where}: generate must list a script and its arguments")
    if not os.path.isfile(_inside(root, raw[0], f"{where}.generate")):
        raise ExerciseError(f"{root}: {where}: generate script {raw[0]!r} is missing")
    return tuple(raw)


def _raw_args(root: str, spec: dict[str, Any], where: str) -> tuple[bytes, ...]:
    """`args_file`: arguments as raw bytes separated by NUL (a final NUL ends the last one)."""
    if "args_file" not in spec:
        return ()
    if "args" in spec:
        raise ExerciseError(f"{root}: {where}: give args or args_file, not both")
    path = _inside(root, spec["args_file"], f"{where}.args_file")
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise ExerciseError(f"{root}: {where}: cannot read args_file: {exc}") from None
    if not data:
        raise ExerciseError(f"{root}: {where}: args_file is empty (omit it for no argument)")
    parts = data.split(b"\0")
    if data.endswith(b"\0"):
        parts.pop()
    return tuple(parts)


def _check_workdir(root: str, rel: Any, where: str) -> None:
    """A workdir fixture: a folder of regular files and folders, small enough to copy per test."""
    full = _inside(root, rel, f"{where}.workdir")
    if not os.path.isdir(full):
        raise ExerciseError(f"{root}: {where}: workdir {rel!r} is not a folder")
    entries, size = 0, 0
    for top, dirs, files in os.walk(full):
        for name in dirs + files:
            path = os.path.join(top, name)
            if os.path.islink(path) or not (os.path.isdir(path) or os.path.isfile(path)):
                raise ExerciseError(
                    f"{root}: {where}: workdir entry {os.path.relpath(path, root)!r} is not "
                    "a regular file or folder"
                )
            entries += 1
            if os.path.isfile(path):
                size += os.path.getsize(path)
    if entries > WORKDIR_MAX_ENTRIES or size > WORKDIR_MAX_BYTES:
        raise ExerciseError(
            f"{root}: {where}: workdir {rel!r} is too large ({entries} entries, {size} bytes; "
            f"at most {WORKDIR_MAX_ENTRIES} and {WORKDIR_MAX_BYTES})"
        )


def _modes(
    root: str, spec: dict[str, Any], workdir: str, where: str
) -> tuple[tuple[str, int], ...]:
    """`modes = {"path" = "000"}`: octal modes for entries of the test's workdir."""
    raw = spec.get("modes", {})
    if not raw:
        return ()
    if not workdir:
        raise ExerciseError(f"{root}: {where}: modes needs a workdir")
    if not isinstance(raw, dict):
        raise ExerciseError(f"{root}: {where}: modes must map paths to octal strings")
    base = os.path.realpath(os.path.join(root, workdir))
    modes = []
    for path, mode in sorted(raw.items()):
        if not (isinstance(mode, str) and _MODE.match(mode)):
            raise ExerciseError(f'{root}: {where}: mode of {path!r} must be octal, like "000"')
        full = os.path.realpath(os.path.join(base, path))
        if not full.startswith(base + os.sep) or not os.path.exists(full):
            raise ExerciseError(f"{root}: {where}: modes: {path!r} is not in the workdir")
        modes.append((os.path.relpath(full, base), int(mode, 8)))
    return tuple(modes)


def workdir_entries(root: str, rel: str) -> list[tuple[str, bytes | None]]:
    """The tree of a workdir fixture: (relative path, content or None for a folder), parents first."""
    base = os.path.realpath(os.path.join(root, rel))
    found: list[tuple[str, bytes | None]] = []
    for top, dirs, files in os.walk(base):
        dirs.sort()
        for name in dirs:
            found.append((os.path.relpath(os.path.join(top, name), base), None))
        for name in sorted(files):
            with open(os.path.join(top, name), "rb") as fh:
                found.append((os.path.relpath(os.path.join(top, name), base), fh.read()))
    return found


def _checks(root: str, raw: Any) -> StructureChecks:
    """`[checks]`: recursive / not_recursive / must_not_call, lists of symbol names."""
    if raw is None:
        return StructureChecks()
    keys = {"recursive", "not_recursive", "must_not_call"}
    if not isinstance(raw, dict) or set(raw) - keys:
        raise ExerciseError(f"{root}: [checks] takes only {sorted(keys)}")
    values = {}
    for key in keys:
        names = raw.get(key, [])
        if not isinstance(names, list) or not all(
            isinstance(n, str) and _SYMBOL.match(n) for n in names
        ):
            raise ExerciseError(f"{root}: checks.{key} must be a list of function names")
        values[key] = tuple(names)
    return StructureChecks(**values)


def hidden_blocks(source: bytes) -> list[tuple[str, int, int]]:
    """The `#ifdef HIDDEN_<case>` ... `#endif` blocks of a harness: (case, first, last line).

    Raises ValueError for a block that is not closed or that nests another `#if`.
    """
    blocks, lines, i = [], source.split(b"\n"), 0
    while i < len(lines):
        opened = _HIDDEN_OPEN.match(lines[i])
        if opened:
            j = i + 1
            while j < len(lines) and not _HIDDEN_CLOSE.match(lines[j]):
                if _DIRECTIVE_IF.match(lines[j]):
                    raise ValueError(f"line {j + 1}: no #if inside a HIDDEN_ block")
                j += 1
            if j == len(lines):
                raise ValueError(f"line {i + 1}: HIDDEN_ block without #endif")
            blocks.append((opened.group(1).decode(), i, j))
            i = j
        i += 1
    return blocks


def harness_source(source: bytes, case: str = "") -> bytes:
    """A harness as it may enter the sandbox: every hidden block blanked except `case`'s.

    Lines are blanked rather than removed so that compiler messages keep their line
    numbers. With `case`, that block's lines stay (its #ifdef/#endif blanked), so the
    program holds this one hidden test's input and no other.
    """
    lines = source.split(b"\n")
    for name, first, last in hidden_blocks(source):
        keep = name == case
        for k in range(first, last + 1):
            if not keep or k in (first, last):
                lines[k] = b""
    return b"\n".join(lines)


def _check_hidden_cases(root: str, harness: list[str], tests: tuple[TestCase, ...]) -> None:
    """Every HIDDEN_ block of the harness is a hidden test's harness_case, and the reverse."""
    found: dict[str, str] = {}
    for rel in harness:
        with open(os.path.join(root, rel), "rb") as fh:
            source = fh.read()
        try:
            blocks = hidden_blocks(source)
        except ValueError as exc:
            raise ExerciseError(f"{root}: harness {rel!r}: {exc}") from None
        if blocks and not rel.endswith(".c"):
            raise ExerciseError(f"{root}: harness {rel!r}: HIDDEN_ blocks go in .c files only")
        for name, _first, _last in blocks:
            if found.setdefault(name, rel) != rel:
                raise ExerciseError(f"{root}: HIDDEN_{name} is in two harness files")
    cases = {t.harness_case for t in tests if t.harness_case}
    if cases - set(found):
        raise ExerciseError(
            f"{root}: no HIDDEN_ block for harness_case {sorted(cases - set(found))}"
        )
    if set(found) - cases:
        raise ExerciseError(
            f"{root}: HIDDEN_ block(s) {sorted(set(found) - cases)} belong to no hidden test"
        )


def _limits(root: str, raw: Any) -> Limits:
    if raw is None:
        return Limits()
    if not isinstance(raw, dict) or set(raw) - _LIMIT_KEYS:
        raise ExerciseError(f"{root}: unknown [limits] keys {sorted(set(raw) - _LIMIT_KEYS)}")
    limits = Limits().merged(**raw)
    if "wall_seconds" in raw and "cpu_seconds" not in raw:
        limits = limits.merged(cpu_seconds=max(1, int(limits.wall_seconds + 0.999)))
    return limits


def load_exercise(path: str | os.PathLike[str]) -> Exercise:
    """Load and validate the exercise folder at `path` (any location)."""
    root = os.path.realpath(os.fspath(path))
    data = _read_toml(os.path.join(root, "exercise.toml"))
    ex_id = data.get("id")
    if not isinstance(ex_id, str) or not re.match(r"^[A-Za-z0-9_-]+/[A-Za-z0-9_-]+$", ex_id):
        raise ExerciseError(f"{root}: id must look like 'c00/ex00'")
    language = data.get("language", "c")
    if language not in ("c", "shell"):
        raise ExerciseError(f"{root}: language must be 'c' or 'shell'")
    files = data.get("files")
    if (
        not isinstance(files, list)
        or not files
        or not all(isinstance(f, str) and _NAME.match(f) for f in files)
    ):
        raise ExerciseError(f"{root}: files must be a non-empty list of plain file names")
    allowed = data.get("allowed_functions", [])
    if not isinstance(allowed, list) or not all(
        isinstance(s, str) and _SYMBOL.match(s) for s in allowed
    ):
        raise ExerciseError(f"{root}: allowed_functions must be a list of symbol names")
    build = data.get("build", {}) or {}
    harness = build.get("harness", [])
    if not isinstance(harness, list):
        raise ExerciseError(f"{root}: build.harness must be a list")
    if len({os.path.basename(str(rel)) for rel in harness}) != len(harness):
        raise ExerciseError(f"{root}: build.harness files must have distinct names")
    for rel in harness:
        full = _inside(root, rel, "build.harness")
        if not os.path.isfile(full):
            raise ExerciseError(f"{root}: harness file {rel!r} is missing")
        if os.path.basename(rel) in files:
            raise ExerciseError(f"{root}: harness {rel!r} has a turned-in file's name")
    by_make = bool(build.get("make"))  # a Makefile project: the Makefile names its sources
    if language == "c" and not by_make and not any(f.endswith((".c", ".h")) for f in files):
        raise ExerciseError(f"{root}: a C exercise turns in at least one .c or .h file")
    if (
        language == "c"
        and not by_make
        and not any(f.endswith(".c") for f in files)
        and not any(str(h).endswith(".c") for h in harness)
    ):
        raise ExerciseError(f"{root}: a header-only exercise needs a .c harness that includes it")
    sources = data.get("sources", [])
    if not isinstance(sources, list) or not all(
        isinstance(p, str) and re.fullmatch(r"[A-Za-z0-9_.*?+-]{1,64}", p) for p in sources
    ):
        raise ExerciseError(f'{root}: sources must list file-name patterns such as "*.c"')
    make = build.get("make", "")
    if make and not (isinstance(make, str) and _NAME.match(make) and language == "c"):
        raise ExerciseError(f"{root}: build.make must name the file the Makefile builds (C only)")
    rules = build.get("make_rules", ["all", "clean", "fclean", "re"])
    if not isinstance(rules, list) or not set(rules) <= {"all", "clean", "fclean", "re"}:
        raise ExerciseError(f"{root}: build.make_rules may hold all, clean, fclean and re")
    given = build.get("given", "")
    if given:
        _check_workdir(root, given, "build.given")
    norm_ignore = data.get("norm_ignore", [])
    if not isinstance(norm_ignore, list) or not all(
        isinstance(n, str) and re.fullmatch(r"[A-Z][A-Z0-9_]*", n) for n in norm_ignore
    ):
        raise ExerciseError(f"{root}: norm_ignore must list norminette error names (UPPER_CASE)")
    sanitize = build.get("sanitize", False)
    leaks = build.get("leaks", "report")
    if not isinstance(sanitize, bool) or leaks not in ("report", "fail"):
        raise ExerciseError(
            f"{root}: build.sanitize must be true or false, build.leaks 'report' or 'fail'"
        )
    interpreter = data.get("interpreter", "sh")
    if interpreter not in ("sh", "bash"):
        raise ExerciseError(f"{root}: interpreter must be 'sh' or 'bash'")
    variants = []
    for i, v in enumerate(data.get("variants", [])):
        if not isinstance(v, dict) or v.get("status") not in STATUSES:
            raise ExerciseError(f"{root}: variants[{i}] needs a status among {STATUSES}")
        _inside(root, v.get("path", ""), f"variants[{i}].path")
        variants.append(Variant(path=v["path"], status=v["status"]))
    tests = _tests(root, data.get("tests", []))
    _check_hidden_cases(root, harness, tests)
    cflags = build.get("cflags", ["-Wall", "-Wextra", "-Werror"])
    if not all(isinstance(f, str) and re.match(r"^-[A-Za-z0-9=_.+-]+$", f) for f in cflags):
        raise ExerciseError(f"{root}: build.cflags must be plain compiler flags")
    return Exercise(
        id=ex_id,
        title=str(data.get("title", ex_id)),
        language=language,
        files=tuple(files),
        root=root,
        allowed_functions=tuple(allowed),
        norm=bool(data.get("norm", False)),
        weight=int(data.get("weight", 0)),
        prototype=str(data.get("prototype", "")),
        interpreter=interpreter,
        harness=tuple(harness),
        cflags=tuple(cflags),
        tests=tests,
        variants=tuple(variants),
        limits=_limits(root, data.get("limits")),
        sanitize=sanitize and language == "c",
        leaks=leaks,
        checks=_checks(root, data.get("checks")),
        norm_ignore=tuple(norm_ignore),
        sources=tuple(sources),
        make=make,
        make_rules=tuple(rules),
        given=given,
    )


def load_day(path: str | os.PathLike[str]) -> Day:
    """Load `day.toml`; exercises default to the sorted exNN folders."""
    root = os.path.realpath(os.fspath(path))
    data = _read_toml(os.path.join(root, "day.toml"))
    names = data.get("exercises")
    if names is None:
        names = sorted(
            n
            for n in os.listdir(root)
            if re.match(r"^ex\d\d$", n) and os.path.isdir(os.path.join(root, n))
        )
    if not isinstance(names, list) or not all(isinstance(n, str) and _NAME.match(n) for n in names):
        raise ExerciseError(f"{root}: exercises must be a list of folder names")
    title = data.get("title", {})
    if isinstance(title, str):
        title = {"fr": title, "en": title}
    return Day(
        id=str(data.get("id", os.path.basename(root))),
        title=dict(title),
        root=root,
        exercises=tuple(names),
        stop_at_first_failure=bool(data.get("stop_at_first_failure", True)),
    )
