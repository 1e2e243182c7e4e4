"""Archive bombs and malformed archives sent to a real server process, through every door that
unpacks archives: the day page's upload form, POST /api/v1/submissions, and an exam's grademe
(page and API). Each is refused (413 or 422, never 500), nothing is stored, and the server's
peak resident memory grows by less than 64 MiB over the whole barrage.
"""

from __future__ import annotations

import gzip
import io
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
import requests

from school101.extensions import db
from school101.models import ExamTry, Submission
from tests.factories import PASSWORD, exam_entry
from tests.fixtures.exam_rooms import open_room, room_code
from tests.fixtures.people import bearer

ROOT = Path(__file__).resolve().parents[2]
MiB = 1 << 20
RSS_GROWTH_MAX = 64 * MiB


# ---------------------------------------------------------------- the archives


def _tar(members, *, fmt=tarfile.PAX_FORMAT, mode="w") -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode=mode, format=fmt) as archive:
        for info, data in members:
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return out.getvalue()


def _info(name: str, **pax) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    if pax:
        info.pax_headers = pax
    return info


def pax_bomb() -> bytes:
    """A .tar.gz of about 65 KB whose one member carries a 64 MiB PAX header."""
    return _tar([(_info("ft_putchar.c", comment="a" * (64 * MiB)), b"int x;\n")], mode="w:gz")


def long_name_bomb() -> bytes:
    """A .tar.gz whose GNU long-name header is 64 MiB."""
    return _tar([(_info("a" * (64 * MiB)), b"x")], fmt=tarfile.GNU_FORMAT, mode="w:gz")


def gzip_bomb() -> bytes:
    """A .tar.gz of a 256 MiB file of zeros (about 250 KB)."""
    info = tarfile.TarInfo("ft_putchar.c")
    info.size = 256 * MiB
    header = info.tobuf(tarfile.USTAR_FORMAT)
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as stream:
        stream.write(header)
        zeros = bytes(MiB)
        for _ in range(256):
            stream.write(zeros)
    return out.getvalue()


def zip_bomb() -> bytes:
    """A zip of one deflated 256 MiB file of zeros."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("ft_putchar.c", "w", force_zip64=True) as member,
    ):
        zeros = bytes(MiB)
        for _ in range(256):
            member.write(zeros)
    return out.getvalue()


def many_entries_zip() -> bytes:
    """A zip of 60,000 empty entries (the central directory alone would make 60,000 objects)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for n in range(60000):
            archive.writestr(f"f{n}", b"")
    return out.getvalue()


def _plain_zip(method=zipfile.ZIP_STORED, data=b"int main(void) { return 0; }\n") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        archive.writestr("ft_putchar.c", data)
    return out.getvalue()


def encrypted_zip() -> bytes:
    """A zip whose member is flagged as encrypted (zipfile raises RuntimeError on it)."""
    data = bytearray(_plain_zip())
    data[6] |= 1  # local header: general purpose flags
    central = data.find(b"PK\x01\x02")
    data[central + 8] |= 1
    return bytes(data)


def unknown_method_zip() -> bytes:
    """A zip whose member uses method 99 (AES; zipfile raises NotImplementedError)."""
    data = bytearray(_plain_zip())
    data[8:10] = (99).to_bytes(2, "little")
    central = data.find(b"PK\x01\x02")
    data[central + 10 : central + 12] = (99).to_bytes(2, "little")
    return bytes(data)


def bzip2_zip() -> bytes:
    """A zip whose member is compressed with bzip2: not a method the subjects document."""
    return _plain_zip(zipfile.ZIP_BZIP2)


def corrupt_deflate_zip() -> bytes:
    """A zip whose deflate stream is damaged (zlib.error)."""
    data = bytearray(_plain_zip(zipfile.ZIP_DEFLATED, os.urandom(4000)))
    start = 30 + len("ft_putchar.c")
    for offset in range(start + 10, start + 200):
        data[offset] ^= 0x5A
    return bytes(data)


def truncated_targz() -> bytes:
    """A .tar.gz cut in the middle of its stream (EOFError)."""
    whole = _tar([(_info("ft_putchar.c"), os.urandom(50000))], mode="w:gz")
    return whole[: len(whole) // 2]


def corrupt_gzip() -> bytes:
    """The gzip magic followed by garbage."""
    return b"\x1f\x8b\x08\x00" + os.urandom(2000)


def bzip2_as_tar() -> bytes:
    """A .tar.bz2 sent as .tar (tarfile's r:* would have guessed bzip2)."""
    return _tar([(_info("ft_putchar.c"), b"int x;\n")], mode="w:bz2")


def xz_as_tar() -> bytes:
    """A .tar.xz sent as .tar."""
    return _tar([(_info("ft_putchar.c"), b"int x;\n")], mode="w:xz")


def plain_tar_as_targz() -> bytes:
    """A plain tar named .tar.gz: the content does not match the suffix."""
    return _tar([(_info("ft_putchar.c"), b"int x;\n")])


ARCHIVES = [
    # (file name, builder, expected statuses)
    ("pax.tar.gz", pax_bomb, {422}),
    ("longname.tgz", long_name_bomb, {422}),
    ("zeros.tar.gz", gzip_bomb, {413}),
    ("zeros.zip", zip_bomb, {413}),
    ("entries.zip", many_entries_zip, {413}),
    ("encrypted.zip", encrypted_zip, {422}),
    ("aes.zip", unknown_method_zip, {422}),
    ("bzip2.zip", bzip2_zip, {422}),
    ("corrupt.zip", corrupt_deflate_zip, {422}),
    ("truncated.tar.gz", truncated_targz, {422}),
    ("garbage.tar.gz", corrupt_gzip, {422}),
    ("bzip2.tar", bzip2_as_tar, {422}),
    ("xz.tar", xz_as_tar, {422}),
    ("plain.tar.gz", plain_tar_as_targz, {422}),
]


# ---------------------------------------------------------------- the server process


def peak_rss(pid: int) -> int:
    """The process's peak resident set size (VmHWM), in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


@pytest.fixture
def server(app, tmp_path):
    """(base URL, pid) of the app served by werkzeug in its own process on 127.0.0.1."""
    env = {
        **os.environ,
        "HOSTILE_DATABASE_URL": str(app.config["SQLALCHEMY_DATABASE_URI"]),
        "INSTANCE_PATH": app.instance_path,
        "PYTHONPATH": str(ROOT),
    }
    log = open(tmp_path / "server.log", "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.hostile.serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=log,
    )
    try:
        line = process.stdout.readline()
        if not line:
            process.wait(timeout=30)
            pytest.fail("server did not start:\n" + (tmp_path / "server.log").read_text())
        yield f"http://127.0.0.1:{int(line)}", process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture
def doors(app, seated):
    """Every door that unpacks an archive, as (label, send(name, data) -> response)."""
    piscine, user, _client = seated()
    # during an exam a candidate has one active session (the browser or a token): the page
    # doors are one candidate's, the API doors another's
    _piscine, api_user, _client = seated(piscine)
    exam = exam_entry(piscine)
    db.session.commit()
    open_room(exam)  # exams start in a room (on 127.0.0.1, like the server below)
    headers = {**bearer(app, api_user), "Accept-Language": "en"}
    return {
        "piscine": piscine,
        "user": user,
        "api_user": api_user,
        "exam": exam,
        "headers": headers,
    }


def _session(base: str, email: str) -> requests.Session:
    session = requests.Session()
    response = session.post(
        f"{base}/auth/login",
        data={"email": email, "password": PASSWORD},
        allow_redirects=False,
        timeout=60,
    )
    assert response.status_code in (302, 303), response.text[:500]
    return session


def _stored(user_id: int) -> tuple[int, int]:
    db.session.expire_all()
    submissions = db.session.scalar(
        db.select(db.func.count()).select_from(Submission).where(Submission.user_id == user_id)
    )
    tries = db.session.scalar(db.select(db.func.count()).select_from(ExamTry))
    return submissions, tries


def test_archive_bombs_and_damaged_archives_are_refused_without_memory_growth(server, doors):
    base, pid = server
    piscine, user, exam, headers = doors["piscine"], doors["user"], doors["exam"], doors["headers"]
    page = _session(base, user.email)
    code = room_code(exam)
    started = page.post(f"{base}/exams/{exam.id}/start", data={"code": code}, timeout=60)
    assert started.ok and 'role="timer"' in started.text, started.text[:500]
    started = requests.post(
        f"{base}/api/v1/exams/{exam.id}/start", headers=headers, json={"code": code}, timeout=60
    )
    assert started.ok, started.text
    sends = {
        "page upload": lambda name, data: page.post(
            f"{base}/piscine/{piscine.id}/days/c00/ex00",
            files={"ex00-files": (name, data)},
            timeout=120,
        ),
        "API submission": lambda name, data: requests.post(
            f"{base}/api/v1/submissions",
            data={"exercise": "c00/ex00"},
            files={"files": (name, data)},
            headers=headers,
            timeout=120,
        ),
        "exam grademe page": lambda name, data: page.post(
            f"{base}/exams/{exam.id}/grademe", files={"files": (name, data)}, timeout=120
        ),
        "exam grademe API": lambda name, data: requests.post(
            f"{base}/api/v1/exams/{exam.id}/grademe",
            files={"files": (name, data)},
            headers=headers,
            timeout=120,
        ),
    }
    # Warm up: each door once with a small valid-looking but wrong archive, so that imports and
    # caches are in the baseline, not in the growth.
    for send in sends.values():
        send("warm.tar", b"\0" * 1024)
    people = (user.id, doors["api_user"].id)
    stored_before = [_stored(person) for person in people]
    rss_before = peak_rss(pid)
    wrong = []
    for name, build, expected in ARCHIVES:
        data = build()
        for door, send in sends.items():
            response = send(name, data)
            if response.status_code not in expected:
                wrong.append(f"{door} {name}: {response.status_code} {response.text[:300]}")
            elif "API" in door:  # the house error, naming the archive when it is damaged
                error = response.json()["error"]
                if response.status_code == 422 and (
                    error["code"] != "bad_archive" or name not in error["message"]
                ):
                    wrong.append(f"{door} {name}: {error}")
            elif name not in response.text and response.status_code == 422:
                wrong.append(f"{door} {name}: the page does not name the archive")
        del data
    growth = peak_rss(pid) - rss_before
    print(f"server peak RSS growth over the barrage: {growth / MiB:.1f} MiB")
    assert not wrong, "\n".join(wrong)
    assert [_stored(person) for person in people] == stored_before, "an archive was stored"
    assert growth < RSS_GROWTH_MAX, f"peak RSS grew by {growth / MiB:.1f} MiB"
