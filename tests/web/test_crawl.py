"""Every page reachable by a link, for every demo role, answers without a server error.

The demo data (seed-demo) is loaded, then each role follows the links of the pages it sees
(breadth first, same site, GET only) and every page must answer below 500, in French, with
the basics a screen-reader user needs (tests/web/a11y.py: one h1, a title, labelled fields,
images with alt).
"""

import re
from collections import deque

import pytest

from school101.cli.demo import DEMO_PASSWORD, seed_demo
from school101.extensions import db
from tests.web.a11y import problems

LINK = re.compile(r'href="(/[^"#]*)"')
SKIP = ("/static/", "/auth/logout", "/git/", ".csv", "export", "/api/")


@pytest.fixture
def demo(app):
    lines = list(seed_demo(candidates=40, seed=7))
    db.session.commit()
    return lines


@pytest.mark.parametrize(
    "email",
    [
        "admin@101.example",
        "staff@101.example",
        "candidate@101.example",
        "employer@101.example",
        "graduate01@graduates.101.example",
        None,
    ],
)
def test_every_linked_page_answers(client, demo, email):
    if email:
        r = client.post("/auth/login", data={"email": email, "password": DEMO_PASSWORD})
        assert r.status_code == 302, email
    seen, queue, visited = (
        set(),
        deque(
            [
                "/",
                "/me",
                "/staff/",
                "/piscine/",
                "/exams/",
                "/directory",
                "/staff/selection",
                "/staff/analytics",
                "/games/",
            ]
        ),
        0,
    )
    while queue and visited < 400:
        path = queue.popleft()
        if path in seen or any(s in path for s in SKIP):
            continue
        seen.add(path)
        r = client.get(path)
        visited += 1
        assert r.status_code < 500, f"{email} GET {path} -> {r.status_code}"
        if r.status_code == 200 and r.mimetype == "text/html":
            page = r.get_data(as_text=True)
            assert '<html lang="fr"' in page, path
            assert not problems(page), f"{email} GET {path}: {problems(page)}"
            for link in LINK.findall(page):
                link = link.replace("&amp;", "&")
                if "lang=" not in link and link not in seen:
                    queue.append(link)
    assert visited > 5
