"""Admin pages: users list with search, role filter and pagination; creating staff accounts;
changing roles with a reason. Every change is audited; bad input writes nothing."""

from __future__ import annotations

import json

from school101.extensions import db
from school101.models import AuditLog, User
from tests.conftest import count


def _text(r) -> str:
    return r.get_data(as_text=True)


def test_users_list_search_role_filter_and_pagination(admin_client, make_user):
    make_user("alice@example.org", first_name="Alice", last_name="Durand")
    make_user("bruno@example.org", first_name="Bruno", last_name="Petit", roles=("staff",))
    page = _text(admin_client.get("/admin/users"))
    assert (
        "alice@example.org" in page and "bruno@example.org" in page and "admin@example.org" in page
    )
    page = _text(admin_client.get("/admin/users?q=durand"))
    assert "alice@example.org" in page and "bruno@example.org" not in page
    page = _text(admin_client.get("/admin/users?role=staff"))
    assert "bruno@example.org" in page and "alice@example.org" not in page
    assert "Aucun compte ne correspond." in _text(admin_client.get("/admin/users?q=zzz"))
    r = admin_client.get("/admin/users?role=king")
    assert r.status_code == 422 and 'id="role-error"' in _text(r)
    for n in range(55):
        make_user(f"p{n:02d}@example.org", commit=False)
    db.session.commit()
    page = _text(admin_client.get("/admin/users?q=example"))
    assert "Page 1 sur 2" in page and "q=example" in page and "page=2" in page


def test_admin_creates_a_staff_account(admin_client, admin):
    assert admin_client.get("/admin/users/new").status_code == 200
    r = admin_client.post(
        "/admin/users/new", data={"email": "not an email", "password": "short", "roles": ["staff"]}
    )
    assert (
        r.status_code == 422
        and 'id="email-error"' in _text(r)
        and 'id="password-error"' in _text(r)
    )
    r = admin_client.post(
        "/admin/users/new", data={"email": "x@example.org", "password": "a long password 1"}
    )
    assert r.status_code == 422 and "Choisissez au moins un rôle." in _text(r)
    r = admin_client.post(
        "/admin/users/new",
        data={"email": "x@example.org", "password": "a long password 1", "roles": ["candidate"]},
    )
    assert r.status_code == 422
    assert count(User) == 1
    r = admin_client.post(
        "/admin/users/new",
        data={
            "email": "New.Staff@example.org",
            "first_name": "Nina",
            "last_name": "Nouvelle",
            "password": "a long password 1",
            "roles": ["staff", "employer"],
        },
    )
    assert r.status_code == 302
    user = db.session.scalars(db.select(User).where(User.email == "new.staff@example.org")).one()
    assert user.roles == ["employer", "staff"] and user.email_confirmed_at is not None
    log = db.session.scalars(db.select(AuditLog).where(AuditLog.action == "user.created")).one()
    assert log.actor_id == admin.id and log.target_id == user.id
    r = admin_client.post(
        "/admin/users/new",
        data={
            "email": "new.staff@example.org",
            "password": "a long password 1",
            "roles": ["staff"],
        },
    )
    assert r.status_code == 422 and 'id="email-error"' in _text(r)
    # the new account can log in and reach the staff pages
    from tests.conftest import login

    client = admin_client.application.test_client()
    login(client, "new.staff@example.org", "a long password 1")
    assert client.get("/staff/").status_code == 200


def test_admin_changes_roles_with_a_reason(admin_client, admin, make_user):
    person = make_user("person@example.org")
    url = f"/admin/users/{person.id}"
    page = _text(admin_client.get(url))
    assert "person@example.org" in page and 'value="candidate" checked' in page
    r = admin_client.post(url, data={"roles": ["candidate", "staff"], "reason": ""})
    assert r.status_code == 422 and "Une justification est obligatoire." in _text(r)
    r = admin_client.post(url, data={"roles": [], "reason": "x"})
    assert r.status_code == 422
    r = admin_client.post(url, data={"roles": ["candidate"], "reason": "nothing changes"})
    assert r.status_code == 422 and "Ce sont déjà les rôles de cette personne." in _text(r)
    db.session.expire_all()
    assert db.session.get(User, person.id).roles == ["candidate"]
    assert count(AuditLog) == len(db.session.scalars(db.select(AuditLog)).all())
    assert not db.session.scalars(
        db.select(AuditLog).where(AuditLog.action == "user.roles_changed")
    ).all()
    r = admin_client.post(
        url, data={"roles": ["candidate", "staff"], "reason": "Recrutée dans l'équipe"}
    )
    assert r.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, person.id).roles == ["candidate", "staff"]
    log = db.session.scalars(
        db.select(AuditLog).where(AuditLog.action == "user.roles_changed")
    ).one()
    assert (
        json.loads(log.before) == {"roles": ["candidate"]}
        and log.reason == "Recrutée dans l'équipe"
    )
    assert log.actor_id == admin.id
    page = _text(admin_client.get(url))
    assert "user.roles_changed" in page and "Recrutée dans l" in page


def test_admin_cannot_drop_their_own_admin_role(admin_client, admin):
    r = admin_client.post(f"/admin/users/{admin.id}", data={"roles": ["staff"], "reason": "oops"})
    assert r.status_code == 422
    db.session.expire_all()
    assert db.session.get(User, admin.id).roles == ["admin"]


def test_unknown_user_is_404(admin_client):
    assert admin_client.get("/admin/users/9999").status_code == 404
