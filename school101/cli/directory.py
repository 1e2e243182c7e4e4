"""`flask --app school101 orgs ...`: organisations of the cluster from the command line."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from school101.extensions import db

orgs_cli = AppGroup("orgs", help="Organisations of the cluster (employers' directory).")


def _fail(exc) -> None:
    db.session.rollback()
    details = "; ".join(f"{k}: {v}" for k, v in exc.fields.items())
    raise click.ClickException(f"{exc.message} {details}".strip())


@orgs_cli.command("create")
@click.argument("name")
@click.option("--siret", required=True, help="14 digits, checked with the Luhn key.")
@click.option(
    "--verified", is_flag=True, help="Verify it at once (a member that can use the directory)."
)
@click.option(
    "--kind",
    default="company",
    show_default=True,
    type=click.Choice(["company", "school", "lab", "association"]),
)
@click.option("--contact-name", default="", help="Contact person.")
@click.option("--contact-email", default="", help="Contact person's e-mail.")
def create_command(name, siret, verified, kind, contact_name, contact_email):
    """Register an organisation (pending unless --verified)."""
    from school101.core.errors import ServiceError
    from school101.services.directory.organisations import create_organisation

    try:
        org = create_organisation(
            {
                "name": name,
                "siret": siret,
                "kind": kind,
                "contact_name": contact_name,
                "contact_email": contact_email,
            },
            actor=None,
            verified=verified,
        )
    except ServiceError as exc:
        _fail(exc)
    db.session.commit()
    click.echo(
        f"created organisation {org.id} {org.name!r} siret={org.siret} kind={org.kind} status={org.status}"
    )


@orgs_cli.command("list")
@click.option("--status", type=click.Choice(["pending", "member", "suspended"]), default=None)
def list_command(status):
    """List organisations (newest first)."""
    from school101.services.directory.organisations import members_of, organisations

    rows = organisations(status)
    for org in rows:
        verified = "verified" if org.verified_at else "unverified"
        click.echo(
            f"{org.id}\t{org.siret}\t{org.status}\t{verified}\t{len(members_of(org))} employer(s)\t{org.name}"
        )
    if not rows:
        click.echo("no organisation")


@orgs_cli.command("verify")
@click.argument("siret")
def verify_command(siret):
    """Verify a pending organisation."""
    from school101.core.errors import ServiceError
    from school101.services.directory.organisations import find_by_siret, verify

    org = find_by_siret(siret)
    if org is None:
        raise click.ClickException(f"no organisation with SIRET {siret}")
    try:
        verify(org, actor=None, require_contact=False, reason="command line")
    except ServiceError as exc:
        _fail(exc)
    db.session.commit()
    click.echo(f"organisation {org.id} verified (status={org.status})")


@orgs_cli.command("suspend")
@click.argument("siret")
@click.option("--reason", required=True, help="Why (kept in the audit log).")
def suspend_command(siret, reason):
    """Suspend an organisation: its employers lose the directory."""
    from school101.core.errors import ServiceError
    from school101.services.directory.organisations import find_by_siret, suspend

    org = find_by_siret(siret)
    if org is None:
        raise click.ClickException(f"no organisation with SIRET {siret}")
    try:
        suspend(org, actor=None, reason=reason)
    except ServiceError as exc:
        _fail(exc)
    db.session.commit()
    click.echo(f"organisation {org.id} suspended")


def register(app: Flask) -> None:
    """Attach the `orgs` group to the app."""
    app.cli.add_command(orgs_cli)
