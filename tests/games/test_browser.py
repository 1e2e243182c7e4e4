"""Real browser (headless Chromium): the scripts play both games against a live server.

CSRF protection is on (as in production): the scripts send the page's token. The server
is a werkzeug thread on a SQLite file; the test reads the kept solutions from the database
to play like a (perfect) candidate, with the mouse for memory and the keyboard for logic, at
a person's pace (the server refuses and flags faster play: services/games/pacing.py).
"""

from __future__ import annotations

import json
import os
import random
import time

import pytest

from school101.extensions import db
from school101.models import GameLevel, GamePlausibility, GameRefusal, GameSession
from tests.games.human_timings import TimingRecorder, append_recording
from tests.livesite import serving

# A person's pace on the memory grid (Corsi block-tapping studies: about a second before the
# first tap, then half a second or more per tap, slower as sequences grow).
FIRST_TAP_S = (0.6, 1.0)
NEXT_TAP_S = (0.35, 0.7)
MEMORY_LEVELS = int(os.environ.get("GAMES_E2E_MEMORY_LEVELS", "3"))

pytestmark = pytest.mark.e2e


@pytest.fixture
def app_config(database_url):
    """The live site's settings: as in production (CSRF on, any host name), no Redis."""
    return {
        "TESTING": False,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "games-e2e",
        "RATELIMIT_ENABLED": False,
        "REDIS_URL": "",
        "REQUIRE_EMAIL_CONFIRMATION": False,
    }


@pytest.fixture
def games_site(make_app):
    """(app, base URL): the app served on 127.0.0.1, with an open campaign (3 memory and 3 logic
    levels) and joueuse@example.org, who applied to it."""
    app = make_app(push_context=False)
    with app.app_context():
        from tests.factories import make_application, make_campaign, make_user

        campaign = make_campaign(memory_levels=MEMORY_LEVELS, logic_levels=3)
        user = make_user(email="joueuse@example.org")
        make_application(user, campaign)
        db.session.remove()
    with serving(app) as base:
        yield app, base


def wait_for(browser, predicate, timeout=20.0, what="condition"):
    """The truthy value of `predicate()`, polled every 0.1 s for up to `timeout` seconds."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(browser, timeout, poll_frequency=0.1).until(lambda _: predicate())
    except TimeoutException:
        raise AssertionError(f"timed out waiting for {what}") from None


def current(app, session_id):
    with app.app_context():
        session = db.session.get(GameSession, session_id)
        row = db.session.scalar(
            db.select(GameLevel).where(
                GameLevel.session_id == session_id, GameLevel.level == session.current_level
            )
        )
        result = (
            session.status,
            session.current_level,
            session.levels_solved,
            json.loads(row.solution) if row else None,
        )
        db.session.remove()
        return result


def log_in(browser, base):
    from selenium.webdriver.common.by import By

    browser.get(f"{base}/auth/login")
    browser.find_element(By.NAME, "email").send_keys("joueuse@example.org")
    browser.find_element(By.NAME, "password").send_keys("correct horse battery")
    browser.find_element(
        By.CSS_SELECTOR, "form button[type=submit], form input[type=submit]"
    ).click()
    wait_for(browser, lambda: "/auth/login" not in browser.current_url, what="login")


def start(browser, base, game):
    from selenium.webdriver.common.by import By

    browser.get(f"{base}/games/")
    browser.find_element(By.CSS_SELECTOR, f"form[action='/games/{game}/start'] button").click()
    wait_for(browser, lambda: "/games/sessions/" in browser.current_url, what="play page")
    return int(browser.current_url.rstrip("/").split("/")[-1])


def feedback(browser):
    from selenium.webdriver.common.by import By

    return browser.find_element(By.CSS_SELECTOR, "[data-role=feedback]").text


def shot(browser, name):
    """Save a screenshot when GAMES_SCREENSHOTS names a directory (for reviewing the pages)."""
    import os

    directory = os.environ.get("GAMES_SCREENSHOTS")
    if directory:
        browser.save_screenshot(os.path.join(directory, f"{name}.png"))


def severe_logs(browser):
    return [
        e
        for e in browser.get_log("browser")
        if e["level"] == "SEVERE" and "favicon.ico" not in e["message"]
    ]


def test_memory_game_in_a_browser(games_site, browser):
    """Three levels at a person's pace: solved, and the session is not flagged."""
    from selenium.webdriver.common.by import By

    app, base = games_site
    recorder = TimingRecorder(app.wsgi_app)
    app.wsgi_app = recorder
    rng = random.Random(int(os.environ.get("GAMES_E2E_SEED", "101")))
    log_in(browser, base)
    sid = start(browser, base, "memory")
    for level in range(1, MEMORY_LEVELS + 1):
        status, number, solved, solution = current(app, sid)
        assert (status, number, solved) == ("in_progress", level, level - 1)
        if level == 1:
            show = browser.find_element(By.CSS_SELECTOR, "[data-role=show]")
            wait_for(
                browser, show.is_displayed, what=f"the show button ({browser.get_log('browser')})"
            )
            show.click()
        wait_for(browser, lambda: "À vous" in feedback(browser), timeout=30, what="your turn")
        cells = browser.find_elements(By.CSS_SELECTOR, ".memory-grid button.cell")
        assert cells[0].get_attribute("aria-label").startswith("Case 1 : ligne 1, colonne 1")
        shot(browser, f"memory-level{level}")
        time.sleep(rng.uniform(*FIRST_TAP_S))
        for k, cell in enumerate(solution["sequence"]):
            if k:
                time.sleep(rng.uniform(*NEXT_TAP_S) + 0.03 * len(solution["sequence"]))
            cells[cell].click()
        wait_for(browser, lambda: "Bravo" in feedback(browser), what="level solved")
    wait_for(browser, lambda: "La partie est terminée" in feedback(browser), what="end of game")
    assert current(app, sid)[:3] == ("finished", MEMORY_LEVELS, MEMORY_LEVELS)
    assert not severe_logs(browser)
    with app.app_context():
        report = db.session.scalar(db.select(GamePlausibility).filter_by(session_id=sid))
        assert report is not None and report.flagged is False, (report.reasons, report.stats)
        db.session.remove()
    if os.environ.get("GAMES_RECORD_TIMINGS"):
        append_recording(os.environ["GAMES_RECORD_TIMINGS"], recorder.levels())


def test_logic_game_with_the_keyboard(games_site, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    app, base = games_site
    log_in(browser, base)
    sid = start(browser, base, "logic")
    keys = {
        "forward": Keys.ARROW_UP,
        "left": Keys.ARROW_LEFT,
        "right": Keys.ARROW_RIGHT,
        "light": "l",
        "f1": "1",
        "f2": "2",
    }
    # a wrong program first: counted as a try, the level stays
    wait_for(
        browser, lambda: browser.find_elements(By.CSS_SELECTOR, ".palette button"), what="palette"
    )
    browser.find_element(By.CSS_SELECTOR, ".palette button[data-op=left]").click()
    browser.find_element(By.CSS_SELECTOR, "[data-role=run]").click()
    wait_for(browser, lambda: "restent éteintes" in feedback(browser), what="not solved")
    assert current(app, sid)[1] == 1
    browser.find_element(By.CSS_SELECTOR, "[data-role=clear]").click()
    for level in (1, 2, 3):
        program = current(app, sid)[3]["program"]
        for proc in ("main", "f1", "f2"):
            if not program[proc]:
                continue
            browser.find_element(By.CSS_SELECTOR, f"input[name=proc][value={proc}]").click()
            browser.switch_to.active_element.send_keys(Keys.TAB)  # to the procedure's list
            assert browser.switch_to.active_element.get_attribute("data-proc") == proc
            for op in program[proc]:
                time.sleep(0.3)  # a person's pace: the server refuses faster programs
                browser.switch_to.active_element.send_keys(keys[op])
        shot(browser, f"logic-level{level}")
        count = sum(len(v) for v in program.values())
        assert len(browser.find_elements(By.CSS_SELECTOR, "ol.slots button.slot")) == count
        browser.find_element(By.CSS_SELECTOR, "[data-role=run]").click()
        wait_for(
            browser,
            lambda: "Niveau réussi" in feedback(browser),
            timeout=40,
            what=f"level {level} solved",
        )
        if level < 3:
            browser.find_element(By.CSS_SELECTOR, "[data-role=next]").click()
    wait_for(browser, lambda: "La partie est terminée" in feedback(browser), what="end of game")
    shot(browser, "logic-end")
    browser.get(f"{base}/games/")
    shot(browser, "games-index")
    status, _number, solved, _solution = current(app, sid)
    assert (status, solved) == ("finished", 3)
    assert not severe_logs(browser)


def test_memory_reload_during_the_sequence_resumes_it_without_showing_it_again(games_site, browser):
    from selenium.webdriver.common.by import By

    app, base = games_site
    log_in(browser, base)
    sid = start(browser, base, "memory")
    solution = current(app, sid)[3]["sequence"]
    show = browser.find_element(By.CSS_SELECTOR, "[data-role=show]")
    wait_for(browser, show.is_displayed, what="the show button")
    show.click()

    def revealed():
        with app.app_context():
            steps = db.session.scalar(
                db.select(GameLevel.steps_revealed).filter_by(session_id=sid, level=1)
            )
            db.session.remove()
            return steps

    wait_for(browser, lambda: revealed() >= 1, what="a first step revealed")
    browser.refresh()
    resume = browser.find_element(By.CSS_SELECTOR, "[data-role=show]")
    wait_for(browser, resume.is_displayed, what="the resume button")
    assert resume.text == "Reprendre la séquence"
    resume.click()
    wait_for(browser, lambda: "À vous" in feedback(browser), timeout=30, what="your turn")
    assert revealed() == len(solution)
    cells = browser.find_elements(By.CSS_SELECTOR, ".memory-grid button.cell")
    for cell in solution:
        time.sleep(0.5)
        cells[cell].click()
    wait_for(browser, lambda: "Bravo" in feedback(browser), what="level solved")
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(GameRefusal.id))) == 0
        db.session.remove()
    assert not severe_logs(browser)
