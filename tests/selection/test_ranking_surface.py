"""The ranking as a work surface (issue 16): sort state on the header cell, filters as removable
chips, the bulk decision (and its refusals) back on the same list with the focus on the row, the
candidate's one-screen page with j/k in the list's order, and blind mode holding on it."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from school101.extensions import db
from school101.models import ApplicationNote, Decision
from school101.services.selection import ranking, rounds
from tests.conftest import login
from tests.fixtures.people import bearer
from tests.selection.conftest import give_day_score
from tests.selection.test_blind_mode import assert_hidden, blind_round  # noqa: F401 (fixture)


def _round(piscine, staff, *, blind):
    rnd = rounds.create_round(
        name="Jury", piscine_ids=[piscine.id], weights={"day_scores": 100}, blind=blind, actor=staff
    )
    db.session.commit()
    return rnd


def _th(page: str, label: str) -> str:
    """The opening tag of the header cell whose link reads `label`."""
    match = re.search(r"(<th scope=\"col\"[^>]*>)\s*<a [^>]*>" + re.escape(label), page)
    assert match, label
    return match.group(1)


def _row_keys(page: str) -> list[str]:
    return re.findall(r'<tr id="row-([^"]+)"', page)


def test_sort_state_is_on_the_header_cell_and_orders_the_rows(client, started_piscine):
    piscine, (a, b, c), staff = started_piscine()
    give_day_score(piscine, a, "c00", 20)
    give_day_score(piscine, b, "c00", 90)
    give_day_score(piscine, c, "c00", 50)
    rnd = _round(piscine, staff, blind=False)
    login(client, staff.email)
    url = f"/staff/selection/rounds/{rnd.id}?lang=en"
    page = client.get(url).get_data(as_text=True)
    assert _row_keys(page) == [str(b.id), str(c.id), str(a.id)]  # best first
    assert 'aria-sort="ascending"' in _th(page, "Rank")
    assert "aria-sort" not in _th(page, "Score")
    assert 'aria-sort="' not in page.split("<tbody>")[1]  # never on the links or cells

    page = client.get(url + "&sort=rank&direction=desc").get_data(as_text=True)
    assert _row_keys(page) == [str(a.id), str(c.id), str(b.id)]
    assert 'aria-sort="descending"' in _th(page, "Rank")
    page = client.get(url + "&sort=candidate").get_data(as_text=True)
    by_name = sorted((a, b, c), key=lambda u: (u.last_name.casefold(), u.first_name.casefold()))
    assert _row_keys(page) == [str(u.id) for u in by_name]
    assert 'aria-sort="ascending"' in _th(page, "Candidate")
    # an unknown sort is the default order, not an error
    assert client.get(url + "&sort=password").status_code == 200


def test_filters_show_as_chips_and_a_bad_value_is_a_field_error(client, started_piscine):
    piscine, (a, b, c), staff = started_piscine()
    rnd = _round(piscine, staff, blind=False)
    login(client, staff.email)
    client.post(
        f"/staff/selection/rounds/{rnd.id}/piscines/{piscine.id}/decisions",
        data={"candidates": [str(a.id)], "decision": "admit", "reason": "Très régulier"},
    )
    base = f"/staff/selection/rounds/{rnd.id}"
    page = client.get(base + "?decision=none&q=" + b.last_name).get_data(as_text=True)
    assert _row_keys(page) == [str(b.id)]
    chips = re.findall(r'<li class="chip">([^<]*)<a href="([^"]+)" aria-label="([^"]+)"', page)
    assert len(chips) == 2
    labels = {label.strip() for label, _href, _name in chips}
    assert "Décision : Pas encore de décision" in labels
    for label, href, name in chips:
        assert name.startswith("Retirer le filtre")
        left = parse_qs(urlsplit(href.replace("&amp;", "&")).query)
        assert ("decision" in left) != label.startswith("Décision")  # only its own filter goes
    assert client.get(base + "?decision=admit").get_data(as_text=True).count('<tr id="row-') == 1

    bad = client.get(base + "?decision=maybe&lang=en")
    assert bad.status_code == 422
    text = bad.get_data(as_text=True)
    assert 'class="filter-bar" id="filters" open' in text and "field-error" in text
    assert len(_row_keys(text)) == 3  # nothing filtered by a refused value


def test_bulk_decision_returns_to_the_same_list_with_the_focus_on_the_row(client, started_piscine):
    piscine, (a, b, c), staff = started_piscine()
    rnd = _round(piscine, staff, blind=False)
    login(client, staff.email)
    action = (
        f"/staff/selection/rounds/{rnd.id}/piscines/{piscine.id}/decisions"
        "?sort=candidate&direction=desc&page=1"
    )
    page = client.get(f"/staff/selection/rounds/{rnd.id}?sort=candidate&direction=desc")
    assert action.replace("&", "&amp;") in page.get_data(as_text=True)  # the form keeps the order
    assert 'data-select-all="candidates"' in page.get_data(as_text=True)

    refused = client.post(action, data={"candidates": [str(b.id)], "decision": "admit"})
    assert refused.status_code == 302 and Decision.query.count() == 0  # no reason
    forged = client.post(
        action, data={"candidates": [str(b.id), "C-FORGED"], "decision": "admit", "reason": "Ok"}
    )
    assert forged.status_code == 302 and Decision.query.count() == 0  # all or nothing
    done = client.post(
        action,
        data={"candidates": [str(b.id), str(c.id)], "decision": "waitlist", "reason": "Juste"},
    )
    assert done.status_code == 302
    location = done.headers["Location"]
    assert location.endswith(f"#row-{b.id}")
    assert parse_qs(urlsplit(location).query) == {
        "piscine": [str(piscine.id)],
        "page": ["1"],
        "sort": ["candidate"],
        "direction": ["desc"],
    }
    assert {d.user_id for d in Decision.query.all()} == {b.id, c.id}
    after = client.get(location).get_data(as_text=True)
    assert "2 décision(s) enregistrée(s)." in after or "2 decision(s) recorded." in after


def test_candidate_page_walks_the_list_in_its_order(client, started_piscine):
    piscine, (a, b, c), staff = started_piscine()
    give_day_score(piscine, a, "c00", 20)
    give_day_score(piscine, b, "c00", 90)
    give_day_score(piscine, c, "c00", 50)
    rnd = _round(piscine, staff, blind=False)
    login(client, staff.email)
    base = f"/staff/selection/rounds/{rnd.id}/piscines/{piscine.id}/candidates"
    page = client.get(f"{base}/{c.id}?sort=rank&direction=desc").get_data(as_text=True)
    prev = re.search(r'<a href="([^"]+)" rel="prev" data-shortcut="k"', page)
    nxt = re.search(r'<a href="([^"]+)" rel="next" data-shortcut="j"', page)
    assert prev and nxt
    # worst first: a (20), c (50), b (90)
    assert prev.group(1).replace("&amp;", "&") == f"{base}/{a.id}?sort=rank&direction=desc"
    assert nxt.group(1).replace("&amp;", "&") == f"{base}/{b.id}?sort=rank&direction=desc"
    first = client.get(f"{base}/{b.id}").get_data(as_text=True)  # best: no previous
    assert 'data-shortcut="k"' not in first and 'data-shortcut="j"' in first
    assert 'class="detail-grid"' in first and 'id="decision-panel"' in first
    # a decision brings the person back to the decision, the list state kept
    r = client.post(
        f"{base}/{b.id}?sort=score", data={"decision": "admit", "reason": "Le meilleur"}
    )
    assert r.status_code == 302
    assert r.headers["Location"].endswith(f"{base}/{b.id}?sort=score#decision-panel")


def test_blind_candidate_pages_show_no_identity(client, staff, blind_round, make_application):  # noqa: F811
    piscine, people, rnd = blind_round
    anouk = people[0]
    application = make_application(anouk, status="invited", memory_score=7, logic_score=5)
    db.session.add(
        ApplicationNote(application_id=application.id, author_id=staff.id, body="Anouk a appelé")
    )
    db.session.commit()
    login(client, staff.email)
    code = ranking.pseudonym(anouk.id, rnd.id)
    for url in (
        f"/staff/selection/rounds/{rnd.id}/piscines/{piscine.id}/candidates/{code}",
        f"/staff/piscines/{piscine.id}/candidates/{code}",
    ):
        page = client.get(url).get_data(as_text=True)
        assert 'class="detail-grid"' in page and code in page, url
        assert "Anouk a appelé" not in page, url  # the notes stay hidden
        assert "/staff/applications/" not in page, url
        assert_hidden(page, people, url)
    # the board's search matches codes only: a name finds nobody
    board = client.get(f"/staff/piscines/{piscine.id}/board?q={anouk.last_name}")
    assert _row_keys(board.get_data(as_text=True)) == []
    board = client.get(f"/staff/piscines/{piscine.id}/board?q={code}")
    assert _row_keys(board.get_data(as_text=True)) == [code]
    ranked = client.get(f"/staff/selection/rounds/{rnd.id}?q={anouk.first_name}")
    assert _row_keys(ranked.get_data(as_text=True)) == []


def test_api_twins_sort_filter_and_keep_blind_mode(client, staff, blind_round, make_application):  # noqa: F811
    piscine, people, rnd = blind_round
    make_application(people[0], status="invited", memory_score=7, logic_score=5)
    h = bearer(client.application, staff)
    base = f"/api/v1/piscines/{piscine.id}/ranking"
    codes = [ranking.pseudonym(u.id, rnd.id) for u in people]  # scores 90, 60, 0
    worst_first = client.get(base + "?sort=rank&direction=desc", headers=h).json["items"]
    assert [i["candidate"] for i in worst_first] == codes[::-1]
    found = client.get(base + f"?q={codes[1]}", headers=h).json["items"]
    assert [i["candidate"] for i in found] == [codes[1]]
    assert client.get(base + f"?q={people[1].last_name}", headers=h).json["items"] == []
    refused = client.get(base + "?decision=maybe", headers=h)
    assert refused.status_code == 422 and "decision" in str(refused.json["error"])

    dossier = client.get(f"/api/v1/piscines/{piscine.id}/candidates/{codes[0]}/dossier", headers=h)
    assert dossier.status_code == 200, dossier.json
    assert dossier.json["candidate"] == codes[0] and dossier.json["blind"] is True
    assert dossier.json["games"]["memory_score"] == 7
    assert_hidden(dossier.get_data(as_text=True), people, "the dossier API")
    by_id = client.get(
        f"/api/v1/piscines/{piscine.id}/candidates/{people[0].id}/dossier", headers=h
    )
    assert by_id.status_code == 404  # a real user id is refused while blind


def test_saved_filters_of_the_ranking_and_the_board(client, started_piscine):
    piscine, _people, staff = started_piscine()
    rnd = _round(piscine, staff, blind=False)
    login(client, staff.email)
    ranking_url = f"/staff/selection/rounds/{rnd.id}?decision=none&sort=score&direction=desc"
    page = client.get(ranking_url).get_data(as_text=True)
    query = re.search(
        r'name="page_key" value="ranking">\s*<input[^>]*name="query" value="([^"]+)"', page
    )
    assert query, "the ranking offers to save its filters"
    saved = client.post(
        "/staff/saved-filters",
        data={
            "page_key": "ranking",
            "name": "À décider",
            "query": query.group(1).replace("&amp;", "&"),
            "next": ranking_url,
            "anchor": "saved-filters-ranking",
        },
    )
    assert saved.status_code == 302 and saved.headers["Location"].endswith("#saved-filters-ranking")
    page = client.get(f"/staff/selection/rounds/{rnd.id}").get_data(as_text=True)
    link = re.search(r'<a href="([^"]+)">À décider</a>', page)
    assert link
    kept = parse_qs(urlsplit(link.group(1).replace("&amp;", "&")).query)
    assert kept == {
        "decision": ["none"],
        "direction": ["desc"],
        "piscine": [str(piscine.id)],
        "sort": ["score"],
    }
    board = client.get(f"/staff/piscines/{piscine.id}/board?sort=points&direction=desc")
    assert 'name="page_key" value="board"' in board.get_data(as_text=True)
