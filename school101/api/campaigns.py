"""API: campaigns."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint

from ..services import admissions
from ..services.errors import NotFound
from .schemas import CampaignOut

blp = Blueprint("api_campaigns", __name__, url_prefix="/api/v1/campaigns", description="Campaigns")


@blp.get("/current")
@blp.response(200, CampaignOut)
@blp.alt_response(404, description="No campaign is open")
def current():
    """The campaign open now, with its eligibility rules and game settings."""
    campaign = admissions.current_campaign()
    if campaign is None:
        raise NotFound(_l("No campaign is open at the moment."), code="no_open_campaign")
    return admissions.campaign_to_json(campaign)
