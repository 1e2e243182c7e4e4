"""Exam pools: levels of exercises read from exercises/<exam>/day.toml, subjects, draws."""

from __future__ import annotations

import os
import random
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from flask import current_app

import grader
from school101.core.errors import ServiceError
from school101.core.markdown import render_markdown

DEFAULT_DURATION_MINUTES = 240
FINAL_DURATION_MINUTES = 480
POOL_ID = re.compile(r"^[a-z0-9_]{1,40}$")


EXERCISE_PATH = re.compile(r"^[a-z0-9_]{1,30}(/[a-z0-9_]{1,30}){1,2}$")


@dataclass(frozen=True)
class Level:
    key: str
    points: int
    exercises: tuple[str, ...]  # folders under exercises/, e.g. exam00/level0/fizzbuzz


@dataclass(frozen=True)
class Pool:
    day_id: str
    titles: dict
    duration_minutes: int
    final: bool
    levels: tuple[Level, ...]

    @property
    def max_points(self) -> int:
        return sum(level.points for level in self.levels)

    def title(self, locale: str) -> str:
        return self.titles.get(locale) or self.titles.get("fr") or self.day_id


class PoolError(ServiceError):
    status = 500
    code = "exam_pool_invalid"


def _exercises_dir() -> str:
    return current_app.config["EXERCISES_DIR"]


@lru_cache(maxsize=64)
def _read_pool(path: str, mtime: float, day_id: str) -> Pool:
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    if data.get("kind") != "exam":
        raise PoolError(f'{day_id}: day.toml is not an exam (kind = "exam")')
    raw_levels = data.get("levels")
    if not isinstance(raw_levels, dict) or not raw_levels:
        raise PoolError(f"{day_id}: day.toml has no [levels.*] table")
    levels = []
    for key, spec in raw_levels.items():
        exercises = spec.get("exercises") if isinstance(spec, dict) else None
        points = spec.get("points", 0) if isinstance(spec, dict) else None
        if (
            not isinstance(exercises, list)
            or not exercises
            or not isinstance(points, int)
            or points < 0
        ):
            raise PoolError(f"{day_id}: levels.{key} needs points and a non-empty exercises list")
        full = []
        for rel in exercises:
            exercise = f"{day_id}/{rel}"
            if not isinstance(rel, str) or not EXERCISE_PATH.match(exercise):
                raise PoolError(f"{day_id}: levels.{key}: bad exercise path {rel!r}")
            full.append(exercise)
        levels.append(Level(key=str(key), points=points, exercises=tuple(full)))
    title = data.get("title") if isinstance(data.get("title"), dict) else {}
    final = bool(data.get("final", False))
    duration = data.get("duration_minutes")
    if not isinstance(duration, int) or isinstance(duration, bool) or not 1 <= duration <= 24 * 60:
        duration = FINAL_DURATION_MINUTES if final else DEFAULT_DURATION_MINUTES
    return Pool(
        day_id=day_id,
        titles=dict(title),
        duration_minutes=duration,
        final=final,
        levels=tuple(levels),
    )


def load_pool(day_id: str) -> Pool:
    """The exam pool of exercises/<day_id>/day.toml (cached while the file is unchanged)."""
    if not POOL_ID.match(day_id or ""):
        raise PoolError(f"bad exam pool id {day_id!r}")
    path = os.path.join(_exercises_dir(), day_id, "day.toml")
    if not os.path.isfile(path):
        raise PoolError(f"{day_id}: exercises/{day_id}/day.toml is missing")
    return _read_pool(path, os.path.getmtime(path), day_id)


@lru_cache(maxsize=256)
def _load_exercise(path: str, mtime: float):
    return grader.load_exercise(path)


def load_exercise(exercise: str):
    """The grader's Exercise for a pool folder such as exam00/level0/fizzbuzz."""
    if not EXERCISE_PATH.match(exercise or ""):
        raise PoolError(f"bad exercise path {exercise!r}")
    folder = os.path.join(_exercises_dir(), exercise)
    return _load_exercise(folder, os.path.getmtime(os.path.join(folder, "exercise.toml")))


@lru_cache(maxsize=256)
def _render(path: str, mtime: float) -> str:
    with open(path, encoding="utf-8") as fh:
        # the subject sits under the page's h1 and the level's h2: its headings start at h3
        return render_markdown(fh.read(), demote_by=2)


def subject_html(exercise: str, locale: str) -> str:
    """The exercise's subject (subject.<locale>.md, French when missing) as safe HTML."""
    folder = os.path.join(_exercises_dir(), exercise)
    for name in (f"subject.{locale}.md", "subject.fr.md", "subject.en.md"):
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            return _render(path, os.path.getmtime(path))
    return ""


def draw(seed: int, level: Level) -> str:
    """The exercise of `level` for an attempt's seed (reproducible)."""
    return random.Random(f"{seed}/{level.key}").choice(level.exercises)
