"""Staff open the plagiarism report of a piscine day in headless Chromium (live site, CSRF
on, CSP enforced), open the pair, see the matched regions and confirm it with a reason."""

from __future__ import annotations

import random

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from school101.core import signals
from school101.extensions import db
from school101.models import AuditLog, GradingRun, IntegrityPair
from school101.services.grading.runs import create_submission
from school101.services.piscine.sessions import create_piscine
from tests import factories
from tests.integrity.test_flow import INDEPENDENT, ORIGINAL
from tests.integrity.transforms import combined

pytestmark = pytest.mark.e2e

STAFF = "integrity.staff@example.org"


@pytest.fixture
def site(live_app):
    from datetime import date, timedelta

    with live_app.app_context():
        staff = factories.make_user(STAFF, roles=("staff",), profile=False)
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
        db.session.commit()
        sources = [ORIGINAL, combined(ORIGINAL, random.Random(5)), INDEPENDENT]
        for source in sources:
            user = factories.make_user()
            sub = create_submission(
                user=user,
                exercise="c02/ex12",
                files={"ft_print_memory.c": source.encode()},
                source="api",
            )
            sub.piscine_id, sub.day_id = piscine.id, "c02"
            run = GradingRun(submission=sub, status="graded", reason="submission", passed=True)
            db.session.add(run)
            db.session.commit()
            signals.grading_run_finished.send(run)
        return {"base": live_app.config["LIVE_URL"], "piscine": piscine.id}


def test_staff_confirm_a_pair_from_the_day_report(live_app, site, browser):
    base, piscine_id = site["base"], site["piscine"]
    wait = WebDriverWait(browser, 10)
    browser.get(base + "/auth/login")
    browser.find_element(By.NAME, "email").send_keys(STAFF)
    browser.find_element(By.NAME, "password").send_keys(factories.PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait.until(lambda d: "/auth/login" not in d.current_url)

    browser.get(f"{base}/staff/piscines/{piscine_id}")
    browser.find_element(By.LINK_TEXT, "Plagiat").click()
    wait.until(EC.url_contains("/integrity"))
    day = browser.find_element(By.ID, "day")
    day.find_element(By.CSS_SELECTOR, "option[value=c02]").click()
    browser.find_element(By.XPATH, "//button[normalize-space()='Filtrer']").click()
    wait.until(EC.url_contains("day=c02"))
    main = browser.find_element(By.TAG_NAME, "main")
    assert "Rapport de plagiat" in main.text
    rows = main.find_elements(By.CSS_SELECTOR, "table tbody tr")
    assert len(rows) == 1  # the copy, not the independent solution
    rows[0].find_element(By.LINK_TEXT, "c02/ex12").click()

    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "mark")))
    assert "[1]" in browser.find_element(By.TAG_NAME, "main").text
    browser.find_element(By.CSS_SELECTOR, "input[value=confirmed]").click()
    browser.find_element(By.NAME, "reason").send_keys("Mêmes fonctions, mêmes constantes.")
    browser.find_element(By.XPATH, "//button[normalize-space()='Enregistrer la décision']").click()
    wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "main"), "confirmé"))
    assert "La décision est enregistrée." in browser.page_source

    with live_app.app_context():
        (pair,) = db.session.scalars(
            db.select(IntegrityPair).where(IntegrityPair.score >= 0.7)
        ).all()
        assert pair.status == "confirmed"
        assert db.session.scalar(
            db.select(AuditLog).where(AuditLog.action == "integrity.pair_decided")
        )
