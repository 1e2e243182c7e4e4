"""Staff: the system page (queues, failed jobs, workers seen, mail backlog, last backup)."""

from __future__ import annotations

from flask import render_template

from school101.staff.blueprint import bp
from school101.web.authz import staff_required


@bp.get("/system")
@staff_required
def system():
    """What runs the platform, as of now; the API twin is GET /api/v1/staff/system."""
    from school101.web.system_status import system_summary

    return render_template("staff/system.html", s=system_summary())
