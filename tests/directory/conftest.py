"""Fixtures of the directory tests: organisations, their employers, graduates with a profile."""

from __future__ import annotations

from datetime import timedelta

import pytest

from school101.extensions import db
from school101.models._base import utcnow
from school101.models.organisations import Organisation, OrganisationMember
from school101.models.students import Cohort, GraduateProfile, Student

VALID_SIRET = "73282932000074"
OTHER_SIRET = "55210055400013"


def luhn_siret(prefix: str) -> str:
    """A valid SIRET from 13 digits (computes the Luhn key)."""
    from school101.services.directory.organisations import luhn_ok

    for digit in "0123456789":
        if luhn_ok(prefix + digit):
            return prefix + digit
    raise AssertionError("no key")


@pytest.fixture
def make_org(app):
    def factory(name="ACME Lyon", siret=None, *, status="member", verified=True, suspended=False):
        org = Organisation(
            name=name,
            siret=siret or luhn_siret(f"{len(name) % 10}{abs(hash(name)) % 10**12:012d}"),
            kind="company",
            status="suspended" if suspended else status,
            contact_name="Paule Contact",
            contact_email="contact@acme.example",
            verified_at=utcnow() if verified else None,
            suspended_at=utcnow() if suspended else None,
        )
        db.session.add(org)
        db.session.commit()
        return org

    return factory


@pytest.fixture
def make_employer(app, make_user, make_org):
    def factory(org=None, *, is_org_admin=False, **org_kwargs):
        org = org or make_org(**org_kwargs)
        user = make_user(roles=("employer",), first_name="Éric", last_name="Employeur")
        db.session.add(
            OrganisationMember(user_id=user.id, organisation_id=org.id, is_org_admin=is_org_admin)
        )
        db.session.commit()
        return user

    return factory


@pytest.fixture
def make_graduate(app, make_user):
    def factory(
        *,
        opted_in=True,
        status="graduated",
        cohort="2025",
        skills=("python", "c"),
        city="Lyon",
        headline="Développeuse back-end",
        last_name=None,
        **profile_fields,
    ):
        user = make_user(first_name="Gaëlle", last_name=last_name or "Diplomée")
        row = db.session.scalars(db.select(Cohort).where(Cohort.name == cohort)).first()
        if row is None:
            row = Cohort(name=cohort)
            db.session.add(row)
            db.session.flush()
        db.session.add(
            Student(
                user_id=user.id,
                cohort_id=row.id,
                status=status,
                admitted_at=utcnow() - timedelta(days=400),
                graduated_at=utcnow() if status == "graduated" else None,
            )
        )
        db.session.add(
            GraduateProfile(
                user_id=user.id,
                opted_in=opted_in,
                opted_in_at=utcnow() if opted_in else None,
                headline=headline,
                skills="," + ",".join(skills) + "," if skills else "",
                city=city,
                **profile_fields,
            )
        )
        db.session.commit()
        return user

    return factory
