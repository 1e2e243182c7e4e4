"""`flask --app school101 backup create|list|verify|restore` (docs/backups.md)."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from school101.services.operations import backups
from school101.services.operations.manifest import BackupRefused, verify

backup_cli = AppGroup(
    "backup", help="Backups: the database, the git repositories and the instance secrets."
)


def _size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KiB", "MiB"):
        if value < 1024:
            return f"{value:.0f} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GiB"


@backup_cli.command("create")
@click.option(
    "--keep",
    type=click.IntRange(min=0),
    default=None,
    help="Keep this many backups, deleting older ones (default: BACKUP_KEEP, 7; 0 keeps all).",
)
def create_command(keep: int | None):
    """Make a backup into BACKUP_DIR (it holds the instance secrets: keep it private)."""
    try:
        info, removed = backups.create_backup(keep=keep)
    except BackupRefused as exc:
        raise click.ClickException(exc.message) from None
    click.echo(
        f"backup {info.name}: {info.database} database, {info.repositories} repositories, "
        f"{_size(info.size_bytes)} in {info.path}"
    )
    for name in removed:
        click.echo(f"deleted old backup {name}")
    manifest = verify(info.path)
    if not manifest.get("secret_key_included") and not manifest.get("host_files"):
        click.echo(
            "note: SECRET_KEY is set in the environment, not kept in the instance folder; "
            "name its environment file in BACKUP_HOST_FILES or back it up yourself",
            err=True,
        )


@backup_cli.command("list")
def list_command():
    """List the backups, newest first."""
    found = backups.list_backups()
    if not found:
        click.echo(f"no backup in {backups.backup_dir()}")
    for info in found:
        click.echo(
            f"{info.name}  {info.created_at.isoformat(timespec='seconds')}  {info.database}  "
            f"{info.repositories} repositories  {_size(info.size_bytes)}"
        )


@backup_cli.command("verify")
@click.argument("backup")
def verify_command(backup: str):
    """Check every file of a backup (a name from `backup list` or a folder) against its manifest."""
    try:
        manifest = verify(backups.find_backup(backup))
    except BackupRefused as exc:
        raise click.ClickException(exc.message) from None
    click.echo(f"backup {backup} is whole: {len(manifest['files'])} files match their checksums")


@backup_cli.command("restore")
@click.argument("backup")
@click.option(
    "--force",
    is_flag=True,
    help="Replace a database that is not empty; existing repositories are moved aside.",
)
def restore_command(backup: str, force: bool):
    """Restore a backup (a name from `backup list` or a folder) into an empty installation."""
    try:
        report = backups.restore_backup(backup, force=force)
    except BackupRefused as exc:
        raise click.ClickException(exc.message) from None
    click.echo(
        f"restored {report.name}: {report.tables} tables, {report.rows} rows, "
        f"{report.repositories} repositories, secrets: {', '.join(report.secrets) or 'none'}"
    )
    if report.set_aside is not None:
        click.echo(f"the repositories found before were moved to {report.set_aside}")
    if report.secrets:
        click.echo("restart the application so that it uses the restored secrets")
    for copy, original in report.host_files.items():
        click.echo(f"host file kept in the backup, put it back by hand: {copy} -> {original}")


def register(app: Flask) -> None:
    """Attach `flask backup ...` to the app (called from cli.register_cli)."""
    if "backup" not in app.cli.commands:
        app.cli.add_command(backup_cli)
