"""Backups of an installation: `create_backup`, `list_backups` (newest first), `restore_backup`
into an empty installation, and the retention of the newest ones (docs/backups.md).

A backup is one folder of BACKUP_DIR (default <instance>/backups), mode 0700, named
school101-<UTC time>: the database (database.dump or database.sqlite), the git repositories
(repositories.tar), the instance secrets (secrets/, files 0600) and manifest.json, which holds
"created_at" (ISO 8601, UTC), "database" (the dialect), the rows of every table and
"files" (relative path -> {"sha256", "size"}). It is built in a hidden .partial- folder and
renamed when whole, so a listed backup is always complete.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import make_url

from school101.extensions import db
from school101.services.grading.repositories import git_root
from school101.services.operations import database_dump, file_archives
from school101.services.operations.manifest import (
    FORMAT,
    BackupRefused,
    digests,
    read_manifest,
    verify,
    write_manifest,
)

NAME_PREFIX = "school101-"
PARTIAL_PREFIX = ".partial-"
DEFAULT_KEEP = 7


@dataclass(frozen=True)
class BackupInfo:
    """One complete backup, as listed."""

    name: str
    path: Path
    created_at: datetime
    database: str
    size_bytes: int
    repositories: int


@dataclass(frozen=True)
class RestoreReport:
    """What a restore put in place."""

    name: str
    tables: int
    rows: int
    repositories: int
    secrets: list[str]
    set_aside: Path | None
    host_files: dict[str, str]  # copy in the backup -> where it was on the host


def backup_dir(app=None) -> Path:
    """The folder holding the backups: BACKUP_DIR, by default <instance>/backups."""
    app = app or current_app
    return Path(app.config.get("BACKUP_DIR") or os.path.join(app.instance_path, "backups"))


def keep_setting(app=None) -> int:
    """How many backups `create_backup` keeps (BACKUP_KEEP, 7 by default; 0 keeps them all)."""
    app = app or current_app
    return int(app.config.get("BACKUP_KEEP", DEFAULT_KEEP))


def _host_file_setting(app) -> list[str]:
    """BACKUP_HOST_FILES: paths separated by ":" (or a list), copied as they are."""
    value = app.config.get("BACKUP_HOST_FILES") or []
    if isinstance(value, str):
        value = value.split(":")
    return [path for path in value if path]


def _database_url(app) -> str:
    return app.config["SQLALCHEMY_DATABASE_URI"]


def _sqlite_file(url: str) -> Path | None:
    if make_url(url).get_backend_name() != "sqlite" or not make_url(url).database:
        return None
    return Path(make_url(url).database).resolve()


def _new_name(root: Path, now: datetime) -> str:
    base = NAME_PREFIX + now.strftime("%Y%m%dT%H%M%SZ")
    name, number = base, 1
    while (root / name).exists() or (root / f"{PARTIAL_PREFIX}{name}").exists():
        number += 1
        name = f"{base}-{number}"
    return name


def create_backup(app=None, *, keep: int | None = None, now: datetime | None = None):
    """Make a backup of the database, the git repositories and the instance secrets, then delete
    the oldest backups beyond `keep` (BACKUP_KEEP when None; 0 keeps all).

    Returns (the new BackupInfo, the names of the backups deleted). Nothing is left behind on
    failure (BackupRefused or an OSError)."""
    app = app or current_app
    keep = keep_setting(app) if keep is None else keep
    if keep < 0:
        raise BackupRefused("the number of backups to keep cannot be negative")
    now = (now or datetime.now(UTC)).astimezone(UTC)
    root = backup_dir(app)
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    name = _new_name(root, now)
    partial = root / f"{PARTIAL_PREFIX}{name}"
    partial.mkdir(mode=0o700)
    try:
        manifest = _fill(app, partial, now)
        os.rename(partial, root / name)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    backups = list_backups(app)
    removed = _prune(backups, keep)
    return _info(root / name, manifest), removed


def _fill(app, folder: Path, now: datetime) -> dict:
    """Write the parts of a backup into `folder` and its manifest; returns the manifest."""
    url = _database_url(app)
    instance = Path(app.instance_path)
    database = database_dump.dump(url, folder, pg_bin=app.config.get("BACKUP_PG_BIN", ""))
    repositories = file_archives.archive_repositories(
        Path(git_root(app)), folder / file_archives.REPOSITORIES_FILE
    )
    secrets = file_archives.copy_secrets(
        file_archives.secret_files(instance, _sqlite_file(url)),
        folder / file_archives.SECRETS_FOLDER,
    )
    host_files = file_archives.copy_host_files(
        _host_file_setting(app), folder / file_archives.HOST_FILES_FOLDER
    )
    for path in folder.rglob("*"):
        if path.is_file():
            path.chmod(0o600)  # the dump and the repositories are as private as the secrets
    key_file = instance / "secret_key"
    manifest = {
        "format": FORMAT,
        "application": "school101",
        "created_at": now.isoformat(timespec="seconds"),
        **database,
        "repositories": repositories,
        "secrets": secrets,
        "host_files": host_files,
        # False when SECRET_KEY comes from the environment: keep that file yourself.
        "secret_key_included": key_file.is_file()
        and key_file.read_text().strip() == app.config.get("SECRET_KEY"),
        "files": digests(folder),
    }
    write_manifest(folder, manifest)
    return manifest


def _info(path: Path, manifest: dict) -> BackupInfo:
    created = datetime.fromisoformat(manifest["created_at"])
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    return BackupInfo(
        name=path.name,
        path=path,
        created_at=created.astimezone(UTC),
        database=manifest["database"],
        size_bytes=sum(int(f.get("size", 0)) for f in manifest["files"].values()),
        repositories=int(manifest.get("repositories", 0)),
    )


def list_backups(app=None) -> list[BackupInfo]:
    """The complete backups in BACKUP_DIR, newest first (folders without a readable manifest,
    and backups still being written, are left out). Reads the manifests only: no checksums."""
    root = backup_dir(app)
    if not root.is_dir():
        return []
    found = []
    for path in root.iterdir():
        if not path.is_dir() or path.name.startswith("."):
            continue
        try:
            found.append(_info(path, read_manifest(path)))
        except (BackupRefused, AttributeError, KeyError, TypeError, ValueError):
            continue
    return sorted(found, key=lambda info: (info.created_at, info.name), reverse=True)


def _prune(backups: list[BackupInfo], keep: int) -> list[str]:
    """Delete the backups after the `keep` newest (none when keep is 0)."""
    if keep == 0:
        return []
    removed = []
    for info in backups[keep:]:
        shutil.rmtree(info.path)
        removed.append(info.name)
    return removed


def find_backup(source: str, app=None) -> Path:
    """A backup folder from its path or its name in BACKUP_DIR."""
    path = Path(source)
    if path.is_dir():
        return path
    named = backup_dir(app) / source
    if source and "/" not in source and named.is_dir():
        return named
    raise BackupRefused(f"no backup named or found at {source}")


def restore_backup(source: str, app=None, *, force: bool = False) -> RestoreReport:
    """Restore a backup (a folder path or a name in BACKUP_DIR) into this installation.

    Every file's checksum is verified first; the database must be empty and the git folder
    empty unless `force` (then the database is replaced and the old repositories are moved
    aside, never deleted). On refusal or failure nothing is changed."""
    app = app or current_app
    folder = find_backup(source, app)
    manifest = verify(folder)
    url = _database_url(app)
    if database_dump.dialect_of(url) != manifest["database"]:
        raise BackupRefused(
            f"this backup holds a {manifest['database']} database; "
            f"it cannot be restored into {database_dump.dialect_of(url)}"
        )
    root = Path(git_root(app))
    if not force:
        _refuse_non_empty(url, root)
    db.session.remove()
    db.engine.dispose()  # no connection of ours stays open on the database being replaced
    pg_bin = app.config.get("BACKUP_PG_BIN", "")
    staging = None
    if file_archives.REPOSITORIES_FILE in manifest["files"]:
        staging = file_archives.stage_repositories(folder / file_archives.REPOSITORIES_FILE, root)
    try:
        database_dump.restore(url, folder, manifest, force=force, pg_bin=pg_bin)
    except BaseException:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        raise
    aside = None
    if staging is not None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = file_archives.install_staged(staging, root, set_aside_as=f".replaced-{stamp}")
    secrets = file_archives.restore_secrets(
        folder / file_archives.SECRETS_FOLDER, Path(app.instance_path)
    )
    tables = manifest.get("tables") or {}
    return RestoreReport(
        name=folder.name,
        tables=len(tables),
        rows=sum(tables.values()),
        repositories=int(manifest.get("repositories", 0)),
        secrets=secrets,
        set_aside=aside,
        host_files={
            str(folder / file_archives.HOST_FILES_FOLDER / name): original
            for name, original in (manifest.get("host_files") or {}).items()
        },
    )


def _refuse_non_empty(url: str, root: Path) -> None:
    problems = []
    tables = database_dump.tables_in(url)
    if tables:
        problems.append(f"the database is not empty ({tables} tables)")
    if file_archives.entries(root):
        problems.append(f"the git folder {root} is not empty")
    if problems:
        raise BackupRefused(
            "restore goes into an empty installation: "
            + "; ".join(problems)
            + " (pass --force to replace them)"
        )
