"""Generated plagiarism: what a candidate does to a classmate's file to hide the copy.

Each transformation takes 42-norm C source (tab-indented, one statement per line, braces on
their own lines) and returns the disguised source, or None when it does not apply to that
file (e.g. reordering a file with one function). Used by the labelled set
(tests/integrity/test_quality.py) and the benchmark (benchmarks/bench_integrity.py).
"""

from __future__ import annotations

import random
import re

from pygments.lexers.c_cpp import CLexer
from pygments.token import Name

_KEEP = {"write", "main", "NULL"}
_lexer = CLexer(stripnl=False, ensurenl=False)
_HEADER = re.compile(r"\A(/\*.*?\*/\n)+", re.S)
_WORDS = ["tmp", "val", "idx", "cur", "ptr", "len", "res", "cnt", "pos", "buf", "acc", "it"]


def rename(source: str, rng: random.Random) -> str | None:
    """Every identifier but the library's gets a new name (function names included)."""
    names: dict[str, str] = {}
    out = []
    for _, ttype, value in _lexer.get_tokens_unprocessed(source):
        if ttype in Name and value not in _KEEP:
            if value not in names:
                names[value] = f"{rng.choice(_WORDS)}_{len(names)}{rng.choice('xyzq')}"
            value = names[value]
        out.append(value)
    return "".join(out)


def comments_and_layout(source: str, rng: random.Random) -> str | None:
    """Another header, comments between lines, spaces for tabs, blank lines."""
    body = _HEADER.sub("", source)
    lines = []
    for line in body.splitlines():
        if rng.random() < 0.25:
            lines.append("/* " + rng.choice(["step", "loop here", "my idea", "TODO"]) + " */")
        lines.append(line.replace("\t", "    ") if rng.random() < 0.7 else line)
        if rng.random() < 0.2:
            lines.append("")
    return "/* my own header, written by me */\n\n" + "\n".join(lines) + "\n"


def _functions(source: str) -> tuple[str, list[str]] | None:
    """The preamble (includes) and the top-level functions of a norm-style file."""
    body = _HEADER.sub("", source)
    parts = re.split(r"(?m)^}\n", body)
    if len(parts) < 3:
        return None
    chunks = [p + "}\n" for p in parts[:-1]]
    pre = re.match(r"(?:#[^\n]*\n|\s*\n)*", chunks[0])[0]
    chunks[0] = chunks[0][len(pre) :]
    return pre.strip("\n"), [c.strip("\n") + "\n" for c in chunks]


def reorder(source: str, rng: random.Random) -> str | None:
    """Functions in another order (files with two or more functions)."""
    split = _functions(source)
    if split is None:
        return None
    pre, funcs = split
    shuffled = funcs[:]
    while shuffled == funcs:
        rng.shuffle(shuffled)
    return (pre + "\n\n" if pre else "") + "\n".join(shuffled)


_WHILE = re.compile(
    r"(?m)^(?P<ind>\t+)(?P<var>\w+) = (?P<init>[^;\n]+);\n"
    r"(?P=ind)while \((?P<cond>[^\n]+)\)\n(?P=ind)\{\n"
    r"(?P<body>(?:(?P=ind)\t[^\n]*\n)*?)"
    r"(?P=ind)\t(?P<step>(?P=var)(?:\+\+|--| = [^;\n]+));\n(?P=ind)\}\n"
)


def while_to_for(source: str, rng: random.Random) -> str | None:
    """`i = 0; while (c) { ...; i++; }` becomes `for (i = 0; c; i++) { ... }`."""

    def to_for(m: re.Match) -> str:
        ind = m["ind"]
        return (
            f"{ind}for ({m['var']} = {m['init']}; {m['cond']}; {m['step']})\n"
            f"{ind}{{\n{m['body']}{ind}}}\n"
        )

    out, count = _WHILE.subn(to_for, source)
    return out if count else None


_DEAD = [
    "\tif ({v} == 424242)\n\t\t{v} = {v} + 1;\n",
    "\t{v} = {v} * 1;\n",
    "\twhile ({v} < 0)\n\t\t{v}++;\n",
]


def dead_code(source: str, rng: random.Random) -> str | None:
    """An unused variable in each function and a few statements that do nothing."""
    lines = source.splitlines(keepends=True)
    out: list[str] = []
    name = f"unused_{rng.randint(10, 99)}"
    inserted = 0
    for i, line in enumerate(lines):
        out.append(line)
        if line == "{\n" and i > 0 and "(" in lines[i - 1]:
            out.append(f"\tint\t{name};\n\n\t{name} = 0;\n")
            inserted += 1
        elif (
            inserted
            and line.startswith("\t")
            and not line.startswith("\t\t")
            and line.rstrip().endswith(";")
            and "return" not in line
            and "\t" not in line.strip()
            and rng.random() < 0.5
        ):
            out.append(rng.choice(_DEAD).format(v=name))
    return "".join(out) if inserted else None


_SIGNATURE = re.compile(
    r"(?m)^(?P<ret>[\w ]+?\**)\t(?P<star>\**)(?P<name>\w+)\((?P<params>[^)]*)\)\n\{"
)


def split_function(source: str, rng: random.Random) -> str | None:
    """The exported function becomes a wrapper around a helper holding its body."""
    matches = list(_SIGNATURE.finditer(source))
    if not matches:
        return None
    m = matches[-1]
    params = [] if m["params"].strip() == "void" else m["params"].split(",")
    args = ", ".join(re.findall(r"(\w+)\s*(?:\[\])?$", p.strip())[0] for p in params)
    helper = f"{m['name']}_impl"
    ret = f"{m['ret']}\t{m['star']}"
    call = f"{helper}({args})"
    body = (
        f"\t{call};\n" if m["ret"].strip() == "void" and not m["star"] else f"\treturn ({call});\n"
    )
    head = source[: m.start()] + f"{ret}{helper}({m['params']})\n{{" + source[m.end() :]
    return head.rstrip("\n") + f"\n\n{ret}{m['name']}({m['params']})\n{{\n{body}}}\n"


def combined(source: str, rng: random.Random) -> str | None:
    """Everything a determined copier does at once."""
    out = source
    for step in (while_to_for, dead_code, split_function, reorder, rename, comments_and_layout):
        out = step(out, rng) or out
    return out


TRANSFORMATIONS = {
    "rename": rename,
    "comments_layout": comments_and_layout,
    "reorder": reorder,
    "while_for": while_to_for,
    "dead_code": dead_code,
    "split_function": split_function,
    "combined": combined,
}
