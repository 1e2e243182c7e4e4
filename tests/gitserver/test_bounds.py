"""The pack checks of gitserver/bounds.py and the header-only sizes of repositories.object_size,
on packs made by the real git client and on crafted ones."""

from __future__ import annotations

import gzip
import io
import os
import struct
import subprocess
import zlib

import pytest
from dulwich.repo import Repo

from school101.gitserver.bounds import CappedBody, PackLimits, PackRefused, spool_pack
from school101.services.grading.repositories import object_size
from tests.gitserver import bombs
from tests.gitserver.bombs import MIB

LIMITS = PackLimits(
    max_pack_bytes=20 * MIB,
    max_object_bytes=10 * MIB,
    max_inflated_bytes=100 * MIB,
    max_objects=10_000,
)


def _reader(data: bytes, step: int = 7000):
    stream = io.BytesIO(data)
    return lambda n: stream.read(min(n, step))


def _spool(data: bytes, limits: PackLimits = LIMITS) -> bytes:
    out = io.BytesIO()
    spool_pack(_reader(data), out, limits)
    return out.getvalue()


def _pack_of(body: bytes) -> bytes:
    return body[body.index(b"0000PACK") + 4 :]


@pytest.fixture
def git_repo(git, tmp_path):
    """A work tree with history whose similar files git stores as deltas once repacked."""
    work = tmp_path / "work"
    git("init", "-q", str(work))
    text = "".join(f"line {i} of a file that changes a little\n" for i in range(3000))
    for round_ in range(3):
        (work / "big.txt").write_text(text + f"round {round_}\n")
        (work / "small.c").write_text(f"int main(void) {{ return {round_}; }}\n")
        git("add", "-A", cwd=work)
        git("commit", "-q", "-m", f"round {round_}", cwd=work)
    return work


def test_a_pack_made_by_git_passes_byte_for_byte(git, git_repo):
    revs = subprocess.run(
        ["git", "rev-list", "--objects", "--all"],
        cwd=git_repo,
        env=git.env,
        capture_output=True,
        check=True,
    ).stdout
    made = subprocess.run(
        ["git", "pack-objects", "--stdout", "--delta-base-offset"],
        cwd=git_repo,
        env=git.env,
        input=revs,
        capture_output=True,
        check=True,
    ).stdout
    assert _spool(made) == made
    thin = subprocess.run(
        ["git", "pack-objects", "--stdout", "--thin", "--revs"],
        cwd=git_repo,
        env=git.env,
        input=b"HEAD\n^HEAD~1\n",
        capture_output=True,
        check=True,
    ).stdout  # REF_DELTA against objects outside the pack
    assert _spool(thin) == thin


@pytest.mark.parametrize(
    "body, kind",
    [
        (bombs.big_blob(), "object_bytes"),
        (bombs.lying_blob(), "malformed"),
        (bombs.delta_bomb(), "object_bytes"),
        (bombs.delta_bomb(declared=1000), "malformed"),
        (bombs.many_blobs(12, 9 * MIB), "inflated_bytes"),
    ],
)
def test_bombs_are_refused_by_kind(body, kind):
    with pytest.raises(PackRefused) as refused:
        _spool(_pack_of(body))
    assert refused.value.kind == kind


def test_more_objects_than_allowed_are_refused_from_the_header():
    header = b"PACK" + struct.pack(">II", 2, 10_001)
    with pytest.raises(PackRefused) as refused:
        _spool(header)
    assert (refused.value.kind, refused.value.limit) == ("objects", 10_000)


def test_a_pack_over_its_byte_limit_is_refused():
    noise = os.urandom(MIB)
    entry = bombs.object_header(bombs.BLOB, MIB) + zlib.compress(noise, 0)
    with pytest.raises(PackRefused) as refused:
        _spool(bombs.pack([entry] * 3), PackLimits(2 * MIB, 10 * MIB, 100 * MIB, 100))
    assert refused.value.kind == "pack_bytes"


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p[:-30],  # cut short
        lambda p: b"KCAP" + p[4:],  # not a pack
        lambda p: p[:12] + bytes([0x50]) + p[13:],  # object type 5 does not exist
        lambda p: p[:14] + b"\xff\xff" + p[16:],  # broken zlib stream
    ],
)
def test_damaged_packs_are_unreadable(damage):
    entries, _commit = bombs.exercise_commit({b"a.c": bombs.zeros_blob_id(0, b"x\n")})
    good = bombs.pack([bombs.object_header(bombs.BLOB, 2) + zlib.compress(b"x\n"), *entries])
    assert _spool(good) == good
    with pytest.raises(PackRefused) as refused:
        _spool(damage(good))
    assert refused.value.kind == "malformed"


def _environ(body: bytes, *, length: bool = True, gzipped: bool = False) -> dict:
    environ = {"wsgi.input": io.BytesIO(body)}
    if length:
        environ["CONTENT_LENGTH"] = str(len(body))
    if gzipped:
        environ["HTTP_CONTENT_ENCODING"] = "gzip"
    return environ


def test_the_body_is_capped_before_and_after_gunzipping():
    small = CappedBody(_environ(b"x" * 100), 1000)
    assert small.layers[0].read() == b"x" * 100 and not small.exceeded
    declared = CappedBody(_environ(b"x" * 2000), 1000)
    assert declared.exceeded  # a Content-Length over the cap is refused from the start
    endless = CappedBody(_environ(b"x" * 2000, length=False), 1000)
    environ_input = endless.layers[-1]
    assert len(environ_input.read(5000)) == 1000 and environ_input.read(10) == b""
    assert endless.exceeded
    bomb = gzip.compress(bytes(50 * MIB))
    environ = _environ(bomb, gzipped=True)
    unzipped = CappedBody(environ, MIB)
    assert "HTTP_CONTENT_ENCODING" not in environ and "CONTENT_LENGTH" not in environ
    read = b"".join(iter(lambda: environ["wsgi.input"].read(65536), b""))
    assert len(read) == MIB and unzipped.exceeded
    fine = CappedBody(_environ(gzip.compress(b"y" * 500), gzipped=True), 1000)
    assert fine.layers[-1].read() == b"y" * 500 and not fine.exceeded


def test_object_size_reads_headers_only(git, git_repo):
    bare = git_repo.parent / "bare.git"
    git("clone", "-q", "--bare", str(git_repo), str(bare))
    repo = Repo(str(bare))
    try:
        blobs = {}
        for line in git("rev-list", "--objects", "--all", cwd=bare).stdout.splitlines():
            sha = line.split()[0]
            if git("cat-file", "-t", sha, cwd=bare).stdout.strip() == "blob":
                blobs[sha] = int(git("cat-file", "-s", sha, cwd=bare).stdout)
        assert {sha: object_size(repo, sha.encode()) for sha in blobs} == blobs  # loose or packed
        git("repack", "-q", "-a", "-d", "-f", "--depth=5", cwd=bare)  # deltas now
        verify = git("verify-pack", "-v", *map(str, bare.glob("objects/pack/*.idx")), cwd=bare)
        assert " 1 " in verify.stdout or "chain length = 1" in verify.stdout  # some deltas
        assert {sha: object_size(repo, sha.encode()) for sha in blobs} == blobs
        assert object_size(repo, b"0" * 40) is None
    finally:
        repo.close()
