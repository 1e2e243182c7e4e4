"""Demo data: an open campaign and a few hundred realistic candidates at every stage.

Deterministic for a given seed and idempotent: running it twice adds nothing.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from school101.extensions import db
from school101.models import Application, Campaign, Consent, GameSession, Profile, User, UserRole
from school101.services.games.sessions import logic_score
from school101.services.identity.consent import CONSENT_VERSION, keep_notice, render_notice
from school101.services.identity.security import hash_password

DEMO_PASSWORD = "demo-password-101"
DEMO_DOMAIN = "demo.101.example"
LOGINS = (
    ("admin@101.example", ("admin", "staff"), "Alix", "Admin"),
    ("staff@101.example", ("staff",), "Sacha", "Staff"),
    ("candidate@101.example", ("candidate",), "Camille", "Candidat"),
)

FIRST = [
    "Léa",
    "Hugo",
    "Chloé",
    "Lucas",
    "Manon",
    "Nathan",
    "Inès",
    "Enzo",
    "Sarah",
    "Louis",
    "Camille",
    "Yanis",
    "Jade",
    "Théo",
    "Lina",
    "Adam",
    "Emma",
    "Mohamed",
    "Zoé",
    "Rayan",
    "Clara",
    "Karim",
    "Anaïs",
    "Mehdi",
    "Julie",
    "Samuel",
    "Aïcha",
    "Maxime",
    "Laura",
    "Bilal",
]
LAST = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "Benali",
    "Nguyen",
    "Fontaine",
]
PLACES = [
    ("Lyon", "69003"),
    ("Lyon", "69007"),
    ("Villeurbanne", "69100"),
    ("Vénissieux", "69200"),
    ("Saint-Étienne", "42000"),
    ("Grenoble", "38000"),
    ("Vienne", "38200"),
    ("Bourg-en-Bresse", "01000"),
    ("Annecy", "74000"),
    ("Valence", "26000"),
    ("Clermont-Ferrand", "63000"),
    ("Chambéry", "73000"),
    ("Roanne", "42300"),
    ("Vaulx-en-Velin", "69120"),
    ("Bron", "69500"),
    ("Paris", "75011"),
]
SITUATIONS = (
    ["job_seeker"] * 4
    + ["employed"] * 3
    + ["student"] * 2
    + ["retraining"] * 3
    + ["self_employed", "other"]
)
HEARD = [
    "press",
    "social_media",
    "social_media",
    "friend",
    "job_centre",
    "school",
    "event",
    "search_engine",
    "other",
]
GENDERS = ["female", "male", "male", "female", "non_binary", "undisclosed"]


def _user(email, roles, first, last, password_hash, **fields) -> User:
    user = User(
        email=email,
        password_hash=password_hash,
        first_name=first,
        last_name=last,
        email_confirmed_at=fields.pop("confirmed_at", datetime.now(UTC)),
        **fields,
    )
    for role in roles:
        user.role_rows.append(UserRole(role=role))
    db.session.add(user)
    return user


def seed_demo(candidates: int = 300, seed: int = 101):
    """Create the demo data; yields lines to print."""
    from school101.cli.demo_directory import seed_directory

    if db.session.scalar(db.select(User.id).where(User.email == LOGINS[0][0])) is not None:
        yield "demo data already present: nothing to do"
        yield from seed_directory(random.Random(seed))
        yield from _logins()
        yield from _first_minutes(reseat=True)
        return
    rng = random.Random(seed)
    now = datetime.now(UTC)
    notice_sha256 = keep_notice(render_notice("fr")).sha256  # demo people read it in French
    password_hash = hash_password(DEMO_PASSWORD)
    campaign = Campaign(
        name=f"Campagne {now.year}",
        opens_at=now - timedelta(days=20),
        closes_at=now + timedelta(days=25),
        age_min=18,
        age_max=30,
        age_reference_date=(now + timedelta(days=25)).date(),
        invitations_planned=400,
    )
    past = Campaign(
        name=f"Campagne {now.year - 1}",
        opens_at=now - timedelta(days=385),
        closes_at=now - timedelta(days=330),
        age_min=18,
        age_max=30,
        age_reference_date=(now - timedelta(days=330)).date(),
        invitations_planned=400,
    )
    db.session.add_all([campaign, past])
    for email, roles, first, last in LOGINS:
        user = _user(email, roles, first, last, password_hash, birth_date=date(1999, 3, 14))
        if "candidate" in roles:
            db.session.flush()
            db.session.add(
                Profile(
                    user_id=user.id,
                    city="Lyon",
                    postcode="69002",
                    situation="retraining",
                    heard_from="press",
                )
            )
            db.session.add(
                Consent(user_id=user.id, text_version=CONSENT_VERSION, text_sha256=notice_sha256)
            )
    db.session.flush()
    stages = _stages(candidates, rng)
    finished = []
    for i in range(candidates):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        city, postcode = rng.choice(PLACES)
        age = rng.choice([18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31])
        birth = campaign.age_reference_date - timedelta(days=365 * age + rng.randint(0, 360))
        registered = now - timedelta(days=rng.randint(0, 19), minutes=rng.randint(0, 1440))
        stage = stages[i]
        user = _user(
            f"{_ascii(first)}.{_ascii(last)}.{i}@{DEMO_DOMAIN}",
            ("candidate",),
            first,
            last,
            password_hash,
            birth_date=birth,
            created_at=registered,
            confirmed_at=registered + timedelta(minutes=5) if stage != "registered" else None,
        )
        db.session.flush()
        db.session.add(
            Profile(
                user_id=user.id,
                city=city,
                postcode=postcode,
                situation=rng.choice(SITUATIONS),
                heard_from=rng.choice(HEARD),
                gender=rng.choice(GENDERS),
            )
        )
        if stage == "registered":
            continue
        db.session.add(
            Consent(
                user_id=user.id,
                text_version=CONSENT_VERSION,
                text_sha256=notice_sha256,
                keep_two_years=rng.random() < 0.4,
                given_at=registered,
            )
        )
        if stage == "consented":
            continue
        application = Application(
            user_id=user.id,
            campaign_id=campaign.id,
            motivation=rng.choice(MOTIVATIONS),
            created_at=registered + timedelta(hours=1),
        )
        db.session.add(application)
        db.session.flush()
        if stage == "applied":
            continue
        _play(application, rng, registered, full=stage == "games_done")
        if stage == "games_done":
            finished.append(user)
    demo_candidate = db.session.scalar(db.select(User).where(User.email == LOGINS[2][0]))
    yield from _seed_piscines(rng, campaign, finished, demo_candidate)
    yield from _seed_exam_room()
    db.session.commit()
    yield from seed_directory(rng)
    yield f"created campaign '{campaign.name}' (open) and '{past.name}' (closed)"
    yield f"created {candidates} demo candidates: " + ", ".join(
        f"{s}={stages.count(s)}"
        for s in ("registered", "consented", "applied", "playing", "games_done")
    )
    yield from _logins()
    yield from _first_minutes(reseat=False)


def _first_minutes(*, reseat: bool):
    """The demo candidate's git token and how to turn in c00/ex00 today; on a demo seeded
    another day (`reseat`), a seat in a new piscine when their c00 is no longer open."""
    from flask import current_app

    from school101.cli.demo_today import current_turn_in, ensure_git_token, keep_today_open

    candidate = db.session.scalar(db.select(User).where(User.email == LOGINS[2][0]))
    staff = db.session.scalar(db.select(User).where(User.email == LOGINS[1][0]))
    if candidate is None or staff is None:
        return
    if not ensure_git_token(candidate, DEMO_PASSWORD):
        return  # the candidate's password was changed: no longer a demo account
    if reseat and (moved := keep_today_open(candidate, staff=staff)) is not None:
        yield f"seated {candidate.email} in '{moved.name}' (its c00 is open today)"
    db.session.commit()
    yield from current_turn_in(current_app.config["PUBLIC_URL"], candidate.email)


def _seed_piscines(
    rng: random.Random, campaign: Campaign, finished: list[User], demo_candidate: User
):
    """A piscine under way (results of its closed days, a waitlist), one starting today with
    the demo candidate seated (graded at once: c00 is open) and a later one to book."""
    import json

    from school101.cli.demo_today import demo_piscine_name, seat_in_todays_piscine
    from school101.core.clock import paris_today
    from school101.models import Booking, DayGrading, Invitation
    from school101.services.grading.results import day_weights
    from school101.services.piscine.sessions import create_piscine

    staff = db.session.scalar(db.select(User).where(User.email == LOGINS[1][0]))
    today = paris_today()
    running = create_piscine(
        {
            "name": demo_piscine_name(today - timedelta(days=9)),
            "starts_on": today - timedelta(days=9),
            "ends_on": today + timedelta(days=18),
            "capacity": 50,
            "feedback": "after_deadline",
            "campaign_id": campaign.id,
        },
        actor=staff,
    )
    todays = seat_in_todays_piscine(demo_candidate, staff=staff, campaign_id=campaign.id)
    upcoming = create_piscine(  # after today's piscine: one seat at a time, one piscine at a time
        {
            "name": demo_piscine_name(today + timedelta(days=35)),
            "starts_on": today + timedelta(days=35),
            "ends_on": today + timedelta(days=62),
            "capacity": 200,
            "feedback": "immediate",
            "campaign_id": campaign.id,
        },
        actor=staff,
    )
    invited = finished[:60]
    for index, user in enumerate(invited):
        db.session.add(Invitation(piscine_id=running.id, user_id=user.id, invited_by_id=staff.id))
        seated = index < running.capacity
        db.session.add(
            Booking(
                piscine_id=running.id,
                user_id=user.id,
                status="booked" if seated else "waitlisted",
                booked_at=datetime.now(UTC) - timedelta(days=15) if seated else None,
                waitlisted_at=None
                if seated
                else datetime.now(UTC) - timedelta(days=14, minutes=-index),
            )
        )
    running.seats_taken = min(len(invited), running.capacity)
    now = datetime.now(UTC)
    for day in running.days:
        if day.closes_at > now:
            continue
        day.graded_at = day.closes_at
        weights = day_weights(day.day_id)
        for user in invited[: running.capacity]:
            reached = min(
                len(weights), max(0, int(rng.gauss(len(weights) * 0.6, len(weights) * 0.3)))
            )
            exercises = [
                {
                    "exercise": f"{day.day_id}/{name}",
                    "status": "ok" if i < reached else "wrong_output",
                    "passed": i < reached,
                    "trace": "",
                    "tests": [],
                }
                for i, (name, _w) in enumerate(weights[: reached + 1])
            ]
            score = sum(w for _n, w in weights[:reached])
            db.session.add(
                DayGrading(
                    piscine_id=running.id,
                    user_id=user.id,
                    day_id=day.day_id,
                    status="graded",
                    score=score,
                    max_score=sum(w for _n, w in weights),
                    verdict=json.dumps(
                        {
                            "day": day.day_id,
                            "score": score,
                            "exercises": exercises,
                            "stopped_at": exercises[-1]["exercise"]
                            if reached < len(weights)
                            else None,
                        }
                    ),
                    queued_at=day.closes_at,
                    started_at=day.closes_at,
                    finished_at=day.closes_at,
                )
            )
    for user in [demo_candidate] + finished[60:90]:
        db.session.add(Invitation(piscine_id=upcoming.id, user_id=user.id, invited_by_id=staff.id))
    yield (
        f"created piscines '{running.name}' (under way: {running.seats_taken} seats, "
        f"{max(0, len(invited) - running.capacity)} waitlisted), '{todays.name}' (c00 open "
        f"today, {demo_candidate.email} seated) and '{upcoming.name}' (to book; "
        f"{demo_candidate.email} is invited too)"
    )


def _seed_exam_room():
    """A room on this machine's addresses: staff open an exam in it (/exams/staff/rooms), the
    demo candidate types the code shown on its screen."""
    from school101.models import ExamRoom

    db.session.add(ExamRoom(name="Salle Turing", networks="127.0.0.0/8\n::1/128"))
    yield "created exam room 'Salle Turing' (127.0.0.0/8, ::1/128): open an exam in it to start"


def _stages(n: int, rng: random.Random) -> list[str]:
    weights = [
        ("registered", 0.08),
        ("consented", 0.07),
        ("applied", 0.15),
        ("playing", 0.15),
        ("games_done", 0.55),
    ]
    return [rng.choices([w[0] for w in weights], [w[1] for w in weights])[0] for _ in range(n)]


def _play(application: Application, rng: random.Random, start: datetime, full: bool) -> None:
    """Finished game sessions with plausible scores (the memory game, then the logic game)."""
    games = ("memory", "logic") if full else ("memory",)
    for game in games:
        levels = rng.choices(range(13), weights=[1, 2, 3, 5, 8, 10, 12, 12, 10, 8, 5, 3, 2])[0]
        if game == "logic":
            levels = min(10, max(0, int(rng.gauss(5, 2.2))))
        instructions = levels * rng.randint(5, 9)
        time_ms = levels * rng.randint(40_000, 160_000)
        started = start + timedelta(hours=2, minutes=rng.randint(0, 3000))
        db.session.add(
            GameSession(
                application_id=application.id,
                game=game,
                attempt_no=1,
                seed=f"demo-{application.id}-{game}",
                status="finished",
                current_level=levels + 1,
                levels_solved=levels,
                total_instructions=instructions if game == "logic" else 0,
                total_time_ms=time_ms,
                score=levels if game == "memory" else logic_score(levels, instructions, time_ms),
                started_at=started,
                finished_at=started + timedelta(milliseconds=time_ms),
            )
        )
        if game == "memory":
            application.memory_score = levels
        else:
            application.logic_score = levels
            application.logic_instructions = instructions
            application.logic_time_ms = time_ms
            application.games_completed_at = started + timedelta(milliseconds=time_ms)
            application.status = "games_done"


def _ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _logins():
    yield f"demo logins, DEMO ONLY, on this machine (password: {DEMO_PASSWORD}):"
    for email, roles, _, _ in LOGINS:
        yield f"  {'/'.join(roles):<12} {email}"


MOTIVATIONS = [
    "Après dix ans dans la logistique, je veux enfin apprendre à coder.",
    "J'ai toujours aimé résoudre des énigmes ; le code me semble la suite logique.",
    "Je suis en reconversion et la pédagogie par projets me correspond.",
    "Autodidacte depuis deux ans, je cherche un cadre exigeant et gratuit.",
    "Je veux travailler dans le numérique à Lyon et apprendre avec d'autres.",
    "Le diplôme m'a toujours bloqué ; ici seules la motivation et la logique comptent.",
]
