"""Who may open which piscine page, CSRF on the forms, sanitised subjects, French rendering,
and one end-to-end flow through the pages."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from school101.core.markdown import render_markdown
from school101.extensions import db
from school101.models import Invitation, Piscine, Submission
from tests.fixtures.people import client_for

pytestmark = pytest.mark.redis

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "exercises" / "c00" / "ex00" / "reference" / "ft_putchar.c"

STAFF_GETS = [
    "/staff/piscines/",
    "/staff/piscines/new",
    "/staff/piscines/{id}",
    "/staff/piscines/{id}/invite",
    "/staff/piscines/{id}/people",
    "/staff/piscines/{id}/board",
    "/staff/piscines/{id}/candidates/1",
]
STAFF_POSTS = [
    "/staff/piscines/new",
    "/staff/piscines/{id}/invite",
    "/staff/piscines/{id}/invite-top",
    "/staff/piscines/{id}/days/c00/rerun",
]


def test_candidate_cannot_open_staff_pages(app, seated):
    piscine, _user, client = seated()
    for url in STAFF_GETS:
        assert client.get(url.format(id=piscine.id)).status_code == 403, url
    for url in STAFF_POSTS:
        assert (
            client.post(
                url.format(id=piscine.id),
                data={"n": "1", "user_ids": ["1"], "rerun-c00-reason": "x"},
            ).status_code
            == 403
        ), url
    assert db.session.scalar(db.select(db.func.count()).select_from(Piscine)) == 1


def test_anonymous_is_sent_to_login(app, client, make_piscine):
    piscine = make_piscine()
    for url in [
        "/piscine/",
        f"/piscine/{piscine.id}/",
        f"/piscine/{piscine.id}/days/c00",
        "/piscine/submissions/1",
    ] + [u.format(id=piscine.id) for u in STAFF_GETS]:
        r = client.get(url)
        assert r.status_code == 302 and "/auth/login" in r.headers["Location"], url
    assert client.post(f"/piscine/{piscine.id}/book").status_code == 302


def test_staff_can_read_a_candidates_submission(app, seated, staff_client):
    piscine, _user, client = seated()
    client.post(
        f"/piscine/{piscine.id}/days/c00/ex00",
        content_type="multipart/form-data",
        data={"ex00-files": [(io.BytesIO(REFERENCE.read_bytes()), "ft_putchar.c")]},
    )
    sub = db.session.scalars(db.select(Submission)).one()
    r = staff_client.get(f"/piscine/submissions/{sub.id}")
    assert r.status_code == 200 and "ft_putchar.c" in r.data.decode()
    assert staff_client.get("/piscine/").status_code == 403  # candidate pages are for candidates


def test_subjects_are_sanitised():
    html = render_markdown(
        "# Title\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) "
        '<img src=x onerror=alert(1)> <a href="https://42.fr" onclick="x()">ok</a>\n\n'
        "```c\nint main(void) { return 0; }\n```\n"
    )
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html
    assert "onclick" not in html and "<img" not in html
    assert '<a href="https://42.fr">ok</a>' in html
    assert "<h4>Title</h4>" in html and "<pre><code" in html


@pytest.mark.parametrize(
    ("source", "absent", "kept"),
    [
        # a script and a style go with their content (bleach kept "alert(1)" as text)
        ("<script>alert(1)</script> after", ["<script", "alert(1)"], ["after"]),
        ("<style>p { color: red }</style> after", ["<style", "color: red"], ["after"]),
        (
            '[x](javascript:alert(1)) <a href="JaVaScRiPt:alert(1)">y</a>',
            ["javascript:", "JaVaScRiPt", "href"],
            [">x</a>", ">y</a>"],
        ),
        ("[d](data:text/html,hi) [v](vbscript:x)", ["data:", "vbscript:", "href"], [">d</a>"]),
        (
            '<img src=x onerror=alert(1)> <span onmouseover="x()">s</span>',
            ["<img", "onerror", "onmouseover"],
            ["<span>s</span>"],
        ),
        (
            '<span style="position:fixed;top:0">s</span> <p style="x">p</p>',
            ["style"],
            ["<span>s</span>"],
        ),
        (
            '<iframe src="https://evil.example"></iframe><form action="/x"><input name="q"></form>',
            ["<iframe", "<form", "<input"],
            [],
        ),
        (
            '[m](mailto:staff@101.example) [h](http://example.org "t")',
            [],
            ['<a href="mailto:staff@101.example">m</a>', 'href="http://example.org" title="t"'],
        ),
    ],
)
def test_sanitiser_cases(source, absent, kept):
    html = render_markdown(source)
    for text in absent:
        assert text not in html, (text, html)
    for text in kept:
        assert text in html, (text, html)
    assert "rel=" not in html  # links stay as written: no rel added


def test_forms_carry_csrf_tokens(app, seated, staff_client):
    piscine, _user, client = seated()
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post(f"/piscine/{piscine.id}/cancel").status_code == 400
    assert client.post(f"/piscine/{piscine.id}/days/c00/ex00", data={}).status_code == 400
    assert (
        staff_client.post(
            f"/staff/piscines/{piscine.id}/days/c00/rerun", data={"rerun-c00-reason": "x"}
        ).status_code
        == 400
    )
    day = client.get(f"/piscine/{piscine.id}/days/c00").data.decode()
    assert day.count('name="ex00-csrf_token"') == 1
    index = client.get("/piscine/").data.decode()
    assert 'name="csrf_token"' in index
    new = staff_client.get("/staff/piscines/new").data.decode()
    assert 'name="csrf_token"' in new
    board = staff_client.get(f"/staff/piscines/{piscine.id}/board").data.decode()
    assert 'name="rerun-c00-csrf_token"' in board


def test_pages_are_french_by_default(app, seated, staff_client):
    piscine, _user, client = seated()
    index = client.get("/piscine/").data.decode()
    assert "Ma piscine" in index and "Place réservée" in index and "Ouvrir ma piscine" in index
    dashboard = client.get(f"/piscine/{piscine.id}/").data.decode()
    assert (
        "Ma progression" in dashboard and "Calendrier" in dashboard and "Temps restant" in dashboard
    )
    assert "Date limite dépassée" in dashboard  # the countdown's end text
    staff_pages = [staff_client.get(u.format(id=piscine.id)).data.decode() for u in STAFF_GETS]
    assert "Créer une piscine" in staff_pages[0]
    assert "Recalculer le calendrier par défaut" in staff_pages[1]
    assert "Inviter les N premiers" in staff_pages[3]
    assert "Tableau en direct" in staff_pages[5] and "File de correction" in staff_pages[5]


def test_tables_are_accessible(app, seated, staff_client):
    piscine, _user, _client = seated()
    for url in ("/staff/piscines/", "/staff/piscines/{id}/board", "/staff/piscines/{id}/people"):
        html = staff_client.get(url.format(id=piscine.id)).data.decode()
        assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html, url


def test_whole_flow_through_the_pages(
    app, staff_client, make_user, make_campaign, make_application
):
    campaign = make_campaign()
    best = make_user(last_name="Meilleure", commit=False)
    make_application(
        best, campaign, status="games_done", memory_score=90, logic_score=80, commit=False
    )
    second = make_user(last_name="Second", commit=False)
    make_application(
        second, campaign, status="games_done", memory_score=10, logic_score=10, commit=False
    )
    db.session.commit()
    today = date.today().isoformat()
    r = staff_client.post(
        "/staff/piscines/new",
        data={
            "name": "Piscine flux",
            "starts_on": today,
            "ends_on": today,
            "capacity": "1",
            "feedback": "after_deadline",
            "action": "default",
        },
    )
    assert (
        r.status_code == 200 and f'value="{today}T00:00"' in r.data.decode()
    )  # default calendar from today
    data = {
        "name": "Piscine flux",
        "starts_on": today,
        "ends_on": today,
        "capacity": "1",
        "feedback": "after_deadline",
        "action": "create",
        "calendar-0-day_id": "c00",
        "calendar-0-kind": "day",
        "calendar-0-opens_at": f"{today}T00:00",
        "calendar-0-closes_at": "2099-01-01T23:59",
    }
    r = staff_client.post("/staff/piscines/new", data=data)
    assert r.status_code == 302, r.data.decode()[:3000]
    piscine = db.session.scalars(db.select(Piscine)).one()
    r = staff_client.post(
        f"/staff/piscines/{piscine.id}/invite-top", data={"n": "2", "campaign": str(campaign.id)}
    )
    assert r.status_code == 302
    assert {i.user_id for i in db.session.scalars(db.select(Invitation))} == {best.id, second.id}
    a, b = client_for(app, best), client_for(app, second)
    a.post(f"/piscine/{piscine.id}/book")
    b.post(f"/piscine/{piscine.id}/book")
    r = a.post(
        f"/piscine/{piscine.id}/days/c00/ex00",
        content_type="multipart/form-data",
        data={"ex00-files": [(io.BytesIO(REFERENCE.read_bytes()), "ft_putchar.c")]},
    )
    assert r.status_code == 302
    assert b.get(f"/piscine/{piscine.id}/").status_code == 403  # waitlisted: no dashboard
    board = staff_client.get(f"/staff/piscines/{piscine.id}/board?lang=en").data.decode()
    assert "Meilleure" in board and "Second" not in board.split('id="today-title"')[0]
    people = staff_client.get(
        f"/staff/piscines/{piscine.id}/people?status=waitlisted&lang=en"
    ).data.decode()
    assert "Second" in people
