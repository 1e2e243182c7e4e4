"""In a real browser: a candidate registers, applies and plays a memory level; staff find them."""

from datetime import UTC, date, datetime, timedelta

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from school101.extensions import db
from school101.models import Application, Campaign
from school101.services.identity.accounts import create_user


def _setup(app):
    with app.app_context():
        now = datetime.now(UTC)
        db.session.add(
            Campaign(
                name="Campagne 2026",
                opens_at=now - timedelta(days=1),
                closes_at=now + timedelta(days=30),
                age_min=18,
                age_max=30,
                age_reference_date=(now + timedelta(days=30)).date(),
            )
        )
        create_user(
            email="staff@101.example",
            password="staff password 101",
            roles=["staff"],
            first_name="Sacha",
            last_name="Staff",
        )
        db.session.commit()


def _fill(browser, name, value):
    field = browser.find_element(By.NAME, name)
    field.clear()
    field.send_keys(value)


def _set_date(browser, name, value: date):
    browser.execute_script(
        "arguments[0].value = arguments[1];", browser.find_element(By.NAME, name), value.isoformat()
    )


def test_candidate_applies_and_plays_then_staff_finds_the_application(
    live_app, browser, screenshot
):
    _setup(live_app)
    base = live_app.config["LIVE_URL"]
    wait = WebDriverWait(browser, 10)

    browser.get(base + "/")
    assert "école de code gratuite" in browser.page_source
    screenshot("home")

    browser.get(base + "/auth/register")
    _fill(browser, "first_name", "Léa")
    _fill(browser, "last_name", "Navigatrice")
    _fill(browser, "email", "lea.nav@example.org")
    _fill(browser, "password", "une phrase de passe")
    _set_date(browser, "birth_date", date(2001, 4, 5))
    browser.find_element(By.NAME, "consent").click()
    screenshot("register")
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait.until(EC.url_contains("/me"))
    assert "Bonjour Léa" in browser.page_source

    browser.get(base + "/me/profile")
    _fill(browser, "city", "Villeurbanne")
    _fill(browser, "postcode", "69100")
    Select(browser.find_element(By.NAME, "situation")).select_by_value("retraining")
    Select(browser.find_element(By.NAME, "heard_from")).select_by_value("press")
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait.until(EC.url_matches(r".*/me$"))

    browser.get(base + "/me/apply")
    _fill(browser, "motivation", "Je veux apprendre à programmer avec d'autres.")
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait.until(EC.url_matches(r".*/me$"))
    screenshot("dashboard")
    with live_app.app_context():
        assert db.session.scalar(db.select(Application.status)) == "applied"

    text = play_memory_level(browser, base, wait, screenshot)
    with live_app.app_context():
        from school101.models import GameLevel

        first = db.session.scalars(db.select(GameLevel).order_by(GameLevel.id)).first()
        assert first.correct is True, text
        assert first.time_ms is not None and first.time_ms > 0
    # the logic game opens on its first level too
    browser.get(base + "/games/")
    browser.find_element(By.CSS_SELECTOR, "form[action$='/games/logic/start'] button").click()
    wait.until(EC.url_matches(r".*/games/sessions/\d+$"))
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#logic-game")))
    screenshot("logic-game")
    browser.get(base + "/me/consent")
    screenshot("consent")

    # staff log in and find the application
    logout = browser.find_element(By.CSS_SELECTOR, "header form button")
    logout.click()
    wait.until(EC.staleness_of(logout))  # the logout redirect must land before we navigate
    browser.get(base + "/auth/login")
    wait.until(EC.presence_of_element_located((By.NAME, "email")))
    _fill(browser, "email", "staff@101.example")
    _fill(browser, "password", "staff password 101")
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait.until(EC.url_contains("/staff"))
    screenshot("staff-dashboard")
    browser.get(base + "/staff/applications?q=Navigatrice")
    link = browser.find_element(By.PARTIAL_LINK_TEXT, "Navigatrice")
    screenshot("staff-applications")
    link.click()
    wait.until(EC.url_matches(r".*/staff/applications/\d+"))
    assert "Villeurbanne" in browser.page_source
    screenshot("staff-application")


def play_memory_level(browser, base, wait, screenshot):
    """Open the memory game and play its first level through the page (defined with the games)."""
    from tests.e2e.games_driver import play_first_memory_level

    play_first_memory_level(browser, base, wait, screenshot)
