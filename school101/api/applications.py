"""API: applying to the open campaign."""
from __future__ import annotations

from flask import g
from flask_smorest import Blueprint

from ..extensions import db
from ..services import admissions
from .auth_helpers import BEARER, token_required
from .schemas import ApplicationCreatedOut, ApplicationIn, MyApplicationOut

blp = Blueprint("api_applications", __name__, url_prefix="/api/v1/applications",
                description="Applications")


@blp.post("")
@blp.doc(security=BEARER)
@token_required()
@blp.arguments(ApplicationIn)
@blp.response(201, ApplicationCreatedOut)
@blp.alt_response(409, description="No open campaign, or already applied")
@blp.alt_response(422, description="Not eligible (age) or invalid motivation")
@blp.alt_response(403, description="E-mail not confirmed (when required)")
def create(data):
    """Apply to the open campaign with a short motivation."""
    application = admissions.apply(g.api_user, data["motivation"])
    db.session.commit()
    return {"id": application.id, "status": application.status}


@blp.get("/mine")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, MyApplicationOut)
def mine():
    """The caller's latest application with its timeline."""
    user = g.api_user
    return {
        "application": admissions.application_to_json(admissions.application_of(user)),
        "timeline": [{"key": s.key, "label": str(s.label), "state": s.state,
                      "at": s.at.isoformat() if s.at else None} for s in admissions.timeline(user)],
    }
