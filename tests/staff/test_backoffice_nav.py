"""The back office side navigation: grouped by phase, on every staff page of every area, with
the work waiting behind each link, the current page marked, and nothing of it for others."""

from __future__ import annotations

import re

import pytest

from school101.extensions import db
from school101.models import OutboxMail
from tests import factories

GROUPS = ("Admissions", "Piscine", "Sélection", "Entreprises", "Système")


def _nav(page: str) -> str:
    match = re.search(r'<nav aria-label="Back-office".*?</nav>', page, re.S)
    assert match, "no back office navigation on the page"
    return match.group(0)


def _count_after(nav: str, label: str) -> int | None:
    """The number shown beside a link (None when the link shows none)."""
    link = re.search(rf"<span>{re.escape(label)}</span>(.*?)</a>", nav, re.S)
    assert link, f"no link {label!r}"
    count = re.search(r'class="nav-count">(\d+)', link.group(1))
    return int(count.group(1)) if count else None


@pytest.mark.parametrize(
    "path",
    ["/staff/", "/staff/applications", "/staff/piscines/", "/exams/staff/", "/staff/selection"],
)
def test_every_staff_page_has_the_grouped_navigation_once(staff_client, path):
    page = staff_client.get(path).get_data(as_text=True)
    nav = _nav(page)
    assert [h for h in re.findall(r"<h2[^>]*>([^<]+)</h2>", nav)] == list(GROUPS)
    assert page.count('aria-label="Back-office"') == 1
    assert nav.count('aria-current="page"') == 1


def test_the_counts_follow_the_work_waiting(app, staff_client, make_piscine):
    campaign = factories.make_campaign()
    for status in ("games_done", "games_done", "applied", "invited"):
        factories.make_application(campaign=campaign, status=status)
    make_piscine()
    nav = _nav(staff_client.get("/staff/applications").get_data(as_text=True))
    assert _count_after(nav, "Candidatures") == 2  # games done, no decision yet
    assert _count_after(nav, "Boîte d'envoi") is None  # nothing failed: no badge
    assert "Tableau en direct" in nav  # the piscine under way has its board one click away

    db.session.add(
        OutboxMail(to="x@example.org", kind="test", subject="s", body="b", status="failed")
    )
    factories.make_application(campaign=campaign, status="games_done")
    db.session.commit()
    nav = _nav(staff_client.get("/staff/").get_data(as_text=True))
    assert _count_after(nav, "Candidatures") == 3
    assert _count_after(nav, "Boîte d'envoi") == 1
    assert (
        '1<span class="visually-hidden"> non distribués</span>' in nav
    )  # read out, not only a number


def test_the_current_page_is_marked_and_english_reads_english(staff_client):
    nav = _nav(staff_client.get("/staff/queue").get_data(as_text=True))
    current = re.search(r'<a href="([^"]+)" aria-current="page">', nav)
    assert current and current.group(1) == "/staff/queue"
    english = staff_client.get("/staff/queue?lang=en").get_data(as_text=True)
    assert '<nav aria-label="Back office"' in english and "Grading queue" in english


def test_accounts_are_listed_for_admins_only(app, staff_client, admin_client):
    assert "/admin/users" not in _nav(staff_client.get("/staff/").get_data(as_text=True))
    assert "/admin/users" in _nav(admin_client.get("/staff/").get_data(as_text=True))


def test_candidates_never_see_the_back_office(candidate_client):
    page = candidate_client.get("/piscine/").get_data(as_text=True)
    assert "Back-office" not in page and "backoffice.css" not in page
