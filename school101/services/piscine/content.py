"""Exercise content shown on the piscine pages: days, titles, subjects rendered from markdown."""

from __future__ import annotations

import os
import tomllib
from functools import lru_cache

from flask import current_app

from school101.core.markdown import render_markdown


def _exercises_dir() -> str:
    return current_app.config["EXERCISES_DIR"]


@lru_cache(maxsize=64)
def _day_toml(path: str, mtime: float) -> dict:
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def day_info(day_id: str) -> dict:
    """The day.toml of an exercise day or exam pool ({} when missing)."""
    if not day_id or "/" in day_id or day_id.startswith("."):
        return {}
    path = os.path.join(_exercises_dir(), day_id, "day.toml")
    if not os.path.isfile(path):
        return {}
    return _day_toml(path, os.path.getmtime(path))


def known_days() -> list[str]:
    """Folders under exercises/ that hold a day.toml (exercise days and exam pools)."""
    root = _exercises_dir()
    return sorted(d for d in os.listdir(root) if os.path.isfile(os.path.join(root, d, "day.toml")))


def day_title(day_id: str, locale: str = "fr") -> str:
    """The day's title in the page's language (French as fallback, then the id)."""
    title = day_info(day_id).get("title")
    if isinstance(title, dict):
        return title.get(locale) or title.get("fr") or day_id
    return title if isinstance(title, str) and title else day_id


def day_exercises(day_id: str) -> list[str]:
    """The exNN folders of a day, in grading order."""
    return list(day_info(day_id).get("exercises", []))


@lru_cache(maxsize=512)
def _subject_html(path: str, mtime: float) -> str:
    with open(path, encoding="utf-8") as fh:
        return render_markdown(fh.read())


def subject_html(day_id: str, exercise: str, locale: str = "fr") -> str:
    """An exercise's subject as safe HTML in the page's language (French as fallback)."""
    folder = os.path.join(_exercises_dir(), day_id, exercise)
    for lang in (locale, "fr", "en"):
        path = os.path.join(folder, f"subject.{lang}.md")
        if os.path.isfile(path):
            return _subject_html(path, os.path.getmtime(path))
    return ""


def exercise_files(day_id: str, exercise: str) -> list[str]:
    """The files an exercise asks for (exercise.toml `files`; [] when unreadable)."""
    path = os.path.join(_exercises_dir(), day_id, exercise, "exercise.toml")
    if not os.path.isfile(path):
        return []
    files = _day_toml(path, os.path.getmtime(path)).get("files", [])
    return [f for f in files if isinstance(f, str)] if isinstance(files, list) else []


def git_url(day_id: str, team_number: int | None = None) -> str:
    """Where a candidate pushes a day's work (a rush team's repository with `team_number`)."""
    name = f"{day_id}-{team_number}" if team_number else day_id
    return f"{current_app.config['PUBLIC_URL'].rstrip('/')}/git/{name}.git"
