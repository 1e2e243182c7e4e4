"""Drive the memory game page like a player: watch the sequence, then press the cells."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC


def play_first_memory_level(browser, base, wait, screenshot):
    browser.get(base + "/games/")
    screenshot("games")
    browser.find_element(By.CSS_SELECTOR, "form[action$='/games/memory/start'] button").click()
    wait.until(EC.url_matches(r".*/games/sessions/\d+$"))
    show = wait.until(
        EC.element_to_be_clickable((By.CSS_SELECTOR, "#memory-game [data-role=show]"))
    )
    sequence = browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch(document.getElementById('memory-game').dataset.stateUrl, {credentials: 'same-origin'})
          .then(r => r.json()).then(s => done(s.level.puzzle.sequence));
    """)
    show.click()
    # the page lights the cells one by one, then lets the player answer
    wait.until(
        lambda d: (
            d.find_element(By.CSS_SELECTOR, "#memory-game [data-cell='0']").get_attribute(
                "aria-disabled"
            )
            == "false"
        )
    )
    screenshot("memory-game")
    for index in sequence:
        browser.find_element(By.CSS_SELECTOR, f"#memory-game [data-cell='{index}']").click()
    feedback = browser.find_element(By.CSS_SELECTOR, "#memory-game [data-role=feedback]")
    wait.until(lambda d: "1" in feedback.text and feedback.text != "")
    return feedback.text
