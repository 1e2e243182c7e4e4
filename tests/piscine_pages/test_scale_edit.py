"""Staff edit a day's correction scale on its page (TOML in a textarea): the saved scale is
the one in force, bad TOML and an invalid scale show their errors and change nothing, the
button "back to the shipped scale" drops the edit, and a candidate is refused."""

from __future__ import annotations

import html as html_lib

import pytest

from school101.extensions import db
from school101.models import AuditLog, CorrectionScale
from school101.services.evaluations import scales
from tests.evaluations import conftest as evaluation_setup
from tests.evaluations.conftest import DAY, SCALE
from tests.fixtures.people import client_for

pytestmark = pytest.mark.redis

app_config = evaluation_setup.app_config
piscine = evaluation_setup.piscine
candidates = evaluation_setup.candidates

EDITED = SCALE.replace("Ça marche ?", "Le programme marche-t-il ?").replace(
    "points = 6", "points = 8"
)


def _url(piscine) -> str:
    return f"/staff/piscines/{piscine.id}/evaluations/scales/{DAY}"


def _audits(action: str) -> int:
    return db.session.scalar(db.select(db.func.count(AuditLog.id)).filter_by(action=action))


def test_staff_edit_the_scale_and_it_is_in_force(app, piscine, staff_client):
    page = html_lib.unescape(staff_client.get(_url(piscine)).data.decode())
    assert 'id="scale"' in page and "Soyez courtois." in page  # the shipped TOML, to edit
    assert "Revenir au barème livré" not in page  # nothing to reset yet

    r = staff_client.post(_url(piscine), data={"scale": EDITED})
    assert r.status_code == 302
    with app.app_context():
        scale = scales.scale_for(DAY)
        assert scale["sections"][0]["questions"][0]["text"]["fr"] == "Le programme marche-t-il ?"
        assert scale["sections"][0]["questions"][0]["points"] == 8
        assert _audits("scale.saved") == 1
    page = html_lib.unescape(staff_client.get(_url(piscine)).data.decode())
    assert "Le programme marche-t-il ?" in page and "Revenir au barème livré" in page
    # the textarea holds the edit as TOML, which saves again unchanged
    r = staff_client.post(_url(piscine), data={"scale": scales_text(app)})
    assert r.status_code == 302
    with app.app_context():
        assert scales.scale_for(DAY)["sections"][0]["questions"][0]["points"] == 8


def scales_text(app) -> str:
    with app.test_request_context():
        return scales.scale_text(DAY)


def test_bad_toml_and_an_invalid_scale_change_nothing(app, piscine, staff_client):
    r = staff_client.post(_url(piscine), data={"scale": "a = 1\nb = = 2\n[intro]\n"})
    page = html_lib.unescape(r.data.decode())
    assert r.status_code == 422
    assert '<small id="scale-error" class="field-error">' in page
    assert "ligne 2" in page  # the line of the syntax error, in French
    assert "b = = 2" in page  # what staff wrote stays in the field

    invalid = SCALE.replace('kind = "rating"', 'kind = "stars"').replace("points = 6", "points = 0")
    r = staff_client.post(_url(piscine), data={"scale": invalid})
    page = html_lib.unescape(r.data.decode())
    assert r.status_code == 422
    assert 'id="scale-problems"' in page
    assert "sections.0.questions.1.kind" in page and "sections.0.questions.0.points" in page
    assert "Les points sont un nombre entier de 1 à 100." in page
    assert 'aria-describedby="scale-problems"' in page

    r = staff_client.post(_url(piscine), data={"scale": "   "})
    assert r.status_code == 422
    with app.app_context():
        assert db.session.scalars(db.select(CorrectionScale)).first() is None
        assert scales.scale_for(DAY)["sections"][0]["questions"][0]["text"]["fr"] == "Ça marche ?"
        assert _audits("scale.saved") == 0


def test_back_to_the_shipped_scale(app, piscine, staff_client):
    assert staff_client.post(_url(piscine), data={"scale": EDITED}).status_code == 302
    r = staff_client.post(_url(piscine) + "/reset")
    assert r.status_code == 302
    with app.app_context():
        assert scales.scale_for(DAY)["sections"][0]["questions"][0]["text"]["fr"] == "Ça marche ?"
        assert db.session.scalars(db.select(CorrectionScale)).first() is None
        row = db.session.scalars(db.select(AuditLog).filter_by(action="scale.reset")).one()
        assert "Le programme marche-t-il ?" in row.before
    page = html_lib.unescape(staff_client.get(_url(piscine)).data.decode())
    assert "Revenir au barème livré" not in page
    # nothing left to reset: said, and nothing recorded
    r = staff_client.post(_url(piscine) + "/reset")
    assert r.status_code == 404
    with app.app_context():
        assert _audits("scale.reset") == 1


def test_a_candidate_cannot_edit_or_reset(app, piscine, candidates, staff_client):
    assert staff_client.post(_url(piscine), data={"scale": EDITED}).status_code == 302
    (candidate,) = candidates(1)
    them = client_for(app, candidate)
    assert them.get(_url(piscine)).status_code == 403
    assert them.post(_url(piscine), data={"scale": SCALE}).status_code == 403
    assert them.post(_url(piscine) + "/reset").status_code == 403
    with app.app_context():
        assert scales.scale_for(DAY)["sections"][0]["questions"][0]["points"] == 8
        assert _audits("scale.reset") == 0
