"""Hostile submissions against the real sandbox (issue 4's list).

Every case must end with a sensible verdict within its limits, leave no
container behind (the `docker` fixture checks it), leak nothing into the
trace, and never pass.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

import grader
from grader.contract import Limits

from .conftest import ROOT, write_exercise, write_submission

pytestmark = pytest.mark.docker

# Everything the hostile programs call, so that the runtime protections (not
# the allowed-functions stage) are what gets tested.
ALLOWED = (
    "write",
    "read",
    "open",
    "close",
    "fork",
    "malloc",
    "memset",
    "exit",
    "_exit",
    "sleep",
    "setsid",
    "signal",
    "getpid",
    "getppid",
    "kill",
    "pthread_create",
    "pthread_join",
    "socket",
    "connect",
    "htons",
    "inet_addr",
    "getuid",
    "geteuid",
    "setuid",
    "setgid",
    "opendir",
    "readdir",
    "closedir",
    "strcmp",
    "strstr",
    "strlen",
    "strncmp",
    "snprintf",
    "lseek",
    "getenv",
    "puts",
    "printf",
    "fputs",
    "fflush",
    "usleep",
    "mkdir",
    "unlink",
    "execve",
    "execl",
    "system",
    "dprintf",
    "calloc",
    "free",
    "atoi",
    "stat",
    "lstat",
    "perror",
    "alarm",
    "nanosleep",
    "raise",
    "abort",
    "memcpy",
    "strcpy",
    "strcat",
    "ptrace",
    "prctl",
    "chroot",
    "mount",
    "sprintf",
    "__errno_location",
    "fopen",
    "fgets",
    "fclose",
    "sysconf",
    "environ",
    "memmem",
    "chmod",
    "pause",
    "access",
)
EXPECTED_A = """
[[tests]]
name = "prints a"
stdout = "a"

[[tests]]
name = "prints a again"
stdout = "a"
"""

SECRET_ENV = "SCHOOL101_HOST_SECRET_VALUE_93417"


def grade_source(
    tmp_path,
    source: str,
    *,
    tests: str = EXPECTED_A,
    limits: str = "",
    extra: dict[str, bytes] | None = None,
):
    ex = write_exercise(tmp_path / "ex", tests=tests, allowed=ALLOWED, limits=limits, extra=extra)
    sub = write_submission(tmp_path / "sub", {"hostile.c": source})
    started = time.monotonic()
    verdict = grader.grade(grader.load_exercise(ex), sub)
    elapsed = time.monotonic() - started
    assert not verdict.passed and verdict.status != "ok"
    assert verdict.score == 0
    assert str(tmp_path) not in verdict.trace, "a host path leaked into the trace"
    assert SECRET_ENV not in verdict.trace
    json.dumps(verdict.to_dict())
    return verdict, elapsed


@pytest.fixture(autouse=True)
def host_secret(monkeypatch):
    """A host environment value that must never reach the sandbox nor the trace."""
    monkeypatch.setenv("SCHOOL101_TEST_SECRET", SECRET_ENV)


def test_fork_bomb(tmp_path, docker):
    src = """#include <unistd.h>
int ft_run(int argc, char **argv)
{
    (void)argc; (void)argv;
    while (1)
        fork();
    return 0;
}
"""
    verdict, elapsed = grade_source(tmp_path, src)
    assert verdict.status in ("timeout", "crash", "memory_limit")
    assert elapsed < 15


def test_daemonised_orphan_ignoring_sigterm(tmp_path, docker):
    src = """#include <unistd.h>
#include <signal.h>
int ft_run(int argc, char **argv)
{
    (void)argc; (void)argv;
    if (fork() == 0)
    {
        setsid();
        signal(SIGTERM, SIG_IGN);
        signal(SIGHUP, SIG_IGN);
        if (fork() == 0)
            while (1)
                write(1, "z", 1);
        _exit(0);
    }
    return 0;
}
"""
    verdict, elapsed = grade_source(tmp_path, src)
    assert verdict.status in ("wrong_output", "output_limit")
    assert elapsed < 10


def test_busy_loop(tmp_path, docker):
    src = """int ft_run(int argc, char **argv)
{
    volatile unsigned long i = 0;
    (void)argc; (void)argv;
    while (1)
        i++;
    return 0;
}
"""
    verdict, elapsed = grade_source(tmp_path, src, limits="wall_seconds = 1")
    assert verdict.status == "timeout"
    assert [t.status for t in verdict.tests] == ["timeout", "timeout"]
    assert "skipped after a timeout" in verdict.trace
    assert elapsed < 8


def test_sleep(tmp_path, docker):
    src = """#include <unistd.h>
int ft_run(int argc, char **argv)
{
    (void)argc; (void)argv;
    sleep(1000);
    write(1, "a", 1);
    return 0;
}
"""
    verdict, elapsed = grade_source(tmp_path, src, limits="wall_seconds = 1")
    assert verdict.status == "timeout"
    assert elapsed < 8


def test_multithreaded_burn(tmp_path, docker):
    src = """#include <pthread.h>
static void *burn(void *arg)
{
    volatile unsigned long i = 0;
    (void)arg;
    while (1)
        i++;
    return 0;
}
int ft_run(int argc, char **argv)
{
    pthread_t t[16];
    int i;
    (void)argc; (void)argv;
    for (i = 0; i < 16; i++)
        pthread_create(&t[i], 0, burn, 0);
    burn(0);
    return 0;
}
"""
    verdict, elapsed = grade_source(tmp_path, src, limits="wall_seconds = 1")
    assert verdict.status == "timeout"
    assert elapsed < 8


def test_memory_bomb(tmp_path, docker):
    src = """#include <stdlib.h>
#include <string.h>
int ft_run(int argc, char **argv)
{
    (void)argc; (void)argv;
    while (1)
    {
        char *p = malloc(1 << 20);
        if (p)
            memset(p, 1, 1 << 20);
    }
    return 0;
}
"""
    verdict, elapsed = grade_source(tmp_path, src)
    assert verdict.status == "memory_limit"
    assert "memory_limit" in {t.status for t in verdict.tests}
    assert elapsed < 15


def test_stack_overflow(tmp_path, docker):
    src = """static int deep(volatile int n)
{
    volatile char pad[256];
    pad[0] = (char)n;
    if (n < 0)
        return 0;
    return deep(n + 1) + pad[0];
}
int ft_run(int argc, char **argv)
{
    (void)argv;
    return deep(argc);
}
"""
    verdict, _ = grade_source(tmp_path, src)
    assert verdict.status == "crash", verdict.trace
    assert "SIGSEGV" in verdict.trace


@pytest.mark.parametrize("fd", [1, 2])
def test_output_floods(tmp_path, docker, fd):
    src = f"""#include <unistd.h>
int ft_run(int argc, char **argv)
{{
    char buf[4096];
    int i;
    (void)argc; (void)argv;
    for (i = 0; i < 4096; i++)
        buf[i] = 'a';
    while (1)
        write({fd}, buf, sizeof buf);
    return 0;
}}
"""
    verdict, elapsed = grade_source(tmp_path, src)
    assert verdict.status == "output_limit"
    assert len(verdict.trace) < 20000
    assert elapsed < 8


def test_output_limit_counts_stdout_and_stderr_together(tmp_path, docker):
    """40 KB on each stream stays under 64 KB each, but not together: the cap is per test run."""
    src = """#include <unistd.h>
int ft_run(int argc, char **argv)
{
    char buf[1024];
    int i;
    (void)argc; (void)argv;
    for (i = 0; i < 1024; i++)
        buf[i] = 'b';
    for (i = 0; i < 40; i++)
    {
        write(1, buf, sizeof buf);
        write(2, buf, sizeof buf);
    }
    return 0;
}
"""
    verdict, _ = grade_source(tmp_path, src)
    assert verdict.status == "output_limit", verdict.trace


def test_filling_the_disk(tmp_path, docker):
    src = """#include <fcntl.h>
#include <unistd.h>
#include <stdio.h>
int ft_run(int argc, char **argv)
{
    static char buf[1 << 16];
    const char *paths[] = {"/work/fill", "/tmp/fill", "/fill", "/dev/shm/fill"};
    int i;
    (void)argc; (void)argv;
    for (i = 0; i < 4; i++)
    {
        int fd = open(paths[i], O_WRONLY | O_CREAT, 0644);
        if (fd < 0)
            continue;
        while (write(fd, buf, sizeof buf) > 0)
            ;
        close(fd);
    }
    write(1, "filled", 6);
    return 0;
}
"""
    verdict, elapsed = grade_source(tmp_path, src)
    assert verdict.status in ("wrong_output", "crash")  # ENOSPC or SIGXFSZ
    assert elapsed < 15


@pytest.mark.parametrize(
    "bomb",
    [
        '#include "/dev/zero"\n',
        '#include "/dev/urandom"\n',
        "#include __FILE__\n#include __FILE__\n",
        (
            '#define A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"\n'
            "#define B A A A A A A A A A A A A A A A A\n#define C B B B B B B B B B B B B B B B B\n"
            "#define D C C C C C C C C C C C C C C C C\n#define E D D D D D D D D D D D D D D D D\n"
            "#define F E E E E E E E E E E E E E E E E\n#define G F F F F F F F F F F F F F F F F\n"
            "const char *s = G;\nint ft_run(int c, char **v) { (void)c; (void)v; return s[0]; }\n"
        ),
    ],
)
def test_compile_time_bombs(tmp_path, docker, bomb):
    verdict, elapsed = grade_source(tmp_path, bomb)
    assert verdict.status == "compile_error"
    assert verdict.tests == ()
    assert elapsed < Limits().compile_seconds + 8


def test_reading_the_environment(tmp_path, docker):
    src = """#include <unistd.h>
#include <string.h>
extern char **environ;
int ft_run(int argc, char **argv)
{
    char **e;
    (void)argc; (void)argv;
    for (e = environ; *e; e++)
    {
        write(1, *e, strlen(*e));
        write(1, ";", 1);
    }
    return 0;
}
"""
    tests = """
[[tests]]
name = "env"
stdout = "a"
env = { FT_USER = "visible" }
"""
    verdict, _ = grade_source(tmp_path, src, tests=tests)
    assert verdict.status == "wrong_output"
    got = next(ln for ln in verdict.trace.splitlines() if ln.strip().startswith("got:"))
    for name in ("PATH=", "HOME=/work", "LANG=C.UTF-8", "FT_USER=visible"):
        assert name in got or got.endswith('..."...') or "..." in got
    assert "SCHOOL101_TEST_SECRET" not in verdict.trace
    assert "DOCKER" not in verdict.trace and "VIRTUAL_ENV" not in verdict.trace


def test_searching_for_tests_and_references(tmp_path, docker):
    marker = "S3CR" + "ET-EXPECTED-93"
    src = r"""#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
static int found = 0;
static void scan(const char *dir, int depth)
{
    DIR *d;
    struct dirent *e;
    char path[4096];
    char buf[8192];
    char want[32];
    if (depth > 12 || !(d = opendir(dir)))
        return;
    snprintf(want, sizeof want, "%s%s", "S3CR", "ET-EXPECTED-93");
    while ((e = readdir(d)))
    {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || !strcmp(e->d_name, "proc")
            || !strcmp(e->d_name, "sys"))
            continue;
        snprintf(path, sizeof path, "%s/%s", strcmp(dir, "/") ? dir : "", e->d_name);
        if (e->d_type == DT_DIR)
            scan(path, depth + 1);
        else if (e->d_type == DT_REG && strcmp(path, "/work/hostile.c"))
        {
            int fd = open(path, O_RDONLY);
            ssize_t n;
            if (fd < 0)
                continue;
            /* The planted secrets are tiny files: the head of each file is
               enough, and skipping the bulk of the toolchain keeps the walk
               short on a slow machine. */
            if ((n = read(fd, buf, sizeof buf - 1)) > 0 && memmem(buf, n, want, strlen(want)))
                found = 1;
            close(fd);
        }
    }
    closedir(d);
}
int ft_run(int argc, char **argv)
{
    (void)argc; (void)argv;
    scan("/", 0);
    write(1, found ? "FOUND" : "nothing", found ? 5 : 7);
    return 0;
}
"""
    tests = f'''
[[tests]]
name = "hidden expected output"
stdout_file = "tests/out/secret.txt"
hidden = true

[[tests]]
name = "visible"
stdout = "{marker}"
'''
    verdict, _ = grade_source(
        tmp_path,
        src,
        tests=tests,
        extra={"tests/out/secret.txt": marker.encode(), "reference/hostile.c": marker.encode()},
        # The walk takes about a second here and more on a loaded CI machine; a
        # timeout would not tell whether the secret was reachable.
        limits="wall_seconds = 30",
    )
    assert verdict.status == "wrong_output"
    assert 'got:      "nothing"' in verdict.trace
    assert "FOUND" not in verdict.trace


def test_running_as_root_and_privileges(tmp_path, docker):
    src = """#include <unistd.h>
#include <sys/mount.h>
int ft_run(int argc, char **argv)
{
    (void)argc; (void)argv;
    if (getuid() == 0 || geteuid() == 0 || setuid(0) == 0 || setgid(0) == 0
        || chroot("/tmp") == 0 || mount("none", "/tmp", "tmpfs", 0, 0) == 0)
        write(1, "root", 4);
    else
        write(1, "user", 4);
    return 0;
}
"""
    tests = """
[[tests]]
name = "root"
stdout = "root"
"""
    verdict, _ = grade_source(tmp_path, src, tests=tests)
    assert verdict.status == "wrong_output"
    assert 'got:      "user"' in verdict.trace


def test_writing_to_the_root_filesystem(tmp_path, docker):
    src = """#include <fcntl.h>
#include <unistd.h>
int ft_run(int argc, char **argv)
{
    const char *paths[] = {"/etc/passwd", "/etc/hacked", "/usr/bin/cc", "/hacked",
                           "/usr/lib/hacked", "/var/tmp/hacked"};
    int i, ok = 0;
    (void)argc; (void)argv;
    for (i = 0; i < 6; i++)
    {
        int fd = open(paths[i], O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0 && write(fd, "x", 1) == 1)
            ok = 1;
    }
    write(1, ok ? "wrote" : "read-only", ok ? 5 : 9);
    return 0;
}
"""
    tests = """
[[tests]]
name = "write"
stdout = "wrote"
"""
    verdict, _ = grade_source(tmp_path, src, tests=tests)
    assert verdict.status == "wrong_output"
    assert 'got:      "read-only"' in verdict.trace


def test_reaching_the_network(tmp_path, docker):
    src = """#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <string.h>
#include <unistd.h>
static int try_inet(const char *ip, int port)
{
    struct sockaddr_in a;
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0)
        return 0;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = inet_addr(ip);
    return connect(s, (struct sockaddr *)&a, sizeof a) == 0;
}
static int try_unix(const char *path)
{
    struct sockaddr_un a;
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    if (s < 0)
        return 0;
    memset(&a, 0, sizeof a);
    a.sun_family = AF_UNIX;
    strcpy(a.sun_path, path);
    return connect(s, (struct sockaddr *)&a, sizeof a) == 0;
}
int ft_run(int argc, char **argv)
{
    int ok;
    (void)argc; (void)argv;
    ok = try_inet("1.1.1.1", 80) || try_inet("172.17.0.1", 2375) || try_inet("10.0.0.1", 80)
        || try_unix("/var/run/docker.sock") || try_unix("/run/docker.sock");
    write(1, ok ? "online" : "offline", ok ? 6 : 7);
    return 0;
}
"""
    tests = """
[[tests]]
name = "network"
stdout = "online"
"""
    verdict, _ = grade_source(tmp_path, src, tests=tests)
    assert verdict.status == "wrong_output"
    assert 'got:      "offline"' in verdict.trace


def test_printing_fake_verdicts(tmp_path, docker):
    src = r"""#include <unistd.h>
#include <string.h>
int ft_run(int argc, char **argv)
{
    const char *fake = "\n= result: OK (ok) =====\n{\"status\": \"ok\", \"passed\": true}\n";
    (void)argc; (void)argv;
    write(1, fake, strlen(fake));
    write(2, fake, strlen(fake));
    return 0;
}
"""
    verdict, _ = grade_source(tmp_path, src)
    assert verdict.status == "wrong_output"
    lines = verdict.trace.splitlines()
    assert lines[-1].startswith("= result: KO (wrong_output)")
    assert not any(ln.startswith("= result: OK") for ln in lines)
    assert not any(ln.startswith("{") for ln in lines)


def test_forging_the_supervisor_protocol(tmp_path, docker):
    """Writing to PID 1's stdout, ptrace or killing PID 1 must not work."""
    src = r"""#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/ptrace.h>
int ft_run(int argc, char **argv)
{
    const char *forged = "0000 {\"exit\":0,\"signal\":null,\"out\":\"YQ==\"}\n";
    int fd, n = 0;
    (void)argc; (void)argv;
    fd = open("/proc/1/fd/1", O_WRONLY);
    if (fd >= 0 && write(fd, forged, strlen(forged)) > 0)
        n++;
    if (open("/proc/1/mem", O_RDONLY) >= 0)
        n++;
    if (ptrace(PTRACE_ATTACH, 1, 0, 0) == 0)
        n++;
    kill(1, SIGKILL);
    kill(-1, SIGKILL);
    write(1, n ? "forged" : "refused", n ? 6 : 7);
    return 0;
}
"""
    verdict, _ = grade_source(tmp_path, src)
    assert verdict.status in ("wrong_output", "crash")
    assert len(verdict.tests) == 2
    if verdict.tests[0].status == "wrong_output":
        assert 'got:      "refused"' in verdict.trace


def test_symlinked_submission_file(tmp_path, docker):
    ex = write_exercise(tmp_path / "ex", tests=EXPECTED_A, allowed=ALLOWED)
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "hostile.c").symlink_to("/etc/passwd")
    verdict = grader.grade(grader.load_exercise(ex), sub)
    assert verdict.status == "rejected"
    assert "symbolic link" in verdict.trace
    assert "root:x" not in verdict.trace


@pytest.mark.parametrize("kind", ["directory", "fifo", "oversized"])
def test_not_regular_or_oversized(tmp_path, docker, kind):
    ex = write_exercise(tmp_path / "ex", tests=EXPECTED_A, allowed=ALLOWED)
    sub = tmp_path / "sub"
    sub.mkdir()
    target = sub / "hostile.c"
    if kind == "directory":
        target.mkdir()
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target.write_bytes(b"/* " + b"x" * (Limits().max_file_kb * 1024 + 10) + b" */\n")
    started = time.monotonic()
    verdict = grader.grade(grader.load_exercise(ex), sub)
    assert verdict.status == "rejected"
    assert time.monotonic() - started < 5


def test_hostile_names_and_many_files(tmp_path, docker):
    """Only listed files are taken: thousands of others and odd names are ignored."""
    ex = write_exercise(tmp_path / "ex", tests=EXPECTED_A, allowed=ALLOWED)
    sub = write_submission(
        tmp_path / "sub",
        {
            "hostile.c": (
                "#include <unistd.h>\nint ft_run(int c, char **v)\n"
                '{ (void)c; (void)v; write(1, "a", 1); return 0; }\n'
            )
        },
    )
    for i in range(3000):
        (sub / f"junk{i}.c").write_text("#error must not be compiled\n")
    for odd in ["-rf", "$(reboot)", "a b;c", "x\ny.c", ".hidden.c", "--output=x"]:
        (sub / odd).write_text("#error must not be compiled\n")
    (sub / "evil.c").symlink_to("/etc/shadow")
    started = time.monotonic()
    verdict = grader.grade(grader.load_exercise(ex), sub)
    assert verdict.status == "ok", verdict.trace  # the control: a right answer still passes
    assert time.monotonic() - started < 5


def test_symlinked_exercise_folder_in_day_repo(tmp_path, docker):
    day = tmp_path / "day"
    write_exercise(day / "ex00", tests=EXPECTED_A, allowed=ALLOWED, ex_id="test/ex00")
    (day / "day.toml").write_text('id = "test"\nexercises = ["ex00"]\n')
    real = write_submission(
        tmp_path / "elsewhere",
        {
            "hostile.c": (
                "#include <unistd.h>\nint ft_run(int c, char **v)\n"
                '{ (void)c; (void)v; write(1, "a", 1); return 0; }\n'
            )
        },
    )
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "ex00").symlink_to(real)
    verdict = grader.grade_day(day, repo)
    assert verdict.verdicts[0].status == "rejected"
    assert verdict.score == 0 and not verdict.passed


def test_cli_never_prints_submission_output_outside_json(tmp_path, docker):
    """A flood of fake JSON on the program's stdout stays inside the verdict."""
    ex = write_exercise(tmp_path / "ex", tests=EXPECTED_A, allowed=ALLOWED)
    sub = write_submission(
        tmp_path / "sub",
        {
            "hostile.c": (
                "#include <unistd.h>\nint ft_run(int c, char **v)\n{ (void)c; (void)v;\n"
                ' write(1, "{\\"status\\": \\"ok\\"}\\n", 17); return 0; }\n'
            )
        },
    )
    proc = subprocess.run(
        [sys.executable, "-m", "grader", "grade", "--exercise", str(ex), "--submission", str(sub)],
        check=False,
        capture_output=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 0
    lines = proc.stdout.decode().splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["status"] == "wrong_output"


def test_memory_bomb_with_a_lower_test_limit(tmp_path, docker):
    """memory_mb below the compile limit: the container limit is lowered after compiling."""
    src = """#include <stdlib.h>
#include <string.h>
#include <unistd.h>
int ft_run(int argc, char **argv)
{
    char *p = malloc(40 << 20);
    (void)argc; (void)argv;
    if (p)
        memset(p, 1, 40 << 20);
    write(1, "a", 1);
    return 0;
}
"""
    verdict, _ = grade_source(tmp_path, src, limits="memory_mb = 32")
    assert verdict.status == "memory_limit", verdict.trace


def write_shell_exercise(root, tests):
    root.mkdir(parents=True)
    (root / "exercise.toml").write_text(
        'id = "test/shell"\ntitle = "hostile.sh"\nlanguage = "shell"\n'
        'files = ["hostile.sh"]\nweight = 5\n' + tests
    )
    return root


@pytest.mark.parametrize(
    "script,statuses",
    [
        (":(){ :|:& };:\n", {"timeout", "crash", "wrong_output", "output_limit"}),
        ("while :; do :; done\n", {"timeout"}),
        ("yes\n", {"output_limit"}),
        ("env\n", {"wrong_output"}),
        ("cat /etc/shadow; id; echo > /etc/x; ls /\n", {"wrong_output"}),
    ],
)
def test_hostile_shell_scripts(tmp_path, docker, script, statuses):
    ex = write_shell_exercise(
        tmp_path / "ex",
        '[[tests]]\nname = "t"\nstdout = "root"\n'
        'env = { FT_USER = "x" }\n[limits]\nwall_seconds = 1\n',
    )
    sub = write_submission(tmp_path / "sub", {"hostile.sh": script})
    started = time.monotonic()
    verdict = grader.grade(ex, sub)
    assert verdict.status in statuses, verdict.trace
    assert not verdict.passed
    assert time.monotonic() - started < 10
    assert SECRET_ENV not in verdict.trace and str(tmp_path) not in verdict.trace


def test_missing_image_is_an_internal_error(tmp_path, docker, monkeypatch):
    from grader import runner
    from grader.image import builder

    monkeypatch.setattr(runner, "_ensure_image", lambda: None)
    monkeypatch.setattr(builder, "image_tag", lambda: "school101-grader:missing-for-test")
    ex = write_exercise(tmp_path / "ex", tests=EXPECTED_A, allowed=ALLOWED)
    sub = write_submission(tmp_path / "sub", {"hostile.c": "int ft_run(int c, char **v);\n"})
    verdict = grader.grade(grader.load_exercise(ex), sub)
    assert verdict.status == "internal_error" and not verdict.passed
    assert "infrastructure" in verdict.trace
    assert grader.sandbox_available() is False


def test_day_exercises_share_nothing_through_a_reused_sandbox(tmp_path, docker):
    """grade_day reuses one container per candidate: leftovers of ex00 must be gone in ex01."""
    day = tmp_path / "day"
    write_exercise(day / "ex00", tests=EXPECTED_A, allowed=ALLOWED, ex_id="test/ex00")
    write_exercise(
        day / "ex01",
        tests='[[tests]]\nname = "clean"\nstdout = "clean"\n',
        allowed=ALLOWED,
        ex_id="test/ex01",
    )
    (day / "day.toml").write_text('id = "test"\nexercises = ["ex00", "ex01"]\n')
    repo = tmp_path / "repo"
    write_submission(
        repo / "ex00",
        {
            "hostile.c": r"""#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
int ft_run(int argc, char **argv)
{
    (void)argc; (void)argv;
    close(open("/tmp/left", O_WRONLY | O_CREAT, 0644));
    mkdir("/work/left", 0755);
    mkdir("/work/left/locked", 0755);
    close(open("/work/left/locked/f", O_WRONLY | O_CREAT, 0644));
    chmod("/work/left/locked", 0);
    chmod("/work/left", 0);
    if (fork() == 0)
    {
        setsid();
        signal(SIGTERM, SIG_IGN);
        while (1)
            pause();
    }
    write(1, "a", 1);
    return 0;
}
"""
        },
    )
    write_submission(
        repo / "ex01",
        {
            "hostile.c": r"""#include <dirent.h>
#include <unistd.h>
int ft_run(int argc, char **argv)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    int pids = 0;
    (void)argc; (void)argv;
    while ((e = readdir(d)))
        if (e->d_name[0] >= '0' && e->d_name[0] <= '9')
            pids++;
    if (pids == 2 && access("/tmp/left", F_OK) != 0 && access("/work/left", F_OK) != 0
        && access("/work/a.out", F_OK) == 0)
        write(1, "clean", 5);
    else
        write(1, "dirty", 5);
    return 0;
}
"""
        },
    )
    verdict = grader.grade_day(day, repo)
    assert [v.status for v in verdict.verdicts] == ["ok", "ok"], verdict.verdicts[-1].trace
    assert verdict.passed and verdict.score == 20


def test_stopped_process_is_a_timeout(tmp_path, docker):
    src = """#include <signal.h>
#include <unistd.h>
int ft_run(int argc, char **argv)
{
    (void)argc; (void)argv;
    raise(SIGSTOP);
    write(1, "a", 1);
    return 0;
}
"""
    verdict, elapsed = grade_source(tmp_path, src, limits="wall_seconds = 1")
    assert verdict.status == "timeout", verdict.trace
    assert elapsed < 8


def test_norminette_bomb(tmp_path, docker):
    """A file that keeps norminette busy for minutes costs at most the norm timeout."""
    ex = write_exercise(tmp_path / "ex", tests=EXPECTED_A, allowed=ALLOWED, norm=True)
    sub = write_submission(tmp_path / "sub", {"hostile.c": "{" * 60000})
    started = time.monotonic()
    verdict = grader.grade(grader.load_exercise(ex), sub)
    assert verdict.status == "norm_error" and not verdict.passed
    assert not verdict.norm.passed
    assert time.monotonic() - started < Limits().norm_seconds + 10
