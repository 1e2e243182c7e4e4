"""Selection pages: a staff member runs a round from ranking to decisions and e-mails."""

from school101.extensions import db
from school101.models import AuditLog, Decision, OutboxMail, SelectionRound
from school101.services.selection import ranking
from tests.conftest import login
from tests.selection.conftest import candidate_path, give_day_score


def test_round_from_ranking_to_confirmation(client, started_piscine):
    piscine, (a, b, c), staff = started_piscine()
    give_day_score(piscine, a, "c00", 90, passed=8)
    give_day_score(piscine, b, "c00", 50, passed=4)
    login(client, staff.email)
    r = client.post(
        "/staff/selection",
        data={
            "name": "Cohorte 2026",
            "piscine_ids": [piscine.id],
            "day_scores": 50,
            "exam_scores": 0,
            "progress": 50,
            "regularity": 0,
            "blind": "y",
            "confirm_days": 5,
            "cohort_name": "2026",
        },
    )
    assert r.status_code == 302
    rnd = SelectionRound.query.one()
    page = client.get(f"/staff/selection/rounds/{rnd.id}").get_data(as_text=True)
    assert "C-" in page and a.last_name not in page  # blind mode
    code_a, code_b = (ranking.pseudonym(u.id, rnd.id) for u in (a, b))
    # bulk decision without a reason is refused and writes nothing
    client.post(
        f"/staff/selection/rounds/{rnd.id}/piscines/{piscine.id}/decisions",
        data={"candidates": [code_a, code_b], "decision": "admit", "reason": " "},
    )
    assert Decision.query.count() == 0
    client.post(
        f"/staff/selection/rounds/{rnd.id}/piscines/{piscine.id}/decisions",
        data={
            "candidates": [code_a],
            "decision": "admit",
            "reason": "Meilleur résultat de la piscine",
        },
    )
    r = client.post(
        candidate_path(rnd, piscine, c), data={"decision": "reject", "reason": "Aucun rendu"}
    )
    assert r.status_code == 302
    page = client.get(f"/staff/selection/rounds/{rnd.id}").get_data(as_text=True)
    assert a.last_name not in page and code_a in page  # decided: still hidden until lifted
    detail = client.get(candidate_path(rnd, piscine, a))
    assert "Meilleur résultat" in detail.get_data(as_text=True)
    client.post(f"/staff/selection/rounds/{rnd.id}/piscines/{piscine.id}/notify")
    assert {m.kind for m in OutboxMail.query.all()} >= {"decision_admit", "decision_reject"}
    csv = client.get(f"/staff/selection/rounds/{rnd.id}/piscines/{piscine.id}/export.csv").get_data(
        as_text=True
    )
    assert "day_scores_contribution" in csv and "admit" in csv
    # the admitted candidate sees the criteria and confirms
    client.post("/auth/logout")
    login(client, a.email)
    mine = client.get("/me/selection").get_data(as_text=True)
    assert "Meilleur résultat de la piscine" in mine and "<table>" in mine
    decision = Decision.query.filter_by(user_id=a.id).one()
    client.post(f"/me/selection/{decision.id}/confirm")
    db.session.refresh(decision)
    assert decision.offer_status == "confirmed"
    assert AuditLog.query.filter_by(action="selection.offer_confirmed").count() == 1


def test_candidates_cannot_open_selection_pages(client, started_piscine):
    _piscine, (a, *_), _staff = started_piscine()
    login(client, a.email)
    assert client.get("/staff/selection").status_code == 403


def test_template_editor_refuses_broken_templates(client, started_piscine):
    _, _, staff = started_piscine()
    login(client, staff.email)
    r = client.post("/staff/selection/templates/admit/fr", data={"subject": "S", "body": "{{ oops"})
    assert r.status_code == 422
    r = client.post(
        "/staff/selection/templates/admit/en",
        data={"subject": "Welcome", "body": "Hi {{ first_name }}"},
    )
    assert r.status_code == 302
    assert "Hi Camille" in client.get("/staff/selection/templates/admit/en").get_data(as_text=True)
