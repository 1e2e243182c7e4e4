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

from grader.contract import STATUSES, Exercise, Limits, TestCase, Variant

_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.+-]{0,63}$")
_SYMBOL = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_LIMIT_KEYS = {f for f in Limits.__dataclass_fields__}
_HIDDEN_OPEN = re.compile(rb"^\s*#\s*ifdef\s+HIDDEN_([A-Za-z0-9_]+)\s*$")
_HIDDEN_CLOSE = re.compile(rb"^\s*#\s*endif\b")
_DIRECTIVE_IF = re.compile(rb"^\s*#\s*if")


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
            )
        )
    if not tests:
        raise ExerciseError(f"{root}: declares no [[tests]]")
    return tuple(tests)


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
    if language == "c" and not any(f.endswith(".c") for f in files):
        raise ExerciseError(f"{root}: a C exercise turns in at least one .c file")
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
