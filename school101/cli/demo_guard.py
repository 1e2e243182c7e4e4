"""The demo accounts share one published password (demo-password-101): fine on this machine,
an open door anywhere else. `seed-demo` and `make run` (scripts/run.sh, `flask demo-check`)
refuse to go on when PUBLIC_URL names another host than 127.0.0.1, localhost or ::1 and a demo
account still has that password, or the published demo git token (cli/demo_today.py) still works."""

from __future__ import annotations

from sqlalchemy import or_, select

from school101.cli.demo import DEMO_DOMAIN, DEMO_PASSWORD, LOGINS
from school101.cli.demo_directory import EMPLOYER_EMAIL, GRADUATE_DOMAIN
from school101.cli.demo_today import DEMO_GIT_TOKEN, demo_git_token_works
from school101.config import is_loopback_url
from school101.extensions import db
from school101.models import User
from school101.services.identity.security import verify_password

DEMO_LOGINS = tuple(email for email, *_ in LOGINS) + (EMPLOYER_EMAIL,)


def _demo_accounts():
    return or_(
        User.email.in_(DEMO_LOGINS),
        User.email.like(f"%@{DEMO_DOMAIN}"),
        User.email.like(f"%@{GRADUATE_DOMAIN}"),
    )


def demo_fully_seeded() -> bool:
    """True when both parts of the demo (the logins and the directory's organisation) are
    there, so seeding again creates no account."""
    from school101.cli.demo_directory import ORG_SIRET
    from school101.models.organisations import Organisation

    logins = db.session.scalar(select(User.id).where(User.email == DEMO_LOGINS[0]).limit(1))
    org = db.session.scalar(select(Organisation.id).where(Organisation.siret == ORG_SIRET).limit(1))
    return logins is not None and org is not None


def accounts_with_demo_password() -> list[str]:
    """E-mails of the demo accounts whose password is still the published demo password.

    The seed hashes the password once and gives every demo account that hash, so each distinct
    hash is checked once (a changed password has its own hash)."""
    rows = db.session.execute(
        select(User.email, User.password_hash).where(
            _demo_accounts(), User.password_hash.is_not(None)
        )
    ).all()
    verdicts: dict[str, bool] = {}
    weak = []
    for email, password_hash in rows:
        if password_hash not in verdicts:
            verdicts[password_hash] = verify_password(password_hash, DEMO_PASSWORD)
        if verdicts[password_hash]:
            weak.append(email)
    return sorted(weak)


def refusal(public_url: str, *, seeding: bool) -> str | None:
    """Why the demo must not run at `public_url` (None when it may): a non-loopback host with
    demo accounts that still have the demo password, or about to be created with it."""
    if is_loopback_url(public_url):
        return None
    if seeding and not demo_fully_seeded():
        return (
            f"refused: PUBLIC_URL ({public_url}) is not this machine (127.0.0.1, localhost, ::1) "
            f"and the demo accounts would be created with the public password {DEMO_PASSWORD!r}. "
            "Seed the demo on a loopback PUBLIC_URL only; a public server gets real accounts "
            "(flask users create)."
        )
    weak = accounts_with_demo_password()
    if demo_git_token_works():
        weak.append(f"the published demo git token ({DEMO_GIT_TOKEN[:12]}…)")
    if not weak:
        return None
    shown = ", ".join(weak[:5]) + (f" and {len(weak) - 5} more" if len(weak) > 5 else "")
    return (
        f"refused: PUBLIC_URL ({public_url}) is not this machine (127.0.0.1, localhost, ::1) "
        f"and {len(weak)} demo account(s) still have the public demo password: {shown}. "
        "Change their passwords or remove them (or serve on 127.0.0.1) before going on."
    )
