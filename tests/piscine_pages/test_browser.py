"""In a real headless Chromium (CSP enforced): the deadline countdown ticks from countdown.js,
an upload through the day page's form lands in the submissions list, and the staff board's
figures follow new submissions and gradings (board-live.js), pause, and back off on errors."""

from __future__ import annotations

import re
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from school101.extensions import db
from school101.models import Booking, Invitation, User
from school101.services.piscine.sessions import create_piscine
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "exercises" / "c00" / "ex00" / "reference" / "ft_putchar.c"


@pytest.fixture
def app_config(database_url):
    """The live site's settings: as in production (CSRF on, any host name), no Redis, fast polls."""
    return {
        "TESTING": False,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "live-secret",
        "RATELIMIT_ENABLED": False,
        "REQUIRE_EMAIL_CONFIRMATION": False,
        "REDIS_URL": "",
        "BOARD_LIVE_INTERVAL_SECONDS": 0.5,
    }


@pytest.fixture
def piscine_site(make_app):
    """(base URL, ids): the app served on 127.0.0.1 with a piscine starting today, a seated
    candidate and a staff member; ids also holds the `app` and its `server` (to stop it)."""
    app = make_app(push_context=False)
    with app.app_context():
        staff = make_user(roles=("staff",), profile=False, consent=False)
        start = date.today()
        piscine = create_piscine(
            {
                "name": "Piscine navigateur",
                "starts_on": start,
                "ends_on": start + timedelta(days=27),
                "capacity": 5,
                "feedback": "after_deadline",
            },
            actor=staff,
        )
        user = make_user()
        db.session.add(Invitation(piscine_id=piscine.id, user_id=user.id))
        db.session.add(Booking(piscine_id=piscine.id, user_id=user.id, status="booked"))
        piscine.seats_taken = 1
        db.session.commit()
        ids = {"piscine": piscine.id, "email": user.email, "user_id": user.id, "staff": staff.email}
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    ids.update(app=app, server=server)
    try:
        yield f"http://127.0.0.1:{server.server_port}", ids
    finally:
        server.shutdown()
        thread.join(timeout=5)


def test_countdown_ticks_and_upload_works(piscine_site, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    base, ids = piscine_site
    browser.get(f"{base}/auth/login?lang=en")
    browser.find_element(By.NAME, "email").send_keys(ids["email"])
    browser.find_element(By.NAME, "password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    # the login redirect must land before we navigate, or the next page asks to log in
    WebDriverWait(browser, 10).until(lambda b: "/auth/login" not in b.current_url)
    browser.get(f"{base}/piscine/{ids['piscine']}/")
    countdown = browser.find_element(By.CSS_SELECTOR, "time.countdown")
    first = countdown.text
    assert re.fullmatch(r"(\d+ d )?\d\d:\d\d:\d\d", first), first
    WebDriverWait(browser, 10).until(lambda b: countdown.text != first)  # countdown.js ticks
    errors = [
        e
        for e in browser.get_log("browser")
        if e["level"] == "SEVERE" and "favicon" not in e["message"]
    ]
    assert errors == [], errors  # no CSP violation, no script error

    browser.get(f"{base}/piscine/{ids['piscine']}/days/c00")
    target = tmp_path / "ft_putchar.c"
    target.write_bytes(REFERENCE.read_bytes())
    browser.find_element(By.ID, "ex00-files").send_keys(str(target))
    browser.find_element(By.CSS_SELECTOR, "#ex-ex00 form button[type=submit]").click()
    assert (
        "Your files for c00/ex00 are received"
        in browser.find_element(By.CSS_SELECTOR, ".flashes").text
    )
    rows = browser.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=subs-title] tbody tr")
    assert len(rows) == 1 and "c00/ex00" in rows[0].text


def _severe(browser):
    return [
        e
        for e in browser.get_log("browser")
        if e["level"] == "SEVERE" and "favicon" not in e["message"]
    ]


def test_staff_board_refreshes_its_figures(piscine_site, browser):
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from school101.models import DayGrading
    from school101.services.grading.runs import create_submission

    base, ids = piscine_site
    app = ids["app"]

    def submit():
        with app.app_context():
            sub = create_submission(
                user=db.session.get(User, ids["user_id"]),
                exercise="c00/ex00",
                files={"ft_putchar.c": b"x"},
                source="upload",
            )
            sub.piscine_id, sub.day_id = ids["piscine"], "c00"
            db.session.commit()

    def shown(key):
        return browser.find_element(By.CSS_SELECTOR, f'[data-live="{key}"]').text

    wait = WebDriverWait(browser, 10, poll_frequency=0.1)
    browser.get(f"{base}/auth/login?lang=en")
    browser.find_element(By.NAME, "email").send_keys(ids["staff"])
    browser.find_element(By.NAME, "password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait.until(lambda b: "/auth/login" not in b.current_url)
    browser.get(f"{base}/staff/piscines/{ids['piscine']}/board?lang=en")
    status = browser.find_element(By.CSS_SELECTOR, "[data-live-status]")
    toggle = browser.find_element(By.CSS_SELECTOR, "button[data-live-toggle]")
    announcer = browser.find_element(By.CSS_SELECTOR, "[data-live-announce]")
    assert toggle.is_displayed() and toggle.get_attribute("aria-pressed") == "false"
    assert re.fullmatch(r"Updated at \d{1,2}:\d\d\s[AP]M \(Paris time\)\.", status.text), (
        status.text
    )
    assert (shown("today_submissions"), shown("not_submitted.c00")) == ("0", "1")

    submit()  # the next poll shows it, and says so politely
    wait.until(lambda b: shown("today_submissions") == "1")
    assert shown("not_submitted.c00") == "0"
    wait.until(lambda b: "Submissions today: 1" in announcer.get_attribute("textContent"))
    assert re.fullmatch(r"Updated at \d{1,2}:\d\d\s[AP]M \(Paris time\)\.", status.text), (
        status.text
    )
    stale = browser.find_element(By.CSS_SELECTOR, "[data-live-stale]")
    assert not stale.is_displayed()

    with app.app_context():  # a deadline grading finishes: the grid is stale, offer a reload
        db.session.add(
            DayGrading(
                piscine_id=ids["piscine"],
                user_id=ids["user_id"],
                day_id="c00",
                status="graded",
                score=10,
                max_score=100,
                verdict='{"exercises": []}',
            )
        )
        db.session.commit()
    wait.until(lambda b: stale.is_displayed())
    assert "New results have been graded since this page was loaded." in stale.text
    assert shown("day_gradings.graded") == "1"

    toggle.click()  # paused: nothing moves
    assert toggle.get_attribute("aria-pressed") == "true"
    assert "Auto-refresh is paused." in status.text
    submit()
    with pytest.raises(TimeoutException):  # three poll intervals go by, and the figure stays
        WebDriverWait(browser, 1.6, poll_frequency=0.1).until(
            lambda b: shown("today_submissions") != "1"
        )
    assert shown("today_submissions") == "1"
    toggle.click()  # resumed: polls at once
    assert toggle.get_attribute("aria-pressed") == "false"
    wait.until(lambda b: shown("today_submissions") == "2")
    assert _severe(browser) == []  # no CSP violation, no script error

    ids["server"].shutdown()  # the server goes away: a discreet message, and longer waits
    ids["server"].server_close()
    # 0.5 s between polls, doubled at each failure: 1 s, 2 s, then 4 s (shown for 4 s)
    wait.until(lambda b: "The figures could not be refreshed; next try in 4 s." in status.text)
    assert "board-live-error" in status.get_attribute("class")
    assert shown("today_submissions") == "2"
