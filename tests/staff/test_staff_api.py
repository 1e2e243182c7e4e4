"""The staff and admin API twins: shapes, validation, audit, OpenAPI."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from school101.extensions import db
from school101.models import (
    Application,
    ApplicationNote,
    AuditLog,
    Campaign,
    EligibilityException,
    User,
)
from tests.conftest import count

CAMPAIGN = {
    "name": "Campagne 2030",
    "opens_at": "2030-05-02T09:00:00+02:00",
    "closes_at": "2030-06-30T23:59:00+02:00",
    "age_min": 18,
    "age_max": 30,
    "age_reference_date": "2030-10-01",
    "memory_attempts": 2,
    "memory_levels": 12,
    "logic_attempts": 3,
    "logic_levels": 10,
    "invitations_planned": 400,
}


@pytest.fixture
def staff_h(staff, auth_header):
    return auth_header(staff)


@pytest.fixture
def admin_h(admin, auth_header):
    return auth_header(admin)


def _audits(action):
    return list(db.session.scalars(db.select(AuditLog).where(AuditLog.action == action)))


def _aware(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    assert value.tzinfo is not None, text
    return value


# ---------------------------------------------------------------- campaigns


def test_create_list_get_and_patch_campaign(client, staff, staff_h):
    r = client.post("/api/v1/campaigns", json=CAMPAIGN, headers=staff_h)
    assert r.status_code == 201, r.json
    body = r.json
    assert _aware(body["opens_at"]) == datetime(2030, 5, 2, 7, 0, tzinfo=UTC)
    assert body["opens_at"].endswith("+00:00") and body["logic_attempts"] == 3
    assert body["eligibility"] == {"age_min": 18, "age_max": 30, "age_reference_date": "2030-10-01"}
    cid = body["id"]
    assert [c["id"] for c in client.get("/api/v1/campaigns", headers=staff_h).json] == [cid]
    assert client.get(f"/api/v1/campaigns/{cid}", headers=staff_h).json["name"] == "Campagne 2030"
    assert client.get("/api/v1/campaigns/999", headers=staff_h).status_code == 404
    r = client.patch(f"/api/v1/campaigns/{cid}", json={"invitations_planned": 380}, headers=staff_h)
    assert (
        r.status_code == 200
        and r.json["invitations_planned"] == 380
        and r.json["name"] == "Campagne 2030"
    )
    created, updated = _audits("campaign.created"), _audits("campaign.updated")
    assert created[0].actor_id == staff.id and updated[0].actor_id == staff.id
    assert json.loads(updated[0].before)["invitations_planned"] == 400


def test_campaign_bad_input_is_422_per_field_and_writes_nothing(client, staff_h, make_campaign):
    r = client.post(
        "/api/v1/campaigns",
        json={**CAMPAIGN, "opens_at": "2030-05-02T09:00:00", "age_min": "18", "extra": 1},
        headers=staff_h,
    )
    assert r.status_code == 422
    assert {"opens_at", "age_min", "extra"} <= set(r.json["error"]["fields"])
    r = client.post(
        "/api/v1/campaigns",
        json={**CAMPAIGN, "closes_at": "2030-04-01T00:00:00+02:00", "age_max": 16},
        headers=staff_h,
    )
    assert r.status_code == 422 and {"closes_at", "age_max"} <= set(r.json["error"]["fields"])
    r = client.post(
        "/api/v1/campaigns", data="{oops", content_type="application/json", headers=staff_h
    )
    assert r.status_code == 400 and r.is_json
    assert count(Campaign) == 0
    campaign = make_campaign(name="Inchangée")
    audits = count(AuditLog)
    r = client.patch(
        f"/api/v1/campaigns/{campaign.id}", json={"name": "", "memory_levels": 99}, headers=staff_h
    )
    assert r.status_code == 422 and r.json["error"]["code"] == "validation_error"
    r = client.patch(f"/api/v1/campaigns/{campaign.id}", json={"age_min": 40}, headers=staff_h)
    assert r.status_code == 422 and "age_max" in r.json["error"]["fields"]
    db.session.expire_all()
    assert db.session.get(Campaign, campaign.id).name == "Inchangée"
    assert db.session.get(Campaign, campaign.id).age_min == 18
    assert count(AuditLog) == audits


# ---------------------------------------------------------------- funnel and applications


def test_funnel(client, staff_h, make_campaign, make_application):
    campaign = make_campaign()
    make_application(campaign=campaign)
    r = client.get("/api/v1/staff/funnel", headers=staff_h)
    assert r.status_code == 200
    steps = {s["key"]: s["count"] for s in r.json["steps"]}
    assert steps["applied"] == 1 and r.json["campaign"]["id"] == campaign.id
    assert (
        client.get(f"/api/v1/staff/funnel?campaign_id={campaign.id}", headers=staff_h).status_code
        == 200
    )
    assert client.get("/api/v1/staff/funnel?campaign_id=77", headers=staff_h).status_code == 404


def test_funnel_without_campaign_is_404(client, staff_h):
    r = client.get("/api/v1/staff/funnel", headers=staff_h)
    assert r.status_code == 404 and r.json["error"]["code"] == "no_campaign"


def test_applications_list_filters_and_pagination(
    client, staff_h, make_campaign, make_user, make_application
):
    campaign = make_campaign(age_reference_date=date(2026, 6, 30))
    for n in range(5):
        make_application(
            make_user(
                last_name=f"Nom{n}",
                postcode="69001" if n % 2 else "38000",
                birth_date=date(2003, 1, 1),
            ),
            campaign,
            memory_score=n * 10,
        )
    r = client.get("/api/v1/applications?per_page=2&sort=memory&direction=desc", headers=staff_h)
    assert r.status_code == 200
    assert set(r.json) == {"items", "page", "per_page", "total", "campaign_id"}
    assert (r.json["page"], r.json["per_page"], r.json["total"]) == (1, 2, 5)
    assert [i["memory_score"] for i in r.json["items"]] == [40, 30]
    item = r.json["items"][0]
    assert item["age"] == 23 and item["age_band"] == "21-25" and item["department"] == "38"
    _aware(item["created_at"])
    r = client.get(
        "/api/v1/applications?page=3&per_page=2&sort=memory&direction=desc", headers=staff_h
    )
    assert [i["memory_score"] for i in r.json["items"]] == [0]
    r = client.get("/api/v1/applications?place=69&memory_min=15", headers=staff_h)
    assert r.json["total"] == 1 and r.json["items"][0]["last_name"] == "Nom3"
    r = client.get("/api/v1/applications?q=nom4", headers=staff_h)
    assert [i["last_name"] for i in r.json["items"]] == ["Nom4"]
    assert client.get("/api/v1/applications?per_page=5000", headers=staff_h).json["per_page"] == 200


@pytest.mark.parametrize(
    "query, field",
    [
        ("status=bogus", "status"),
        ("age_band=99", "age_band"),
        ("memory_min=-1", "memory_min"),
        ("page=0", "page"),
        ("per_page=abc", "per_page"),
        ("sort=email", "sort"),
        ("place=Lyon", "place"),
    ],
)
def test_applications_bad_query_is_422_json(client, staff_h, make_campaign, query, field):
    make_campaign()
    r = client.get(f"/api/v1/applications?{query}", headers=staff_h)
    assert r.status_code == 422 and r.is_json
    assert field in r.json["error"]["fields"]


def test_applications_export_csv(client, staff_h, make_campaign, make_user, make_application):
    campaign = make_campaign()
    make_application(make_user(last_name="=HYPERLINK(1)", postcode="69001"), campaign)
    make_application(make_user(last_name="Autre", postcode="38000"), campaign)
    r = client.get("/api/v1/applications/export?place=69", headers=staff_h)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv")
    text = r.data.decode("utf-8")
    assert text.startswith("\ufeff") and "'=HYPERLINK(1)" in text and "Autre" not in text
    assert len(_audits("applications.exported")) == 1


def test_application_detail_note_decision_and_exception(
    client, staff, staff_h, make_campaign, make_application, make_user
):
    campaign = make_campaign()
    application = make_application(campaign=campaign)
    r = client.get(f"/api/v1/applications/{application.id}", headers=staff_h)
    assert r.status_code == 200
    body = r.json
    assert body["email"] == application.user.email and body["games"] == {"memory": [], "logic": []}
    assert body["profile"]["postcode"] == "69003" and body["notes"] == []
    assert client.get("/api/v1/applications/424242", headers=staff_h).status_code == 404

    r = client.post(
        f"/api/v1/applications/{application.id}/notes", json={"body": ""}, headers=staff_h
    )
    assert r.status_code == 422 and "body" in r.json["error"]["fields"]
    r = client.post(
        f"/api/v1/applications/{application.id}/notes", json={"body": "x" * 2001}, headers=staff_h
    )
    assert r.status_code == 422
    r = client.post(f"/api/v1/applications/{application.id}/notes", json={}, headers=staff_h)
    assert r.status_code == 422
    assert count(ApplicationNote) == 0
    r = client.post(
        f"/api/v1/applications/{application.id}/notes",
        json={"body": "Bon dossier"},
        headers=staff_h,
    )
    assert (
        r.status_code == 201 and r.json["body"] == "Bon dossier" and r.json["author"] == staff.email
    )
    _aware(r.json["created_at"])

    r = client.post(
        f"/api/v1/applications/{application.id}/decision",
        json={"status": "invited", "reason": " "},
        headers=staff_h,
    )
    assert r.status_code == 422 and "reason" in r.json["error"]["fields"]
    r = client.post(
        f"/api/v1/applications/{application.id}/decision",
        json={"status": "admitted", "reason": "x"},
        headers=staff_h,
    )
    assert r.status_code == 422
    r = client.post(
        f"/api/v1/applications/{application.id}/decision",
        json={"status": "not_selected", "reason": "Scores trop faibles"},
        headers=staff_h,
    )
    assert r.status_code == 200 and r.json["status"] == "not_selected"
    r = client.post(
        f"/api/v1/applications/{application.id}/decision",
        json={"status": "not_selected", "reason": "again"},
        headers=staff_h,
    )
    assert r.status_code == 409

    # exceptions: by application, by user id, by e-mail; a reason is mandatory
    senior = make_user("senior@example.org", birth_date=date(1960, 1, 1))
    r = client.post(
        "/api/v1/eligibility-exceptions",
        json={"email": senior.email, "campaign_id": campaign.id, "reason": ""},
        headers=staff_h,
    )
    assert r.status_code == 422 and "reason" in r.json["error"]["fields"]
    r = client.post(
        "/api/v1/eligibility-exceptions",
        json={"email": senior.email, "reason": "r"},
        headers=staff_h,
    )
    assert r.status_code == 422 and "campaign_id" in r.json["error"]["fields"]
    r = client.post(
        "/api/v1/eligibility-exceptions",
        json={
            "email": senior.email,
            "user_id": senior.id,
            "campaign_id": campaign.id,
            "reason": "r",
        },
        headers=staff_h,
    )
    assert r.status_code == 422
    assert count(EligibilityException) == 0
    r = client.post(
        "/api/v1/eligibility-exceptions",
        json={"email": senior.email, "campaign_id": campaign.id, "reason": "Reconversion"},
        headers=staff_h,
    )
    assert (
        r.status_code == 201
        and r.json["user_id"] == senior.id
        and r.json["granted_by_id"] == staff.id
    )
    r = client.post(
        "/api/v1/eligibility-exceptions",
        json={"user_id": senior.id, "campaign_id": campaign.id, "reason": "again"},
        headers=staff_h,
    )
    assert r.status_code == 409
    r = client.post(
        "/api/v1/eligibility-exceptions",
        json={"user_id": 9999, "campaign_id": campaign.id, "reason": "x"},
        headers=staff_h,
    )
    assert r.status_code == 404
    r = client.post(
        "/api/v1/eligibility-exceptions",
        json={"application_id": application.id, "reason": "Cas particulier"},
        headers=staff_h,
    )
    assert r.status_code == 201
    r = client.get(f"/api/v1/eligibility-exceptions?campaign_id={campaign.id}", headers=staff_h)
    assert r.status_code == 200
    assert [(e["email"], e["reason"]) for e in r.json] == [
        (application.user.email, "Cas particulier"),
        (senior.email, "Reconversion"),
    ]
    assert (
        client.get("/api/v1/eligibility-exceptions?campaign_id=999", headers=staff_h).status_code
        == 404
    )

    detail = client.get(f"/api/v1/applications/{application.id}", headers=staff_h).json
    assert detail["status"] == "not_selected" and detail["notes"][0]["body"] == "Bon dossier"
    assert detail["eligibility_exception"]["reason"] == "Cas particulier"
    actions = [h["action"] for h in detail["history"]]
    assert {
        "application.note_added",
        "application.decided",
        "eligibility.exception_granted",
    } <= set(actions)
    decided = next(h for h in detail["history"] if h["action"] == "application.decided")
    assert decided["before"] == {"status": "applied"} and decided["after"] == {
        "status": "not_selected"
    }
    assert decided["reason"] == "Scores trop faibles" and decided["actor"] == staff.email
    assert db.session.get(Application, application.id).status == "not_selected"


def test_invited_decision_with_a_piscine_session(
    client, staff, staff_h, make_campaign, make_application
):
    """An invitation may name a piscine session: the piscine invitation follows; unknown: 422."""
    application = make_application(campaign=make_campaign())
    from datetime import timedelta

    from school101.models.piscine import Invitation
    from school101.services.piscine.sessions import create_piscine

    piscine = create_piscine(
        {
            "name": "Piscine API",
            "starts_on": date.today() + timedelta(days=7),
            "ends_on": date.today() + timedelta(days=34),
            "capacity": 5,
        },
        actor=staff,
        calendar=[],
    )
    db.session.commit()
    r = client.post(
        f"/api/v1/applications/{application.id}/decision",
        json={"status": "invited", "reason": "x", "piscine_id": 999999},
        headers=staff_h,
    )
    assert (
        r.status_code == 422
        and "piscine_id" in r.json["error"]["fields"]
        and count(Invitation) == 0
    )
    r = client.post(
        f"/api/v1/applications/{application.id}/decision",
        json={"status": "invited", "reason": "Rattrapage", "piscine_id": piscine.id},
        headers=staff_h,
    )
    assert r.status_code == 200 and r.json["status"] == "invited"
    invitations = client.get(f"/api/v1/applications/{application.id}", headers=staff_h).json[
        "piscine_invitations"
    ]
    assert [(i["piscine_id"], i["status"]) for i in invitations] == [(piscine.id, "invited")]


def test_outbox_and_audit_endpoints(client, staff_h, make_user):
    from school101.services.messaging import outbox as mail

    user = make_user("lecteur@example.org")
    mail.send(
        to=user.email, kind="confirm_email", subject="Confirmez", body="https://link", user=user
    )
    db.session.commit()
    r = client.get("/api/v1/staff/outbox", headers=staff_h)
    assert r.status_code == 200 and r.json["total"] == 1 and "body" not in r.json["items"][0]
    mail_id = r.json["items"][0]["id"]
    r = client.get(f"/api/v1/staff/outbox/{mail_id}", headers=staff_h)
    assert r.json["body"] == "https://link" and r.json["to"] == "lecteur@example.org"
    assert client.get("/api/v1/staff/outbox?to=nobody", headers=staff_h).json["total"] == 0
    r = client.get("/api/v1/staff/audit?action=consent.given&per_page=1", headers=staff_h)
    assert r.status_code == 200 and r.json["per_page"] == 1
    assert all(i["action"] == "consent.given" for i in r.json["items"])
    _aware(r.json["items"][0]["at"])


# ---------------------------------------------------------------- admin


def test_admin_lists_creates_and_changes_roles(client, admin, admin_h, make_user):
    cand = make_user("alice@example.org", first_name="Alice", last_name="Durand")
    r = client.get("/api/v1/admin/users?q=alice", headers=admin_h)
    assert r.status_code == 200 and [u["email"] for u in r.json["items"]] == ["alice@example.org"]
    r = client.get("/api/v1/admin/users?role=admin", headers=admin_h)
    assert [u["email"] for u in r.json["items"]] == [admin.email]
    assert client.get("/api/v1/admin/users?role=king", headers=admin_h).status_code == 422

    r = client.post(
        "/api/v1/admin/users",
        json={"email": "Bob@Example.org", "password": "short", "roles": ["staff"]},
        headers=admin_h,
    )
    assert r.status_code == 422 and "password" in r.json["error"]["fields"]
    r = client.post(
        "/api/v1/admin/users",
        json={"email": "bob@example.org", "password": "a long password 1", "roles": ["candidate"]},
        headers=admin_h,
    )
    assert r.status_code == 422 and "roles" in r.json["error"]["fields"]
    r = client.post(
        "/api/v1/admin/users",
        json={
            "email": "bob@example.org",
            "password": "a long password 1",
            "roles": ["staff"],
            "first_name": "Bob",
        },
        headers=admin_h,
    )
    assert (
        r.status_code == 201
        and r.json["roles"] == ["staff"]
        and r.json["email"] == "bob@example.org"
    )
    r = client.post(
        "/api/v1/admin/users",
        json={"email": "BOB@example.org", "password": "a long password 1", "roles": ["staff"]},
        headers=admin_h,
    )
    assert r.status_code == 409
    assert _audits("user.created")[0].actor_id == admin.id

    url = f"/api/v1/admin/users/{cand.id}/roles"
    r = client.put(url, json={"roles": ["candidate", "staff"], "reason": ""}, headers=admin_h)
    assert r.status_code == 422 and "reason" in r.json["error"]["fields"]
    r = client.put(url, json={"roles": ["wizard"], "reason": "x"}, headers=admin_h)
    assert r.status_code == 422
    r = client.put(url, json={"roles": [], "reason": "x"}, headers=admin_h)
    assert r.status_code == 422
    assert db.session.get(User, cand.id).roles == ["candidate"]
    r = client.put(
        url, json={"roles": ["candidate", "staff"], "reason": "Rejoint l'équipe"}, headers=admin_h
    )
    assert r.status_code == 200 and r.json["roles"] == ["candidate", "staff"]
    r = client.put(url, json={"roles": ["staff", "candidate"], "reason": "again"}, headers=admin_h)
    assert r.status_code == 409
    log = _audits("user.roles_changed")[0]
    assert json.loads(log.before) == {"roles": ["candidate"]}
    assert json.loads(log.after) == {"roles": ["candidate", "staff"]}
    assert log.reason == "Rejoint l'équipe" and log.actor_id == admin.id
    # an admin cannot remove their own admin role
    r = client.put(
        f"/api/v1/admin/users/{admin.id}/roles",
        json={"roles": ["staff"], "reason": "oops"},
        headers=admin_h,
    )
    assert r.status_code == 422
    assert (
        client.put(
            "/api/v1/admin/users/9999/roles",
            json={"roles": ["staff"], "reason": "x"},
            headers=admin_h,
        ).status_code
        == 404
    )


def test_role_change_ends_the_users_sessions(client, app, admin_h, make_user, auth_header):
    from tests.conftest import login

    person = make_user("promoted@example.org")
    browser = app.test_client()
    login(browser, person.email)
    assert browser.get("/staff/").status_code == 403
    r = client.put(
        f"/api/v1/admin/users/{person.id}/roles",
        json={"roles": ["staff"], "reason": "embauche"},
        headers=admin_h,
    )
    assert r.status_code == 200
    # the old session is over: log in again to get the new rights
    assert browser.get("/staff/").status_code == 302
    login(browser, person.email)
    assert browser.get("/staff/").status_code == 200


# ---------------------------------------------------------------- OpenAPI


def test_openapi_documents_the_staff_endpoints(client):
    spec = client.get("/api/v1/openapi.json").json
    paths = spec["paths"]
    for path, method in [
        ("/api/v1/campaigns", "get"),
        ("/api/v1/campaigns", "post"),
        ("/api/v1/campaigns/{campaign_id}", "patch"),
        ("/api/v1/staff/funnel", "get"),
        ("/api/v1/applications", "get"),
        ("/api/v1/applications", "post"),
        ("/api/v1/applications/{application_id}", "get"),
        ("/api/v1/applications/{application_id}/notes", "post"),
        ("/api/v1/applications/{application_id}/decision", "post"),
        ("/api/v1/applications/export", "get"),
        ("/api/v1/eligibility-exceptions", "post"),
        ("/api/v1/staff/outbox", "get"),
        ("/api/v1/staff/audit", "get"),
        ("/api/v1/admin/users", "get"),
        ("/api/v1/admin/users", "post"),
        ("/api/v1/admin/users/{user_id}/roles", "put"),
    ]:
        assert method in paths.get(path, {}), (path, method)
    listing = paths["/api/v1/applications"]["get"]
    names = {p["name"] for p in listing["parameters"]}
    assert {
        "status",
        "age_band",
        "situation",
        "place",
        "memory_min",
        "logic_min",
        "q",
        "sort",
        "direction",
        "page",
        "per_page",
        "campaign_id",
    } <= names
    assert listing.get("security") == [{"bearerAuth": []}]
    schemas = spec["components"]["schemas"]
    assert "CampaignIn" in schemas and "ApplicationsPageOut" in schemas


def test_concurrent_decisions_record_exactly_one(
    app, make_user, make_campaign, make_application, auth_header
):
    """Two staff members invite the same person at the same moment (real parallel requests):
    one decision is recorded and audited, the other gets a conflict."""
    import threading

    campaign = make_campaign()
    people = [
        make_user(f"staff{n}@example.org", roles=("staff",), profile=False, consent=False)
        for n in range(2)
    ]
    headers = [auth_header(p) for p in people]
    applications = [make_application(campaign=campaign).id for _ in range(4)]
    for application_id in applications:
        barrier = threading.Barrier(2)
        results = []

        def decide(h, application_id=application_id, barrier=barrier, results=results):
            client = app.test_client()
            barrier.wait()
            r = client.post(
                f"/api/v1/applications/{application_id}/decision",
                json={"status": "invited", "reason": "parallel"},
                headers=h,
            )
            results.append(r.status_code)

        threads = [threading.Thread(target=decide, args=(h,)) for h in headers]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert sorted(results) == [200, 409], results
    db.session.expire_all()
    decided = _audits("application.decided")
    assert len(decided) == len(applications)
    assert all(db.session.get(Application, a).status == "invited" for a in applications)
