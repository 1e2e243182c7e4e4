"""The human-readable trace of a verdict, written like a moulinette trace.

Everything a submission produced is shown escaped on one line (so it can
never forge a line of the trace), truncated around the first difference. The
trace never contains host paths nor environment values; data of hidden tests
is left out by the runner.
"""

from __future__ import annotations

from grader.contract import Exercise, NormResult

MAX_TRACE = 12000
WINDOW = 60


def escape(data: bytes) -> str:
    """Printable ASCII as is, everything else as C-style escapes."""
    out = []
    for b in data:
        if b == 0x0A:
            out.append("\\n")
        elif b == 0x09:
            out.append("\\t")
        elif b == 0x5C:
            out.append("\\\\")
        elif b == 0x22:
            out.append('\\"')
        elif 0x20 <= b < 0x7F:
            out.append(chr(b))
        else:
            out.append(f"\\x{b:02x}")
    return "".join(out)


def _window(data: bytes, start: int) -> str:
    piece = data[start : start + WINDOW]
    text = '"' + escape(piece) + '"'
    if start > 0:
        text = "..." + text
    if start + WINDOW < len(data):
        text += "..."
    return text


def show_diff(expected: bytes, got: bytes) -> list[str]:
    """Expected/got lines around the first differing byte."""
    i = 0
    while i < min(len(expected), len(got)) and expected[i] == got[i]:
        i += 1
    start = max(0, i - 20)
    line = expected[:i].count(b"\n") + 1
    return [
        (
            f"first difference at byte {i} (line {line}); expected {len(expected)} bytes, "
            f"got {len(got)}"
        ),
        f"expected: {_window(expected, start)}",
        f"got:      {_window(got, start)}",
    ]


class Trace:
    """Accumulates the trace lines of one exercise."""

    def __init__(self, ex: Exercise):
        self._lines = [f"= {ex.id} ({ex.title}) ".ljust(60, "=")]
        self._norm_at: int | None = None

    def mark_norm(self) -> None:
        """Remember where the norm lines go (right after the files step)."""
        self._norm_at = len(self._lines)

    def step(self, what: str, outcome: str) -> None:
        """One step line: `$> what ... outcome`."""
        self._lines.append(f"$> {what} ... {outcome}")

    def note(self, text: str) -> None:
        """An indented remark under the last step (escaped when it spans lines)."""
        self._lines.append(
            "   " + escape(text.encode(errors="replace")) if "\n" in text else "   " + text
        )

    def lines(self, lines: list[str]) -> None:
        """Indented lines as they are (a diff of outputs)."""
        self._lines.extend("   " + ln for ln in lines)

    def block(self, text: str, limit: int = 3000) -> None:
        """Compiler output and the like: indented, truncated."""
        if len(text) > limit:
            text = text[:limit] + "\n[... truncated]"
        for ln in text.splitlines()[:60]:
            self._lines.append("   | " + ln.replace("\r", "\\r").replace("\x1b", "\\x1b"))

    def norm(self, norm: NormResult, files: list[str]) -> None:
        """The norminette step and its errors, at the place marked by `mark_norm()`."""
        names = ", ".join(f for f in files if f.endswith((".c", ".h")))
        block = [f"$> norminette {names} ... {'OK' if norm.passed else 'KO'}"]
        block += ["   " + escape(err.encode(errors="replace")) for err in norm.errors[:20]]
        if len(norm.errors) > 20:
            block.append(f"   ... {len(norm.errors) - 20} more norm errors")
        at = len(self._lines) if self._norm_at is None else self._norm_at
        self._lines[at:at] = block

    def result(self, status: str) -> None:
        """The closing line with the verdict status."""
        self._lines.append(
            f"= result: {'OK' if status == 'ok' else 'KO'} ({status}) ".ljust(60, "=")
        )

    def text(self) -> str:
        """The whole trace, cut to about MAX_TRACE characters (the result line kept)."""
        text = "\n".join(self._lines)
        if len(text) > MAX_TRACE:
            head = text[: MAX_TRACE - 200]
            text = head + "\n[... trace truncated]\n" + self._lines[-1]
        return text
