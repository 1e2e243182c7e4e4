"""An engine that dies in the middle of a grading gives an infrastructure internal_error
(the app grades again later), never a verdict against the submission."""

from __future__ import annotations

import os

import pytest

import grader

from .conftest import write_exercise, write_submission
from .engine_relay import cut_when_program_runs, grader_through_relay, wait_until_gone

pytestmark = pytest.mark.docker

SLEEPER = """#include <unistd.h>
int ft_run(int argc, char **argv)
{
    (void)argc; (void)argv;
    sleep(6);
    write(1, "a", 1);
    return 0;
}
"""


def test_engine_lost_during_the_tests_is_an_infrastructure_internal_error(tmp_path, docker):
    ex = write_exercise(
        tmp_path / "ex",
        tests='[[tests]]\nname = "slow"\nstdout = "a"\n',
        allowed=("write", "sleep"),
        limits="wall_seconds = 15\ncpu_seconds = 5",
    )
    sub = write_submission(tmp_path / "sub", {"hostile.c": SLEEPER})
    with grader_through_relay(str(tmp_path / "engine.sock")) as relay:
        watcher = cut_when_program_runs(relay, os.environ["SCHOOL101_GRADER_TAG"])
        verdict = grader.grade(grader.load_exercise(ex), sub)
        watcher.join(5)
    assert relay.cut_done, "the program never ran: the relay was not cut during the tests"
    assert verdict.status == "internal_error" and not verdict.passed, verdict.trace
    assert verdict.infrastructure is True
    assert "infrastructure" in verdict.trace and str(tmp_path) not in verdict.trace
    assert "infrastructure" not in verdict.to_dict()  # the JSON contract is unchanged
    # the supervisor sees its stdin close once the run ends, and the engine removes the container
    assert wait_until_gone(os.environ["SCHOOL101_GRADER_TAG"], 30)


def test_a_submission_s_own_outcomes_are_not_infrastructure(tmp_path, docker):
    ex = write_exercise(
        tmp_path / "ex",
        tests='[[tests]]\nname = "t"\nstdout = "a"\n',
        allowed=("write",),
        limits="wall_seconds = 1",
    )
    sub = write_submission(
        tmp_path / "sub",
        {"hostile.c": "int ft_run(int c, char **v)\n{ (void)c; (void)v; while (1) ; }\n"},
    )
    verdict = grader.grade(grader.load_exercise(ex), sub)
    assert verdict.status == "timeout" and verdict.infrastructure is False


def test_missing_engine_at_start_is_infrastructure(tmp_path, docker):
    ex = write_exercise(tmp_path / "ex", tests='[[tests]]\nname = "t"\nstdout = "a"\n')
    sub = write_submission(tmp_path / "sub", {"hostile.c": "int ft_run(int c, char **v);\n"})
    with grader_through_relay(str(tmp_path / "engine.sock")) as relay:
        relay.cut()
        verdict = grader.grade(grader.load_exercise(ex), sub)
        assert grader.sandbox.engine_responds() is False
    assert verdict.status == "internal_error" and verdict.infrastructure is True
    assert grader.sandbox.engine_responds() is True
