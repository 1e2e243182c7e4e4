"""Program exercises (week 2 onwards): the candidate's own `main`, run as `./a.out`.

What a content author declares (`args_file`, `workdir`, `modes`, `stderr`, `exit_code`,
`check_stdout`) and what a candidate reads in the trace. One exercise holds every case,
graded twice (a right and a wrong program), so the Docker cost is two gradings.
"""

from __future__ import annotations

import contextlib
import os
import textwrap
import time
import uuid
from pathlib import Path

import pytest

import grader
from grader.exercise import ExerciseError, load_exercise

from .conftest import write_exercise, write_submission

ALLOWED = (
    "printf",
    "puts",
    "putchar",
    "fputs",
    "fwrite",
    "fprintf",
    "fflush",
    "stdout",
    "stderr",
    "fopen",
    "fread",
    "fclose",
    "opendir",
    "closedir",
    "getcwd",
    "chmod",
    "getpid",
    "strcmp",
)

# argv after ./a.out: "args", two bytes no TOML string can hold, an empty argument, "z",
# and a last empty argument (a final NUL only ends the argument before it)
RAW_ARGS = b"args\0\xff\xfe\0\0z\0\0"
RAW_OUT = b"argc=6\n[./a.out][args][\xff\xfe][][z][]\n"
SECRET = "SECRET-" + "ARG-4242"  # a hidden test's argument: never in a trace

PROGRAM = r"""#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void	show(const char *path)
{
	FILE	*f;
	char	buf[64];
	size_t	n;

	f = fopen(path, "r");
	if (!f)
	{
		printf("%s: unreadable\n", path);
		return ;
	}
	n = fread(buf, 1, sizeof(buf), f);
	printf("%s: %.*s\n", path, (int)n, buf);
	fclose(f);
}

static void	files(void)
{
	char	cwd[256];
	DIR		*d;
	FILE	*f;

	printf("%s\n", getcwd(cwd, sizeof(cwd)));
	show("data.txt");
	show("locked.txt");
	show("sub/x.txt");
	show("new.txt");
	d = opendir("closed");
	printf("closed: %s\n", d ? "open" : "unreadable");
	if (d)
		closedir(d);
	f = fopen("data.txt", "a");
	if (f)
	{
		fputs("MODIFIED", f);
		fclose(f);
	}
	f = fopen("new.txt", "w");
	if (f)
	{
		fputs("left by an earlier test", f);
		fclose(f);
	}
	chmod("sub", 0);
	chmod(".", 0555);
}

int	main(int argc, char **argv)
{
	char	cwd[256];
	int		i;

	if (argc < 2)
		return (1);
	if (!strcmp(argv[1], "args"))
	{
		printf("argc=%d\n", argc);
		for (i = FIRST; i < argc; i++)
			printf("[%s]", argv[i]);
		printf("\n");
	}
	else if (!strcmp(argv[1], "cwd"))
		printf("%s\n", getcwd(cwd, sizeof(cwd)));
	else if (!strcmp(argv[1], "files"))
		files();
	else if (!strcmp(argv[1], "err"))
	{
		printf("to-out\n");
		fflush(stdout);
		fprintf(stderr, ERR);
		return (3);
	}
	else if (!strcmp(argv[1], "exit"))
		return (EXIT);
	else if (!strcmp(argv[1], "echo"))
		printf(ECHO, argv[2]);
	else if (!strcmp(argv[1], "noise"))
		printf("pid %d %s\n", getpid(), ERR);
	return (0);
}
"""


def program(*, first=0, err="to-err\\n", exit_code=5, echo="%s\\n") -> str:
    """The candidate's p.c; the wrong one differs in the values given."""
    defines = (
        f'#define FIRST {first}\n#define ERR "{err}"\n#define EXIT {exit_code}\n'
        f'#define ECHO "{echo}"\n'
    )
    return defines + PROGRAM


def fixture_out(locked: str, closed: str, x: str = "hi", data: str = "original") -> str:
    return (
        f"/work/run\ndata.txt: {data}\nlocked.txt: {locked}\nsub/x.txt: {x}\n"
        f"new.txt: unreadable\nclosed: {closed}\n"
    )


def _toml(text: str) -> str:
    return text.encode("unicode_escape").decode()


FIXTURE_LOCKED = _toml(fixture_out("unreadable", "unreadable"))
FIXTURE_AGAIN = _toml(fixture_out("secret", "open"))
FIXTURE_OTHER = _toml(fixture_out("unreadable", "unreadable", x="unreadable", data="two"))

TESTS = f'''
[[tests]]
name = "raw arguments"
args_file = "tests/args/raw"
stdout_file = "tests/out/raw"

[[tests]]
name = "cwd without workdir"
args = ["cwd"]
stdout = "/work\\n"

[[tests]]
name = "fixture with modes"
args = ["files"]
workdir = "tests/fixtures/t1"
modes = {{ "locked.txt" = "000", "closed" = "000" }}
stdout = "{FIXTURE_LOCKED}"

[[tests]]
name = "same fixture again"
args = ["files"]
workdir = "tests/fixtures/t1"
stdout = "{FIXTURE_AGAIN}"

[[tests]]
name = "another fixture"
args = ["files"]
workdir = "tests/fixtures/t2"
stdout = "{FIXTURE_OTHER}"

[[tests]]
name = "stderr declared"
args = ["err"]
stdout = "to-out\\n"
stderr = "to-err\\n"
exit_code = 3

[[tests]]
name = "stderr not declared"
args = ["err"]
stdout = "to-out\\n"

[[tests]]
name = "exit code"
args = ["exit"]
exit_code = 5

[[tests]]
name = "stdout not checked"
args = ["noise"]
check_stdout = false
exit_code = 0

[[tests]]
name = "hidden stderr"
args = ["err"]
stdout = "to-out\\n"
stderr = "to-err\\n"
hidden = true

[[tests]]
name = "hidden exit code"
args = ["exit"]
exit_code = 5
hidden = true

[[tests]]
name = "hidden output"
args = ["echo", "{SECRET}"]
stdout = "{SECRET}\\n"
hidden = true
'''


def program_exercise(root: Path) -> Path:
    ex = write_exercise(
        root,
        tests=TESTS,
        allowed=ALLOWED,
        files=("p.c",),
        ex_id="test/program",
        extra={
            "tests/args/raw": RAW_ARGS,
            "tests/out/raw": RAW_OUT,
            "tests/fixtures/t1/data.txt": b"original",
            "tests/fixtures/t1/locked.txt": b"secret",
            "tests/fixtures/t1/sub/x.txt": b"hi",
            "tests/fixtures/t1/closed/inside.txt": b"in",
            "tests/fixtures/t2/data.txt": b"two",
        },
    )
    # a program exercise: no harness, the candidate's file holds main
    toml = (ex / "exercise.toml").read_text().replace('harness = ["tests/main.c"]', "harness = []")
    (ex / "exercise.toml").write_text(toml)
    (ex / "tests" / "main.c").unlink()
    return ex


def blocks(trace: str) -> dict[str, list[str]]:
    """Each test's trace lines (its step line and the indented lines under it), by name."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in trace.splitlines():
        if line.startswith("$> test "):
            name = line.split('"')[1]
            current = found[name] = [line]
        elif line.startswith("   ") and current is not None:
            current.append(line)
        else:
            current = None
    return found


@pytest.fixture(scope="module")
def gradings(tmp_path_factory, sandbox_image):
    """The program exercise graded with a right and a wrong program (once per module)."""
    root = tmp_path_factory.mktemp("programs")
    ex = program_exercise(root / "ex")
    right = write_submission(root / "right", {"p.c": program()})
    wrong = write_submission(
        root / "wrong", {"p.c": program(first=1, err="to-err!\\n", exit_code=4, echo="%s?\\n")}
    )
    with graded_in_own_containers():
        return grader.grade(ex, right), grader.grade(ex, wrong)


@contextlib.contextmanager
def graded_in_own_containers():
    """As the `docker` fixture, for module-wide gradings: no grading container is left."""
    from grader import sandbox

    tag = f"pytest-{os.getpid()}-{uuid.uuid4().hex[:12]}"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SCHOOL101_GRADER_TAG", tag)
        yield
    deadline = time.monotonic() + 10
    while sandbox.count_containers(tag) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert sandbox.count_containers(tag) == 0, "a grading container was left behind"


@pytest.mark.docker
def test_right_program_passes_every_test(gradings):
    v, _ = gradings
    assert v.status == "ok" and v.passed, v.trace
    assert all(t.status == "ok" for t in v.tests), v.trace
    # a program exercise compiles the candidate's file alone
    assert "$> cc -Wall -Wextra -Werror -c p.c ... OK" in v.trace
    # the fixture tests passing means: argv[0] is ./a.out with every raw byte and empty
    # argument, the cwd is /work or /work/run, modes applied per test, a fresh copy each time
    # (the first fixture test appended to data.txt, left new.txt, locked sub/ and the tree)


@pytest.mark.docker
def test_wrong_program_statuses(gradings):
    _, v = gradings
    assert v.status == "wrong_output"
    statuses = {t.name: t.status for t in v.tests}
    assert statuses == {
        "raw arguments": "wrong_output",
        "cwd without workdir": "ok",
        "fixture with modes": "ok",
        "same fixture again": "ok",
        "another fixture": "ok",
        "stderr declared": "wrong_output",
        "stderr not declared": "ok",  # its stderr differs too, but it declares none
        "exit code": "wrong_output",
        "stdout not checked": "ok",  # prints something else than the right program
        "hidden stderr": "wrong_output",
        "hidden exit code": "wrong_output",
        "hidden output": "wrong_output",
    }, v.trace


@pytest.mark.docker
def test_trace_shows_raw_arguments_and_the_diff(gradings):
    lines = blocks(gradings[1].trace)["raw arguments"]
    assert lines[0].endswith("KO (wrong_output)")
    assert "   arguments: 'args' '\\xff\\xfe' '' 'z' ''" in lines
    assert any(
        ln.startswith("   expected: ") and "[./a.out][args][\\xff\\xfe][][z][]" in ln
        for ln in lines
    )
    assert any(ln.startswith("   got:      ") and "[args][\\xff\\xfe][][z][]" in ln for ln in lines)


@pytest.mark.docker
def test_trace_shows_stderr_diff_and_exit_code_of_visible_tests(gradings):
    found = blocks(gradings[1].trace)
    err = found["stderr declared"]
    assert "   stderr differs" in err
    assert '   expected: "to-err\\n"' in err and '   got:      "to-err!\\n"' in err
    assert found["stderr not declared"] == ['$> test 7/12 "stderr not declared" ... OK']
    assert "   exit code 4, expected 5" in found["exit code"]


@pytest.mark.docker
def test_hidden_tests_show_neither_data_nor_output(gradings):
    trace = gradings[1].trace
    found = blocks(trace)
    for name, detail in (
        ("hidden stderr", "stderr differs"),
        ("hidden exit code", "wrong exit code"),
        ("hidden output", None),
    ):
        lines = found[name]
        assert lines[0].endswith("KO (wrong_output)"), lines
        assert "   hidden test: its data and expected output are not shown" in lines
        if detail:
            assert f"   {detail}" in lines
        shown = [lines[0].split('"', 2)[2], *lines[1:]]
        shown.remove("   hidden test: its data and expected output are not shown")
        text = "\n".join(shown)
        for leak in ("arguments", "expected", "got:", "to-err", "to-out", "4", "5", "echo"):
            assert leak not in text, (leak, lines)
    assert SECRET not in trace


@pytest.mark.docker
@pytest.mark.parametrize(
    "header,status",
    [
        (
            "#ifndef FT_POINT_H\n# define FT_POINT_H\n\ntypedef struct s_point\n{\n\tint\tx;\n"
            "\tint\ty;\n}\tt_point;\n\n# define ORIGIN 0\n\n#endif\n",
            "ok",
        ),
        # no include guard: the harness includes it twice, the struct is defined twice
        (
            "typedef struct s_point\n{\n\tint\tx;\n\tint\ty;\n}\tt_point;\n\n# define ORIGIN 0\n",
            "compile_error",
        ),
    ],
    ids=["guarded", "no-guard"],
)
def test_header_only_exercise(tmp_path, docker, header, status):
    harness = textwrap.dedent("""\
        #include <stdio.h>
        #include "ft_point.h"
        #include "ft_point.h"

        int main(void)
        {
            t_point p = {ORIGIN, 7};
            printf("%d %d\\n", p.x, p.y);
            return 0;
        }
        """)
    ex = write_exercise(
        tmp_path / "ex",
        tests='[[tests]]\nname = "point"\nstdout = "0 7\\n"\n',
        files=("ft_point.h",),
        harness=harness,
        ex_id="test/header",
    )
    v = grader.grade(ex, write_submission(tmp_path / "sub", {"ft_point.h": header}))
    assert v.status == status, v.trace
    if status == "ok":
        assert "$> cc -Wall -Wextra -Werror -c main.c ... OK" in v.trace
    else:
        assert "redefinition" in v.trace


# -- loader errors (no Docker) ------------------------------------------------
def program_exercise_light(root: Path, test: str, extra: dict | None = None) -> Path:
    return write_exercise(
        root,
        tests='[[tests]]\nname = "t"\n' + textwrap.dedent(test),
        extra={
            "tests/args/raw": RAW_ARGS,
            "tests/fix/a.txt": b"a",
            "tests/fix/sub/b.txt": b"b",
            **(extra or {}),
        },
    )


def test_loader_reads_program_test_fields(tmp_path):
    ex = load_exercise(
        program_exercise_light(
            tmp_path / "ex",
            """\
            args_file = "tests/args/raw"
            workdir = "tests/fix"
            modes = { "a.txt" = "000", "sub" = "0555" }
            stderr = "e"
            check_stdout = false
            """,
        )
    )
    t = ex.tests[0]
    assert t.raw_args == (b"args", b"\xff\xfe", b"", b"z", b"")
    assert t.argv_bytes() == [b"args", b"\xff\xfe", b"", b"z", b""]
    assert t.workdir == "tests/fix" and t.modes == (("a.txt", 0), ("sub", 0o555))
    assert t.stderr == b"e" and t.check_stdout is False
    plain = load_exercise(program_exercise_light(tmp_path / "plain", 'stdout = "x"\n'))
    assert plain.tests[0].stderr is None and plain.tests[0].check_stdout is True


@pytest.mark.parametrize(
    "data,args",
    [(b"a\0\0b", (b"a", b"", b"b")), (b"\0", (b"",)), (b"a\0", (b"a",)), (b"a", (b"a",))],
)
def test_args_file_splits_on_nul(tmp_path, data, args):
    ex = program_exercise_light(tmp_path / "ex", 'args_file = "tests/a"\n', extra={"tests/a": data})
    assert load_exercise(ex).tests[0].raw_args == args


def _big_fixture(n_files: int, size: int) -> dict[str, bytes]:
    return {f"tests/big/f{i}": b"x" * size for i in range(n_files)}


@pytest.mark.parametrize(
    "test,extra,field",
    [
        ('args = ["a"]\nargs_file = "tests/args/raw"\n', {}, "args or args_file"),
        ('args_file = "tests/empty"\n', {"tests/empty": b""}, "args_file is empty"),
        ('args_file = "../outside"\n', {}, "args_file"),
        ('modes = { "a.txt" = "000" }\n', {}, "modes needs a workdir"),
        ('workdir = "../.."\n', {}, "workdir"),
        ('workdir = "tests/missing"\n', {}, "workdir"),
        ('workdir = "tests/big"\n', _big_fixture(257, 1), "workdir 'tests/big' is too large"),
        ('workdir = "tests/big"\n', _big_fixture(2, 600_000), "workdir 'tests/big' is too large"),
        ('workdir = "tests/fix"\nmodes = { "a.txt" = "rw" }\n', {}, "mode of 'a.txt'"),
        ('workdir = "tests/fix"\nmodes = { "a.txt" = "999" }\n', {}, "mode of 'a.txt'"),
        ('workdir = "tests/fix"\nmodes = { "a.txt" = 0 }\n', {}, "mode of 'a.txt'"),
        ('workdir = "tests/fix"\nmodes = { "nope" = "000" }\n', {}, "'nope' is not in the workdir"),
        ('workdir = "tests/fix"\nmodes = { "../x" = "000" }\n', {}, "'../x' is not in the workdir"),
        ("check_stdout = 0\n", {}, "check_stdout must be true or false"),
        ('check_stdout = false\nstdout = "x"\n', {}, "check_stdout = false"),
        ('stderr = "a"\nstderr_file = "tests/e"\n', {"tests/e": b"a"}, "stderr or stderr_file"),
    ],
)
def test_loader_refuses_bad_program_tests(tmp_path, test, extra, field):
    ex = program_exercise_light(tmp_path / "ex", test, extra=extra)
    with pytest.raises(ExerciseError) as err:
        load_exercise(ex)
    assert field in str(err.value) and str(ex.resolve()) in str(err.value)


def test_loader_refuses_workdir_with_symlink(tmp_path):
    ex = program_exercise_light(tmp_path / "ex", 'workdir = "tests/fix"\n')
    (ex / "tests" / "fix" / "link").symlink_to("a.txt")
    with pytest.raises(ExerciseError, match=r"workdir entry 'tests/fix/link' is not a regular"):
        load_exercise(ex)
    # a workdir that is itself a symlink to a folder outside the exercise leaves it
    ex2 = program_exercise_light(tmp_path / "ex2", 'workdir = "tests/out"\n')
    (tmp_path / "elsewhere").mkdir()
    (ex2 / "tests" / "out").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(ExerciseError, match="workdir 'tests/out' leaves the exercise folder"):
        load_exercise(ex2)


def test_loader_refuses_header_only_exercise_without_c_harness(tmp_path):
    ex = write_exercise(
        tmp_path / "ex", tests='[[tests]]\nname = "t"\n', files=("ft.h",), ex_id="test/hdr"
    )
    toml = (ex / "exercise.toml").read_text()
    (ex / "exercise.toml").write_text(toml.replace('["tests/main.c"]', '["tests/ft_x.h"]'))
    (ex / "tests" / "ft_x.h").write_text('#include "ft.h"\n')
    with pytest.raises(ExerciseError, match="header-only exercise needs a .c harness"):
        load_exercise(ex)
    (ex / "exercise.toml").write_text(toml.replace('["tests/main.c"]', "[]"))
    with pytest.raises(ExerciseError, match="header-only exercise needs a .c harness"):
        load_exercise(ex)
