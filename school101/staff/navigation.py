"""The back office side navigation's data: the work waiting behind each link, read once per
page (every staff page of every area shows the navigation)."""

from __future__ import annotations

from flask import g
from flask_login import current_user

from school101.services.admissions.campaigns import default_campaign
from school101.services.operations.workload import Workload, staff_workload
from school101.staff.blueprint import bp


def _workload() -> Workload:
    if "staff_workload" not in g:
        campaign = default_campaign(current_user)
        g.staff_workload = staff_workload(campaign.id if campaign else None)
    return g.staff_workload


@bp.app_context_processor
def navigation():
    """`staff_workload()` for the side navigation (computed only when a page shows it)."""
    return {"staff_workload": _workload}
