"""In a real browser, on the demo data: the main pages of each role render (and are pictured)."""

from datetime import timedelta

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from school101.cli.demo import DEMO_PASSWORD, seed_demo
from school101.cli.demo_today import demo_piscine_name
from school101.core.clock import paris_today
from school101.extensions import db
from tests.e2e.axe import set_viewport


def _login(browser, base, email):
    browser.delete_all_cookies()
    browser.get(base + "/auth/login")
    browser.find_element(By.NAME, "email").send_keys(email)
    browser.find_element(By.NAME, "password").send_keys(DEMO_PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(browser, 10).until(EC.url_changes(base + "/auth/login"))


def test_main_pages_of_each_role(live_app, browser, screenshot):
    def at_both_sizes(name: str) -> None:
        """The page on a desk's screen (1280x800) and on a phone (375x812)."""
        screenshot(name)
        set_viewport(browser, 375, 812)
        browser.refresh()
        screenshot(f"{name}-375")
        set_viewport(browser, 1280, 800)
        browser.refresh()

    set_viewport(browser, 1280, 800)
    with live_app.app_context():
        list(seed_demo(candidates=80, seed=3))
        db.session.commit()
    base = live_app.config["LIVE_URL"]
    under_way = demo_piscine_name(paris_today() - timedelta(days=9))  # the demo's piscine 1

    _login(browser, base, "staff@101.example")
    browser.get(base + "/staff/piscines/1/board")
    assert under_way in browser.page_source
    at_both_sizes("staff-piscine-board")
    browser.get(base + "/staff/analytics")
    assert "<svg" in browser.page_source
    screenshot("staff-analytics")
    browser.get(base + "/staff/selection")
    browser.find_element(By.NAME, "name").send_keys("Promotion démo")
    for option in browser.find_elements(By.CSS_SELECTOR, "select[name=piscine_ids] option"):
        if under_way in option.text:
            option.click()
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(browser, 10).until(EC.url_contains("/staff/selection/rounds/"))
    assert "C-" in browser.page_source  # blind mode by default
    at_both_sizes("staff-selection-ranking")
    browser.get(base + "/staff/campaigns/new")
    assert browser.find_element(By.NAME, "age_min")
    screenshot("staff-campaign-form")
    browser.get(base + "/staff/queue")
    screenshot("staff-grading-queue")
    browser.get(base + "/staff/applications")
    at_both_sizes("staff-applications-worksurface")

    _login(browser, base, "admin@101.example")
    browser.get(base + "/admin/users?role=staff")
    assert "staff@101.example" in browser.page_source
    screenshot("admin-users")

    _login(browser, base, "candidate@101.example")
    browser.get(base + "/piscine/")
    assert demo_piscine_name(paris_today()) in browser.page_source  # seated, c00 open today
    screenshot("candidate-piscine")

    _login(browser, base, "employer@101.example")
    browser.get(base + "/directory")
    assert "graduate" not in browser.current_url
    screenshot("employer-directory")
