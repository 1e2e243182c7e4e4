"""The manifest of a backup: what it holds, with the SHA-256 and size of every file, and the
check that a backup folder is whole before anything is restored from it."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from school101.core.errors import ServiceError

MANIFEST = "manifest.json"
FORMAT = 1
CHUNK = 1 << 20


class BackupRefused(ServiceError):
    """A backup cannot be made or restored; `message` says why, nothing was changed."""

    status = 409
    code = "backup_refused"


def file_digest(path: Path) -> dict:
    """{"sha256": hex digest, "size": bytes} of one file, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return {"sha256": digest.hexdigest(), "size": size}


def digests(folder: Path) -> dict[str, dict]:
    """The digest of every file under `folder` but the manifest, keyed by relative POSIX path."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != MANIFEST:
            found[path.relative_to(folder).as_posix()] = file_digest(path)
    return found


def _own_checksum(manifest: dict) -> str:
    """The SHA-256 of the manifest's content (its "checksum" field aside), canonical JSON."""
    content = {key: value for key, value in manifest.items() if key != "checksum"}
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def write_manifest(folder: Path, manifest: dict) -> None:
    """Write manifest.json (mode 0600) into `folder`, with the checksum of its own content."""
    manifest = {**manifest, "checksum": _own_checksum(manifest)}
    data = json.dumps(manifest, indent=2, sort_keys=True).encode()
    fd = os.open(folder / MANIFEST, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def read_manifest(folder: Path) -> dict:
    """The manifest of the backup in `folder`; BackupRefused when it is missing or unreadable."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupRefused(f"{folder} is not a backup: it has no {MANIFEST}") from None
    except (OSError, ValueError) as exc:
        raise BackupRefused(f"{folder / MANIFEST} cannot be read: {exc}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupRefused(f"{folder / MANIFEST} is not a school101 backup manifest (format 1)")
    if manifest.get("checksum") != _own_checksum(manifest):
        raise BackupRefused(f"{folder / MANIFEST} does not match its checksum (damaged or changed)")
    if not isinstance(manifest.get("files"), dict) or not manifest.get("database"):
        raise BackupRefused(f"{folder / MANIFEST} lacks its list of files or its database kind")
    return manifest


def verify(folder: Path) -> dict:
    """The manifest, once every file it lists is found with its size and SHA-256, and no other
    file is there; otherwise BackupRefused naming each problem."""
    manifest = read_manifest(folder)
    expected = manifest["files"]
    found = digests(folder)
    problems = []
    for name in sorted(expected):
        if name not in found:
            problems.append(f"{name} is missing")
        elif found[name] != expected[name]:
            problems.append(f"{name} does not match its checksum (damaged or changed)")
    problems += [f"{name} is not in the manifest" for name in sorted(set(found) - set(expected))]
    if problems:
        raise BackupRefused(f"backup {folder} is damaged or incomplete: " + "; ".join(problems))
    return manifest
