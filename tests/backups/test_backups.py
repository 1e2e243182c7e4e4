"""Backups: a populated installation is backed up and restored into an empty one (every row of
every table, every repository's refs and objects, the secrets), damaged backups and non-empty
targets are refused with nothing changed, and only the newest backups are kept."""

from __future__ import annotations

import os
import stat
import tarfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from dulwich.repo import Repo
from sqlalchemy import create_engine, inspect, text

from school101.extensions import db
from school101.services.admissions.decisions import decide
from school101.services.grading.repositories import (
    RECEIVE_LOCK,
    exclusive,
    git_root,
    open_or_create,
    repo_path,
)
from school101.services.operations.backups import create_backup, list_backups, restore_backup
from school101.services.operations.manifest import BackupRefused
from tests import factories
from tests.gitserver.conftest import commit_all, reference, repo_url, write


def every_row(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, sorted, by table name (generic: whatever the schema holds)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            quote = conn.dialect.identifier_preparer.quote
            return {
                name: sorted(
                    (tuple(row) for row in conn.execute(text(f"SELECT * FROM {quote(name)}"))),
                    key=repr,
                )
                for name in inspect(conn).get_table_names()
            }
    finally:
        engine.dispose()


def repositories(root: Path) -> dict[str, tuple[dict, set]]:
    """Each repository under `root` (relative path) -> (its refs, the ids of its objects)."""
    found = {}
    for path in sorted(root.rglob("*.git")):
        with Repo(str(path), bare=True) as repo:
            found[path.relative_to(root).as_posix()] = (
                repo.get_refs(),
                set(repo.object_store),
            )
    return found


@pytest.fixture
def populated(app, staff, make_piscine, seated_with_token, served, git, tmp_path):
    """An installation in use: applications decided by staff (an invitation and its e-mail),
    a seated candidate who pushed two exercises by git (submissions, grading runs)."""
    campaign = factories.make_campaign()
    applications = [factories.make_application(campaign=campaign) for _ in range(3)]
    piscine = make_piscine(capacity=10)
    decide(applications[0].id, "invited", "Strong games", actor=staff, piscine_id=piscine.id)
    decide(applications[1].id, "not_selected", "Games too weak", actor=staff)
    db.session.commit()
    _user, token = seated_with_token()
    work = tmp_path / "work"
    git("clone", repo_url(served, token), str(work))
    for exercise in ("ex00", "ex01"):
        name, data = reference("c00", exercise)
        write(work, f"{exercise}/{name}", data)
        commit_all(git, work, exercise)
        git("push", "origin", "HEAD:main", cwd=work)
    return app


def fresh_installation(make_app, monkeypatch, tmp_path, url: str):
    """An app on an empty database and a new, empty instance folder (as a new host would be)."""
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "fresh-instance"))
    return make_app({"DATABASE_URL": url, "GIT_ROOT": ""}, push_context=False)


def test_restore_into_an_empty_installation_finds_every_row_and_repository(
    populated, make_app, monkeypatch, tmp_path, empty_database_url
):
    source = populated
    source_url = source.config["SQLALCHEMY_DATABASE_URI"]
    info, removed = create_backup(source)
    assert removed == [] and list_backups(source)[0].name == info.name
    fresh = fresh_installation(make_app, monkeypatch, tmp_path, empty_database_url)

    report = restore_backup(str(info.path), fresh)

    rows = every_row(source_url)
    assert sum(len(table) for table in rows.values()) > 50  # the flows above wrote many rows
    assert rows["submissions"] and rows["audit_log"] and rows["outbox_mails"]
    assert every_row(empty_database_url) == rows
    assert report.rows == sum(len(table) for table in rows.values())
    pushed = repositories(Path(git_root(source)))
    assert len(pushed) == 1 and all(refs for refs, _objects in pushed.values())
    assert repositories(Path(git_root(fresh))) == pushed
    secret = Path(fresh.instance_path) / "secret_key"
    assert secret.read_text() == (Path(source.instance_path) / "secret_key").read_text()
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    # the restored installation goes on: new rows get new ids (sequences came back too)
    with fresh.app_context():
        newcomer = factories.make_user("newcomer@example.org")
        assert newcomer.id > max(row[0] for row in rows["users"])
        db.session.remove()


def test_a_damaged_backup_is_refused_and_nothing_changes(
    app, make_user, make_app, monkeypatch, tmp_path, empty_database_url
):
    make_user("someone@example.org")
    info, _ = create_backup(app)
    fresh = fresh_installation(make_app, monkeypatch, tmp_path, empty_database_url)
    secret_before = (Path(fresh.instance_path) / "secret_key").read_bytes()
    dump = next(p for p in info.path.iterdir() if p.name.startswith("database."))
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one changed byte
    dump.write_bytes(bytes(data))

    with pytest.raises(BackupRefused, match=f"{dump.name} does not match its checksum"):
        restore_backup(str(info.path), app=fresh)
    verified = app.test_cli_runner().invoke(args=["backup", "verify", info.name])
    assert verified.exit_code == 1 and "damaged or incomplete" in verified.output
    assert every_row(empty_database_url) == {}
    assert not Path(git_root(fresh)).exists()
    assert (Path(fresh.instance_path) / "secret_key").read_bytes() == secret_before

    manifest = info.path / "manifest.json"
    original = manifest.read_text()
    changed = original.replace('"users": 1\n', '"users": 2\n')
    assert changed != original
    manifest.write_text(changed)
    with pytest.raises(BackupRefused, match="manifest.json does not match its checksum"):
        restore_backup(str(info.path), app=fresh)

    manifest.write_text(original)
    (info.path / "repositories.tar").unlink()  # an incomplete backup
    with pytest.raises(BackupRefused, match="repositories.tar is missing"):
        restore_backup(str(info.path), app=fresh)
    assert every_row(empty_database_url) == {}


def test_restore_into_a_database_in_use_is_refused_unless_forced(app, make_user):
    make_user("kept@example.org")
    info, _ = create_backup(app)
    make_user("later@example.org")
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    before = every_row(url)
    runner = app.test_cli_runner()

    refused = runner.invoke(args=["backup", "restore", info.name])
    assert refused.exit_code == 1
    assert "the database is not empty" in refused.output and "--force" in refused.output
    assert every_row(url) == before

    forced = runner.invoke(args=["backup", "restore", info.name, "--force"])
    assert forced.exit_code == 0, forced.output
    emails = {row.email for row in db.session.execute(text("SELECT email FROM users"))}
    assert "kept@example.org" in emails and "later@example.org" not in emails


def test_create_keeps_the_newest_backups_private(app, tmp_path):
    env_file = tmp_path / "school101.env"
    env_file.write_text("SECRET_KEY=from-the-environment\n")
    app.config["BACKUP_HOST_FILES"] = str(env_file)
    runner = app.test_cli_runner()
    start = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
    for day in range(3):
        create_backup(app, keep=0, now=start + timedelta(days=day))

    result = runner.invoke(args=["backup", "create", "--keep", "2"])
    assert result.exit_code == 0, result.output
    assert result.output.count("deleted old backup") == 2
    kept = list_backups(app)
    assert [info.created_at.date().isoformat() for info in kept[1:]] == ["2026-12-03"]
    assert kept[0].created_at > kept[1].created_at  # newest first
    listing = runner.invoke(args=["backup", "list"]).output.splitlines()
    assert [line.split()[0] for line in listing] == [info.name for info in kept]
    folder = kept[0].path
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.rglob("*"):
        expected = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == expected, path
    assert not [name for name in os.listdir(folder.parent) if name.startswith(".")]
    kept_env = folder / "host-files" / "school101.env"
    assert kept_env.read_text() == env_file.read_text()

    app.config["BACKUP_HOST_FILES"] = str(tmp_path / "missing.env")
    refused = runner.invoke(args=["backup", "create"])
    assert refused.exit_code == 1 and "missing.env cannot be copied" in refused.output
    assert [info.name for info in list_backups(app)] == [info.name for info in kept]


def test_a_repository_is_archived_only_once_its_push_is_over(app):
    """A backup waits for a push in progress (its lock), so it never holds half a push."""
    path = repo_path(git_root(app), 7, "c00")
    open_or_create(path).close()
    pushing, pushed = threading.Event(), threading.Event()

    def push():
        with exclusive(os.path.join(path, RECEIVE_LOCK)):
            pushing.set()
            time.sleep(0.5)
            Path(path, "refs", "heads", "main").write_text("0" * 40 + "\n")  # the push's last write
            pushed.set()

    thread = threading.Thread(target=push)
    thread.start()
    pushing.wait(5)
    info, _ = create_backup(app)
    thread.join()
    assert pushed.is_set()
    with tarfile.open(info.path / "repositories.tar") as tar:
        names = tar.getnames()
        assert "7/c00.git/refs/heads/main" in names
        assert not [name for name in names if name.endswith(RECEIVE_LOCK)]
