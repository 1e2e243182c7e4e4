"""Hidden tests' inputs reach the sandbox only for their own run.

A submission that knows how graders work looks for the hidden inputs on its first call
(every readable file, its own program, its command lines and environment, shared
memory) to print them in a visible test's output, which the trace shows, and hard-code
them next time. Hidden cases live in `#ifdef HIDDEN_<case>` blocks of the harness that
the host blanks out of every build but the hidden test's own; hidden tests run after
the visible ones; a day's next exercise starts with nothing left of the previous one.
"""

from __future__ import annotations

import textwrap

import pytest

import grader
from grader.exercise import ExerciseError, harness_source, hidden_blocks, load_exercise

from .conftest import write_exercise, write_submission
from .test_hostile import ALLOWED

IN_HARNESS = "H1DD3N-" + "INPUT-4417"  # a hidden test's input compiled into the harness
IN_ARGS = "H1DD3N-" + "ARG-5521"  # a hidden test's input given as an argument

HARNESS = textwrap.dedent(f"""\
    #include <string.h>

    int ft_run(int argc, char **argv);

    static const char *g_cases[][2] = {{
    \t{{"probe", "probe"}},
    #ifdef HIDDEN_secret
    \t{{"secret", "{IN_HARNESS}"}},
    #endif
    \t{{0, 0}}
    }};

    int main(int argc, char **argv)
    {{
    \tchar\t*args[2];
    \tint\t\ti;

    \ti = 0;
    \twhile (g_cases[i][0] && argc > 1 && strcmp(g_cases[i][0], argv[1]) != 0)
    \t\ti++;
    \targs[0] = argv[0];
    \targs[1] = (char *)(g_cases[i][0] ? g_cases[i][1] : argv[argc - 1]);
    \treturn (ft_run(2, args));
    }}
    """)

# Declared hidden first: the visible probe must still run before them.
TESTS = f'''
[[tests]]
name = "hidden input in the harness"
args = ["secret"]
stdout = "{IN_HARNESS}"
hidden = true
harness_case = "secret"

[[tests]]
name = "hidden input as an argument"
args = ["other", "{IN_ARGS}"]
stdout = "{IN_ARGS}"
hidden = true

[[tests]]
name = "probe"
args = ["probe"]
stdout = "nothing"
'''

# On "probe": search everything it can read for the two hidden inputs; otherwise keep its
# input wherever a later run could read it (files, System V shared memory) and print it.
PROBE = r"""#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

static char g_want[2][32];
static int g_found;
static char g_buf[1 << 20];

static void check(const char *data, size_t n)
{
    int k;
    for (k = 0; k < 2; k++)
        if (memmem(data, n, g_want[k], strlen(g_want[k])))
            g_found |= 1 << k;
}

static void scan_file(const char *path, size_t max)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    ssize_t n;
    if (fd < 0)
        return;
    n = read(fd, g_buf, max);
    if (n > 0)
        check(g_buf, n);
    close(fd);
}

static void scan(const char *dir, int depth)
{
    DIR *d;
    struct dirent *e;
    char path[4096];
    size_t max;
    if (depth > 12 || !(d = opendir(dir)))
        return;
    max = (!strncmp(dir, "/work", 5) || !strncmp(dir, "/tmp", 4) || !strncmp(dir, "/dev", 4))
        ? sizeof g_buf : 8192;
    while ((e = readdir(d)))
    {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || !strcmp(e->d_name, "proc")
            || !strcmp(e->d_name, "sys"))
            continue;
        snprintf(path, sizeof path, "%s/%s", strcmp(dir, "/") ? dir : "", e->d_name);
        if (e->d_type == DT_DIR)
            scan(path, depth + 1);
        else if (e->d_type == DT_REG)
            scan_file(path, max);
    }
    closedir(d);
}

static void keep(const char *s)
{
    const char *paths[] = {"/work/loot", "/tmp/loot", "/dev/shm/loot"};
    int i;
    int id;
    char *p;
    for (i = 0; i < 3; i++)
    {
        int fd = open(paths[i], O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0)
        {
            write(fd, s, strlen(s));
            close(fd);
        }
    }
    id = shmget(0x5ec, 4096, IPC_CREAT | 0600);
    if (id >= 0 && (p = shmat(id, 0, 0)) != (void *)-1)
    {
        strncat(p, s, 4000 - strlen(p));
        shmdt(p);
    }
}

int ft_run(int argc, char **argv)
{
    const char *in = argc > 1 ? argv[1] : "";
    int id;
    char *p;
    snprintf(g_want[0], sizeof g_want[0], "%s%s", "H1DD3N-", "INPUT-4417");
    snprintf(g_want[1], sizeof g_want[1], "%s%s", "H1DD3N-", "ARG-5521");
    if (strcmp(in, "probe") != 0)
    {
        keep(in);
        write(1, in, strlen(in));
        return 0;
    }
    scan("/", 0);
    scan_file("/proc/self/exe", sizeof g_buf);
    scan_file("/proc/self/cmdline", 4096);
    scan_file("/proc/self/environ", 4096);
    scan_file("/proc/1/cmdline", 4096);
    id = shmget(0x5ec, 0, 0);
    if (id >= 0 && (p = shmat(id, 0, SHM_RDONLY)) != (void *)-1)
    {
        check(p, 4096);
        shmdt(p);
    }
    if (g_found)
        printf("FOUND %d", g_found);
    else
        printf("nothing");
    return 0;
}
"""


@pytest.mark.docker
def test_hidden_inputs_are_out_of_reach_of_the_other_runs(tmp_path, docker):
    allowed = (*ALLOWED, "shmget", "shmat", "shmdt", "strncat")
    day = tmp_path / "day"
    write_exercise(
        day / "ex00",
        tests=TESTS,
        allowed=allowed,
        harness=HARNESS,
        ex_id="hidden/ex00",
        limits="wall_seconds = 30",
    )
    # the next exercise of the same day shares the container: it probes what ex00 left
    write_exercise(
        day / "ex01",
        tests='[[tests]]\nname = "probe"\nargs = ["probe"]\nstdout = "nothing"\n',
        allowed=allowed,
        harness=HARNESS.replace("#ifdef HIDDEN_secret\n", "").replace(
            f'\t{{"secret", "{IN_HARNESS}"}},\n#endif\n', ""
        ),
        ex_id="hidden/ex01",
        limits="wall_seconds = 30",
    )
    (day / "day.toml").write_text(
        'id = "hidden"\nexercises = ["ex00", "ex01"]\nstop_at_first_failure = false\n'
    )
    repo = tmp_path / "repo"
    write_submission(repo / "ex00", {"hostile.c": PROBE})
    write_submission(repo / "ex01", {"hostile.c": PROBE})

    verdict = grader.grade_day(day, repo)

    ex00, ex01 = verdict.verdicts
    # the probe ran first (whatever the declared order) and found nothing to print; the
    # hidden tests still received their own inputs and passed
    assert [t.status for t in ex00.tests] == ["ok", "ok", "ok"], ex00.trace
    assert ex00.trace.index('test 3/3 "probe"') > ex00.trace.index('test 2/3 "hidden')
    assert ex01.status == "ok", ex01.trace
    assert verdict.passed and verdict.score == 20
    for v in verdict.verdicts:
        assert IN_HARNESS not in v.trace and IN_ARGS not in v.trace
        assert "FOUND" not in v.trace


def test_harness_source_keeps_only_the_asked_hidden_case():
    source = HARNESS.encode()
    assert [b[0] for b in hidden_blocks(source)] == ["secret"]
    visible = harness_source(source)
    assert IN_HARNESS.encode() not in visible and b"HIDDEN_" not in visible
    assert visible.count(b"\n") == source.count(b"\n")  # compiler line numbers unchanged
    own = harness_source(source, "secret")
    assert IN_HARNESS.encode() in own and b"#ifdef" not in own


@pytest.mark.parametrize(
    "tests,harness,message",
    [
        (
            '[[tests]]\nname = "t"\nstdout = "a"\nharness_case = "secret"\n',
            HARNESS,
            "on a hidden test",
        ),
        (
            '[[tests]]\nname = "t"\nstdout = "a"\nhidden = true\nharness_case = "other"\n',
            HARNESS,
            "no HIDDEN_ block for harness_case",
        ),
        (
            '[[tests]]\nname = "t"\nstdout = "a"\nhidden = true\n',
            HARNESS,
            "belong to no hidden test",
        ),
        (
            '[[tests]]\nname = "t"\nstdout = "a"\nhidden = true\nharness_case = "secret"\n',
            "#ifdef HIDDEN_secret\nint x;\n",
            "without #endif",
        ),
    ],
)
def test_loader_checks_hidden_cases(tmp_path, tests, harness, message):
    ex = write_exercise(tmp_path / "ex", tests=tests, harness=harness)
    with pytest.raises(ExerciseError, match=message):
        load_exercise(ex)
