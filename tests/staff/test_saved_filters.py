"""Saved filters per staff member (issue 16): saved from a list page and applied by a link,
deleted, only the page's filter keys kept, the caller's own only (page and API)."""

from __future__ import annotations

import pytest

from school101.core.errors import Conflict
from school101.extensions import db
from school101.models import SavedFilter
from school101.services.identity import saved_filters
from tests.conftest import count
from tests.fixtures.people import client_for


def _text(response) -> str:
    return response.get_data(as_text=True)


def _rows(user) -> list[SavedFilter]:
    db.session.expire_all()
    return list(db.session.scalars(db.select(SavedFilter).where(SavedFilter.user_id == user.id)))


def _save(client, name, query="status=invited", next_url="/staff/applications?status=invited"):
    return client.post(
        "/staff/saved-filters",
        data={"page_key": "applications", "name": name, "query": query, "next": next_url},
    )


def test_save_apply_and_delete_a_filter_from_the_applications_page(
    app, staff, staff_client, make_user, make_campaign, make_application
):
    campaign = make_campaign()
    make_application(campaign=campaign, status="invited")
    page = _text(staff_client.get(f"/staff/applications?campaign={campaign.id}&status=invited"))
    # the form saves the list's filters (the page number is no filter)
    assert 'name="query" value="campaign=' in page and "status=invited" in page
    assert "aucun pour l" in page  # no saved filter yet
    r = _save(
        staff_client,
        "  Invités de Lyon ",
        query=f"campaign={campaign.id}&status=invited&place=69&page=3&evil=1&csrf_token=x",
        next_url=f"/staff/applications?campaign={campaign.id}&status=invited",
    )
    assert r.status_code == 302
    assert r.location.endswith(
        f"/staff/applications?campaign={campaign.id}&status=invited#saved-filters"
    )
    (row,) = _rows(staff)
    row_id = row.id
    assert row.name == "Invités de Lyon" and row.page_key == "applications"
    assert row.query == f"campaign={campaign.id}&place=69&status=invited"
    page = _text(staff_client.get(f"/staff/applications?campaign={campaign.id}&status=invited"))
    assert "Le filtre « Invités de Lyon » est enregistré." in page
    assert (
        f'href="/staff/applications?campaign={campaign.id}&amp;place=69&amp;status=invited"' in page
    )
    assert 'aria-label="Supprimer le filtre enregistré : Invités de Lyon"' in page
    # applied: the link is the current list, marked as such
    page = _text(
        staff_client.get(f"/staff/applications?campaign={campaign.id}&place=69&status=invited")
    )
    assert 'status=invited" aria-current="true">Invités de Lyon</a>' in page

    # refusals: same name (any case), no name, too long, nothing to save, unknown page
    for name, query, message in (
        ("invités de lyon", "status=applied", "Vous avez déjà un filtre de ce nom."),
        ("   ", "status=applied", "Donnez un nom au filtre."),
        ("x" * 61, "status=applied", "60 caractères au maximum."),
        ("Rien", "page=2&evil=1", "Il n&#39;y a aucun filtre à enregistrer"),
    ):
        r = _save(staff_client, name, query=query)
        assert r.status_code == 302
        assert message in _text(staff_client.get(r.location.split("#")[0])), name
    r = staff_client.post(
        "/staff/saved-filters",
        data={"page_key": "nope", "name": "X", "query": "status=invited", "next": "/staff/"},
    )
    assert "Ces filtres ne peuvent pas être enregistrés." in _text(staff_client.get("/staff/"))
    assert len(_rows(staff)) == 1

    # the way back is a page of this site, never elsewhere
    for evil in ("https://evil.example/", "//evil.example/x", "/\\evil.example", "/nowhere/at/all"):
        r = _save(staff_client, f"Autre {len(evil)}", next_url=evil)
        assert r.location.endswith("/staff/applications#saved-filters"), evil

    # another staff member neither sees nor deletes it
    other = make_user("other.staff@example.org", roles=("staff",), profile=False, consent=False)
    other_client = client_for(app, other)
    page = _text(other_client.get(f"/staff/applications?campaign={campaign.id}"))
    assert "Invités de Lyon" not in page
    assert other_client.post(f"/staff/saved-filters/{row_id}/delete").status_code == 404
    assert any(r.id == row_id for r in _rows(staff))

    r = staff_client.post(
        f"/staff/saved-filters/{row_id}/delete",
        data={"next": f"/staff/applications?campaign={campaign.id}"},
    )
    assert r.status_code == 302 and r.location.endswith("#saved-filters")
    assert row_id not in {r.id for r in _rows(staff)}
    assert staff_client.post(f"/staff/saved-filters/{row_id}/delete").status_code == 404


def test_twenty_filters_per_page_at_most(app, staff, request_ctx):
    for n in range(saved_filters.PER_PAGE_MAX):
        saved_filters.save_filter(staff, "applications", f"Filtre {n}", f"status=invited&q={n}")
    db.session.commit()
    with pytest.raises(Conflict) as refused:
        saved_filters.save_filter(staff, "applications", "Un de trop", "status=applied")
    assert refused.value.code == "limit"
    db.session.rollback()
    assert count(SavedFilter) == saved_filters.PER_PAGE_MAX


def test_saved_filters_api_is_the_callers_own(app, staff, auth_header, make_user):
    client = app.test_client()
    headers = auth_header(staff)
    r = client.post(
        "/api/v1/saved-filters",
        json={"page_key": "applications", "name": "Logique", "query": "sort=logic&page=2&x=1"},
        headers=headers,
    )
    assert r.status_code == 201, r.json
    created = r.json
    assert created["query"] == "sort=logic" and created["name"] == "Logique"
    r = client.get("/api/v1/saved-filters?page_key=applications", headers=headers)
    assert [f["id"] for f in r.json] == [created["id"]]
    # bad input: 422 / 409 with field messages, nothing written
    for body, status, fieldname in (
        ({"page_key": "applications", "name": "", "query": "sort=logic"}, 422, "name"),
        ({"page_key": "nope", "name": "X", "query": "sort=logic"}, 422, "page_key"),
        ({"page_key": "applications", "name": "X", "query": "evil=1"}, 422, "query"),
        ({"page_key": "applications", "name": "LOGIQUE", "query": "sort=memory"}, 409, "name"),
        ({"page_key": "applications", "query": "sort=memory"}, 422, "name"),
    ):
        r = client.post("/api/v1/saved-filters", json=body, headers=headers)
        assert r.status_code == status and fieldname in r.json["error"]["fields"], (body, r.json)
    assert count(SavedFilter) == 1
    # someone else's: not listed, not deletable (404, as a missing one)
    other = make_user("other.staff@example.org", roles=("staff",), profile=False, consent=False)
    other_headers = auth_header(other)
    assert client.get("/api/v1/saved-filters", headers=other_headers).json == []
    r = client.delete(f"/api/v1/saved-filters/{created['id']}", headers=other_headers)
    assert r.status_code == 404 and r.json["error"]["code"] == "not_found"
    # candidates have no saved filters
    candidate = make_user("cand@example.org")
    assert client.get("/api/v1/saved-filters", headers=auth_header(candidate)).status_code == 403
    r = client.delete(f"/api/v1/saved-filters/{created['id']}", headers=headers)
    assert r.status_code == 204 and count(SavedFilter) == 0


def test_erasing_a_staff_account_deletes_their_saved_filters(app, staff, make_user, request_ctx):
    from school101.services.privacy.rights import erase_account

    saved_filters.save_filter(staff, "applications", "Recherche", "q=Dupont")
    db.session.commit()
    admin = make_user("boss@example.org", roles=("admin",), profile=False, consent=False)
    erase_account(staff, actor=admin)
    db.session.commit()
    assert count(SavedFilter) == 0  # a saved search may hold the names it looked for
