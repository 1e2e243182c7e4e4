"""Flask commands: users, seed-demo, worker, translations (`flask --app school101 --help`)."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from school101.extensions import db
from school101.jobs.periodic import _run_sweeper

users_cli = AppGroup("users", help="Manage accounts.")


@users_cli.command("create")
@click.argument("email")
@click.option(
    "--role",
    "roles",
    multiple=True,
    default=["candidate"],
    show_default=True,
    type=click.Choice(["candidate", "staff", "admin", "employer"]),
    help="Role to give (repeatable).",
)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--first-name", default="")
@click.option("--last-name", default="")
@click.option("--org-siret", default=None, help="Employers: the SIRET of their organisation.")
def create_user_command(email, roles, password, first_name, last_name, org_siret):
    """Create an account (e-mail confirmed) with the given roles."""
    from school101.core.errors import ServiceError
    from school101.services.identity.accounts import create_user

    try:
        organisation = None
        if org_siret is not None:
            from school101.services.directory.organisations import find_by_siret

            organisation = find_by_siret(org_siret)
            if organisation is None:
                raise click.ClickException(f"aucune organisation avec le SIRET {org_siret}")
        user = create_user(
            email=email,
            password=password,
            roles=list(roles),
            first_name=first_name,
            last_name=last_name,
        )
        if organisation is not None:
            from school101.services.directory.organisations import add_member

            add_member(organisation, user, is_org_admin=False, actor=None)
    except ServiceError as exc:
        db.session.rollback()
        details = "; ".join(f"{k}: {v}" for k, v in exc.fields.items())
        raise click.ClickException(f"{exc.message} {details}".strip()) from None
    db.session.commit()
    click.echo(f"created user {user.id} <{user.email}> roles={','.join(user.roles)}")


@click.command("seed-demo")
@click.option("--candidates", default=300, show_default=True, help="How many demo candidates.")
@click.option("--seed", default=101, show_default=True, help="Random seed (same data every time).")
def seed_demo_command(candidates, seed):
    """Fill the database with a demo campaign and candidates at every stage (idempotent).
    Refused when PUBLIC_URL is not this machine and the demo password would be usable there."""
    from flask import current_app

    from school101.cli.demo import seed_demo
    from school101.cli.demo_guard import refusal

    why = refusal(current_app.config.get("PUBLIC_URL", ""), seeding=True)
    if why:
        raise click.ClickException(why)
    for line in seed_demo(candidates=candidates, seed=seed):
        click.echo(line)


@click.command("demo-check")
@click.option(
    "--turn-in", is_flag=True, help="Then print how the demo candidate turns in c00/ex00 today."
)
def demo_check_command(turn_in):
    """Exit with an error when PUBLIC_URL is not this machine and a demo account still has the
    published demo password (scripts/run.sh runs it before serving)."""
    from flask import current_app

    from school101.cli.demo_guard import refusal

    why = refusal(current_app.config.get("PUBLIC_URL", ""), seeding=False)
    if why:
        raise click.ClickException(why)
    if not turn_in:
        click.echo("demo passwords: ok for " + current_app.config.get("PUBLIC_URL", ""))
        return
    from school101.cli.demo import LOGINS
    from school101.cli.demo_today import current_turn_in

    for line in current_turn_in(current_app.config.get("PUBLIC_URL", ""), LOGINS[2][0]):
        click.echo(line)


@click.command("compile-translations")
def compile_translations_command():
    """Compile the .po catalogs to .mo."""
    from school101.i18n import compile_catalogs

    written = compile_catalogs(force=True)
    click.echo(f"compiled {len(written)} catalog(s)")


def register_cli(app: Flask) -> None:
    """Attach the commands to the app."""
    app.cli.add_command(users_cli)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(demo_check_command)
    app.cli.add_command(compile_translations_command)
    app.cli.add_command(worker_command)
    app.cli.add_command(piscine_cli)
    from school101.cli.retention import register as register_retention

    register_retention(app)
    from school101.cli.directory import register as register_directory_cli

    register_directory_cli(app)
    from school101.cli.grading import register as register_grading_cli

    register_grading_cli(app)
    from school101.cli.backup import register as register_backup_cli

    register_backup_cli(app)
    from school101.cli.integrity import register as register_integrity_cli

    register_integrity_cli(app)


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
@click.option(
    "--queue",
    "queues",
    multiple=True,
    default=["mail", "grading"],
    show_default=True,
    help="Queue to listen to (repeatable; the first has priority).",
)
def worker_command(burst, queues):
    """Run an RQ worker for the mail and grading queues with the app context (reaps stale
    containers first; runs the periodic duties)."""
    import time

    from flask import current_app
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError
    from rq import Worker

    from school101.core.queues import redis_connection

    try:
        from grader.sandbox import reap_stale_containers

        removed = reap_stale_containers()
        if removed:
            click.echo(f"reaped {removed} stale grading container(s)", err=True)
    except Exception as exc:
        click.echo(f"could not reap containers: {exc}", err=True)
    connection = redis_connection()
    app = current_app._get_current_object()
    from school101.cli.worker_metrics import start_worker_metrics

    start_worker_metrics(app)
    from school101.jobs.context import fresh_connections_in_forks

    fresh_connections_in_forks(app)
    _run_sweeper(app, once=burst, interval=float(app.config.get("PERIODIC_INTERVAL_SECONDS", 30)))
    if not burst:
        from school101.core.queues import grading_queue
        from school101.jobs.retention import schedule_daily

        schedule_daily(grading_queue(connection))
    maintenance = int(app.config.get("WORKER_MAINTENANCE_SECONDS", 60))
    with app.app_context():
        while True:
            try:
                Worker(
                    list(queues),
                    connection=connection,
                    # a dead worker's job is retried once its heartbeat has expired
                    maintenance_interval=maintenance,
                    job_monitoring_interval=int(app.config.get("WORKER_MONITORING_SECONDS", 30)),
                    worker_ttl=maintenance + 15,  # an idle worker checks every `maintenance` s
                ).work(burst=burst, with_scheduler=True)
                return
            except (RedisConnectionError, RedisTimeoutError) as exc:  # Redis restarting
                if burst:
                    raise
                click.echo(f"lost Redis ({exc}); working again once it answers", err=True)
                time.sleep(2)


piscine_cli = AppGroup("piscine", help="Piscine operations.")


@piscine_cli.command("sweep")
def sweep_command():
    """Enqueue the deadline grading of every day that has closed."""
    from school101.services.grading.deadline import sweep

    click.echo(f"enqueued {sweep()} day grading(s)")


@piscine_cli.command("rerun")
@click.argument("piscine_id", type=int)
@click.argument("day_id")
@click.option("--reason", required=True, help="Why (kept in the audit log).")
def rerun_command(piscine_id, day_id, reason):
    """Grade a day again for every seated candidate."""
    from school101.core.errors import ServiceError
    from school101.services.grading.deadline import rerun_day
    from school101.services.piscine.queries import get_piscine

    try:
        rows = rerun_day(get_piscine(piscine_id), day_id, actor=None, reason=reason)
    except ServiceError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc.message)) from None
    db.session.commit()
    click.echo(f"enqueued {len(rows)} day grading(s)")
