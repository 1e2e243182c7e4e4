"""Where the candidates' day repositories live, how they are created, and a per-repo lock.

One bare repository per user and day: ``<GIT_ROOT>/<user_id>/<day_id>.git`` (GIT_ROOT defaults
to ``<instance_path>/git``). When web hosts are scaled out GIT_ROOT must be shared storage
(e.g. NFS): a candidate's next push may reach another host. Grading never reads it: every
accepted push is snapshotted into Submission rows.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import tempfile
import time
import zlib
from contextlib import contextmanager, suppress

from dulwich.pack import load_pack_index
from dulwich.repo import Repo

DAY_ID = re.compile(r"^[a-z0-9_]{1,30}\Z")
DEFAULT_BRANCH = b"refs/heads/main"
RECORD_LOCK = "school101-record.lock"
RECEIVE_LOCK = "school101-receive.lock"


class Busy(Exception):
    """The per-repository lock could not be taken in time."""


def git_root(app) -> str:
    """The directory holding every day repository."""
    return os.path.abspath(app.config.get("GIT_ROOT") or os.path.join(app.instance_path, "git"))


def repo_path(root: str, user_id: int, day_id: str) -> str:
    """The path of a user's repository for a day; the day id is validated again here."""
    if not DAY_ID.match(day_id or "") or not isinstance(user_id, int) or user_id <= 0:
        raise ValueError("bad repository name")
    path = os.path.join(root, str(user_id), f"{day_id}.git")
    if os.path.dirname(os.path.dirname(os.path.abspath(path))) != os.path.abspath(root):
        raise ValueError("bad repository path")
    return path


def open_or_create(path: str) -> Repo:
    """Open the bare repository at `path`, creating it (atomically) on first use."""
    if not os.path.isdir(path):
        parent = os.path.dirname(path)
        os.makedirs(parent, exist_ok=True)
        scratch = tempfile.mkdtemp(dir=parent, prefix=".new-")
        try:
            Repo.init_bare(scratch, default_branch=b"main").close()
            os.rename(scratch, path)  # fails if another request created it meanwhile
        except OSError:
            if not os.path.isdir(path):
                raise
        finally:
            if os.path.isdir(scratch):
                shutil.rmtree(scratch, ignore_errors=True)
    return Repo(path, bare=True)


def disk_usage(path: str) -> int:
    """Bytes used by the objects of a repository."""
    total = 0
    for folder, _dirs, files in os.walk(os.path.join(path, "objects")):
        for name in files:
            with suppress(OSError):
                total += os.lstat(os.path.join(folder, name)).st_size
    return total


def object_size(repo: Repo, sha: bytes) -> int | None:
    """The size of an object once inflated, read from its headers alone (a few bytes are
    inflated, never the object); None when it is not found or its headers cannot be read.

    For a delta in a pack this is the size of the object it rebuilds.
    """
    objects = os.path.join(repo.controldir(), "objects")
    hex_sha = sha.decode("ascii") if isinstance(sha, bytes) else str(sha)
    loose = os.path.join(objects, hex_sha[:2], hex_sha[2:])
    try:
        with open(loose, "rb") as fh:  # zlib("<type> <size>\0...")
            head = zlib.decompressobj().decompress(fh.read(512), 64)
        return int(head.split(b"\0", 1)[0].split(b" ", 1)[1])
    except FileNotFoundError:
        pass
    except (OSError, ValueError, IndexError, zlib.error):
        return None
    for index_path in glob.glob(os.path.join(objects, "pack", "pack-*.idx")):
        try:
            index = load_pack_index(index_path, repo.object_format)
            try:
                offset = index.object_offset(hex_sha.encode("ascii"))
            except KeyError:
                continue
            finally:
                index.close()
            with open(index_path[: -len(".idx")] + ".pack", "rb") as fh:
                fh.seek(offset)
                return _packed_size(fh.read(512), repo.object_format.oid_length)
        except (OSError, ValueError, IndexError, zlib.error):
            return None
    return None


def _packed_size(head: bytes, oid_length: int) -> int | None:
    """The size in a pack entry's header; for a delta, the result size in the delta's header."""
    byte, pos = head[0], 1
    type_num, size, shift = (byte >> 4) & 7, byte & 0x0F, 4
    while byte & 0x80:
        byte = head[pos]
        pos += 1
        size |= (byte & 0x7F) << shift
        shift += 7
    if type_num not in (6, 7):
        return size
    if type_num == 6:  # the base's offset, a varint
        while head[pos] & 0x80:
            pos += 1
        pos += 1
    else:  # the base's id
        pos += oid_length
    delta = zlib.decompressobj().decompress(head[pos:], 32)
    values, value, shift = [], 0, 0
    for byte in delta:
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            values.append(value)
            value, shift = 0, 0
            if len(values) == 2:
                return values[1]
    return None


@contextmanager
def exclusive(path: str, *, timeout: float = 60.0, stale_after: float = 600.0):
    """Hold `path` as an exclusive lock file (O_EXCL, as git does; works on shared storage).

    Waits up to `timeout` seconds, then raises Busy. A lock older than `stale_after` seconds
    is the leftover of a crashed process and is broken.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            break
        except FileExistsError:
            try:
                age = time.time() - os.stat(path).st_mtime
            except FileNotFoundError:
                continue
            if age > stale_after:
                with suppress(FileNotFoundError):
                    os.unlink(path)
                continue
            if time.monotonic() > deadline:
                raise Busy(path) from None
            time.sleep(0.05)
    try:
        os.write(fd, f"{os.getpid()}\n".encode())
        os.close(fd)
        yield
    finally:
        with suppress(FileNotFoundError):
            os.unlink(path)
