"""Rate limits shared by the account pages and their API twins (Flask-Limiter shared limits):
one budget per client address, whichever door is used, so the API does not double the web's."""

from __future__ import annotations

from school101.extensions import limiter

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
