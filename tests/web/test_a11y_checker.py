"""The page checker the crawl relies on (tests/web/a11y.py) finds what it should."""

from tests.web.a11y import problems

GOOD = (
    '<html lang="fr"><head><title>Ok</title></head><body><h1>Titre</h1>'
    '<label for="e">E-mail</label><input id="e" name="email"><input type="hidden" name="csrf">'
    '<label><input type="checkbox" name="c"> Oui</label><img src="a.png" alt=""></body></html>'
)


def test_a_good_page_has_no_problem():
    assert problems(GOOD) == []


def test_missing_label_h1_title_and_alt_are_reported():
    bad = '<html><head><title> </title></head><body><h2>x</h2><input id="q" name="q"><img src="a"></body></html>'
    found = problems(bad)
    assert "0 <h1> (want exactly 1)" in found and "empty <title>" in found
    assert "1 <img> without alt" in found and "form field without a label: id=q name=q" in found
    assert problems(GOOD.replace("<h1>Titre</h1>", "<h1>A</h1><h1>B</h1>")) == [
        "2 <h1> (want exactly 1)"
    ]
