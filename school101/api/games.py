"""API: games endpoints."""
from flask_smorest import Blueprint

blp = Blueprint("api_games", __name__, url_prefix="/api/v1", description="games")
