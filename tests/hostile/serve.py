"""A real HTTP server process for the hostile-input tests: the app on the test's database, served
by werkzeug on 127.0.0.1 (one request at a time), its port printed on the first line of stdout.

    python -m tests.hostile.serve   (HOSTILE_DATABASE_URL and INSTANCE_PATH in the environment)

Its peak memory (VmHWM in /proc/<pid>/status) is what the archive tests measure.
"""

from __future__ import annotations

import os
import sys

from werkzeug.serving import make_server

from school101 import create_app


def main() -> None:
    app = create_app(
        {
            "DATABASE_URL": os.environ["HOSTILE_DATABASE_URL"],
            "SECRET_KEY": "test-secret",
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "REDIS_URL": "",
            "MAIL_SMTP_HOST": "",
        }
    )
    server = make_server("127.0.0.1", 0, app, threaded=False)
    print(server.server_port, flush=True)
    sys.stdout.close()
    server.serve_forever()


if __name__ == "__main__":
    main()
