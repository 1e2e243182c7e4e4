"""Organisations: SIRET checks, join requests, verification, suspension, employers."""

import re

import pytest

from school101.core.errors import Conflict, Forbidden, ValidationFailed
from school101.extensions import db
from school101.models import AuditLog, OutboxMail, User
from school101.models.organisations import Organisation, OrganisationMember
from school101.services.directory import organisations
from school101.services.messaging.links import delivered_body
from tests.conftest import count, login, without_csrf
from tests.directory.conftest import OTHER_SIRET, VALID_SIRET
from tests.fixtures.people import client_for


@pytest.mark.parametrize(
    "value", [VALID_SIRET, "732 829 320 00074", "552-100-554-00013", OTHER_SIRET, "35600000049837"]
)  # the last: La Poste, digit sum multiple of 5
def test_valid_sirets(app, value):
    assert organisations.siret_error(value) is None


@pytest.mark.parametrize(
    "value, fragment",
    [
        ("", "required"),
        ("7328293200007", "14 digits"),
        ("732829320000745", "14 digits"),
        ("7328293200007A", "14 digits"),
        ("73282932000075", "check digit"),
        ("35600000049838", "check digit"),  # La Poste prefix but digit sum not a multiple of 5
    ],
)
def test_invalid_sirets(app, value, fragment):
    from flask_babel import force_locale

    with force_locale("en"):
        assert fragment in str(organisations.siret_error(value))
    assert "SIRET" in str(organisations.siret_error(value))  # French by default


def join_data(**overrides):
    data = {
        "name": "Rhône Logiciels",
        "siret": VALID_SIRET,
        "kind": "company",
        "contact_name": "Paule Durand",
        "contact_email": "paule@rhone-logiciels.example",
        "contact_phone": "04 72 00 00 01",
        "message": "",
    }
    data.update(overrides)
    return data


def test_join_request_is_pending_and_notifies_staff(app, make_user):
    staff = make_user(roles=("staff",))
    make_user(roles=("candidate",))
    org = organisations.request_membership(join_data())
    db.session.commit()
    assert org.status == "pending" and org.verified_at is None
    mails = db.session.scalars(
        db.select(OutboxMail).where(OutboxMail.kind == "org_join_request")
    ).all()
    assert [m.to for m in mails] == [staff.email]
    assert "Rhône Logiciels" in mails[0].body and "/staff/organisations" in mails[0].body
    assert db.session.scalars(
        db.select(AuditLog).where(AuditLog.action == "org.join_requested")
    ).one()


def test_join_request_with_bad_fields_writes_nothing(app):
    with pytest.raises(ValidationFailed) as err:
        organisations.request_membership(
            join_data(siret="12345678901234", contact_email="nope", name="")
        )
    assert set(err.value.fields) == {"siret", "contact_email", "name"}
    db.session.rollback()
    assert count(Organisation) == 0 and count(OutboxMail) == 0


def test_duplicate_siret_is_a_conflict(app):
    organisations.request_membership(join_data())
    db.session.commit()
    with pytest.raises(Conflict) as err:
        organisations.request_membership(join_data(name="Autre", siret="732 829 320 00074"))
    assert err.value.code == "siret_taken"
    db.session.rollback()
    assert count(Organisation) == 1


def test_verify_suspend_unsuspend_are_audited(app, make_user):
    staff = make_user(roles=("staff",))
    org = organisations.request_membership(join_data())
    db.session.commit()
    organisations.verify(org, actor=staff, reason="Kbis vu")
    db.session.commit()
    assert org.status == "member" and org.verified_by_id == staff.id and org.active_member
    with pytest.raises(ValidationFailed):
        organisations.suspend(org, actor=staff, reason="  ")
    organisations.suspend(org, actor=staff, reason="Messages abusifs")
    db.session.commit()
    assert (
        org.status == "suspended"
        and not org.active_member
        and org.suspended_reason == "Messages abusifs"
    )
    organisations.unsuspend(org, actor=staff, reason="Explications reçues")
    db.session.commit()
    assert org.status == "member" and org.active_member
    actions = [
        a.action
        for a in db.session.scalars(
            db.select(AuditLog).where(AuditLog.target_type == "organisations").order_by(AuditLog.id)
        )
    ]
    assert actions == ["org.join_requested", "org.verified", "org.suspended", "org.unsuspended"]
    reasons = {a.action: a.reason for a in db.session.scalars(db.select(AuditLog))}
    assert reasons["org.suspended"] == "Messages abusifs"


def test_only_staff_verify(app, make_user):
    employer = make_user(roles=("employer",))
    org = organisations.request_membership(join_data())
    with pytest.raises(Forbidden):
        organisations.verify(org, actor=employer)


def test_verify_needs_a_contact_person(app, make_user):
    staff = make_user(roles=("staff",))
    org = organisations.create_organisation(
        {"name": "Sans Contact", "siret": VALID_SIRET}, actor=staff
    )
    with pytest.raises(ValidationFailed) as err:
        organisations.verify(org, actor=staff)
    assert "contact_name" in err.value.fields


def test_invite_sends_a_link_and_the_new_address_creates_its_account(app, make_user, client):
    staff = make_user(roles=("staff",))
    org = organisations.create_organisation(join_data(), actor=staff, verified=True)
    email = organisations.invite_employer(
        org,
        email="New.Person@Rhone.example",
        first_name="Noé",
        last_name="Nouveau",
        is_org_admin=True,
        actor=staff,
    )
    db.session.commit()
    assert email == "new.person@rhone.example" and count(User) == 1  # nothing until accepted
    invite = db.session.scalars(db.select(OutboxMail).where(OutboxMail.kind == "org_invite")).one()
    path = re.search(r"http://localhost(/auth/invitation/\S+)", delivered_body(invite)).group(1)
    assert "/auth/invitation/" not in invite.body  # the stored body holds no working link
    assert client.get(path).status_code == 200
    r = client.post(
        path, data={"first_name": "Noé", "last_name": "Nouveau", "password": "a long new password"}
    )
    assert r.status_code == 302 and r.headers["Location"].endswith("/directory/organisation")
    user = User.query.filter_by(email="new.person@rhone.example").one()
    assert user.roles == ["employer"] and organisations.membership_of(user).is_org_admin


def test_invite_changes_nothing_for_an_existing_account_until_it_accepts(app, make_user, client):
    staff = make_user(roles=("staff",))
    existing = make_user(roles=("candidate",))
    org = organisations.create_organisation(join_data(), actor=staff, verified=True)
    organisations.invite_employer(org, email=existing.email, actor=staff)
    db.session.commit()
    db.session.expire_all()
    assert existing.roles == ["candidate"] and organisations.membership_of(existing) is None
    assert count(User) == 2
    mail = db.session.scalars(db.select(OutboxMail).where(OutboxMail.kind == "org_invite")).one()
    path = re.search(r"http://localhost(/auth/invitation/\S+)", delivered_body(mail)).group(1)
    # not logged in: the existing account logs in first; nothing changed
    r = client.get(path)
    assert r.status_code == 302 and "/auth/login" in r.headers["Location"]
    login(client, existing.email)
    assert client.get(path).status_code == 200
    db.session.expire_all()
    assert organisations.membership_of(existing) is None  # seeing the page is not accepting
    r = client.post(path)
    assert r.status_code == 302
    db.session.expire_all()
    assert existing.roles == ["candidate", "employer"]
    assert organisations.membership_of(existing).organisation_id == org.id
    assert client.get("/directory/organisation").status_code == 200  # still logged in


def test_the_inviter_learns_nothing_about_the_address(app, make_user, make_employer, make_org):
    org = make_org()
    admin = make_employer(org, is_org_admin=True)
    candidate = make_user(roles=("candidate",))
    elsewhere = make_employer(make_org(name="Other Org", siret=OTHER_SIRET))
    staff = make_user(roles=("staff",))
    answers = [
        organisations.invite_employer(org, email=e, actor=admin)
        for e in (candidate.email, elsewhere.email, staff.email, "nobody@acme.example")
    ]
    db.session.commit()
    assert answers == [candidate.email, elsewhere.email, staff.email, "nobody@acme.example"]
    db.session.expire_all()
    assert [m.user_id for m in organisations.members_of(org)] == [admin.id]
    assert staff.roles == ["staff"] and candidate.roles == ["candidate"]
    # the page says the same for each
    client = client_for(app, admin)
    flashes = set()
    for email in (candidate.email, elsewhere.email, "nobody2@acme.example"):
        r = client.post("/directory/organisation", data={"email": email}, follow_redirects=True)
        flashes.add(without_csrf(r.get_data(as_text=True)).replace(email, "EMAIL"))
    if len(flashes) != 1:  # show where the pages differ
        import difflib

        first, *others = sorted(flashes)
        diff = "\n".join(
            difflib.unified_diff(first.splitlines(), others[0].splitlines(), lineterm="", n=1)
        )
        raise AssertionError(f"the pages differ by address:\n{diff}")


def test_an_invitation_is_accepted_only_by_its_address(app, make_user, make_org, client):
    org = make_org()
    staff = make_user(roles=("staff",))
    invited, other = make_user(), make_user()
    organisations.invite_employer(org, email=invited.email, actor=staff)
    db.session.commit()
    mail = db.session.scalars(db.select(OutboxMail).where(OutboxMail.kind == "org_invite")).one()
    path = re.search(r"http://localhost(/auth/invitation/\S+)", delivered_body(mail)).group(1)
    login(client, other.email)
    assert client.post(path).status_code == 403
    db.session.expire_all()
    assert organisations.membership_of(other) is None and other.roles == ["candidate"]
    assert client.get("/auth/invitation/forged-token").status_code == 302


def test_org_admin_invites_but_plain_employer_cannot(app, make_employer, make_org):
    org = make_org()
    admin = make_employer(org, is_org_admin=True)
    plain = make_employer(org)
    organisations.invite_employer(org, email="colleague@acme.example", actor=admin)
    db.session.commit()
    with pytest.raises(Forbidden):
        organisations.invite_employer(org, email="other@acme.example", actor=plain)
    other_org = make_org(name="Other Org")
    with pytest.raises(Forbidden):
        organisations.invite_employer(other_org, email="x@other.example", actor=admin)


def test_an_employer_belongs_to_one_organisation(app, make_employer, make_org):
    employer = make_employer()
    other = make_org(name="Second")
    with pytest.raises(Conflict):
        organisations.add_member(other, employer)


def test_find_by_siret_and_add_member(app, make_user, make_org):
    org = make_org(siret=VALID_SIRET)
    assert organisations.find_by_siret("732 829 320 00074").id == org.id
    assert organisations.find_by_siret(OTHER_SIRET) is None
    user = make_user(roles=("candidate",))
    row = organisations.add_member(org, user)
    db.session.commit()
    assert isinstance(row, OrganisationMember) and user.has_role("employer")
    assert organisations.add_member(org, user).id == row.id  # idempotent
