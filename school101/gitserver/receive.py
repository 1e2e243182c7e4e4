"""dulwich's receive-pack, with the piscine's rules: the day's window, branches only, recording.

A push outside the day's window is refused before its pack is stored: every ref gets an
``ng`` status carrying the reason, which git prints as
``! [remote rejected] main -> main (deadline passed for c00: 2026-07-02 23:59, Paris time)``.
After an accepted push to main (or master) the pushed commit is recorded (see record.py) and
the result is sent back as progress lines that git prints as ``remote: ...``.
"""

from __future__ import annotations

import glob
import logging
import os
import tempfile
import time
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime

from dulwich.file import FileLocked
from dulwich.protocol import CAPABILITY_SIDE_BAND_64K, SIDE_BAND_CHANNEL_PROGRESS
from dulwich.server import Backend, ReceivePackHandler
from flask_babel import gettext as _

from school101.core.clock import paris_text
from school101.gitserver.bounds import CappedBody, PackLimits, PackRefused, spool_pack
from school101.gitserver.record import record_commit
from school101.models._base import utcnow
from school101.services.grading import repositories as storage

log = logging.getLogger(__name__)

GRADED_BRANCHES = (b"refs/heads/main", b"refs/heads/master")
ZERO = b"0" * 40
RECEIVE_WAIT = 120.0  # seconds a push waits for another push to the same repository
LOCK_RETRIES = 40  # about 16 s in all: a ref lock is held for a few milliseconds
MAX_COMMAND_BYTES = 1 << 20  # the ref-update list of one push, in bytes (pkt-lines)


def paris(moment: datetime) -> str:
    """A UTC time as shown to candidates, in Paris time and their language: "2 juillet 2026
    à 23 h 59" / "Jul 2, 2026, 11:59 PM"."""
    return paris_text(moment)


@dataclass
class PushContext:
    """Who pushes to which day repository, and the windows of that day in their piscine(s)."""

    user: object
    day_id: str
    windows: list[tuple[datetime, datetime]]  # (opens_at, closes_at) per seated piscine
    repo_dir: str
    max_pack_bytes: int
    max_repo_bytes: int
    max_object_bytes: int = 10 << 20
    max_inflated_bytes: int = 100 << 20
    max_objects: int = 10_000
    max_refs: int = 100
    body: CappedBody | None = None  # the capped request body (tells when it was cut)

    def pack_limits(self) -> PackLimits:
        """The limits a pushed pack is checked against before dulwich reads it."""
        return PackLimits(
            max_pack_bytes=self.max_pack_bytes,
            max_object_bytes=self.max_object_bytes,
            max_inflated_bytes=self.max_inflated_bytes,
            max_objects=self.max_objects,
        )

    def too_large(self, refused: PackRefused) -> str:
        """What the pusher is told about a pack refused by bounds.py."""
        kind, limit = refused.kind, refused.limit
        if self.body is not None and self.body.exceeded:
            kind, limit = "pack_bytes", self.max_pack_bytes  # cut at the cap, not truncated
        mib = max(1, limit >> 20)
        if kind == "pack_bytes":
            return _("push too large (%(n)d MiB at most)", n=mib)
        if kind == "object_bytes":
            return _("a pushed file is too large once unpacked (%(n)d MiB at most)", n=mib)
        if kind == "inflated_bytes":
            return _("push too large once unpacked (%(n)d MiB at most)", n=mib)
        if kind == "objects":
            return _("too many objects in one push (%(n)d at most)", n=limit)
        if kind == "refs":
            return _("too many branches or tags in one push (%(n)d at most)", n=limit)
        return _("the pushed data could not be read")

    def refusal(self, now: datetime) -> str | None:
        """Why a push is refused now, or None when the day is open."""
        if not self.windows:
            return _("%(day)s is not in your piscine's calendar", day=self.day_id)
        if any(opens <= now <= closes for opens, closes in self.windows):
            if storage.disk_usage(self.repo_dir) > self.max_repo_bytes:
                return _("repository too large (%(n)d MiB at most)", n=self.max_repo_bytes >> 20)
            return None
        upcoming = [opens for opens, _closes in self.windows if now < opens]
        if upcoming:
            return _(
                "%(day)s is not open yet: it opens on %(when)s, Paris time",
                day=self.day_id,
                when=paris(min(upcoming)),
            )
        return _(
            "deadline passed for %(day)s: %(when)s, Paris time",
            day=self.day_id,
            when=paris(max(closes for _opens, closes in self.windows)),
        )


class OneRepoBackend(Backend):
    """Serves one already-resolved repository whatever path dulwich asks for (no traversal)."""

    def __init__(self, repo, push: PushContext | None = None) -> None:
        self.repo = repo
        self.push = push

    def open_repository(self, path):
        return self.repo


class PiscineReceivePackHandler(ReceivePackHandler):
    """receive-pack that enforces the day's window and records pushes to the graded branch."""

    def __init__(
        self, backend: OneRepoBackend, args, proto, stateless_rpc=False, advertise_refs=False
    ):
        super().__init__(
            backend, args, proto, stateless_rpc=stateless_rpc, advertise_refs=advertise_refs
        )
        self.push: PushContext = backend.push
        self.received_at: datetime | None = None
        self._cas_failed: set[bytes] = set()
        self._too_many_refs = False
        self._count_ref_updates()

    def _count_ref_updates(self) -> None:
        """End the ref-update list early when it grows past max_refs lines (or
        MAX_COMMAND_BYTES): dulwich keeps every line in memory, and _apply_pack refuses."""
        read_line = self.proto.read_pkt_line
        seen = {"lines": 0, "bytes": 0}

        def counted():
            line = read_line()
            if line is None or self._too_many_refs:
                return None
            seen["lines"] += 1
            seen["bytes"] += len(line)
            if seen["lines"] > self.push.max_refs or seen["bytes"] > MAX_COMMAND_BYTES:
                self._too_many_refs = True
                return None
            return line

        self.proto.read_pkt_line = counted

    def _receive_max_input_size(self) -> int | None:
        return self.push.max_pack_bytes

    def _say(self, lines: list[str]) -> None:
        """Progress lines for the pusher (git prints them as `remote: ...`)."""
        if not lines or not self.has_capability(CAPABILITY_SIDE_BAND_64K):
            return
        data = "".join(line.rstrip("\n") + "\n" for line in lines).encode("utf-8")
        self.proto.write_sideband(SIDE_BAND_CHANNEL_PROGRESS, data)

    def _drain(self) -> None:
        """Read and discard the pack of a refused push (the client is still sending it; the
        body is capped, see bounds.CappedBody)."""
        while self.proto.read(65536):
            pass

    def _refuse(self, refs, reason: str):
        """The statuses of a push refused whole: every ref gets `reason` (git prints it)."""
        self._drain()
        self._say([reason])
        yield (b"unpack", b"ok")
        for _old, _new, ref in refs:
            yield (ref, reason.encode("utf-8"))

    def _apply_pack(self, refs):
        self.received_at = utcnow()
        if self._too_many_refs:
            yield from self._refuse(
                refs, self.push.too_large(PackRefused("refs", self.push.max_refs))
            )
            return
        reason = self.push.refusal(self.received_at)
        if reason:
            yield from self._refuse(refs, reason)
            return
        # One push at a time per repository: dulwich does not expect two identical packs (the
        # same commit pushed twice at once) to be written side by side, and it keeps slow pushes
        # of one candidate from interleaving. Ref updates stay compare-and-swap inside.
        try:
            with storage.exclusive(
                os.path.join(self.push.repo_dir, storage.RECEIVE_LOCK), timeout=RECEIVE_WAIT
            ):
                yield from self._apply_pack_locked(refs)
        except storage.Busy:
            reason = _("another push to this repository is in progress: push again in a moment")
            yield from self._refuse(refs, reason)

    def _apply_pack_locked(self, refs):
        self._watch_compare_and_swap()
        if not any(new != ZERO for _old, new, _ref in refs):
            yield from self._apply_checked_pack(refs)
            return
        # The pack is read and checked here first (bounds.py), into a spool file that dulwich
        # then reads: nothing is inflated past the limits, nothing is stored when refused.
        with tempfile.TemporaryFile(dir=self.push.repo_dir, prefix="tmp_spool_") as spool:
            try:
                spool_pack(self.proto.recv, spool, self.push.pack_limits())
            except PackRefused as refused:
                log.warning("push to %s refused: %s", self.push.repo_dir, refused)
                yield from self._refuse(refs, self.push.too_large(refused))
                return
            spool.seek(0)
            read, recv = self.proto.read, self.proto.recv
            self.proto.read = self.proto.recv = spool.read
            try:
                yield from self._apply_checked_pack(refs)
            finally:
                self.proto.read, self.proto.recv = read, recv

    def _apply_checked_pack(self, refs):
        temporary = os.path.join(self.push.repo_dir, "objects", "tmp_pack_*")
        before = set(glob.glob(temporary))
        statuses = super()._apply_pack(refs)
        name, unpacked = next(statuses)
        yield (name, unpacked)
        if unpacked != b"ok":  # dulwich then reports no ref at all: say why for each ref
            for leftover in set(glob.glob(temporary)) - before:  # dulwich leaves them behind
                with suppress(OSError):
                    os.unlink(leftover)
            self._drain()
            if b"maximum input size" in unpacked:
                reason = _(
                    "push too large (%(n)d MiB at most)", n=max(1, self.push.max_pack_bytes >> 20)
                )
            else:
                reason = _("the pushed data could not be read")
            self._say([reason])
            for _old, _new, ref in refs:
                yield (ref, reason.encode("utf-8"))
            return
        for name, status in statuses:
            if name in self._cas_failed and status == b"ok":
                status = _("the branch changed during your push: fetch, then push again").encode(
                    "utf-8"
                )
            yield (name, status)

    def _watch_compare_and_swap(self) -> None:
        """Note refs whose compare-and-swap update lost a race (dulwich reports them as ok)."""
        refs = self.repo.refs
        set_if_equals, remove_if_equals = refs.set_if_equals, refs.remove_if_equals
        failed = self._cas_failed

        def patiently(update, name, *args, **kwargs):
            """A ref update, waiting while another push holds the ref's lock file."""
            for attempt in range(LOCK_RETRIES):
                try:
                    return update(name, *args, **kwargs)
                except FileLocked:
                    time.sleep(0.02 * (attempt + 1))
            return False

        def checked_set(name, old, new, *args, **kwargs):
            done = patiently(set_if_equals, name, old, new, *args, **kwargs)
            if (
                not done and refs.read_ref(name) != new
            ):  # the same commit pushed twice at once is fine
                failed.add(name)
            return done

        def checked_remove(name, old, *args, **kwargs):
            done = patiently(remove_if_equals, name, old, *args, **kwargs)
            if not done:
                failed.add(name)
            return done

        refs.set_if_equals, refs.remove_if_equals = checked_set, checked_remove

    def _on_update(self, ref_name, old_sha, new_sha):
        if not ref_name.startswith((b"refs/heads/", b"refs/tags/")):
            return _("only branches and tags can be pushed").encode("utf-8")
        return None

    def _on_post_receive(self, updated) -> None:
        self._fix_head()
        graded = {ref: new for _old, new, ref in updated if ref in GRADED_BRANCHES and new != ZERO}
        if not graded:
            if any(new != ZERO for _old, new, _ref in updated):
                self._say([_("Only the main (or master) branch is graded: nothing recorded.")])
            return
        commit_sha = graded.get(GRADED_BRANCHES[0]) or graded[GRADED_BRANCHES[1]]
        try:
            outcome = record_commit(
                self.repo,
                self.push.repo_dir,
                self.push.user,
                self.push.day_id,
                commit_sha,
                self.received_at or utcnow(),
            )
        except Exception:  # the refs are updated; tell the pusher, keep the log
            log.exception("recording push to %s failed", self.push.repo_dir)
            self._say(
                [
                    _(
                        "Your push was stored but could not be recorded: make a new commit and "
                        "push again later."
                    )
                ]
            )
            return
        self._say(outcome.lines)

    def _fix_head(self) -> None:
        """Point HEAD at main or master when its branch does not exist (clones check it out)."""
        refs = self.repo.refs
        try:
            target = refs.get_symrefs().get(b"HEAD")
            if target is not None and target in refs:
                return
            for branch in GRADED_BRANCHES:
                if branch in refs:
                    refs.set_symbolic_ref(b"HEAD", branch)
                    return
        except Exception:  # cosmetic
            log.exception("could not fix HEAD of %s", self.push.repo_dir)
