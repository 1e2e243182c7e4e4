"""Admin pages: staff accounts and roles."""
from flask import Blueprint, render_template

from ..authz import admin_required

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")


@bp.get("/users")
@admin_required
def users():
    """Users and roles."""
    return render_template("admin/users.html")
