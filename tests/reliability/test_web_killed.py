"""A gunicorn worker killed (SIGKILL) while it reads a candidate's upload: the client sees
the connection fail and tries again; the half-received upload left nothing behind (the
submission exists once, from the retry), and the master started a new worker."""

from __future__ import annotations

import socket
import time
import uuid

import pytest

from tests.reliability.conftest import all_final, assert_one_verdict_each, figure, runs_of, submit
from tests.reliability.platform import ADDRESS, REFERENCE, kill9, wait_for

pytestmark = [pytest.mark.docker, pytest.mark.slow, pytest.mark.timeout(300)]


def _start_upload(platform, headers) -> tuple[socket.socket, bytes]:
    """Send the headers and the first half of a multipart upload; return the socket and the
    rest of the body."""
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="exercise"\r\n\r\nc00/ex00\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
            f'filename="ft_putchar.c"\r\nContent-Type: text/x-c\r\n\r\n'
        ).encode()
        + REFERENCE
        + f"\r\n--{boundary}--\r\n".encode()
    )
    head = (
        f"POST /api/v1/submissions HTTP/1.1\r\nHost: {ADDRESS}:{platform.web_port}\r\n"
        f"Authorization: {headers['Authorization']}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode()
    sock = socket.create_connection((ADDRESS, platform.web_port), timeout=20)
    half = len(body) // 2
    sock.sendall(head + body[:half])
    return sock, body[half:]


def test_a_web_worker_killed_mid_upload_leaves_one_submission_or_none(platform, platform_db, seat):
    user, headers = seat()
    (old_worker,) = platform.web_workers()
    sock, rest = _start_upload(platform, headers)
    time.sleep(0.5)  # the worker is inside the request, waiting for the rest of the body
    kill9(old_worker)
    killed_at = time.monotonic()
    try:
        sock.sendall(rest)
        answer = sock.recv(4096)
    except OSError:
        answer = b""
    finally:
        sock.close()
    assert answer == b""  # no answer: the client knows it must try again
    assert runs_of(platform_db, user) == []  # nothing half-written
    new_worker = wait_for(
        "a new gunicorn worker",
        lambda: [pid for pid in platform.web_workers() if pid != old_worker],
        30,
    )
    retry = wait_for("the retried upload", lambda: submit(platform, headers).status_code == 202, 30)
    recovered = time.monotonic() - killed_at
    assert retry and new_worker
    all_final(platform_db, [user], 120)
    runs = assert_one_verdict_each(platform_db, [user])
    assert len(runs) == 1  # the retry's submission only
    figure("web worker killed", time_to_recover_s=round(recovered, 1), submissions=len(runs))
