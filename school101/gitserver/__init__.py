"""Git over smart HTTP for piscine days: ``http://HOST/git/<day_id>.git``.

Each candidate has one bare repository per day (see services/grading/repositories.py), served by dulwich, with
HTTP Basic authentication (any user name, the password is an API token). Fetching needs a
seat in a piscine whose calendar has the day; pushing also needs the day to be open. An
accepted push to main or master is snapshotted into Submission rows (one per changed
exercise folder) through services/grading/submissions.submit(source="git"), so grading never reads
the repositories. Settings: GIT_ROOT, GIT_MAX_PUSH_BYTES (20 MiB), GIT_MAX_REPO_BYTES (100 MiB),
the bounds on what a push may inflate (bounds.py: GIT_MAX_OBJECT_BYTES 10 MiB,
GIT_MAX_PUSH_INFLATED_BYTES 100 MiB, GIT_MAX_PUSH_OBJECTS 10000, GIT_MAX_PUSH_REFS 100), and the
rate limits of throttle.py (GIT_AUTH_FAILURES_PER_CLIENT, GIT_AUTH_FAILURES_PER_IP,
GIT_AUTH_FAILURES_PER_USERNAME, GIT_REQUESTS_PER_USER).
"""

from __future__ import annotations

from werkzeug.middleware.dispatcher import DispatcherMiddleware

from school101.gitserver.wsgi import GitApp

MOUNT = "/git"
EXTENSION_KEY = "school101.gitserver"


def mount_git(app):
    """Serve the day repositories under /git/ of `app` (idempotent); returns the git WSGI app."""
    existing = app.extensions.get(EXTENSION_KEY)
    if existing is not None:
        return existing
    git_app = GitApp(app)
    app.wsgi_app = DispatcherMiddleware(app.wsgi_app, {MOUNT: git_app})
    app.extensions[EXTENSION_KEY] = git_app
    return git_app


__all__ = ["GitApp", "mount_git"]
