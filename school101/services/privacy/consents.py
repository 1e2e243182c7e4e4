"""Optional consents, each withdrawable on its own without erasing the account.

The processing needed to run the admission rests on the notice agreed to (identity.consent);
two things go beyond it and are optional:
- `keep_two_years`: keeping the data two years after the campaign, for later campaigns
  (otherwise three months; services.privacy.retention applies it);
- `directory`: a graduate's card listed in the graduates directory, where member employers
  search it and ask for contact (services.directory.students.set_opt_in).
Withdrawing one changes only it, at once, and is audited (`consent.withdrawn`).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from school101.core import audit
from school101.core.errors import Conflict, NotFound
from school101.extensions import db
from school101.models.students import GraduateProfile
from school101.services.identity import consent as consent_service

OPTIONAL = ("keep_two_years", "directory")

LABELS = {
    "keep_two_years": _l("Keep my data for two years, for later campaigns"),
    "directory": _l("List my card in the graduates directory, where employers may contact me"),
}
EFFECTS = {
    "keep_two_years": _l(
        "Your data will be deleted 3 months after the end of your last campaign, unless you are "
        "admitted, instead of 2 years."
    ),
    "directory": _l(
        "Your card is no longer shown in the graduates directory and employers can no longer "
        "ask to contact you."
    ),
}


def _directory_profile(user) -> GraduateProfile | None:
    return db.session.scalars(
        db.select(GraduateProfile).where(GraduateProfile.user_id == user.id)
    ).first()


def optional_consents(user) -> list[dict]:
    """Each optional consent with whether it is given now, since when, and what withdrawing
    it does (JSON-ready; `label`/`effect` are lazy strings, str() them for JSON)."""
    current = consent_service.current_consent(user)
    profile = _directory_profile(user)
    given = {
        "keep_two_years": (
            bool(current and current.keep_two_years),
            current.given_at if current and current.keep_two_years else None,
        ),
        "directory": (
            bool(profile and profile.opted_in),
            profile.opted_in_at if profile and profile.opted_in else None,
        ),
    }
    return [
        {
            "name": name,
            "given": given[name][0],
            "since": given[name][1],
            "label": LABELS[name],
            "effect": EFFECTS[name],
        }
        for name in OPTIONAL
    ]


def withdraw(user, name: str) -> dict:
    """Withdraw the optional consent `name` (the caller commits); returns its new state.
    An unknown name is NotFound; one not given is a Conflict; either way nothing changes."""
    if name not in OPTIONAL:
        raise NotFound(_l("No such optional consent."))
    if name == "keep_two_years":
        consent_service.withdraw_keep_two_years(user)
    else:
        profile = _directory_profile(user)
        if profile is None or not profile.opted_in:
            raise Conflict(
                _l("Your card is not listed in the graduates directory."), code="not_given"
            )
        from school101.services.directory.students import set_opt_in

        set_opt_in(user, False)
        audit.record(
            "consent.withdrawn",
            actor=user,
            target=user,
            before={"directory": True},
            after={"consent": "directory", "directory": False},
        )
    db.session.flush()
    return next(c for c in optional_consents(user) if c["name"] == name)
