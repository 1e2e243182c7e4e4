"""The staff system page and its API twin: queues, failed jobs, workers seen, mail backlog,
last backup; staff only."""

from __future__ import annotations

import json
import re

import pytest

from school101.extensions import db
from school101.models import OutboxMail
from tests.fixtures.people import bearer, client_for
from tests.fixtures.smtp import free_port


@pytest.fixture
def backups(tmp_path):
    """BACKUP_DIR of the test (empty)."""
    folder = tmp_path / "backups"
    folder.mkdir()
    return folder


def _backup(folder, name: str, created_at: str | None) -> None:
    (folder / name).mkdir()
    if created_at is not None:
        (folder / name / "manifest.json").write_text(json.dumps({"created_at": created_at}))


@pytest.mark.redis
def test_staff_see_queues_workers_mail_and_no_backup_yet(make_app, redis_url, staff, backups):
    from rq import Worker

    from school101.core.queues import grading_queue, mail_queue

    app = make_app({"REDIS_URL": redis_url, "BACKUP_DIR": str(backups)})
    worker = Worker([grading_queue(), mail_queue()], connection=grading_queue().connection)
    worker.register_birth()
    worker.set_state("idle")
    worker.heartbeat()
    grading_queue().enqueue("school101.jobs.grading.grade_run", 1)
    db.session.add(OutboxMail(to="a@example.org", kind="x", subject="s", body="b", locale="fr"))
    db.session.commit()
    page = client_for(app, staff).get("/staff/system")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<h1>Système</h1>" in html
    assert re.search(
        r'aria-current="page">\s*<span>État du système</span>', html
    )  # side navigation
    assert '<th scope="row">grading</th><td>1</td>' in html
    assert '<th scope="row">mail</th><td>0</td><td>rien n\'attend</td>' in html
    assert worker.name in html and "<td>en attente</td>" in html and "il y a" in html
    assert "Aucune sauvegarde pour l'instant" in html
    api = app.test_client().get("/api/v1/staff/system", headers=bearer(app, staff)).json
    grading = next(q for q in api["queues"] if q["name"] == "grading")
    assert grading["depth"] == 1 and grading["oldest_age_seconds"] >= 0 and grading["failed"] == 0
    assert [w["name"] for w in api["workers"]] == [worker.name]
    assert api["workers"][0]["queues"] == ["grading", "mail"]
    assert api["workers"][0]["heartbeat_age_seconds"] < 60
    assert api["mail"]["pending"] == 1 and api["mail"]["oldest_pending_age_seconds"] >= 0
    assert api["backup"] is None and api["redis_error"] == ""
    worker.register_death()


def test_the_newest_complete_backup_is_shown(make_app, staff, backups):
    _backup(backups, "school101-20261201T010000Z", "2026-12-01T01:00:00+00:00")
    _backup(backups, "school101-20261203T010000Z", "2026-12-03T01:00:00Z")
    _backup(backups, ".partial-school101-20261204T010000Z", "2026-12-04T01:00:00+00:00")
    _backup(backups, "not-a-backup", None)
    (backups / "broken").mkdir()
    (backups / "broken" / "manifest.json").write_text("{not json")
    app = make_app({"BACKUP_DIR": str(backups)})
    html = client_for(app, staff).get("/staff/system?lang=en").get_data(as_text=True)
    assert "school101-20261203T010000Z, made" in html and "ago" in html
    api = app.test_client().get("/api/v1/staff/system", headers=bearer(app, staff)).json
    assert api["backup"]["name"] == "school101-20261203T010000Z"
    assert api["backup"]["created_at"] == "2026-12-03T01:00:00+00:00"


def test_redis_down_is_said_and_the_rest_still_shown(make_app, staff):
    app = make_app({"REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"})
    html = client_for(app, staff).get("/staff/system").get_data(as_text=True)
    assert "Les files ne répondent pas (ConnectionError)." in html
    assert "e-mails en attente d'envoi" in html


def test_only_staff_see_it(app, client, make_user):
    candidate = make_user()
    assert client.get("/staff/system").status_code in (302, 303)
    assert client_for(app, candidate).get("/staff/system").status_code == 403
    r = client.get("/api/v1/staff/system")
    assert r.status_code == 401 and r.json["error"]["code"] == "unauthorized"
    r = client.get("/api/v1/staff/system", headers=bearer(app, candidate))
    assert r.status_code == 403 and r.json["error"]["code"] == "forbidden"
