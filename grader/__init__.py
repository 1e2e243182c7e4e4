"""school101's sandboxed grader (the moulinette). Imports nothing from school101.

Public API: `load_exercise(path)`, `grade(exercise, submission_dir, limits=None)`,
`grade_day(day_dir, repo_dir)`, and `sandbox_available()`; see docs/grader.md.
"""

from grader.contract import DayVerdict, Exercise, Limits, NormResult, TestCase, TestResult, Verdict
from grader.exercise import ExerciseError, load_day, load_exercise


def grade(exercise, submission_dir, limits=None):
    """Grade one exercise (an `Exercise` or a folder path); returns a `Verdict`."""
    from grader.runner import grade as _grade

    return _grade(exercise, submission_dir, limits)


def grade_day(day_dir, repo_dir, limits=None):
    """Grade a day in order, stopping at the first failure; returns a `DayVerdict`."""
    from grader.runner import grade_day as _grade_day

    return _grade_day(day_dir, repo_dir, limits)


def sandbox_available():
    """True when the Docker engine answers and the sandbox image is present."""
    from grader.sandbox import sandbox_available as _available

    return _available()


__all__ = [
    "DayVerdict",
    "Exercise",
    "ExerciseError",
    "Limits",
    "NormResult",
    "TestCase",
    "TestResult",
    "Verdict",
    "grade",
    "grade_day",
    "load_day",
    "load_exercise",
    "sandbox_available",
]
