"""GET /api/v1/directory: the authorisation matrix, filters, pagination, visibility; contact requests."""

import pytest

from school101.extensions import db
from school101.models import AuditLog, OutboxMail
from school101.models.organisations import AbuseReport, ContactRequest
from school101.services.directory import contacts
from tests.conftest import count


def test_no_token_is_401(client):
    response = client.get("/api/v1/directory")
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"


def test_bad_token_is_401(client):
    assert (
        client.get("/api/v1/directory", headers={"Authorization": "Bearer nope"}).status_code == 401
    )


@pytest.mark.parametrize(
    "who",
    [
        "candidate",
        "student",
        "graduate",
        "employer_without_org",
        "employer_unverified_org",
        "employer_suspended_org",
    ],
)
def test_forbidden_matrix(client, auth_header, make_user, make_graduate, make_employer, who):
    if who == "candidate":
        user = make_user(roles=("candidate",))
    elif who == "student":
        user = make_graduate(status="student", opted_in=False)
    elif who == "graduate":
        user = make_graduate()
    elif who == "employer_without_org":
        user = make_user(roles=("employer",))
    elif who == "employer_unverified_org":
        user = make_employer(status="pending", verified=False)
    else:
        user = make_employer(suspended=True)
    response = client.get("/api/v1/directory", headers=auth_header(user))
    assert response.status_code == 403
    body = response.get_json()
    assert body["error"]["code"] == "directory_forbidden" and body["error"]["message"]


@pytest.mark.parametrize("who", ["employer", "staff", "admin"])
def test_allowed_matrix(client, auth_header, make_user, make_employer, make_graduate, who):
    make_graduate()
    user = make_employer() if who == "employer" else make_user(roles=(who,))
    response = client.get("/api/v1/directory", headers=auth_header(user))
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"items", "page", "per_page", "total"}
    assert body["total"] == 1 and body["page"] == 1


def test_suspension_closes_the_directory_at_once(client, auth_header, make_user, make_employer):
    from school101.services.directory.organisations import organisation_of, suspend

    employer = make_employer()
    headers = auth_header(employer)
    assert client.get("/api/v1/directory", headers=headers).status_code == 200
    suspend(organisation_of(employer), actor=make_user(roles=("staff",)), reason="abus")
    db.session.commit()
    assert client.get("/api/v1/directory", headers=headers).status_code == 403


def test_only_opted_in_graduates_are_listed(client, auth_header, make_employer, make_graduate):
    listed = make_graduate()
    make_graduate(opted_in=False)
    make_graduate(status="student", opted_in=True)  # not graduated: never listed
    make_graduate(status="left", opted_in=True)
    body = client.get("/api/v1/directory", headers=auth_header(make_employer())).get_json()
    assert [item["user_id"] for item in body["items"]] == [listed.id]


def test_filters_and_pagination(client, auth_header, make_employer, make_graduate):
    a = make_graduate(skills=("python", "docker"), city="Lyon", cohort="2025")
    b = make_graduate(
        skills=("c", "rust"), city="Grenoble", cohort="2026", availability="not_looking"
    )
    c = make_graduate(skills=("python",), city="Grenoble", cohort="2026", show_city=False)
    headers = auth_header(make_employer())

    def ids(**params):
        response = client.get("/api/v1/directory", query_string=params, headers=headers)
        assert response.status_code == 200, response.get_json()
        return sorted(i["user_id"] for i in response.get_json()["items"])

    assert ids(skill="Python") == sorted([a.id, c.id])
    assert ids(skill="pyth") == []  # whole tags only
    assert ids(city="grenoble") == [b.id]  # c hides their city: a hidden field never matches
    assert ids(cohort="2026") == sorted([b.id, c.id])
    assert ids(availability="not_looking") == [b.id]
    assert ids(availability="available_now") == sorted([a.id, c.id])
    first = client.get("/api/v1/directory?per_page=2&page=1", headers=headers).get_json()
    second = client.get("/api/v1/directory?per_page=2&page=2", headers=headers).get_json()
    assert first["total"] == 3 and len(first["items"]) == 2 and len(second["items"]) == 1
    assert client.get("/api/v1/directory?availability=soon", headers=headers).status_code == 422
    assert client.get("/api/v1/directory?page=0", headers=headers).status_code == 422


def test_hidden_fields_never_appear_in_json(client, auth_header, make_employer, make_graduate):
    grad = make_graduate(
        city="Villeurbanne-Secrète",
        last_name="Cachenom",
        show_city=False,
        show_links=False,
        show_projects=False,
        show_last_name=False,
        links="https://hidden-link.example/me",
        projects="Projet-caché-42",
    )
    headers = auth_header(make_employer())
    for url in ("/api/v1/directory", f"/api/v1/directory/{grad.id}"):
        raw = client.get(url, headers=headers).get_data(as_text=True)
        for secret in (
            "Villeurbanne-Secrète",
            "Cachenom",
            "hidden-link",
            "Projet-caché-42",
            grad.email,
        ):
            assert secret not in raw
    card = client.get(f"/api/v1/directory/{grad.id}", headers=headers).get_json()
    assert "city" not in card and "links" not in card and "projects" not in card
    assert card["last_name"] == "C."


def test_visible_fields_appear(client, auth_header, make_employer, make_graduate):
    grad = make_graduate(
        city="Bron",
        last_name="Visible",
        show_last_name=True,
        links="https://ok.example/me",
        projects="Minishell",
    )
    card = client.get(
        f"/api/v1/directory/{grad.id}", headers=auth_header(make_employer())
    ).get_json()
    assert card["city"] == "Bron" and card["last_name"] == "Visible"
    assert card["links"] == ["https://ok.example/me"] and card["projects"] == "Minishell"


def test_contact_request_lifecycle(client, auth_header, make_employer, make_graduate):
    grad = make_graduate(contact_phone="06 11 22 33 44", contact_email="gaelle.pro@example.org")
    employer = make_employer()
    eh, gh = auth_header(employer), auth_header(grad)
    response = client.post(
        "/api/v1/contact-requests",
        json={"graduate_id": grad.id, "message": "Bonjour !"},
        headers=eh,
    )
    assert response.status_code == 201, response.get_json()
    created = response.get_json()
    assert created["status"] == "pending" and "contact" not in created
    assert (
        db.session.scalars(
            db.select(OutboxMail).where(OutboxMail.kind == "directory_contact_request")
        )
        .one()
        .to
        == grad.email
    )
    # before acceptance neither side sees the other's contact details
    mine = client.get("/api/v1/contact-requests", headers=eh).get_json()
    assert "contact" not in mine["sent"][0] and "06 11" not in str(mine)
    received = client.get("/api/v1/contact-requests", headers=gh).get_json()["received"]
    assert received[0]["message"] == "Bonjour !" and "contact" not in received[0]
    assert employer.email not in str(received)
    # the employer cannot answer for the graduate
    assert (
        client.post(
            f"/api/v1/contact-requests/{created['id']}/respond",
            json={"answer": "accept"},
            headers=eh,
        ).status_code
        == 404
    )
    accepted = client.post(
        f"/api/v1/contact-requests/{created['id']}/respond", json={"answer": "accept"}, headers=gh
    )
    assert accepted.status_code == 200
    assert accepted.get_json()["contact"]["email"] == employer.email
    sent = client.get("/api/v1/contact-requests", headers=eh).get_json()["sent"][0]
    assert sent["status"] == "accepted"
    assert (
        sent["contact"]["email"] == "gaelle.pro@example.org"
        and sent["contact"]["phone"] == "06 11 22 33 44"
    )
    again = client.post(
        f"/api/v1/contact-requests/{created['id']}/respond", json={"answer": "decline"}, headers=gh
    )
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "already_answered"
    actions = [
        a.action
        for a in db.session.scalars(db.select(AuditLog).where(AuditLog.action.like("contact.%")))
    ]
    assert actions == ["contact.requested", "contact.accepted"]


def test_suspended_organisation_loses_shared_contact_details(
    client, auth_header, make_user, make_employer, make_graduate
):
    from school101.services.directory.organisations import organisation_of, suspend

    grad = make_graduate(contact_phone="06 55 44 33 22")
    employer = make_employer()
    rid = client.post(
        "/api/v1/contact-requests",
        json={"graduate_id": grad.id, "message": "Hello"},
        headers=auth_header(employer),
    ).get_json()["id"]
    client.post(
        f"/api/v1/contact-requests/{rid}/respond",
        json={"answer": "accept"},
        headers=auth_header(grad),
    )
    assert client.get("/api/v1/contact-requests", headers=auth_header(employer)).get_json()["sent"][
        0
    ]["contact"]
    suspend(organisation_of(employer), actor=make_user(roles=("staff",)), reason="abus")
    db.session.commit()
    sent = client.get("/api/v1/contact-requests", headers=auth_header(employer)).get_json()["sent"][
        0
    ]
    assert sent["status"] == "accepted" and sent["contact_withheld"] is True
    assert "contact" not in sent and "06 55" not in str(sent) and grad.email not in str(sent)
    # the graduate still sees who contacted them
    received = client.get("/api/v1/contact-requests", headers=auth_header(grad)).get_json()[
        "received"
    ][0]
    assert received["contact"]["email"] == employer.email


def test_declined_request_shares_nothing(client, auth_header, make_employer, make_graduate):
    grad = make_graduate()
    employer = make_employer()
    rid = client.post(
        "/api/v1/contact-requests",
        json={"graduate_id": grad.id, "message": "Hello"},
        headers=auth_header(employer),
    ).get_json()["id"]
    client.post(
        f"/api/v1/contact-requests/{rid}/respond",
        json={"answer": "decline"},
        headers=auth_header(grad),
    )
    sent = client.get("/api/v1/contact-requests", headers=auth_header(employer)).get_json()["sent"][
        0
    ]
    assert sent["status"] == "declined" and "contact" not in sent and grad.email not in str(sent)


@pytest.mark.parametrize("message, status", [("", 422), ("   ", 422), ("x" * 2001, 422)])
def test_message_is_required_and_capped(
    client, auth_header, make_employer, make_graduate, message, status
):
    grad = make_graduate()
    response = client.post(
        "/api/v1/contact-requests",
        json={"graduate_id": grad.id, "message": message},
        headers=auth_header(make_employer()),
    )
    assert response.status_code == status
    assert "message" in response.get_json()["error"]["fields"]
    assert count(ContactRequest) == 0


def test_contact_only_listed_graduates_and_only_active_employers(
    client, auth_header, make_user, make_employer, make_graduate
):
    hidden = make_graduate(opted_in=False)
    employer = make_employer()
    assert (
        client.post(
            "/api/v1/contact-requests",
            json={"graduate_id": hidden.id, "message": "Hi"},
            headers=auth_header(employer),
        ).status_code
        == 404
    )
    grad = make_graduate()
    suspended = make_employer(name="Suspended Org", suspended=True)
    assert (
        client.post(
            "/api/v1/contact-requests",
            json={"graduate_id": grad.id, "message": "Hi"},
            headers=auth_header(suspended),
        ).status_code
        == 403
    )
    staff = make_user(roles=("staff",))
    assert (
        client.post(
            "/api/v1/contact-requests",
            json={"graduate_id": grad.id, "message": "Hi"},
            headers=auth_header(staff),
        ).status_code
        == 403
    )
    assert count(ContactRequest) == 0


def test_one_pending_request_per_graduate(client, auth_header, make_employer, make_graduate):
    grad = make_graduate()
    headers = auth_header(make_employer())
    assert (
        client.post(
            "/api/v1/contact-requests",
            json={"graduate_id": grad.id, "message": "1"},
            headers=headers,
        ).status_code
        == 201
    )
    second = client.post(
        "/api/v1/contact-requests", json={"graduate_id": grad.id, "message": "2"}, headers=headers
    )
    assert second.status_code == 409 and second.get_json()["error"]["code"] == "already_pending"


def test_rate_limit_per_employer_per_day(client, auth_header, make_employer, make_graduate):
    from datetime import timedelta

    from school101.models._base import utcnow

    employer = make_employer()
    grads = [make_graduate() for _ in range(contacts.DAILY_REQUESTS + 1)]
    # 20 requests sent within the last 24 hours (one older than a day does not count)
    old = ContactRequest(
        employer_id=employer.id,
        organisation_id=1,
        graduate_id=grads[0].id,
        message="old",
        status="declined",
        created_at=utcnow() - timedelta(days=1, minutes=1),
    )
    db.session.add(old)
    for grad in grads[: contacts.DAILY_REQUESTS]:
        db.session.add(
            ContactRequest(
                employer_id=employer.id,
                organisation_id=1,
                graduate_id=grad.id,
                message="m",
                status="declined",
                created_at=utcnow() - timedelta(hours=2),
            )
        )
    db.session.commit()
    response = client.post(
        "/api/v1/contact-requests",
        json={"graduate_id": grads[-1].id, "message": "one more"},
        headers=auth_header(employer),
    )
    assert response.status_code == 429
    assert response.get_json()["error"]["code"] == "rate_limited"
    assert count(ContactRequest) == contacts.DAILY_REQUESTS + 1


def test_abuse_report_declines_and_staff_can_suspend(
    client, auth_header, make_user, make_employer, make_graduate
):

    grad = make_graduate()
    employer = make_employer()
    rid = client.post(
        "/api/v1/contact-requests",
        json={"graduate_id": grad.id, "message": "Rude"},
        headers=auth_header(employer),
    ).get_json()["id"]
    assert (
        client.post(
            f"/api/v1/contact-requests/{rid}/report", json={"reason": ""}, headers=auth_header(grad)
        ).status_code
        == 422
    )
    assert (
        client.post(
            f"/api/v1/contact-requests/{rid}/report",
            json={"reason": "Insultant"},
            headers=auth_header(employer),
        ).status_code
        == 404
    )  # only the graduate reports
    assert (
        client.post(
            f"/api/v1/contact-requests/{rid}/report",
            json={"reason": "Insultant"},
            headers=auth_header(grad),
        ).status_code
        == 201
    )
    assert db.session.get(ContactRequest, rid).status == "declined"
    report = db.session.scalars(db.select(AbuseReport)).one()
    staff = make_user(roles=("staff",))
    contacts.handle_report(
        report.id, actor=staff, outcome="Avertissement et suspension", suspend_organisation=True
    )
    db.session.commit()
    assert client.get("/api/v1/directory", headers=auth_header(employer)).status_code == 403
    assert report.handled_by_id == staff.id


def test_openapi_documents_the_directory(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "/api/v1/directory" in spec["paths"]
    assert "/api/v1/contact-requests" in spec["paths"]
    assert "GraduateCardOut" in spec["components"]["schemas"]


def test_pending_pair_is_constraint_backed(app, make_employer, make_graduate):
    """Two concurrent requests to the same graduate: the database keeps one pending row."""
    from sqlalchemy.exc import IntegrityError

    from school101.services.directory.organisations import organisation_of

    grad = make_graduate()
    employer = make_employer()
    org = organisation_of(employer)
    db.session.add(
        ContactRequest(
            employer_id=employer.id,
            organisation_id=org.id,
            graduate_id=grad.id,
            message="a",
            status="pending",
        )
    )
    db.session.commit()
    db.session.add(
        ContactRequest(
            employer_id=employer.id,
            organisation_id=org.id,
            graduate_id=grad.id,
            message="b",
            status="pending",
        )
    )
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    db.session.add(
        ContactRequest(
            employer_id=employer.id,
            organisation_id=org.id,
            graduate_id=grad.id,
            message="c",
            status="declined",
        )
    )
    db.session.commit()  # answered requests do not count
    assert count(ContactRequest) == 2


class TestEndpointLimiter:
    """Flask-Limiter on the contact endpoints (on real Redis), on top of the per-employer daily cap."""

    @pytest.fixture
    def app_config(self, app_config, redis_url):
        return {**app_config, "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": redis_url}

    @pytest.mark.redis
    def test_contact_endpoint_is_rate_limited(
        self, client, auth_header, make_employer, make_graduate
    ):
        grad = make_graduate()
        headers = auth_header(make_employer())
        codes = [
            client.post(
                "/api/v1/contact-requests",
                json={"graduate_id": grad.id, "message": ""},
                headers=headers,
            ).status_code
            for _ in range(11)
        ]
        assert codes[:10] == [422] * 10 and codes[10] == 429
        response = client.post(
            "/api/v1/contact-requests",
            json={"graduate_id": grad.id, "message": "x"},
            headers=headers,
        )
        assert (
            response.status_code == 429 and response.get_json()["error"]["code"] == "rate_limited"
        )
        assert count(ContactRequest) == 0

    @pytest.mark.redis
    def test_contact_form_is_rate_limited(self, client, make_employer, make_graduate):
        from tests.conftest import login

        grad = make_graduate()
        login(client, make_employer().email)
        codes = [
            client.post(f"/directory/graduates/{grad.id}", data={"message": ""}).status_code
            for _ in range(11)
        ]
        assert codes[:10] == [422] * 10 and codes[10] == 429


def test_no_new_request_after_a_refusal(client, auth_header, make_employer, make_graduate):
    from school101.services.directory.organisations import organisation_of

    grad = make_graduate()
    employer = make_employer()
    colleague = make_employer(organisation_of(employer))
    rid = client.post(
        "/api/v1/contact-requests",
        json={"graduate_id": grad.id, "message": "1"},
        headers=auth_header(employer),
    ).get_json()["id"]
    client.post(
        f"/api/v1/contact-requests/{rid}/respond",
        json={"answer": "decline"},
        headers=auth_header(grad),
    )
    for who in (employer, colleague):
        again = client.post(
            "/api/v1/contact-requests",
            json={"graduate_id": grad.id, "message": "2"},
            headers=auth_header(who),
        )
        assert again.status_code == 409 and again.get_json()["error"]["code"] == "declined_recently"
