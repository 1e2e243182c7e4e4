"""In a real browser, on the demo data: the candidate's pages fit a phone (375x812, no
horizontal scroll of the page, main actions at least 44 px high), and "today" is pictured at
both sizes (candidate-today-375, candidate-today-1280)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from school101.cli.demo import DEMO_PASSWORD, seed_demo
from school101.core.clock import paris_today
from school101.extensions import db
from school101.models import Booking, GradingRun, Invitation, Piscine, User
from school101.services.grading import runs, uploads
from school101.services.piscine import today
from school101.services.piscine.sessions import create_piscine
from tests.e2e.axe import axe_violations, report

pytestmark = pytest.mark.e2e

CANDIDATE = "candidate@101.example"
PHONE = {"width": 375, "height": 812, "deviceScaleFactor": 1, "mobile": True}
#: a trace line longer than a phone is wide: it must wrap inside its block, not widen the page
TRACE = "test 'prints a': expected 'a', got '" + "b" * 120 + "'\nnorm: ok"


def _seat_today(candidate: User) -> int:
    """The piscine where the demo candidate works today: the demo's own when its first day is
    open, else a new one starting today (graded at once) with the candidate seated."""
    piscine_id = today.home_piscine_id(candidate)
    if piscine_id is not None:
        entries = today.today(db.session.get(Piscine, piscine_id), candidate.id)
        if entries["open_days"]:
            return piscine_id
    staff = db.session.scalar(db.select(User).where(User.email == "staff@101.example"))
    piscine = create_piscine(
        {
            "name": "Piscine du jour (test)",
            "starts_on": paris_today(),
            "ends_on": paris_today() + timedelta(days=27),
            "capacity": 20,
            "feedback": "immediate",
        },
        actor=staff,
    )
    db.session.flush()
    db.session.add(Invitation(piscine_id=piscine.id, user_id=candidate.id))
    db.session.add(Booking(piscine_id=piscine.id, user_id=candidate.id, status="booked"))
    piscine.seats_taken += 1
    db.session.commit()
    return piscine.id


def _graded_submission(candidate: User, piscine_id: int) -> int:
    """A turned-in c00/ex00 with a verdict and a long trace, as the worker would leave it."""
    files = uploads.collect([("ft_putchar.c", b"void ft_putchar(char c) { (void)c; }\n")])
    submission = runs.create_submission(
        user=candidate, exercise="c00/ex00", files=files, source="upload"
    )
    submission.piscine_id, submission.day_id = piscine_id, "c00"
    db.session.flush()
    verdict = {
        "exercise": "c00/ex00",
        "status": "wrong_output",
        "passed": False,
        "score": 0,
        "tests": [{"name": "prints a", "passed": False, "status": "wrong_output"}],
        "norm": {"passed": True, "errors": []},
        "trace": TRACE,
        "duration_ms": 5,
    }
    db.session.add(
        GradingRun(
            submission_id=submission.id,
            status="graded",
            verdict=json.dumps(verdict),
            verdict_status="wrong_output",
            passed=False,
            score=0,
            finished_at=datetime.now(UTC),
        )
    )
    db.session.commit()
    return submission.id


def _login(browser, base: str) -> None:
    browser.get(base + "/auth/login")
    browser.find_element(By.NAME, "email").send_keys(CANDIDATE)
    browser.find_element(By.NAME, "password").send_keys(DEMO_PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(browser, 10).until(EC.url_changes(base + "/auth/login"))


def _fits_a_phone(browser, path: str) -> None:
    """No horizontal scroll of the page, and the page's main buttons are tall enough to tap."""
    width = browser.execute_script("return document.documentElement.scrollWidth")
    wide = browser.execute_script(
        """return Array.from(document.querySelectorAll('body *'))
           .filter(e => e.getBoundingClientRect().right > 376)
           .slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + e.textContent.slice(0, 40));"""
    )
    assert width <= PHONE["width"], f"{path}: the page is {width}px wide: {wide}"
    small = browser.execute_script(
        """return Array.from(document.querySelectorAll(
             'main button[type=submit], main [role=button], main input[type=submit]'))
           .filter(e => e.offsetParent !== null && !e.classList.contains('link'))
           .map(e => [e.textContent.trim(), e.getBoundingClientRect().height])
           .filter(([, h]) => h < 44);"""
    )
    assert not small, f"{path}: tap targets under 44px: {small}"


def _console_errors(browser) -> list[dict]:
    return [e for e in browser.get_log("browser") if e.get("level") == "SEVERE"]


def test_candidate_pages_fit_a_phone_and_today_is_pictured(live_app, browser, screenshot):
    with live_app.app_context():
        list(seed_demo(candidates=20, seed=5))
        db.session.commit()
        candidate = db.session.scalar(db.select(User).where(User.email == CANDIDATE))
        piscine_id = _seat_today(candidate)
        submission_id = _graded_submission(candidate, piscine_id)
        exam_id = next(d.id for d in db.session.get(Piscine, piscine_id).days if d.kind == "exam")
    base = live_app.config["LIVE_URL"]
    _login(browser, base)

    browser.get(base + "/piscine/today")  # the top menu's link
    assert browser.current_url.endswith(f"/piscine/{piscine_id}/")
    assert (
        "git clone"
        in browser.find_element(By.ID, "turn-in-title").find_element(By.XPATH, "..").text
    )
    screenshot("candidate-today-1280")

    pages = [
        f"/piscine/{piscine_id}/",
        "/piscine/",
        f"/piscine/{piscine_id}/days/c00",
        f"/piscine/submissions/{submission_id}",
        f"/piscine/{piscine_id}/evaluations",
        "/exams/",
        f"/exams/{exam_id}",
        "/me",
    ]
    findings = []
    for path in pages:
        browser.get(base + path)
        findings += axe_violations(browser, path, "1280")
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    for path in pages:
        browser.get(base + path)
        findings += axe_violations(browser, path, "375")
        _fits_a_phone(browser, path)
        if path == pages[0]:
            # an exercise's subject and its upload form, opened, fit too
            browser.find_element(By.CSS_SELECTOR, "#today details summary").click()
            _fits_a_phone(browser, path + " (subject open)")
            browser.find_element(By.CSS_SELECTOR, "#today details summary").click()
            browser.execute_script("window.scrollTo(0, 0)")
            screenshot("candidate-today-375")
    assert not findings, report(findings)
    assert not _console_errors(browser)
