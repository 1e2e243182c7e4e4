"""Argon2 parameters: new hashes use today's setting, older hashes keep working and are upgraded."""

from argon2 import PasswordHasher

from school101.extensions import db
from school101.models import User
from tests.factories import PASSWORD, make_user

OLD_SETTING = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=4)  # until issue 15


def _parameters(password_hash: str) -> str:
    return password_hash.split("$")[3]


def test_a_new_account_is_hashed_with_owasps_minimum_argon2id(client):
    r = client.post(
        "/api/v1/auth/register",
        json={
            "email": "new@example.org",
            "password": "a long enough pass",
            "first_name": "Alice",
            "last_name": "Durand",
            "birth_date": "2001-02-03",
            "consent": True,
        },
    )
    assert r.status_code == 201, r.json
    user = db.session.get(User, r.json["id"])
    assert user.password_hash.startswith("$argon2id$")
    assert _parameters(user.password_hash) == "m=19456,t=2,p=1"


def test_a_hash_made_with_the_older_setting_still_logs_in_and_is_upgraded(client):
    user = make_user()
    user.password_hash = OLD_SETTING.hash(PASSWORD)
    db.session.commit()

    wrong = client.post("/api/v1/auth/token", json={"email": user.email, "password": "nope" * 4})
    assert wrong.status_code == 401
    db.session.refresh(user)
    assert _parameters(user.password_hash) == "m=65536,t=3,p=4"  # a failure changes nothing

    r = client.post("/api/v1/auth/token", json={"email": user.email, "password": PASSWORD})
    assert r.status_code == 200, r.json
    db.session.refresh(user)
    assert _parameters(user.password_hash) == "m=19456,t=2,p=1"
    again = client.post("/api/v1/auth/token", json={"email": user.email, "password": PASSWORD})
    assert again.status_code == 200
