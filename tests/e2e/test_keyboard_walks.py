"""Keyboard-only walks of the main flows in headless Chromium (issue 16): apply, play both
games, book a piscine seat, submit an exercise, decide on an application.

The tests act through the keyboard alone (tests/e2e/keyboard.py: TAB, SHIFT+TAB, ENTER, SPACE,
arrows, typed text; scripts only read the page). At every focus stop they check that the
focused element is on screen, not covered, and visibly focused; on the first page of each flow
they check that the skip link is the first stop and moves the focus to the content.
"""

from __future__ import annotations

import json
import re
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from school101.extensions import db
from school101.models import (
    Application,
    AuditLog,
    Booking,
    GameLevel,
    Invitation,
    Submission,
    User,
)
from school101.services.piscine.sessions import create_piscine
from tests import factories
from tests.e2e.keyboard import Keyboard, on_page

pytestmark = pytest.mark.e2e
EXERCISES = Path(__file__).resolve().parents[2] / "exercises"


# What the game says in its live region (role=status), as a screen reader hears it.
LISTEN = """
const said = document.querySelector(arguments[0] + ' [data-role=feedback]');
window.__said = [];
new MutationObserver(() => { if (said.textContent) { window.__said.push(said.textContent); } })
  .observe(said, {childList: true, characterData: true, subtree: true});
"""
#: the logic game's keys inside the program editor (games-logic.js)
LOGIC_KEYS = {"forward": Keys.ARROW_UP, "left": Keys.ARROW_LEFT, "right": Keys.ARROW_RIGHT}


@pytest.fixture
def app_config(app_config, request):
    """The live site; for the tests marked redis, real Redis (a submission queues its run)."""
    if request.node.get_closest_marker("redis") is None:
        return app_config
    return {**app_config, "REDIS_URL": request.getfixturevalue("redis_url")}


def _console_errors(browser) -> list:
    """Severe console entries, but the favicon's 404 (another workstream of issue 16 adds it)."""
    return [
        e
        for e in browser.get_log("browser")
        if e.get("level") == "SEVERE" and "favicon.ico" not in e.get("message", "")
    ]


def _said(browser, text: str, timeout: float = 15) -> list[str]:
    """Wait until the game's live region has said something containing `text`."""
    WebDriverWait(browser, timeout).until(
        lambda d: any(text in line for line in d.execute_script("return window.__said")),
        message=f"{text!r} never said",
    )
    return browser.execute_script("return window.__said")


def _log_in(keys: Keyboard, browser, base: str, email: str) -> None:
    """Log in through the login form, with the keyboard."""
    browser.get(base + "/auth/login")
    keys.fill("email", email)
    keys.fill("password", factories.PASSWORD)
    keys.press(Keys.ENTER)  # ENTER in a field submits its form
    WebDriverWait(browser, 10).until(lambda d: "/auth/login" not in d.current_url)


def _invited(app, *, seated: bool) -> int:
    """A piscine starting today (c00 open) with the candidate invited, or seated; its id."""
    with app.app_context():
        staff = factories.make_user("staff@101.example", roles=("staff",), profile=False)
        candidate = factories.make_user("nageuse@example.org", first_name="Nina")
        piscine = create_piscine(
            {
                "name": "Piscine d'hiver",
                "starts_on": date.today(),
                "ends_on": date.today() + timedelta(days=27),
                "capacity": 10,
                "feedback": "immediate",
            },
            actor=staff,
        )
        db.session.add(Invitation(piscine_id=piscine.id, user_id=candidate.id))
        if seated:
            db.session.add(Booking(piscine_id=piscine.id, user_id=candidate.id, status="booked"))
            piscine.seats_taken += 1
        db.session.commit()
        return piscine.id


def _candidate_with_application(app) -> None:
    with app.app_context():
        user = factories.make_user("joueuse@example.org", first_name="Jeanne")
        factories.make_application(user)


def test_apply_with_the_keyboard(live_app, browser):
    with live_app.app_context():
        factories.make_campaign()
    base = live_app.config["LIVE_URL"]
    keys = Keyboard(browser)

    browser.get(base + "/auth/register")
    keys.skip_to_content()
    keys.fill("first_name", "Léa")
    keys.fill("last_name", "Clavier")
    keys.fill("email", "lea.clavier@example.org")
    keys.fill("password", "une phrase de passe")
    keys.fill_date("birth_date", date(2001, 4, 5))
    keys.tab_to_field("consent")
    keys.press(Keys.SPACE)
    assert browser.execute_script("return document.activeElement.checked")
    keys.tab_to_text("Créer mon compte", "button")
    keys.activate(on_page("/me"))

    keys.tab_to_text("Compléter mon profil", "a")
    keys.activate(on_page("/me/profile"))
    keys.fill("city", "Villeurbanne")
    keys.fill("postcode", "69100")
    keys.choose("situation", "retraining")
    keys.choose("heard_from", "press")
    keys.tab_to_text("Enregistrer mon profil", "button")
    keys.activate(on_page("/me"))

    keys.tab_to_text("Candidater à la Campagne 2026", "a")
    keys.activate(on_page("/me/apply"))
    keys.fill("motivation", "J'apprends sans souris, au clavier.")
    keys.tab_to_text("Envoyer ma candidature", "button")
    keys.activate(on_page("/me"))

    with live_app.app_context():
        assert db.session.scalar(db.select(Application.status)) == "applied"
    assert not _console_errors(browser)


def test_play_both_games_with_the_keyboard(live_app, browser):
    _candidate_with_application(live_app)
    base = live_app.config["LIVE_URL"]
    keys = Keyboard(browser)
    _log_in(keys, browser, base, "joueuse@example.org")

    # Memory: start, watch the sequence (announced cell by cell), answer with arrows and ENTER.
    browser.get(base + "/games/")
    keys.skip_to_content()
    keys.tab_to(lambda s: s["form"].endswith("/games/memory/start"), what="start memory")
    keys.activate(on_page(r"/games/sessions/\d+"))
    keys.wait_focus_on("#memory-game [data-role=show]")  # the page puts the focus on it
    browser.execute_script(LISTEN, "#memory-game")
    keys.press(Keys.ENTER)
    # the button is gone: the focus moves to the grid at once, while the sequence plays
    keys.wait_focus_on("#memory-game [data-cell='0'][aria-disabled=true]", timeout=1)
    said = _said(browser, "À vous")
    shown = [re.search(r"ligne (\d+), colonne (\d+)", line) for line in said]
    sequence = [(int(m[1]) - 1, int(m[2]) - 1) for m in shown if m]
    assert len(sequence) == 3, said
    row, col = 0, 0
    for target_row, target_col in sequence:
        for _ in range(abs(target_row - row)):
            keys.press(Keys.ARROW_DOWN if target_row > row else Keys.ARROW_UP)
        for _ in range(abs(target_col - col)):
            keys.press(Keys.ARROW_RIGHT if target_col > col else Keys.ARROW_LEFT)
        row, col = target_row, target_col
        assert keys.is_on(f"#memory-game [data-cell='{row * 3 + col}']")
        keys.focused()
        time.sleep(0.3)  # a person's pace (services/games/pacing.py refuses faster answers)
        keys.press(Keys.SPACE if col % 2 else Keys.ENTER)
    _said(browser, "Bravo ! Niveau 1 réussi.")
    # the next level's grid replaces the cells: the focus stays in the game while it plays
    WebDriverWait(browser, 3).until(
        lambda d: d.execute_script(
            "return !window.__said.at(-1).startsWith('Bravo')"
            " && document.activeElement.matches('#memory-game [data-cell][aria-disabled=true]');"
        )
    )
    keys.focused()
    # a wrong answer (the same cell four times: a sequence never repeats a cell at once) ends
    # the game: the result is announced and the focus goes to the way back to the games
    _said(browser, "À vous : appuyez sur les 4 cases")
    for _ in range(4):
        time.sleep(0.3)
        keys.press(Keys.ENTER)
    _said(browser, "La partie est terminée. Niveaux réussis : 1.")
    keys.wait_focus_on("#memory-game [data-role=end] a")

    # Logic: type the program in the editor, run it; a failed run keeps the focus on Run.
    browser.get(base + "/games/")
    keys.tab_to(lambda s: s["form"].endswith("/games/logic/start"), what="start logic")
    keys.activate(on_page(r"/games/sessions/\d+"))
    WebDriverWait(browser, 5).until(
        lambda d: d.execute_script("return !!document.querySelector('#logic-game ol.slots')")
    )
    browser.execute_script(LISTEN, "#logic-game")
    keys.tab_to(lambda s: s["tag"] == "ol", what="the main program's slots")
    keys.press(Keys.ARROW_LEFT)
    _said(browser, "ajouté")
    keys.tab_to_text("Exécuter", "button")
    keys.press(Keys.ENTER)
    _said(browser, "restent éteintes")
    keys.wait_focus_on("#logic-game [data-role=run]")
    # SHIFT+TAB back through the palette to the program, where BACKSPACE removes the instruction
    keys.tab_to(lambda s: s["tag"] == "ol", backwards=True, what="the main program's slots")
    keys.press(Keys.BACKSPACE)
    _said(browser, "retiré")
    with live_app.app_context():
        level = db.session.scalars(
            db.select(GameLevel).where(GameLevel.correct.is_(None)).order_by(GameLevel.id.desc())
        ).first()
        program = json.loads(level.solution)["program"]
    assert not program["f1"] and not program["f2"], program  # level 1: the main program alone
    for op in program["main"]:
        keys.press(LOGIC_KEYS.get(op, "l"))
    keys.tab_to_text("Exécuter", "button")
    keys.press(Keys.ENTER)
    _said(browser, "Niveau réussi avec")
    keys.wait_focus_on("#logic-game [data-role=next]")
    keys.press(Keys.ENTER)
    keys.wait_focus_on("#logic-game [data-role=palette] button")
    with live_app.app_context():
        solved = db.session.scalars(db.select(GameLevel).where(GameLevel.correct.is_(True))).all()
        assert len(solved) == 2  # memory level 1, logic level 1
    assert not _console_errors(browser)


def test_book_a_seat_with_the_keyboard(live_app, browser):
    piscine_id = _invited(live_app, seated=False)
    base = live_app.config["LIVE_URL"]
    browser.set_window_size(375, 812)  # booking is done on a phone as often as not
    keys = Keyboard(browser)
    _log_in(keys, browser, base, "nageuse@example.org")

    browser.get(base + "/piscine/")
    keys.skip_to_content()
    keys.tab_to_text("Réserver une place", "button")
    keys.activate(lambda d: "Votre place est réservée" in d.page_source)
    with live_app.app_context():
        assert db.session.scalar(db.select(Booking.status)) == "booked"
    keys.skip_to_content()
    keys.tab_to_text("Ouvrir ma piscine", "a")
    keys.activate(on_page(f"/piscine/{piscine_id}/?"))
    assert not _console_errors(browser)


@pytest.mark.redis
def test_submit_an_exercise_with_the_keyboard(live_app, browser, tmp_path):
    piscine_id = _invited(live_app, seated=True)
    base = live_app.config["LIVE_URL"]
    browser.set_window_size(375, 812)
    keys = Keyboard(browser)
    _log_in(keys, browser, base, "nageuse@example.org")
    turned_in = tmp_path / "ft_putchar.c"
    turned_in.write_bytes((EXERCISES / "c00/ex00/reference/ft_putchar.c").read_bytes())

    browser.get(f"{base}/piscine/{piscine_id}/days/c00")
    keys.skip_to_content()
    keys.tab_to_field("ex00-files")
    # A keyboard user's file picker opens with ENTER or SPACE and takes a typed path; headless
    # Chromium has no picker, so the path goes to the focused file field directly.
    browser.switch_to.active_element.send_keys(str(turned_in))
    keys.tab_to_text("Rendre c00/ex00", "button")
    keys.activate(lambda d: "sont bien reçus" in d.page_source)
    with live_app.app_context():
        submission = db.session.scalars(db.select(Submission)).one()
        assert submission.exercise == "c00/ex00" and submission.source == "upload"
    # back where the person was: the next TAB stop is inside the exercise just turned in
    assert urlsplit(browser.current_url).fragment == "ex-ex00"
    keys.press(Keys.TAB)
    keys.focused()
    assert browser.execute_script("return !!document.activeElement.closest('#ex-ex00')")
    assert not _console_errors(browser)


def test_decide_on_an_application_with_the_keyboard(live_app, browser):
    with live_app.app_context():
        factories.make_user("staff@101.example", roles=("staff",), profile=False)
        campaign = factories.make_campaign()
        people = [("Léa", "Clavier"), *((f"Nom{n}", f"Rang{n:02d}") for n in range(22))]
        for first, last in [*people, ("Hugo", "Souris")]:  # the list shows the newest first
            factories.make_application(
                factories.make_user(first_name=first, last_name=last), campaign
            )
    base = live_app.config["LIVE_URL"]
    browser.set_window_size(1280, 600)  # a list longer than the window: rows under sticky bars
    keys = Keyboard(browser, max_tabs=120)
    _log_in(keys, browser, base, "staff@101.example")

    # Down the whole list and back up: no row is ever hidden under the sticky bulk bar (at the
    # bottom of the window) or the sticky header row (at the top of the table's box).
    browser.get(base + "/staff/applications")
    keys.skip_to_content()
    keys.tab_to_text("Clavier Léa", "a")
    keys.tab_to(lambda s: s["text"] == "Souris Hugo", backwards=True, what="the first row")
    keys.activate(on_page(r"/staff/applications/\d+"))
    first = browser.current_url
    # ? shows the shortcuts, ESC closes them; j and k go to the next application and back
    keys.type("?")
    keys.wait_focus_on("#shortcut-help[open] *")
    keys.press(Keys.ESCAPE)
    WebDriverWait(browser, 3).until(
        lambda d: d.execute_script("return !document.getElementById('shortcut-help').open")
    )
    keys.type("j")
    WebDriverWait(browser, 10).until(lambda d: d.current_url != first)
    assert "Rang21" in browser.title
    keys.type("k")
    WebDriverWait(browser, 10).until(lambda d: d.current_url == first)
    keys.choose("status", "not_selected")
    keys.fill("reason", "Dossier incomplet, relu au clavier.")
    keys.tab_to_text("Enregistrer la décision", "button")
    keys.activate(lambda d: "La décision est enregistrée." in d.page_source)
    # the page comes back to the decision: the focus is there, not at the top of the page
    keys.wait_focus_on("#decision, #decision *")
    with live_app.app_context():
        decided = db.session.scalars(
            db.select(Application).join(Application.user).where(User.last_name == "Souris")
        ).one()
        assert decided.status == "not_selected"
        audited = db.session.scalars(
            db.select(AuditLog).where(AuditLog.action == "application.decided")
        ).one()
        assert audited.reason == "Dossier incomplet, relu au clavier."
    assert not _console_errors(browser)
