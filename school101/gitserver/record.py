"""Turn a pushed commit into submissions: one per exercise folder whose files changed.

For each top-level folder ``exNN/`` of the commit that is an exercise of the day, the regular
files at that folder's root are turned in (symlinks, submodules and subfolders are ignored;
names and sizes follow services/grading/uploads). An exercise is recorded again only when its files
differ from the candidate's last git submission of it, so pushing the same work twice (or two
pushes of the same commit racing each other) never creates a second submission: a lock file
in the repository serializes recording, and the database holds what was last recorded.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import stat
from dataclasses import dataclass, field
from datetime import datetime

from dulwich.objects import Blob, Commit, Tree
from flask import current_app
from flask_babel import gettext as _

from school101.core.errors import ServiceError
from school101.extensions import db
from school101.models import Submission
from school101.services.grading import repositories as storage
from school101.services.grading import runs as grading
from school101.services.grading import team_work
from school101.services.grading.submissions import open_day_for, submit
from school101.services.grading.uploads import FILE_NAME
from school101.services.grading.uploads import limits as upload_limits

log = logging.getLogger(__name__)

EXERCISE_FOLDER = re.compile(r"^ex[0-9]{2}\Z")


@dataclass
class Outcome:
    """What a push recorded, for the lines shown to the pusher and for tests."""

    recorded: list[tuple[str, int]] = field(default_factory=list)  # (exNN, submission id)
    unchanged: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def day_exercises(day_id: str) -> set[str]:
    """The exNN folders of a day in the exercises directory."""
    base = os.path.join(current_app.config["EXERCISES_DIR"], day_id)
    try:
        names = os.listdir(base)
    except OSError:
        return set()
    return {
        n
        for n in names
        if EXERCISE_FOLDER.match(n) and os.path.isfile(os.path.join(base, n, "exercise.toml"))
    }


class FolderTooLarge(Exception):
    """An exercise folder over the upload limits; `reason` says which (for the pusher)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def folder_files(repo, tree: Tree, folder: str, notes: list[str]) -> dict[str, bytes]:
    """Regular files at the root of one exercise folder; what is skipped is noted.

    Sizes are read from the objects' headers before their content: a file over
    SUBMISSION_MAX_FILE_BYTES, or files adding up to more than SUBMISSION_MAX_TOTAL_BYTES, raise
    FolderTooLarge without being read into memory.
    """
    per_file, total_max, _count = upload_limits()
    files: dict[str, bytes] = {}
    total = 0
    for entry in tree.iteritems():
        raw = entry.path
        try:
            name = raw.decode("utf-8")
        except UnicodeDecodeError:
            name = raw.decode("utf-8", "replace")
            notes.append(
                _("%(path)s ignored: this file name is not allowed.", path=f"{folder}/{name}")
            )
            continue
        mode = entry.mode
        if stat.S_ISDIR(mode):
            notes.append(
                _(
                    "%(path)s ignored: only files at the root of an exercise folder are turned in.",
                    path=f"{folder}/{name}/",
                )
            )
            continue
        if not stat.S_ISREG(mode):  # symlink (120000) or submodule (160000)
            notes.append(
                _(
                    "%(path)s ignored: links and submodules are not turned in.",
                    path=f"{folder}/{name}",
                )
            )
            continue
        if not FILE_NAME.match(name):
            notes.append(
                _("%(path)s ignored: this file name is not allowed.", path=f"{folder}/{name}")
            )
            continue
        size = storage.object_size(repo, entry.sha)
        if size is not None:  # known from the headers: refuse before reading
            _within_limits(name, size, total, per_file, total_max)
        blob = repo.object_store[entry.sha]
        if isinstance(blob, Blob):
            data = blob.as_raw_string()
            _within_limits(name, len(data), total, per_file, total_max)
            files[name] = data
            total += len(data)
    return files


def _within_limits(name: str, size: int, total: int, per_file: int, total_max: int) -> None:
    if size > per_file:
        raise FolderTooLarge(
            _("%(name)s is too large (%(n)d KiB at most a file).", name=name, n=per_file >> 10)
        )
    if total + size > total_max:
        raise FolderTooLarge(
            _("The submission is too large (%(n)d MiB at most).", n=total_max >> 20)
        )


def last_git_sha(
    user_id: int, piscine_id: int, exercise_id: str, team_id: int | None = None
) -> str | None:
    """The snapshot digest of the last git submission of an exercise in a piscine: the user's,
    or their rush team's (whoever of the team pushed it)."""
    owner = Submission.team_id == team_id if team_id is not None else Submission.user_id == user_id
    return db.session.scalar(
        db.select(Submission.sha256)
        .where(
            owner,
            Submission.piscine_id == piscine_id,
            Submission.exercise == exercise_id,
            Submission.source == "git",
        )
        .order_by(Submission.id.desc())
        .limit(1)
    )


def record_commit(
    repo, repo_dir: str, user, day_id: str, commit_sha: bytes, now: datetime
) -> Outcome:
    """Create the submissions of a pushed commit (each exercise in its own transaction)."""
    outcome = Outcome()
    try:
        with storage.exclusive(os.path.join(repo_dir, storage.RECORD_LOCK)):
            _record(outcome, repo, user, day_id, commit_sha, now)
    except storage.Busy:
        outcome.lines.append(
            _(
                "Another push to this repository is being recorded: "
                "make a new commit and push again in a moment."
            )
        )
    return outcome


def _record(outcome: Outcome, repo, user, day_id: str, commit_sha: bytes, now: datetime) -> None:
    commit = repo.object_store[commit_sha]
    if not isinstance(commit, Commit):
        outcome.lines.append(_("The pushed branch does not point to a commit: nothing recorded."))
        return
    try:
        piscine, _day = open_day_for(user, day_id, now)
    except ServiceError as exc:
        outcome.lines.append(str(exc.message))
        return
    piscine_id, feedback, user_id = piscine.id, piscine.feedback, user.id
    team = team_work.team_of(piscine_id, user_id, day_id)
    team_id = team.id if team is not None else None
    root = repo.object_store[commit.tree]
    known = day_exercises(day_id)
    if team is not None and team.exercise:  # rush00: the team's own variant only
        others = sorted(known - {team.exercise})
        known = known & {team.exercise}
    else:
        others = []
    folders = []
    for entry in root.iteritems():
        name = entry.path.decode("utf-8", "replace")
        if not EXERCISE_FOLDER.match(name) or not stat.S_ISDIR(entry.mode):
            continue
        if name in others:
            outcome.lines.append(
                _(
                    "%(folder)s/ ignored: your team turns in %(exercise)s only.",
                    folder=name,
                    exercise=f"{day_id}/{team.exercise}",
                )
            )
            continue
        if name not in known:
            outcome.lines.append(
                _("%(folder)s/ ignored: %(day)s has no such exercise.", folder=name, day=day_id)
            )
            continue
        folders.append((name, entry.sha))
    if not folders:
        outcome.lines.append(
            _(
                "No exercise folder found: put your work in ex00/, ex01/ ... "
                "at the root of the repository."
            )
        )
        return
    for name, tree_sha in sorted(folders):
        exercise_id = f"{day_id}/{name}"
        notes: list[str] = []
        try:
            files = folder_files(repo, repo.object_store[tree_sha], name, notes)
        except FolderTooLarge as exc:
            outcome.lines.extend(notes)
            outcome.lines.append(
                _(
                    "%(exercise)s not recorded: %(reason)s",
                    exercise=exercise_id,
                    reason=exc.reason,
                )
            )
            continue
        outcome.lines.extend(notes)
        if not files:
            outcome.lines.append(
                _(
                    "%(exercise)s not recorded: no file at the root of %(folder)s/.",
                    exercise=exercise_id,
                    folder=name,
                )
            )
            continue
        digest = hashlib.sha256(grading.snapshot(files)).hexdigest()
        if digest == last_git_sha(user_id, piscine_id, exercise_id, team_id):
            outcome.unchanged.append(name)
            continue
        try:
            submission, _run = submit(
                user, exercise_id, sorted(files.items()), source="git", now=now
            )
            submission.created_at = now  # when the push arrived (the deadline is judged on it)
            db.session.commit()
        except ServiceError as exc:
            db.session.rollback()
            outcome.lines.append(
                _(
                    "%(exercise)s not recorded: %(reason)s",
                    exercise=exercise_id,
                    reason=str(exc.message),
                )
            )
            continue
        except Exception:  # the push itself succeeded; say so and log
            db.session.rollback()
            log.exception("recording %s for user %s failed", exercise_id, user_id)
            outcome.lines.append(
                _(
                    "%(exercise)s not recorded: internal error, make a new commit "
                    "and push again later.",
                    exercise=exercise_id,
                )
            )
            continue
        outcome.recorded.append((name, submission.id))
        if feedback == "immediate":
            outcome.lines.append(
                _(
                    "%(exercise)s recorded: submission #%(id)d, graded now "
                    "(see your dashboard for the result).",
                    exercise=exercise_id,
                    id=submission.id,
                )
            )
        else:
            outcome.lines.append(
                _(
                    "%(exercise)s recorded: submission #%(id)d, graded after the deadline.",
                    exercise=exercise_id,
                    id=submission.id,
                )
            )
    if outcome.unchanged:
        outcome.lines.append(
            _("Unchanged since your last push: %(list)s.", list=", ".join(outcome.unchanged))
        )
