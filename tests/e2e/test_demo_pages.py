"""In a real browser, on the demo data: the main pages of each role render (and are pictured)."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from school101.cli.demo import DEMO_PASSWORD, seed_demo
from school101.extensions import db


def _login(browser, base, email):
    browser.delete_all_cookies()
    browser.get(base + "/auth/login")
    browser.find_element(By.NAME, "email").send_keys(email)
    browser.find_element(By.NAME, "password").send_keys(DEMO_PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(browser, 10).until(EC.url_changes(base + "/auth/login"))


def test_main_pages_of_each_role(live_app, browser, screenshot):
    with live_app.app_context():
        list(seed_demo(candidates=80, seed=3))
        db.session.commit()
    base = live_app.config["LIVE_URL"]

    _login(browser, base, "staff@101.example")
    browser.get(base + "/staff/piscines/1/board")
    assert "Piscine de juillet" in browser.page_source
    screenshot("staff-piscine-board")
    browser.get(base + "/staff/analytics")
    assert "<svg" in browser.page_source
    screenshot("staff-analytics")
    browser.get(base + "/staff/selection")
    browser.find_element(By.NAME, "name").send_keys("Promotion démo")
    for option in browser.find_elements(By.CSS_SELECTOR, "select[name=piscine_ids] option"):
        if "juillet" in option.text:
            option.click()
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(browser, 10).until(EC.url_contains("/staff/selection/rounds/"))
    assert "C-" in browser.page_source  # blind mode by default
    screenshot("staff-selection-ranking")
    browser.get(base + "/staff/campaigns/new")
    assert browser.find_element(By.NAME, "age_min")
    screenshot("staff-campaign-form")
    browser.get(base + "/staff/queue")
    screenshot("staff-grading-queue")

    _login(browser, base, "admin@101.example")
    browser.get(base + "/admin/users?role=staff")
    assert "staff@101.example" in browser.page_source
    screenshot("admin-users")

    _login(browser, base, "candidate@101.example")
    browser.get(base + "/piscine/")
    assert "Piscine de septembre" in browser.page_source
    screenshot("candidate-piscine")

    _login(browser, base, "employer@101.example")
    browser.get(base + "/directory")
    assert "graduate" not in browser.current_url
    screenshot("employer-directory")
