"""Blind mode that holds (issue 14): while a round is blind, nothing a ranking staff member reaches
from it (pages, links, forms, exports, API answers, the piscine board) names a candidate or
carries their user id; pseudonyms resolve only inside the round; lifting it is audited."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest

from school101.extensions import db
from school101.models import (
    AuditLog,
    Booking,
    DayGrading,
    Decision,
    Invitation,
    OutboxMail,
    User,
    UserRole,
)
from school101.services.grading.runs import create_submission
from school101.services.selection import blind, ranking, rounds
from tests.conftest import login, without_csrf

# Distinctive ids, so that "no real user id anywhere" can be checked on the whole text.
PEOPLE = (
    (734_101, "Anouk", "Zébulon-Quartz"),
    (734_102, "Bérénice", "Wolfgang-Ostrov"),
    (734_103, "Corentin", "Yamabushi-Kiwi"),
)


def _candidate(user_id: int, first: str, last: str) -> User:
    user = User(
        id=user_id,
        email=f"{last.lower()}@blind.example",
        password_hash="-",
        first_name=first,
        last_name=last,
        birth_date=date(2001, 2, 3),
    )
    user.role_rows.append(UserRole(role="candidate"))
    db.session.add(user)
    return user


@pytest.fixture
def blind_round(app, staff, make_piscine):
    """A piscine started today (c00 open) with three seated candidates, scores, one submission
    today (so the board's lists are not empty), ranked by a blind round."""
    piscine = make_piscine(capacity=10)
    people = [_candidate(*row) for row in PEOPLE]
    db.session.flush()
    for user, score in zip(people, (90, 60, 0), strict=True):
        db.session.add(Invitation(piscine_id=piscine.id, user_id=user.id))
        db.session.add(Booking(piscine_id=piscine.id, user_id=user.id, status="booked"))
        if score:
            db.session.add(
                DayGrading(
                    piscine_id=piscine.id,
                    user_id=user.id,
                    day_id="c00",
                    status="graded",
                    score=score,
                    max_score=100,
                    verdict='{"exercises": []}',
                )
            )
    piscine.seats_taken = len(people)
    submission = create_submission(
        user=people[0], exercise="c00/ex00", files={"ft_putchar.c": b"x"}, source="upload"
    )
    submission.piscine_id, submission.day_id = piscine.id, "c00"
    rnd = rounds.create_round(
        name="Jury aveugle", piscine_ids=[piscine.id], weights={"day_scores": 100}, actor=staff
    )
    db.session.commit()
    return piscine, people, rnd


def _secrets(people) -> list[str]:
    out = []
    for user in people:
        out += [user.first_name, user.last_name, user.email, str(user.id)]
    return out


def assert_hidden(text: str, people, where: str = "") -> None:
    """No name, e-mail or user id of `people` anywhere in `text` (HTML, JSON, CSV: URLs and form
    values included)."""
    for secret in _secrets(people):
        assert secret not in text, f"{secret!r} leaks in {where}"


POST_ONLY = ("/decisions", "/notify", "/weights", "/blind")


def _links(html: str) -> set[str]:
    return {m.replace("&amp;", "&") for m in re.findall(r'(?:href|action)="(/[^"]*)"', html)}


def test_everything_reachable_from_a_blind_ranking_is_coded(
    client, staff, blind_round, auth_header
):
    piscine, people, rnd = blind_round
    codes = ranking.pseudonyms(rnd.id)
    login(client, staff.email)
    # decisions still work through pseudonyms: a bulk decision and one from the detail page
    start = f"/staff/selection/rounds/{rnd.id}"
    ranking_page = client.get(start).get_data(as_text=True)
    assert f'name="candidates" value="{codes[people[0].id]}"' in ranking_page
    r = client.post(
        f"/staff/selection/rounds/{rnd.id}/piscines/{piscine.id}/decisions",
        data={"candidates": [codes[people[0].id]], "decision": "admit", "reason": "Premier"},
    )
    assert r.status_code == 302
    detail = (
        f"/staff/selection/rounds/{rnd.id}/piscines/{piscine.id}/candidates/{codes[people[1].id]}"
    )
    assert client.post(detail, data={"decision": "waitlist", "reason": "Juste"}).status_code == 302
    current = {d.user_id: d.decision for d in Decision.query.filter_by(current=True)}
    assert current == {people[0].id: "admit", people[1].id: "waitlist"}

    # every page reached from the ranking, following links about the round and the piscine
    wanted = (
        f"/staff/selection/rounds/{rnd.id}",
        f"/staff/piscines/{piscine.id}/board",
        f"/staff/piscines/{piscine.id}/candidates/",
        "/piscine/submissions/",
    )
    seen, queue = set(), [start]
    while queue:
        url = queue.pop(0)
        if url in seen or url.split("?")[0].endswith(POST_ONLY):
            continue
        seen.add(url)
        response = client.get(url)
        text = response.get_data(as_text=True)
        assert response.status_code == 200, url
        assert_hidden(text, people, url)
        if response.mimetype == "text/html":
            queue += [u for u in _links(text) if u.startswith(wanted)]
    assert {
        f"/staff/selection/rounds/{rnd.id}/piscines/{piscine.id}/export.csv",
        f"/staff/piscines/{piscine.id}/board",
        f"/staff/piscines/{piscine.id}/candidates/{codes[people[0].id]}",
        detail,
    } <= seen
    assert any(u.startswith("/piscine/submissions/") for u in seen)
    # the CSV names everybody by code, decided or not, without user id
    export = client.get(f"/staff/selection/rounds/{rnd.id}/piscines/{piscine.id}/export.csv")
    rows = list(
        csv.DictReader(io.StringIO(export.get_data(as_text=True).lstrip("\ufeff")), delimiter=";")
    )
    assert {row["candidate"] for row in rows} == {codes[u.id] for u in people}
    assert {row["user_id"] for row in rows} == {""}
    # the detail page of a decided person shows no identity, even in the e-mail preview
    page = client.get(
        f"/staff/selection/rounds/{rnd.id}/piscines/{piscine.id}/candidates/{codes[people[0].id]}?lang=fr"
    ).get_data(as_text=True)
    assert "Aperçu de l" in page and codes[people[0].id] in page
    sent = client.post(f"{detail}/notify")
    assert sent.status_code == 302 and sent.location.endswith(detail)
    assert OutboxMail.query.filter_by(kind="decision_waitlist").one().to == people[1].email

    # the API twins: ranking, decisions (list and new), all by code
    h = auth_header(staff)
    answer = client.get(f"/api/v1/piscines/{piscine.id}/ranking", headers=h)
    assert answer.json["blind"] is True
    assert {i["candidate"] for i in answer.json["items"]} == {codes[u.id] for u in people}
    assert all("user_id" not in i for i in answer.json["items"])
    assert_hidden(answer.get_data(as_text=True), people, "API ranking")
    made = client.post(
        "/api/v1/decisions",
        json={
            "piscine_id": piscine.id,
            "candidate": codes[people[2].id],
            "decision": "reject",
            "reason": "Aucun rendu",
        },
        headers=h,
    )
    assert made.status_code == 201 and made.json["candidate"] == codes[people[2].id]
    assert_hidden(made.get_data(as_text=True), people, "API decision")
    listed = client.get(f"/api/v1/decisions?piscine_id={piscine.id}&history=1", headers=h)
    assert {d["candidate"] for d in listed.json} == {codes[u.id] for u in people}
    assert_hidden(listed.get_data(as_text=True), people, "API decisions")


def test_forged_codes_and_real_ids_are_refused_alike(
    client, staff, blind_round, make_piscine, auth_header
):
    piscine, people, rnd = blind_round
    other = make_piscine(name="Autre piscine")
    elsewhere = rounds.create_round(
        name="Autre", piscine_ids=[other.id], weights={"day_scores": 1}, actor=staff
    )
    db.session.commit()
    login(client, staff.email)
    base = f"/staff/selection/rounds/{rnd.id}/piscines/{piscine.id}/candidates"
    foreign = ranking.pseudonym(people[0].id, elsewhere.id)  # a real code, of another round
    for key in (people[0].id, 999_999, "C-000000", foreign, "abc"):
        assert client.get(f"{base}/{key}").status_code == 404, key
        assert client.get(f"/staff/piscines/{piscine.id}/candidates/{key}").status_code == 404
    # a real id and an unknown one get the same answer (nothing to probe)
    real = client.get(f"{base}/{people[0].id}", headers={"Accept-Language": "en"})
    unknown = client.get(f"{base}/999999", headers={"Accept-Language": "en"})
    assert without_csrf(real.get_data(as_text=True)).replace(str(people[0].id), "") == (
        without_csrf(unknown.get_data(as_text=True)).replace("999999", "")
    )
    # forms: a real user id ticked in the bulk form decides nothing
    client.post(
        f"/staff/selection/rounds/{rnd.id}/piscines/{piscine.id}/decisions",
        data={"candidates": [str(people[0].id)], "decision": "admit", "reason": "Sonde"},
    )
    assert Decision.query.count() == 0
    # the API: by user id or a forged code, 404 unknown_candidate and nothing written
    h = auth_header(staff)
    for body in ({"user_id": people[0].id}, {"candidate": "C-000000"}, {"candidate": foreign}):
        r = client.post(
            "/api/v1/decisions",
            json={"piscine_id": piscine.id, "decision": "admit", "reason": "Sonde", **body},
            headers=h,
        )
        assert r.status_code == 404 and r.json["error"]["code"] == "unknown_candidate", body
    r = client.post(
        "/api/v1/decisions",
        json={"piscine_id": piscine.id, "decision": "admit", "reason": "x"},
        headers=h,
    )
    assert r.status_code == 422 and "candidate" in r.json["error"]["fields"]
    assert Decision.query.count() == 0


def test_the_board_of_a_blind_piscine_hides_names(client, staff, blind_round):
    piscine, people, rnd = blind_round
    codes = ranking.pseudonyms(rnd.id)
    login(client, staff.email)
    html = client.get(f"/staff/piscines/{piscine.id}/board?lang=en").get_data(as_text=True)
    assert_hidden(html, people, "board")
    grid = html[html.index('id="grid-title"') : html.index('id="missing-title"')]
    shown = list(dict.fromkeys(re.findall(r"C-[0-9A-F]+", grid)))
    assert shown == sorted({codes[u.id] for u in people})  # ordered by code, not by name
    assert "90/100" in grid
    missing = html[html.index('id="missing-title"') : html.index('id="today-title"')]
    assert codes[people[1].id] in missing and codes[people[0].id] not in missing
    today = html[html.index('id="today-title"') : html.index('id="rerun-title"')]
    assert codes[people[0].id] in today
    live = client.get(f"/staff/piscines/{piscine.id}/board/live")
    assert live.status_code == 200
    assert_hidden(live.get_data(as_text=True), people, "live board")


def test_lifting_and_restoring_blind_mode_is_confirmed_and_audited(
    client, staff, blind_round, auth_header
):
    piscine, people, rnd = blind_round
    login(client, staff.email)
    url = f"/staff/selection/rounds/{rnd.id}/blind?piscine={piscine.id}"
    # the weights form no longer changes blind mode
    client.post(f"/staff/selection/rounds/{rnd.id}/weights", data={"day_scores": 100})
    # without the confirmation or the reason: nothing changes
    client.post(url, data={"blind-action": "lift", "blind-reason": "Jury final"})
    client.post(url, data={"blind-action": "lift", "blind-confirm": "y", "blind-reason": " "})
    db.session.refresh(rnd)
    assert rnd.blind is True
    assert not AuditLog.query.filter(AuditLog.action.like("selection.blind%")).count()
    r = client.post(
        url,
        data={"blind-action": "lift", "blind-confirm": "y", "blind-reason": "Jury final"},
        follow_redirects=True,
    )
    db.session.refresh(rnd)
    assert rnd.blind is False
    row = AuditLog.query.filter_by(action="selection.blind_lifted").one()
    assert row.actor_id == staff.id and row.reason == "Jury final" and row.target_id == rnd.id
    text = r.get_data(as_text=True)
    assert people[0].last_name in text and "Remettre le mode anonyme" in text
    board = client.get(f"/staff/piscines/{piscine.id}/board").get_data(as_text=True)
    assert people[0].last_name in board
    # the audit page names the action in French
    assert "Mode anonyme levé" in client.get("/staff/audit").get_data(as_text=True)
    # the API twin turns it back on, confirmed and with a reason
    h = auth_header(staff)
    api = f"/api/v1/selection/rounds/{rnd.id}/blind"
    refused = client.post(api, json={"blind": True, "confirm": False, "reason": "x"}, headers=h)
    assert refused.status_code == 422 and "confirm" in refused.json["error"]["fields"]
    done = client.post(api, json={"blind": True, "confirm": True, "reason": "Erreur"}, headers=h)
    assert done.status_code == 200 and done.json["blind"] is True
    assert AuditLog.query.filter_by(action="selection.blind_restored").one().reason == "Erreur"
    assert (
        client.post(
            "/api/v1/selection/rounds/999999/blind",
            json={"blind": False, "confirm": True, "reason": "x"},
            headers=h,
        ).status_code
        == 404
    )
    assert_hidden(client.get(f"/staff/selection/rounds/{rnd.id}").get_data(as_text=True), people)


def test_outside_blind_mode_names_and_ids_are_shown(client, staff, blind_round, auth_header):
    piscine, people, rnd = blind_round
    blind.set_blind(rnd, False, confirm=True, reason="Pas d'anonymat ici", actor=staff)
    db.session.commit()
    login(client, staff.email)
    page = client.get(f"/staff/selection/rounds/{rnd.id}").get_data(as_text=True)
    assert people[0].full_name in page and f'value="{people[0].id}"' in page
    detail = client.get(
        f"/staff/selection/rounds/{rnd.id}/piscines/{piscine.id}/candidates/{people[0].id}"
    ).get_data(as_text=True)
    assert people[0].email in detail
    # a code of the round still leads to the person once blind mode is lifted
    code = ranking.pseudonym(people[0].id, rnd.id)
    assert client.get(f"/staff/piscines/{piscine.id}/candidates/{code}").status_code == 200
    board = client.get(f"/staff/piscines/{piscine.id}/board").get_data(as_text=True)
    assert people[0].last_name in board and people[0].email not in board
    h = auth_header(staff)
    items = client.get(f"/api/v1/piscines/{piscine.id}/ranking", headers=h).json["items"]
    assert {i["user_id"] for i in items} == {u.id for u in people}
    made = client.post(
        "/api/v1/decisions",
        json={
            "piscine_id": piscine.id,
            "user_id": people[1].id,
            "decision": "admit",
            "reason": "ok",
        },
        headers=h,
    )
    assert made.status_code == 201 and made.json["user_id"] == people[1].id
