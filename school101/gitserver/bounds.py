"""Bounds on what a push may make the server read and inflate, checked before dulwich sees it.

A pack is small on the wire and large once inflated: a 255 KiB pack can hold a 256 MiB blob, a
delta of a few KiB can rebuild gigabytes from a small base, and a gzip request body can inflate
into millions of ref updates. dulwich inflates each object whole in memory, so the pack is read
here first, object by object, and copied to a spool file only as far as it is allowed:

- an object whose declared size (pack header, or a delta's result size) is over
  ``max_object_bytes`` is refused before any of it is inflated;
- each zlib stream is inflated in chunks of at most ``CHUNK`` bytes and thrown away, and an
  object inflating past its declared size is refused (a lying header);
- a delta's copy and insert instructions are added up as they arrive: rebuilding more than its
  header says is refused;
- the object sizes of a push add up to at most ``max_inflated_bytes``, its objects number at
  most ``max_objects``, and its raw pack bytes at most ``max_pack_bytes``.

Nothing here imports Flask: the refusals carry a kind and a limit, receive.py words them.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

CHUNK = 64 * 1024
OBJECT_TYPES = {1, 2, 3, 4}  # commit, tree, blob, tag
OFS_DELTA, REF_DELTA = 6, 7


class PackRefused(Exception):
    """A pushed pack (or request body) over a limit, or unreadable.

    `kind` is one of ``pack_bytes``, ``object_bytes``, ``inflated_bytes``, ``objects``,
    ``refs`` or ``malformed``; `limit` is the limit that was passed (0 for ``malformed``).
    """

    def __init__(self, kind: str, limit: int = 0) -> None:
        super().__init__(f"{kind} (limit {limit})")
        self.kind = kind
        self.limit = limit


@dataclass(frozen=True)
class PackLimits:
    """The limits one pushed pack is held to."""

    max_pack_bytes: int
    max_object_bytes: int
    max_inflated_bytes: int
    max_objects: int


def spool_pack(read_some, out, limits: PackLimits, oid_length: int = 20) -> int:
    """Copy one pack from `read_some` (returns b"" at the end) to the file `out`, checking it
    as it goes; returns the bytes copied. Raises PackRefused; `out` then holds a prefix only."""
    scanner = _Scanner(read_some, out, limits, oid_length)
    scanner.run()
    return scanner.copied


class _Scanner:
    def __init__(self, read_some, out, limits: PackLimits, oid_length: int) -> None:
        self.read_some = read_some
        self.out = out
        self.limits = limits
        self.oid_length = oid_length
        self.buf = b""
        self.pos = 0  # bytes of buf already parsed and copied
        self.received = 0
        self.copied = 0
        self.inflated = 0  # object sizes added up (a delta counts as the object it rebuilds)

    def run(self) -> None:
        head = self._take(12)
        version, count = struct.unpack(">II", head[4:])
        if head[:4] != b"PACK" or version not in (2, 3):
            raise PackRefused("malformed")
        if count > self.limits.max_objects:
            raise PackRefused("objects", self.limits.max_objects)
        for _ in range(count):
            self._object()
        self._take(self.oid_length)  # the checksum; dulwich verifies it

    def _object(self) -> None:
        type_num, size = self._object_header()
        if type_num == OFS_DELTA:
            self._ofs_varint()
        elif type_num == REF_DELTA:
            self._take(self.oid_length)
        elif type_num not in OBJECT_TYPES:
            raise PackRefused("malformed")
        self._declare(size)
        if type_num in (OFS_DELTA, REF_DELTA):
            sizer = DeltaSizer(self._declare)
            if self._inflate(size, sizer.feed) != size:
                raise PackRefused("malformed")
            sizer.finish()
        elif self._inflate(size) != size:
            raise PackRefused("malformed")

    def _declare(self, size: int) -> None:
        """Account for an object of `size` bytes once inflated, before inflating it."""
        if size > self.limits.max_object_bytes:
            raise PackRefused("object_bytes", self.limits.max_object_bytes)
        self.inflated += size
        if self.inflated > self.limits.max_inflated_bytes:
            raise PackRefused("inflated_bytes", self.limits.max_inflated_bytes)

    # -- reading ---------------------------------------------------------------------------

    def _more(self) -> None:
        data = self.read_some(CHUNK)
        if not data:
            raise PackRefused("malformed")  # the pack ends early
        self.received += len(data)
        if self.received > self.limits.max_pack_bytes:
            raise PackRefused("pack_bytes", self.limits.max_pack_bytes)
        self.buf = self.buf[self.pos :] + data
        self.pos = 0

    def _take(self, n: int) -> bytes:
        while len(self.buf) - self.pos < n:
            self._more()
        data = self.buf[self.pos : self.pos + n]
        self.pos += n
        self._copy(data)
        return data

    def _copy(self, data: bytes) -> None:
        self.out.write(data)
        self.copied += len(data)

    def _object_header(self) -> tuple[int, int]:
        byte = self._take(1)[0]
        type_num, size, shift = (byte >> 4) & 7, byte & 0x0F, 4
        while byte & 0x80:
            if shift > 56:
                raise PackRefused("malformed")
            byte = self._take(1)[0]
            size |= (byte & 0x7F) << shift
            shift += 7
        return type_num, size

    def _ofs_varint(self) -> None:
        for _ in range(10):
            if not self._take(1)[0] & 0x80:
                return
        raise PackRefused("malformed")

    def _inflate(self, declared: int, sink=None) -> int:
        """Inflate one zlib stream in bounded chunks; returns its size (stops past `declared`)."""
        inflater = zlib.decompressobj()
        total = 0
        while not inflater.eof:
            if self.pos >= len(self.buf):
                self._more()
            chunk = self.buf[self.pos :]
            data = chunk
            try:
                while True:
                    out = inflater.decompress(data, CHUNK)
                    total += len(out)
                    if total > declared:
                        raise PackRefused("malformed")  # more than its header said
                    if sink is not None and out:
                        sink(out)
                    data = inflater.unconsumed_tail
                    if inflater.eof or (not data and len(out) < CHUNK):
                        break
            except zlib.error:
                raise PackRefused("malformed") from None
            used = len(chunk) - len(inflater.unused_data) if inflater.eof else len(chunk)
            self._copy(chunk[:used])
            self.pos += used
        return total


class DeltaSizer:
    """Adds up what a delta's instructions would rebuild, without rebuilding it.

    `declare(result_size)` is called as soon as the delta's header is read (it raises when
    that is over a limit); rebuilding more than the header says raises PackRefused.
    """

    def __init__(self, declare) -> None:
        self.declare = declare
        self.pending = b""
        self.sizes: list[int] = []  # base size, then result size
        self.made = 0
        self.literal = 0  # bytes of an insert instruction still to skip

    def feed(self, data: bytes) -> None:
        """Read the next inflated bytes of the delta."""
        buf, pos = self.pending + data, 0
        while len(self.sizes) < 2:
            value, pos = _delta_varint(buf, pos)
            if value is None:
                self.pending = buf[pos:]
                return
            self.sizes.append(value)
            if len(self.sizes) == 2:
                self.declare(value)
        while pos < len(buf):
            if self.literal:
                step = min(self.literal, len(buf) - pos)
                self.literal -= step
                pos += step
                continue
            op = buf[pos]
            if op & 0x80:  # copy from the base: offset and size bytes follow, as flagged
                needed = bin(op & 0x7F).count("1")
                if len(buf) - pos - 1 < needed:
                    break
                size, at = 0, pos + 1 + bin(op & 0x0F).count("1")
                for bit in range(3):
                    if op & (0x10 << bit):
                        size |= buf[at] << (8 * bit)
                        at += 1
                self._made(size or 0x10000)
                pos += 1 + needed
            elif op:  # insert the next `op` bytes
                self._made(op)
                self.literal = op
                pos += 1
            else:
                raise PackRefused("malformed")
        self.pending = buf[pos:]

    def _made(self, size: int) -> None:
        self.made += size
        if self.made > self.sizes[1]:
            raise PackRefused("malformed")  # rebuilds more than its header said

    def finish(self) -> None:
        """The delta is complete: it must rebuild exactly what its header said."""
        if len(self.sizes) < 2 or self.pending or self.literal or self.made != self.sizes[1]:
            raise PackRefused("malformed")


def _delta_varint(buf: bytes, pos: int) -> tuple[int | None, int]:
    value, shift, at = 0, 0, pos
    while at < len(buf):
        byte = buf[at]
        value |= (byte & 0x7F) << shift
        at += 1
        if not byte & 0x80:
            return value, at
        shift += 7
        if shift > 63:
            raise PackRefused("malformed")
    return None, pos


class CappedInput:
    """A request body read no further than `limit` bytes (nor past its Content-Length).

    Reading past the limit returns b"" as at the end of the body, and `exceeded` tells that the
    body was longer: the caller then refuses the push as too large instead of truncated.
    """

    def __init__(self, stream, limit: int, declared: int | None = None) -> None:
        self.stream = stream
        self.limit = limit
        self.declared = declared
        self.end = limit if declared is None else min(limit, declared)
        self.done = 0
        self.exceeded = declared is not None and declared > limit

    def read(self, size: int = -1) -> bytes:
        """Up to `size` bytes (all that is allowed when negative)."""
        room = self.end - self.done
        if size is None or size < 0 or size > room:
            size = room
        if size <= 0:
            if room <= 0 and self.declared is None and not self.exceeded and self.stream.read(1):
                self.exceeded = True
            return b""
        data = self.stream.read(size)
        self.done += len(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        """A line, within the same budget."""
        room = self.end - self.done
        if size is None or size < 0 or size > room:
            size = room
        if size <= 0:
            return b""
        line = self.stream.readline(size)
        self.done += len(line)
        return line


class CappedBody:
    """The request body of a git request, capped before and after gunzipping."""

    def __init__(self, environ, limit: int) -> None:
        declared = environ.get("CONTENT_LENGTH") or None
        try:
            declared = None if declared is None else max(0, int(declared))
        except ValueError:
            declared = None
        self.layers = [CappedInput(environ["wsgi.input"], limit, declared)]
        if environ.get("HTTP_CONTENT_ENCODING", "").strip().lower() == "gzip":
            import gzip

            unzipped = gzip.GzipFile(fileobj=self.layers[0], mode="rb")
            self.layers.append(CappedInput(_SafeGzip(unzipped), limit))
            environ.pop("HTTP_CONTENT_ENCODING")
        environ.pop("CONTENT_LENGTH", None)  # what dulwich reads is the capped stream
        environ["wsgi.input"] = self.layers[-1]

    @property
    def exceeded(self) -> bool:
        """Whether the body (or what it gunzips into) was longer than the cap."""
        return any(layer.exceeded for layer in self.layers)


class _SafeGzip:
    """A gzip stream whose damage reads as the end of the body (dulwich then sees a short
    read and the push is refused as unreadable)."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def read(self, size: int = -1) -> bytes:
        try:
            return self.stream.read(size)
        except (OSError, EOFError, zlib.error):
            return b""

    def readline(self, size: int = -1) -> bytes:
        try:
            return self.stream.readline(size)
        except (OSError, EOFError, zlib.error):
            return b""
