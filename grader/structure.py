"""Structural checks from the object code: who calls whom (`[checks]` of exercise.toml).

The sandbox disassembles the turned-in objects with `objdump -dr`; this module reads
that text into a call graph and judges the rules. An edge F -> G exists when F's body
holds a relocation against G (a call, a jump, or G's address taken: calling oneself
through a function pointer is still recursion) or a call/jump already resolved by the
assembler to the start of G (static functions of the same file). Renaming, comments or
strings in the source cannot change it.
"""

from __future__ import annotations

import re

from grader.contract import StructureChecks

_FILE = re.compile(r"^(\S+):\s+file format ")
_SECTION = re.compile(r"^Disassembly of section (\S+):")
_FUNCTION = re.compile(r"^([0-9a-f]+) <([^>]+)>:$")
_RELOC = re.compile(r"^\s*[0-9a-f]+: R_\S+\s+(\S+)$")
#: a call or jump resolved by the assembler, or an address taken (`lea ... # 13b <f>`), naming
#: the start of a function (a target inside one, `<f+0x1e>`, is a branch within it)
_BRANCH = re.compile(r"(?:\b(?:call|jmp)\w*\s+(?:0x)?[0-9a-f]+|#\s*[0-9a-f]+) <([^>+]+)>\s*$")
_SYMBOL_ADDEND = re.compile(r"^([^+-]+)(?:([+-])0x([0-9a-f]+))?$")

#: x86-64 PC-relative relocations encode target - 4 in the addend (the displacement is the
#: last 4 bytes of the instruction); section-relative ones (static functions) need it back
_PC_RELATIVE_BIAS = 4


def call_graph(objdump: str) -> dict[str, set[str]]:
    """Edges caller -> callees (and referenced functions) from `objdump -dr` output."""
    graph: dict[str, set[str]] = {}
    starts: dict[tuple[str, str], list[tuple[int, str]]] = {}
    pending: list[tuple[str, str, str, str]] = []  # (file, section, caller, reloc target)
    obj = section = current = ""
    branch: str | None = None  # a resolved call/jump of the previous instruction

    def flush() -> None:
        nonlocal branch
        if branch is not None and current:
            graph[current].add(branch)
        branch = None

    for line in objdump.splitlines():
        if m := _FILE.match(line):
            flush()
            obj, current = m.group(1), ""
            continue
        if m := _SECTION.match(line):
            flush()
            section, current = m.group(1), ""
            continue
        if m := _FUNCTION.match(line):
            flush()
            current = m.group(2)
            graph.setdefault(current, set())
            starts.setdefault((obj, section), []).append((int(m.group(1), 16), current))
            continue
        if not current:
            continue
        if m := _RELOC.match(line):
            branch = None  # the annotation of a relocated instruction is not its target
            pending.append((obj, section, current, m.group(1)))
            continue
        flush()
        if m := _BRANCH.search(line):
            branch = m.group(1)
    flush()
    for obj, _section, caller, target in pending:
        callee = _reloc_target(target, starts.get((obj, target.split("+")[0].split("-")[0]), []))
        if callee:
            graph[caller].add(callee)
    return graph


def _reloc_target(target: str, section_starts: list[tuple[int, str]]) -> str | None:
    """The function a relocation names: a symbol, or a function inside a section + offset."""
    m = _SYMBOL_ADDEND.match(target)
    if not m:
        return None
    name = m.group(1)
    if not name.startswith("."):
        return name
    offset = int(m.group(3) or "0", 16) * (-1 if m.group(2) == "-" else 1) + _PC_RELATIVE_BIAS
    inside = [fn for start, fn in sorted(section_starts) if start <= offset]
    return inside[-1] if inside else None


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), list(graph.get(start, ()))
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(graph.get(node, ()))
    return seen


def _cycles_from(graph: dict[str, set[str]], fn: str) -> list[str]:
    """The functions reachable from `fn` (itself included) that lie on a call cycle."""
    return sorted(node for node in {fn} | _reachable(graph, fn) if node in _reachable(graph, node))


def violations(checks: StructureChecks, graph: dict[str, set[str]]) -> list[str]:
    """One trace line per broken rule (empty when the object code follows them all).

    A function is recursive when a call cycle is reachable from it: it calls itself, or
    works through a recursive helper of the submission.
    """
    problems = []
    for fn in checks.recursive:
        if fn not in graph:
            problems.append(f"{fn} must be recursive (it is not defined)")
        elif not _cycles_from(graph, fn):
            problems.append(f"{fn} must be recursive (neither it nor its helpers call themselves)")
    for fn in checks.not_recursive:
        cyclic = _cycles_from(graph, fn)
        if cyclic:
            who = "it calls itself" if fn in cyclic else "it calls recursive " + ", ".join(cyclic)
            problems.append(f"{fn} must not be recursive ({who})")
    for banned in checks.must_not_call:
        callers = sorted(caller for caller, callees in graph.items() if banned in callees)
        if callers:
            problems.append(f"{banned} must not be called (called by {', '.join(callers)})")
    return problems
