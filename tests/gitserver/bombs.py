"""Hostile pushes crafted byte by byte: packs whose objects inflate far beyond what they weigh,
and request bodies that gunzip into huge ref-update lists; plus a server process to aim them at
whose memory can be read from /proc.

Nothing here holds a bomb inflated: blob ids of large zero-filled blobs are hashed in 1 MiB
steps, and the deflate streams are built the same way.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import struct
import zlib
from dataclasses import dataclass
from urllib.parse import urlsplit

from dulwich.objects import Blob, Commit, Tree

MIB = 1 << 20
ZERO_SHA = b"0" * 40
COMMIT, TREE, BLOB, OFS_DELTA = 1, 2, 3, 6


def object_header(type_num: int, size: int) -> bytes:
    """A pack object's header: type and (declared) inflated size, as a varint."""
    byte = (type_num << 4) | (size & 0x0F)
    size >>= 4
    out = bytearray()
    while size:
        out.append(byte | 0x80)
        byte = size & 0x7F
        size >>= 7
    out.append(byte)
    return bytes(out)


def delta_varint(n: int) -> bytes:
    """The size varint of a delta's header (little-endian groups of 7 bits)."""
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def ofs_encode(n: int) -> bytes:
    """The base offset of an OFS_DELTA object (git's offset encoding)."""
    out = [n & 0x7F]
    n >>= 7
    while n:
        n -= 1
        out.insert(0, 0x80 | (n & 0x7F))
        n >>= 7
    return bytes(out)


def deflated_zeros(n: int, *, level: int = 9) -> bytes:
    """A zlib stream inflating to `n` zero bytes (built in 1 MiB steps)."""
    compressor, chunk, parts = zlib.compressobj(level), bytes(MIB), []
    while n:
        step = min(n, MIB)
        parts.append(compressor.compress(chunk[:step]))
        n -= step
    parts.append(compressor.flush())
    return b"".join(parts)


def zeros_blob_id(n: int, tail: bytes = b"") -> bytes:
    """The id of a blob of `n` zero bytes followed by `tail`, without building it."""
    digest, chunk, left = hashlib.sha1(b"blob %d\0" % (n + len(tail))), bytes(MIB), n
    while left:
        step = min(left, MIB)
        digest.update(chunk[:step])
        left -= step
    digest.update(tail)
    return digest.hexdigest().encode()


def plain(obj) -> bytes:
    """One undeltified pack entry for a dulwich object."""
    raw = obj.as_raw_string()
    return object_header(obj.type_num, len(raw)) + zlib.compress(raw)


def pack(entries: list[bytes]) -> bytes:
    """A version 2 pack of ready entries, with its SHA-1 trailer."""
    data = b"PACK" + struct.pack(">II", 2, len(entries)) + b"".join(entries)
    return data + hashlib.sha1(data).digest()


def exercise_commit(blobs: dict[bytes, bytes]) -> tuple[list[bytes], bytes]:
    """Entries of a commit holding ex00/<name> -> blob id, and the commit id."""
    inner = Tree()
    for name, blob_id in blobs.items():
        inner.add(name, 0o100644, blob_id)
    root = Tree()
    root.add(b"ex00", 0o040000, inner.id)
    commit = Commit()
    commit.tree = root.id
    commit.author = commit.committer = b"Mallory <mallory@example.org>"
    commit.author_time = commit.commit_time = 1_780_000_000
    commit.author_timezone = commit.commit_timezone = 0
    commit.message = b"bomb\n"
    return [plain(inner), plain(root), plain(commit)], commit.id


def pkt(line: bytes) -> bytes:
    return b"%04x" % (len(line) + 4) + line


def receive_body(new_sha: bytes, pack_bytes: bytes, ref: bytes = b"refs/heads/main") -> bytes:
    """A git-receive-pack request: one ref update, then the pack."""
    command = ZERO_SHA + b" " + new_sha + b" " + ref + b"\0report-status side-band-64k\n"
    return pkt(command) + b"0000" + pack_bytes


# -- the bombs: (request body, extra headers) ----------------------------------------------------


def big_blob(size: int = 256 * MIB) -> bytes:
    """One blob of `size` zero bytes, honestly declared (about 255 KiB on the wire)."""
    blob_id = zeros_blob_id(size)
    entries, commit = exercise_commit({b"ft_putchar.c": blob_id})
    return receive_body(commit, pack([object_header(BLOB, size) + deflated_zeros(size), *entries]))


def lying_blob(size: int = 256 * MIB) -> bytes:
    """A blob declared 100 bytes long whose deflate stream inflates to `size` bytes."""
    entries, commit = exercise_commit({b"ft_putchar.c": zeros_blob_id(100)})
    return receive_body(commit, pack([object_header(BLOB, 100) + deflated_zeros(size), *entries]))


def _copy_delta(base_size: int, declared: int, produced: int) -> bytes:
    """A delta copying its whole 64 KiB base again and again (one byte per 64 KiB made)."""
    assert base_size == 0x10000
    return delta_varint(base_size) + delta_varint(declared) + b"\x80" * (produced // base_size)


def delta_bomb(size: int = 256 * MIB, *, declared: int | None = None) -> bytes:
    """A 64 KiB base blob, then a delta (a few KiB) rebuilding `size` bytes from it; the delta's
    header declares `declared` bytes (`size` when honest)."""
    base = Blob.from_string(bytes(0x10000))
    base_entry = plain(base)
    delta = _copy_delta(0x10000, size if declared is None else declared, size)
    delta_entry = object_header(OFS_DELTA, len(delta)) + ofs_encode(len(base_entry))
    delta_entry += zlib.compress(delta, 9)
    entries, commit = exercise_commit({b"ft_putchar.c": zeros_blob_id(size)})
    return receive_body(commit, pack([base_entry, delta_entry, *entries]))


def many_blobs(count: int, size: int) -> bytes:
    """`count` different blobs of `size` bytes each (zeros, then their number), one folder."""
    entries, blobs = [], {}
    for i in range(count):
        tail = b"%08d" % i
        compressor = zlib.compressobj(9)
        body = b"".join(compressor.compress(bytes(MIB)) for _ in range((size - len(tail)) // MIB))
        body += compressor.compress(bytes((size - len(tail)) % MIB) + tail) + compressor.flush()
        entries.append(object_header(BLOB, size) + body)
        blobs[b"f%02d.c" % i] = zeros_blob_id(size - len(tail), tail)
    tree_entries, commit = exercise_commit(blobs)
    return receive_body(commit, pack([*entries, *tree_entries]))


def gzipped_ref_list(lines: int = 2_000_000) -> bytes:
    """A gzip request body that inflates into `lines` ref updates (about 100 bytes each)."""
    new = b"1" * 40
    first = pkt(ZERO_SHA + b" " + new + b" refs/heads/main\0report-status side-band-64k\n")
    line = pkt(ZERO_SHA + b" " + new + b" refs/heads/" + b"b" * 40 + b"\n")
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip container
    parts = [compressor.compress(first)]
    block = line * 10_000
    for _ in range(lines // 10_000):
        parts.append(compressor.compress(block))
    parts.append(compressor.compress(b"0000") + compressor.flush())
    return b"".join(parts)


def gzipped_stored_blobs(count: int = 1024) -> bytes:
    """A gzip request body (about 1 MiB) inflating into a pack of `count` blobs of 1 MiB each,
    stored uncompressed: `count` MiB of request body once gunzipped."""
    stored = object_header(BLOB, MIB) + zlib.compress(bytes(MIB), 0)
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip container
    head = receive_body(zeros_blob_id(MIB), b"PACK" + struct.pack(">II", 2, count))
    parts = [compressor.compress(head)]
    parts.extend(compressor.compress(stored) for _ in range(count))
    parts.append(compressor.flush())
    return b"".join(parts)


# -- talking to the server -----------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    text: str  # the sideband messages and report-status lines, decoded


def post_receive_pack(
    base: str,
    token: str,
    body: bytes,
    *,
    gzipped: bool = False,
    day: str = "c00",
    timeout: float = 120,
) -> Answer:
    """POST a git-receive-pack request as git would (chunked when large)."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    headers = {
        "Authorization": "Basic " + base64.b64encode(f"x:{token}".encode()).decode(),
        "Content-Type": "application/x-git-receive-pack-request",
        "Accept": "application/x-git-receive-pack-result",
    }
    if gzipped:
        headers["Content-Encoding"] = "gzip"
    try:
        connection.request("POST", f"/git/{day}.git/git-receive-pack", body=body, headers=headers)
        response = connection.getresponse()
        raw = response.read()
    finally:
        connection.close()
    return Answer(response.status, _sideband_text(raw))


def _sideband_text(raw: bytes) -> str:
    """Every message a git client would print from a receive-pack answer."""
    out, pos = [], 0
    while pos + 4 <= len(raw):
        try:
            length = int(raw[pos : pos + 4], 16)
        except ValueError:
            return raw.decode("utf-8", "replace")
        if length < 4:
            pos += 4
            continue
        payload = raw[pos + 4 : pos + length]
        pos += length
        if payload[:1] in (b"\x01", b"\x02", b"\x03"):
            inner = payload[1:]
            if payload[:1] == b"\x01":  # report-status, itself in pkt-lines
                out.append(_sideband_text(inner))
            else:
                out.append(inner.decode("utf-8", "replace"))
        else:
            out.append(payload.decode("utf-8", "replace"))
    return "".join(out)


def memory_kib(pid: int, field: str = "VmHWM") -> int:
    """Resident memory of a process in KiB: its peak (VmHWM) or its current size (VmRSS)."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    raise AssertionError(f"no {field} for {pid}")
