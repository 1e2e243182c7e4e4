"""Roles x routes: every staff and admin page and endpoint, for anonymous, candidate, employer,
staff and admin. Refused requests write nothing and leak nothing."""

from __future__ import annotations

import pytest

from school101.extensions import db
from school101.models import (
    ApplicationNote,
    AuditLog,
    Campaign,
    EligibilityException,
    OutboxMail,
    User,
)
from school101.services.messaging import outbox as mail
from tests.conftest import count, login

CAMPAIGN_FORM = {
    "name": "Campagne X",
    "opens_at": "2030-05-02T09:00",
    "closes_at": "2030-06-30T23:59",
    "age_min": "18",
    "age_max": "30",
    "age_reference_date": "2030-10-01",
    "memory_attempts": "2",
    "memory_levels": "12",
    "logic_attempts": "2",
    "logic_levels": "10",
    "invitations_planned": "400",
}
CAMPAIGN_JSON = {
    "name": "Campagne X",
    "opens_at": "2030-05-02T09:00:00+02:00",
    "closes_at": "2030-06-30T23:59:00+02:00",
    "age_min": 18,
    "age_max": 30,
    "age_reference_date": "2030-10-01",
    "memory_attempts": 2,
    "memory_levels": 12,
    "logic_attempts": 2,
    "logic_levels": 10,
    "invitations_planned": 400,
}

# (method, url template, body) -- {c} campaign, {a} application, {m} mail, {u} user ids
STAFF_PAGES = [
    ("GET", "/staff/", None),
    ("GET", "/staff/campaigns", None),
    ("GET", "/staff/campaigns/new", None),
    ("POST", "/staff/campaigns/new", CAMPAIGN_FORM),
    ("GET", "/staff/campaigns/{c}/edit", None),
    (
        "POST",
        "/staff/campaigns/{c}/edit",
        dict(
            CAMPAIGN_FORM, name="Renamed", opens_at="2031-05-02T09:00", closes_at="2031-06-30T23:59"
        ),
    ),
    ("POST", "/staff/campaigns/{c}/exceptions", {"email": "senior@example.org", "reason": "r"}),
    ("GET", "/staff/applications", None),
    ("GET", "/staff/applications/export.csv", None),
    ("GET", "/staff/applications/{a}", None),
    ("POST", "/staff/applications/{a}/notes", {"body": "note"}),
    ("POST", "/staff/applications/{a}/exception", {"reason": "r"}),
    ("POST", "/staff/applications/{a}/decision", {"status": "invited", "reason": "r"}),
    ("GET", "/staff/outbox", None),
    ("GET", "/staff/outbox/{m}", None),
    ("GET", "/staff/audit", None),
]
ADMIN_PAGES = [
    ("GET", "/admin/users", None),
    ("GET", "/admin/users/new", None),
    (
        "POST",
        "/admin/users/new",
        {"email": "new.staff@example.org", "password": "a long password 1", "roles": ["staff"]},
    ),
    ("GET", "/admin/users/{u}", None),
    ("POST", "/admin/users/{u}", {"roles": ["candidate", "staff"], "reason": "promotion"}),
]
STAFF_API = [
    ("GET", "/api/v1/campaigns", None),
    ("POST", "/api/v1/campaigns", CAMPAIGN_JSON),
    ("GET", "/api/v1/campaigns/{c}", None),
    ("PATCH", "/api/v1/campaigns/{c}", {"name": "Renamed"}),
    ("GET", "/api/v1/staff/funnel", None),
    ("GET", "/api/v1/applications", None),
    ("GET", "/api/v1/applications/export", None),
    ("GET", "/api/v1/applications/{a}", None),
    ("POST", "/api/v1/applications/{a}/notes", {"body": "note"}),
    ("POST", "/api/v1/applications/{a}/decision", {"status": "invited", "reason": "r"}),
    ("GET", "/api/v1/eligibility-exceptions", None),
    ("POST", "/api/v1/eligibility-exceptions", {"application_id": 0, "reason": "r"}),
    ("GET", "/api/v1/staff/outbox", None),
    ("GET", "/api/v1/staff/outbox/{m}", None),
    ("GET", "/api/v1/staff/audit", None),
]
ADMIN_API = [
    ("GET", "/api/v1/admin/users", None),
    (
        "POST",
        "/api/v1/admin/users",
        {"email": "new.staff@example.org", "password": "a long password 1", "roles": ["staff"]},
    ),
    ("GET", "/api/v1/admin/users/{u}", None),
    (
        "PUT",
        "/api/v1/admin/users/{u}/roles",
        {"roles": ["candidate", "staff"], "reason": "promotion"},
    ),
]


@pytest.fixture
def world(make_user, make_campaign, make_application):
    """Another candidate's application, a campaign and a mail to them."""
    other = make_user("other@example.org", first_name="Secret", last_name="Person")
    make_user("senior@example.org", first_name="Senior")
    campaign = make_campaign()
    application = make_application(other, campaign, motivation="private motivation text")
    mail.send(
        to=other.email, kind="confirm_email", subject="Bienvenue", body="private body", user=other
    )
    db.session.commit()
    mail_id = db.session.scalars(db.select(OutboxMail.id)).first()
    return {"c": campaign.id, "a": application.id, "m": mail_id, "u": other.id, "user": other}


def _url(template: str, world) -> str:
    return template.format(c=world["c"], a=world["a"], m=world["m"], u=world["u"])


def _body(body, world):
    if isinstance(body, dict) and body.get("application_id") == 0:
        return dict(body, application_id=world["a"])
    return body


def _snapshot():
    return (
        count(ApplicationNote),
        count(EligibilityException),
        count(Campaign),
        count(User),
        db.session.scalars(db.select(Campaign.name)).all(),
        db.session.scalars(
            db.select(AuditLog.action).where(AuditLog.action != "token.created")
        ).all(),
    )


def _page(client, method, url, body):
    if method == "GET":
        return client.get(url)
    return client.post(url, data=body)


def _api(client, method, url, body, headers=None):
    return client.open(url, method=method, json=body, headers=headers or {})


def _ids(routes):
    return [f"{m} {u}" for m, u, _ in routes]


# ---------------------------------------------------------------- anonymous


@pytest.mark.parametrize(
    "method, url, body", STAFF_PAGES + ADMIN_PAGES, ids=_ids(STAFF_PAGES + ADMIN_PAGES)
)
def test_anonymous_pages_redirect_to_login(client, world, method, url, body):
    before = _snapshot()
    r = _page(client, method, _url(url, world), body)
    assert r.status_code == 302 and "/auth/login" in r.headers["Location"]
    assert _snapshot() == before


@pytest.mark.parametrize(
    "method, url, body", STAFF_API + ADMIN_API, ids=_ids(STAFF_API + ADMIN_API)
)
def test_anonymous_api_is_401_json(client, world, method, url, body):
    before = _snapshot()
    r = _api(client, method, _url(url, world), _body(body, world))
    assert r.status_code == 401 and r.is_json and r.json["error"]["code"] == "unauthorized"
    r = _api(
        client, method, _url(url, world), _body(body, world), {"Authorization": "Bearer forged"}
    )
    assert r.status_code == 401 and r.is_json
    assert _snapshot() == before


# ---------------------------------------------------------------- candidates and employers


@pytest.mark.parametrize("role", ["candidate", "employer"])
def test_non_staff_get_403_on_every_staff_and_admin_page(app, world, make_user, role):
    user = make_user(f"{role}1@example.org", roles=(role,))
    client = app.test_client()
    login(client, user.email)
    before = _snapshot()
    for method, url, body in STAFF_PAGES + ADMIN_PAGES:
        r = _page(client, method, _url(url, world), body)
        assert r.status_code == 403, (method, url, r.status_code)
        page = r.get_data(as_text=True)
        assert "other@example.org" not in page and "private" not in page and "Secret" not in page
    assert _snapshot() == before


@pytest.mark.parametrize("role", ["candidate", "employer"])
def test_non_staff_tokens_get_403_json_on_every_staff_and_admin_endpoint(
    client, world, make_user, auth_header, role
):
    user = make_user(f"{role}2@example.org", roles=(role,))
    headers = auth_header(user)
    before = _snapshot()
    for method, url, body in STAFF_API + ADMIN_API:
        r = _api(client, method, _url(url, world), _body(body, world), headers)
        assert r.status_code == 403, (method, url, r.status_code, r.data[:300])
        assert r.is_json and r.json["error"]["code"] == "forbidden"
        assert "other@example.org" not in r.get_data(as_text=True)
    assert _snapshot() == before


def test_candidate_bad_body_still_gets_403_not_422(client, world, candidate, auth_header):
    """Authorisation is checked before the body: a candidate learns nothing from validation."""
    r = client.post("/api/v1/campaigns", json={"nonsense": True}, headers=auth_header(candidate))
    assert r.status_code == 403
    r = client.get("/api/v1/applications?status=bogus", headers=auth_header(candidate))
    assert r.status_code == 403


# ---------------------------------------------------------------- staff and admin


def test_staff_get_403_on_admin_pages_and_endpoints(
    staff_client, client, staff, world, auth_header
):
    before = _snapshot()
    for method, url, body in ADMIN_PAGES:
        r = _page(staff_client, method, _url(url, world), body)
        assert r.status_code == 403, (method, url)
    headers = auth_header(staff)
    for method, url, body in ADMIN_API:
        r = _api(client, method, _url(url, world), body, headers)
        assert r.status_code == 403 and r.is_json, (method, url)
    assert _snapshot() == before
    assert db.session.get(User, world["u"]).roles == ["candidate"]


@pytest.mark.parametrize("who", ["staff", "admin"])
def test_staff_and_admin_reach_every_staff_page(app, world, make_user, who):
    user = make_user(f"{who}9@example.org", roles=(who,), profile=False, consent=False)
    client = app.test_client()
    login(client, user.email)
    for method, url, body in STAFF_PAGES:
        r = _page(client, method, _url(url, world), body)
        assert r.status_code in (200, 302), (method, url, r.status_code)
        if r.status_code == 302:
            assert "/auth/login" not in r.headers["Location"]


@pytest.mark.parametrize("who", ["staff", "admin"])
def test_staff_and_admin_tokens_reach_every_staff_endpoint(
    client, world, make_user, auth_header, who
):
    user = make_user(f"{who}8@example.org", roles=(who,), profile=False, consent=False)
    headers = auth_header(user)
    for method, url, body in STAFF_API:
        r = _api(client, method, _url(url, world), _body(body, world), headers)
        assert r.status_code in (200, 201), (method, url, r.status_code, r.data[:300])


def test_admin_reaches_every_admin_page_and_endpoint(
    admin_client, client, admin, world, auth_header
):
    for method, url, body in ADMIN_PAGES:
        r = _page(admin_client, method, _url(url, world), body)
        assert r.status_code in (200, 302), (method, url, r.status_code)
    headers = auth_header(admin)
    for method, url, body in ADMIN_API:
        if method == "POST":
            body = dict(body, email="api.staff@example.org")
        if method == "PUT":
            body = dict(body, roles=["candidate", "employer"])
        r = _api(client, method, _url(url, world), body, headers)
        assert r.status_code in (200, 201), (method, url, r.status_code, r.data[:300])


# ---------------------------------------------------------------- CSRF on the real forms


def test_forms_refuse_posts_without_csrf_token(app, world, staff):
    """With CSRF on (as in production), a forged POST is refused and writes nothing."""
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    page = client.get("/auth/login").get_data(as_text=True)
    token = page.split('name="csrf_token"')[1].split('value="')[1].split('"')[0]
    r = client.post(
        "/auth/login",
        data={"email": staff.email, "password": "correct horse battery", "csrf_token": token},
    )
    assert r.status_code == 302
    before = _snapshot()
    for method, url, body in STAFF_PAGES:
        if method == "POST":
            r = client.post(_url(url, world), data=body)
            assert r.status_code in (400, 422), (url, r.status_code)
    assert _snapshot() == before
    # the page's own form carries a token and works
    page = client.get(_url("/staff/applications/{a}", world)).get_data(as_text=True)
    form = page.split(f'action="/staff/applications/{world["a"]}/notes"')[1]
    token = form.split('name="csrf_token"')[1].split('value="')[1].split('"')[0]
    r = client.post(
        _url("/staff/applications/{a}/notes", world), data={"body": "ok", "csrf_token": token}
    )
    assert r.status_code == 302 and count(ApplicationNote) == 1
