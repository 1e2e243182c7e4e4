"""Every limit a submission can reach ends in a verdict against it, never in an outage.

Each case is a real hostile submission graded through the real Docker sandbox as the
first exercise of a day (`grade_day`, one container for the candidate): the exercise gets
its submission verdict with a one-line reason in the trace, `DayVerdict.infrastructure`
stays false (so the app neither retries the job nor tells the candidate "an
infrastructure problem"), and the day stops or goes on by the piscine rule.
"""

from __future__ import annotations

import pytest

import grader

from .conftest import write_exercise, write_submission
from .test_hostile import ALLOWED, EXPECTED_A

pytestmark = pytest.mark.docker

PRINTS_A = (
    "#include <unistd.h>\n"
    "int ft_run(int argc, char **argv)\n"
    '{ (void)argc; (void)argv; write(1, "a", 1); return 0; }\n'
)


def grade_first_of_day(
    tmp_path,
    source: str,
    *,
    tests: str = EXPECTED_A,
    limits: str = "",
    stop: bool = True,
    allowed=ALLOWED,
):
    """Grade `source` as ex00 of a two-exercise day whose ex01 is correct; ex00's verdict."""
    day = tmp_path / "day"
    write_exercise(day / "ex00", tests=tests, allowed=allowed, limits=limits, ex_id="limits/ex00")
    write_exercise(
        day / "ex01",
        tests='[[tests]]\nname = "prints a"\nstdout = "a"\n',
        allowed=ALLOWED,
        limits=limits,
        ex_id="limits/ex01",
    )
    (day / "day.toml").write_text(
        f'id = "limits"\nexercises = ["ex00", "ex01"]\n'
        f"stop_at_first_failure = {'true' if stop else 'false'}\n"
    )
    repo = tmp_path / "repo"
    write_submission(repo / "ex00", {"hostile.c": source})
    write_submission(repo / "ex01", {"hostile.c": PRINTS_A})
    day_verdict = grader.grade_day(day, repo)
    first = day_verdict.verdicts[0]
    assert first.status not in ("ok", "internal_error"), first.trace
    assert not first.infrastructure and not day_verdict.infrastructure, first.trace
    assert "infrastructure" not in first.trace
    assert str(tmp_path) not in first.trace
    if stop:  # the piscine rule: nothing after the first failure
        assert day_verdict.stopped_at == "limits/ex00"
        assert len(day_verdict.verdicts) == 1 and day_verdict.score == 0
    else:  # the next exercise is graded as usual, in the same sandbox or a fresh one
        assert [v.status for v in day_verdict.verdicts] == [first.status, "ok"], (
            day_verdict.verdicts[-1].trace
        )
        assert day_verdict.score == 10
    return first


def _long_names(count: int, declare: str) -> str:
    """C source declaring `count` globals whose names are 1,024 characters (macro pasting)."""
    head = (
        "#define CAT(a, b) a##b\n#define XCAT(a, b) CAT(a, b)\n#define X2(a) XCAT(a, a)\n"
        "#define LONG X2(X2(X2(X2(X2(X2(X2(g_name_x)))))))\n"
        f"#define G(n) {declare}\n"
    )
    body = "".join(f"G({i})\n" for i in range(count))
    return head + body


WEAK = "extern int XCAT(LONG, n) __attribute__((weak)); int *CAT(p, n) = &XCAT(LONG, n);"


def test_symbol_list_over_the_nm_cap_is_rejected(tmp_path, docker):
    """1,100 symbols with 1,024-character names: nm prints 1.1 MB (was an infrastructure error).

    Weak references, because they appear only twice in the assembly: as many defined
    globals would already stop the assembler at the 4 MB file size limit.
    """
    src = _long_names(1100, WEAK) + (
        "int ft_run(int argc, char **argv) { (void)argc; (void)argv; return 0; }\n"
    )
    assert len(src) < 16 * 1024
    verdict = grade_first_of_day(tmp_path, src)
    assert verdict.status == "rejected", verdict.trace
    assert verdict.tests == ()
    assert (
        "   the compiled objects declare too many or too long symbols (their list exceeds 1 MB)"
    ) in verdict.trace.splitlines()


def test_long_forbidden_symbol_list_stays_one_short_line(tmp_path, docker):
    """Hundreds of weak references with huge names: forbidden_function, a short reason."""
    src = (
        _long_names(700, WEAK)
        + "int ft_run(int argc, char **argv) { (void)argc; (void)argv; return 0; }\n"
    )
    verdict = grade_first_of_day(tmp_path, src, stop=False)
    assert verdict.status == "forbidden_function", verdict.trace
    line = next(ln for ln in verdict.trace.splitlines() if "forbidden function(s) used" in ln)
    assert line.endswith(" and 690 more") and len(line) < 1000, line


def test_compiler_output_over_its_cap_is_a_compile_error(tmp_path, docker):
    """A self-including file whose every level warns with 3,000 characters: > 1 MB printed."""
    src = '#warning "' + "W" * 3000 + '"\n#include __FILE__\n'
    verdict = grade_first_of_day(tmp_path, src)
    assert verdict.status == "compile_error", verdict.trace
    assert "   compilation printed too much and was stopped" in verdict.trace.splitlines()


def test_object_over_the_file_size_limit_is_a_compile_error(tmp_path, docker):
    """6 MB of initialised data: the object exceeds RLIMIT_FSIZE (4 MB) while assembling."""
    src = (
        "char g_big[6 << 20] = {1};\n"
        "int ft_run(int argc, char **argv) { (void)argc; (void)argv; return g_big[0]; }\n"
    )
    verdict = grade_first_of_day(tmp_path, src, stop=False)
    assert verdict.status == "compile_error", verdict.trace
    lines = verdict.trace.splitlines()
    assert "   compilation failed" in lines or "   compilation was stopped by SIGXFSZ" in lines


def test_output_just_under_a_large_cap_is_judged(tmp_path, docker):
    """output_kb = 7000: 6.5 MB printed fits the cap but not the old 8 MB reply limit."""
    src = r"""#include <string.h>
#include <unistd.h>
int ft_run(int argc, char **argv)
{
    static char buf[1 << 16];
    int i;
    (void)argc; (void)argv;
    memset(buf, 'x', sizeof buf);
    for (i = 0; i < 104; i++)
        write(1, buf, sizeof buf);
    return 0;
}
"""
    verdict = grade_first_of_day(tmp_path, src, limits="output_kb = 7000", stop=False)
    assert verdict.status == "wrong_output", verdict.trace
    assert any(ln.startswith('   got:      "xxxxxxxx') for ln in verdict.trace.splitlines())


def test_output_over_the_cap_is_output_limit(tmp_path, docker):
    src = r"""#include <unistd.h>
int ft_run(int argc, char **argv)
{
    (void)argc; (void)argv;
    while (1)
        write(1, "harness output ", 15);
    return 0;
}
"""
    verdict = grade_first_of_day(tmp_path, src)
    assert verdict.status == "output_limit", verdict.trace
    assert "   printed more than 64 KB (stdout and stderr)" in verdict.trace.splitlines()


def test_leftover_processes_holding_the_pids_limit(tmp_path, docker):
    """Each run fills the pids limit with children and threads, then exits at once.

    The killed processes still count until reaped; the next run must start anyway (the
    supervisor reaps them all and retries its fork), never end in an infrastructure error.
    """
    src = r"""#include <pthread.h>
#include <unistd.h>
static void *idle(void *arg)
{
    (void)arg;
    while (1)
        pause();
    return 0;
}
int ft_run(int argc, char **argv)
{
    pthread_t t;
    int i;
    (void)argc; (void)argv;
    for (i = 0; i < 200; i++)
    {
        pid_t pid = fork();
        if (pid == 0)
        {
            while (pthread_create(&t, 0, idle, 0) == 0)
                ;
            while (1)
                pause();
        }
    }
    write(1, "b", 1);
    return 0;
}
"""
    tests = "".join(f'[[tests]]\nname = "run {i}"\nstdout = "a"\n\n' for i in range(6))
    verdict = grade_first_of_day(tmp_path, src, tests=tests, stop=False)
    assert verdict.status == "wrong_output", verdict.trace
    assert [t.status for t in verdict.tests] == ["wrong_output"] * 6, verdict.trace
