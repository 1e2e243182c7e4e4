"""In headless Chromium at 1280x800 on the demo data: the applications list shows at least 15
rows above the fold (and above its sticky bulk bar), the sort state is on the header cell, a
saved filter is saved and applied, "select all" counts the ticks, the application page is one
screen that `j` leaves for the next application of the same list, and both pages are clean
under axe-core (serious/critical) at 1280x800 and 375x812 with no console error."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from school101.cli.demo import DEMO_PASSWORD, seed_demo
from school101.extensions import db
from tests.e2e.axe import console_errors, report, set_viewport
from tests.e2e.worksurface import clean_at_both_sizes, rows_above_the_fold

pytestmark = pytest.mark.e2e


def test_applications_list_is_a_work_surface(live_app, browser, screenshot):
    with live_app.app_context():
        list(seed_demo(candidates=60, seed=5))
        db.session.commit()
    base = live_app.config["LIVE_URL"]
    wait = WebDriverWait(browser, 10)
    browser.set_script_timeout(30)
    set_viewport(browser, 1280, 800)
    browser.get(base + "/auth/login")
    browser.find_element(By.NAME, "email").send_keys("staff@101.example")
    browser.find_element(By.NAME, "password").send_keys(DEMO_PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait.until(EC.url_changes(base + "/auth/login"))
    console_errors(browser, "/auth/login", "load")  # empties the log

    browser.get(base + "/staff/applications")
    assert browser.execute_script("return window.innerHeight") == 800
    rows = rows_above_the_fold(browser)
    print(f"\n/staff/applications: {rows} rows above the fold at 1280x800")
    assert rows >= 15, f"{rows} rows above the fold at 1280x800"
    screenshot("backoffice-applications")
    findings = clean_at_both_sizes(browser, "/staff/applications")

    # sort by memory: the state is on the header cell
    browser.find_element(
        By.XPATH, "//table[@id='applications']//th/a[contains(@href, 'sort=memory')]"
    ).click()
    wait.until(EC.url_contains("sort=memory"))
    header = browser.find_element(By.CSS_SELECTOR, "table.dense thead th[aria-sort]")
    assert "sort=memory" in header.find_element(By.TAG_NAME, "a").get_attribute("href")

    # save the current filters, then apply them from another list
    browser.find_element(By.CSS_SELECTOR, ".save-filter summary").click()
    browser.find_element(By.NAME, "name").send_keys("Mémoire d'abord", Keys.ENTER)
    wait.until(EC.url_contains("#saved-filters"))
    browser.get(base + "/staff/applications?status=applied")
    browser.find_element(By.LINK_TEXT, "Mémoire d'abord").click()
    wait.until(EC.url_contains("sort=memory"))
    assert "status=applied" not in browser.current_url

    # "select all" ticks every row of the page and says how many
    browser.find_element(By.ID, "select-all").click()
    ticked = browser.find_elements(By.CSS_SELECTOR, "input[name=application_ids]:checked")
    count = browser.find_element(By.CSS_SELECTOR, "[data-selected-count]").text
    assert len(ticked) >= 15 and count == str(len(ticked))

    # the first application: one screen; j goes to the second of the same list
    first, second = (
        a.get_attribute("href")
        for a in browser.find_elements(By.CSS_SELECTOR, "table.dense tbody th a")[:2]
    )
    assert "sort=memory" in first
    browser.get(first)
    assert browser.find_element(By.CSS_SELECTOR, ".detail-grid")
    screenshot("backoffice-application")
    detail_path = first.removeprefix(base)
    findings += clean_at_both_sizes(browser, detail_path)
    browser.find_element(By.TAG_NAME, "body").send_keys("j")
    wait.until(EC.url_to_be(second))
    assert not findings, report(findings)
