"""Every page each demo role reaches by links, in headless Chromium at 1280x800 and 375x812:
no serious or critical axe-core violation, no console error (script errors, CSP refusals,
failed resources) and nothing wider than a 375 px phone screen outside a scroll box.

The demo data is loaded (a selection round too, so the ranking exists); each role then follows
the same-site links of the pages it sees, breadth first, GET only. Pages that differ only by
their page=/sort= arguments are audited once, and three of each shape of path at most (a few
applications' pages stand for the others). The report lists the findings grouped by rule.
"""

from __future__ import annotations

import re
import time
from collections import Counter, deque
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from school101.cli.demo import DEMO_PASSWORD, seed_demo
from school101.extensions import db
from school101.models import Piscine, User
from school101.services.selection import ranking, rounds
from tests.e2e.axe import (
    Finding,
    axe_violations,
    console_errors,
    preload_axe,
    report,
    set_viewport,
    wider_than_screen,
)

pytestmark = pytest.mark.e2e

SIZES = {"1280x800": (1280, 800), "375x812": (375, 812)}
SKIP = ("/static/", "/auth/logout", "/git/", "/api/", ".csv", "export", "download")
VARIANT_ARGS = {"page", "sort", "dir", "direction", "order", "lang"}
MAX_PAGES = 150  # per role
PER_SHAPE = 3  # pages audited per shape of path (/staff/applications/{x}, ...)
LINKS = "return Array.from(document.querySelectorAll('a[href]'), a => a.href)"
STATUS = "return performance.getEntriesByType('navigation')[0].responseStatus"


def _login(browser, base: str, email: str) -> list:
    """Log in through the form; the console's errors on the way (the login page's)."""
    browser.get(base + "/auth/login")
    browser.find_element(By.NAME, "email").send_keys(email)
    browser.find_element(By.NAME, "password").send_keys(DEMO_PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(browser, 10).until(EC.url_changes(base + "/auth/login"))
    return console_errors(browser, "/auth/login", "load")


def _key(url: str) -> str:
    """The page a URL shows, its page=/sort= (and lang=) arguments left out."""
    parts = urlsplit(url)
    query = sorted((k, v) for k, v in parse_qsl(parts.query) if k not in VARIANT_ARGS)
    return parts.path + ("?" + urlencode(query) if query else "")


def _shape(key: str) -> str:
    """The path's shape: its segments holding a digit replaced, the query's argument names kept."""
    path, _, query = key.partition("?")
    path = re.sub(r"/[^/]*[0-9][^/]*(?=/|$)", "/{x}", path)  # ids, codes, c00, rush01, ...
    return path + "?" + ",".join(sorted({arg.split("=")[0] for arg in query.split("&") if arg}))


def _crawl(browser, base: str, start: list[str], per_shape: int) -> tuple[list, Counter]:
    """Audit every page reachable by links from `start` (`per_shape` pages of each shape of
    path at most); the findings, and the seconds each audited page took."""
    findings, seen, shapes, timings = [], set(), Counter(), Counter()
    queue = deque(start)
    while queue and len(timings) < MAX_PAGES:
        url = queue.popleft()
        key = _key(url)
        if key in seen or any(s in key for s in SKIP) or shapes[_shape(key)] >= per_shape:
            continue
        seen.add(key)
        began = time.monotonic()
        browser.get(url)
        landed = _key(browser.current_url)
        if (landed != key and landed in seen) or not browser.current_url.startswith(base):
            console_errors(browser, landed, "")  # a redirect to a page already audited
            continue
        seen.add(landed)
        shapes[_shape(landed)] += 1
        status = browser.execute_script(STATUS)
        if status >= 500:
            findings.append(Finding("server-error", landed, "load", f"HTTP {status}"))
            continue
        if browser.execute_script("return document.contentType") != "text/html":
            continue
        for size, (width, height) in SIZES.items():
            set_viewport(browser, width, height)
            findings += axe_violations(browser, landed, size)
            if width < 600:
                findings += wider_than_screen(browser, landed, size, width)
        findings += console_errors(browser, landed, "load")
        set_viewport(browser, *SIZES["1280x800"])
        timings[landed] = time.monotonic() - began
        for link in browser.execute_script(LINKS):
            link = link.split("#")[0]
            if link.startswith(base + "/") and _key(link) not in seen:
                queue.append(link)
    return findings, timings


@pytest.mark.parametrize(
    # at_least: the pages the role must reach (a crawl stopped early by a broken page fails).
    # The admin sees the staff pages too: one of each shape is enough, the staff walk has more.
    ("email", "at_least", "per_shape"),
    [
        ("admin@101.example", 40, 1),
        ("staff@101.example", 50, PER_SHAPE),
        ("candidate@101.example", 10, PER_SHAPE),
        ("employer@101.example", 8, PER_SHAPE),
        ("graduate01@graduates.101.example", 8, PER_SHAPE),
        (None, 4, PER_SHAPE),
    ],
    ids=["admin", "staff", "candidate", "employer", "graduate", "anonymous"],
)
def test_every_linked_page_is_clean_under_axe(live_app, browser, email, at_least, per_shape):
    with live_app.app_context():
        list(seed_demo(candidates=40, seed=7))
        staff = db.session.scalar(db.select(User).where(User.email == "staff@101.example"))
        rounds.create_round(
            name="Promotion démo",
            piscine_ids=list(db.session.scalars(db.select(Piscine.id))),
            weights=dict(ranking.DEFAULT_WEIGHTS),
            actor=staff,
        )
        db.session.commit()
    base = live_app.config["LIVE_URL"]
    browser.set_script_timeout(30)
    preload_axe(browser)
    set_viewport(browser, *SIZES["1280x800"])
    started = time.monotonic()
    findings = _login(browser, base, email) if email else []
    # From the home page and the page the login leads to, as a person would.
    found, timings = _crawl(browser, base, [base + "/", browser.current_url], per_shape)
    findings += found
    elapsed, audited = time.monotonic() - started, len(timings)

    slowest = ", ".join(f"{page} {seconds:.1f} s" for page, seconds in timings.most_common(3))
    print(f"\n{email or 'anonymous'}: {audited} pages x {len(SIZES)} sizes in {elapsed:.1f} s")
    print(f"  slowest: {slowest}")
    assert audited >= at_least, f"{email or 'anonymous'} reached only {audited} pages"
    assert not findings, f"{len(findings)} findings for {email or 'anonymous'}:\n" + report(
        findings
    )


def test_the_audit_finds_the_faults_the_issue_reported(browser):
    """The harness itself: the faults issue 16 found on the staff pages, a script error, a CSP
    refusal and a page wider than a phone are reported."""
    page = (
        "<!doctype html><html lang='fr'><head><title>t</title><meta http-equiv="
        "'Content-Security-Policy' content=\"style-src 'self'\"></head><body><main><h1>t</h1>"
        "<p style='color: red'>an inline style the CSP refuses</p>"
        "<table><tr><th><a href='#' aria-sort='ascending'>Nom</a></th></tr></table>"
        "<span id='dup'>a</span><span id='dup'>b</span><input aria-labelledby='dup'>"
        "<input name='unlabelled'><p id='long'>" + "x" * 200 + "</p>"
        "<script>throw new Error('boom')</script></main></body></html>"
    )
    preload_axe(browser)
    set_viewport(browser, 375, 812)
    browser.get("data:text/html;charset=utf-8," + quote(page))
    findings = axe_violations(browser, "sample", "375x812") + console_errors(browser, "sample", "")
    findings += wider_than_screen(browser, "sample", "375x812", 375)
    rules = {finding.rule for finding in findings}
    assert {"aria-allowed-attr", "duplicate-id-aria", "label", "console", "reflow"} <= rules, (
        report(findings)
    )
    assert "p#long" in report(findings)
    assert "Uncaught Error: boom" in report(findings)
    assert "Content Security Policy" in report(findings), report(findings)
