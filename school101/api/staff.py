"""API: staff endpoints."""
from flask_smorest import Blueprint

blp = Blueprint("api_staff", __name__, url_prefix="/api/v1", description="staff")
