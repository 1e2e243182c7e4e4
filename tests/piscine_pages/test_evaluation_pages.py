"""Peer evaluations through the pages: two candidates evaluate each other (availability,
booking, the scale, the rating), bad input shows its error next to the field and changes
nothing, the staff page filters and voids with a reason, and nobody opens what is not theirs."""

from __future__ import annotations

import html as html_lib
import io
import re
import tarfile
from datetime import timedelta

import pytest

from school101.extensions import db
from school101.models import AuditLog, AvailabilitySlot, Evaluation, Submission
from school101.piscine import evaluation_routes
from school101.services.evaluations import availability, booking, evaluating, points
from tests.evaluations import conftest as evaluation_setup
from tests.evaluations.conftest import DAY, NOW
from tests.fixtures.people import client_for

pytestmark = pytest.mark.redis

# the evaluation tests' fixtures: an EXERCISES_DIR whose day asks two evaluations (with its
# scale.toml), a piscine where that day closed an hour before NOW, seated candidates
app_config = evaluation_setup.app_config
piscine = evaluation_setup.piscine
candidates = evaluation_setup.candidates

LATER = NOW + timedelta(hours=2)  # 12:00 in Paris
DATE = "2027-01-12"  # NOW's day in Paris
FEEDBACK = "Code clair, bonnes explications ; pensez aux entrées vides et aux très grands nombres."
SOURCE = b"#include <unistd.h>\nvoid ft_putchar(char c) { write(1, &c, 1); }\n"


@pytest.fixture
def clock(monkeypatch):
    """The pages' clock, set on a campus morning (NOW); move it with clock["now"] = ..."""
    state = {"now": NOW}
    monkeypatch.setattr(evaluation_routes, "utcnow", lambda: state["now"])
    return state


def _tar(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _error_of(html: str, field_id: str) -> str:
    """The error message shown right under a field (its aria-describedby target)."""
    found = re.search(
        rf'<small id="{re.escape(field_id)}-error" class="field-error">([^<]*)</small>', html
    )
    return html_lib.unescape(found.group(1)) if found else ""


def _booked(piscine, evaluated, evaluator, start=LATER):
    availability.publish(evaluator, piscine, start, start + timedelta(hours=1), now=NOW)
    db.session.commit()
    evaluation = booking.book(evaluated, piscine, DAY, start, now=NOW)
    db.session.commit()
    return evaluation


def test_a_whole_evaluation_between_two_candidates(app, piscine, candidates, clock):
    evaluated, evaluator = candidates(2)
    work = db.session.scalars(db.select(Submission).filter_by(user_id=evaluated.id)).one()
    work.archive = _tar({"ft_putchar.c": SOURCE})
    db.session.commit()
    me, them = client_for(app, evaluated), client_for(app, evaluator)

    dashboard = me.get(f"/piscine/{piscine.id}/").data.decode()
    assert f"/piscine/{piscine.id}/evaluations" in dashboard
    page = them.get(f"/piscine/{piscine.id}/evaluations").data.decode()
    assert "Évaluations entre pairs" in page and "5 points d’évaluation" in page.replace("'", "’")
    assert "Vous n’avez encore publié aucune disponibilité." in page.replace("'", "’")

    # the evaluator offers 12:00-13:00 (Paris), the evaluated person books 12:00
    r = them.post(
        f"/piscine/{piscine.id}/evaluations/availability",
        data={"date": DATE, "starts_at": "12:00", "ends_at": "13:00"},
    )
    assert r.status_code == 302
    assert "12:00" in them.get(f"/piscine/{piscine.id}/evaluations").data.decode()
    page = me.get(f"/piscine/{piscine.id}/evaluations").data.decode()
    assert "0 évaluation(s) réservée(s) sur 2" in page or "0 sur 2" in page
    r = me.post(
        f"/piscine/{piscine.id}/evaluations/book/{DAY}",
        data={f"book-{DAY}-date": DATE, f"book-{DAY}-starts_at": "12:00"},
    )
    assert r.status_code == 302
    evaluation = db.session.scalars(db.select(Evaluation)).one()
    assert evaluation.evaluator_id == evaluator.id
    assert points.balance(piscine, evaluated.id) == piscine.evaluation_points - 1

    # names and work stay hidden until 15 minutes before
    for client, other in ((me, evaluator), (them, evaluated)):
        html = client.get(f"/piscine/{piscine.id}/evaluations").data.decode()
        assert "révélé 15 minutes avant" in html and other.last_name not in html
    early = them.get(f"/piscine/evaluations/{evaluation.id}").data.decode()
    assert evaluated.last_name not in early and "ft_putchar" not in early
    assert "Ça marche ?" in early and "disabled" in early  # the scale, to prepare

    clock["now"] = LATER
    page = them.get(f"/piscine/evaluations/{evaluation.id}").data.decode()
    assert evaluated.last_name in page
    # the turned-in file, highlighted as C and escaped
    code = page.split('<div class="highlight">')[1].split("</div>")[0]
    assert '<span class="kt">void</span>' in code and "&amp;" in code
    assert re.sub(r"<[^>]+>", "", code) == html_lib.escape(SOURCE.decode(), quote=False)
    assert "Faites expliquer le code." in page and "Triche" in page
    assert f"{evaluating.FEEDBACK_MIN} caractères" in page

    # a half-filled scale: errors next to the fields, nothing changes
    r = them.post(
        f"/piscine/evaluations/{evaluation.id}",
        data={"answer-works": "1", "flags": ["ok"], "feedback": "Bien."},
    )
    assert r.status_code == 422
    html = r.data.decode()
    assert _error_of(html, "answer-explains") == "Donnez une note de 0 à 5."
    assert "caractères" in _error_of(html, "feedback")
    assert 'id="answer-works-1" name="answer-works" value="1" checked' in html  # kept
    db.session.expire_all()
    assert evaluation.status == "booked" and evaluation.mark is None

    r = them.post(
        f"/piscine/evaluations/{evaluation.id}",
        data={"answer-works": "1", "answer-explains": "3", "flags": ["ok"], "feedback": FEEDBACK},
    )
    assert r.status_code == 302
    db.session.expire_all()
    assert evaluation.status == "submitted" and evaluation.mark == 84
    assert points.balance(piscine, evaluator.id) == piscine.evaluation_points + 1

    # the evaluated person reads the mark and rates the feedback
    html = me.get(f"/piscine/evaluations/{evaluation.id}").data.decode()
    assert "84" in html and "bonnes explications" in html and "Ok" in html
    assert "ft_putchar" not in html  # one's own work is on the submission pages
    r = me.post(f"/piscine/evaluations/{evaluation.id}/rate", data={"rating": "9"})
    assert r.status_code == 422 and _error_of(r.data.decode(), "rating")
    r = me.post(
        f"/piscine/evaluations/{evaluation.id}/rate",
        data={"rating": "4", "comment": "Merci, très utile."},
    )
    assert r.status_code == 302
    db.session.expire_all()
    assert evaluation.status == "done" and evaluation.feedback_rating == 4
    html = me.get(f"/piscine/evaluations/{evaluation.id}").data.decode()
    assert "Merci, très utile." in html and 'name="rating"' not in html


def test_bad_availability_and_booking_show_the_error_next_to_the_field(
    app, piscine, candidates, clock
):
    evaluated, evaluator = candidates(2)
    client = client_for(app, evaluator)
    url = f"/piscine/{piscine.id}/evaluations/availability"
    cases = [
        ({"date": "", "starts_at": "12:00", "ends_at": "13:00"}, "date", "Indiquez une date."),
        ({"date": DATE, "starts_at": "12:10", "ends_at": "13:00"}, "starts_at", "quart"),
        ({"date": DATE, "starts_at": "12:00", "ends_at": "12:15"}, "ends_at", "30 minutes"),
        ({"date": "2027-01-13", "starts_at": "06:00", "ends_at": "07:00"}, "starts_at", "09:00"),
        ({"date": "2026-12-01", "starts_at": "12:00", "ends_at": "13:00"}, "starts_at", "futur"),
    ]
    for data, field, words in cases:
        r = client.post(url, data=data)
        assert r.status_code == 422, data
        assert words in _error_of(r.data.decode(), field), (data, r.data.decode()[-3000:])
    assert db.session.scalar(db.select(db.func.count()).select_from(AvailabilitySlot)) == 0

    # nobody free then: the booking form says so, no point spent
    r = client_for(app, evaluated).post(
        f"/piscine/{piscine.id}/evaluations/book/{DAY}",
        data={f"book-{DAY}-date": DATE, f"book-{DAY}-starts_at": "12:07"},
    )
    assert r.status_code == 422
    assert "quart d’heure" in _error_of(r.data.decode(), f"book-{DAY}-starts_at").replace("'", "’")
    r = client_for(app, evaluated).post(
        f"/piscine/{piscine.id}/evaluations/book/{DAY}",
        data={f"book-{DAY}-date": DATE, f"book-{DAY}-starts_at": "12:00"},
    )
    assert r.status_code == 409 and "Aucun évaluateur" in r.data.decode()
    assert db.session.scalar(db.select(db.func.count()).select_from(Evaluation)) == 0
    assert points.balance(piscine, evaluated.id) == piscine.evaluation_points


def test_cancel_withdraw_and_report_an_absence(app, piscine, candidates, clock):
    evaluated, evaluator = candidates(2)
    evaluation = _booked(piscine, evaluated, evaluator)
    them = client_for(app, evaluator)
    slot = db.session.scalars(db.select(AvailabilitySlot)).one()
    assert (
        them.post(f"/piscine/{piscine.id}/evaluations/availability/{slot.id}/withdraw").status_code
        == 302
    )
    assert db.session.scalar(db.select(db.func.count()).select_from(AvailabilitySlot)) == 0
    me = client_for(app, evaluated)
    r = me.post(f"/piscine/evaluations/{evaluation.id}/no-show", follow_redirects=True)
    assert "commencé" in r.data.decode()  # not started yet: refused, shown
    clock["now"] = LATER + timedelta(minutes=5)
    page = me.get(f"/piscine/{piscine.id}/evaluations").data.decode()
    assert "Signaler une absence" in page
    assert me.post(f"/piscine/evaluations/{evaluation.id}/no-show").status_code == 302
    db.session.expire_all()
    assert evaluation.status == "no_show" and evaluation.no_show_of == "evaluator"
    # an early cancellation refunds
    second = _booked(piscine, evaluated, candidates(1)[0], start=LATER + timedelta(hours=2))
    clock["now"] = NOW
    assert me.post(f"/piscine/evaluations/{second.id}/cancel").status_code == 302
    db.session.expire_all()
    assert second.status == "cancelled"


def test_staff_page_filters_voids_with_a_reason_and_grants_points(
    app, piscine, candidates, staff_client
):
    evaluated, evaluator, other, third = candidates(4)
    pending = _booked(piscine, evaluated, evaluator)
    cancelled = _booked(piscine, other, third)
    booking.cancel(other, cancelled, now=NOW)
    db.session.commit()
    url = f"/staff/piscines/{piscine.id}/evaluations"

    html = staff_client.get(f"/staff/piscines/{piscine.id}").data.decode()
    assert url in html
    html = staff_client.get(url).data.decode()
    assert "Évaluations entre pairs" in html and "En attente (1)" in html
    html = staff_client.get(url + "?state=pending").data.decode()
    assert f'/piscine/evaluations/{pending.id}"' in html
    assert f'/piscine/evaluations/{cancelled.id}"' not in html
    html = staff_client.get(url + "?state=to_staff").data.decode()
    assert "Aucune évaluation dans cet état." in html
    assert staff_client.get(url + "?state=bogus&page=zz").status_code == 200

    r = staff_client.post(f"{url}/{pending.id}/void", data={f"void-{pending.id}-reason": "  "})
    assert r.status_code == 422
    assert _error_of(r.data.decode(), f"void-{pending.id}-reason")
    db.session.expire_all()
    assert pending.status == "booked"
    r = staff_client.post(
        f"{url}/{pending.id}/void",
        data={f"void-{pending.id}-reason": "l'évaluateur était malade", "state": "pending"},
    )
    assert r.status_code == 302 and "state=pending" in r.headers["Location"]
    db.session.expire_all()
    assert pending.status == "voided"
    audit = db.session.scalars(db.select(AuditLog).filter_by(action="evaluation.voided")).one()
    assert audit.reason == "l'évaluateur était malade"
    assert points.balance(piscine, evaluated.id) == piscine.evaluation_points
    r = staff_client.post(f"{url}/{pending.id}/reopen", data={f"reopen-{pending.id}-reason": "x"})
    assert r.status_code == 302
    db.session.expire_all()
    assert pending.status == "booked"

    # points: a bad amount is shown next to the field; then a grant
    r = staff_client.post(
        f"{url}/points", data={"user_id": str(evaluated.id), "amount": "0", "reason": "aide"}
    )
    assert r.status_code == 422 and _error_of(r.data.decode(), "amount")
    r = staff_client.post(
        f"{url}/points", data={"user_id": "999999", "amount": "2", "reason": "aide"}
    )
    assert r.status_code == 422 and _error_of(r.data.decode(), "user_id")
    assert points.balance(piscine, evaluated.id) == piscine.evaluation_points  # refunded by void
    r = staff_client.post(
        f"{url}/points", data={"user_id": str(evaluated.id), "amount": "3", "reason": "aide"}
    )
    assert r.status_code == 302
    assert points.balance(piscine, evaluated.id) == piscine.evaluation_points + 3

    # the day's scale (its edit form: tests/piscine_pages/test_scale_edit.py)
    html = staff_client.get(f"{url}/scales/{DAY}").data.decode()
    assert "Ça marche ?" in html and "Faites expliquer le code." in html
    assert staff_client.get(f"{url}/scales/c99").status_code == 404


def test_nobody_opens_what_is_not_theirs(app, piscine, candidates, client, clock):
    evaluated, evaluator, outsider = candidates(3)
    evaluation = _booked(piscine, evaluated, evaluator)
    stranger = client_for(app, outsider)
    base = f"/piscine/evaluations/{evaluation.id}"
    assert stranger.get(base).status_code == 404
    for path in (base, f"{base}/rate", f"{base}/cancel", f"{base}/no-show"):
        assert stranger.post(path, data={"rating": "4"}).status_code == 404, path
    staff_url = f"/staff/piscines/{piscine.id}/evaluations"
    assert stranger.get(staff_url).status_code == 403
    assert (
        stranger.post(
            f"{staff_url}/{evaluation.id}/void", data={f"void-{evaluation.id}-reason": "x"}
        ).status_code
        == 403
    )
    assert (
        stranger.post(
            f"{staff_url}/points", data={"user_id": str(outsider.id), "amount": "9", "reason": "x"}
        ).status_code
        == 403
    )
    assert client.get(base).status_code == 302  # anonymous: to the login page
    db.session.expire_all()
    assert evaluation.status == "booked"
    assert points.balance(piscine, outsider.id) == piscine.evaluation_points
