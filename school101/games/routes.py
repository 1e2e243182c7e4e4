"""Selection games pages (memory, logic) and their session-authenticated JSON endpoints."""
from flask import Blueprint

bp = Blueprint("games", __name__, url_prefix="/games", template_folder="templates")
