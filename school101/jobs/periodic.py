"""The worker's periodic duties (deadline sweep, offer expiry, exam limits, recovery)."""

from __future__ import annotations

from school101.extensions import db
from school101.services.exams import attempts
from school101.services.selection import offers


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
    """One tick of the worker's periodic duties: grade closed piscine days (services/grading/deadline.sweep),
    expire unanswered admission offers (services/selection/offers.expire_offers), settle exam attempts
    past their time (services/exams/attempts.finish_expired), reconcile gradings whose job was lost
    (services/grading/recovery.reconcile_stuck) and enqueue again the mails whose delivery job
    was lost (services/messaging/dispatch.requeue_lost), send the peer evaluation reminders and form
    the teams of the rushes opening within two hours (services/evaluations/teams.form_due_teams).

    Each duty runs and commits on its own: one that fails is rolled back and logged, and the others
    still run. Returns each duty's count (None for a duty that failed). Needs an app context."""
    from school101.models._base import utcnow
    from school101.services.evaluations import notices as evaluation_notices
    from school101.services.evaluations import teams as rush_teams
    from school101.services.grading import deadline
    from school101.services.grading import recovery as grading_recovery
    from school101.services.messaging import dispatch as mail_dispatch

    duties = (
        ("deadline sweep", deadline.sweep, "%d day grading(s) enqueued"),
        ("offer expiry", offers.expire_offers, "%d admission offer(s) expired"),
        ("exam time limits", attempts.finish_expired, "%d exam attempt(s) finished"),
        (
            "stuck gradings",
            lambda: sum(grading_recovery.reconcile_stuck().values()),
            "%d stuck grading(s) enqueued again or failed",
        ),
        (
            "lost queued gradings",
            grading_recovery.requeue_lost_queued,
            "%d queued grading(s) whose job was lost enqueued again",
        ),
        ("lost mails", mail_dispatch.requeue_lost, "%d mail(s) whose job was lost enqueued again"),
        (
            "evaluation reminders",
            evaluation_notices.send_reminders,
            "%d peer evaluation reminder(s) sent",
        ),
        (
            "rush teams",
            lambda: rush_teams.form_due_teams(utcnow()),
            "teams formed for %d rush(es) opening soon",
        ),
    )
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
