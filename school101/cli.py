"""Flask commands: users, seed-demo, worker, translations (`flask --app school101 --help`)."""
from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from .extensions import db

users_cli = AppGroup("users", help="Manage accounts.")


@users_cli.command("create")
@click.argument("email")
@click.option("--role", "roles", multiple=True, default=["candidate"], show_default=True,
              type=click.Choice(["candidate", "staff", "admin", "employer"]),
              help="Role to give (repeatable).")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--first-name", default="")
@click.option("--last-name", default="")
@click.option("--org-siret", default=None, help="Employers: the SIRET of their organisation.")
def create_user_command(email, roles, password, first_name, last_name, org_siret):
    """Create an account (e-mail confirmed) with the given roles."""
    from .services.accounts import create_user
    from .services.errors import ServiceError

    try:
        organisation = None
        if org_siret is not None:
            from .services.organisations import find_by_siret

            organisation = find_by_siret(org_siret)
            if organisation is None:
                raise click.ClickException(f"aucune organisation avec le SIRET {org_siret}")
        user = create_user(email=email, password=password, roles=list(roles),
                           first_name=first_name, last_name=last_name)
        if organisation is not None:
            from .services.organisations import add_member

            add_member(organisation, user, is_org_admin=False, actor=None)
    except ServiceError as exc:
        db.session.rollback()
        details = "; ".join(f"{k}: {v}" for k, v in exc.fields.items())
        raise click.ClickException(f"{exc.message} {details}".strip())
    db.session.commit()
    click.echo(f"created user {user.id} <{user.email}> roles={','.join(user.roles)}")


@click.command("seed-demo")
@click.option("--candidates", default=300, show_default=True, help="How many demo candidates.")
@click.option("--seed", default=101, show_default=True, help="Random seed (same data every time).")
def seed_demo_command(candidates, seed):
    """Fill the database with a demo campaign and candidates at every stage (idempotent)."""
    from .demo import seed_demo

    for line in seed_demo(candidates=candidates, seed=seed):
        click.echo(line)


@click.command("compile-translations")
def compile_translations_command():
    """Compile the .po catalogs to .mo."""
    from .i18n import compile_catalogs

    written = compile_catalogs(force=True)
    click.echo(f"compiled {len(written)} catalog(s)")


def register_cli(app: Flask) -> None:
    """Attach the commands to the app."""
    app.cli.add_command(users_cli)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(compile_translations_command)
    app.cli.add_command(worker_command)
    app.cli.add_command(piscine_cli)
    from .cli_retention import register as register_retention

    register_retention(app)
    from .cli_directory import register as register_directory_cli

    register_directory_cli(app)
    from .cli_grading import register as register_grading_cli

    register_grading_cli(app)


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
@click.option("--queue", "queues", multiple=True, default=["mail", "grading"], show_default=True,
              help="Queue to listen to (repeatable; the first has priority).")
def worker_command(burst, queues):
    """Run an RQ worker for the mail and grading queues with the app context (reaps stale
    containers first; runs the periodic duties)."""
    from flask import current_app
    from rq import Worker

    from .services.queue import redis_connection

    try:
        from grader.sandbox import reap_stale_containers

        removed = reap_stale_containers()
        if removed:
            click.echo(f"reaped {removed} stale grading container(s)", err=True)
    except Exception as exc:  # noqa: BLE001 -- the engine may be down; jobs will retry
        click.echo(f"could not reap containers: {exc}", err=True)
    connection = redis_connection()
    app = current_app._get_current_object()
    _run_sweeper(app, once=burst)
    if not burst:
        from .services.queue import grading_queue
        from .services.retention import schedule_daily

        schedule_daily(grading_queue(connection))
    with app.app_context():
        Worker(list(queues), connection=connection).work(burst=burst, with_scheduler=True)


def _run_sweeper(app, *, once: bool, interval: float = 30.0) -> None:
    """Periodic duties, now and then every `interval` seconds (see `run_periodic_duties`)."""
    import threading
    import time

    def tick() -> None:
        with app.app_context():
            run_periodic_duties(app)

    tick()
    if once:
        return

    def loop() -> None:
        while True:
            time.sleep(interval)
            tick()

    threading.Thread(target=loop, name="deadline-sweeper", daemon=True).start()


def run_periodic_duties(app) -> dict[str, int | None]:
    """One tick of the worker's periodic duties: grade closed piscine days (services.deadline.sweep),
    expire unanswered admission offers (services.selection.expire_offers), settle exam attempts
    past their time (services.exams.finish_expired), reconcile gradings whose job was lost
    (services.grading_recovery.reconcile_stuck) and enqueue again the mails whose delivery job
    was lost (services.mail_dispatch.requeue_lost).

    Each duty runs and commits on its own: one that fails is rolled back and logged, and the others
    still run. Returns each duty's count (None for a duty that failed). Needs an app context."""
    from .services import deadline, exams, grading_recovery, mail_dispatch, selection

    duties = (("deadline sweep", deadline.sweep, "%d day grading(s) enqueued"),
              ("offer expiry", selection.expire_offers, "%d admission offer(s) expired"),
              ("exam time limits", exams.finish_expired, "%d exam attempt(s) finished"),
              ("stuck gradings", lambda: sum(grading_recovery.reconcile_stuck().values()),
               "%d stuck grading(s) enqueued again or failed"),
              ("lost mails", mail_dispatch.requeue_lost, "%d mail(s) whose job was lost enqueued again"))
    results: dict[str, int | None] = {}
    for name, duty, message in duties:
        try:
            count = duty()
            db.session.commit()
        except Exception:  # never kill the worker, never let one duty block the others
            db.session.rollback()
            app.logger.exception("periodic duty failed: %s", name)
            results[name] = None
            continue
        results[name] = count
        if count:
            app.logger.info(message, count)
    return results


piscine_cli = AppGroup("piscine", help="Piscine operations.")


@piscine_cli.command("sweep")
def sweep_command():
    """Enqueue the deadline grading of every day that has closed."""
    from .services.deadline import sweep

    click.echo(f"enqueued {sweep()} day grading(s)")


@piscine_cli.command("rerun")
@click.argument("piscine_id", type=int)
@click.argument("day_id")
@click.option("--reason", required=True, help="Why (kept in the audit log).")
def rerun_command(piscine_id, day_id, reason):
    """Grade a day again for every seated candidate."""
    from .services.deadline import rerun_day
    from .services.errors import ServiceError
    from .services.piscine import get_piscine

    try:
        rows = rerun_day(get_piscine(piscine_id), day_id, actor=None, reason=reason)
    except ServiceError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc.message))
    db.session.commit()
    click.echo(f"enqueued {len(rows)} day grading(s)")
