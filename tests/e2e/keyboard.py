"""Drive a page with the keyboard only, as a person without a mouse does (tests marked e2e).

Every action is a key press sent through the browser (ActionChains): TAB, SHIFT+TAB, ENTER,
SPACE, arrows, typed text. Scripts only *read* the page's state (what has the focus, how it is
drawn); they never click or set a value. Each time the focus moves, `focused()` checks what a
sighted keyboard user needs: the focused element is on screen, not covered by another element,
and drawn with a focus indicator (an outline or a box-shadow, not faded by a low opacity).
"""

from __future__ import annotations

import re
import time
from datetime import date
from urllib.parse import urlsplit

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

# What the focused element looks like, read in one call (a WebDriver call per property costs).
FOCUS_STATE = """
const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) { return null; }
const style = getComputedStyle(el);
const box = el.getBoundingClientRect();
const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
let covered = false;
if (cx >= 0 && cy >= 0 && cx < innerWidth && cy < innerHeight && el.tagName !== 'MAIN') {
  const top = document.elementFromPoint(cx, cy);
  const label = el.labels && el.labels.length ? el.labels[0] : null;
  covered = !!top && top !== el && !el.contains(top) && !(label && label.contains(top));
}
function opaque(colour) {
  const m = /rgba?\\(([^)]*)\\)/.exec(colour || '');
  if (!m) { return !!colour && colour !== 'transparent'; }
  const parts = m[1].split(',');
  return parts.length < 4 || parseFloat(parts[3]) >= 0.5;
}
// A ring drawn by a box-shadow: a shadow with a visible colour spread or blurred by 1px or more.
const ring = (style.boxShadow || 'none').split(/,(?![^(]*\\))/).some(function (shadow) {
  const colour = (/rgba?\\([^)]*\\)/.exec(shadow) || [''])[0];
  const lengths = shadow.replace(colour, '').trim().split(/\\s+/).map(parseFloat)
    .filter(function (n) { return !isNaN(n); });
  return opaque(colour) && (Math.abs(lengths[2] || 0) >= 1 || Math.abs(lengths[3] || 0) >= 1);
});
// An element drawn translucent draws its focus ring translucent too: a faint ring.
let opacity = 1;
for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
  opacity *= parseFloat(getComputedStyle(node).opacity);
}
return {
  tag: el.tagName.toLowerCase(),
  id: el.id,
  name: el.getAttribute('name') || '',
  type: el.getAttribute('type') || '',
  text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 80),
  label: el.getAttribute('aria-label') || (el.labels && el.labels.length ? el.labels[0].innerText.trim() : ''),
  href: el.getAttribute('href') || '',
  form: el.form ? el.form.getAttribute('action') || '' : '',
  indicator: opacity >= 0.75 && ((style.outlineStyle !== 'none'
    && parseFloat(style.outlineWidth) >= 1 && opaque(style.outlineColor)) || ring),
  onscreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
    && box.top < innerHeight && box.left < innerWidth && style.visibility !== 'hidden',
  covered: covered,
};
"""


def on_page(pattern: str):
    """A wait condition: the browser shows a page whose path matches `pattern` from its start
    (the skip link leaves `#main` in the URL, hence the path alone)."""
    return lambda driver: re.fullmatch(pattern, urlsplit(driver.current_url).path) is not None


class Keyboard:
    """The keyboard of `browser`: TAB walks stop after `max_tabs` stops."""

    def __init__(self, browser, *, max_tabs: int = 80):
        self.browser = browser
        self.max_tabs = max_tabs

    def press(self, *keys: str) -> None:
        """Press keys one after the other."""
        for key in keys:
            ActionChains(self.browser).send_keys(key).perform()

    def type(self, text: str) -> None:
        """Type `text` into whatever has the focus."""
        ActionChains(self.browser).send_keys(text).perform()

    def _shift_tab(self) -> None:
        ActionChains(self.browser).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(
            Keys.SHIFT
        ).perform()

    def focused(self, state: dict | None = None) -> dict:
        """What has the focus (`state` if already read); fails unless it is on screen, uncovered
        and visibly focused. Both may take a moment: Pico's focus ring is a 0.2 s transition, and
        the back office scrolls a row out from under its sticky bars on the next frame."""
        deadline = time.monotonic() + 0.6

        def settled(state):
            return state["indicator"] and state["onscreen"] and not state["covered"]

        state = state or self.browser.execute_script(FOCUS_STATE)
        while state is not None and not settled(state) and time.monotonic() < deadline:
            time.sleep(0.05)
            state = self.browser.execute_script(FOCUS_STATE)
        assert state is not None, f"the focus is lost (on the body) at {self.browser.current_url}"
        where = f"{state['tag']}#{state['id']} {state['text']!r} at {self.browser.current_url}"
        assert state["onscreen"], f"the focused element is off screen: {where}"
        assert not state["covered"], f"the focused element is covered by another one: {where}"
        if state["tag"] != "main":  # the skip link's target: focused by script, not by TAB
            assert state["indicator"], f"no visible focus indicator: {where}"
        return state

    def tab_to(self, matches, *, backwards: bool = False, what: str = "a control") -> dict:
        """TAB (or SHIFT+TAB) until the focused element `matches(state)`; checks every stop."""
        seen = []
        for _ in range(self.max_tabs):
            if backwards:
                self._shift_tab()
            else:
                self.press(Keys.TAB)
            state = self.browser.execute_script(FOCUS_STATE)
            if state is None:  # off the end of the page, into the browser's own controls
                raise AssertionError(f"{what} not reached before the end of the page: {seen}")
            state = self.focused(state)
            if matches(state):
                return state
            seen.append(f"{state['tag']}#{state['id']}[{state['name']}] {state['text'][:30]!r}")
        raise AssertionError(f"{what} not reached in {self.max_tabs} stops: {seen}")

    def tab_to_field(self, name: str) -> dict:
        """TAB to the form field named `name`."""
        return self.tab_to(lambda s: s["name"] == name, what=f"field {name!r}")

    def tab_to_text(self, text: str, tag: str | None = None) -> dict:
        """TAB to the control whose visible text (or accessible name) starts with `text`."""

        def matches(state):
            return (tag is None or state["tag"] == tag) and (
                state["text"].startswith(text) or state["label"].startswith(text)
            )

        return self.tab_to(matches, what=f"{tag or 'control'} {text!r}")

    def fill(self, name: str, text: str) -> None:
        """TAB to the field `name`, then type `text` (the field is expected empty)."""
        self.tab_to_field(name)
        self.type(text)

    def fill_date(self, name: str, day: date) -> None:
        """TAB to the date field `name` and type `day` in the order the browser's locale shows
        (day/month/year in French, month/day/year in American English), as a person does."""
        self.tab_to_field(name)
        order = self.browser.execute_script(
            "return new Intl.DateTimeFormat(navigator.language).formatToParts(new Date())"
            ".map(p => p.type).filter(t => t === 'day' || t === 'month' || t === 'year');"
        )
        parts = {"day": f"{day.day:02d}", "month": f"{day.month:02d}", "year": f"{day.year}"}
        self.type("".join(parts[part] for part in order))
        assert self.value() == day.isoformat(), (self.value(), order)

    def choose(self, name: str, value: str) -> None:
        """TAB to the <select> `name`, then ARROW DOWN until its value is `value`."""
        self.tab_to_field(name)
        for _ in range(40):
            if self.value() == value:
                return
            self.press(Keys.ARROW_DOWN)
        raise AssertionError(f"option {value!r} of {name!r} not reached with the arrow keys")

    def value(self) -> str:
        """The focused field's value (read)."""
        return self.browser.execute_script("return document.activeElement.value;")

    def activate(self, after=None, timeout: float = 10) -> None:
        """ENTER on the focused control; with `after`, wait until `after(browser)` is true."""
        self.press(Keys.ENTER)
        if after is not None:
            WebDriverWait(self.browser, timeout).until(after)

    def skip_to_content(self) -> None:
        """On a freshly loaded page: the first TAB reaches a visible skip link and ENTER moves the
        focus to the main content (the next TAB goes on from there)."""
        self.press(Keys.TAB)
        state = self.focused()
        assert state["href"] == "#main", f"the first TAB stop is not the skip link: {state}"
        self.press(Keys.ENTER)
        WebDriverWait(self.browser, 3).until(
            lambda d: d.execute_script("return document.activeElement.id") == "main"
        )
        self.focused()

    def is_on(self, css: str) -> bool:
        """Whether the focused element matches the CSS selector `css` (read)."""
        return self.browser.execute_script(
            "return !!document.activeElement && document.activeElement.matches(arguments[0]);", css
        )

    def wait_focus_on(self, css: str, timeout: float = 10) -> dict:
        """Wait until the page moves the focus to an element matching `css`, then check it."""
        WebDriverWait(self.browser, timeout).until(lambda d: self.is_on(css))
        return self.focused()
