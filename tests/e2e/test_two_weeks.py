"""A two-week piscine end to end (issue 11), in headless Chromium with everything real: Redis
and an RQ SimpleWorker in burst mode, the Docker grader, git over HTTP.

Staff create the piscine from the default calendar shown on the creation page (eleven days,
exam00 and exam01 on the first and second Friday); a candidate invited to it books a seat,
pushes c06/ex00 (a whole program, run as ./a.out) by git and sees it passed; then sits exam01
and passes level 0. Week two is brought to today by moving two calendar entries (time travel).
"""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from school101.core.clock import paris_datetime
from school101.extensions import db
from school101.models import (
    Booking,
    ExamTry,
    GradingRun,
    Piscine,
    PiscineDay,
    Submission,
    User,
)
from tests import factories
from tests.fixtures.services import require_service

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = ROOT / "exercises"
CURRICULUM = tomllib.loads((EXERCISES / "curriculum.toml").read_text())
DAYS = [
    "c00",
    "c01",
    "shell00",
    "c02",
    "c03",
    "c04",
    "c05",
    "shell01",
    "c06",
    "c07",
    "c08",
]
EXAMS = ["exam00", "exam01"]

pytestmark = pytest.mark.e2e  # (every test of tests/e2e/ is; said here for the reader)


@pytest.fixture
def app_config(app_config, redis_url):
    """The live site (CSRF on) with real Redis: submissions and grademes go to the RQ queue."""
    return {**app_config, "REDIS_URL": redis_url}


def _work(app) -> None:
    """Run every queued grading job now (a burst SimpleWorker inside the app, as the worker)."""
    from rq import SimpleWorker

    from school101.core.queues import grading_queue

    with app.app_context():
        queue = grading_queue()
        SimpleWorker([queue], connection=queue.connection).work(burst=True)


def _log_in(browser, base: str, wait, email: str, password: str) -> None:
    browser.delete_all_cookies()
    browser.get(base + "/auth/login")
    browser.find_element(By.NAME, "email").send_keys(email)
    browser.find_element(By.NAME, "password").send_keys(password)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait.until(lambda d: "/auth/login" not in d.current_url)


def _calendar_rows(browser) -> list[tuple[str, str, str, str]]:
    """(day, kind, opens, closes) of every calendar row of the creation form, as shown."""
    rows, index = [], 0
    while browser.find_elements(By.ID, f"calendar-{index}-day_id"):
        day = Select(browser.find_element(By.ID, f"calendar-{index}-day_id"))
        kind = Select(browser.find_element(By.ID, f"calendar-{index}-kind"))
        opens = browser.find_element(By.ID, f"calendar-{index}-opens_at").get_attribute("value")
        closes = browser.find_element(By.ID, f"calendar-{index}-closes_at").get_attribute("value")
        rows.append(
            (
                day.first_selected_option.get_attribute("value"),
                kind.first_selected_option.get_attribute("value"),
                opens,
                closes,
            )
        )
        index += 1
    return rows


def _weekdays_from(start: date, n: int) -> list[date]:
    days, current = [start], start
    while len(days) < n:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days.append(current)
    return days


def _no_script_errors(browser) -> None:
    errors = [
        e
        for e in browser.get_log("browser")
        if e.get("level") == "SEVERE" and "favicon.ico" not in e.get("message", "")
    ]
    assert not errors, errors


@pytest.mark.redis
@pytest.mark.docker
def test_two_week_piscine_created_booked_pushed_and_exam01_passed(
    live_app, browser, git_client, tmp_path, screenshot
):
    import grader

    require_service("Docker grader sandbox", grader.sandbox_available(), "run `make grader-image`")
    assert CURRICULUM["days"] == DAYS and CURRICULUM["exams"] == EXAMS
    base = live_app.config["LIVE_URL"]
    wait = WebDriverWait(browser, 15)
    with live_app.app_context():
        staff = factories.make_user("staff@101.example", roles=("staff",), profile=False)
        candidate = factories.make_user("camille@example.org", first_name="Camille")
        staff_id, candidate_id = staff.id, candidate.id

    # 1. Staff open the creation page: the default calendar is the two weeks, both exams.
    _log_in(browser, base, wait, "staff@101.example", factories.PASSWORD)
    browser.get(base + "/staff/piscines/new")
    starts_on = date.fromisoformat(browser.find_element(By.ID, "starts_on").get_attribute("value"))
    ends_on = date.fromisoformat(browser.find_element(By.ID, "ends_on").get_attribute("value"))
    rows = _calendar_rows(browser)
    screenshot("two-weeks-new-piscine")
    filled = [row for row in rows if row[0]]
    assert [row[0] for row in filled] == DAYS + EXAMS
    assert [row[1] for row in filled] == ["day"] * len(DAYS) + ["exam"] * len(EXAMS)
    assert all(not row[0] for row in rows[len(filled) :])  # the blank rows come last
    weekdays = _weekdays_from(starts_on, len(DAYS))
    assert [row[2] for row in filled[: len(DAYS)]] == [f"{d.isoformat()}T00:00" for d in weekdays]
    assert starts_on.weekday() == 0  # the page proposes next Monday
    first_friday, second_friday = starts_on + timedelta(days=4), starts_on + timedelta(days=11)
    assert filled[-2][2] == f"{first_friday.isoformat()}T14:00"
    assert filled[-1][2] == f"{second_friday.isoformat()}T14:00"
    assert filled[-1][3] == f"{second_friday.isoformat()}T18:00"  # exam01 lasts 240 minutes
    assert second_friday <= ends_on

    name = browser.find_element(By.ID, "name")
    name.send_keys("Piscine de deux semaines")
    Select(browser.find_element(By.ID, "feedback")).select_by_value("immediate")
    create = browser.find_element(By.CSS_SELECTOR, "button[name=action][value=create]")
    create.click()
    wait.until(EC.url_matches(r".*/staff/piscines/\d+$"))
    assert "La piscine est créée." in browser.page_source
    assert "Examen 01" in browser.page_source  # the calendar shown on the piscine's page
    piscine_id = int(browser.current_url.rstrip("/").rsplit("/", 1)[1])
    with live_app.app_context():
        piscine = db.session.get(Piscine, piscine_id)
        assert piscine.feedback == "immediate" and piscine.starts_on == starts_on
        assert [(d.day_id, d.kind) for d in piscine.days] == [(d, "day") for d in DAYS] + [
            (e, "exam") for e in EXAMS
        ]
        exams = {d.day_id: d for d in piscine.days if d.kind == "exam"}
        assert exams["exam00"].opens_at == paris_datetime(first_friday, time(14, 0))
        assert exams["exam01"].opens_at == exams["exam00"].opens_at + timedelta(weeks=1)

        # 2. The candidate is invited (the staff's invitation, by service call) ...
        from school101.services.piscine.invitations import invite

        assert invite(piscine, [candidate_id], actor=db.session.get(User, staff_id)) == 1
        db.session.commit()

    # ... logs in and books a seat on the booking page.
    _log_in(browser, base, wait, "camille@example.org", factories.PASSWORD)
    browser.get(base + "/piscine/")
    book = browser.find_element(
        By.CSS_SELECTOR, f"form[action$='/piscine/{piscine_id}/book'] button"
    )
    assert book.text == "Réserver une place"
    book.click()
    wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "main"), "Votre place est réservée"))
    with live_app.app_context():
        booking = db.session.scalars(
            db.select(Booking).where(Booking.user_id == candidate_id)
        ).one()
        assert booking.status == "booked" and booking.piscine_id == piscine_id

        # 3. Time travel: week two is today. c06 and exam01 are moved so that they are open now
        #    (the rest of the calendar keeps its dates: c00 opens next week).
        now = datetime.now(UTC).replace(microsecond=0)
        for entry in db.session.scalars(
            db.select(PiscineDay).where(
                PiscineDay.piscine_id == piscine_id, PiscineDay.day_id.in_(["c06", "exam01"])
            )
        ):
            entry.opens_at = now - timedelta(hours=1)
            entry.closes_at = now + (
                timedelta(hours=6) if entry.kind == "exam" else timedelta(days=1)
            )
        db.session.commit()
        exam01_id = db.session.scalar(
            db.select(PiscineDay.id).where(
                PiscineDay.piscine_id == piscine_id, PiscineDay.day_id == "exam01"
            )
        )

        # 4. The candidate pushes the reference of c06/ex00 by git (a token of scope git).
        from school101.services.identity.accounts import issue_token

        token = issue_token(db.session.get(User, candidate_id), "git", scopes=("git",))
        db.session.commit()

    # The dashboard lists the whole two weeks and links the open day and the open exam.
    browser.get(f"{base}/piscine/{piscine_id}/")
    assert len(browser.find_elements(By.CSS_SELECTOR, "ol.calendar-list > li")) == len(DAYS) + 2
    assert len(browser.find_elements(By.CSS_SELECTOR, "ol.calendar-list > li.state-open")) == 2

    from tests.gitserver.conftest import commit_all, reference, repo_url, write

    work = tmp_path / "c06"
    git_client("clone", repo_url(base, token, "c06"), str(work))
    file_name, data = reference("c06", "ex00")
    assert file_name == "ft_print_program_name.c"
    write(work, f"ex00/{file_name}", data)
    commit_all(git_client, work, "c06 ex00")
    pushed = git_client("push", "origin", "HEAD:main", cwd=work)
    assert "c06/ex00" in pushed.stderr, pushed.stderr
    with live_app.app_context():
        (submission,) = db.session.scalars(
            db.select(Submission).where(Submission.user_id == candidate_id)
        ).all()
        assert (submission.exercise, submission.source) == ("c06/ex00", "git")
        submission_id = submission.id
    _work(live_app)
    with live_app.app_context():
        (run,) = db.session.scalars(
            db.select(GradingRun).where(GradingRun.submission_id == submission_id)
        ).all()
        assert run.status == "graded" and run.passed, (run.error, run.verdict)

    # The day page: the exercise passed, the trace of its grading, a link to the submission.
    browser.find_element(By.CSS_SELECTOR, f"a[href$='/piscine/{piscine_id}/days/c06']").click()
    wait.until(EC.url_contains("/days/c06"))
    title = browser.find_element(By.ID, "ex-ex00-title")
    assert "c06/ex00" in title.text and "réussi" in title.text
    assert title.find_element(By.CSS_SELECTOR, ".verdict-ok")
    summary = browser.find_element(By.CSS_SELECTOR, "#ex-ex00 details summary")
    assert summary.text == "Trace de la dernière correction"
    summary.click()
    trace = browser.find_element(By.CSS_SELECTOR, "#ex-ex00 pre.trace")
    wait.until(lambda d: trace.is_displayed())
    screenshot("two-weeks-day-c06")
    assert "c06/ex00 (ft_print_program_name)" in trace.text and "result: OK" in trace.text
    link = browser.find_element(By.CSS_SELECTOR, f"a[href$='/piscine/submissions/{submission_id}']")
    row = link.find_element(By.XPATH, "ancestor::tr")
    assert "c06/ex00" in row.text and "réussi" in row.text
    link.click()
    wait.until(EC.url_contains(f"/piscine/submissions/{submission_id}"))
    assert browser.find_element(By.CSS_SELECTOR, "dd .verdict-ok").text == "réussi"
    _no_script_errors(browser)

    # 5. exam01, from the dashboard's link: start, grademe with the reference, level 0 passed.
    browser.get(f"{base}/piscine/{piscine_id}/")
    browser.find_element(By.CSS_SELECTOR, f"a[href$='/exams/{exam01_id}']").click()
    wait.until(EC.url_contains(f"/exams/{exam01_id}"))
    assert "Examen 01" in browser.find_element(By.TAG_NAME, "h1").text
    browser.find_element(By.CSS_SELECTOR, "form[action$='/start'] button[type=submit]").click()
    timer = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "[role=timer]")))
    wait.until(lambda d: ":" in timer.text)  # the countdown script runs
    with live_app.app_context():
        from school101.services.exams import attempts

        attempt = attempts.attempt_of(db.session.get(User, candidate_id), exam01_id)
        exercise = attempts.current_assignment(attempt).exercise
    assert exercise.startswith("exam01/level0/"), exercise
    files = sorted(p for p in (EXERCISES / exercise / "reference").iterdir() if p.is_file())
    browser.find_element(By.ID, "files").send_keys("\n".join(str(p) for p in files))
    browser.find_element(By.CSS_SELECTOR, "[data-role=grademe]").click()
    wait.until(
        EC.text_to_be_present_in_element(
            (By.CSS_SELECTOR, "[data-role=announce]"), "Correction en cours"
        )
    )
    _work(live_app)
    with live_app.app_context():
        (done,) = db.session.scalars(db.select(ExamTry)).all()
        assert done.outcome == "passed", done.outcome
    # the page's script polls the state and reloads itself with the verdict
    WebDriverWait(browser, 30).until(lambda d: "25 / 100" in d.page_source)
    assert "1 / 4" in browser.page_source  # levels passed
    screenshot("two-weeks-exam01")
    history = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=history-title]")
    assert "Réussi" in history.text and exercise.rsplit("/", 1)[1] in history.text
    _no_script_errors(browser)


@pytest.fixture
def git_client(tmp_path):
    """The real git client with an isolated HOME (tests/gitserver/conftest.py's Git)."""
    from tests.gitserver.conftest import Git

    return Git(tmp_path / "home")


def test_api_default_calendar_has_both_exams_only_when_the_piscine_lasts_long_enough(app, staff):
    """create_piscine without a calendar (the API's default): the eleven days and exam00, exam01
    on the first and second Friday at 14:00; exam01 is dropped when the piscine ends before."""
    from school101.services.piscine.sessions import create_piscine

    monday = date(2026, 6, 1)
    assert monday.weekday() == 0
    long = create_piscine(
        {
            "name": "Deux semaines",
            "starts_on": monday,
            "ends_on": monday + timedelta(days=27),
            "capacity": 10,
        },
        actor=staff,
    )
    assert [d.day_id for d in long.days if d.kind == "day"] == DAYS
    exams = [d for d in long.days if d.kind == "exam"]
    assert [d.day_id for d in exams] == EXAMS
    fridays = [date(2026, 6, 5), date(2026, 6, 12)]
    assert [d.opens_at for d in exams] == [paris_datetime(f, time(14, 0)) for f in fridays]

    # ends on the Thursday of week two: no second Friday, so no exam01
    short = create_piscine(
        {"name": "Courte", "starts_on": monday, "ends_on": date(2026, 6, 11), "capacity": 10},
        actor=staff,
    )
    assert [d.day_id for d in short.days if d.kind == "exam"] == ["exam00"]
    # ends on the second Friday itself: exam01 is held that day
    exact = create_piscine(
        {"name": "Juste", "starts_on": monday, "ends_on": date(2026, 6, 12), "capacity": 10},
        actor=staff,
    )
    assert [d.day_id for d in exact.days if d.kind == "exam"] == EXAMS
