"""The files of a backup beside the database: the git repositories (one tar) and the instance
secrets (copied with mode 0600), and their restore.

Each repository is archived while holding its push lock (the one `git push` takes), so no
repository is caught half-written. Restoring extracts into a staging folder first and moves it
into place only once the database is restored.
"""

from __future__ import annotations

import os
import shutil
import tarfile
import tempfile
from contextlib import contextmanager
from pathlib import Path

from school101.services.grading.repositories import RECEIVE_LOCK, RECORD_LOCK, Busy, exclusive
from school101.services.operations.manifest import BackupRefused

REPOSITORIES_FILE = "repositories.tar"
SECRETS_FOLDER = "secrets"
HOST_FILES_FOLDER = "host-files"
STAGING_PREFIX = ".restore-"
DATABASE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def _transient(name: str) -> bool:
    """Lock files, push spools and half-created repositories: never part of a backup."""
    return name in (RECEIVE_LOCK, RECORD_LOCK) or name.startswith(
        ("tmp_spool_", ".new-", STAGING_PREFIX)
    )


def _is_repository(path: Path) -> bool:
    return path.name.endswith(".git") and (path / "objects").is_dir() and (path / "HEAD").is_file()


def _skip_transient(info: tarfile.TarInfo) -> tarfile.TarInfo | None:
    return None if _transient(os.path.basename(info.name)) else info


@contextmanager
def _locked(repository: Path, timeout: float):
    """Hold a repository's push lock; BackupRefused when a push keeps it past `timeout`."""
    try:
        with exclusive(str(repository / RECEIVE_LOCK), timeout=timeout):
            yield
    except Busy:
        raise BackupRefused(
            f"{repository} stayed locked by a push for {timeout:.0f} s: try the backup again"
        ) from None


def archive_repositories(root: Path, target: Path, *, lock_timeout: float = 120.0) -> int:
    """Write every repository under `root` (day and team repositories alike) into the tar
    `target`, each under its push lock; returns how many repositories it holds."""
    count = 0
    with tarfile.open(target, "w", format=tarfile.GNU_FORMAT) as tar:  # no per-file pax header
        if not root.is_dir():
            return 0
        for folder, dirs, files in os.walk(root):
            here = Path(folder)
            dirs.sort()
            for name in list(dirs):
                path = here / name
                if _transient(name) or path.is_symlink():
                    dirs.remove(name)
                elif _is_repository(path):
                    dirs.remove(name)  # archived whole, below, under its lock
                    with _locked(path, lock_timeout):
                        tar.add(
                            path, arcname=path.relative_to(root).as_posix(), filter=_skip_transient
                        )
                    count += 1
            for name in sorted(files):
                path = here / name
                if not _transient(name) and not path.is_symlink():
                    tar.add(path, arcname=path.relative_to(root).as_posix())
    return count


def entries(root: Path) -> list[str]:
    """What a folder holds (staging folders aside); empty when it does not exist."""
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if not p.name.startswith(STAGING_PREFIX))


def stage_repositories(tar_path: Path, root: Path) -> Path:
    """Extract the repositories' tar into a new staging folder inside `root` (created if
    missing), so that moving them into place is a rename on the same file system."""
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=root, prefix=STAGING_PREFIX))
    try:
        with tarfile.open(tar_path) as tar:
            tar.extractall(staging, filter="data")  # no absolute paths, no links leaving it
    except (OSError, tarfile.TarError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BackupRefused(f"the repositories could not be extracted: {exc}") from None
    return staging


def install_staged(staging: Path, root: Path, *, set_aside_as: str) -> Path | None:
    """Move the staged repositories into `root`. What `root` held before is moved into
    `root/<set_aside_as>` (returned), never deleted."""
    aside = None
    existing = entries(root)
    if existing:
        aside = root / set_aside_as
        aside.mkdir(mode=0o700)
        for name in existing:
            if name != set_aside_as:
                os.rename(root / name, aside / name)
    for path in sorted(staging.iterdir()):
        os.rename(path, root / path.name)
    staging.rmdir()
    return aside


def secret_files(instance: Path, database_path: Path | None) -> list[Path]:
    """The instance secrets: every regular file directly in the instance folder (secret_key and
    any other), the SQLite database and its journals aside."""
    if not instance.is_dir():
        return []
    skipped = set()
    if database_path is not None:
        skipped = {Path(f"{database_path}{suffix}").resolve() for suffix in DATABASE_SUFFIXES}
    return sorted(
        path
        for path in instance.iterdir()
        if path.is_file() and not path.is_symlink() and path.resolve() not in skipped
    )


def _write_private(path: Path, data: bytes) -> None:
    """Write `data` to a new file created with mode 0600 (never readable by others)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)


def copy_secrets(files: list[Path], folder: Path) -> list[str]:
    """Copy the secret files into `folder` (mode 0700, files 0600); returns their names."""
    folder.mkdir(mode=0o700)
    for path in files:
        _write_private(folder / path.name, path.read_bytes())
    return [path.name for path in files]


def copy_host_files(paths: list[str], folder: Path) -> dict[str, str]:
    """Copy files named by BACKUP_HOST_FILES (e.g. the environment file holding SECRET_KEY) into
    `folder` (mode 0700, files 0600); returns {name in the backup: original path}. They are
    not restored automatically: the operator puts them back (docs/backups.md)."""
    copied: dict[str, str] = {}
    if not paths:
        return copied
    folder.mkdir(mode=0o700)
    for original in paths:
        source = Path(original)
        if source.name in copied:
            raise BackupRefused(f"BACKUP_HOST_FILES names two files called {source.name}")
        try:
            _write_private(folder / source.name, source.read_bytes())
        except OSError as exc:
            raise BackupRefused(f"the host file {original} cannot be copied: {exc}") from None
        copied[source.name] = str(source.resolve())
    return copied


def restore_secrets(folder: Path, instance: Path) -> list[str]:
    """Put the backed-up secrets into the instance folder (mode 0600), each replacing the file
    of the same name in one rename; returns their names."""
    if not folder.is_dir():
        return []
    instance.mkdir(parents=True, exist_ok=True)
    names = []
    for path in sorted(folder.iterdir()):
        scratch = instance / f".{path.name}.restoring"
        if scratch.exists():
            scratch.unlink()
        _write_private(scratch, path.read_bytes())
        os.replace(scratch, instance / path.name)
        names.append(path.name)
    return names
