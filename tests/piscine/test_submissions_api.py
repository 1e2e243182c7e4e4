"""POST /api/v1/submissions and GET /api/v1/submissions/<id> (issue 5 rules)."""

import io
import tarfile
import zipfile
from pathlib import Path

import pytest

from school101.extensions import db
from school101.models import Booking, Submission
from tests.conftest import count, require_service

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "exercises" / "c00" / "ex00" / "reference" / "ft_putchar.c"


@pytest.fixture
def app_config(app_config, redis_url):
    return {**app_config, "REDIS_URL": redis_url}


@pytest.fixture
def seated_with_headers(make_piscine, invited, auth_header):
    """`seated_with_headers(feedback="immediate")` -> (user, headers): a candidate with a seat in a
    piscine starting today, and their bearer-token headers."""

    def factory(feedback="immediate"):
        piscine = make_piscine(capacity=10, feedback=feedback)
        (user,) = invited(piscine)
        db.session.add(Booking(piscine_id=piscine.id, user_id=user.id, status="booked"))
        piscine.seats_taken = 1
        db.session.commit()
        return user, auth_header(user)

    return factory


def _post(client, headers, exercise="c00/ex00", files=None):
    files = files if files is not None else [(io.BytesIO(REFERENCE.read_bytes()), "ft_putchar.c")]
    return client.post(
        "/api/v1/submissions",
        data={"exercise": exercise, "files": files},
        headers=headers,
        content_type="multipart/form-data",
    )


@pytest.mark.redis
def test_without_seat_is_403(client, make_user, auth_header):
    r = _post(client, auth_header(make_user()))
    assert r.status_code == 403 and r.json["error"]["code"] == "no_seat"
    assert count(Submission) == 0


@pytest.mark.redis
@pytest.mark.parametrize("name", ["../x.c", "/etc/x", "a/b.c", "..", ".hidden"])
def test_file_names_with_paths_are_422(client, seated_with_headers, name):
    _, h = seated_with_headers()
    r = _post(client, h, files=[(io.BytesIO(b"int x;"), name)])
    assert r.status_code == 422 and r.is_json
    assert count(Submission) == 0


@pytest.mark.redis
def test_unknown_exercise_is_422(client, seated_with_headers):
    _, h = seated_with_headers()
    for exercise in ("c00/ex99", "nope", "../c00/ex00", ""):
        r = _post(client, h, exercise=exercise)
        assert r.status_code == 422, exercise
    assert count(Submission) == 0


@pytest.mark.redis
def test_size_limits_are_413(client, seated_with_headers):
    _, h = seated_with_headers()
    r = _post(client, h, files=[(io.BytesIO(b"a" * ((1 << 20) + 1)), "ft_putchar.c")])
    assert r.status_code == 413 and r.json["error"]["code"] == "too_large"
    r = _post(client, h, files=[(io.BytesIO(b"x"), f"f{i}.c") for i in range(201)])
    assert r.status_code == 413
    r = _post(client, h, files=[(io.BytesIO(b"a" * (900 << 10)), f"f{i}.c") for i in range(13)])
    assert r.status_code == 413
    assert count(Submission) == 0


def _zip(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            z.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.redis
def test_archives_with_dangerous_paths_or_bombs_are_refused(client, seated_with_headers):
    _, h = seated_with_headers()
    r = _post(client, h, files=[(io.BytesIO(_zip([("../evil.c", "x")])), "work.zip")])
    assert r.status_code == 422 and "../evil.c" in r.json["error"]["message"]
    bomb = _zip([("ft_putchar.c", b"\0" * (50 << 20))])
    assert len(bomb) < 200_000
    r = _post(client, h, files=[(io.BytesIO(bomb), "bomb.zip")])
    assert r.status_code == 413
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        info = tarfile.TarInfo("ft_putchar.c")
        info.type, info.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tar.addfile(info)
    r = _post(client, h, files=[(io.BytesIO(buffer.getvalue()), "work.tar.gz")])
    assert r.status_code == 422 and r.json["error"]["code"] == "bad_archive"
    assert count(Submission) == 0


@pytest.mark.redis
def test_good_archive_is_accepted(client, seated_with_headers):
    _, h = seated_with_headers(feedback="after_deadline")
    data = _zip([("ex00/ft_putchar.c", REFERENCE.read_bytes()), ("ex00/", "")])
    r = _post(client, h, files=[(io.BytesIO(data), "ex00.zip")])
    assert r.status_code == 202, r.json
    assert r.json["status"] == "queued" and r.json["grading"] == "at_deadline"


@pytest.mark.redis
def test_someone_elses_submission_is_404(client, seated_with_headers, make_user, auth_header):
    _, h = seated_with_headers(feedback="after_deadline")
    sid = _post(client, h).json["id"]
    assert client.get(f"/api/v1/submissions/{sid}", headers=h).status_code == 200
    assert (
        client.get(f"/api/v1/submissions/{sid}", headers=auth_header(make_user())).status_code
        == 404
    )


@pytest.mark.redis
@pytest.mark.docker
def test_immediate_policy_grades_without_staff_action(app, client, seated_with_headers):
    from rq import SimpleWorker

    import grader
    from school101.core.queues import grading_queue

    require_service("Docker grader sandbox", grader.sandbox_available(), "run `make grader-image`")
    _, h = seated_with_headers("immediate")
    r = _post(client, h)
    assert r.status_code == 202 and r.json["status"] == "queued"
    queue = grading_queue()
    SimpleWorker([queue], connection=queue.connection).work(burst=True)
    r = client.get(f"/api/v1/submissions/{r.json['id']}", headers=h)
    assert r.json["status"] == "graded"
    assert r.json["verdict"]["passed"] is True and r.json["verdict"]["exercise"] == "c00/ex00"
