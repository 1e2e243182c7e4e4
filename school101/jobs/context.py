"""The application a job runs in.

Jobs run in the worker started by `flask --app school101 worker`, which pushes the app context
before RQ starts (a forked work horse inherits it), so a job never builds an app of its own:
the jobs layer does not import the app factory, which imports it back through the CLI.
"""

from __future__ import annotations

from flask import Flask, current_app


class NoWorkerApp(RuntimeError):
    """A job was run outside `flask --app school101 worker` (e.g. a bare `rq worker`)."""


def job_app() -> Flask:
    """The worker's application; NoWorkerApp when the job runs outside `flask ... worker`."""
    try:
        return current_app._get_current_object()
    except RuntimeError:
        raise NoWorkerApp(
            "school101 jobs run in `flask --app school101 worker`, which provides the application"
        ) from None


def fresh_connections_in_forks(app: Flask) -> None:
    """Give every forked child (RQ's work horse) a pool of its own.

    A child inherits the parent's pooled database connections; when both use one socket (the
    parent's periodic duties, the child's job) the server sees their messages interleaved and
    closes it ("server closed the connection unexpectedly"), losing the job's verdict.
    `dispose(close=False)` drops the child's references without closing the parent's sockets.
    """
    import os

    from school101.extensions import db

    with app.app_context():
        engines = list(db.engines.values())

    def forget_parent_pool() -> None:
        for engine in engines:
            engine.dispose(close=False)

    os.register_at_fork(after_in_child=forget_parent_pool)
