#!/usr/bin/env python3
"""Backup and restore of an intake's worth of data, against the bare tools in the same run.

A PostgreSQL database gets the demo data (`seed-demo`, --candidates, 2,500 by default: a
year's applications) and GIT_ROOT gets --repositories day repositories (400: one day of a
piscine), each with a commit of ten C files. Then, timed:
- `backup create` (snapshot, row counts, pg_dump, repositories under their locks, secrets,
  SHA-256 of every file) against the baseline: a bare `pg_dump -Fc` plus `tar` of GIT_ROOT;
- `backup restore` into an empty database and instance (checksums first, pg_restore in one
  transaction, row counts checked) against a bare `pg_restore` plus `tar -x`.
usage: benchmarks/bench_backup.py [--candidates 2500] [--repositories 400] [--database-url URL]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def recreate(url: str) -> None:
    """Drop and create the database named by `url` (on its server)."""
    import psycopg
    from psycopg import sql

    parsed = make_url(url)
    server = {"host": parsed.host, "port": parsed.port, "user": parsed.username}
    server = {k: v for k, v in server.items() if v is not None}
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as conn:
        name = sql.Identifier(parsed.database)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


def make_repositories(root: Path, count: int) -> None:
    """`count` day repositories, each with one commit of ten small C files (dulwich)."""
    from dulwich.objects import Blob, Commit, Tree

    from school101.services.grading.repositories import open_or_create, repo_path

    for user_id in range(1, count + 1):
        with open_or_create(repo_path(str(root), user_id, "c00")) as repo:
            tree = Tree()
            for n in range(10):
                blob = Blob.from_string(
                    f"int ft_{n}(void)\n{{\n\treturn ({user_id * n});\n}}\n".encode()
                )
                repo.object_store.add_object(blob)
                tree.add(f"ex{n:02d}.c".encode(), 0o100644, blob.id)
            repo.object_store.add_object(tree)
            commit = Commit()
            commit.tree = tree.id
            commit.author = commit.committer = b"Camille <camille@example.org>"
            commit.commit_time = commit.author_time = 1764900000 + user_id
            commit.commit_timezone = commit.author_timezone = 0
            commit.message = b"c00"
            repo.object_store.add_object(commit)
            repo.refs[b"refs/heads/main"] = commit.id


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def run(command: list[str], env: dict | None = None) -> None:
    subprocess.run(command, check=True, env={**os.environ, **(env or {})}, capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--candidates", type=int, default=2500)
    parser.add_argument("--repositories", type=int, default=400)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL",
            f"postgresql+psycopg://postgres@127.0.0.1:{os.environ.get('PG_PORT', '5439')}/school101_bench_backup",
        ),
    )
    args = parser.parse_args()
    source_url = args.database_url
    restored_url = make_url(source_url).set(database=f"{make_url(source_url).database}_restored")
    restored_url = restored_url.render_as_string(hide_password=False)
    baseline_url = make_url(source_url).set(database=f"{make_url(source_url).database}_baseline")
    work = Path(tempfile.mkdtemp(prefix="bench-backup-"))
    os.environ["REDIS_URL"] = ""
    os.environ["RATELIMIT_ENABLED"] = "0"

    from school101 import create_app
    from school101.cli.demo import seed_demo
    from school101.extensions import db
    from school101.services.operations.backups import create_backup, restore_backup
    from school101.services.operations.database_dump import pg_tool
    from school101.services.operations.manifest import read_manifest

    try:
        for url in (source_url, restored_url, baseline_url.render_as_string(hide_password=False)):
            recreate(url)
        os.environ["INSTANCE_PATH"] = str(work / "source")
        source = create_app({"DATABASE_URL": source_url})
        with source.app_context():
            db.create_all()
            list(seed_demo(candidates=args.candidates, seed=101))
            db.session.remove()
        git = work / "source" / "git"
        make_repositories(git, args.repositories)
        with source.app_context():
            major = int(db.session.scalar(db.text("SHOW server_version_num"))) // 10000
            db.session.remove()
            db.engine.dispose()

        pg_dump, pg_restore = pg_tool("pg_dump", major), pg_tool("pg_restore", major)
        libpq = make_url(source_url).set(drivername="postgresql").render_as_string(False)
        bare_dump, bare_tar = work / "bare.dump", work / "bare.tar"

        def bare_backup():
            run([pg_dump, "-Fc", f"--file={bare_dump}", f"--dbname={libpq}"])
            run(["tar", "-cf", str(bare_tar), "-C", str(git), "."])

        with source.app_context():
            bare_create = timed(bare_backup)
            bare_size = bare_dump.stat().st_size + bare_tar.stat().st_size
            made = {}
            ours_create = timed(lambda: made.update(info=create_backup(source, keep=0)[0]))
        info = made["info"]
        rows = sum(read_manifest(info.path)["tables"].values())

        baseline_libpq = baseline_url.set(drivername="postgresql").render_as_string(False)
        bare_git = work / "bare-git"

        def bare_restore():
            run(
                [
                    pg_restore,
                    "--single-transaction",
                    "--no-owner",
                    f"--dbname={baseline_libpq}",
                    str(bare_dump),
                ]
            )
            bare_git.mkdir()
            run(["tar", "-xf", str(bare_tar), "-C", str(bare_git)])

        os.environ["INSTANCE_PATH"] = str(work / "restored")
        target = create_app({"DATABASE_URL": restored_url})
        bare_restore_time = timed(bare_restore)
        with target.app_context():
            ours_restore = timed(lambda: restore_backup(str(info.path), target))
            db.session.remove()
            db.engine.dispose()
    finally:
        shutil.rmtree(work, ignore_errors=True)
        for url in (restored_url, baseline_url.render_as_string(hide_password=False)):
            recreate(url)

    mib = info.size_bytes / (1 << 20)
    print(
        f"data: {args.candidates} demo candidates ({rows:,} rows), {args.repositories} repositories"
    )
    print(f"backup size: {mib:.1f} MiB (bare dump + tar: {bare_size / (1 << 20):.1f} MiB)")
    print(
        f"backup create : {ours_create:6.2f} s   bare pg_dump + tar  : {bare_create:6.2f} s   ratio {ours_create / bare_create:.2f}"
    )
    print(
        f"backup restore: {ours_restore:6.2f} s   bare pg_restore + tar: {bare_restore_time:6.2f} s   ratio {ours_restore / bare_restore_time:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
