"""`flask --app school101 integrity scan --piscine ID`: the full plagiarism re-run."""

from __future__ import annotations

import time

import click
from flask import Flask
from flask.cli import AppGroup

from school101.core.errors import ServiceError
from school101.extensions import db
from school101.services.integrity.scan import scan_piscine

integrity_cli = AppGroup("integrity", help="Plagiarism detection (evidence for staff).")


@integrity_cli.command("scan")
@click.option("--piscine", "piscine_id", type=click.IntRange(1, 2**31 - 1), required=True)
@click.option(
    "--with-earlier", is_flag=True, help="Also compare with the submissions of earlier piscines."
)
def scan_command(piscine_id: int, with_earlier: bool):
    """Fingerprint every latest submission of a piscine and recompute its pairs."""
    started = time.perf_counter()
    try:
        summary = scan_piscine(piscine_id, with_earlier=with_earlier)
    except ServiceError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo(
        f"piscine {piscine_id}: {summary['documents']} documents "
        f"({summary['indexed']} fingerprinted now), {summary['pairs']} pairs, "
        f"{time.perf_counter() - started:.1f} s"
    )


def register(app: Flask) -> None:
    app.cli.add_command(integrity_cli)
