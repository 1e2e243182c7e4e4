"""A whole rush defense (issue 13), in headless Chromium against the live site (CSRF on, CSP
enforced), with a rush of pairs declared in a temporary EXERCISES_DIR.

Set up by service calls: a piscine whose calendar holds the rush (open now), four seated
candidates and a staff member. Then through the pages: staff form the teams with the button on
the rush teams page (two pairs); a member sees their team on the dashboard; the one candidate
of the other pair who publishes a window is the only one free; after the deadline (time travel:
the rush's closes_at moved into the past in the database) a member books the team's defense
and that candidate is drawn; the defense is brought to now (time travel again); the evaluator
fills the rush's scale and marks one member absent; each member sees the defense and only
their own individual mark (100 for the present one, 0 for the absent one).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from school101.core.clock import PARIS
from school101.extensions import db
from school101.models import (
    Booking,
    Evaluation,
    Invitation,
    PiscineDay,
    RushTeam,
    RushTeamMember,
)
from school101.services.piscine.sessions import create_piscine
from tests import factories

pytestmark = pytest.mark.e2e

RUSH = "rushe2e"
SCALE = """
[intro]
fr = "Soyez courtois."
en = "Be polite."

[[sections]]
title = { fr = "Le projet", en = "The project" }
guidance = { fr = "Faites expliquer le code.", en = "Have the code explained." }

[[sections.questions]]
id = "works"
kind = "yesno"
points = 6
text = { fr = "Le programme marche-t-il ?", en = "Does the program work?" }

[[sections.questions]]
id = "explains"
kind = "rating"
points = 4
text = { fr = "L'équipe explique-t-elle ?", en = "Does the team explain?" }
"""
FEEDBACK = (
    "Projet propre et bien découpé ; chacun présent a su expliquer sa partie. "
    "À revoir : les cas d'erreur du parseur. Conseil : écrire des tests pour chaque cas."
)
STAFF = "staff@101.example"
PEOPLE = [
    ("alice.arnaud@example.org", "Alice", "Arnaud"),
    ("basile.bertin@example.org", "Basile", "Bertin"),
    ("chloe.cordier@example.org", "Chloé", "Cordier"),
    ("david.durand@example.org", "David", "Durand"),
]
SUBMIT_SCALE = "//button[normalize-space()='Envoyer l’évaluation']"


@pytest.fixture
def app_config(app_config, tmp_path_factory):
    """The live site's settings, with an EXERCISES_DIR holding one rush of pairs and its scale."""
    root = tmp_path_factory.mktemp("exercises")
    (root / RUSH).mkdir()
    (root / RUSH / "day.toml").write_text(
        f'id = "{RUSH}"\nkind = "rush"\ntitle = {{ fr = "Rush de test", en = "Test rush" }}\n'
        "team_size = 2\npeer_evaluations = 1\n"
    )
    (root / RUSH / "scale.toml").write_text(SCALE)
    (root / "curriculum.toml").write_text(f'days = ["{RUSH}"]\nexams = []\n')
    return {**app_config, "EXERCISES_DIR": str(root)}


@pytest.fixture
def site(live_app):
    """The piscine (its rush open since yesterday, closing tomorrow) and its four seated
    candidates; returns {"base", "piscine", "ids": {email: user id}}."""
    now = datetime.now(UTC).replace(microsecond=0)
    with live_app.app_context():
        staff = factories.make_user(STAFF, roles=("staff",), profile=False)
        opens = now - timedelta(days=2)
        piscine = create_piscine(
            {
                "name": "Piscine des rushs",
                "starts_on": opens.astimezone(PARIS).date(),
                "ends_on": opens.astimezone(PARIS).date() + timedelta(days=25),
                "capacity": 10,
                "feedback": "after_deadline",
            },
            actor=staff,
            calendar=[
                {
                    "day_id": RUSH,
                    "kind": "day",
                    "position": 0,
                    "opens_at": now - timedelta(days=1),
                    "closes_at": now + timedelta(days=1),
                }
            ],
        )
        ids = {}
        for email, first, last in PEOPLE:
            user = factories.make_user(email, first_name=first, last_name=last)
            db.session.add(Invitation(piscine_id=piscine.id, user_id=user.id))
            db.session.add(Booking(piscine_id=piscine.id, user_id=user.id, status="booked"))
            piscine.seats_taken += 1
            db.session.flush()
            ids[email] = user.id
        db.session.commit()
        piscine_id = piscine.id
    return {"base": live_app.config["LIVE_URL"], "piscine": piscine_id, "ids": ids}


def _log_in(browser, base: str, wait, email: str) -> None:
    browser.delete_all_cookies()
    browser.get(base + "/auth/login")
    browser.find_element(By.NAME, "email").send_keys(email)
    browser.find_element(By.NAME, "password").send_keys(factories.PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait.until(lambda d: "/auth/login" not in d.current_url)


def _set(browser, element_id: str, value: str) -> None:
    """Fill a native date or time input (typing into them depends on the browser's locale)."""
    element = browser.find_element(By.ID, element_id)
    browser.execute_script(
        "arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
        "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        element,
        value,
    )
    assert element.get_attribute("value") == value, (element_id, value)


def _main(browser) -> str:
    return browser.find_element(By.TAG_NAME, "main").text


def _no_script_errors(browser) -> None:
    """No script error or CSP violation in the console since the last call (drained)."""
    errors = [
        e
        for e in browser.get_log("browser")
        if e.get("level") == "SEVERE" and "favicon.ico" not in e.get("message", "")
    ]
    assert not errors, errors


def _teams(live_app, piscine_id: int) -> list[list[int]]:
    """The rush's teams as drawn: the member ids of team 1, then team 2."""
    with live_app.app_context():
        rows = db.session.execute(
            db.select(RushTeam.number, RushTeamMember.user_id)
            .join(RushTeamMember, RushTeamMember.team_id == RushTeam.id)
            .where(RushTeam.piscine_id == piscine_id, RushTeam.day_id == RUSH)
            .order_by(RushTeam.number, RushTeamMember.user_id)
        ).all()
    found: dict[int, list[int]] = {}
    for number, user_id in rows:
        found.setdefault(number, []).append(user_id)
    return [found[n] for n in sorted(found)]


def test_a_team_defends_its_rush_and_each_member_sees_their_own_mark(live_app, site, browser):
    base, piscine_id = site["base"], site["piscine"]
    email_of = {uid: email for email, uid in site["ids"].items()}
    name_of = {site["ids"][email]: f"{first} {last}" for email, first, last in PEOPLE}
    evaluations_url = f"{base}/piscine/{piscine_id}/evaluations"
    wait = WebDriverWait(browser, 15)
    tomorrow = (datetime.now(PARIS) + timedelta(days=1)).date()  # campus hours, in the future

    # 1. Staff open the rush teams page and form the teams with the button: two pairs.
    _log_in(browser, base, wait, STAFF)
    browser.get(f"{base}/staff/piscines/{piscine_id}/rushes")
    section = browser.find_element(By.ID, RUSH)
    assert "Rush de test" in section.text
    assert "Les équipes de ce rush ne sont pas encore formées." in section.text
    section.find_element(By.XPATH, ".//button[normalize-space()='Former les équipes']").click()
    wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "main"), "2 équipes formées."))
    table = browser.find_element(By.CSS_SELECTOR, f"#{RUSH} table")
    for _email, first, last in PEOPLE:
        assert f"{last} {first}" in table.text
    assert len(table.find_elements(By.CSS_SELECTOR, "tbody tr")) == 2
    assert not browser.find_elements(By.XPATH, "//button[normalize-space()='Former les équipes']")
    _no_script_errors(browser)
    (member, absent), (evaluator, idle) = _teams(live_app, piscine_id)

    # 2. A member sees their team (and their partner, not the others) on the dashboard.
    _log_in(browser, base, wait, email_of[member])
    browser.get(f"{base}/piscine/{piscine_id}/")
    teams = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=teams-title]")
    assert "Mes équipes de rush" in teams.text and "équipe 1" in teams.text, teams.text
    assert name_of[absent] in teams.text
    assert name_of[evaluator] not in teams.text and name_of[idle] not in teams.text
    _no_script_errors(browser)

    # 3. A candidate of the other pair publishes a window tomorrow 12:00-13:00 (Paris): the
    # only candidate free then (the fourth publishes nothing).
    _log_in(browser, base, wait, email_of[evaluator])
    browser.get(evaluations_url)
    _set(browser, "date", tomorrow.isoformat())
    _set(browser, "starts_at", "12:00")
    _set(browser, "ends_at", "13:00")
    browser.find_element(
        By.CSS_SELECTOR, "form[action$='/evaluations/availability'] button[type=submit]"
    ).click()
    wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "main"), "disponibilité est publiée"))
    _no_script_errors(browser)

    # 4. Before the deadline the team has no defense to book.
    _log_in(browser, base, wait, email_of[member])
    browser.get(evaluations_url)
    assert not browser.find_elements(By.ID, f"book-defense-{RUSH}")
    # Time travel: the rush closed an hour ago (the pages read the real clock).
    with live_app.app_context():
        day = db.session.scalars(
            db.select(PiscineDay).filter_by(piscine_id=piscine_id, day_id=RUSH)
        ).one()
        day.closes_at = datetime.now(UTC) - timedelta(hours=1)
        db.session.commit()

    # 5. The member books the team's defense tomorrow at 12:00; the evaluator is drawn.
    browser.get(evaluations_url)
    need = browser.find_element(By.ID, f"book-defense-{RUSH}")
    assert "Rush de test · Équipe 1" in need.text, need.text
    _set(browser, f"book-defense-{RUSH}-date", tomorrow.isoformat())
    _set(browser, f"book-defense-{RUSH}-starts_at", "12:00")
    need.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait.until(EC.url_matches(r".*/piscine/evaluations/\d+$"))
    with live_app.app_context():
        defense = db.session.scalars(db.select(Evaluation)).one()
        assert defense.team_id is not None and defense.evaluated_id == member
        assert defense.evaluator_id == evaluator  # outside the team, the only one free
        defense_id = defense.id
    defense_url = f"{base}/piscine/evaluations/{defense_id}"
    assert browser.current_url == defense_url
    assert "révélé 15 minutes avant" in _main(browser)  # the evaluator, not yet named
    assert name_of[evaluator] not in _main(browser)
    _no_script_errors(browser)

    # Time travel: the defense started a minute ago.
    with live_app.app_context():
        defense = db.session.get(Evaluation, defense_id)
        defense.starts_at = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(
            minutes=1
        )
        defense.ends_at = defense.starts_at + timedelta(minutes=30)
        db.session.commit()

    # 6. The evaluator fills the rush's scale and the per-member section: one member absent.
    _log_in(browser, base, wait, email_of[evaluator])
    browser.get(defense_url)
    page = _main(browser)
    assert "Le programme marche-t-il ?" in page and "L'équipe explique-t-elle ?" in page
    assert name_of[member] in page and name_of[absent] in page
    browser.find_element(By.ID, "answer-works-1").click()
    browser.find_element(By.ID, "answer-explains-5").click()
    browser.find_element(By.ID, f"member-{member}-present").click()
    browser.find_element(By.ID, f"member-{absent}-absent").click()
    browser.find_element(By.ID, "feedback").send_keys(FEEDBACK)
    browser.find_element(By.XPATH, SUBMIT_SCALE).click()
    wait.until(
        EC.text_to_be_present_in_element((By.TAG_NAME, "main"), "évaluation est enregistrée")
    )
    marks = browser.find_element(By.ID, "individual-marks").text
    assert f"{name_of[member]} : 100" in marks or f"{name_of[member]}: 100" in marks, marks
    assert name_of[absent] in marks and "absent" in marks, marks
    _no_script_errors(browser)

    # 7. Each member sees the defense and their own mark only.
    for who, mark, other in ((member, "100", absent), (absent, "0", member)):
        _log_in(browser, base, wait, email_of[who])
        browser.get(evaluations_url)
        link = browser.find_element(By.CSS_SELECTOR, f"#defenses a[href$='/{defense_id}']")
        assert "Rush de test" in link.text
        link.click()
        wait.until(EC.url_to_be(defense_url))
        result = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=result-title]")
        (row,) = result.find_elements(By.CSS_SELECTOR, "#individual-marks li")
        assert row.text.startswith("Vous") and row.find_element(By.TAG_NAME, "strong").text == mark
        assert name_of[other] not in result.text
        assert ("absent" in row.text) == (who == absent), row.text
        _no_script_errors(browser)

    with live_app.app_context():
        done = db.session.get(Evaluation, defense_id)
        assert done.mark == 100
        assert {m.user_id: m.mark for m in done.members} == {member: 100, absent: 0}
