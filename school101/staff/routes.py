"""Staff pages: campaigns, funnel, applications review, outbox."""
from flask import Blueprint, render_template

from ..authz import staff_required

bp = Blueprint("staff", __name__, url_prefix="/staff", template_folder="templates")


@bp.get("/")
@staff_required
def index():
    """Staff home."""
    return render_template("staff/index.html")
