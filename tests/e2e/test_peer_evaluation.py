"""A whole peer evaluation between two candidates (issue 13), in headless Chromium against the
live site (CSRF on, CSP enforced), with the shipped content: c00 asks peer evaluations and
ships its correction scale (exercises/c00/scale.toml).

Set up by service calls: a piscine whose c00 closed an hour ago, two seated candidates who
turned c00/ex00 in before the deadline (Alice's work graded, with its trace). Then through the
pages only: Basile publishes a window tomorrow, Alice books an evaluation in it; both see
"révélé 15 minutes avant" until the reveal; the evaluation is brought to now by moving its
start in the database (time travel, the pages read the real clock); Basile sees Alice's work
and trace and the French scale, submits once with too short a feedback and an unanswered
question (the errors show next to those fields), then the whole scale, a flag and feedback;
Alice reads the mark and feedback and rates it; the points shown moved (Alice -1, Basile +1).
"""

from __future__ import annotations

import json
import tomllib
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from school101.core.clock import PARIS, paris_datetime
from school101.extensions import db
from school101.models import (
    Booking,
    Evaluation,
    GradingRun,
    Invitation,
    Piscine,
    Submission,
)
from school101.services.piscine.sessions import create_piscine
from tests import factories

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
DAY = "c00"
DAY_DIR = ROOT / "exercises" / DAY
SCALE = tomllib.loads((DAY_DIR / "scale.toml").read_text())
REFERENCE = DAY_DIR / "ex00" / "reference" / "ft_putchar.c"
QUESTIONS = [q for section in SCALE["sections"] for q in section["questions"]]
RATING_GIVEN = 4  # of 5, on every "rating" question; every yes/no question: yes
FEEDBACK = (
    "Code clair et bien expliqué : l'appel à write est compris, descripteur compris. "
    "À revoir : tester '\\0' avec cat -e. Conseil : écrire un main de test pour chaque exercice."
)
COMMENT = "Merci, le conseil sur cat -e m'a servi."
TRACE = (
    '$> test 1/3 "a" ... OK\n$> test 2/3 "newline" ... OK\n$> test 3/3 "nul byte" ... OK\n'
    "result: OK (3/3)"
)
SUBMIT_SCALE = "//button[normalize-space()='Envoyer l’évaluation']"
ALICE = ("alice.arnaud@example.org", "Alice", "Arnaud")  # evaluated
BASILE = ("basile.bertin@example.org", "Basile", "Bertin")  # evaluator


def _expected_mark() -> int:
    """The mark of the answers given, computed from the shipped scale itself."""
    total = sum(q["points"] for q in QUESTIONS)
    earned = sum(q["points"] * (1 if q["kind"] == "yesno" else RATING_GIVEN / 5) for q in QUESTIONS)
    return round(100 * earned / total)


@pytest.fixture
def site(live_app):
    """The live site with the piscine, its two seated candidates and their turned-in work;
    returns {"base", "piscine", "alice", "basile", "points"} (ids and the starting points)."""
    from school101.services.grading import submissions

    now = datetime.now(UTC).replace(microsecond=0)
    deadline = now - timedelta(hours=1)
    with live_app.app_context():
        staff = factories.make_user("staff@101.example", roles=("staff",), profile=False)
        opens = now - timedelta(days=2)
        piscine = create_piscine(
            {
                "name": "Piscine des évaluations",
                "starts_on": opens.astimezone(PARIS).date(),
                "ends_on": opens.astimezone(PARIS).date() + timedelta(days=25),
                "capacity": 10,
                "feedback": "after_deadline",
            },
            actor=staff,
            calendar=[
                {
                    "day_id": DAY,
                    "kind": "day",
                    "position": 0,
                    "opens_at": opens,
                    "closes_at": now + timedelta(hours=1),  # open while the work is turned in
                }
            ],
        )
        ids = {}
        for key, (email, first, last) in (("alice", ALICE), ("basile", BASILE)):
            user = factories.make_user(email, first_name=first, last_name=last)
            db.session.add(Invitation(piscine_id=piscine.id, user_id=user.id))
            db.session.add(Booking(piscine_id=piscine.id, user_id=user.id, status="booked"))
            piscine.seats_taken += 1
            db.session.flush()
            turned_in = now - timedelta(hours=2)
            submission, _run = submissions.submit(
                user, f"{DAY}/ex00", [("ft_putchar.c", REFERENCE.read_bytes())], now=turned_in
            )
            submission.created_at = turned_in  # before the deadline, as if pushed then
            ids[key] = user.id
        # Alice's work as the moulinette graded it at the deadline (the worker's row: no
        # Docker needed, the page shows what the grader wrote)
        work = db.session.scalars(db.select(Submission).filter_by(user_id=ids["alice"])).one()
        verdict = {
            "status": "ok",
            "passed": True,
            "score": 100,
            "tests": [
                {"name": name, "passed": True, "status": "ok"}
                for name in ("a", "newline", "nul byte")
            ],
            "trace": TRACE,
            "duration_ms": 412,
        }
        db.session.add(
            GradingRun(
                submission_id=work.id,
                status="graded",
                reason="deadline",
                verdict_status="ok",
                passed=True,
                score=100,
                duration_ms=412,
                verdict=json.dumps(verdict),
                finished_at=deadline,
            )
        )
        # the deadline passes: c00 closed an hour ago, evaluations are open
        db.session.get(Piscine, piscine.id).days[0].closes_at = deadline
        db.session.commit()
        points = piscine.evaluation_points
        piscine_id = piscine.id
    return {
        "base": live_app.config["LIVE_URL"],
        "piscine": piscine_id,
        "points": points,
        **ids,
    }


def _log_in(browser, base: str, wait, email: str) -> None:
    browser.delete_all_cookies()
    browser.get(base + "/auth/login")
    browser.find_element(By.NAME, "email").send_keys(email)
    browser.find_element(By.NAME, "password").send_keys(factories.PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait.until(lambda d: "/auth/login" not in d.current_url)


def _set(browser, element_id: str, value: str) -> None:
    """Fill a native date or time input (typing into them depends on the browser's locale)."""
    element = browser.find_element(By.ID, element_id)
    browser.execute_script(
        "arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
        "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        element,
        value,
    )
    assert element.get_attribute("value") == value, (element_id, value)


def _main(browser) -> str:
    return browser.find_element(By.TAG_NAME, "main").text


def _balance(browser) -> str:
    return browser.find_element(By.CSS_SELECTOR, ".points-balance").text


def _points(n: int) -> str:
    return f"Vous avez {n} points d’évaluation."


def _no_script_errors(browser, allowed: tuple[str, ...] = ()) -> None:
    """No script error or CSP violation in the console since the last call (the log is
    drained); `allowed` are substrings of expected messages (an answer's 422 status)."""
    errors = [
        e
        for e in browser.get_log("browser")
        if e.get("level") == "SEVERE"
        and "favicon.ico" not in e.get("message", "")
        and not any(a in e.get("message", "") for a in allowed)
    ]
    assert not errors, errors


def _row(browser, section_caption: str):
    """The only row of one of the "My evaluations" tables (by its caption)."""
    table = browser.find_element(
        By.XPATH, f"//section[@id='mine']//table[caption[normalize-space()={section_caption!r}]]"
    )
    (row,) = table.find_elements(By.CSS_SELECTOR, "tbody tr")
    return row


def _time_travel(live_app, evaluation_id: int, starts_at: datetime) -> None:
    """Time travel: the evaluation is moved to `starts_at` (the pages read the real clock)."""
    with live_app.app_context():
        evaluation = db.session.get(Evaluation, evaluation_id)
        evaluation.starts_at = starts_at
        evaluation.ends_at = starts_at + timedelta(minutes=30)
        db.session.commit()


def test_two_candidates_run_a_whole_peer_evaluation(live_app, site, browser, screenshot):
    assert QUESTIONS and {q["kind"] for q in QUESTIONS} <= {"yesno", "rating"}
    base, piscine_id, start_points = site["base"], site["piscine"], site["points"]
    evaluations_url = f"{base}/piscine/{piscine_id}/evaluations"
    wait = WebDriverWait(browser, 15)
    tomorrow = (datetime.now(PARIS) + timedelta(days=1)).date()  # campus hours, in the future

    # 1. Basile, from his dashboard's link, publishes a window tomorrow 12:00-13:00 (Paris).
    _log_in(browser, base, wait, BASILE[0])
    browser.get(f"{base}/piscine/{piscine_id}/")
    browser.find_element(By.PARTIAL_LINK_TEXT, "Évaluations entre pairs").click()
    wait.until(EC.url_contains(f"/piscine/{piscine_id}/evaluations"))
    assert _balance(browser) == _points(start_points)
    assert "Vous n’avez encore publié aucune disponibilité." in _main(browser)
    _set(browser, "date", tomorrow.isoformat())
    _set(browser, "starts_at", "12:00")
    _set(browser, "ends_at", "13:00")
    browser.find_element(
        By.CSS_SELECTOR, "form[action$='/evaluations/availability'] button[type=submit]"
    ).click()
    wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "main"), "disponibilité est publiée"))
    window = browser.find_element(By.CSS_SELECTOR, "#availability tbody tr")
    assert "12:00" in window.text and "13:00" in window.text, window.text
    _no_script_errors(browser)

    # 2. Alice books an evaluation of c00 at 12:00 tomorrow: Basile is the only one free.
    _log_in(browser, base, wait, ALICE[0])
    browser.get(evaluations_url)
    assert _balance(browser) == _points(start_points)
    need = browser.find_element(By.ID, f"book-{DAY}")
    required = tomllib.loads((DAY_DIR / "day.toml").read_text())["peer_evaluations"]
    assert required >= 1  # c00 asks peer evaluations
    assert "C 00 : premiers pas" in need.text
    assert f"0 évaluation(s) réservée(s) sur {required}." in need.text
    _set(browser, f"book-{DAY}-date", tomorrow.isoformat())
    _set(browser, f"book-{DAY}-starts_at", "12:00")
    need.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "main"), "évaluation est réservée"))
    assert _balance(browser) == _points(start_points - 1)  # being evaluated costs one point
    with live_app.app_context():
        evaluation = db.session.scalars(db.select(Evaluation)).one()
        assert (evaluation.evaluated_id, evaluation.evaluator_id) == (site["alice"], site["basile"])
        assert evaluation.starts_at == paris_datetime(tomorrow, time(12, 0))
        evaluation_id = evaluation.id
    evaluation_url = f"{base}/piscine/evaluations/{evaluation_id}"
    row = _row(browser, "Mon travail, évalué par d’autres")
    assert "révélé 15 minutes avant" in row.text and "Bertin" not in row.text
    row.find_element(By.CSS_SELECTOR, "th a").click()
    wait.until(EC.url_to_be(evaluation_url))
    assert "révélé 15 minutes avant" in _main(browser) and "Bertin" not in _main(browser)
    screenshot("peer-evaluation-booked")
    _no_script_errors(browser)

    # 3. Basile sees an evaluation to give, nobody named, the work hidden, the scale locked.
    _log_in(browser, base, wait, BASILE[0])
    browser.get(evaluations_url)
    row = _row(browser, "Les évaluations que je fais")
    assert "révélé 15 minutes avant" in row.text and "Arnaud" not in row.text
    browser.get(evaluation_url)
    page = _main(browser)
    assert "révélé 15 minutes avant" in page and "Arnaud" not in page
    assert "Le travail est affiché à partir de 15 minutes avant l’évaluation." in page
    assert "write(1, &c, 1)" not in page
    submit = browser.find_element(By.XPATH, SUBMIT_SCALE)
    assert not submit.is_enabled()  # the scale can be read, not filled, before the start
    _no_script_errors(browser)

    # 4. Time travel: the evaluation starts in ten minutes. Names and work are revealed.
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    _time_travel(live_app, evaluation_id, now + timedelta(minutes=10))
    browser.refresh()
    page = _main(browser)
    assert "Alice Arnaud" in page and "révélé 15 minutes avant" not in page
    assert "write(1, &c, 1);" in page  # the file turned in, shown as text
    assert not browser.find_element(By.XPATH, SUBMIT_SCALE).is_enabled()  # not started yet

    # Time travel again: the evaluation started a minute ago; Basile fills the scale.
    _time_travel(live_app, evaluation_id, now - timedelta(minutes=1))
    browser.get(evaluations_url)
    row = _row(browser, "Les évaluations que je fais")
    assert "Alice Arnaud" in row.text
    row.find_element(By.LINK_TEXT, "Remplir le barème").click()
    wait.until(EC.url_to_be(evaluation_url))
    page = _main(browser)
    # the work: the file and the moulinette's verdict and trace
    work = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=work-title]")
    assert f"{DAY}/ex00" in work.text and "ft_putchar.c" in work.text
    assert "write(1, &c, 1);" in work.text and "réussi" in work.text
    summary = work.find_element(By.XPATH, ".//summary[normalize-space()='Trace']")
    summary.click()
    trace = work.find_element(By.CSS_SELECTOR, "pre.trace")
    wait.until(lambda d: trace.is_displayed())
    assert trace.text == TRACE
    # the scale in French: its introduction, sections, guidance, every question
    assert SCALE["intro"]["fr"].strip().splitlines()[0] in page
    for section in SCALE["sections"]:
        assert section["title"]["fr"] in page, section["title"]["fr"]
    for q in QUESTIONS:
        assert q["text"]["fr"].strip() in page, q["id"]
    assert "Conseils pour l’évaluateur·rice" in page
    assert QUESTIONS[0]["text"]["en"].strip() not in page

    # First try: every question but the last answered, a flag, too short a feedback.
    def answer(q) -> None:
        value = 1 if q["kind"] == "yesno" else RATING_GIVEN
        browser.find_element(By.ID, f"answer-{q['id']}-{value}").click()

    for q in QUESTIONS[:-1]:
        answer(q)
    browser.find_element(By.ID, "flag-ok").click()
    browser.find_element(By.ID, "feedback").send_keys("Bien.")
    browser.find_element(By.XPATH, SUBMIT_SCALE).click()
    last = QUESTIONS[-1]
    error = wait.until(EC.visibility_of_element_located((By.ID, f"answer-{last['id']}-error")))
    expected = (
        "Répondez par oui ou par non." if last["kind"] == "yesno" else ("Donnez une note de 0 à 5.")
    )
    assert error.text == expected
    # next to its question: inside the question's fieldset, which points to it
    question = error.find_element(By.XPATH, "ancestor::fieldset[1]")
    assert last["text"]["fr"].strip() in question.text
    assert question.get_attribute("aria-describedby") == f"answer-{last['id']}-error"
    feedback_error = browser.find_element(By.ID, "feedback-error")
    assert feedback_error.text == "Écrivez un retour de 60 à 5000 caractères."
    feedback = browser.find_element(By.ID, "feedback")
    assert feedback.get_attribute("aria-describedby") == "feedback-error"
    assert feedback.get_attribute("aria-invalid") == "true"
    # what was typed is kept
    assert feedback.get_attribute("value") == "Bien."
    assert browser.find_element(By.ID, f"answer-{QUESTIONS[0]['id']}-1").is_selected()
    assert browser.find_element(By.ID, "flag-ok").is_selected()
    screenshot("peer-evaluation-errors")
    # the only console line: the 422 status of the page answering the invalid form
    _no_script_errors(
        browser, allowed=(f"/piscine/evaluations/{evaluation_id} - Failed to load resource",)
    )
    with live_app.app_context():
        unchanged = db.session.get(Evaluation, evaluation_id)
        assert unchanged.status == "booked" and unchanged.mark is None

    # Second try: the last question, feedback long enough.
    answer(last)
    feedback.clear()
    feedback.send_keys(FEEDBACK)
    browser.find_element(By.XPATH, SUBMIT_SCALE).click()
    wait.until(
        EC.text_to_be_present_in_element((By.TAG_NAME, "main"), "évaluation est enregistrée")
    )
    mark = _expected_mark()
    result = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=result-title]")
    assert f"{mark} / 100" in result.text and "Pas encore noté." in result.text, result.text
    browser.get(evaluations_url)
    assert _balance(browser) == _points(start_points + 1)  # evaluating earns one point
    assert f"note {mark}" in _row(browser, "Les évaluations que je fais").text
    _no_script_errors(browser)

    # 5. Alice reads the mark and the feedback, and rates the feedback.
    _log_in(browser, base, wait, ALICE[0])
    browser.get(evaluations_url)
    row = _row(browser, "Mon travail, évalué par d’autres")
    assert "Basile Bertin" in row.text and f"note {mark}" in row.text
    row.find_element(By.PARTIAL_LINK_TEXT, "Lire et noter le retour").click()
    wait.until(EC.url_to_be(evaluation_url))
    result = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=result-title]")
    assert f"{mark} / 100" in result.text
    assert "Ok" in result.text
    assert "Code clair et bien expliqué" in result.text and "main de test" in result.text
    browser.find_element(By.ID, f"rating-{4}").click()
    browser.find_element(By.ID, "comment").send_keys(COMMENT)
    browser.find_element(By.XPATH, "//button[normalize-space()='Noter le retour']").click()
    wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "main"), "Merci d’avoir noté"))
    result = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=result-title]")
    assert "Noté 4 sur 4." in result.text and COMMENT in result.text
    assert 'name="rating"' not in browser.page_source  # final: no rating form any more
    screenshot("peer-evaluation-rated")
    browser.get(evaluations_url)
    assert _balance(browser) == _points(start_points - 1)
    _no_script_errors(browser)

    with live_app.app_context():
        done = db.session.get(Evaluation, evaluation_id)
        assert (done.status, done.mark, done.flags, done.feedback_rating) == (
            "done",
            mark,
            "ok",
            4,
        )
