"""Page-level authorisation decorators (services check ownership themselves)."""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user, login_required


def roles_required(*roles: str):
    """Logged in (else redirect to login) and holding one of `roles` (else 403)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(*args, **kwargs):
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapper

    return decorator


staff_required = roles_required("staff", "admin")
admin_required = roles_required("admin")
candidate_required = roles_required("candidate")
