"""gcc compiles `printf("x\\n")` into `puts` and `printf("%c", c)` into `putchar`: when the
subject allows printf, that correct code passes; when it does not, the culprit is named."""

from __future__ import annotations

from pathlib import Path

import pytest

import grader
from tests.grader.conftest import write_exercise, write_submission

pytestmark = pytest.mark.docker

SOURCE = """#include <stdio.h>

int ft_run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("%c", 'a');
    printf("line\\n");
    return 0;
}
"""
TESTS = """
[[tests]]
name = "prints"
stdout = "aline\\n"
"""


def test_printf_allowed_accepts_what_gcc_turns_it_into(docker, tmp_path: Path):
    ex = write_exercise(tmp_path / "ex", tests=TESTS, allowed=("printf",))
    sub = write_submission(tmp_path / "sub", {"hostile.c": SOURCE})
    verdict = grader.grade(ex, sub)
    assert verdict.status == "ok", verdict.trace


def test_printf_not_allowed_names_what_the_object_calls(docker, tmp_path: Path):
    ex = write_exercise(tmp_path / "ex", tests=TESTS, allowed=("write",))
    sub = write_submission(tmp_path / "sub", {"hostile.c": SOURCE})
    verdict = grader.grade(ex, sub)
    assert verdict.status == "forbidden_function"
    assert "putchar" in verdict.trace and "puts" in verdict.trace
