"""axe-core (vendored in tests/e2e/vendor/axe-core, no network at test time) and the browser's
console, checked on the page a Selenium driver shows.

`preload_axe` has Chromium evaluate axe in every page it loads and `set_viewport` sets an exact
viewport; then, as `Finding`s: `axe_violations` runs axe on the current page (serious and
critical violations), `console_errors` reads the console's SEVERE entries (script errors, CSP
refusals, failed resources) and `wider_than_screen` tells a page a phone would scroll sideways.
`report` prints findings grouped by rule, each with its pages and target selectors.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")
IMPACTS = ("serious", "critical")
# axe leaves these to a person's review ("incomplete") rather than failing them, though a
# duplicated id that an ARIA attribute points to is always a fault here (issue 16 found one).
REVIEWED_AS_FAULTS = ("duplicate-id-aria",)

# Runs in the page: the callback Selenium gives execute_async_script is the last argument.
RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(r => done(r.violations.concat(r.incomplete.filter(v => arguments[1].includes(v.id)))
    .map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      detail: (v.nodes[0] && v.nodes[0].any[0]) ? v.nodes[0].any[0].message : '',
      targets: v.nodes.map(n => n.target.join(' '))}))))
  .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), targets: []}]));
"""


# Runs in the page: the elements sticking out of a `width`-pixel screen, outside scroll boxes.
# (A phone's layout viewport grows to fit a page wider than the screen, so innerWidth would not
# tell: the screen's width is given.)
STICKING_OUT = """
const width = arguments[0];
if (document.documentElement.scrollWidth <= width + 1) return [];
const inScrollBox = e => {
  for (let p = e.parentElement; p; p = p.parentElement) {
    if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true;
  }
  return false;
};
const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
  + (typeof e.className === 'string' && e.className ? '.' + e.className.split(' ')[0] : '');
const out = Array.from(document.querySelectorAll('main *, body > header *'))
  .filter(e => e.getBoundingClientRect().right > width + 1 && !inScrollBox(e));
return [document.documentElement.scrollWidth].concat(out.slice(-4).map(name));
"""


@dataclass(frozen=True)
class Finding:
    """One fault on one page: an axe rule (with its target selectors), a console entry, ..."""

    rule: str
    page: str
    size: str
    message: str
    targets: tuple[str, ...] = ()


@functools.cache
def axe_source() -> str:
    """The vendored axe.min.js, read once."""
    return AXE_JS.read_text(encoding="utf-8")


def preload_axe(driver) -> None:
    """Have Chromium evaluate axe in every page it loads from now on: the 650 kB source crosses
    the WebDriver wire once instead of once per page."""
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": axe_source()})


def set_viewport(driver, width: int, height: int) -> None:
    """Make the page's viewport exactly width x height CSS pixels (a window size would leave out
    the window's frame), as a phone below 600 px (the page's meta viewport applies)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    # two frames: the page lays itself out again and its resize handlers run, as they would
    # before a person could look at it
    driver.execute_async_script(
        "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(done));"
    )


def axe_violations(driver, page: str, size: str) -> list[Finding]:
    """Serious and critical axe-core violations of the page the driver shows, and the results
    of REVIEWED_AS_FAULTS left for review (axe injected if the page does not have it yet)."""
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(axe_source())
    violations = driver.execute_async_script(RUN_AXE, list(TAGS), list(REVIEWED_AS_FAULTS))
    return [
        Finding(v["id"], page, size, _message(v), tuple(v["targets"][:5]))
        for v in violations
        if v["impact"] in IMPACTS
    ]


def _message(violation: dict) -> str:
    detail = violation.get("detail") or ""
    return f"{violation['help']} ({detail})" if detail else violation["help"]


def wider_than_screen(driver, page: str, size: str, width: int) -> list[Finding]:
    """A finding when the page is wider than a `width`-pixel screen (WCAG 1.4.10, reflow: the
    reader would scroll the whole page sideways), naming what sticks out."""
    sticking_out = driver.execute_script(STICKING_OUT, width)
    if not sticking_out:
        return []
    scroll_width, *elements = sticking_out
    message = f"The page is {scroll_width} px wide on a {width} px screen"
    return [Finding("reflow", page, size, message, tuple(elements))]


def console_errors(driver, page: str, size: str) -> list[Finding]:
    """The console's SEVERE entries since the last call (each call empties the log)."""
    return [
        Finding("console", page, size, _shortened(entry["message"]))
        for entry in driver.get_log("browser")
        if entry["level"] == "SEVERE"
    ]


def _shortened(message: str) -> str:
    """A console message with its source (the first word, a URL) cut to 100 characters."""
    source, _, text = message.partition(" ")
    if len(source) > 100:
        source = source[:99] + "…"
    return f"{source} {text[:400]}"


def report(findings: list[Finding]) -> str:
    """The findings grouped by rule (with their count): each page, size, message and targets."""
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_rule[finding.rule].append(finding)
    lines = []
    for rule, items in sorted(by_rule.items()):
        lines.append(f"{rule} ({len(items)})")
        for item in items:
            where = f"  {item.page} [{item.size}]"
            if rule == "console":
                lines.append(f"{where}: {item.message}")
            else:
                lines.append(f"{where}: {item.message}: {', '.join(item.targets)}")
    return "\n".join(lines)
