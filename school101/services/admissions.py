"""Admissions: campaigns, eligibility, profiles, applying, the candidate's timeline."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Application, Campaign, EligibilityException, Profile, User
from ..models._base import paris_today, utcnow
from ..models.user import GENDERS, HEARD_FROM, SITUATIONS
from . import audit
from .consent import needs_consent
from .errors import Conflict, Forbidden, NotFound, ValidationFailed
from .validation import age_on, birth_date_error, name_error, postcode_error

MOTIVATION_MAX = 3000

# ---------------------------------------------------------------- campaigns

CAMPAIGN_FIELDS = ("name", "opens_at", "closes_at", "age_min", "age_max", "age_reference_date",
                   "memory_attempts", "logic_attempts", "memory_levels", "logic_levels",
                   "invitations_planned")
_INT_BOUNDS = {
    "age_min": (14, 99), "age_max": (14, 120), "memory_attempts": (1, 10),
    "logic_attempts": (1, 10), "memory_levels": (3, 30), "logic_levels": (3, 20),
    "invitations_planned": (0, 100000),
}


def current_campaign(now: datetime | None = None) -> Campaign | None:
    """The campaign open now, if any."""
    now = now or utcnow()
    return db.session.scalars(
        db.select(Campaign).where(Campaign.opens_at <= now, Campaign.closes_at > now)
        .order_by(Campaign.opens_at.desc())
    ).first()


def validate_campaign(data: dict, *, exclude_id: int | None = None) -> dict:
    """Per-field messages for campaign settings; empty when they are consistent."""
    errors = {}
    name = (data.get("name") or "").strip()
    if not name:
        errors["name"] = _l("Name is required.")
    elif len(name) > 120:
        errors["name"] = _l("Name is too long (120 characters at most).")
    for field, (low, high) in _INT_BOUNDS.items():
        value = data.get(field)
        if not isinstance(value, int) or isinstance(value, bool):
            errors[field] = _l("A whole number is required.")
        elif not low <= value <= high:
            errors[field] = _l("Must be between %(low)d and %(high)d.", low=low, high=high)
    if "age_min" not in errors and "age_max" not in errors and data["age_min"] > data["age_max"]:
        errors["age_max"] = _l("The maximum age must not be below the minimum age.")
    opens, closes = data.get("opens_at"), data.get("closes_at")
    if not isinstance(opens, datetime) or opens.tzinfo is None:
        errors["opens_at"] = _l("Opening date and time are required.")
    if not isinstance(closes, datetime) or closes.tzinfo is None:
        errors["closes_at"] = _l("Closing date and time are required.")
    if "opens_at" not in errors and "closes_at" not in errors:
        if closes <= opens:
            errors["closes_at"] = _l("The campaign must close after it opens.")
        else:
            overlap = db.select(Campaign.id).where(Campaign.opens_at < closes, Campaign.closes_at > opens)
            if exclude_id is not None:
                overlap = overlap.where(Campaign.id != exclude_id)
            if db.session.scalar(overlap) is not None:
                errors["opens_at"] = _l("Another campaign is open during these dates.")
    if not isinstance(data.get("age_reference_date"), date):
        errors["age_reference_date"] = _l("The date on which age is checked is required.")
    return errors


def create_campaign(data: dict, *, actor) -> Campaign:
    """Create a campaign after validation; audited."""
    errors = validate_campaign(data)
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    campaign = Campaign(**{k: data[k] for k in CAMPAIGN_FIELDS})
    campaign.name = campaign.name.strip()
    db.session.add(campaign)
    db.session.flush()
    audit.record("campaign.created", actor=actor, target=campaign, after=_campaign_dict(campaign))
    return campaign


def update_campaign(campaign: Campaign, data: dict, *, actor) -> Campaign:
    """Change a campaign's settings after validation; audited with before/after."""
    merged = {k: data.get(k, getattr(campaign, k)) for k in CAMPAIGN_FIELDS}
    errors = validate_campaign(merged, exclude_id=campaign.id)
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    before = _campaign_dict(campaign)
    for key, value in merged.items():
        setattr(campaign, key, value.strip() if key == "name" else value)
    after = _campaign_dict(campaign)
    if before != after:
        audit.record("campaign.updated", actor=actor, target=campaign, before=before, after=after)
    return campaign


def _campaign_dict(campaign: Campaign) -> dict:
    return {k: getattr(campaign, k) for k in CAMPAIGN_FIELDS}


def campaign_to_json(campaign: Campaign) -> dict:
    """Public description of a campaign (API)."""
    return {
        "id": campaign.id, "name": campaign.name,
        "opens_at": campaign.opens_at.isoformat(), "closes_at": campaign.closes_at.isoformat(),
        "eligibility": {"age_min": campaign.age_min, "age_max": campaign.age_max,
                        "age_reference_date": campaign.age_reference_date.isoformat()},
        "games": {"memory": {"attempts": campaign.memory_attempts, "levels": campaign.memory_levels},
                  "logic": {"attempts": campaign.logic_attempts, "levels": campaign.logic_levels}},
        "invitations_planned": campaign.invitations_planned,
    }


# ---------------------------------------------------------------- profiles

PROFILE_FIELDS = ("first_name", "last_name", "birth_date", "city", "postcode", "situation",
                  "heard_from", "gender")


def validate_profile(data: dict) -> dict:
    """Per-field messages for profile data; empty when valid."""
    errors = {}
    for field, label in (("first_name", _l("First name")), ("last_name", _l("Last name"))):
        if (msg := name_error(data.get(field), label)):
            errors[field] = msg
    if (msg := birth_date_error(data.get("birth_date"), paris_today())):
        errors["birth_date"] = msg
    city = (data.get("city") or "").strip()
    if not city:
        errors["city"] = _l("City is required.")
    elif len(city) > 100:
        errors["city"] = _l("City is too long.")
    if (msg := postcode_error(data.get("postcode"))):
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


# ---------------------------------------------------------------- applying


def application_of(user: User, campaign: Campaign | None = None) -> Application | None:
    """The user's application to `campaign` (default: the latest one)."""
    query = db.select(Application).where(Application.user_id == user.id)
    if campaign is not None:
        query = query.where(Application.campaign_id == campaign.id)
    return db.session.scalars(query.order_by(Application.id.desc())).first()


def has_exception(user: User, campaign: Campaign) -> bool:
    """True when staff granted this person an eligibility exception for the campaign."""
    return db.session.scalar(
        db.select(EligibilityException.id).where(
            EligibilityException.user_id == user.id, EligibilityException.campaign_id == campaign.id)
    ) is not None


def eligibility_problem(user: User, campaign: Campaign):
    """Why the person may not apply to the campaign (age rules), or None."""
    if user.birth_date is None:
        return _l("Your birth date is needed to check eligibility: complete your profile.")
    age = age_on(user.birth_date, campaign.age_reference_date)
    if campaign.age_min <= age <= campaign.age_max or has_exception(user, campaign):
        return None
    return _l("This campaign is open to people aged %(min)d to %(max)d on %(date)s; "
              "you will be %(age)d on that date.", min=campaign.age_min, max=campaign.age_max,
              date=campaign.age_reference_date.isoformat(), age=age)


def validate_motivation(motivation) -> str:
    """The cleaned motivation text, or ValidationFailed."""
    if not isinstance(motivation, str) or not motivation.strip():
        raise ValidationFailed(_l("Some fields are not valid."),
                               fields={"motivation": _l("Tell us in a few words why you apply.")})
    text = motivation.strip()
    if len(text) > MOTIVATION_MAX:
        raise ValidationFailed(_l("Some fields are not valid."),
                               fields={"motivation": _l("%(n)d characters at most.", n=MOTIVATION_MAX)})
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
        raise Forbidden(_l("Please confirm your e-mail address before applying: "
                           "follow the link we sent you."), code="email_not_confirmed")
    if needs_consent(user):
        raise Forbidden(_l("Please agree to the data-processing notice before applying."),
                        code="consent_required")
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
        raise Conflict(_l("You have already applied to this campaign."), code="already_applied")
    audit.record("application.created", actor=user, target=application)
    return application


def application_to_json(application: Application | None) -> dict | None:
    """An application as the API shows it to its owner."""
    if application is None:
        return None
    return {
        "id": application.id, "status": application.status, "campaign_id": application.campaign_id,
        "created_at": application.created_at.isoformat(), "motivation": application.motivation,
        "games": {"memory_score": application.memory_score, "logic_score": application.logic_score,
                  "completed_at": application.games_completed_at.isoformat()
                  if application.games_completed_at else None},
    }


# ---------------------------------------------------------------- timeline


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
        steps += [Step("games_done", _l("Selection games"), "todo"),
                  Step("decision", _l("Invited / not selected"), "todo")]
        return steps
    steps.append(Step("applied", _l("Applied"), "done", application.created_at))
    games_done = application.games_completed_at is not None
    steps.append(Step("games_done", _l("Selection games"), "done" if games_done else "current",
                      application.games_completed_at))
    if application.status == "invited":
        steps.append(Step("decision", _l("Invited to the piscine"), "done", application.updated_at))
    elif application.status == "not_selected":
        steps.append(Step("decision", _l("Not selected"), "no", application.updated_at))
    else:
        steps.append(Step("decision", _l("Invited / not selected"), "current" if games_done else "todo"))
    return steps


def grant_exception(user: User, campaign: Campaign, reason: str, *, actor) -> EligibilityException:
    """Let a person outside the age rules apply; the reason is mandatory and audited."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_l("A reason is required."), fields={"reason": _l("A reason is required.")})
    if has_exception(user, campaign):
        raise Conflict(_l("An exception already exists for this person and campaign."))
    row = EligibilityException(user_id=user.id, campaign_id=campaign.id, reason=reason[:2000],
                               granted_by_id=actor.id)
    db.session.add(row)
    db.session.flush()
    audit.record("eligibility.exception_granted", actor=actor, target=user, reason=reason,
                 after={"campaign_id": campaign.id})
    return row


def get_campaign(campaign_id: int) -> Campaign:
    """A campaign by id or NotFound."""
    campaign = db.session.get(Campaign, campaign_id)
    if campaign is None:
        raise NotFound(_l("No such campaign."))
    return campaign
