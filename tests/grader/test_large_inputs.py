"""Tests with large inputs (weeks 3-4): generated inputs, digests, per-test limits, `after`.

What a content author declares (`generate`, `stdout_sha256`, `wall_seconds`, `output_kb`,
`after`) and what a candidate reads in the trace. One exercise holds every case, graded
three times (a right, a wrong and a slow program); the loader is tested without Docker.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import grader
from grader.exercise import ExerciseError, load_exercise
from grader.trace import escape

from .conftest import write_exercise, write_submission
from .test_programs import blocks

GENERATOR = """\
import hashlib
import sys

name, size, seed = sys.argv[1], int(sys.argv[2]), sys.argv[3].encode()
with open(name, "wb") as out:
    out.write(seed + b"\\n")
    i = 0
    while size > 0:
        block = (hashlib.sha256(seed + str(i).encode()).digest() * 2048)[:size]
        out.write(block)
        size -= len(block)
        i += 1
"""

BIG = 25_000_000  # more than the default file size limit (4 MB) and output cap (64 KB)
HIDDEN_MARK = "HIDDEN-" + "MARK-4242"  # the hidden test's generated data: never in a trace

PROGRAM = r"""#include <fcntl.h>
#include <unistd.h>

static void	put(const char *s)
{
	int	n;

	n = 0;
	while (s[n])
		n++;
	write(1, s, n);
}

static int	number(const char *s)
{
	int	n;

	n = 0;
	while (*s >= '0' && *s <= '9')
		n = n * 10 + *s++ - '0';
	return (n);
}

static void	cat(const char *path)
{
	char	buf[65536];
	int		fd;
	int		n;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return ;
	put(PREFIX);
	n = read(fd, buf, sizeof(buf));
	while (n > 0)
	{
		write(1, buf, n);
		n = read(fd, buf, sizeof(buf));
	}
	close(fd);
}

static void	many(int n)
{
	char	buf[4096];
	int		i;

	i = 0;
	while (i < 4096)
		buf[i++] = 'a';
	n = n * TIMES;
	while (n > 0)
	{
		write(1, buf, n < 4096 ? n : 4096);
		n -= 4096;
	}
}

int	main(int argc, char **argv)
{
	int	fd;

	if (argc < 2)
		return (1);
	if (argv[1][0] == 'c' && argc > 2)
		cat(argv[2]);
	else if (argv[1][0] == 'm' && argc > 2)
		many(number(argv[2]));
	else if (argv[1][0] == 'w')
	{
		fd = open("out.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
		write(fd, WRITTEN, sizeof(WRITTEN) - 1);
		close(fd);
		put("main\n");
	}
	else if (argv[1][0] == 's')
	{
		while (SPIN)
			;
		usleep(1300000);
		put("slept\n");
	}
	return (0);
}
"""


def program(*, prefix="", times=1, written="from-program\\n", spin=0) -> str:
    """The candidate's p.c; the wrong and slow ones differ in these values."""
    return (
        f'#define PREFIX "{prefix}"\n#define TIMES {times}\n#define WRITTEN "{written}"\n'
        f"#define SPIN {spin}\n" + PROGRAM
    )


def generated(tmp: Path, size: int, seed: str) -> bytes:
    """What the generator makes in the sandbox, made here with the host's python3."""
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "gen.py").write_text(GENERATOR)
    subprocess.run(
        [sys.executable, "gen.py", "data", str(size), seed], cwd=tmp, check=True, timeout=60
    )
    return (tmp / "data").read_bytes()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def declared_tests(big_digest: str, hidden_digest: str) -> str:
    return f"""
[[tests]]
name = "large generated file"
generate = ["tests/gen.py", "big.bin", "{BIG}", "visible-seed"]
args = ["cat", "big.bin"]
stdout_sha256 = "{big_digest}"
output_kb = 30000
wall_seconds = 10

[[tests]]
name = "output over the exercise cap"
args = ["many", "150000"]
stdout_sha256 = "{sha(b"a" * 150000)}"
output_kb = 200

[[tests]]
name = "output under a smaller cap"
args = ["many", "3000"]
stdout_sha256 = "{sha(b"a" * 3000)}"
output_kb = 4

[[tests]]
name = "after in /work"
args = ["write"]
after = "cat out.txt; pwd"
stdout = "main\\nfrom-program\\n/work\\n"

[[tests]]
name = "after in a workdir"
args = ["write"]
workdir = "tests/fx"
after = "cat out.txt; ls; pwd"
stdout = "main\\nfrom-program\\ndata.txt\\nout.txt\\n/work/run\\n"

[[tests]]
name = "slower than the exercise allows"
args = ["sleep"]
stdout = "slept\\n"
wall_seconds = 2.5

[[tests]]
name = "hidden generated file"
generate = ["tests/gen.py", "big.bin", "1000000", "{HIDDEN_MARK}"]
args = ["cat", "big.bin"]
stdout_sha256 = "{hidden_digest}"
output_kb = 2000
hidden = true
"""


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, bytes]:
    root = tmp_path_factory.mktemp("generated")
    return {
        "big": generated(root / "big", BIG, "visible-seed"),
        "hidden": generated(root / "hidden", 1_000_000, HIDDEN_MARK),
    }


def large_exercise(root: Path, inputs: dict[str, bytes]) -> Path:
    ex = write_exercise(
        root,
        tests=declared_tests(sha(inputs["big"]), sha(inputs["hidden"])),
        allowed=("open", "read", "write", "close", "usleep"),
        files=("p.c",),
        ex_id="test/large",
        # the exercise's own limits: 1 s, 64 KB; room in the tmpfs for the generated file
        limits="wall_seconds = 1\nmemory_mb = 256\ntmpfs_mb = 64",
        extra={"tests/gen.py": GENERATOR.encode(), "tests/fx/data.txt": b"x"},
    )
    toml = (ex / "exercise.toml").read_text().replace('harness = ["tests/main.c"]', "harness = []")
    (ex / "exercise.toml").write_text(toml)
    (ex / "tests" / "main.c").unlink()
    return ex


def graded(tmp_path: Path, inputs: dict[str, bytes], **variant) -> grader.Verdict:
    ex = large_exercise(tmp_path / "ex", inputs)
    return grader.grade(ex, write_submission(tmp_path / "sub", {"p.c": program(**variant)}))


def _no_hidden_data(trace: str, inputs: dict[str, bytes]) -> None:
    assert HIDDEN_MARK not in trace
    assert sha(inputs["hidden"]) not in trace and sha(inputs["big"]) not in trace
    assert escape(inputs["hidden"][:20]) not in trace


@pytest.mark.docker
def test_right_program_passes_generated_and_limited_tests(tmp_path, docker, inputs):
    v = graded(tmp_path, inputs)
    assert v.status == "ok" and v.passed, v.trace
    # passing means: a 25 MB input was generated in the sandbox (over the 4 MB file size
    # limit of programs) and the whole output hashed (over the 64 KB cap, under its own);
    # `after` ran in the program's cwd and its stdout was appended; a test of 1.3 s passed
    # under its own wall time (the exercise's is 1 s)
    assert all(t.status == "ok" for t in v.tests), v.trace
    assert '$> test 7/7 "hidden generated file" ... OK' in v.trace
    _no_hidden_data(v.trace, inputs)


@pytest.mark.docker
def test_wrong_program_trace(tmp_path, docker, inputs):
    v = graded(tmp_path, inputs, prefix="X", times=3, written="from-wrong\\n")
    assert v.status == "wrong_output", v.trace
    assert {t.name: t.status for t in v.tests} == {
        "large generated file": "wrong_output",
        "output over the exercise cap": "output_limit",
        "output under a smaller cap": "output_limit",
        "after in /work": "wrong_output",
        "after in a workdir": "wrong_output",
        "slower than the exercise allows": "ok",
        "hidden generated file": "wrong_output",
    }, v.trace
    found = blocks(v.trace)
    # a wrong digest: the start of the candidate's output (60 bytes), never the expected data
    out_start = escape((b"X" + inputs["big"])[:60])
    assert found["large generated file"][1:] == [
        "   stdout differs (compared by its SHA-256: it is too large)",
        "   arguments: 'cat' 'big.bin'",
        f'   your output starts with: "{out_start}"',
    ], v.trace
    assert "expected" not in "\n".join(found["large generated file"])
    # each test's own output cap, in its message
    assert (
        "   printed more than 200 KB (stdout and stderr)" in found["output over the exercise cap"]
    )
    assert "   printed more than 4 KB (stdout and stderr)" in found["output under a smaller cap"]
    # what `after` printed is part of the compared output
    for name in ("after in /work", "after in a workdir"):
        shown = "\n".join(found[name])
        assert "expected: " in shown and "from-program" in shown, shown
        assert "got:      " in shown and "from-wrong" in shown, shown
    # a hidden test: its name and status only
    assert found["hidden generated file"] == [
        '$> test 7/7 "hidden generated file" ... KO (wrong_output)',
        "   stdout differs (compared by its SHA-256: it is too large)",
        "   hidden test: its data and expected output are not shown",
    ], v.trace
    assert "your output starts with" not in "\n".join(found["hidden generated file"])
    _no_hidden_data(v.trace, inputs)


@pytest.mark.docker
def test_slow_program_is_too_slow_for_its_test(tmp_path, docker, inputs):
    v = graded(tmp_path, inputs, spin=1)
    assert v.status == "timeout", v.trace
    found = blocks(v.trace)
    assert found["slower than the exercise allows"] == [
        '$> test 6/7 "slower than the exercise allows" ... KO (timeout)',
        "   too slow: did not finish within 2.5 s",
    ], v.trace
    assert found["hidden generated file"] == [
        '$> test 7/7 "hidden generated file" ... not run (skipped after a timeout)'
    ]
    assert [t.status for t in v.tests[:5]] == ["ok"] * 5, v.trace


# -- loader errors (no Docker) --------------------------------------------------
def light(root: Path, test: str) -> Path:
    return write_exercise(
        root,
        tests='[[tests]]\nname = "t"\n' + textwrap.dedent(test),
        extra={"tests/gen.py": b"print()\n"},
    )


def test_loader_reads_large_input_fields(tmp_path):
    digest = "0123456789abcdef" * 4
    ex = load_exercise(
        light(
            tmp_path / "ex",
            f"""\
            generate = ["tests/gen.py", "10", "x"]
            stdout_sha256 = "{digest}"
            wall_seconds = 3
            output_kb = 120000
            """,
        )
    )
    t = ex.tests[0]
    assert t.generate == ("tests/gen.py", "10", "x") and t.stdout_sha256 == digest
    assert t.wall_seconds == 3.0 and t.output_kb == 120000
    after = load_exercise(light(tmp_path / "ex2", 'stdout = "a"\nafter = "ls"\n')).tests[0]
    assert after.after == "ls" and after.stdout_sha256 is None and after.wall_seconds is None


DIGEST = "ab" * 32


@pytest.mark.parametrize(
    "test,field",
    [
        ('stdout_sha256 = "' + "AB" * 32 + '"\n', "stdout_sha256 must be 64 lowercase hex"),
        ('stdout_sha256 = "' + "a" * 63 + '"\n', "stdout_sha256 must be 64 lowercase hex"),
        ('stdout_sha256 = "' + "g" * 64 + '"\n', "stdout_sha256 must be 64 lowercase hex"),
        ("stdout_sha256 = 1\n", "stdout_sha256 must be 64 lowercase hex"),
        (f'stdout_sha256 = "{DIGEST}"\nstdout = "x"\n', "stdout_sha256 replaces stdout"),
        (f'stdout_sha256 = "{DIGEST}"\nstdout_file = "tests/gen.py"\n', "stdout_sha256 replaces"),
        (f'stdout_sha256 = "{DIGEST}"\ncheck_stdout = false\n', "stdout_sha256 replaces stdout"),
        (f'stdout_sha256 = "{DIGEST}"\nafter = "ls"\n', "after cannot go with stdout_sha256"),
        ('after = ["ls"]\n', "after must be a shell command"),
        ("generate = []\n", "generate must list a script"),
        ('generate = "tests/gen.py"\n', "generate must list a script"),
        ('generate = ["tests/gen.py", 1]\n', "generate must list a script"),
        ('generate = ["tests/nope.py"]\n', "generate script 'tests/nope.py' is missing"),
        ('generate = ["tests"]\n', "generate script 'tests' is missing"),
        ('generate = ["../gen.py"]\n', "generate '../gen.py' leaves the exercise folder"),
        ("wall_seconds = 0\n", "wall_seconds must be a number from 0.05 to 120"),
        ("wall_seconds = 0.01\n", "wall_seconds must be a number from 0.05 to 120"),
        ("wall_seconds = 121\n", "wall_seconds must be a number from 0.05 to 120"),
        ('wall_seconds = "3"\n', "wall_seconds must be a number from 0.05 to 120"),
        ("wall_seconds = true\n", "wall_seconds must be a number from 0.05 to 120"),
        ("output_kb = 0\n", "output_kb must be an integer from 1 to 1048576"),
        ("output_kb = 1.5\n", "output_kb must be an integer from 1 to 1048576"),
        ("output_kb = 1048577\n", "output_kb must be an integer from 1 to 1048576"),
    ],
)
def test_loader_refuses_bad_large_input_fields(tmp_path, test, field):
    ex = light(tmp_path / "ex", test)
    with pytest.raises(ExerciseError) as err:
        load_exercise(ex)
    assert field in str(err.value) and "tests[0]" in str(err.value), err.value
    assert str(ex.resolve()) in str(err.value)
