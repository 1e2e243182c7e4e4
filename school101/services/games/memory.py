"""The memory game engine: reproduce a sequence of lit cells that grows with each level.

Pure functions, no database. Level ``n`` shows a sequence of ``n + 2`` cells on a 3x3 grid
(4x4 from level 7), each cell with its own colour; the same cell never lights twice in a
row. The sequence is a pure function of (seed, level); the server keeps it as the solution
and reveals it one step at a time (services/games/pacing.py): the public puzzle holds the
grid, the colours, the length and the display time, never the sequence.
"""

from __future__ import annotations

import hashlib
import random

COLOURS = (
    "red",
    "blue",
    "green",
    "yellow",
    "purple",
    "orange",
    "teal",
    "pink",
    "brown",
    "grey",
    "navy",
    "lime",
    "maroon",
    "olive",
    "cyan",
    "gold",
)
MAX_ANSWER = 64


def grid_side(level: int) -> int:
    """Side of the grid at `level`."""
    return 3 if level <= 6 else 4


def sequence_length(level: int) -> int:
    """Number of cells shown at `level`."""
    return level + 2


def show_ms(level: int) -> int:
    """How long each cell stays lit in the browser (shorter as levels rise)."""
    return max(400, 800 - 30 * (level - 1))


def generate(seed: str, level: int) -> tuple[dict, dict]:
    """(public puzzle, kept solution) of `level`."""
    digest = hashlib.sha256(f"memory:{seed}:{level}".encode()).digest()
    rng = random.Random(int.from_bytes(digest[:8], "big"))
    side = grid_side(level)
    cells = side * side
    sequence: list[int] = []
    while len(sequence) < sequence_length(level):
        cell = rng.randrange(cells)
        if not sequence or cell != sequence[-1]:
            sequence.append(cell)
    puzzle = {
        "side": side,
        "colours": list(COLOURS[:cells]),
        "length": len(sequence),
        "show_ms": show_ms(level),
    }
    return puzzle, {"sequence": sequence}


def validate_answer(puzzle: dict, cells) -> str | None:
    """Why an answer is malformed (None when it is a list of valid cell numbers)."""
    if not isinstance(cells, list) or len(cells) > MAX_ANSWER:
        return "not_a_list"
    limit = puzzle["side"] ** 2
    for cell in cells:
        if not isinstance(cell, int) or isinstance(cell, bool) or not 0 <= cell < limit:
            return "bad_cell"
    return None


def check(solution: dict, cells: list[int]) -> bool:
    """True when the answer reproduces the sequence exactly."""
    return list(cells) == list(solution["sequence"])
