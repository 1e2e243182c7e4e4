"""Demo data for the directory: a verified organisation with an employer login, a cohort and
about twenty graduates of whom about twelve opted in. Idempotent; deterministic for an rng."""

from __future__ import annotations

import random
from datetime import timedelta

from school101.core.clock import paris_today
from school101.extensions import db
from school101.models import User, UserRole
from school101.models._base import utcnow
from school101.models.organisations import Organisation, OrganisationMember
from school101.models.students import Cohort, GraduateProfile, Student
from school101.services.identity.security import hash_password

DEMO_PASSWORD = "demo-password-101"
ORG_NAME = "Digital League démo"
ORG_SIRET = "73282932000074"  # valid Luhn key
EMPLOYER_EMAIL = "employer@101.example"
GRADUATE_DOMAIN = "graduates.101.example"
COHORT = "2025"
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
    "Yanis",
    "Jade",
    "Théo",
    "Lina",
    "Adam",
    "Emma",
    "Zoé",
    "Rayan",
    "Clara",
    "Karim",
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
    "Michel",
    "Garcia",
    "David",
    "Roux",
    "Morel",
    "Girard",
    "Benali",
    "Nguyen",
]
SKILLS = [
    "c",
    "python",
    "javascript",
    "typescript",
    "react",
    "docker",
    "linux",
    "sql",
    "git",
    "go",
    "rust",
    "java",
    "php",
    "symfony",
    "vue",
    "node",
    "bash",
    "kubernetes",
    "c++",
    "django",
]
CITIES = ["Lyon", "Villeurbanne", "Saint-Étienne", "Grenoble", "Annecy", "Vienne", "Bron"]
HEADLINES = [
    "Développement back-end, Python et C",
    "Développement full-stack",
    "Administration systèmes Linux",
    "Développement front-end, React",
    "DevOps junior",
    "Développement C, systèmes embarqués",
]


def seed_directory(rng: random.Random | None = None) -> list[str]:
    """Create the directory demo data (nothing when present); returns lines to print."""
    rng = rng or random.Random(101)
    lines = []
    org = db.session.scalars(db.select(Organisation).where(Organisation.siret == ORG_SIRET)).first()
    if org is not None:
        return ["directory demo already present: nothing to do", _login_line()]
    now = utcnow()
    password_hash = hash_password(DEMO_PASSWORD)
    org = Organisation(
        name=ORG_NAME,
        siret=ORG_SIRET,
        kind="company",
        status="member",
        contact_name="Dominique Digital",
        contact_email=EMPLOYER_EMAIL,
        contact_phone="04 72 00 00 00",
        verified_at=now,
    )
    db.session.add(org)
    employer = db.session.scalars(db.select(User).where(User.email == EMPLOYER_EMAIL)).first()
    if employer is None:
        employer = User(
            email=EMPLOYER_EMAIL,
            password_hash=password_hash,
            first_name="Dominique",
            last_name="Digital",
            email_confirmed_at=now,
        )
        employer.role_rows.append(UserRole(role="employer"))
        db.session.add(employer)
    db.session.flush()
    db.session.add(
        OrganisationMember(user_id=employer.id, organisation_id=org.id, is_org_admin=True)
    )
    cohort = db.session.scalars(db.select(Cohort).where(Cohort.name == COHORT)).first()
    if cohort is None:
        cohort = Cohort(name=COHORT)
        db.session.add(cohort)
        db.session.flush()
    opted = 0
    for i in range(20):
        email = f"graduate{i + 1:02d}@{GRADUATE_DOMAIN}"
        if db.session.scalar(db.select(User.id).where(User.email == email)) is not None:
            continue
        user = User(
            email=email,
            password_hash=password_hash,
            first_name=FIRST[i],
            last_name=LAST[i],
            email_confirmed_at=now,
        )
        user.role_rows.append(UserRole(role="candidate"))
        db.session.add(user)
        db.session.flush()
        db.session.add(
            Student(
                user_id=user.id,
                cohort_id=cohort.id,
                status="graduated",
                admitted_at=now - timedelta(days=400),
                graduated_at=now - timedelta(days=20),
            )
        )
        opted_in = i < 12
        opted += opted_in
        availability = rng.choice(["available_now", "available_now", "from_date", "not_looking"])
        skills = rng.sample(SKILLS, rng.randint(3, 6))
        db.session.add(
            GraduateProfile(
                user_id=user.id,
                opted_in=opted_in,
                opted_in_at=now - timedelta(days=i) if opted_in else None,
                headline=rng.choice(HEADLINES),
                skills="," + ",".join(skills) + ",",
                projects="Projets de l'école : libft, minishell, webserv.\nStage : une application de gestion.",
                links=f"https://github.com/demo-grad-{i + 1:02d}",
                availability=availability,
                available_from=paris_today() + timedelta(days=rng.randint(10, 90))
                if availability == "from_date"
                else None,
                city=rng.choice(CITIES),
                show_last_name=rng.random() < 0.5,
                show_city=rng.random() < 0.8,
                show_links=True,
                show_projects=rng.random() < 0.7,
            )
        )
    db.session.commit()
    lines.append(
        f"directory: organisation {ORG_NAME!r} (SIRET {ORG_SIRET}) verified; cohort {COHORT}; "
        f"20 graduates, {opted} in the directory"
    )
    lines.append(_login_line())
    return lines


def _login_line() -> str:
    return f"  employer login (demo only): {EMPLOYER_EMAIL} / {DEMO_PASSWORD}  (graduates: graduate01@{GRADUATE_DOMAIN} ...)"
