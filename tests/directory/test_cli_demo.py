"""`flask orgs ...` and the directory's demo data."""

import random

from school101.extensions import db
from school101.models import User
from school101.models.organisations import Organisation
from school101.models.students import GraduateProfile, Student
from tests.conftest import count
from tests.directory.conftest import VALID_SIRET


def test_orgs_create_verified(app):
    result = app.test_cli_runner().invoke(
        args=["orgs", "create", "Rhône Logiciels", "--siret", "732 829 320 00074", "--verified"]
    )
    assert result.exit_code == 0, result.output
    assert "status=member" in result.output
    org = db.session.scalars(db.select(Organisation)).one()
    assert org.siret == VALID_SIRET and org.verified_at is not None and org.active_member


def test_orgs_create_pending_by_default_and_kind(app):
    result = app.test_cli_runner().invoke(
        args=["orgs", "create", "Labo", "--siret", VALID_SIRET, "--kind", "lab"]
    )
    assert result.exit_code == 0, result.output
    org = db.session.scalars(db.select(Organisation)).one()
    assert org.status == "pending" and org.kind == "lab" and org.verified_at is None


def test_orgs_create_bad_siret_and_duplicate(app):
    runner = app.test_cli_runner()
    bad = runner.invoke(args=["orgs", "create", "X", "--siret", "73282932000075"])
    assert bad.exit_code != 0 and "clé de contrôle" in bad.output
    short = runner.invoke(args=["orgs", "create", "X", "--siret", "123"])
    assert short.exit_code != 0 and "14 chiffres" in short.output
    assert runner.invoke(args=["orgs", "create", "A", "--siret", VALID_SIRET]).exit_code == 0
    dup = runner.invoke(args=["orgs", "create", "B", "--siret", VALID_SIRET])
    assert dup.exit_code != 0 and "déjà enregistrée" in dup.output
    assert count(Organisation) == 1


def test_orgs_list_verify_suspend(app):
    runner = app.test_cli_runner()
    runner.invoke(args=["orgs", "create", "A", "--siret", VALID_SIRET])
    assert runner.invoke(args=["orgs", "verify", VALID_SIRET]).exit_code == 0
    listing = runner.invoke(args=["orgs", "list"])
    assert VALID_SIRET in listing.output and "member" in listing.output
    assert runner.invoke(args=["orgs", "suspend", VALID_SIRET, "--reason", "test"]).exit_code == 0
    assert db.session.scalars(db.select(Organisation)).one().status == "suspended"
    assert runner.invoke(args=["orgs", "verify", "00000000000000"]).exit_code != 0


def test_seed_directory_is_idempotent(app, client):
    from school101.cli.demo_directory import EMPLOYER_EMAIL, seed_directory

    lines = seed_directory(random.Random(101))
    assert any(EMPLOYER_EMAIL in line for line in lines)
    again = seed_directory(random.Random(101))
    assert "nothing to do" in again[0]
    assert count(Organisation) == 1 and count(Student) == 20
    opted = db.session.scalar(
        db.select(db.func.count())
        .select_from(GraduateProfile)
        .where(GraduateProfile.opted_in.is_(True))
    )
    assert opted == 12
    employer = db.session.scalars(db.select(User).where(User.email == EMPLOYER_EMAIL)).one()
    assert employer.email_confirmed_at is not None
    token = client.post(
        "/api/v1/auth/token", json={"email": EMPLOYER_EMAIL, "password": "demo-password-101"}
    )
    assert token.status_code == 200, token.get_json()
    response = client.get(
        "/api/v1/directory", headers={"Authorization": f"Bearer {token.get_json()['token']}"}
    )
    assert response.status_code == 200 and response.get_json()["total"] == 12
