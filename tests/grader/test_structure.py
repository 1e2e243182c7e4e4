"""Structural checks (`[checks]`): the call graph read from the object code.

Unit tests run the host's cc and objdump on small C files (as the sandbox does) and
judge the graph; one Docker grading per rule kind checks the verdict and trace line.
"""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

import grader
from grader.contract import StructureChecks
from grader.exercise import ExerciseError, load_exercise
from grader.structure import call_graph, violations

from .conftest import IN_CI, write_exercise, write_submission


@pytest.fixture(scope="module")
def toolchain():
    missing = [tool for tool in ("cc", "objdump") if not shutil.which(tool)]
    if missing:
        message = f"{', '.join(missing)} not on the host"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def graph_of(tmp_path: Path, *sources: str) -> dict[str, set[str]]:
    """cc -c each source as the grader does, then the call graph of `objdump -dr` on them all."""
    objects = []
    for i, source in enumerate(sources):
        c = tmp_path / f"f{i}.c"
        c.write_text(textwrap.dedent(source))
        subprocess.run(
            ["cc", "-Wall", "-Wextra", "-Werror", "-c", c.name, "-o", f"f{i}.o"],
            cwd=tmp_path,
            check=True,
        )
        objects.append(f"f{i}.o")
    dump = subprocess.run(
        ["objdump", "-dr", "--no-show-raw-insn", *objects],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return call_graph(dump)


def judge(graph, recursive=(), not_recursive=(), must_not_call=()) -> list[str]:
    return violations(
        StructureChecks(tuple(recursive), tuple(not_recursive), tuple(must_not_call)), graph
    )


RECURSIVE = """
int ft_fact(int n)
{
    if (n <= 1)
        return 1;
    return n * ft_fact(n - 1);
}
"""

# mutual recursion through static helpers, reached through a wrapper
MUTUAL = """
static int is_odd(int n);

static int is_even(int n)
{
    return n == 0 ? 1 : is_odd(n - 1);
}

static int is_odd(int n)
{
    return n == 0 ? 0 : is_even(n - 1);
}

int ft_even(int n)
{
    return is_even(n);
}
"""

POINTER = """
static int down(int n)
{
    int (*again)(int) = down;

    return n <= 0 ? 0 : again(n - 1);
}

int ft_global(int n)
{
    int (*self)(int) = ft_global;

    return n <= 0 ? 0 : self(n - 1) + down(n);
}

int ft_pointer(int n)
{
    return down(n);
}
"""

# a wrapper around a recursive helper: recursive, although it never calls itself
WRAPPER = """
static int power(int nb, int p)
{
    return p == 0 ? 1 : nb * power(nb, p - 1);
}

int ft_recursive_power(int nb, int p)
{
    if (p < 0)
        return 0;
    return power(nb, p);
}
"""

# loops and jumps inside functions, calls to other (non-recursive) functions in loops;
# comments and strings naming the function do not count: ft_iter(n - 1)
LOOPS = """
#include <unistd.h>

static void put(char c)
{
    write(1, &c, 1);
}

int ft_iter(int n)
{
    int r = 1;

again:
    while (n > 1)
    {
        r *= n--;
        put('.');   /* ft_iter(n - 1) */
    }
    if (r < 0)
    {
        r = -r;
        goto again;
    }
    put("ft_iter"[0]);
    return r;
}
"""


def test_direct_recursion(tmp_path, toolchain):
    graph = graph_of(tmp_path, RECURSIVE)
    assert graph["ft_fact"] == {"ft_fact"}
    assert judge(graph, recursive=["ft_fact"]) == []
    assert judge(graph, not_recursive=["ft_fact"]) == [
        "ft_fact must not be recursive (it calls itself)"
    ]


def test_mutual_recursion_through_static_helpers(tmp_path, toolchain):
    graph = graph_of(tmp_path, MUTUAL)
    assert graph["is_even"] == {"is_odd"} and graph["is_odd"] == {"is_even"}
    assert graph["ft_even"] == {"is_even"}
    assert judge(graph, recursive=["ft_even", "is_odd"]) == []
    assert judge(graph, not_recursive=["ft_even"]) == [
        "ft_even must not be recursive (it calls recursive is_even, is_odd)"
    ]


def test_recursion_through_a_function_pointer(tmp_path, toolchain):
    graph = graph_of(tmp_path, POINTER)
    assert "down" in graph["down"] and "ft_global" in graph["ft_global"]
    assert judge(graph, recursive=["ft_global", "ft_pointer", "down"]) == []
    assert judge(graph, not_recursive=["ft_pointer"]) == [
        "ft_pointer must not be recursive (it calls recursive down)"
    ]


def test_wrapper_around_a_recursive_helper_is_recursive(tmp_path, toolchain):
    graph = graph_of(tmp_path, WRAPPER)
    assert graph["ft_recursive_power"] == {"power"}
    assert judge(graph, recursive=["ft_recursive_power"]) == []
    assert judge(graph, not_recursive=["ft_recursive_power"]) == [
        "ft_recursive_power must not be recursive (it calls recursive power)"
    ]


def test_loops_and_jumps_are_not_recursion(tmp_path, toolchain):
    graph = graph_of(tmp_path, LOOPS)
    # jumps inside ft_iter (loop, goto) are not calls; put is called, write through its PLT
    assert graph["ft_iter"] == {"put"} and graph["put"] == {"write"}
    assert judge(graph, not_recursive=["ft_iter"]) == []
    assert judge(graph, recursive=["ft_iter"]) == [
        "ft_iter must be recursive (neither it nor its helpers call themselves)"
    ]
    assert judge(graph, recursive=["ft_missing"]) == [
        "ft_missing must be recursive (it is not defined)"
    ]


def test_recursion_across_files(tmp_path, toolchain):
    a = "int ft_b(int n);\nint ft_a(int n)\n{\n    return n ? ft_b(n - 1) : 0;\n}\n"
    b = "int ft_a(int n);\nint ft_b(int n)\n{\n    return n ? ft_a(n - 1) : 1;\n}\n"
    graph = graph_of(tmp_path, a, b)
    assert graph["ft_a"] == {"ft_b"} and graph["ft_b"] == {"ft_a"}
    assert judge(graph, recursive=["ft_a"]) == []


def test_must_not_call(tmp_path, toolchain):
    source = """
    #include <stdlib.h>

    /* malloc is not called here, only named: "malloc" */
    static const char *g_doc = "uses malloc";

    int *ft_range(int min, int max)
    {
        int *r = malloc(sizeof(int) * (max - min));

        return r;
    }

    const char *ft_doc(void)
    {
        return g_doc;
    }
    """
    graph = graph_of(tmp_path, source)
    assert judge(graph, must_not_call=["malloc"]) == [
        "malloc must not be called (called by ft_range)"
    ]
    assert judge(graph, must_not_call=["free", "ft_doc"]) == []
    assert "malloc" not in graph["ft_doc"]


# -- one grading per rule kind -------------------------------------------------
HARNESS = textwrap.dedent("""\
    #include <stdio.h>

    int ft_fact(int n);
    int ft_count(int n);
    int ft_sum(int n);

    int main(void)
    {
        printf("%d %d %d\\n", ft_fact(5), ft_count(4), ft_sum(4));
        return 0;
    }
    """)

GOOD = """\
static int\tcount(int n, int acc)
{
\tint\ti;

\ti = 0;
\twhile (i < n)
\t\ti++;
\treturn (acc + i);
}

int\tft_fact(int n)
{
\tif (n <= 1)
\t\treturn (1);
\treturn (n * ft_fact(n - 1));
}

int\tft_count(int n)
{
\treturn (count(n, 0));
}

int\tft_sum(int n)
{
\tint\ts;

\ts = 0;
\twhile (n > 0)
\t\ts += n--;
\treturn (s);
}
"""

# ft_fact with a loop; its name in a comment and a string does not make it recursive
LOOP_FACT = """\
int\tft_fact(int n)
{
\tint\t\t\tr;
\tconst char\t*name;

\tname = "ft_fact(n - 1)";
\tr = 1;
\twhile (n > 1 && name[0])
\t\tr *= n--; /* return (n * ft_fact(n - 1)); */
\treturn (r);
}
"""

RECURSIVE_COUNT = """\
static int\tcount(int n, int acc)
{
\tif (n <= 0)
\t\treturn (acc);
\treturn (count(n - 1, acc + 1));
}
"""

STDLIB_SUM = """\
#include <stdlib.h>

int\tft_sum(int n)
{
\treturn (n * (n + 1) / 2 + atoi("0"));
}
"""


def _replaced(function: str, new: str) -> str:
    """GOOD with one function (from its first line to its closing brace) replaced by `new`."""
    start = GOOD.index(function)
    end = GOOD.index("\n}\n", start) + 3
    return GOOD[:start] + new + GOOD[end:]


@pytest.mark.docker
@pytest.mark.parametrize(
    "kind,source,line",
    [
        ("none", GOOD, None),
        (
            "recursive",
            _replaced("int\tft_fact", LOOP_FACT),
            "structure: ft_fact must be recursive (neither it nor its helpers call themselves)",
        ),
        (
            "not_recursive",
            _replaced("static int\tcount", RECURSIVE_COUNT),
            "structure: ft_count must not be recursive (it calls recursive count)",
        ),
        (
            "must_not_call",
            _replaced("int\tft_sum", STDLIB_SUM),
            "structure: atoi must not be called (called by ft_sum)",
        ),
    ],
)
def test_grading_judges_structure(tmp_path, docker, kind, source, line):
    checks = '[checks]\nrecursive = ["ft_fact"]\nnot_recursive = ["ft_count"]\n'
    checks += 'must_not_call = ["atoi"]\n\n'
    ex = write_exercise(
        tmp_path / "ex",
        tests=checks + '[[tests]]\nname = "values"\nstdout = "120 4 10\\n"\n',
        files=("ft.c",),
        allowed=("atoi",),
        harness=HARNESS,
        ex_id="test/structure",
    )
    v = grader.grade(ex, write_submission(tmp_path / "sub", {"ft.c": source}))
    if kind == "none":
        assert v.status == "ok", v.trace
        assert "$> structure ... OK" in v.trace
        return
    assert v.status == "forbidden_function", v.trace
    assert "$> structure ... KO" in v.trace
    assert f"   {line}" in v.trace.splitlines()
    assert not v.tests  # the tests do not run after a broken rule


@pytest.mark.parametrize(
    "checks,field",
    [
        ('recursive = ["f"]\nrecursion = ["g"]', "[checks] takes only"),
        ('recursive = "f"', "checks.recursive"),
        ('must_not_call = ["not a name"]', "checks.must_not_call"),
        ("not_recursive = [1]", "checks.not_recursive"),
    ],
)
def test_loader_refuses_bad_checks(tmp_path, checks, field):
    ex = write_exercise(tmp_path / "ex", tests=f'[checks]\n{checks}\n\n[[tests]]\nname = "t"\n')
    with pytest.raises(ExerciseError) as err:
        load_exercise(ex)
    assert field in str(err.value)


def test_loader_reads_checks(tmp_path):
    ex = write_exercise(
        tmp_path / "ex",
        tests='[checks]\nrecursive = ["f"]\nmust_not_call = ["malloc"]\n\n[[tests]]\nname = "t"\n',
    )
    checks = load_exercise(ex).checks
    assert checks == StructureChecks(recursive=("f",), must_not_call=("malloc",))
    assert not load_exercise(
        write_exercise(tmp_path / "none", tests='[[tests]]\nname = "t"\n')
    ).checks
