"""Bounded integers and plausible dates, declared once (core/bounds.py): ids past the database's
INTEGER (2**31 - 1 on PostgreSQL) are 404s, paging values and ids in bodies are 422s naming the field, dates at the ends of the
calendar are 422s instead of overflowing in the conversion to UTC; the OpenAPI document says so.
"""

from __future__ import annotations

from datetime import date

import pytest

from school101.core import bounds, paging
from school101.extensions import db
from school101.models import Campaign, Piscine
from tests.fixtures.people import bearer

BIG = 2**63  # one past the largest 64-bit integer


@pytest.fixture
def staff_headers(app, make_user):
    return {**bearer(app, make_user(roles=("staff", "admin"))), "Accept-Language": "en"}


def test_parse_id():
    assert bounds.parse_id("42") == 42
    assert bounds.parse_id(str(bounds.ID_MAX)) == bounds.ID_MAX
    for value in (str(BIG), str(2**31), "0", "-1", "1e3", " ", None, "x", True, BIG, 2**31):
        assert bounds.parse_id(value) is None, value


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/games/sessions/{BIG}",
        f"/api/v1/piscines/{BIG}/booking",
        f"/api/v1/me/offers/{BIG}/confirm",
        f"/api/v1/directory/{BIG}",
        f"/api/v1/applications/{BIG}",
        f"/api/v1/auth/tokens/{2**31}",
        f"/api/v1/exams/{2**31}",
    ],
)
def test_an_id_past_the_64_bit_range_is_a_json_404(client, staff_headers, path):
    method = client.post if path.endswith("confirm") else client.get
    method = client.delete if "/tokens/" in path else method
    response = method(path, headers=staff_headers)
    assert response.status_code == 404
    assert response.get_json()["error"]["code"]


def test_an_id_past_the_64_bit_range_is_a_404_page(staff_client):
    for path in (f"/staff/piscines/{BIG}", f"/staff/selection/rounds/{BIG}", f"/exams/{BIG}"):
        assert staff_client.get(path).status_code == 404, path
    # the largest id is still an id: simply unknown
    assert staff_client.get(f"/staff/piscines/{bounds.ID_MAX}").status_code == 404


def test_paging_and_ids_in_queries_and_bodies_are_422_naming_the_field(client, staff_headers):
    r = client.get(f"/api/v1/staff/audit?page={BIG}", headers=staff_headers)
    assert r.status_code == 422 and "page" in r.get_json()["error"]["fields"]
    r = client.get(f"/api/v1/applications?memory_min={BIG}", headers=staff_headers)
    assert r.status_code == 422 and "memory_min" in r.get_json()["error"]["fields"]
    r = client.get(f"/api/v1/decisions?piscine_id={BIG}", headers=staff_headers)
    assert r.status_code == 422 and "piscine_id" in r.get_json()["error"]["fields"]
    r = client.post(
        "/api/v1/eligibility-exceptions",
        json={"reason": "Dossier papier", "user_id": BIG, "campaign_id": 1},
        headers=staff_headers,
    )
    assert r.status_code == 422 and "user_id" in r.get_json()["error"]["fields"]


def test_pages_with_a_huge_page_number_answer(staff_client):
    assert staff_client.get(f"/staff/audit?page={BIG}").status_code == 422
    assert staff_client.get(f"/directory?page={BIG}").status_code == 200
    assert staff_client.get(f"/staff/analytics/?campaign_id={BIG}").status_code == 404


CAMPAIGN = {
    "name": "Campagne 2027",
    "opens_at": "2027-01-05T09:00:00+01:00",
    "closes_at": "2027-03-31T23:59:00+02:00",
    "age_min": 18,
    "age_max": 30,
    "age_reference_date": "2027-03-31",
    "memory_attempts": 2,
    "logic_attempts": 2,
    "memory_levels": 12,
    "logic_levels": 10,
    "invitations_planned": 400,
}


@pytest.mark.parametrize(
    "field, value",
    [
        ("opens_at", "0001-01-01T00:00:00+14:00"),
        ("closes_at", "9999-12-31T23:59:59-14:00"),
        ("age_reference_date", "0001-01-01"),
        ("age_reference_date", "9999-12-31"),
    ],
)
def test_campaign_dates_at_the_ends_of_the_calendar_are_422(client, staff_headers, field, value):
    response = client.post(
        "/api/v1/campaigns", json={**CAMPAIGN, field: value}, headers=staff_headers
    )
    assert response.status_code == 422, response.get_json()
    assert "2000" in response.get_json()["error"]["fields"][field]
    assert db.session.scalar(db.select(db.func.count()).select_from(Campaign)) == 0


PISCINE = {"name": "Piscine", "starts_on": "2027-04-05", "ends_on": "2027-04-30", "capacity": 200}


@pytest.mark.parametrize(
    "field, value",
    [
        ("starts_on", "0001-01-01"),
        ("ends_on", "9999-12-31"),
        ("booking_closes_at", "0001-01-01T00:00:00+14:00"),
        ("cancel_until", "9999-12-31T23:59:59-14:00"),
    ],
)
def test_piscine_dates_at_the_ends_of_the_calendar_are_422(client, staff_headers, field, value):
    response = client.post(
        "/api/v1/piscines", json={**PISCINE, field: value}, headers=staff_headers
    )
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["error"]["fields"]
    assert db.session.scalar(db.select(db.func.count()).select_from(Piscine)) == 0


def test_piscine_settings_dates_are_checked(client, staff_headers, make_piscine):
    piscine = make_piscine()
    response = client.patch(
        f"/api/v1/piscines/{piscine.id}",
        json={"cancel_until": "0001-01-01T00:00:00+14:00"},
        headers=staff_headers,
    )
    assert response.status_code == 422
    assert "cancel_until" in response.get_json()["error"]["fields"]


def test_campaign_form_refuses_year_1_in_french(staff_client):
    form = {
        "name": "Campagne",
        "opens_at": "0001-01-01T00:00",
        "closes_at": "2027-03-31T23:59",
        "age_min": "18",
        "age_max": "30",
        "age_reference_date": "0001-01-01",
        "memory_attempts": "2",
        "logic_attempts": "2",
        "memory_levels": "12",
        "logic_levels": "10",
        "invitations_planned": "400",
    }
    response = staff_client.post("/staff/campaigns/new", data=form)
    assert response.status_code in (200, 422)
    assert "Choisissez une date entre les années 2000 et 2100" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Campaign)) == 0


def test_piscine_form_refuses_year_9999(staff_client):
    form = {
        "name": "Piscine",
        "starts_on": "9999-12-31",
        "ends_on": "9999-12-31",
        "capacity": "10",
        "feedback": "after_deadline",
        "booking_closes_at": "0001-01-01T00:00",
    }
    response = staff_client.post("/staff/piscines/new", data=form)
    assert response.status_code == 422
    assert db.session.scalar(db.select(db.func.count()).select_from(Piscine)) == 0


def test_the_openapi_document_states_the_bounds(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    param = next(
        p
        for p in spec["paths"]["/api/v1/games/sessions/{session_id}"]["parameters"]
        if p["name"] == "session_id"
    )
    assert param["schema"] == {"type": "integer", "minimum": 1, "maximum": bounds.ID_MAX}
    audit = spec["paths"]["/api/v1/staff/audit"]["get"]["parameters"]
    page = next(p for p in audit if p["name"] == "page")
    assert page["schema"]["maximum"] == paging.PAGE_MAX
    body = spec["components"]["schemas"]["ContactRequestIn"]["properties"]["graduate_id"]
    assert body["minimum"] == 1 and body["maximum"] == bounds.ID_MAX


def test_birth_dates_stay_between_1900_and_today(client):
    response = client.post(
        "/api/v1/auth/register",
        json={
            "email": "old@example.org",
            "password": "correct horse battery staple",
            "first_name": "Ada",
            "last_name": "Old",
            "birth_date": date(1, 1, 1).isoformat(),
            "consent": True,
        },
    )
    assert response.status_code == 422
    assert "birth_date" in response.get_json()["error"]["fields"]
