"""GET /api/v1/analytics/...: staff token only, JSON always, small groups hidden."""

from __future__ import annotations

from tests.conftest import bearer


def test_staff_token_gets_the_report(app, client, dataset):
    headers = bearer(app, dataset.staff)
    listing = client.get("/api/v1/analytics/campaigns", headers=headers)
    assert listing.status_code == 200
    assert listing.get_json()["items"][0]["id"] == dataset.campaign.id
    response = client.get(f"/api/v1/analytics/campaigns/{dataset.campaign.id}", headers=headers)
    assert response.status_code == 200
    data = response.get_json()
    assert {s["step"]: s["count"] for s in data["funnel"]}["admitted"] == 5
    situation = next(b for b in data["breakdowns"] if b["dimension"] == "situation")
    employed = next(g for g in situation["groups"] if g["group"] == "employed")
    assert employed["counts"]["applied"] == "<5"
    piscine = data["piscines"][0]
    assert piscine["pass_rates"][0]["exercises"][0] == {
        "exercise": "t00/ex00",
        "graded": 9,
        "passed": 7,
        "rate": 77.8,
    }
    csv = client.get(f"/api/v1/analytics/campaigns/{dataset.campaign.id}/csv", headers=headers)
    assert csv.status_code == 200 and csv.mimetype == "text/csv"


def test_candidate_token_403_no_token_401_unknown_404(app, client, dataset):
    response = client.get(
        f"/api/v1/analytics/campaigns/{dataset.campaign.id}", headers=bearer(app, dataset.a[0])
    )
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "forbidden"
    assert client.get("/api/v1/analytics/campaigns").status_code == 401
    response = client.get("/api/v1/analytics/campaigns/999", headers=bearer(app, dataset.staff))
    assert response.status_code == 404
    assert "error" in response.get_json()


def test_in_the_openapi_document(app, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "/api/v1/analytics/campaigns/{campaign_id}" in spec["paths"]
