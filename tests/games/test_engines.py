"""Pure engines: generation is deterministic and solvable, the simulator always ends, scores order."""

from __future__ import annotations

import json

import pytest

from school101.services.games import logic as lg
from school101.services.games import memory as mg
from school101.services.games.sessions import logic_score

SEEDS = ["a1", "b2", "c3", "d4"]


# ---------------------------------------------------------------- memory


def test_memory_generation_is_deterministic_and_grows():
    for level in range(1, 16):
        first, solution = mg.generate("seed-x", level)
        again, kept = mg.generate("seed-x", level)
        assert (first, solution) == (again, kept)
        sequence = solution["sequence"]
        assert "sequence" not in first  # revealed one step at a time, never in the puzzle
        assert len(sequence) == level + 2 == first["length"]
        side = first["side"]
        assert side == (3 if level <= 6 else 4)
        assert all(0 <= c < side * side for c in sequence)
        assert all(a != b for a, b in zip(sequence, sequence[1:], strict=False))
    assert mg.generate("seed-x", 5)[1] != mg.generate("seed-y", 5)[1]


def test_memory_check_and_validation():
    puzzle, solution = mg.generate("s", 2)
    sequence = solution["sequence"]
    assert mg.check(solution, sequence)
    assert not mg.check(solution, sequence[:-1])
    assert not mg.check(solution, list(reversed(sequence)) + [0])
    assert mg.validate_answer(puzzle, [0, 1, 8]) is None
    assert mg.validate_answer(puzzle, [9]) == "bad_cell"
    assert mg.validate_answer(puzzle, [True]) == "bad_cell"
    assert mg.validate_answer(puzzle, ["1"]) == "bad_cell"
    assert mg.validate_answer(puzzle, "012") == "not_a_list"
    assert mg.validate_answer(puzzle, list(range(9)) * 10) == "not_a_list"


# ---------------------------------------------------------------- logic generation


@pytest.mark.parametrize("seed", SEEDS)
def test_logic_levels_are_deterministic_solvable_and_fit_their_slots(seed):
    for level in range(1, 13):
        puzzle, solution = lg.generate(seed, level)
        assert (puzzle, solution) == lg.generate(seed, level)
        program = solution["program"]
        assert "program" not in puzzle and "main" not in puzzle  # the reference is not public
        assert lg.validate_program(puzzle, program) == {}
        result = lg.run(puzzle, program)
        assert result.solved and result.outcome == "solved"
        assert result.lit == {tuple(t) for t in puzzle["targets"]}
        assert solution["instructions"] == lg.instruction_count(program)
        assert 2 <= puzzle["rows"] <= lg.MAX_SIDE and 2 <= puzzle["cols"] <= lg.MAX_SIDE
        assert all(len(line) == puzzle["cols"] for line in puzzle["floor"])
        assert all(puzzle["floor"][r][c] == "1" for r, c in puzzle["targets"])
        start = puzzle["start"]
        assert puzzle["floor"][start["row"]][start["col"]] == "1"
        if level >= 4:
            assert program["f1"], "function levels need F1"
        if level >= 7:
            assert program["f2"], "later levels need F2"


@pytest.mark.parametrize("seed", ["late-1", "late-2"])
def test_logic_generation_reaches_the_last_possible_level(seed):
    for level in range(13, 21):  # campaigns may ask for up to 20 levels
        puzzle, solution = lg.generate(seed, level)
        assert lg.run(puzzle, solution["program"]).solved
        assert puzzle["slots"]["f1"] and puzzle["slots"]["f2"]
        assert len(puzzle["targets"]) >= 5


def test_logic_difficulty_rises():
    counts = [len(lg.generate("rise", level)[0]["targets"]) for level in range(1, 11)]
    assert counts[0] <= 2 and max(counts[6:]) >= 4
    assert lg.level_settings(1)[0] == (4, 0, 0)
    assert lg.level_settings(7)[0][2] > 0  # F2 from level 7
    assert lg.level_settings(20)[0][1] >= lg.level_settings(10)[0][1]


def test_logic_reference_is_tight():
    puzzle, solution = lg.generate("tight", 5)
    program = solution["program"]
    for name in lg.PROCEDURES:
        for i in range(len(program[name])):
            variant = {**program, name: program[name][:i] + program[name][i + 1 :]}
            assert not lg.run(puzzle, variant).solved


# ---------------------------------------------------------------- simulator

OPEN = {
    "rows": 3,
    "cols": 4,
    "floor": ["1111", "1111", "1111"],
    "targets": [[0, 1], [0, 3]],
    "start": {"row": 0, "col": 0, "dir": 1},
    "slots": {"main": 4, "f1": 4, "f2": 0},
}


def test_run_moves_turns_lights_and_stops_when_all_lit():
    result = lg.run(
        OPEN, {"main": ["forward", "light", "forward", "forward", "light", "right"]}, trace=True
    )
    assert result.solved and result.steps == 5  # stops at the last light, "right" never runs
    assert [(r, c) for r, c, _d, _op in result.trace] == [(0, 1), (0, 1), (0, 2), (0, 3), (0, 3)]


def test_run_bumps_into_walls_and_edges():
    puzzle = {**OPEN, "floor": ["1011", "1111", "1111"]}
    result = lg.run(puzzle, {"main": ["forward", "forward", "left", "forward"]}, trace=True)
    assert [(r, c) for r, c, _d, _op in result.trace] == [(0, 0), (0, 0), (0, 0), (0, 0)]
    assert result.outcome == "ended" and not result.solved


def test_light_only_lights_targets_and_never_unlights():
    result = lg.run(OPEN, {"main": ["light", "forward", "light", "light"]})
    assert result.lit == {(0, 1)} and result.outcome == "ended"


def test_tail_recursion_repeats_and_solves():
    result = lg.run(OPEN, {"main": ["f1"], "f1": ["forward", "light", "f1"]})
    assert result.solved


def test_infinite_recursion_ends_at_the_step_limit():
    result = lg.run(OPEN, {"main": ["f1"], "f1": ["left", "f1"]})
    assert result.outcome == "step_limit" and not result.solved
    assert result.steps == lg.STEP_LIMIT


def test_non_tail_recursion_ends_at_the_depth_limit():
    result = lg.run(OPEN, {"main": ["f1"], "f1": ["f1", "left"]})
    assert result.outcome == "depth_limit" and not result.solved


def test_mutual_recursion_is_bounded():
    result = lg.run(
        OPEN, {"main": ["f1"], "f1": ["left", "f2"], "f2": ["right", "f1"]}, step_limit=500
    )
    assert result.outcome == "step_limit"


def test_validate_program():
    assert lg.validate_program(OPEN, {"main": ["forward"]}) == {}
    assert lg.validate_program(OPEN, {"main": []}) == {"main": "empty"}
    assert lg.validate_program(OPEN, {"main": ["forward"] * 5}) == {"main": "too_many"}
    assert lg.validate_program(OPEN, {"main": ["jump"]}) == {"main": "unknown_instruction"}
    assert lg.validate_program(OPEN, {"main": ["f2"]}) == {"main": "unavailable_call"}
    assert lg.validate_program(OPEN, {"main": ["f1"], "f2": ["left"]}) == {"f2": "too_many"}
    assert lg.validate_program(OPEN, {"main": ["f1"], "f3": []}) == {"f3": "unknown_procedure"}
    assert lg.validate_program(OPEN, {"main": "forward"}) == {"main": "not_a_list"}
    assert lg.validate_program(OPEN, ["forward"]) == {"program": "not_an_object"}
    assert lg.validate_program(OPEN, {"main": [{"op": "forward"}]}) == {
        "main": "unknown_instruction"
    }


def test_puzzles_are_json():
    puzzle, solution = lg.generate("json", 8)
    assert json.loads(json.dumps(puzzle)) == puzzle
    assert json.loads(json.dumps(solution)) == solution


# ---------------------------------------------------------------- scoring


def test_logic_score_orders_levels_then_instructions_then_time():
    results = [  # (levels, instructions, time_ms), best first
        (5, 40, 900_000),
        (5, 40, 901_000),
        (5, 41, 10_000),
        (4, 10, 1_000),
        (4, 10, 2_000),
        (0, 0, 0),
    ]
    scores = [logic_score(*r) for r in results]
    assert scores == sorted(scores, reverse=True)
    assert len(set(scores)) == len(scores)
    assert logic_score(20, 0, 0) < 2**31  # fits a 32-bit INTEGER column
    assert logic_score(1, 99_999, 10**9) > logic_score(0, 0, 0)
