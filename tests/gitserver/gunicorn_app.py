"""WSGI entry point for the gunicorn test: the app on the test's database, with /git mounted."""

import os

from school101 import create_app
from school101.gitserver import mount_git

app = create_app(
    {
        "DATABASE_URL": os.environ["GITSERVER_TEST_DATABASE_URL"],
        "SECRET_KEY": "test-secret",
        "TESTING": True,
        "RATELIMIT_ENABLED": False,
        "REDIS_URL": "",
        "MAIL_SMTP_HOST": "",
    }
)
mount_git(app)
