"""Directory pages: access, visibility, the graduate's editor and inbox, employer pages, staff pages."""

import pytest

from school101.extensions import db
from school101.models import AuditLog, OutboxMail
from school101.models.organisations import ContactRequest, Organisation
from school101.models.students import GraduateProfile, Student
from tests.conftest import count, login
from tests.directory.conftest import VALID_SIRET


def test_anonymous_is_sent_to_login(client):
    for url in (
        "/directory",
        "/directory/profile",
        "/directory/inbox",
        "/directory/sent",
        "/staff/organisations",
        "/staff/cohorts",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"], url


@pytest.mark.parametrize(
    "who", ["candidate", "graduate", "employer_unverified", "employer_suspended"]
)
def test_search_page_forbidden(client, make_user, make_graduate, make_employer, who):
    user = {
        "candidate": lambda: make_user(roles=("candidate",)),
        "graduate": lambda: make_graduate(),
        "employer_unverified": lambda: make_employer(status="pending", verified=False),
        "employer_suspended": lambda: make_employer(suspended=True),
    }[who]()
    login(client, user.email)
    assert client.get("/directory").status_code == 403
    assert client.get("/staff/organisations").status_code == 403


def test_search_page_shows_only_visible_fields(client, make_employer, make_graduate):
    shown = make_graduate(city="Annecy", skills=("python", "docker"), headline="Ingénieure DevOps")
    hidden = make_graduate(
        city="Ville-Cachée",
        last_name="Nomcaché",
        show_city=False,
        show_links=False,
        show_projects=False,
        links="https://cache.example/x",
        projects="Projet-caché",
    )
    make_graduate(opted_in=False, headline="Pas-inscrite")
    employer = make_employer()
    login(client, employer.email)
    page = client.get("/directory").get_data(as_text=True)
    assert "Ingénieure DevOps" in page and "Annecy" in page and "Pas-inscrite" not in page
    for secret in (
        "Ville-Cachée",
        "Nomcaché",
        "cache.example",
        "Projet-caché",
        hidden.email,
        shown.email,
    ):
        assert secret not in page
    profile = client.get(f"/directory/graduates/{hidden.id}").get_data(as_text=True)
    for secret in ("Ville-Cachée", "Nomcaché", "cache.example", "Projet-caché", hidden.email):
        assert secret not in profile
    filtered = client.get("/directory?skill=docker").get_data(as_text=True)
    assert "Ingénieure DevOps" in filtered and f"/directory/graduates/{hidden.id}" not in filtered
    assert client.get("/directory?availability=bogus").status_code == 422


def test_contact_form_and_inbox_lifecycle(client, make_employer, make_graduate):
    grad = make_graduate(contact_phone="06 99 88 77 66")
    employer = make_employer()
    login(client, employer.email)
    empty = client.post(f"/directory/graduates/{grad.id}", data={"message": ""})
    assert empty.status_code == 422 and count(ContactRequest) == 0
    sent = client.post(
        f"/directory/graduates/{grad.id}", data={"message": "Un poste de développeuse ?"}
    )
    assert sent.status_code == 303
    page = client.get("/directory/sent").get_data(as_text=True)
    assert "06 99 88 77 66" not in page and grad.email not in page
    client.post("/auth/logout")
    login(client, grad.email)
    inbox = client.get("/directory/inbox").get_data(as_text=True)
    assert "Un poste de développeuse ?" in inbox and employer.email not in inbox
    rid = db.session.scalars(db.select(ContactRequest)).one().id
    assert client.post(f"/directory/inbox/{rid}/accept").status_code == 303
    assert employer.email in client.get("/directory/inbox").get_data(as_text=True)
    client.post("/auth/logout")
    login(client, employer.email)
    page = client.get("/directory/sent").get_data(as_text=True)
    assert "06 99 88 77 66" in page and grad.email in page


def test_suspension_hides_contact_details_already_shared(
    client, make_user, make_employer, make_graduate
):
    from school101.services.directory.contacts import create_contact_request, respond
    from school101.services.directory.organisations import organisation_of, suspend, unsuspend

    grad = make_graduate(contact_phone="06 12 12 12 12")
    employer = make_employer()
    row = create_contact_request(employer, grad.id, "Bonjour")
    respond(grad, row.id, accept=True)
    db.session.commit()
    login(client, employer.email)
    assert "06 12 12 12 12" in client.get("/directory/sent").get_data(as_text=True)
    staff = make_user(roles=("staff",))
    suspend(organisation_of(employer), actor=staff, reason="Messages abusifs")
    db.session.commit()
    page = client.get("/directory/sent").get_data(as_text=True)
    assert "06 12 12 12 12" not in page and grad.email not in page
    assert "Masquées tant que votre organisation" in page
    unsuspend(organisation_of(employer), actor=staff, reason="Explications reçues")
    db.session.commit()
    assert "06 12 12 12 12" in client.get("/directory/sent").get_data(as_text=True)


def test_graduate_cannot_answer_someone_elses_request(client, make_employer, make_graduate):
    from school101.services.directory.contacts import create_contact_request

    grad, other = make_graduate(), make_graduate()
    row = create_contact_request(make_employer(), grad.id, "Bonjour")
    db.session.commit()
    login(client, other.email)
    assert client.post(f"/directory/inbox/{row.id}/accept").status_code == 404
    assert client.post(f"/directory/inbox/{row.id}/report", data={"reason": "x"}).status_code == 404
    assert db.session.get(ContactRequest, row.id).status == "pending"


def test_report_from_the_inbox_and_staff_handle_it(client, make_user, make_employer, make_graduate):
    from school101.services.directory.contacts import create_contact_request

    grad = make_graduate()
    employer = make_employer()
    row = create_contact_request(employer, grad.id, "Message déplacé")
    db.session.commit()
    login(client, grad.email)
    assert (
        client.post(
            f"/directory/inbox/{row.id}/report", data={"reason": "Propos déplacés"}
        ).status_code
        == 303
    )
    client.post("/auth/logout")
    staff = make_user(roles=("staff",))
    login(client, staff.email)
    page = client.get("/staff/organisations/reports").get_data(as_text=True)
    assert "Propos déplacés" in page and "Message déplacé" in page
    report_id = db.session.scalars(
        db.select(AuditLog).where(AuditLog.action == "contact.reported")
    ).one()
    from school101.models.organisations import AbuseReport

    report = db.session.scalars(db.select(AbuseReport)).one()
    assert (
        client.post(
            f"/staff/organisations/reports/{report.id}/handle",
            data={"outcome": "Suspendue", "suspend": "y"},
        ).status_code
        == 303
    )
    db.session.expire_all()
    assert db.session.get(Organisation, row.organisation_id).status == "suspended"
    assert report_id is not None


def test_profile_editor_preview_and_bad_url(client, make_user, make_graduate):
    grad = make_graduate(opted_in=False, city="Lyon")
    login(client, grad.email)
    page = client.get("/directory/profile")
    assert page.status_code == 200
    before = db.session.scalars(db.select(GraduateProfile)).one().headline
    bad = client.post(
        "/directory/profile",
        data={
            "headline": "Nouveau titre",
            "skills": "python",
            "links": "javascript:alert(1)",
            "availability": "available_now",
            "city": "Lyon",
            "show_city": "y",
        },
    )
    assert bad.status_code == 422
    text = bad.get_data(as_text=True)
    assert "http://" in text and "https://" in text and 'aria-invalid="true"' in text
    db.session.expire_all()
    assert db.session.scalars(db.select(GraduateProfile)).one().headline == before
    good = client.post(
        "/directory/profile",
        data={
            "headline": "Nouveau titre",
            "skills": "Python, Go",
            "links": "https://github.com/g",
            "availability": "available_now",
            "city": "Vienne",
            "show_links": "y",
        },
    )
    assert good.status_code == 302
    preview = client.get("/directory/profile").get_data(as_text=True)
    assert "Nouveau titre" in preview and "python, go" in preview
    section = preview.split('id="preview-title"')[1]
    assert "Vienne" not in section  # city hidden: the preview does not show it either
    assert client.post("/directory/profile/opt-in").status_code == 303
    db.session.expire_all()
    assert db.session.scalars(db.select(GraduateProfile)).one().opted_in


def test_profile_page_is_for_students_only(client, make_user):
    user = make_user()
    login(client, user.email)
    assert client.get("/directory/profile").status_code == 403


def test_join_page_is_public_and_creates_a_pending_request(client, make_user):
    make_user(roles=("staff",))
    assert client.get("/organisations/join").status_code == 200
    bad = client.post(
        "/organisations/join",
        data={
            "name": "Rhône Logiciels",
            "siret": "73282932000075",
            "kind": "company",
            "contact_name": "Paule Durand",
            "contact_email": "paule@rl.example",
        },
    )
    assert bad.status_code == 422 and count(Organisation) == 0
    ok = client.post(
        "/organisations/join",
        data={
            "name": "Rhône Logiciels",
            "siret": VALID_SIRET,
            "kind": "company",
            "contact_name": "Paule Durand",
            "contact_email": "paule@rl.example",
        },
    )
    assert ok.status_code == 200
    org = db.session.scalars(db.select(Organisation)).one()
    assert org.status == "pending" and count(OutboxMail) == 1


def test_staff_verify_suspend_invite_from_the_pages(client, make_user, make_org):
    staff = make_user(roles=("staff",))
    org = make_org(status="pending", verified=False)
    login(client, staff.email)
    assert org.name in client.get("/staff/organisations").get_data(as_text=True)
    assert client.get(f"/staff/organisations/{org.id}").status_code == 200
    assert (
        client.post(f"/staff/organisations/{org.id}/verify", data={"reason": "Kbis"}).status_code
        == 303
    )
    db.session.expire_all()
    assert db.session.get(Organisation, org.id).active_member
    client.post(f"/staff/organisations/{org.id}/suspend", data={"reason": ""})
    db.session.expire_all()
    assert db.session.get(Organisation, org.id).status == "member"  # a reason is required
    client.post(f"/staff/organisations/{org.id}/suspend", data={"reason": "Abus"})
    db.session.expire_all()
    assert db.session.get(Organisation, org.id).status == "suspended"
    client.post(f"/staff/organisations/{org.id}/unsuspend", data={"reason": "OK"})
    invite = client.post(
        f"/staff/organisations/{org.id}",
        data={"email": "boss@acme.example", "first_name": "Bea", "is_org_admin": "y"},
    )
    assert invite.status_code == 303
    assert db.session.scalars(
        db.select(OutboxMail).where(OutboxMail.to == "boss@acme.example")
    ).one()


def test_org_admin_invites_from_the_organisation_page(client, make_employer, make_org):
    org = make_org()
    admin = make_employer(org, is_org_admin=True)
    plain = make_employer(org)
    login(client, admin.email)
    assert (
        client.post("/directory/organisation", data={"email": "new@acme.example"}).status_code
        == 303
    )
    client.post("/auth/logout")
    login(client, plain.email)
    assert (
        client.post("/directory/organisation", data={"email": "other@acme.example"}).status_code
        == 403
    )


def test_staff_cohort_pages_mark_graduated(client, make_user):
    from school101.services.directory.students import enrol

    staff = make_user(roles=("staff",))
    user = make_user()
    row = enrol(user, cohort_name="2026", actor=staff)
    db.session.commit()
    login(client, staff.email)
    assert "2026" in client.get("/staff/cohorts").get_data(as_text=True)
    page = client.get(f"/staff/cohorts/{row.cohort_id}").get_data(as_text=True)
    assert user.email in page
    assert (
        client.post(f"/staff/cohorts/{row.cohort_id}/students/{row.id}/graduate").status_code == 303
    )
    db.session.expire_all()
    assert db.session.get(Student, row.id).status == "graduated"
    other = make_user()
    assert (
        client.post(f"/staff/cohorts/{row.cohort_id}", data={"email": other.email}).status_code
        == 303
    )
    assert db.session.scalars(db.select(Student).where(Student.user_id == other.id)).one()


def test_pages_in_english_too(client, make_employer, make_graduate):
    make_graduate()
    login(client, make_employer().email)
    assert "Annuaire des diplômés" in client.get("/directory").get_data(as_text=True)
    assert "Graduates directory" in client.get("/directory?lang=en").get_data(as_text=True)


@pytest.fixture
def csrf_app_config(app_config):
    return app_config


class TestCsrf:
    @pytest.fixture
    def app_config(self, database_url):
        return {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "t",
            "WTF_CSRF_ENABLED": True,
            "RATELIMIT_ENABLED": False,
            "SERVER_NAME": "localhost",
            "MAIL_SMTP_HOST": "",
            "REDIS_URL": "",
        }

    def test_forms_need_the_csrf_token(self, client, make_user, make_org):
        staff = make_user(roles=("staff",))
        org = make_org(status="pending", verified=False)
        page = client.get("/auth/login").get_data(as_text=True)
        import re

        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        client.post(
            "/auth/login",
            data={"email": staff.email, "password": "correct horse battery", "csrf_token": token},
        )
        assert (
            client.post(f"/staff/organisations/{org.id}/verify", data={"reason": "x"}).status_code
            == 400
        )
        db.session.expire_all()
        assert db.session.get(Organisation, org.id).status == "pending"
        assert client.post(
            "/organisations/join", data={"name": "X", "siret": VALID_SIRET}
        ).status_code in (400, 422)
        assert count(Organisation) == 1


def test_messages_and_projects_are_escaped(client, make_employer, make_graduate):
    from school101.services.directory.contacts import create_contact_request

    grad = make_graduate(projects="<script>alert(1)</script>\nligne deux")
    employer = make_employer()
    create_contact_request(employer, grad.id, "<img src=x onerror=alert(1)>\nSecond line")
    db.session.commit()
    login(client, grad.email)
    inbox = client.get("/directory/inbox").get_data(as_text=True)
    assert (
        "<img src=x" not in inbox and "&lt;img src=x onerror=alert(1)&gt;<br>Second line" in inbox
    )
    client.post("/auth/logout")
    login(client, employer.email)
    page = client.get(f"/directory/graduates/{grad.id}").get_data(as_text=True)
    assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_staff_invite_form_suggests_the_contact_person(client, make_user, make_org):
    org = make_org()
    login(client, make_user(roles=("staff",)).email)
    page = client.get(f"/staff/organisations/{org.id}").get_data(as_text=True)
    assert f'value="{org.contact_email}"' in page


def test_menu_helper_knows_students(app, make_user, make_graduate):
    from flask import render_template_string
    from flask_login import login_user

    template = "{{ directory_is_student() }}"
    with app.test_request_context():
        login_user(make_graduate())
        assert render_template_string(template) == "True"
    with app.test_request_context():
        login_user(make_user())
        assert render_template_string(template) == "False"
    with app.test_request_context():
        assert render_template_string(template) == "False"
