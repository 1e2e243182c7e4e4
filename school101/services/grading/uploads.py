"""Turned-in files from uploads: name checks, size limits, and safe archive extraction.

Limits (configurable): SUBMISSION_MAX_FILE_BYTES (1 MiB), SUBMISSION_MAX_TOTAL_BYTES (10 MiB),
SUBMISSION_MAX_FILES (200). Archives (.zip, .tar, .tar.gz, .tgz) are read in memory, member by
member, without ever touching the disk: links, devices, absolute paths and `..` are refused,
and the uncompressed size is capped (zip and gzip bombs stop at the cap). The content must match
the suffix (no bzip2 or xz); a gzip stream is decompressed through CappedStream, which stops
past what a legitimate tar of the limits can hold, and a PAX or GNU long-name header is refused
past HEADER_MAX, before tarfile reads it into memory. A damaged, encrypted or unsupported
archive is a 422 naming it (docs/security.md, "Archives and hostile input").
"""

from __future__ import annotations

import gzip
import io
import re
import tarfile
import zipfile
import zlib

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
    """Unpack an archive whose content matches its suffix; any damage is a 422 naming it."""
    kind = _archive_kind(name, data)
    try:
        if kind == "zip":
            return _from_zip(data)
        return _from_tar(data, compressed=kind == "tar.gz")
    except ServiceError:
        raise
    except Refused as exc:
        message = _l(
            "The archive %(name)s cannot be opened: %(why)s.", name=name[:100], why=exc.why
        )
        raise ValidationFailed(message, fields={"files": message}, code="bad_archive") from None
    except ARCHIVE_ERRORS as exc:
        raise _bad_archive(name, str(exc)) from None


class Refused(Exception):
    """An archive the platform will not open (encrypted, unknown method, oversized header)."""

    def __init__(self, why) -> None:
        super().__init__(str(why))
        self.why = why


# What a damaged or unsupported archive raises while it is read: encrypted zips (RuntimeError),
# unknown methods (NotImplementedError), corrupt streams (zlib.error, EOFError, BadGzipFile,
# tarfile errors, BadZipFile), impossible headers (ValueError, OverflowError, UnicodeError).
ARCHIVE_ERRORS = (
    zipfile.BadZipFile,
    tarfile.TarError,
    zlib.error,
    EOFError,
    OSError,
    RuntimeError,
    NotImplementedError,
    ValueError,
    OverflowError,
    UnicodeError,
)
GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
OTHER_COMPRESSIONS = (b"BZh", b"\xfd7zXZ\x00", b"\x28\xb5\x2f\xfd")  # bzip2, xz, zstd
HEADER_MAX = 64 << 10  # a PAX or GNU long-name header: names are 100 characters at most here
TAR_BLOCK = 512


def _bad_archive(name: str, detail: str = "") -> ValidationFailed:
    message = _l("The archive %(name)s cannot be read.", name=name[:100])
    return ValidationFailed(
        message, fields={"files": f"{message} {detail[:200]}".strip()}, code="bad_archive"
    )


def _archive_kind(name: str, data: bytes) -> str:
    """zip, tar or tar.gz, from the suffix; the content must match it (no bzip2 or xz, which
    the subjects do not offer, even inside a .tar)."""
    lowered = name.lower()
    if lowered.endswith(".zip"):
        kind, ok = "zip", data.startswith(ZIP_MAGICS)
    elif lowered.endswith((".tar.gz", ".tgz")):
        kind, ok = "tar.gz", data.startswith(GZIP_MAGIC)
    else:
        kind = "tar"
        ok = not data.startswith((GZIP_MAGIC, *ZIP_MAGICS, *OTHER_COMPRESSIONS))
    if not ok:
        message = _l(
            "The archive %(name)s is not what its name says: send a .zip, .tar or .tar.gz.",
            name=name[:100],
        )
        raise ValidationFailed(message, fields={"files": message}, code="bad_archive")
    return kind


class CappedStream(io.RawIOBase):
    """A read-only stream that raises TooLarge before reading past `limit` bytes of `source`:
    the decompressed tar stream is bounded before tarfile sees any of it."""

    def __init__(self, source, limit: int) -> None:
        super().__init__()
        self._source = source
        self._limit = limit
        self._read = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        room = self._limit - self._read
        if size is None or size < 0 or size > room:
            size = room + 1  # one byte past the limit tells a full stream from a bomb
        chunk = self._source.read(size)
        self._read += len(chunk)
        if self._read > self._limit:
            raise TooLarge(_l("The archive unpacks to more than %(n)d MiB.", n=self._limit >> 20))
        return chunk

    def readinto(self, buffer) -> int:
        chunk = self.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


class _CappedTarInfo(tarfile.TarInfo):
    """A tar header whose PAX / GNU long-name extension is refused past HEADER_MAX bytes
    (tarfile reads such a header whole into memory)."""

    def _proc_member(self, tarfile_):
        if self.type in EXTENSION_TYPES and self.size > HEADER_MAX:
            raise Refused(_l("a header is too large"))
        return super()._proc_member(tarfile_)


EXTENSION_TYPES = (
    tarfile.GNUTYPE_LONGNAME,
    tarfile.GNUTYPE_LONGLINK,
    tarfile.XHDTYPE,
    tarfile.XGLTYPE,
    tarfile.SOLARIS_XHDTYPE,
    tarfile.GNUTYPE_SPARSE,
)


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
    # Count the central directory entries before zipfile builds an object for each of them.
    if data.count(b"PK\x01\x02") > count_max * 2:
        raise TooLarge(_l("Too many files (%(n)d at most).", n=count_max))
    files: dict[str, bytes] = {}
    total = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        if len(members) > count_max * 2:
            raise TooLarge(_l("Too many files (%(n)d at most).", n=count_max))
        for info in members:
            if info.flag_bits & 0x1:
                raise Refused(_l("a file is encrypted"))
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise Refused(
                    _l("a file uses a compression method that is not supported (deflate or none)")
                )
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


def tar_stream_max(total_max: int, count_max: int) -> int:
    """Bytes a legitimate tar stream may hold: the files; for each member its header, padding
    and a small PAX header (4 KiB in all); a few headers up to HEADER_MAX; the end record."""
    per_member = 4 * TAR_BLOCK + 2048
    return total_max + (count_max * 2 + 2) * per_member + 4 * HEADER_MAX + tarfile.RECORDSIZE


def _from_tar(data: bytes, *, compressed: bool) -> dict[str, bytes]:
    per_file, total_max, count_max = limits()
    source = gzip.GzipFile(fileobj=io.BytesIO(data), mode="rb") if compressed else io.BytesIO(data)
    stream = CappedStream(source, tar_stream_max(total_max, count_max))
    files: dict[str, bytes] = {}
    total = 0
    # "r|": one pass over the capped stream, no compression guessed (gzip was opened above).
    with tarfile.open(fileobj=stream, mode="r|", tarinfo=_CappedTarInfo) as archive:
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
            member_stream = archive.extractfile(member)
            total = _add(files, name, _read_capped(member_stream, per_file), total)
    return files
