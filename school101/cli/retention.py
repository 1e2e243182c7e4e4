"""`flask --app school101 retention ...`: the data retention job (see docs/retention.md)."""

from __future__ import annotations

from datetime import UTC, datetime

import click
from flask import Flask
from flask.cli import AppGroup

from school101.services.privacy import retention

retention_cli = AppGroup(
    "retention", help="Data retention: anonymise candidates who were not admitted."
)


def _parse_now(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            "use an ISO 8601 date-time, e.g. 2026-11-23T03:00:00+00:00", param_hint="--now"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


@retention_cli.command("run")
@click.option("--dry-run", is_flag=True, help="Only list who would be anonymised; change nothing.")
@click.option(
    "--now",
    "now_text",
    default=None,
    help="Pretend it is this moment (ISO 8601, UTC if no offset).",
)
def run_command(dry_run: bool, now_text: str | None):
    """Anonymise the candidates due (3 months, or 2 years with consent, after their campaign ended)."""
    from school101.extensions import db

    now = _parse_now(now_text)
    try:
        result = retention.run(now, dry_run=dry_run)
    except Exception as exc:
        db.session.rollback()
        raise click.ClickException(f"retention run failed: {exc}") from None
    plan = result.plan
    heading = "dry run: would anonymise" if dry_run else "anonymised"
    for due in plan.due:
        click.echo(
            f"{'would anonymise' if dry_run else 'anonymised'} user {due.user_id} "
            f"rule={due.rule} campaign_end={due.campaign_end.isoformat()} due_at={due.due_at.isoformat()}"
        )
    counts = plan.counts()
    click.echo(
        f"{heading} {counts['due']} candidate(s) (three_months={counts['three_months']}, "
        f"two_years={counts['two_years']}); not due yet {counts['waiting']}; "
        f"kept (admitted, staff, admin or employer) {counts['protected']}; "
        f"already anonymised {counts['already_anonymised']}; "
        f"security events {'to clear' if dry_run else 'cleared'} (older than "
        f"{retention.SECURITY_LOG_MONTHS} months) {counts['security_events']}"
    )
    if not dry_run:
        click.echo(
            f"statistics kept: {result.statistics} row(s); audit row {result.audit_id}; "
            f"git repositories removed: {result.removed_repositories}"
        )


def register(app: Flask) -> None:
    """Attach `flask retention ...` to the app (called from cli.register_cli)."""
    if "retention" not in app.cli.commands:
        app.cli.add_command(retention_cli)
