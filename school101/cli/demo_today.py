"""The demo's first minutes: a piscine whose first day (c00) is open today with the demo
candidate seated, a published git token for that candidate, and the exact commands that turn
in c00/ex00 by upload or by `git push`.

The token is published like the demo password (DEMO_PASSWORD): both are refused beyond this
machine by `flask demo-check` and `seed-demo` (cli/demo_guard.py). It is (re)issued only while
the demo candidate still has the demo password, so a changed password ends it for good.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from babel.dates import format_date

from school101.core.clock import paris_today
from school101.extensions import db
from school101.models import ApiToken, Booking, Invitation, Piscine, PiscineDay, User
from school101.services.identity.security import TOKEN_PREFIX, hash_token, verify_password

DEMO_GIT_TOKEN = TOKEN_PREFIX + "demo-git-token-for-this-machine-only"
DEMO_GIT_TOKEN_HASH = hash_token(DEMO_GIT_TOKEN)
DEMO_GIT_TOKEN_NAME = "demo git (published, this machine only)"
CLONE_DIR = "/tmp/school101-c00"
#: the default calendar's first day and its first exercise
FIRST_DAY, FIRST_EXERCISE = "c00", "ex00"


def demo_piscine_name(starts_on: date) -> str:
    """A demo piscine's name, after its first day ("Piscine du 5 décembre (démo)"), so the
    names stay true whenever the demo is seeded."""
    return f"Piscine du {format_date(starts_on, 'd MMMM', locale='fr')} (démo)"


def seat_in_todays_piscine(candidate: User, *, staff: User, campaign_id: int | None) -> Piscine:
    """A new `immediate` piscine starting today (Paris) with `candidate` invited and booked
    through the booking service (an audited, race-free seat). The caller commits."""
    from school101.services.piscine.booking import book
    from school101.services.piscine.sessions import create_piscine

    today = paris_today()
    piscine = create_piscine(
        {
            "name": demo_piscine_name(today),
            "starts_on": today,
            "ends_on": today + timedelta(days=27),
            "capacity": 30,
            "feedback": "immediate",
            "campaign_id": campaign_id,
        },
        actor=staff,
    )
    db.session.add(Invitation(piscine_id=piscine.id, user_id=candidate.id, invited_by_id=staff.id))
    db.session.flush()
    book(candidate, piscine.id)
    return piscine


def open_first_day(candidate: User, now: datetime | None = None) -> PiscineDay | None:
    """The candidate's seated day c00 open at `now`, if any."""
    now = now or datetime.now(UTC)
    return db.session.scalars(
        db.select(PiscineDay)
        .join(Booking, Booking.piscine_id == PiscineDay.piscine_id)
        .where(
            Booking.user_id == candidate.id,
            Booking.status == "booked",
            PiscineDay.day_id == FIRST_DAY,
            PiscineDay.kind == "day",
            PiscineDay.opens_at <= now,
            PiscineDay.closes_at >= now,
        )
    ).first()


def keep_today_open(candidate: User, *, staff: User) -> Piscine | None:
    """On a demo seeded another day: when the candidate's c00 is no longer open, give up their
    seat (through the booking service, which frees it) and seat them in a new piscine starting
    today. Returns the new piscine, or None when c00 is still open or when the person booked a
    piscine that has not started yet (their choice is kept). The caller commits."""
    from school101.services.piscine.booking import cancel

    if open_first_day(candidate) is not None:
        return None
    seats = db.session.execute(
        db.select(Piscine.id, Piscine.starts_on)
        .join(Booking, Booking.piscine_id == Piscine.id)
        .where(Booking.user_id == candidate.id, Booking.status == "booked")
    ).all()
    if any(starts_on > paris_today() for _id, starts_on in seats):
        return None
    for piscine_id, _starts_on in seats:
        cancel(candidate, piscine_id, actor=staff, reason="demo: seated again in today's piscine")
    campaign_id = db.session.scalar(
        db.select(Piscine.campaign_id).order_by(Piscine.id.desc()).limit(1)
    )
    return seat_in_todays_piscine(candidate, staff=staff, campaign_id=campaign_id)


def ensure_git_token(candidate: User, demo_password: str) -> bool:
    """Make DEMO_GIT_TOKEN a working git token of the demo candidate, unless their password
    was changed (then the demo is over for them: nothing is issued). True when it works."""
    from flask import current_app

    if not candidate.password_hash or not verify_password(candidate.password_hash, demo_password):
        return False
    row = db.session.scalar(db.select(ApiToken).where(ApiToken.token_hash == DEMO_GIT_TOKEN_HASH))
    if row is None:
        row = ApiToken(token_hash=DEMO_GIT_TOKEN_HASH, prefix=DEMO_GIT_TOKEN[:12])
        db.session.add(row)
    days = int(current_app.config.get("API_TOKEN_DAYS", 90))
    row.user_id = candidate.id
    row.name = DEMO_GIT_TOKEN_NAME
    row.scopes = "git"
    row.user_version = candidate.session_version or 0
    row.revoked_at = None
    row.expires_at = datetime.now(UTC) + timedelta(days=days)
    db.session.flush()
    return True


def demo_git_token_works() -> bool:
    """True while the published demo git token opens a repository (cli/demo_guard.py)."""
    from school101.services.identity.accounts import token_state

    row = db.session.scalar(db.select(ApiToken).where(ApiToken.token_hash == DEMO_GIT_TOKEN_HASH))
    return row is not None and token_state(row) == "active"


def clone_url(public_url: str, day_id: str = FIRST_DAY) -> str:
    """The day's repository URL with the demo token as the Basic-auth password (any user name
    is accepted; docs/piscine-git.md)."""
    scheme, _sep, rest = public_url.rstrip("/").partition("://")
    return f"{scheme}://candidate:{DEMO_GIT_TOKEN}@{rest}/git/{day_id}.git"


def turn_in_lines(public_url: str, candidate_email: str, piscine: Piscine):
    """How a newcomer turns in c00/ex00 today: upload on the day's page, or the git commands
    (run from the repository's root, which holds the reference solution)."""
    base = public_url.rstrip("/")
    exercise = f"{FIRST_DAY}/{FIRST_EXERCISE}"
    yield f"turn in {exercise} today, as {candidate_email} (graded at once by the worker):"
    yield f"  upload: {base}/piscine/{piscine.id}/days/{FIRST_DAY} (log in first)"
    yield "  or git (from this folder; the demo git token works on this machine only):"
    yield f"    git clone {clone_url(base)} {CLONE_DIR}"
    yield (
        f"    mkdir -p {CLONE_DIR}/{FIRST_EXERCISE} && "
        f"cp exercises/{exercise}/reference/ft_putchar.c {CLONE_DIR}/{FIRST_EXERCISE}/"
    )
    yield (
        f"    git -C {CLONE_DIR} add {FIRST_EXERCISE} && "
        # a name and address for this commit only: a newcomer's git may have none configured
        f"git -C {CLONE_DIR} -c user.name=Candidate -c user.email={candidate_email} "
        f'commit -m "{FIRST_EXERCISE}" && '
        f"git -C {CLONE_DIR} push origin HEAD:main"
    )
    yield f"  then the verdict and its trace: {base}/piscine/{piscine.id}/days/{FIRST_DAY}"


def current_turn_in(public_url: str, candidate_email: str) -> list[str]:
    """The turn-in lines of the demo candidate while the demo git token works and their c00
    is open, else []."""
    candidate = db.session.scalar(db.select(User).where(User.email == candidate_email))
    if candidate is None or not demo_git_token_works():
        return []
    day = open_first_day(candidate)
    if day is None:  # the person moved to a later piscine: no c00 to turn in today
        return []
    return list(turn_in_lines(public_url, candidate.email, day.piscine))
