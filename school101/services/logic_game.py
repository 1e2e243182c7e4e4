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


def level_settings(level: int) -> tuple[tuple[int, int, int], tuple[int, int]]:
    """Slots (main, f1, f2) and wanted target range of a level (levels past 10 stay hard)."""
    if level in _TIERS:
        return _TIERS[level]
    extra = min(level - 10, 4)
    return (3, 5 + extra // 2, 5 + (extra + 1) // 2), (6, 12)


# ---------------------------------------------------------------- simulation


@dataclass
class RunResult:
    """Outcome of a run: solved, or why not ("ended", "step_limit", "depth_limit")."""

    solved: bool
    outcome: str
    steps: int
    lit: set[tuple[int, int]]
    trace: list[tuple[int, int, int, str]] = field(default_factory=list)  # row, col, dir, action


def run(puzzle: dict, program: dict, *, step_limit: int = STEP_LIMIT, trace: bool = False) -> RunResult:
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
        elif op == LIGHT:
            if (row, col) in targets:
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


def _plane_run(program: dict, step_cap: int):
    """Run on an open plane; yield (step, position, visited-so-far, new distinct light)."""
    row = col = 0
    direction = 1
    visited = [(0, 0)]
    seen = {(0, 0)}
    lights: list[tuple[tuple[int, int], int, int]] = []  # cell, step, len(visited)
    lit: set[tuple[int, int]] = set()
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
                seen.add((row, col))
                visited.append((row, col))
        elif op == LEFT:
            direction = (direction + 3) % 4
        elif op == RIGHT:
            direction = (direction + 1) % 4
        elif op == LIGHT and (row, col) not in lit:
            lit.add((row, col))
            lights.append(((row, col), steps, len(visited)))
    return visited, lights, steps


def _random_body(rng: random.Random, length: int, calls: list[str], moves_weight: int = 4) -> list[str]:
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
    return program


def _reachable(program: dict) -> set[str]:
    seen, todo = {"main"}, ["main"]
    while todo:
        for op in program[todo.pop()]:
            if op in (CALL_F1, CALL_F2) and op not in seen:
                seen.add(op)
                todo.append(op)
    return seen


def _candidate(rng: random.Random, level: int):
    slots, (min_targets, max_targets) = level_settings(level)
    program = _draw_program(rng, slots)
    used = _reachable(program)
    wanted = {"main"} | {p for p, n in zip(("f1", "f2"), slots[1:]) if n}
    if used != wanted:
        return None
    visited, lights, steps = _plane_run(program, 400)
    # Choose how many targets to keep: the most allowed whose footprint fits the grid.
    best = None
    for count in range(min_targets, min(max_targets, len(lights)) + 1):
        cell, _step, n_visited = lights[count - 1]
        cells = visited[:n_visited]
        rows = [r for r, _ in cells]
        cols = [c for _, c in cells]
        if max(rows) - min(rows) + 1 > MAX_SIDE - 1 or max(cols) - min(cols) + 1 > MAX_SIDE - 1:
            break
        best = (count, cells)
    if best is None:
        return None
    count, cells = best
    targets = [c for c, _, _ in lights[:count]]
    return program, cells, targets


def _build_puzzle(rng: random.Random, level: int, program: dict, cells, targets) -> dict:
    slots, _ = level_settings(level)
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
        "rows": rows, "cols": cols,
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
            variant[name] = program[name][:i] + program[name][i + 1:]
            if run(puzzle, variant).solved:
                return False
    return True


def generate(seed: str, level: int) -> tuple[dict, dict]:
    """(public puzzle, kept solution) of `level`, a pure function of (seed, level)."""
    rng = _rng(seed, level)
    for _ in range(20000):
        found = _candidate(rng, level)
        if found is None:
            continue
        program, cells, targets = found
        puzzle = _build_puzzle(rng, level, program, cells, targets)
        result = run(puzzle, program)
        if not result.solved or not _tight(puzzle, program):
            continue
        if level_settings(level)[0][1] and result.steps < sum(level_settings(level)[0]) + 3:
            continue  # with functions available, the level should need them
        return puzzle, {"program": program, "instructions": instruction_count(program)}
    raise RuntimeError(f"no logic level could be generated for level {level}")  # pragma: no cover


def public_trace(result: RunResult) -> list[dict]:
    """The robot's moves for the browser's replay."""
    return [{"row": r, "col": c, "dir": d, "op": op} for r, c, d, op in result.trace]
