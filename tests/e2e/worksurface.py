"""What the back office list tests share: how many rows a person sees without scrolling, and
one page checked at both sizes (axe-core and the console)."""

from __future__ import annotations

from tests.e2e.axe import Finding, axe_violations, console_errors, set_viewport

SIZES = {"1280x800": (1280, 800), "375x812": (375, 812)}

# Rows wholly in view: above the window's bottom and above the sticky bulk bar, which covers
# the rows behind it.
ROWS_ABOVE_THE_FOLD = """
const bar = document.querySelector('.bulk-bar');
const fold = Math.min(window.innerHeight, bar ? bar.getBoundingClientRect().top : Infinity);
return Array.from(document.querySelectorAll('table.dense tbody tr')).filter(
  row => { const box = row.getBoundingClientRect();
           return box.height > 0 && box.top >= 0 && box.bottom <= fold; }
).length"""


def rows_above_the_fold(browser) -> int:
    """The table rows wholly visible on the current page, without scrolling."""
    return browser.execute_script(ROWS_ABOVE_THE_FOLD)


def clean_at_both_sizes(browser, path: str) -> list[Finding]:
    """The current page's axe-core findings at 1280x800 and 375x812 and its console errors;
    the viewport is back at 1280x800 after."""
    findings = []
    for size, (width, height) in SIZES.items():
        set_viewport(browser, width, height)
        findings += axe_violations(browser, path, size)
    set_viewport(browser, *SIZES["1280x800"])
    return findings + console_errors(browser, path, "load")
