"""The memory-checked build (`[build] sanitize = true`): what a candidate reads.

One exercise holds every kind of memory error as a test (one grading); leaks = "fail",
the sanitizer hooks and the allowed functions each cost one more, short, grading.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import grader
from grader import memcheck
from grader.exercise import ExerciseError, load_exercise

from .conftest import write_exercise, write_submission
from .test_programs import blocks, graded_in_own_containers

HEADER = textwrap.dedent("""\
    #ifndef FT_H
    # define FT_H

    char\t*ft_strdup(char *s);
    char\t*ft_strdup_short(char *s);
    char\t*ft_strdup_noterm(char *s);
    int\t\tft_use_after_free(void);
    void\tft_double_free(void);
    void\tft_bad_free(void);
    int\t\tft_segv(void);
    char\t*ft_leak(void);
    char\t*ft_fill(void);
    int\t\tft_big(void);

    #endif
    """)

HARNESS = textwrap.dedent("""\
    #include <stdio.h>
    #include <stdlib.h>
    #include <string.h>
    #include <unistd.h>
    #include "ft.h"

    int main(int argc, char **argv)
    {
        char *s;
        size_t n;

        if (argc < 2)
            return 1;
        if (!strcmp(argv[1], "ok"))
        {
            s = ft_strdup("abc");
            printf("%s\\n", s);
            free(s);
        }
        else if (!strcmp(argv[1], "short"))
            free(ft_strdup_short("hello"));
        else if (!strcmp(argv[1], "noterm"))
        {
            s = ft_strdup_noterm("hello");
            n = 0;
            while (s[n])
                n++;
            write(1, s, n);
            free(s);
        }
        else if (!strcmp(argv[1], "uaf"))
            return ft_use_after_free();
        else if (!strcmp(argv[1], "double"))
            ft_double_free();
        else if (!strcmp(argv[1], "badfree"))
            ft_bad_free();
        else if (!strcmp(argv[1], "segv"))
            return ft_segv();
        else if (!strcmp(argv[1], "leak"))
        {
            s = ft_leak();
            printf("leaked %c\\n", s[0]);
        }
        else if (!strcmp(argv[1], "fill"))
        {
            s = ft_fill();
            printf("%02x%02x%02x%02x\\n", (unsigned char)s[0], (unsigned char)s[1],
                (unsigned char)s[2], (unsigned char)s[3]);
            free(s);
        }
        else if (!strcmp(argv[1], "big"))
            printf("%d\\n", ft_big());
        return 0;
    }
    """)

SOURCE = textwrap.dedent("""\
    #include <stdlib.h>
    #include "ft.h"

    static char\tg_name[] = "globals are instrumented too";
    static int\tg_zero;

    static size_t\tft_len(char *s)
    {
    \tsize_t\tn;

    \tn = 0;
    \twhile (s[n])
    \t\tn++;
    \treturn (n);
    }

    char\t*ft_strdup(char *s)
    {
    \tchar\t*d;
    \tsize_t\ti;

    \td = malloc(ft_len(s) + 1);
    \ti = 0;
    \twhile (s[i] || (g_name[0] == 0))
    \t{
    \t\td[i] = s[i];
    \t\ti++;
    \t}
    \td[i] = '\\0';
    \treturn (d);
    }

    char\t*ft_strdup_short(char *s)
    {
    \tchar\t*d;
    \tsize_t\ti;

    \td = malloc(ft_len(s));
    \ti = 0;
    \twhile (s[i])
    \t{
    \t\td[i] = s[i];
    \t\ti++;
    \t}
    \td[i] = '\\0'; /* SHORT */
    \treturn (d);
    }

    char\t*ft_strdup_noterm(char *s)
    {
    \tchar\t*d;
    \tsize_t\ti;

    \td = malloc(ft_len(s) + 1); /* NOTERM */
    \ti = 0;
    \twhile (s[i])
    \t{
    \t\td[i] = s[i];
    \t\ti++;
    \t}
    \treturn (d);
    }

    int\tft_use_after_free(void)
    {
    \tchar\t*p;
    \tchar\t*volatile q;

    \tp = malloc(4);
    \tp[0] = 'x';
    \tq = p;
    \tfree(p);
    \treturn (q[0]); /* UAF */
    }

    void\tft_double_free(void)
    {
    \tchar\t*p;
    \tchar\t*volatile q;

    \tp = malloc(4);
    \tq = p;
    \tfree(p);
    \tfree(q); /* DOUBLE */
    }

    void\tft_bad_free(void)
    {
    \tchar\t*p;

    \tp = malloc(8);
    \tfree(p + 1 + g_zero); /* BADFREE */
    }

    int\tft_segv(void)
    {
    \tchar\t*volatile p;

    \tp = NULL;
    \treturn (p[3]); /* SEGV */
    }

    char\t*ft_leak(void)
    {
    \tchar\t*p;

    \tp = malloc(10);
    \tp[0] = 'L';
    \treturn (p);
    }

    char\t*ft_fill(void)
    {
    \tchar\t*p;

    \tp = malloc(4);
    \tp[0] = 'a';
    \treturn (p);
    }

    int\tft_big(void)
    {
    \tsize_t\tn;
    \tsize_t\ti;
    \tchar\t*p;

    \tn = (size_t)300 << 20;
    \tp = malloc(n);
    \tif (!p)
    \t\treturn (-1);
    \ti = 0;
    \twhile (i < n)
    \t{
    \t\tp[i] = 1;
    \t\ti += 4096;
    \t}
    \treturn (p[n - 4096]);
    }
    """)


def line(marker: str) -> int:
    return next(i for i, text in enumerate(SOURCE.splitlines(), 1) if f"/* {marker} */" in text)


TESTS = """
[[tests]]
name = "right"
args = ["ok"]
stdout = "abc\\n"

[[tests]]
name = "one byte short"
args = ["short"]

[[tests]]
name = "no terminator"
args = ["noterm"]
stdout = "hello"

[[tests]]
name = "use after free"
args = ["uaf"]

[[tests]]
name = "double free"
args = ["double"]

[[tests]]
name = "bad free"
args = ["badfree"]

[[tests]]
name = "null pointer"
args = ["segv"]

[[tests]]
name = "leak"
args = ["leak"]
stdout = "leaked L\\n"

[[tests]]
name = "fresh bytes"
args = ["fill"]
stdout = "61bebebe\\n"

[[tests]]
name = "hidden use after free"
args = ["uaf"]
hidden = true

[[tests]]
name = "300 MB"
args = ["big"]
stdout = "1\\n"
"""


def memcheck_exercise(root: Path, tests: str = TESTS, leaks: str = "report", allowed=None) -> Path:
    ex = write_exercise(
        root,
        tests=tests,
        files=("ft.c", "ft.h"),
        allowed=allowed or ("malloc", "free"),
        harness=HARNESS,
        ex_id="test/memcheck",
    )
    toml = (ex / "exercise.toml").read_text()
    toml = toml.replace("[build]\n", f'[build]\nsanitize = true\nleaks = "{leaks}"\n')
    (ex / "exercise.toml").write_text(toml)
    return ex


@pytest.fixture(scope="module")
def graded(tmp_path_factory, sandbox_image):
    root = tmp_path_factory.mktemp("memcheck")
    ex = memcheck_exercise(root / "ex")
    with graded_in_own_containers():
        return grader.grade(ex, write_submission(root / "sub", {"ft.c": SOURCE, "ft.h": HEADER}))


@pytest.mark.docker
def test_memory_errors_are_one_line_crashes(graded):
    v = graded
    assert v.status == "crash", v.trace
    assert "$> cc -Wall -Wextra -Werror -c ft.c main.c (memory-checked build) ... OK" in v.trace
    # the __asan_ symbols the instrumentation adds are not the candidate's calls
    assert "$> allowed functions (malloc, free) ... OK" in v.trace
    found = blocks(v.trace)
    expected = {
        "one byte short": "memory error: heap-buffer-overflow (WRITE of size 1) in "
        f"ft_strdup_short (ft.c:{line('SHORT')})",
        # read by the harness (main.c): the candidate's allocation is named, not main.c
        "no terminator": "memory error: heap-buffer-overflow (READ of size 1) on memory "
        "allocated in "
        f"ft_strdup_noterm (ft.c:{line('NOTERM')})",
        "use after free": "memory error: heap-use-after-free (READ of size 1) in "
        f"ft_use_after_free (ft.c:{line('UAF')})",
        "double free": f"memory error: double-free in ft_double_free (ft.c:{line('DOUBLE')})",
        "bad free": f"memory error: bad-free in ft_bad_free (ft.c:{line('BADFREE')})",
        "null pointer": f"crashed with SIGSEGV in ft_segv (ft.c:{line('SEGV')})",
        "hidden use after free": "memory error: heap-use-after-free (READ of size 1) in "
        f"ft_use_after_free (ft.c:{line('UAF')})",
    }
    for name, reason in expected.items():
        assert found[name][:2] == [found[name][0], f"   {reason}"], found[name]
        assert found[name][0].endswith("KO (crash)"), found[name]
    assert "main.c:" not in v.trace and "libsanitizer" not in v.trace
    assert "arguments" not in "\n".join(found["hidden use after free"])


@pytest.mark.docker
def test_leaks_are_reported_but_pass_by_default(graded):
    found = blocks(graded.trace)
    assert found["leak"][0].endswith("OK") and found["leak"][1:] == [
        "   leaks: 10 bytes in 1 allocation(s)"
    ]
    assert len(found["right"]) == 1 and found["right"][0].endswith("OK")  # no leak line
    assert {t.name: t.status for t in graded.tests}["leak"] == "ok"


@pytest.mark.docker
def test_fresh_malloc_bytes_are_0xbe(graded):
    assert blocks(graded.trace)["fresh bytes"][0].endswith("OK"), graded.trace


@pytest.mark.docker
def test_memory_limit_holds_with_the_sanitizer(graded):
    lines = blocks(graded.trace)["300 MB"]
    assert lines[0].endswith("KO (memory_limit)"), graded.trace
    assert lines[1] == "   killed for using more than 128 MB"


@pytest.mark.docker
def test_leaks_fail_the_test_when_declared(tmp_path, docker):
    tests = '[[tests]]\nname = "leak"\nargs = ["leak"]\nstdout = "leaked L\\n"\n'
    tests += '[[tests]]\nname = "right"\nargs = ["ok"]\nstdout = "abc\\n"\n'
    ex = memcheck_exercise(tmp_path / "ex", tests=tests, leaks="fail")
    v = grader.grade(ex, write_submission(tmp_path / "sub", {"ft.c": SOURCE, "ft.h": HEADER}))
    assert v.status == "crash", v.trace
    assert [t.status for t in v.tests] == ["crash", "ok"]
    assert blocks(v.trace)["leak"] == [
        '$> test 1/2 "leak" ... KO (crash)',
        "   memory leak (leaks: 10 bytes in 1 allocation(s))",
    ]


HOOKS = textwrap.dedent("""\
    const char\t*__asan_default_options(void);
    int\t\t\t__lsan_is_turned_off(void);

    const char\t*__asan_default_options(void)
    {
    \treturn ("detect_leaks=0:replace_intrin=0");
    }

    int\t__lsan_is_turned_off(void)
    {
    \treturn (1);
    }
    """)


@pytest.mark.docker
@pytest.mark.parametrize("where", ["ft.c", "ft.h"])
def test_sanitizer_hooks_are_rejected(tmp_path, docker, where):
    """Hooks would silence the checker; a turned-in header puts them in the harness object."""
    tests = '[[tests]]\nname = "leak"\nargs = ["leak"]\nstdout = "leaked L\\n"\n'
    ex = memcheck_exercise(tmp_path / "ex", tests=tests, leaks="fail")
    files = {"ft.c": SOURCE, "ft.h": HEADER}
    files[where] = files[where].replace("#include <stdlib.h>\n", "#include <stdlib.h>\n" + HOOKS)
    if where == "ft.h":
        files[where] = files[where].replace("#endif\n", HOOKS + "\n#endif\n")
        # ft.c must not include it twice over (the definitions would clash at link time)
        files["ft.c"] = SOURCE.replace('#include "ft.h"\n', "")
        files["ft.c"] = HEADER.replace("FT_H", "X_FT_H") + files["ft.c"]
    assert "__lsan_is_turned_off" in files[where]
    v = grader.grade(ex, write_submission(tmp_path / "sub", files))
    assert v.status == "rejected", v.trace
    assert (
        "   the turned-in code defines sanitizer hooks: __asan_default_options, "
        "__lsan_is_turned_off"
    ) in v.trace
    assert not v.tests


@pytest.mark.docker
def test_allowed_functions_enforced_in_the_sanitized_build(tmp_path, docker):
    ex = memcheck_exercise(tmp_path / "ex", tests='[[tests]]\nname = "ok"\nargs = ["ok"]\n')
    source = SOURCE.replace("#include <stdlib.h>\n", "#include <stdlib.h>\n#include <stdio.h>\n")
    source = source.replace(
        "\td[i] = '\\0';\n\treturn (d);\n}\n\nchar\t*ft_strdup_short",
        ("\td[i] = '\\0';\n\tprintf(\"%s\", d);\n\treturn (d);\n}\n\nchar\t*ft_strdup_short"),
        1,
    )
    assert "printf" in source
    v = grader.grade(ex, write_submission(tmp_path / "sub", {"ft.c": source, "ft.h": HEADER}))
    assert v.status == "forbidden_function", v.trace
    assert "   forbidden function(s) used: printf" in v.trace.splitlines()
    assert "__asan" not in v.trace


# -- the report reader and the loader (no Docker) -------------------------------
def test_memory_error_never_names_a_harness_frame():
    report = textwrap.dedent("""\
        ==1==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x602 at pc 0x5 bp 0x7
        READ of size 4 at 0x602 thread T0
            #0 0x55 in main /work/main.c:12
            #1 0x56 in __libc_start_main (/lib/x86_64-linux-gnu/libc.so.6+0x27304)

        0x602 is located 0 bytes to the right of 3-byte region
        allocated by thread T0 here:
            #0 0x7f in __interceptor_malloc ../../../../src/libsanitizer/asan/asan_malloc_linux.cpp:69
            #1 0x55 in ft_strdup /work/ft_strdup.c:9

        SUMMARY: AddressSanitizer: heap-buffer-overflow /work/main.c:12 in main
        """).encode()
    assert memcheck.memory_error(report, ("ft_strdup.c",)) == (
        "memory error: heap-buffer-overflow (READ of size 4) on memory allocated in ft_strdup "
        "(ft_strdup.c:9)"
    )
    assert memcheck.memory_error(report, ("other.c",)) == (
        "memory error: heap-buffer-overflow (READ of size 4)"
    )
    assert memcheck.memory_error(b"", ("ft.c",)) is None
    assert memcheck.leaks(b"SUMMARY: AddressSanitizer: 7 byte(s) leaked in 2 allocation(s).") == (
        "leaks: 7 bytes in 2 allocation(s)"
    )


@pytest.mark.parametrize(
    "old,new,field",
    [
        ('leaks = "report"', 'leaks = "warn"', "build.leaks"),
        ('leaks = "report"', "leaks = true", "build.leaks"),
        ("sanitize = true", 'sanitize = "yes"', "build.sanitize"),
    ],
)
def test_loader_refuses_bad_memcheck_settings(tmp_path, old, new, field):
    ex = memcheck_exercise(tmp_path / "ex")
    toml = (ex / "exercise.toml").read_text()
    (ex / "exercise.toml").write_text(toml.replace(old, new))
    with pytest.raises(ExerciseError, match=field):
        load_exercise(ex)
    (ex / "exercise.toml").write_text(toml.replace('leaks = "report"', 'leaks = "fail"'))
    loaded = load_exercise(ex)
    assert loaded.sanitize and loaded.leaks == "fail"
