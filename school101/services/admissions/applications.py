"""Applying: the candidate's profile, eligibility, the application itself and its timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from school101.core import audit
from school101.core.clock import day_text, paris_today
from school101.core.errors import Conflict, Forbidden, ValidationFailed
from school101.extensions import db
from school101.models import Application, Campaign, Profile, User
from school101.models.user import GENDERS, HEARD_FROM, SITUATIONS
from school101.services.admissions.campaigns import current_campaign
from school101.services.admissions.exceptions import has_exception
from school101.services.identity.consent import needs_consent
from school101.services.identity.validation import (
    age_on,
    birth_date_error,
    name_error,
    postcode_error,
)

MOTIVATION_MAX = 3000


PROFILE_FIELDS = (
    "first_name",
    "last_name",
    "birth_date",
    "city",
    "postcode",
    "situation",
    "heard_from",
    "gender",
)


def validate_profile(data: dict) -> dict:
    """Per-field messages for profile data; empty when valid."""
    errors = {}
    for field, label in (("first_name", _l("First name")), ("last_name", _l("Last name"))):
        if msg := name_error(data.get(field), label):
            errors[field] = msg
    if msg := birth_date_error(data.get("birth_date"), paris_today()):
        errors["birth_date"] = msg
    city = (data.get("city") or "").strip()
    if not city:
        errors["city"] = _l("City is required.")
    elif len(city) > 100:
        errors["city"] = _l("City is too long.")
    if msg := postcode_error(data.get("postcode")):
        errors["postcode"] = msg
    if data.get("situation") not in SITUATIONS:
        errors["situation"] = _l("Choose your current situation.")
    if data.get("heard_from") not in HEARD_FROM:
        errors["heard_from"] = _l("Tell us how you heard of the school.")
    if data.get("gender", "undisclosed") not in GENDERS:
        errors["gender"] = _l("Choose an option from the list.")
    return errors


def update_profile(user: User, data: dict) -> Profile:
    """Save the profile after validation (names and birth date live on the user)."""
    errors = validate_profile(data)
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    profile = user.profile or Profile(user_id=user.id)
    if user.profile is None:
        db.session.add(profile)
        user.profile = profile
    user.first_name = data["first_name"].strip()
    user.last_name = data["last_name"].strip()
    user.birth_date = data["birth_date"]
    profile.city = data["city"].strip()
    profile.postcode = data["postcode"].strip().upper()
    profile.situation = data["situation"]
    profile.heard_from = data["heard_from"]
    profile.gender = data.get("gender") or "undisclosed"
    audit.record("profile.updated", actor=user, target=user)
    return profile


def application_of(user: User, campaign: Campaign | None = None) -> Application | None:
    """The user's application to `campaign` (default: the latest one)."""
    query = db.select(Application).where(Application.user_id == user.id)
    if campaign is not None:
        query = query.where(Application.campaign_id == campaign.id)
    return db.session.scalars(query.order_by(Application.id.desc())).first()


def eligibility_problem(user: User, campaign: Campaign):
    """Why the person may not apply to the campaign (age rules), or None."""
    if user.birth_date is None:
        return _l("Your birth date is needed to check eligibility: complete your profile.")
    age = age_on(user.birth_date, campaign.age_reference_date)
    if campaign.age_min <= age <= campaign.age_max or has_exception(user, campaign):
        return None
    return _l(
        "This campaign is open to people aged %(min)d to %(max)d on %(date)s; "
        "you will be %(age)d on that date.",
        min=campaign.age_min,
        max=campaign.age_max,
        date=day_text(campaign.age_reference_date),
        age=age,
    )


def validate_motivation(motivation) -> str:
    """The cleaned motivation text, or ValidationFailed."""
    if not isinstance(motivation, str) or not motivation.strip():
        raise ValidationFailed(
            _l("Some fields are not valid."),
            fields={"motivation": _l("Tell us in a few words why you apply.")},
        )
    text = motivation.strip()
    if len(text) > MOTIVATION_MAX:
        raise ValidationFailed(
            _l("Some fields are not valid."),
            fields={"motivation": _l("%(n)d characters at most.", n=MOTIVATION_MAX)},
        )
    return text


def apply(user: User, motivation, *, now: datetime | None = None) -> Application:
    """Apply to the open campaign; checks confirmation, consent, duplicates and eligibility."""
    if not user.has_role("candidate"):
        raise Forbidden(_l("Only candidates can apply."))
    text = validate_motivation(motivation)
    campaign = current_campaign(now)
    if campaign is None:
        raise Conflict(_l("No campaign is open at the moment."), code="no_open_campaign")
    if current_app.config.get("REQUIRE_EMAIL_CONFIRMATION") and user.email_confirmed_at is None:
        raise Forbidden(
            _l("Please confirm your e-mail address before applying: follow the link we sent you."),
            code="email_not_confirmed",
        )
    if needs_consent(user):
        raise Forbidden(
            _l("Please agree to the data-processing notice before applying."),
            code="consent_required",
        )
    if application_of(user, campaign) is not None:
        raise Conflict(_l("You have already applied to this campaign."), code="already_applied")
    problem = eligibility_problem(user, campaign)
    if problem is not None:
        raise ValidationFailed(problem, code="not_eligible", fields={"birth_date": problem})
    application = Application(user_id=user.id, campaign_id=campaign.id, motivation=text)
    db.session.add(application)
    try:
        db.session.flush()
    except IntegrityError:  # a parallel request won the race
        db.session.rollback()
        raise Conflict(
            _l("You have already applied to this campaign."), code="already_applied"
        ) from None
    audit.record("application.created", actor=user, target=application)
    return application


def application_to_json(application: Application | None) -> dict | None:
    """An application as the API shows it to its owner."""
    if application is None:
        return None
    return {
        "id": application.id,
        "status": application.status,
        "campaign_id": application.campaign_id,
        "created_at": application.created_at.isoformat(),
        "motivation": application.motivation,
        "games": {
            "memory_score": application.memory_score,
            "logic_score": application.logic_score,
            "completed_at": application.games_completed_at.isoformat()
            if application.games_completed_at
            else None,
        },
    }


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    state: str  # done | current | todo | no
    at: datetime | None = None


def timeline(user: User) -> list[Step]:
    """The candidate's path: registered -> applied -> games done -> invited / not selected."""
    application = application_of(user)
    steps = [Step("registered", _l("Registered"), "done", user.created_at)]
    if application is None:
        steps.append(Step("applied", _l("Applied"), "current"))
        steps += [
            Step("games_done", _l("Selection games"), "todo"),
            Step("decision", _l("Invited / not selected"), "todo"),
        ]
        return steps
    steps.append(Step("applied", _l("Applied"), "done", application.created_at))
    games_done = application.games_completed_at is not None
    steps.append(
        Step(
            "games_done",
            _l("Selection games"),
            "done" if games_done else "current",
            application.games_completed_at,
        )
    )
    if application.status == "invited":
        steps.append(Step("decision", _l("Invited to the piscine"), "done", application.updated_at))
    elif application.status == "not_selected":
        steps.append(Step("decision", _l("Not selected"), "no", application.updated_at))
    else:
        steps.append(
            Step("decision", _l("Invited / not selected"), "current" if games_done else "todo")
        )
    return steps
