"""In headless Chromium at 1280x800 on the demo data: the ranking and the live board show at
least 15 result rows above the fold, their sortable header cells carry the sort state, the
candidate pages they lead to are one screen with j/k, and the four pages are clean under axe-core
(serious/critical) at 1280x800 and 375x812 with no console error."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from school101.cli.demo import DEMO_PASSWORD, seed_demo
from school101.extensions import db
from school101.models import Booking, User
from school101.services.selection import ranking, rounds
from tests.e2e.axe import console_errors, report, set_viewport
from tests.e2e.worksurface import clean_at_both_sizes, rows_above_the_fold

pytestmark = pytest.mark.e2e


def test_ranking_and_board_are_work_surfaces(live_app, browser):
    with live_app.app_context():
        list(seed_demo(candidates=80, seed=3))
        staff = db.session.scalar(db.select(User).where(User.email == "staff@101.example"))
        busiest = db.session.execute(
            db.select(Booking.piscine_id, db.func.count())
            .where(Booking.status == "booked")
            .group_by(Booking.piscine_id)
            .order_by(db.func.count().desc())
        ).first()[0]
        selection_round = rounds.create_round(
            name="Promotion démo",
            piscine_ids=[busiest],
            weights=dict(ranking.DEFAULT_WEIGHTS),
            actor=staff,
        )
        db.session.commit()
        round_id = selection_round.id
    base = live_app.config["LIVE_URL"]
    browser.set_script_timeout(30)
    set_viewport(browser, 1280, 800)
    browser.get(base + "/auth/login")
    browser.find_element(By.NAME, "email").send_keys("staff@101.example")
    browser.find_element(By.NAME, "password").send_keys(DEMO_PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(browser, 10).until(EC.url_changes(base + "/auth/login"))
    console_errors(browser, "/auth/login", "load")  # empties the log
    findings = []

    for path in (f"/staff/selection/rounds/{round_id}", f"/staff/piscines/{busiest}/board"):
        browser.get(base + path)
        assert browser.execute_script("return window.innerHeight") == 800
        rows = rows_above_the_fold(browser)
        print(f"\n{path}: {rows} rows above the fold at 1280x800")
        assert rows >= 15, f"{path}: {rows} rows above the fold at 1280x800"
        findings += clean_at_both_sizes(browser, path)
        # sort by the first sortable column but one: the state moves onto that header cell
        header = browser.find_elements(By.CSS_SELECTOR, "table.dense thead th a")[1]
        header.click()
        WebDriverWait(browser, 10).until(EC.url_contains("sort="))
        assert browser.find_elements(By.CSS_SELECTOR, "table.dense thead th[aria-sort]")
        # the first row's candidate page: one screen, and j goes to the second row's
        first, second = (
            a.get_attribute("href")
            for a in browser.find_elements(By.CSS_SELECTOR, "table.dense tbody tr a[href]")[:2]
        )
        browser.get(first)
        assert browser.find_element(By.CSS_SELECTOR, ".detail-grid")
        findings += clean_at_both_sizes(browser, path + " → candidate")
        browser.find_element(By.TAG_NAME, "body").send_keys("j")
        WebDriverWait(browser, 10).until(EC.url_to_be(second))

    assert not findings, report(findings)
