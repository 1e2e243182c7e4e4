"""The exam page in headless Chromium: the countdown runs under the CSP (no inline script), a
grademe through the form shows the pending state, and the page reloads itself with the verdict."""

from __future__ import annotations

from pathlib import Path

import pytest

from school101.extensions import db
from school101.models.exams import ExamTry
from school101.services.exams import attempts
from tests.exams.conftest import give_verdict
from tests.factories import PASSWORD
from tests.fixtures.exam_rooms import IN_ROOM, room_code
from tests.livesite import serving

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e


@pytest.fixture
def app_config(app_config):
    """A non-testing app (CSRF on, as in production) answering on any host name."""
    return {**app_config, "TESTING": False, "WTF_CSRF_ENABLED": True, "SERVER_NAME": None}


def test_exam_page_counts_down_and_shows_the_verdict(app, browser, make_exam, seat, no_queue):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    exam = make_exam()
    (user,) = seat(exam)
    exam_id, email, code = exam.id, user.email, room_code(exam)
    with serving(app) as base:
        wait = WebDriverWait(browser, 15)
        browser.get(base + "/auth/login")
        browser.find_element(By.NAME, "email").send_keys(email)
        browser.find_element(By.NAME, "password").send_keys(PASSWORD)
        browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        wait.until(lambda d: "/auth/login" not in d.current_url)
        browser.get(f"{base}/exams/{exam_id}")
        assert "Commencer l’examen" in browser.page_source
        browser.find_element(By.NAME, "code").send_keys(code.lower())  # typed as it comes
        browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        timer = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "[role=timer]")))
        wait.until(lambda d: ":" in timer.text)  # the script replaced the server's text
        first = timer.text
        wait.until(lambda d: timer.text != first)  # it ticks
        assert timer.text.startswith("3:59:")

        db.session.expire_all()
        exercise = attempts.current_assignment(attempts.attempt_of(user, exam_id)).exercise
        reference = next((ROOT / "exercises" / exercise / "reference").iterdir())
        browser.find_element(By.ID, "files").send_keys(str(reference))
        browser.find_element(By.CSS_SELECTOR, "[data-role=grademe]").click()
        wait.until(
            EC.text_to_be_present_in_element(
                (By.CSS_SELECTOR, "[data-role=announce]"), "Correction en cours"
            )
        )
        assert browser.find_element(By.CSS_SELECTOR, "[data-role=grademe]").get_attribute(
            "disabled"
        )

        db.session.expire_all()
        give_verdict(
            ExamTry.query.one().run_id, True, at=attempts.attempt_of(user, exam_id).started_at
        )
        WebDriverWait(browser, 20).until(
            lambda d: "25 / 100" in d.page_source
        )  # reloaded by the script
        assert "Réussi" in browser.page_source
        errors = [
            e
            for e in browser.get_log("browser")
            if e.get("level") == "SEVERE" and "favicon.ico" not in e.get("message", "")
        ]
        assert not errors, errors


def test_staff_watch_the_room_live_and_show_the_code(app, browser, make_exam, seat, staff):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from school101.models.exams import ExamRoomSession
    from school101.services.exams.rooms import show_code

    exam = make_exam()
    (user,) = seat(exam)
    row = ExamRoomSession.query.filter_by(exam_id=exam.id).one()
    session_id, code, name = row.id, row.code, user.full_name
    with serving(app) as base:
        browser.get(base + "/auth/login")
        browser.find_element(By.NAME, "email").send_keys(staff.email)
        browser.find_element(By.NAME, "password").send_keys(PASSWORD)
        browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        WebDriverWait(browser, 15).until(lambda d: "/auth/login" not in d.current_url)
        browser.get(f"{base}/exams/staff/room-sessions/{session_id}/screen")
        assert browser.find_element(By.CSS_SELECTOR, ".room-code").text == show_code(code)
        browser.get(f"{base}/exams/staff/room-sessions/{session_id}")
        assert "Personne n’a encore commencé l’examen" in browser.page_source
        # a candidate of the room starts (from 127.0.0.1): the table fills in by itself
        attempts.start(user, exam.id, code=code, client=IN_ROOM)
        db.session.commit()
        rows = browser.find_element(By.CSS_SELECTOR, "[data-live-rows]")
        WebDriverWait(browser, 30).until(lambda d: name in rows.text)
        assert "127.0.0.1" in rows.text and "navigateur" in rows.text and "oui" in rows.text
        assert not browser.find_element(By.CSS_SELECTOR, "[data-live-empty]").is_displayed()
        errors = [
            e
            for e in browser.get_log("browser")
            if e.get("level") == "SEVERE" and "favicon.ico" not in e.get("message", "")
        ]
        assert not errors, errors
