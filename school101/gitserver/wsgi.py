"""The WSGI application serving ``/git/<day_id>.git`` and the rush team repositories
``/git/<rush>-<team number>.git`` over smart HTTP (dulwich).

Each request is resolved before dulwich sees it: the URL is matched strictly, the candidate is
authenticated (HTTP Basic, the password is an API token; a failing attempt over the limits of
throttle.py gets 429 instead of 401, a right one always passes) and held to a request rate,
their seat and the day (for a team repository: their membership of that team; anyone else gets
404) are checked, and dulwich gets a backend holding that one repository, so
no path from the URL ever reaches the file system. The request body is capped before and
after gunzipping, and a pushed pack is checked by bounds.py before dulwich inflates it.
"""

from __future__ import annotations

import base64
import binascii
import re
from urllib.parse import parse_qs

from dulwich.server import UploadPackHandler
from dulwich.web import HTTPGitApplication
from flask_babel import force_locale
from flask_babel import gettext as _

from school101.extensions import db
from school101.gitserver.bounds import CappedBody
from school101.gitserver.receive import OneRepoBackend, PiscineReceivePackHandler, PushContext
from school101.gitserver.refusals import lockout_lines, report, requests_lines
from school101.gitserver.throttle import GitThrottle, Refusal, client_address
from school101.models import Booking, PiscineDay
from school101.services.grading import repositories as storage
from school101.services.grading import team_work
from school101.services.identity.accounts import user_for_token

ROUTE = re.compile(
    r"^/([a-z0-9_]{1,30})(?:-([1-9][0-9]{0,3}))?\.git"
    r"(/info/refs|/git-upload-pack|/git-receive-pack)\Z"
)
METHODS = {"/info/refs": "GET", "/git-upload-pack": "POST", "/git-receive-pack": "POST"}
SERVICES = ("git-upload-pack", "git-receive-pack")


def basic_credentials(environ) -> tuple[str | None, str]:
    """(user name, password) of an HTTP Basic Authorization header; (None, '') when absent or malformed."""
    scheme, _sep, value = environ.get("HTTP_AUTHORIZATION", "").partition(" ")
    if scheme.lower() != "basic":
        return None, ""
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None, ""
    user, sep, password = decoded.partition(":")
    return (user, password) if sep else (None, "")


def basic_token(environ) -> str:
    """The password of an HTTP Basic Authorization header ('' when absent or malformed)."""
    return basic_credentials(environ)[1]


def seated_piscine_ids(user) -> list[int]:
    """The piscines where the user holds a seat."""
    return list(
        db.session.scalars(
            db.select(Booking.piscine_id).where(
                Booking.user_id == user.id, Booking.status == "booked"
            )
        )
    )


def team_windows(team) -> list[tuple]:
    """The (opens_at, closes_at) of a team's rush in the team's piscine."""
    rows = db.session.execute(
        db.select(PiscineDay.opens_at, PiscineDay.closes_at).where(
            PiscineDay.piscine_id == team.piscine_id,
            PiscineDay.day_id == team.day_id,
            PiscineDay.kind == "day",
        )
    ).all()
    return [(opens, closes) for opens, closes in rows]


def seated_windows(user, day_id: str) -> list[tuple] | None:
    """The (opens_at, closes_at) of `day_id` in the user's seated piscines; None without a seat."""
    seated = seated_piscine_ids(user)
    if not seated:
        return None
    rows = db.session.execute(
        db.select(PiscineDay.opens_at, PiscineDay.closes_at).where(
            PiscineDay.piscine_id.in_(seated), PiscineDay.day_id == day_id, PiscineDay.kind == "day"
        )
    ).all()
    return [(opens, closes) for opens, closes in rows]


def _plain(start_response, status: str, text: str, headers=()):
    body = (text.rstrip("\n") + "\n").encode("utf-8")
    start_response(
        status,
        [
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-cache"),
            *headers,
        ],
    )
    return [body]


def _too_many(start_response, refusal: Refusal, lines: list[str]):
    return _plain(
        start_response,
        "429 Too Many Requests",
        "\n".join(lines),
        [("Retry-After", str(refusal.retry_after))],
    )


class GitApp:
    """WSGI app for the day repositories; `flask_app` gives config, database and translations."""

    def __init__(self, flask_app) -> None:
        self.flask_app = flask_app
        self.throttle = GitThrottle(flask_app.config)

    def __call__(self, environ, start_response):
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        match = ROUTE.match(path)
        service = parse_qs(environ.get("QUERY_STRING", "")).get("service", [""])[0]
        if (
            not match
            or METHODS[match.group(3)] != method
            or (match.group(3) == "/info/refs" and service not in SERVICES)
        ):
            return _plain(start_response, "404 Not Found", "Not found.")
        number = int(match.group(2)) if match.group(2) else None
        return self._serve(environ, start_response, match.group(1), match.group(3), number)

    def _serve(self, environ, start_response, day_id: str, tail: str, number: int | None = None):
        """A generator: the app context stays pushed while dulwich streams the response."""
        with self.flask_app.app_context():
            try:
                address = client_address(environ.get("REMOTE_ADDR", ""))
                username, password = basic_credentials(environ)
                # Credentials are checked first, always: a right token works whatever others
                # sent from the same address or with the same user name.
                user = user_for_token(password, scope="git")
                if user is None and "HTTP_AUTHORIZATION" in environ:
                    # Git's first request carries no credentials: only a wrong one is a failure.
                    # A success clears nothing, or one valid token would buy endless guesses.
                    refusal = self.throttle.auth_failed(address, username)
                    if refusal is not None:
                        report(refusal, address, username)
                        yield from _too_many(start_response, refusal, lockout_lines(refusal))
                        return
                locale = "en" if user is not None and user.locale == "en" else "fr"
                with force_locale(locale):
                    if user is None:
                        yield from _plain(
                            start_response,
                            "401 Unauthorized",
                            _("Authentication required: use your API token as the password."),
                            [("WWW-Authenticate", 'Basic realm="101"')],
                        )
                        return
                    refusal = self.throttle.request(user.id)
                    if refusal is not None:
                        report(refusal, address, username, user)
                        yield from _too_many(start_response, refusal, requests_lines(refusal))
                        return
                    windows = seated_windows(user, day_id)
                    if windows is None:
                        yield from _plain(
                            start_response,
                            "403 Forbidden",
                            _(
                                "Only candidates with a seat in a piscine can use its git "
                                "repositories."
                            ),
                        )
                        return
                    team = None
                    if number is not None:
                        team = team_work.member_team(
                            user.id, day_id, number, seated_piscine_ids(user)
                        )
                        windows = team_windows(team) if team is not None else []
                    if not windows:
                        yield from _plain(start_response, "404 Not Found", _("No such repository."))
                        return
                    yield from self._dulwich(
                        environ, start_response, user, day_id, tail, windows, team
                    )
            finally:
                db.session.remove()

    def _dulwich(self, environ, start_response, user, day_id, tail, windows, team=None):
        config = self.flask_app.config
        root = storage.git_root(self.flask_app)
        if team is not None:
            repo_dir = team_work.team_repo_path(root, team)
            name = f"{day_id}-{team.number}"
        else:
            repo_dir = storage.repo_path(root, user.id, day_id)
            name = day_id
        repo = storage.open_or_create(repo_dir)
        try:
            max_pack = int(config.get("GIT_MAX_PUSH_BYTES", 20 << 20))
            inner = dict(
                environ,
                PATH_INFO=tail,
                SCRIPT_NAME=environ.get("SCRIPT_NAME", "") + f"/{name}.git",
            )
            if inner.get("wsgi.input_terminated") and "HTTP_TRANSFER_ENCODING" in inner:
                del inner["HTTP_TRANSFER_ENCODING"]  # the server already removed the chunking
            # Capped as sent and, when gzip-encoded, once gunzipped: the ref-update list and the
            # pack are read from the capped stream (see bounds.py).
            body = CappedBody(inner, max_pack + (1 << 20))
            push = PushContext(
                user=user,
                day_id=day_id,
                windows=windows,
                repo_dir=repo_dir,
                max_pack_bytes=max_pack,
                max_repo_bytes=int(config.get("GIT_MAX_REPO_BYTES", 100 << 20)),
                max_object_bytes=int(config.get("GIT_MAX_OBJECT_BYTES", 10 << 20)),
                max_inflated_bytes=int(config.get("GIT_MAX_PUSH_INFLATED_BYTES", 100 << 20)),
                max_objects=int(config.get("GIT_MAX_PUSH_OBJECTS", 10_000)),
                max_refs=int(config.get("GIT_MAX_PUSH_REFS", 100)),
                body=body,
            )
            app = HTTPGitApplication(OneRepoBackend(repo, push))
            app.handlers = {
                b"git-upload-pack": UploadPackHandler,
                b"git-receive-pack": PiscineReceivePackHandler,
            }
            chain = app
            result = chain(inner, start_response)
            try:
                yield from result
            finally:
                close = getattr(result, "close", None)
                if close is not None:
                    close()
        finally:
            repo.close()
