"""One application's file as staff read it: profile, consents, games, history, notes,
eligibility exception, piscine invitations."""

from __future__ import annotations

from typing import Any

from school101.services.admissions.decisions import piscine_invitations
from school101.services.admissions.exceptions import exception_for, exception_json
from school101.services.admissions.notes import note_json
from school101.services.admissions.review import (
    application_row,
    audit_json,
    game_results,
    get_application,
    history,
)
from school101.services.identity.consent import consent_json, consents_of


def application_detail(application_id: Any, *, actor) -> dict:
    """Everything on one application's page: profile, games, history, notes, exception."""
    application = get_application(application_id, actor=actor)
    user = application.user
    profile = user.profile
    row = application_row(application)
    row.update(
        motivation=application.motivation,
        campaign={"id": application.campaign.id, "name": application.campaign.name},
        profile={
            "city": profile.city if profile else "",
            "postcode": profile.postcode if profile else "",
            "department": profile.department if profile else "",
            "situation": profile.situation if profile else "",
            "heard_from": profile.heard_from if profile else "",
            "gender": profile.gender if profile else "",
            "email_confirmed": user.email_confirmed_at is not None,
        },
        games=game_results(application),
        notes=[note_json(n) for n in application.notes],
        eligibility_exception=exception_json(exception_for(application)),
        history=[audit_json(r) for r in history(application)],
        piscine_invitations=piscine_invitations(user.id),
        consents=[
            {k: v for k, v in consent_json(c).items() if k != "text"} for c in consents_of(user)
        ],
    )
    return row
