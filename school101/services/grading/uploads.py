"""Turned-in files from uploads: name checks, size limits, and safe archive extraction.

Limits (configurable): SUBMISSION_MAX_FILE_BYTES (1 MiB), SUBMISSION_MAX_TOTAL_BYTES (10 MiB),
SUBMISSION_MAX_FILES (200). Archives (.zip, .tar, .tar.gz, .tgz) are read in memory, member by
member, without ever touching the disk: links, devices, absolute paths and `..` are refused,
and the uncompressed size is capped (zip and gzip bombs stop at the cap).
"""

from __future__ import annotations

import io
import re
import tarfile
import zipfile

from flask import current_app
from flask_babel import lazy_gettext as _l

from school101.core.errors import ServiceError, ValidationFailed

FILE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.+-]{0,99}$")
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz")


class TooLarge(ServiceError):
    status = 413
    code = "too_large"


def limits() -> tuple[int, int, int]:
    """(max bytes per file, max bytes in all, max files) from the config."""
    cfg = current_app.config
    return (
        cfg.get("SUBMISSION_MAX_FILE_BYTES", 1 << 20),
        cfg.get("SUBMISSION_MAX_TOTAL_BYTES", 10 << 20),
        cfg.get("SUBMISSION_MAX_FILES", 200),
    )


def check_name(name: str) -> str:
    """A flat, ordinary file name, or ValidationFailed naming the problem."""
    if not isinstance(name, str) or not name:
        raise ValidationFailed(
            _l("A file has no name."), fields={"files": _l("A file has no name.")}
        )
    if "/" in name or "\\" in name or name in {".", ".."} or ".." in name.split("/"):
        raise ValidationFailed(
            _l("File names must not contain a path: %(name)s", name=name[:100]),
            fields={"files": _l("File names must not contain a path: %(name)s", name=name[:100])},
            code="bad_file_name",
        )
    if not FILE_NAME.match(name):
        raise ValidationFailed(
            _l("This file name is not allowed: %(name)s", name=name[:100]),
            fields={"files": _l("This file name is not allowed: %(name)s", name=name[:100])},
            code="bad_file_name",
        )
    return name


def collect(uploads: list[tuple[str, bytes]], *, unpack_archives: bool = True) -> dict[str, bytes]:
    """Flat name -> content from uploaded files; a single archive is unpacked safely
    (not for git pushes, where a turned-in .zip is just a file)."""
    per_file, total_max, count_max = limits()
    if not uploads:
        raise ValidationFailed(
            _l("Send at least one file."), fields={"files": _l("Send at least one file.")}
        )
    if len(uploads) > count_max:
        raise TooLarge(_l("Too many files (%(n)d at most).", n=count_max))
    if unpack_archives and len(uploads) == 1 and uploads[0][0].lower().endswith(ARCHIVE_SUFFIXES):
        name, data = uploads[0]
        if len(data) > total_max:
            raise TooLarge(_l("The archive is too large (%(n)d MiB at most).", n=total_max >> 20))
        return _from_archive(name, data)
    files: dict[str, bytes] = {}
    total = 0
    for name, data in uploads:
        check_name(name)
        if len(data) > per_file:
            raise TooLarge(
                _l("%(name)s is too large (%(n)d KiB at most a file).", name=name, n=per_file >> 10)
            )
        total += len(data)
        if total > total_max:
            raise TooLarge(
                _l("The submission is too large (%(n)d MiB at most).", n=total_max >> 20)
            )
        if name in files:
            raise ValidationFailed(
                _l("The same file name was sent twice: %(name)s", name=name),
                fields={"files": _l("The same file name was sent twice: %(name)s", name=name)},
            )
        files[name] = data
    return files


def _from_archive(name: str, data: bytes) -> dict[str, bytes]:
    try:
        if name.lower().endswith(".zip"):
            return _from_zip(data)
        return _from_tar(data)
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError) as exc:
        raise ValidationFailed(
            _l("The archive cannot be read."), fields={"files": str(exc)[:200]}, code="bad_archive"
        ) from None


def _member_name(path: str) -> str:
    """The flat name of an archive member; one leading folder (e.g. ex00/) is allowed."""
    if path.startswith("/") or "\\" in path or any(part == ".." for part in path.split("/")):
        raise ValidationFailed(
            _l("The archive holds a dangerous path: %(name)s", name=path[:100]),
            fields={"files": _l("The archive holds a dangerous path: %(name)s", name=path[:100])},
            code="bad_archive",
        )
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if len(parts) > 2:
        raise ValidationFailed(
            _l("Put your files at the root of the archive: %(name)s", name=path[:100]),
            fields={
                "files": _l("Put your files at the root of the archive: %(name)s", name=path[:100])
            },
            code="bad_archive",
        )
    return check_name(parts[-1])


def _add(files: dict[str, bytes], name: str, data: bytes, total: int) -> int:
    per_file, total_max, count_max = limits()
    if len(data) > per_file:
        raise TooLarge(
            _l("%(name)s is too large (%(n)d KiB at most a file).", name=name, n=per_file >> 10)
        )
    total += len(data)
    if total > total_max:
        raise TooLarge(_l("The archive unpacks to more than %(n)d MiB.", n=total_max >> 20))
    if len(files) >= count_max:
        raise TooLarge(_l("Too many files (%(n)d at most).", n=count_max))
    files[name] = data
    return total


def _read_capped(stream, cap: int) -> bytes:
    data = stream.read(cap + 1)
    if len(data) > cap:
        raise TooLarge(_l("A file in the archive is too large."))
    return data


def _from_zip(data: bytes) -> dict[str, bytes]:
    per_file, _, count_max = limits()
    files: dict[str, bytes] = {}
    total = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        if len(members) > count_max * 2:
            raise TooLarge(_l("Too many files (%(n)d at most).", n=count_max))
        for info in members:
            if info.is_dir():
                _member_name(info.filename.rstrip("/") + "/x")
                continue
            mode = (info.external_attr >> 16) & 0o170000
            if mode and mode != 0o100000:
                raise ValidationFailed(
                    _l(
                        "The archive holds a link or a special file: %(name)s",
                        name=info.filename[:100],
                    ),
                    code="bad_archive",
                    fields={"files": info.filename[:100]},
                )
            name = _member_name(info.filename)
            with archive.open(info) as stream:  # the size in the header is not trusted
                total = _add(files, name, _read_capped(stream, per_file), total)
    return files


def _from_tar(data: bytes) -> dict[str, bytes]:
    per_file, _, count_max = limits()
    files: dict[str, bytes] = {}
    total = 0
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as archive:
        for index, member in enumerate(archive):
            if index > count_max * 2:
                raise TooLarge(_l("Too many files (%(n)d at most).", n=count_max))
            if member.isdir():
                _member_name(member.name.rstrip("/") + "/x")
                continue
            if not member.isfile():
                raise ValidationFailed(
                    _l(
                        "The archive holds a link or a special file: %(name)s",
                        name=member.name[:100],
                    ),
                    code="bad_archive",
                    fields={"files": member.name[:100]},
                )
            name = _member_name(member.name)
            stream = archive.extractfile(member)
            total = _add(files, name, _read_capped(stream, per_file), total)
    return files
