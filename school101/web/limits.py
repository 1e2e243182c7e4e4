"""Rate limits shared by the account pages and their API twins (Flask-Limiter shared limits):
one budget per client address, whichever door is used, so the API does not double the web's;
and the per-account login throttle (LoginThrottle), shared by the login page and the API's
token endpoint.

The login throttle counts the failed logins of an account (by the e-mail typed, whether an
account uses it or not) from clients it does not know. After LOGIN_FREE_FAILURES (5) of them,
each further failure makes that account wait 1, 2, 4... seconds (at most LOGIN_MAX_WAIT): an
unknown client trying during the wait gets 429 with Retry-After before any password is
checked, and a failing attempt after it gets 429 too, with the next wait. A client the
account knows (an address it logged in from in the last 30 days, or a browser holding the
signed cookie of a successful login) is never held by it: the person keeps logging in while
an attacker keeps failing, so the throttle is no lockout anyone can trigger. Counters live in
the rate-limit storage (RATELIMIT_STORAGE_URI: Redis when configured); nothing is throttled
when RATELIMIT_ENABLED is off.
"""

from __future__ import annotations

import hashlib
import math
import time

from flask import current_app, request
from flask_limiter.util import get_remote_address
from itsdangerous import BadSignature, URLSafeTimedSerializer
from limits.storage import storage_from_string

from school101.extensions import limiter

LOGIN_LIMIT = "10 per minute;100 per hour"
LOGIN_MAX_WAIT = 15 * 60
FAILURE_WINDOW = 24 * 3600
KNOWN_FOR = 30 * 24 * 3600
DEVICE_COOKIE = "s101_known"
DEVICE_MAX_AGE = 180 * 24 * 3600
_EXTENSION = "school101.login_throttle"

RESET_REQUEST_LIMIT = "5 per minute;20 per hour"
RESET_CONFIRM_LIMIT = "10 per minute"
CONFIRM_RESEND_LIMIT = "3 per minute;10 per hour"


def reset_request_limit():
    """Asking for a password-reset link (POST /auth/forgot, POST /api/v1/auth/password-reset)."""
    return limiter.shared_limit(
        RESET_REQUEST_LIMIT, scope="password-reset-request", methods=["POST"]
    )


def reset_confirm_limit():
    """Choosing a new password from a link (POST /auth/reset/<token>, .../password-reset/confirm)."""
    return limiter.shared_limit(
        RESET_CONFIRM_LIMIT, scope="password-reset-confirm", methods=["POST"]
    )


def confirm_resend_limit():
    """Sending the confirmation e-mail again (POST /auth/confirm/resend and its API twin)."""
    return limiter.shared_limit(CONFIRM_RESEND_LIMIT, scope="confirm-resend", methods=["POST"])


def login_limit():
    """Logging in, per client address (POST /auth/login and POST /api/v1/auth/token share it)."""
    return limiter.shared_limit(LOGIN_LIMIT, scope="login", methods=["POST"])


EXAM_START_LIMIT = "10 per 10 minutes"


def _exam_starter() -> str:
    from flask_login import current_user

    if request.path.startswith("/api/"):
        token = request.headers.get("Authorization", "")
        return "api:" + hashlib.sha256(token.encode()).hexdigest()[:16]
    return f"user:{current_user.get_id() or get_remote_address()}"


def exam_start_limit():
    """Failed exam starts (wrong code, outside the room...) of one person, page and API alike:
    typing codes at random is stopped long before it could find one."""
    return limiter.shared_limit(
        EXAM_START_LIMIT,
        scope="exam-start",
        key_func=_exam_starter,
        methods=["POST"],
        deduct_when=lambda response: response.status_code >= 400,
    )


def _account_key(email: str) -> str:
    # Attacker-chosen text: hashed so storage keys stay short and plain.
    return hashlib.sha256((email or "").strip().casefold().encode("utf-8")).hexdigest()[:32]


class LoginThrottle:
    """Growing waits after failed logins of one account (see the module docstring)."""

    def __init__(self, config) -> None:
        self.enabled = bool(config.get("RATELIMIT_ENABLED", True))
        self.free = int(config.get("LOGIN_FREE_FAILURES", 5))
        self.max_wait = int(config.get("LOGIN_MAX_WAIT", LOGIN_MAX_WAIT))
        self.secret = config["SECRET_KEY"]
        self.storage = (
            storage_from_string(
                config.get("RATELIMIT_STORAGE_URI") or "memory://",
                **(config.get("RATELIMIT_STORAGE_OPTIONS") or {}),
            )
            if self.enabled
            else None
        )

    def _keys(self, email: str) -> tuple[str, str, str]:
        account = _account_key(email)
        address = hashlib.sha256(get_remote_address().encode()).hexdigest()[:16]
        return (
            f"login:fail:{account}",
            f"login:wait:{account}",
            f"login:known:{account}:{address}",
        )

    def _serializer(self) -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(self.secret, salt="known-device")

    def known_client(self, email: str) -> bool:
        """True when this client logged in to the account before (address or device cookie)."""
        cookie = request.cookies.get(DEVICE_COOKIE)
        if cookie:
            try:
                if self._serializer().loads(cookie, max_age=DEVICE_MAX_AGE) == _account_key(email):
                    return True
            except BadSignature:
                pass
        return bool(self.storage.get(self._keys(email)[2]))

    def wait_for(self, email: str) -> int:
        """Seconds this client must still wait before trying this account; 0 to go ahead."""
        if not self.enabled or self.known_client(email):
            return 0
        wait_key = self._keys(email)[1]
        if not self.storage.get(wait_key):
            return 0
        return max(0, math.ceil(self.storage.get_expiry(wait_key) - time.time()))

    def failed(self, email: str) -> int:
        """Count a failed login; the wait it starts in seconds (0: none, answer 401)."""
        if not self.enabled or self.known_client(email):
            return 0
        fail_key, wait_key, _known = self._keys(email)
        failures = self.storage.incr(fail_key, FAILURE_WINDOW)
        if failures <= self.free:
            return 0
        wait = min(2 ** min(failures - self.free - 1, 30), self.max_wait)
        self.storage.clear(wait_key)
        self.storage.incr(wait_key, wait)
        return wait

    def succeeded(self, email: str) -> None:
        """A successful login: the account's count starts again and this address is known."""
        if not self.enabled:
            return
        fail_key, wait_key, known_key = self._keys(email)
        self.storage.clear(fail_key)
        self.storage.clear(wait_key)
        self.storage.clear(known_key)
        self.storage.incr(known_key, KNOWN_FOR)

    def remember_device(self, response, email: str) -> None:
        """Give the browser the signed cookie that makes it known to this account."""
        response.set_cookie(
            DEVICE_COOKIE,
            self._serializer().dumps(_account_key(email)),
            max_age=DEVICE_MAX_AGE,
            httponly=True,
            secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
            samesite="Lax",
        )


def login_throttle() -> LoginThrottle:
    """The app's login throttle (built once per app)."""
    throttle = current_app.extensions.get(_EXTENSION)
    if throttle is None:
        throttle = current_app.extensions[_EXTENSION] = LoginThrottle(current_app.config)
    return throttle
