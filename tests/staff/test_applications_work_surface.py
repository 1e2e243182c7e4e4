"""The applications list as a work surface (issue 16): filters as chips, the sort state on the
header cell, row selection with a bulk decision (per-row refusals, each decision audited), and
the application page (one screen, j/k through the list it came from, focus kept after actions,
unique ids and labelled fields)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from school101.extensions import db
from school101.models import Application, AuditLog


def _text(response) -> str:
    return response.get_data(as_text=True)


def _decided() -> list[AuditLog]:
    return list(
        db.session.scalars(db.select(AuditLog).where(AuditLog.action == "application.decided"))
    )


def _status(application_id: int) -> str:
    db.session.expire_all()
    return db.session.get(Application, application_id).status


class _Fields(HTMLParser):
    """Every id of a page, the label targets, and the form fields a person fills in."""

    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.label_for: set[str] = set()
        self.fields: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "label" and a.get("for"):
            self.label_for.add(a["for"])
        if tag in ("input", "select", "textarea") and a.get("type") != "hidden":
            self.fields.append(a)


def _parse(html: str) -> _Fields:
    parser = _Fields()
    parser.feed(html)
    return parser


# ---------------------------------------------------------------- the list


def test_filters_show_as_chips_and_the_sort_state_sits_on_the_header_cell(
    staff_client, make_campaign, make_user, make_application
):
    campaign = make_campaign()
    make_application(make_user(last_name="Dupont", postcode="69003"), campaign, status="invited")
    make_application(make_user(last_name="Martin", postcode="75011"), campaign)
    page = _text(
        staff_client.get("/staff/applications?status=invited&place=69&sort=memory&direction=asc")
    )
    assert "Dupont" in page and "Martin" not in page
    # each active filter is a chip whose link removes it and keeps the others
    assert "Statut : Invité·e" in page and "Code postal ou département : 69" in page
    removes = re.findall(r'<li class="chip">([^<]*) <a href="([^"]+)"', page)
    by_label = {label.strip(): url.replace("&amp;", "&") for label, url in removes}
    assert (
        "status=" not in by_label["Statut : Invité·e"]
        and "place=69" in by_label["Statut : Invité·e"]
    )
    assert "sort=memory" in by_label["Statut : Invité·e"]
    # the sort state is on the <th>, never on the link (axe: aria-sort belongs to the header)
    assert re.search(r'<th scope="col" aria-sort="ascending">\s*<a href="[^"]*sort=memory', page)
    assert not re.search(r"<a [^>]*aria-sort", page)
    assert page.count("aria-sort=") == 1
    # the filter bar is closed while the filters are fine, open on an error
    assert '<details class="filter-bar" id="filters">' in page
    bad = staff_client.get("/staff/applications?status=nope")
    assert bad.status_code == 422
    assert '<details class="filter-bar" id="filters" open>' in _text(bad)
    # a dense table with row selection, and the page still exports and paginates
    assert '<table class="dense" id="applications">' in page
    assert 'data-select-all="application_ids"' in page
    assert "/staff/applications/export.csv?" in page


def test_bulk_decision_decides_each_one_audited_and_refuses_per_row(
    staff_client, make_campaign, make_application
):
    campaign = make_campaign()
    ready = make_application(campaign=campaign, status="games_done")
    also_ready = make_application(campaign=campaign, status="applied")
    withdrawn = make_application(campaign=campaign, status="withdrawn")
    already = make_application(campaign=campaign, status="not_selected")
    ids = [ready.id, also_ready.id, withdrawn.id, already.id]
    r = staff_client.post(
        f"/staff/applications/decisions?campaign={campaign.id}&status=games_done&page=1",
        data={
            "bulk-application_ids": [],
            "application_ids": [str(i) for i in ids],
            "bulk-status": "not_selected",
            "bulk-reason": "Places limitées cette année.",
        },
    )
    assert r.status_code == 302
    # back to the same list (its filters), the focus on the bulk form
    assert r.location.endswith("#bulk-decision") and "status=games_done" in r.location
    assert [_status(i) for i in ids] == [
        "not_selected",
        "not_selected",
        "withdrawn",
        "not_selected",
    ]
    rows = _decided()
    assert sorted(a.target_id for a in rows) == sorted([ready.id, also_ready.id])
    assert {a.reason for a in rows} == {"Places limitées cette année."}
    page = _text(staff_client.get(r.location.split("#")[0]))
    assert "2 décisions enregistrées. 2 candidatures ne pouvaient pas la recevoir :" in page
    assert f"Candidature n° {withdrawn.id} : Cette candidature a été retirée." in page
    assert f"Candidature n° {already.id} :" in page


def test_bulk_decision_with_bad_input_changes_nothing(
    staff_client, make_campaign, make_application
):
    campaign = make_campaign()
    one = make_application(campaign=campaign, status="games_done")
    two = make_application(campaign=campaign, status="games_done")
    url = f"/staff/applications/decisions?campaign={campaign.id}"
    ticked = [str(one.id), str(two.id)]
    cases = [
        (
            {"application_ids": ticked, "bulk-status": "not_selected", "bulk-reason": " "},
            "bulk-reason-error",
        ),
        (
            {"application_ids": ticked, "bulk-status": "admitted", "bulk-reason": "ok"},
            "bulk-status-error",
        ),
        (
            {"application_ids": [], "bulk-status": "not_selected", "bulk-reason": "ok"},
            "Cochez au moins une candidature.",
        ),
        (
            {"application_ids": ["abc"], "bulk-status": "not_selected", "bulk-reason": "ok"},
            "Ce ne sont pas des numéros de candidature.",
        ),
        (
            {
                "application_ids": ticked,
                "bulk-status": "not_selected",
                "bulk-reason": "ok",
                "bulk-piscine_id": "999",
            },
            "bulk-piscine_id-error",
        ),
    ]
    for data, shown in cases:
        r = staff_client.post(url, data=data)
        assert r.status_code == 422, data
        page = _text(r)
        assert shown in page, data
        if data["application_ids"] == ticked:  # the ticks are kept for a second try
            assert f'value="{one.id}" id="select-{one.id}" checked' in page
    assert _status(one.id) == _status(two.id) == "games_done"
    assert _decided() == []


def test_bulk_decision_api(app, staff, auth_header, make_campaign, make_application, make_user):
    campaign = make_campaign()
    ready = make_application(campaign=campaign, status="games_done")
    withdrawn = make_application(campaign=campaign, status="withdrawn")
    client = app.test_client()
    headers = auth_header(staff)
    r = client.post(
        "/api/v1/applications/decisions",
        json={
            "application_ids": [ready.id, withdrawn.id, 2**31 - 1],
            "status": "invited",
            "reason": "Bon profil.",
        },
        headers=headers,
    )
    assert r.status_code == 200, r.json
    assert r.json["decided"] == [ready.id]
    assert [x["id"] for x in r.json["refused"]] == [withdrawn.id, 2**31 - 1]
    assert _status(ready.id) == "invited" and len(_decided()) == 1
    # bad input: 422 with field messages, nothing written
    for body, fieldname in (
        ({"application_ids": [], "status": "invited", "reason": "x"}, "application_ids"),
        ({"application_ids": [withdrawn.id], "status": "maybe", "reason": "x"}, "status"),
        ({"application_ids": [withdrawn.id], "status": "invited", "reason": ""}, "reason"),
    ):
        r = client.post("/api/v1/applications/decisions", json=body, headers=headers)
        assert r.status_code == 422 and fieldname in r.json["error"]["fields"], r.json
    assert len(_decided()) == 1
    candidate = make_user("someone@example.org")
    r = client.post(
        "/api/v1/applications/decisions",
        json={"application_ids": [ready.id], "status": "not_selected", "reason": "x"},
        headers=auth_header(candidate),
    )
    assert r.status_code == 403


# ---------------------------------------------------------------- one application


def test_application_page_goes_through_the_list_it_came_from(
    staff_client, make_campaign, make_user, make_application
):
    campaign = make_campaign()
    people = [
        make_application(
            make_user(last_name=name), campaign, status="games_done", memory_score=score
        )
        for name, score in (("Alpha", 10), ("Bravo", 30), ("Charlie", 20))
    ]
    make_application(make_user(last_name="Delta"), campaign, status="applied", memory_score=99)
    alpha, bravo, charlie = people
    # the list sorted by memory (descending), games done only: Bravo, Charlie, Alpha
    listing = _text(staff_client.get("/staff/applications?status=games_done&sort=memory"))
    link = f"/staff/applications/{charlie.id}?status=games_done&amp;sort=memory"
    assert f'href="{link}"' in listing
    page = _text(staff_client.get(link.replace("&amp;", "&")))
    assert "2 sur 3 dans la liste" in page
    assert re.search(
        rf'href="/staff/applications/{bravo.id}\?status=games_done&amp;sort=memory" rel="prev" data-shortcut="k"',
        page,
    )
    assert re.search(
        rf'href="/staff/applications/{alpha.id}\?status=games_done&amp;sort=memory" rel="next" data-shortcut="j"',
        page,
    )
    # a decision moves Charlie out of "games done": back on the page, j/k still go on from it,
    # with the focus on the decision
    r = staff_client.post(
        f"/staff/applications/{charlie.id}/decision?status=games_done&sort=memory",
        data={"status": "invited", "reason": "Très bon jeu de logique."},
    )
    assert r.status_code == 302
    assert r.location.endswith(
        f"/staff/applications/{charlie.id}?status=games_done&sort=memory#decision"
    )
    page = _text(staff_client.get(r.location.split("#")[0]))
    assert f"/staff/applications/{alpha.id}?status=games_done&amp;sort=memory" in page
    # a note comes back to the notes
    r = staff_client.post(
        f"/staff/applications/{charlie.id}/notes?status=games_done&sort=memory",
        data={"body": "Appelée le 3 décembre."},
    )
    assert r.location.endswith("#notes")
    # opened without a list: the campaign's default order (newest first)
    page = _text(staff_client.get(f"/staff/applications/{alpha.id}"))
    assert "4 sur 4 dans la liste" in page and 'data-shortcut="j"' not in page


def test_application_page_has_unique_ids_and_labelled_fields(
    staff_client, make_campaign, make_application
):
    application = make_application(campaign=make_campaign(), status="games_done")
    for response in (
        staff_client.get(f"/staff/applications/{application.id}"),
        # with errors on two forms' fields of the same name ("reason")
        staff_client.post(
            f"/staff/applications/{application.id}/decision", data={"status": "invited"}
        ),
        staff_client.post(f"/staff/applications/{application.id}/exception", data={"reason": ""}),
    ):
        parsed = _parse(_text(response))
        duplicates = {i for i in parsed.ids if parsed.ids.count(i) > 1}
        assert not duplicates, duplicates
        unlabelled = [f for f in parsed.fields if f.get("id") not in parsed.label_for]
        assert not unlabelled, unlabelled
    page = _text(staff_client.get(f"/staff/applications/{application.id}"))
    assert 'id="decision-reason"' in page and 'id="exception-reason"' in page
    assert '<div class="detail-grid">' in page
    assert _decided() == []


def test_applications_list_has_unique_ids_and_labelled_fields(
    staff_client, make_campaign, make_application
):
    campaign = make_campaign()
    for _ in range(3):
        make_application(campaign=campaign, status="games_done", commit=False)
    db.session.commit()
    page = _text(staff_client.get(f"/staff/applications?campaign={campaign.id}&status=games_done"))
    parsed = _parse(page)
    assert not {i for i in parsed.ids if parsed.ids.count(i) > 1}
    unlabelled = [
        f for f in parsed.fields if f.get("id") not in parsed.label_for and not f.get("aria-label")
    ]
    assert not unlabelled, unlabelled


def test_application_page_shows_the_piscine_unless_it_is_blind(
    staff, staff_client, seated, make_campaign, make_application
):
    from school101.services.selection import ranking, rounds

    piscine, user, _client = seated()
    application = make_application(user, make_campaign(), status="invited")
    url = f"/staff/applications/{application.id}"
    page = _text(staff_client.get(url))
    assert "Jours et verdicts" in page and '<th scope="row">c00</th>' in page
    assert f"/staff/piscines/{piscine.id}/candidates/{user.id}" in page
    rounds.create_round(
        name="Promotion",
        piscine_ids=[piscine.id],
        weights=dict(ranking.DEFAULT_WEIGHTS),
        actor=staff,
    )
    db.session.commit()
    page = _text(staff_client.get(url))
    assert "Cette piscine est en mode anonyme" in page
    assert "Jours et verdicts" not in page and f"/candidates/{user.id}" not in page


def test_neighbours_api_gives_the_pages_j_and_k(
    app, staff, auth_header, make_campaign, make_user, make_application
):
    campaign = make_campaign()
    low, high, mid = (
        make_application(make_user(last_name=n), campaign, status="games_done", memory_score=s)
        for n, s in (("Low", 1), ("High", 9), ("Mid", 5))
    )
    client = app.test_client()
    r = client.get(
        f"/api/v1/applications/{mid.id}/neighbours?sort=memory&status=games_done",
        headers=auth_header(staff),
    )
    assert r.status_code == 200
    assert r.json == {"position": 2, "total": 3, "previous_id": high.id, "next_id": low.id}
    r = client.get(
        f"/api/v1/applications/{mid.id}/neighbours?sort=nope", headers=auth_header(staff)
    )
    assert r.status_code == 422 and "sort" in r.json["error"]["fields"]
    assert (
        client.get("/api/v1/applications/999/neighbours", headers=auth_header(staff)).status_code
        == 404
    )
