"""The staff board's live figures: the JSON endpoint polled by board-live.js (figures, who may
read it, counts that move with submissions and gradings) and the board page's live markup."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from school101.extensions import db
from school101.models import DayGrading, GradingRun, Submission
from school101.services.grading import runs as grading
from school101.services.grading.runs import create_submission
from tests.fixtures.people import client_for

pytestmark = pytest.mark.redis

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "exercises" / "c00" / "ex00" / "reference" / "ft_putchar.c"


def _live(client, piscine):
    response = client.get(f"/staff/piscines/{piscine.id}/board/live?lang=en")
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    return response.get_json()


def _missing(data, day_id="c00"):
    return {row["day_id"]: row["count"] for row in data["not_submitted"]}[day_id]


def _upload(client, piscine):
    r = client.post(
        f"/piscine/{piscine.id}/days/c00/ex00?lang=en",
        content_type="multipart/form-data",
        data={"ex00-files": [(io.BytesIO(REFERENCE.read_bytes()), "ft_putchar.c")]},
    )
    assert r.status_code == 302, r.data.decode()[:500]


def test_live_figures_of_a_piscine_with_submissions(staff_client, seated, make_piscine):
    piscine = make_piscine(capacity=5)
    _, worker, _client = seated(piscine, last_name="Travailleur")
    seated(piscine, last_name="Absent")
    sub = create_submission(
        user=worker, exercise="c00/ex00", files={"ft_putchar.c": b"x"}, source="upload"
    )
    sub.piscine_id, sub.day_id = piscine.id, "c00"
    db.session.add(
        DayGrading(
            piscine_id=piscine.id,
            user_id=worker.id,
            day_id="c00",
            status="graded",
            score=30,
            max_score=100,
            verdict='{"exercises": []}',
        )
    )
    db.session.add(
        DayGrading(piscine_id=piscine.id, user_id=worker.id, day_id="c00", status="queued")
    )
    db.session.commit()
    before = datetime.now(UTC)
    data = _live(staff_client, piscine)
    assert data["piscine_id"] == piscine.id
    assert data["today_submissions"] == 1
    assert {"day_id": "c00", "count": 1} in data["not_submitted"]  # "Absent" only
    assert data["day_gradings"] == {"queued": 1, "running": 0, "graded": 1, "failed": 0}
    assert data["queue"] == grading.queue_stats()
    assert data["graded_results"] == 1
    generated = datetime.fromisoformat(data["generated_at"])
    assert generated.utcoffset().total_seconds() == 0
    assert abs((generated - before).total_seconds()) < 60


def test_board_page_renders_the_same_figures_for_the_script(staff_client, seated, make_piscine):
    piscine = make_piscine(capacity=5)
    _, worker, _client = seated(piscine)
    seated(piscine)
    sub = create_submission(
        user=worker, exercise="c00/ex00", files={"ft_putchar.c": b"x"}, source="upload"
    )
    sub.piscine_id, sub.day_id = piscine.id, "c00"
    db.session.add(
        DayGrading(
            piscine_id=piscine.id,
            user_id=worker.id,
            day_id="c00",
            status="graded",
            score=30,
            max_score=100,
            verdict='{"exercises": []}',
        )
    )
    db.session.commit()
    html = staff_client.get(f"/staff/piscines/{piscine.id}/board?lang=en").data.decode()
    data = _live(staff_client, piscine)

    def shown(key):
        match = re.search(rf'data-live="{re.escape(key)}"[^>]*>([^<]*)<', html)
        assert match, key
        return match.group(1)

    assert shown("today_submissions") == str(data["today_submissions"]) == "1"
    assert shown("not_submitted.c00") == str(_missing(data)) == "1"
    for key in ("queued", "running", "failed"):
        assert shown(f"queue.{key}") == str(data["queue"][key])
    for key in ("queued", "running", "graded", "failed"):
        assert shown(f"day_gradings.{key}") == str(data["day_gradings"][key])
    assert f'data-graded="{data["graded_results"]}"' in html
    assert (
        "Day gradings of this piscine (deadline and re-runs):" in html
    )  # the sentence still reads


def test_counts_move_after_a_new_submission_and_a_grading(app, staff_client, seated, make_piscine):
    piscine = make_piscine(capacity=5, feedback="immediate")
    _, _user, candidate = seated(piscine)
    before = _live(staff_client, piscine)
    assert (before["today_submissions"], _missing(before), before["graded_results"]) == (0, 1, 0)
    _upload(candidate, piscine)
    after = _live(staff_client, piscine)
    assert (after["today_submissions"], _missing(after)) == (1, 0)
    assert (
        after["queue"]["queued"] == before["queue"]["queued"] + 1
    )  # immediate feedback: a run waits
    run = db.session.scalars(
        db.select(GradingRun).join(Submission).where(Submission.piscine_id == piscine.id)
    ).one()
    run.status, run.verdict = "graded", json.dumps({"passed": True, "status": "ok"})
    db.session.commit()
    graded = _live(staff_client, piscine)
    assert graded["graded_results"] == 1
    assert graded["queue"]["queued"] == before["queue"]["queued"]


def test_candidates_and_anonymous_are_refused_in_json(app, client, seated, make_piscine):
    piscine, _user, candidate = seated()
    r = candidate.get(f"/staff/piscines/{piscine.id}/board/live")
    assert r.status_code == 403 and r.get_json()["error"]["code"] == "forbidden"
    r = client.get(f"/staff/piscines/{piscine.id}/board/live")
    assert r.status_code == 401 and r.get_json()["error"]["code"] == "unauthorized"
    assert "Veuillez vous reconnecter" in r.get_json()["error"]["message"]  # French by default


def test_unknown_piscine_is_a_json_404(staff_client):
    r = staff_client.get("/staff/piscines/99999/board/live")
    assert r.status_code == 404 and r.get_json()["error"]["code"] == "not_found"


def test_board_page_includes_the_script_and_the_live_region(app, staff_client, make_piscine):
    piscine = make_piscine()
    html = staff_client.get(f"/staff/piscines/{piscine.id}/board").data.decode()
    assert '<script src="/static/js/board-live.js" defer></script>' in html
    assert re.search(
        r'<div class="visually-hidden" aria-live="polite"[^>]*data-live-announce>', html
    )
    assert f'data-url="/staff/piscines/{piscine.id}/board/live"' in html
    assert 'data-interval="15"' in html
    assert re.search(
        r'<button type="button"[^>]*aria-pressed="false"[^>]*hidden>'
        r"Mettre en pause l’actualisation automatique</button>",
        html,
    )
    # French first, texts for the script translated on the server
    assert 'data-text-updated="Mis à jour à {time} (heure de Paris)."' in html
    assert "nouvel essai dans {seconds} s." in html
    assert "Rendus aujourd’hui" in html
    # without JavaScript: the figures and the "reload to refresh" line are in the page
    assert "Rechargez la page pour l’actualiser." in html
    assert 'data-live="today_submissions" data-live-label="Rendus aujourd’hui">0<' in html


def test_admin_may_read_the_live_figures(app, make_user, make_piscine):
    admin = make_user("admin@example.org", roles=("admin",), profile=False, consent=False)
    piscine = make_piscine()
    assert client_for(app, admin).get(f"/staff/piscines/{piscine.id}/board/live").status_code == 200
