"""Human answer timings of the memory game, recorded from a real browser run, and replayed.

`TimingRecorder` wraps a served app's WSGI callable and notes, on the server's clock, when
a memory session starts and when each reveal and answer request arrives. The browser test
(tests/games/test_browser.py) uses it; with GAMES_RECORD_TIMINGS=<file> set, it appends the
session's per-level timings to that file, which is how data/human_memory_timings.json was
made (GAMES_E2E_MEMORY_LEVELS=6, several runs). `HUMAN_SESSIONS` are those recordings: per
level, the milliseconds from the level's issue to each reveal request and to the answer.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

DATA = Path(__file__).with_name("data") / "human_memory_timings.json"


class TimingRecorder:
    """WSGI middleware noting (monotonic seconds, kind) of the memory game's POST requests."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app
        self.events: list[tuple[float, str]] = []

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if environ.get("REQUEST_METHOD") == "POST":
            for suffix, kind in (
                ("/memory/start", "start"),
                ("/reveal", "reveal"),
                ("/answer", "answer"),
            ):
                if path.endswith(suffix):
                    self.events.append((time.monotonic(), kind))
        return self.wsgi_app(environ, start_response)

    def levels(self) -> list[dict]:
        """Per level: ``{"reveals_ms": [...], "answer_ms": n}`` since the level was issued."""
        levels, base, reveals = [], None, []
        for at, kind in self.events:
            if kind == "start":
                base, reveals = at, []
            elif kind == "reveal" and base is not None:
                reveals.append(round((at - base) * 1000))
            elif kind == "answer" and base is not None:
                levels.append({"reveals_ms": reveals, "answer_ms": round((at - base) * 1000)})
                base, reveals = at, []
        return levels


def append_recording(path: str, levels: list[dict]) -> None:
    """Add one recorded session to the JSON file at `path` (a list of sessions)."""
    target = Path(path)
    sessions = json.loads(target.read_text()) if target.exists() else []
    sessions.append({"levels": levels})
    target.write_text(json.dumps(sessions, indent=1) + "\n")


def human_sessions() -> list[dict]:
    """The recorded human sessions (see the module docstring)."""
    return json.loads(DATA.read_text())
