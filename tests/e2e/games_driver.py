"""Drive the memory game page like a player: watch the sequence, then press the cells at a
person's pace (the server refuses answers faster than a person: services/games/pacing.py)."""

import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

# Records the cells the page lights while the player cannot answer yet: the sequence as shown.
WATCH_SCRIPT = """
const grid = document.querySelector('#memory-game [data-role=grid]');
window.__shown = [];
new MutationObserver(records => records.forEach(r => {
  const cell = r.target;
  if (cell.classList.contains('lit') && cell.getAttribute('aria-disabled') === 'true') {
    window.__shown.push(Number(cell.dataset.cell));
  }
})).observe(grid, {attributes: true, subtree: true, attributeFilter: ['class']});
"""


def play_first_memory_level(browser, base, wait, screenshot):
    browser.get(base + "/games/")
    screenshot("games")
    browser.find_element(By.CSS_SELECTOR, "form[action$='/games/memory/start'] button").click()
    wait.until(EC.url_matches(r".*/games/sessions/\d+$"))
    show = wait.until(
        EC.element_to_be_clickable((By.CSS_SELECTOR, "#memory-game [data-role=show]"))
    )
    browser.execute_script(WATCH_SCRIPT)
    show.click()
    # the page asks the server for the cells one by one and lights them, then lets the player answer
    wait.until(
        lambda d: (
            d.find_element(By.CSS_SELECTOR, "#memory-game [data-cell='0']").get_attribute(
                "aria-disabled"
            )
            == "false"
        )
    )
    screenshot("memory-game")
    sequence = browser.execute_script("return window.__shown;")
    for index in sequence:
        time.sleep(0.6)  # a person's pace
        browser.find_element(By.CSS_SELECTOR, f"#memory-game [data-cell='{index}']").click()
    feedback = browser.find_element(By.CSS_SELECTOR, "#memory-game [data-role=feedback]")
    wait.until(lambda d: "1" in feedback.text and feedback.text != "")
    return feedback.text
