"""`flask --app school101 grading ...`: re-grade one run, reconcile stuck gradings."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

grading_cli = AppGroup("grading", help="Exercise gradings: re-grade a run, reconcile stuck ones.")


@grading_cli.command("regrade")
@click.argument("run_id", type=int)
@click.option("--reason", required=True, help="Why (kept in the audit log).")
def regrade_command(run_id: int, reason: str):
    """Grade a run's submission again as a new run (the old run stays as history)."""
    from school101.core.errors import ServiceError
    from school101.extensions import db
    from school101.services.grading.recovery import regrade_run

    try:
        run = regrade_run(run_id, actor=None, reason=reason)
    except ServiceError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc.message)) from None
    db.session.commit()
    click.echo(f"run {run_id} will be graded again as run {run.id} (job {run.job_id})")


@grading_cli.command("reconcile")
def reconcile_command():
    """What the worker's sweeper does every 30 s: fail or re-enqueue runs whose job was lost."""
    from school101.services.grading.recovery import reconcile_stuck

    counts = reconcile_stuck()
    click.echo(f"enqueued again: {counts['requeued']}, failed: {counts['failed']}")


def register(app: Flask) -> None:
    """Attach the `grading` group to the app."""
    app.cli.add_command(grading_cli)
