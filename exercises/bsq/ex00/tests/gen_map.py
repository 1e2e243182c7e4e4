"""Writes a seeded BSQ map for the performance tests (run by the grader in the test's cwd).

    python3 gen_map.py OUT WIDTH HEIGHT random PER256 SEED [CHARS]
        each cell is an obstacle with probability PER256/256
    python3 gen_map.py OUT WIDTH HEIGHT sparse COUNT SEED [CHARS]
        COUNT obstacles at random cells (two may land on the same cell)

The bytes come from SHAKE-256 of the seed, so a given command line writes the same file on
every machine and every Python version (the expected outputs are SHA-256 digests).
CHARS (default ".ox") are the empty, obstacle and full characters of the header.
"""

import hashlib
import sys


def main(argv: list[str]) -> None:
    out, width, height, mode, param, seed = argv[:6]
    chars = argv[6] if len(argv) > 6 else ".ox"
    w, h, p = int(width), int(height), int(param)
    empty, obstacle = chars[0].encode(), chars[1].encode()
    cells = w * h
    if mode == "random":
        stream = hashlib.shake_256(f"bsq-random-{seed}".encode()).digest(cells)
        table = bytes(obstacle[0] if b < p else empty[0] for b in range(256))
        grid = stream.translate(table)
    elif mode == "sparse":
        stream = hashlib.shake_256(f"bsq-sparse-{seed}".encode()).digest(8 * p)
        cells_ = bytearray(empty * cells)
        for k in range(p):
            cells_[int.from_bytes(stream[8 * k : 8 * k + 8], "little") % cells] = obstacle[0]
        grid = bytes(cells_)
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    with open(out, "wb") as fh:
        fh.write(f"{h}{chars}\n".encode())
        for row in range(h):
            fh.write(grid[row * w : (row + 1) * w])
            fh.write(b"\n")


if __name__ == "__main__":
    main(sys.argv[1:])
