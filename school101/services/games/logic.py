"""The logic game engine: a robot on a grid, programmed with a handful of instructions.

Pure functions, no database. The robot stands on a floor cell facing a direction and runs
a program made of three procedures: ``main``, ``f1`` and (from some level) ``f2``. The
instructions are

* ``forward``: one cell ahead; into a wall or off the grid the robot bumps and stays;
* ``left`` / ``right``: turn a quarter on the spot;
* ``light``: light the cell the robot stands on when it is a target (lit cells stay lit);
* ``f1`` / ``f2``: call a procedure; a procedure may call itself (recursion = repeat).

The run stops as soon as every target is lit (solved), when ``main`` ends, after
``STEP_LIMIT`` executed instructions or beyond ``DEPTH_LIMIT`` nested calls, so an infinite
recursion always ends cleanly. A call in the last slot of a procedure is a tail call (the
frame is replaced), which makes "repeat forever" loops run until the step limit.

Levels are generated from the session seed: a reference program fitting the level's slot
limits is drawn first and run on an open plane; the targets are the cells it lights and
the floor the cells it crosses. The reference therefore solves the level by construction
(and is checked again with :func:`run`); it is also required to be tight (removing any one
of its instructions breaks it). The reference stays on the server.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field

FORWARD, LEFT, RIGHT, LIGHT, CALL_F1, CALL_F2 = "forward", "left", "right", "light", "f1", "f2"
INSTRUCTIONS = (FORWARD, LEFT, RIGHT, LIGHT, CALL_F1, CALL_F2)
PROCEDURES = ("main", "f1", "f2")
STEP_LIMIT = 2000
DEPTH_LIMIT = 64
MAX_SIDE = 8
DIRECTIONS = ((-1, 0), (0, 1), (1, 0), (0, -1))  # north, east, south, west (row, col)
DIRECTION_NAMES = ("north", "east", "south", "west")

# Per level: slots of (main, f1, f2) and the number of targets wanted (min, max).
# 0 slots means the procedure is not available at that level.
_TIERS = {
    1: ((4, 0, 0), (1, 2)),
    2: ((6, 0, 0), (2, 3)),
    3: ((8, 0, 0), (2, 4)),
    4: ((4, 4, 0), (3, 5)),
    5: ((3, 4, 0), (3, 6)),
    6: ((3, 5, 0), (4, 7)),
    7: ((4, 4, 3), (4, 8)),
    8: ((3, 4, 4), (4, 9)),
    9: ((3, 5, 4), (5, 10)),
    10: ((3, 5, 5), (5, 10)),
}


_LATE_TIERS = (
    ((3, 5, 5), (6, 10)),
    ((3, 6, 4), (6, 10)),
    ((2, 5, 5), (5, 10)),
    ((3, 4, 6), (6, 10)),
)


def level_settings(level: int) -> tuple[tuple[int, int, int], tuple[int, int]]:
    """Slots (main, f1, f2) and wanted target range of a level (past 10, hard shapes rotate)."""
    if level in _TIERS:
        return _TIERS[level]
    return _LATE_TIERS[(level - 11) % len(_LATE_TIERS)]


# ---------------------------------------------------------------- simulation


@dataclass
class RunResult:
    """Outcome of a run: solved, or why not ("ended", "step_limit", "depth_limit")."""

    solved: bool
    outcome: str
    steps: int
    lit: set[tuple[int, int]]
    trace: list[tuple[int, int, int, str]] = field(default_factory=list)  # row, col, dir, action


def run(
    puzzle: dict, program: dict, *, step_limit: int = STEP_LIMIT, trace: bool = False
) -> RunResult:
    """Run `program` on `puzzle` (a public puzzle dict); never loops forever."""
    floor = puzzle["floor"]
    rows, cols = puzzle["rows"], puzzle["cols"]
    targets = {tuple(t) for t in puzzle["targets"]}
    start = puzzle["start"]
    row, col, direction = start["row"], start["col"], start["dir"]
    lit: set[tuple[int, int]] = set()
    steps = 0
    moves: list[tuple[int, int, int, str]] = []
    procs = {name: list(program.get(name) or []) for name in PROCEDURES}
    stack: list[list] = [["main", 0]]
    while stack:
        frame = stack[-1]
        body = procs[frame[0]]
        if frame[1] >= len(body):
            stack.pop()
            continue
        op = body[frame[1]]
        frame[1] += 1
        steps += 1
        if steps > step_limit:
            return RunResult(False, "step_limit", steps - 1, lit, moves)
        if op in (CALL_F1, CALL_F2):
            if frame[1] >= len(body):  # tail call: replace the frame
                stack.pop()
            if len(stack) >= DEPTH_LIMIT:
                return RunResult(False, "depth_limit", steps, lit, moves)
            stack.append([op, 0])
            continue
        if op == FORWARD:
            d_row, d_col = DIRECTIONS[direction]
            n_row, n_col = row + d_row, col + d_col
            if 0 <= n_row < rows and 0 <= n_col < cols and floor[n_row][n_col] == "1":
                row, col = n_row, n_col
        elif op == LEFT:
            direction = (direction + 3) % 4
        elif op == RIGHT:
            direction = (direction + 1) % 4
        elif op == LIGHT and (row, col) in targets:
            lit.add((row, col))
        if trace:
            moves.append((row, col, direction, op))
        if op == LIGHT and lit == targets:
            return RunResult(True, "solved", steps, lit, moves)
    return RunResult(False, "ended", steps, lit, moves)


def instruction_count(program: dict) -> int:
    """Instructions used by a program (every slot filled, in every procedure)."""
    return sum(len(program.get(name) or []) for name in PROCEDURES)


def validate_program(puzzle: dict, program) -> dict:
    """Per-procedure problems of a submitted program (empty when acceptable).

    Accepts only the known procedures, only known instructions, at most the level's slots,
    and calls only to procedures available at this level.
    """
    problems: dict[str, str] = {}
    if not isinstance(program, dict):
        return {"program": "not_an_object"}
    slots = puzzle["slots"]
    for name in program:
        if name not in PROCEDURES:
            problems[str(name)[:20]] = "unknown_procedure"
    for name in PROCEDURES:
        body = program.get(name) or []
        if not isinstance(body, list):
            problems[name] = "not_a_list"
            continue
        if len(body) > slots[name]:
            problems[name] = "too_many"
            continue
        for op in body:
            if op not in INSTRUCTIONS:
                problems[name] = "unknown_instruction"
                break
            if op in (CALL_F1, CALL_F2) and slots[op] == 0:
                problems[name] = "unavailable_call"
                break
    if not problems and not (program.get("main") or []):
        problems["main"] = "empty"
    return problems


def clean_program(program: dict) -> dict:
    """The program reduced to its three procedures (after validation)."""
    return {name: list(program.get(name) or []) for name in PROCEDURES}


# ---------------------------------------------------------------- generation


def _rng(seed: str, level: int) -> random.Random:
    digest = hashlib.sha256(f"logic:{seed}:{level}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _plane_run(program: dict, step_cap: int, max_lights: int, max_box: int):
    """Run on an open plane from (0, 0) facing east, until `max_lights` distinct cells are
    lit or the path leaves a `max_box` square; return (visited cells in order, distinct
    lights as (cell, step, cells visited by then))."""
    row = col = 0
    direction = 1
    visited = [(0, 0)]
    seen = {(0, 0)}
    lights: list[tuple[tuple[int, int], int, int]] = []
    lit: set[tuple[int, int]] = set()
    min_r = max_r = min_c = max_c = 0
    stack: list[list] = [["main", 0]]
    steps = 0
    while stack and steps < step_cap:
        frame = stack[-1]
        body = program[frame[0]]
        if frame[1] >= len(body):
            stack.pop()
            continue
        op = body[frame[1]]
        frame[1] += 1
        steps += 1
        if op in (CALL_F1, CALL_F2):
            if frame[1] >= len(body):
                stack.pop()
            if len(stack) >= DEPTH_LIMIT:
                break
            stack.append([op, 0])
        elif op == FORWARD:
            d_row, d_col = DIRECTIONS[direction]
            row, col = row + d_row, col + d_col
            if (row, col) not in seen:
                min_r, max_r = min(min_r, row), max(max_r, row)
                min_c, max_c = min(min_c, col), max(max_c, col)
                if max_r - min_r >= max_box or max_c - min_c >= max_box:
                    break
                seen.add((row, col))
                visited.append((row, col))
        elif op == LEFT:
            direction = (direction + 3) % 4
        elif op == RIGHT:
            direction = (direction + 1) % 4
        elif op == LIGHT and (row, col) not in lit:
            lit.add((row, col))
            lights.append(((row, col), steps, len(visited)))
            if len(lights) >= max_lights:
                break
    return visited, lights


def _random_body(
    rng: random.Random, length: int, calls: list[str], moves_weight: int = 4
) -> list[str]:
    pool = [FORWARD] * moves_weight + [LEFT, RIGHT, LIGHT, LIGHT] + calls * 2
    return [rng.choice(pool) for _ in range(length)]


def _draw_program(rng: random.Random, slots: tuple[int, int, int]) -> dict:
    main_slots, f1_slots, f2_slots = slots
    calls = [c for c, n in ((CALL_F1, f1_slots), (CALL_F2, f2_slots)) if n]
    program = {"main": [], "f1": [], "f2": []}
    program["main"] = _random_body(rng, rng.randint(max(1, main_slots - 1), main_slots), calls)
    if f1_slots:
        program["f1"] = _random_body(rng, rng.randint(max(2, f1_slots - 1), f1_slots), calls)
    if f2_slots:
        program["f2"] = _random_body(rng, rng.randint(max(2, f2_slots - 1), f2_slots), calls)
    # Make every available function reachable: plant the missing calls in main or f1.
    for call in calls:
        if call not in _reachable(program):
            hosts = ["main"] + (
                ["f1"] if call == CALL_F2 and CALL_F1 in _reachable(program) else []
            )
            host = rng.choice(hosts)
            body = program[host]
            body[rng.randrange(len(body))] = call
    # Functions that never move only light one cell again and again: make them move, and
    # make the repeated part light something.
    for name, n in (("f1", f1_slots), ("f2", f2_slots)):
        body = program[name]
        if n and FORWARD not in body:
            plain = [i for i, op in enumerate(body) if op not in (CALL_F1, CALL_F2)]
            if plain:
                body[rng.choice(plain)] = FORWARD
    if f1_slots and LIGHT not in program["f1"] + program["f2"]:
        plain = [i for i, op in enumerate(program["f1"]) if op not in (CALL_F1, CALL_F2, FORWARD)]
        if plain:
            program["f1"][rng.choice(plain)] = LIGHT
    return program


def _reachable(program: dict) -> set[str]:
    seen, todo = {"main"}, ["main"]
    while todo:
        for op in program[todo.pop()]:
            if op in (CALL_F1, CALL_F2) and op not in seen:
                seen.add(op)
                todo.append(op)
    return seen


def _candidate(rng: random.Random, slots: tuple[int, int, int], targets_range: tuple[int, int]):
    min_targets, max_targets = targets_range
    program = _draw_program(rng, slots)
    wanted = {"main"} | {p for p, n in zip(("f1", "f2"), slots[1:], strict=False) if n}
    if _reachable(program) != wanted:
        return None
    visited, lights = _plane_run(program, 400, max_targets, MAX_SIDE - 1)
    if len(lights) < min_targets:
        return None
    _cell, _step, n_visited = lights[-1]
    return program, visited[:n_visited], [cell for cell, _, _ in lights]


def _build_puzzle(rng: random.Random, slots: tuple[int, int, int], cells, targets) -> dict:
    min_row = min(r for r, _ in cells)
    min_col = min(c for _, c in cells)
    height = max(r for r, _ in cells) - min_row + 1
    width = max(c for _, c in cells) - min_col + 1
    pad_top = rng.randint(0, 1) if height < MAX_SIDE else 0
    pad_left = rng.randint(0, 1) if width < MAX_SIDE else 0
    rows = min(MAX_SIDE, max(3, height + pad_top + rng.randint(0, 1)))
    cols = min(MAX_SIDE, max(3, width + pad_left + rng.randint(0, 1)))
    shift_r, shift_c = pad_top - min_row, pad_left - min_col
    grid = [["0"] * cols for _ in range(rows)]
    for r, c in cells:
        grid[r + shift_r][c + shift_c] = "1"
    # A few extra floor cells next to the path, so the floor does not give the path away.
    for r, c in list(cells):
        for d_r, d_c in DIRECTIONS:
            n_r, n_c = r + shift_r + d_r, c + shift_c + d_c
            if 0 <= n_r < rows and 0 <= n_c < cols and rng.random() < 0.15:
                grid[n_r][n_c] = "1"
    return {
        "rows": rows,
        "cols": cols,
        "floor": ["".join(line) for line in grid],
        "targets": sorted([r + shift_r, c + shift_c] for r, c in targets),
        "start": {"row": shift_r, "col": shift_c, "dir": 1},
        "slots": {"main": slots[0], "f1": slots[1], "f2": slots[2]},
        "step_limit": STEP_LIMIT,
    }


def _tight(puzzle: dict, program: dict) -> bool:
    """True when removing any one instruction of the reference breaks it."""
    for name in PROCEDURES:
        for i in range(len(program[name])):
            variant = dict(program)
            variant[name] = program[name][:i] + program[name][i + 1 :]
            if run(puzzle, variant).solved:
                return False
    return True


def _search(rng: random.Random, slots, targets_range, budget: int):
    for _ in range(budget):
        found = _candidate(rng, slots, targets_range)
        if found is None:
            continue
        program, cells, targets = found
        puzzle = _build_puzzle(rng, slots, cells, targets)
        result = run(puzzle, program)
        if not result.solved or not _tight(puzzle, program):
            continue
        if slots[1] and result.steps < sum(slots) + 3:
            continue  # with functions available, the level should need them
        return puzzle, {"program": program, "instructions": instruction_count(program)}
    return None


def generate(seed: str, level: int) -> tuple[dict, dict]:
    """(public puzzle, kept solution) of `level`, a pure function of (seed, level).

    The search has a bounded budget; in the (rare) case it finds nothing, it falls back to
    the settings of the level below, down to level 1, which always succeeds.
    """
    rng = _rng(seed, level)
    for tier in range(level, 0, -1):
        slots, targets_range = level_settings(tier)
        found = _search(rng, slots, targets_range, 6000 if tier == level else 2000)
        if found is not None:
            return found
    raise RuntimeError(f"no logic level could be generated for level {level}")  # pragma: no cover


def public_trace(result: RunResult) -> list[dict]:
    """The robot's moves for the browser's replay."""
    return [{"row": r, "col": c, "dir": d, "op": op} for r, c, d, op in result.trace]
