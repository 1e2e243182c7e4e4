"""A four-week piscine end to end (issue 12), in headless Chromium with everything real: Redis
and an RQ SimpleWorker in burst mode, the Docker grader, git over HTTP.

Staff create the piscine from the default calendar shown on the creation page (sixteen days,
bsq all through week 4, exam00 to exam02 on the first three Fridays at 14:00, the eight-hour
final on the fourth Friday at 09:00); a candidate invited to it books a seat, pushes by git
c06/ex00 (a whole program), c10/ex00 and bsq/ex00 (programs built by the candidate's
Makefile, bsq with its performance tests) and sees each passed; then sits exam01 and passes
level 0, and starts the final exam. The days and exams are brought to today by moving their
calendar entries (time travel).
"""

from __future__ import annotations

import re
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
from tests.fixtures.exam_rooms import open_room
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
    "c09",
    "c10",
    "c11",
    "c12",
    "c13",
]
PROJECT = "bsq"
RUSHES = ["rush00", "rush01", "rush02"]  # the first three weekends, Friday 20:00 to Sunday
EXAMS = ["exam00", "exam01", "exam02", "final"]
#: the exercises pushed by git: (day, exercise, what the trace names)
PUSHED = [
    ("c06", "ex00", "c06/ex00 (ft_print_program_name)"),
    ("c10", "ex00", "c10/ex00 (ft_display_file)"),
    ("bsq", "ex00", "bsq/ex00 (bsq)"),
]

pytestmark = pytest.mark.e2e  # (every test of tests/e2e/ is; said here for the reader)


@pytest.fixture
def app_config(app_config, request):
    """The live site (CSRF on); for the tests marked redis, real Redis: submissions and
    grademes go to the RQ queue (the calendar test needs no Redis, so it never skips)."""
    if request.node.get_closest_marker("redis") is None:
        return app_config
    return {**app_config, "REDIS_URL": request.getfixturevalue("redis_url")}


@pytest.fixture
def git_client(tmp_path):
    """The real git client with an isolated HOME (tests/gitserver/conftest.py's Git)."""
    from tests.gitserver.conftest import Git

    return Git(tmp_path / "home")


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
    """(day, kind, opens, closes) of every calendar row of the creation form, as shown (read in
    one script call: a WebDriver call per field would cost seconds for the 23 rows)."""
    rows = browser.execute_script(
        """
        var rows = [];
        for (var i = 0; document.getElementById('calendar-' + i + '-day_id'); i++) {
          rows.push(['day_id', 'kind', 'opens_at', 'closes_at'].map(function (field) {
            return document.getElementById('calendar-' + i + '-' + field).value;
          }));
        }
        return rows;
        """
    )
    return [tuple(row) for row in rows]


def _weekdays_from(start: date, n: int) -> list[date]:
    days, current = [start], start
    while len(days) < n:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days.append(current)
    return days


def _expected_rows(monday: date) -> list[tuple[str, str, str, str]]:
    """The default calendar of a piscine starting on `monday`, as the form shows it (Paris)."""

    def at(day: date, hour: int, minute: int = 0) -> str:
        return f"{day.isoformat()}T{hour:02d}:{minute:02d}"

    rows = [
        (day_id, "day", at(day, 0), at(day + timedelta(days=1), 23, 59))
        for day_id, day in zip(DAYS, _weekdays_from(monday, len(DAYS)), strict=True)
    ]
    week4 = monday + timedelta(weeks=3)
    rows.append((PROJECT, "day", at(week4, 0), at(week4 + timedelta(days=4), 23, 59)))
    fridays = [monday + timedelta(days=4, weeks=k) for k in range(4)]
    for rush, friday in zip(RUSHES, fridays, strict=False):
        rows.append((rush, "day", at(friday, 20), at(friday + timedelta(days=2), 23, 59)))
    for exam, friday in zip(EXAMS[:3], fridays, strict=False):
        rows.append((exam, "exam", at(friday, 14), at(friday, 18)))  # 240 minutes
    rows.append(("final", "exam", at(fridays[3], 9), at(fridays[3], 17)))  # 480 minutes
    return rows


def _no_script_errors(browser) -> None:
    errors = [
        e
        for e in browser.get_log("browser")
        if e.get("level") == "SEVERE" and "favicon.ico" not in e.get("message", "")
    ]
    assert not errors, errors


def _entry(piscine_id: int, day_id: str) -> PiscineDay:
    return db.session.scalars(
        db.select(PiscineDay).where(
            PiscineDay.piscine_id == piscine_id, PiscineDay.day_id == day_id
        )
    ).one()


def _open_now(piscine_id: int, day_id: str, now: datetime) -> int:
    """Time travel: the calendar entry is open now (a day since an hour ago, for a day; an
    exam since a minute ago, for its whole length). Returns the entry's id."""
    entry = _entry(piscine_id, day_id)
    if entry.kind == "exam":
        length = entry.closes_at - entry.opens_at
        entry.opens_at = now - timedelta(minutes=1)
        entry.closes_at = entry.opens_at + length
    else:
        entry.opens_at = now - timedelta(hours=1)
        entry.closes_at = now + timedelta(days=1)
    return entry.id


def _push(git_client, base: str, token: str, tmp_path: Path, day: str, exercise: str) -> None:
    """Clone the day's repository, add the exercise's whole reference folder, push."""
    from tests.gitserver.conftest import commit_all, repo_url, write

    work = tmp_path / day
    git_client("clone", repo_url(base, token, day), str(work))
    files = sorted(p for p in (EXERCISES / day / exercise / "reference").iterdir() if p.is_file())
    assert files
    for path in files:
        write(work, f"{exercise}/{path.name}", path.read_bytes())
    commit_all(git_client, work, f"{day} {exercise}")
    pushed = git_client("push", "origin", "HEAD:main", cwd=work)
    assert f"{day}/{exercise}" in pushed.stderr, pushed.stderr


def _countdown_seconds(text: str) -> int:
    """'7:59:58' (or '59:58') -> seconds."""
    parts = [int(p) for p in text.split(":")]
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + part
    return seconds


@pytest.mark.redis
@pytest.mark.docker
def test_four_week_piscine_created_booked_pushed_graded_and_exams_sat(
    live_app, browser, git_client, tmp_path, screenshot
):
    import grader

    require_service("Docker grader sandbox", grader.sandbox_available(), "run `make grader-image`")
    assert CURRICULUM["days"] == DAYS and CURRICULUM["exams"] == EXAMS
    assert CURRICULUM["projects"] == [{"day": PROJECT, "week": 4, "weekdays": 5}]
    for day, exercise, _name in PUSHED:  # a content change must not silently empty a push
        assert (EXERCISES / day / exercise / "reference").is_dir(), (day, exercise)
    base = live_app.config["LIVE_URL"]
    wait = WebDriverWait(browser, 15)
    with live_app.app_context():
        staff = factories.make_user("staff@101.example", roles=("staff",), profile=False)
        candidate = factories.make_user("camille@example.org", first_name="Camille")
        staff_id, candidate_id = staff.id, candidate.id

    # 1. Staff open the creation page: the default calendar is the four weeks, in its rows.
    _log_in(browser, base, wait, "staff@101.example", factories.PASSWORD)
    browser.get(base + "/staff/piscines/new")
    starts_on = date.fromisoformat(browser.find_element(By.ID, "starts_on").get_attribute("value"))
    ends_on = date.fromisoformat(browser.find_element(By.ID, "ends_on").get_attribute("value"))
    assert starts_on.weekday() == 0  # the page proposes next Monday ...
    assert ends_on == starts_on + timedelta(days=25)  # ... to the Friday of week 4
    rows = _calendar_rows(browser)
    screenshot("piscine-weeks-new-piscine")
    filled = [row for row in rows if row[0]]
    assert all(not row[0] for row in rows[len(filled) :])  # the blank rows come last
    # the sixteen days on consecutive weekdays (each open until 23:59 the next day), bsq
    # Monday to Friday of week 4, exam00-exam02 on Fridays at 14:00, the final at 09:00 for 8 h
    assert filled == _expected_rows(starts_on)
    assert [d.weekday() for d in _weekdays_from(starts_on, len(DAYS))] == [0, 1, 2, 3, 4] * 3 + [0]

    browser.find_element(By.ID, "name").send_keys("Piscine de quatre semaines")
    Select(browser.find_element(By.ID, "feedback")).select_by_value("immediate")
    browser.find_element(By.CSS_SELECTOR, "button[name=action][value=create]").click()
    wait.until(EC.url_matches(r".*/staff/piscines/\d+$"))
    assert "La piscine est créée." in browser.page_source
    assert "Examen final" in browser.page_source  # the calendar shown on the piscine's page
    piscine_id = int(browser.current_url.rstrip("/").rsplit("/", 1)[1])
    with live_app.app_context():
        piscine = db.session.get(Piscine, piscine_id)
        assert piscine.feedback == "immediate"
        assert (piscine.starts_on, piscine.ends_on) == (starts_on, ends_on)
        # created with that calendar, entry for entry (stored in UTC, shown in Paris time)
        stored = [
            (d.day_id, d.kind, d.opens_at, d.closes_at)
            for d in sorted(piscine.days, key=lambda d: d.position)
        ]
        shown = [
            (
                day_id,
                kind,
                paris_datetime(date.fromisoformat(o[:10]), time.fromisoformat(o[11:])),
                paris_datetime(date.fromisoformat(c[:10]), time.fromisoformat(c[11:])),
            )
            for day_id, kind, o, c in filled
        ]
        assert stored == shown
        final = _entry(piscine_id, "final")
        assert final.closes_at - final.opens_at == timedelta(hours=8)
        final_id = final.id

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

        # 3. Time travel (a direct update of the calendar: the piscine starts next Monday):
        #    c06 (week 2), c10 (week 3), bsq and exam01 are open now; the rest keeps its dates.
        #    The final is opened later, once exam01 is over (never two exams at once).
        now = datetime.now(UTC).replace(microsecond=0)
        for day_id in ("c06", "c10", PROJECT):
            _open_now(piscine_id, day_id, now)
        exam01_id = _open_now(piscine_id, "exam01", now)
        db.session.commit()
        # staff open exam01 in a room on the loopback networks: its code is on the room's screen
        exam01_code = open_room(db.session.get(PiscineDay, exam01_id)).code

        # 4. The candidate pushes by git with a token of scope git.
        from school101.services.identity.accounts import issue_token

        token = issue_token(db.session.get(User, candidate_id), "git", scopes=("git",))
        db.session.commit()

    # The dashboard lists the whole calendar and links the open days and the open exam.
    browser.get(f"{base}/piscine/{piscine_id}/")
    entries = browser.find_elements(By.CSS_SELECTOR, "ol.calendar-list > li")
    assert len(entries) == len(DAYS) + 1 + len(RUSHES) + len(EXAMS)
    assert len(browser.find_elements(By.CSS_SELECTOR, "ol.calendar-list > li.state-open")) == 4

    for day, exercise, _name in PUSHED:
        _push(git_client, base, token, tmp_path, day, exercise)
    with live_app.app_context():
        submissions = {
            s.exercise: s.id
            for s in db.session.scalars(
                db.select(Submission).where(
                    Submission.user_id == candidate_id, Submission.source == "git"
                )
            )
        }
        assert sorted(submissions) == sorted(f"{d}/{e}" for d, e, _n in PUSHED)
    _work(live_app)  # the three gradings, for real, in the Docker sandbox
    with live_app.app_context():
        for exercise_id, submission_id in submissions.items():
            (run,) = db.session.scalars(
                db.select(GradingRun).where(GradingRun.submission_id == submission_id)
            ).all()
            assert run.status == "graded" and run.passed, (exercise_id, run.error, run.verdict)

    # Each day page, from the dashboard's link: the exercise passed, the trace of its grading
    # (the Makefile steps of c10 and bsq, bsq's performance tests), a link to the submission.
    for day, exercise, name in PUSHED:
        browser.get(f"{base}/piscine/{piscine_id}/")
        browser.find_element(
            By.CSS_SELECTOR, f"a[href$='/piscine/{piscine_id}/days/{day}']"
        ).click()
        wait.until(EC.url_contains(f"/days/{day}"))
        title = browser.find_element(By.ID, f"ex-{exercise}-title")
        assert f"{day}/{exercise}" in title.text and "réussi" in title.text, title.text
        assert title.find_element(By.CSS_SELECTOR, ".verdict-ok")
        summary = browser.find_element(By.CSS_SELECTOR, f"#ex-{exercise} details summary")
        assert summary.text == "Trace de la dernière correction"
        summary.click()
        trace = browser.find_element(By.CSS_SELECTOR, f"#ex-{exercise} pre.trace")
        wait.until(lambda d, trace=trace: trace.is_displayed())
        browser.execute_script("arguments[0].scrollIntoView()", trace)
        screenshot(f"piscine-weeks-day-{day}")
        text = trace.text
        assert name in text and "result: OK" in text, text
        if day in ("c10", PROJECT):
            program = "ft_display_file" if day == "c10" else "bsq"
            for step in (
                "make -n: every compilation uses -Wall -Wextra -Werror ... OK",
                f"make builds {program} ... OK",
                "make again: nothing rebuilt ... OK",
                "make clean ... OK",
                "make fclean ... OK",
            ):
                assert f"$> {step}" in text, (step, text)
        if day == PROJECT:  # the performance tests: generated maps, timed
            exercise_toml = EXERCISES / day / exercise / "exercise.toml"
            tests = tomllib.loads(exercise_toml.read_text())["tests"]
            performance = [t["name"] for t in tests if "generate" in t]
            assert len(performance) >= 5
            for number, test in enumerate(tests, start=1):
                if test["name"] in performance:
                    line = f'$> test {number}/{len(tests)} "{test["name"]}" ... OK'
                    assert line in text, (line, text)
        submission_id = submissions[f"{day}/{exercise}"]
        link = browser.find_element(
            By.CSS_SELECTOR, f"a[href$='/piscine/submissions/{submission_id}']"
        )
        row = link.find_element(By.XPATH, "ancestor::tr")
        assert f"{day}/{exercise}" in row.text and "réussi" in row.text
    link.click()  # the last one: bsq's submission page
    wait.until(EC.url_contains(f"/piscine/submissions/{submission_id}"))
    assert browser.find_element(By.CSS_SELECTOR, "dd .verdict-ok").text == "réussi"
    _no_script_errors(browser)

    # 5. exam01, from the dashboard's link: start, grademe with the reference, level 0 passed.
    browser.get(f"{base}/piscine/{piscine_id}/")
    browser.find_element(By.CSS_SELECTOR, f"a[href$='/exams/{exam01_id}']").click()
    wait.until(EC.url_contains(f"/exams/{exam01_id}"))
    assert "Examen 01" in browser.find_element(By.TAG_NAME, "h1").text
    browser.find_element(By.NAME, "code").send_keys(exam01_code)
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
    screenshot("piscine-weeks-exam01")
    history = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=history-title]")
    assert "Réussi" in history.text and exercise.rsplit("/", 1)[1] in history.text
    _no_script_errors(browser)

    # Time travel again: exam01 is over (closed a second ago), the final exam is open now.
    with live_app.app_context():
        exam01 = db.session.get(PiscineDay, exam01_id)
        exam01.closes_at = datetime.now(UTC) - timedelta(seconds=1)
        _open_now(piscine_id, "final", datetime.now(UTC).replace(microsecond=0))
        db.session.commit()
        final_code = open_room(db.session.get(PiscineDay, final_id)).code

    # 6. The final exam, from the dashboard's link: started, the countdown shows about 8 h.
    browser.get(f"{base}/piscine/{piscine_id}/")
    browser.find_element(By.CSS_SELECTOR, f"a[href$='/exams/{final_id}']").click()
    wait.until(EC.url_contains(f"/exams/{final_id}"))
    assert "Examen final" in browser.find_element(By.TAG_NAME, "h1").text
    browser.find_element(By.NAME, "code").send_keys(final_code)
    browser.find_element(By.CSS_SELECTOR, "form[action$='/start'] button[type=submit]").click()
    timer = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "[role=timer]")))
    wait.until(lambda d: re.fullmatch(r"\d+:\d\d:\d\d", timer.text))  # the script's h:mm:ss
    left = _countdown_seconds(timer.text)
    assert 8 * 3600 - 5 * 60 <= left <= 8 * 3600, timer.text  # 480 minutes, less a minute
    screenshot("piscine-weeks-final")
    with live_app.app_context():
        attempt = attempts.attempt_of(db.session.get(User, candidate_id), final_id)
        assert attempt.status == "in_progress" and attempt.duration_minutes == 480
        assert attempts.current_assignment(attempt).exercise.startswith("final/level0/")
    _no_script_errors(browser)


def _api_piscine(staff, name: str, monday: date, ends_on: date):
    from school101.services.piscine.sessions import create_piscine

    return create_piscine(
        {"name": name, "starts_on": monday, "ends_on": ends_on, "capacity": 10}, actor=staff
    )


def test_api_default_calendar_is_the_four_weeks_cut_at_the_end_date(app, staff):
    """create_piscine without a calendar (the API's default): the sixteen days, bsq all through
    week 4, exam00-exam02 on the first three Fridays at 14:00 and the final on the fourth at
    09:00 for 8 hours; a piscine ending early leaves out what comes after its end, bsq is cut."""
    monday = date(2026, 6, 1)
    assert monday.weekday() == 0
    fridays = [date(2026, 6, 5), date(2026, 6, 12), date(2026, 6, 19), date(2026, 6, 26)]

    full = _api_piscine(staff, "Quatre semaines", monday, monday + timedelta(days=27))
    days = [d for d in full.days if d.kind == "day"]
    assert [d.day_id for d in days] == DAYS + [PROJECT] + RUSHES
    assert [d.opens_at for d in days[: len(DAYS)]] == [
        paris_datetime(d, time(0, 0)) for d in _weekdays_from(monday, len(DAYS))
    ]
    bsq_entry = days[len(DAYS)]
    assert bsq_entry.opens_at == paris_datetime(date(2026, 6, 22), time(0, 0))  # Monday, week 4
    assert bsq_entry.closes_at == paris_datetime(fridays[3], time(23, 59))
    assert [(d.opens_at, d.closes_at) for d in days[len(DAYS) + 1 :]] == [
        (paris_datetime(f, time(20, 0)), paris_datetime(f + timedelta(days=2), time(23, 59)))
        for f in fridays[:3]
    ]
    exams = [d for d in full.days if d.kind == "exam"]
    assert [d.day_id for d in exams] == EXAMS
    starts = [time(14, 0)] * 3 + [time(9, 0)]
    assert [d.opens_at for d in exams] == [
        paris_datetime(f, t) for f, t in zip(fridays, starts, strict=True)
    ]
    assert [d.closes_at - d.opens_at for d in exams] == [timedelta(hours=4)] * 3 + [
        timedelta(hours=8)
    ]

    def calendar_of(ends_on: date) -> tuple[list[str], list[str]]:
        piscine = _api_piscine(staff, f"Jusqu'au {ends_on}", monday, ends_on)
        return (
            [d.day_id for d in piscine.days if d.kind == "day"],
            [d.day_id for d in piscine.days if d.kind == "exam"],
        )

    # ends on the Friday of week 4 itself: everything, the final held that morning
    assert calendar_of(fridays[3]) == (DAYS + [PROJECT] + RUSHES, EXAMS)
    # ends on the Wednesday of week 4: no final; bsq open until the end date at 23:59
    wednesday = _api_piscine(staff, "Mercredi", monday, date(2026, 6, 24))
    assert [d.day_id for d in wednesday.days if d.kind == "exam"] == EXAMS[:3]
    bsq = next(d for d in wednesday.days if d.day_id == PROJECT)
    assert bsq.opens_at == paris_datetime(date(2026, 6, 22), time(0, 0))
    assert bsq.closes_at == paris_datetime(date(2026, 6, 24), time(23, 59))
    # ends on the Friday of week 3: no c13, no bsq, no final
    assert calendar_of(fridays[2]) == (DAYS[:15] + RUSHES, EXAMS[:3])
    # ends on the Thursday of week 3: c12 (Friday) and exam02 are left out too
    assert calendar_of(date(2026, 6, 18)) == (DAYS[:14] + RUSHES[:2], EXAMS[:2])
    # ends on the Thursday of week 2: the first week, exam00 only
    assert calendar_of(date(2026, 6, 11)) == (DAYS[:9] + RUSHES[:1], EXAMS[:1])
