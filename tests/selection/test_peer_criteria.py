"""The ranking's peer-evaluation criteria (issue 13): peer marks (and flags) and contribution as
an evaluator, explained in the breakdown, neutral without input, followed by the cache,
hiding nothing new in blind mode."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest
from flask_babel import force_locale

from school101.extensions import db
from school101.models import Evaluation
from school101.models._base import utcnow
from school101.services.selection import decisions, notices, peer_criteria, ranking, rounds
from school101.services.selection.peer_criteria import contribution
from tests.conftest import login
from tests.selection.conftest import candidate_path, give_day_score

BASE = {"day_scores": 40.0, "exam_scores": 30.0, "progress": 15.0, "regularity": 15.0}
FEEDBACK = "Explications claires, le code de ft_putchar est propre ; revoir la gestion des erreurs."


def evaluation(
    piscine,
    evaluated,
    evaluator,
    *,
    status="done",
    mark=None,
    flags="",
    rating=None,
    hours_ago=30,
    day_id="c00",
):
    """An evaluation row as the evaluations services leave it (`hours_ago`: when submitted)."""
    start = utcnow() - timedelta(hours=hours_ago + 1)
    filled = status in ("submitted", "done", "voided") and mark is not None
    row = Evaluation(
        piscine_id=piscine.id,
        day_id=day_id,
        evaluated_id=evaluated.id,
        evaluator_id=evaluator.id,
        starts_at=start,
        ends_at=start + timedelta(minutes=30),
        status=status,
        mark=mark,
        flags=flags,
        to_staff=any(f in ("cheat", "cannot_support") for f in flags.split(",")),
        feedback=FEEDBACK if filled else "",
        feedback_rating=rating,
        submitted_at=utcnow() - timedelta(hours=hours_ago) if filled else None,
        rated_at=utcnow() - timedelta(hours=hours_ago - 1) if rating is not None else None,
    )
    db.session.add(row)
    db.session.commit()
    return row


def _entries(piscine, user, weights=None):
    computed = ranking.cached_rank(piscine, weights or dict(ranking.DEFAULT_WEIGHTS))
    item = computed.item(computed.index_of(user.id))
    return item, {b["criterion"]: b for b in item["breakdown"]}


def _english(entry):
    with force_locale("en"):
        return ranking.CRITERIA[entry["criterion"]].explanation(entry)


def _same_results(piscine, *people):
    for person in people:
        give_day_score(piscine, person, "c00", 60, passed=3)


# ---------------------------------------------------------------- the registry and the weights


def test_both_criteria_are_registered_with_small_default_weights():
    assert {"peer_marks", "evaluator_contribution"} <= set(ranking.CRITERIA)
    weights = ranking.DEFAULT_WEIGHTS
    assert 0 < weights["evaluator_contribution"] <= weights["peer_marks"] <= weights["progress"]


def test_contribution_counts_each_evaluation_from_half_to_one_by_its_ratings():
    assert contribution(0, []) == 0
    assert contribution(4, []) == 3  # nothing rated yet: 0.75 each
    assert contribution(2, [4, 4]) == 2 and contribution(2, [0]) == 1
    assert contribution(2, [4, 3]) == pytest.approx(1.875)


def test_a_missing_input_is_neutral_and_ranked_among_those_who_have_one():
    nan = np.nan
    raw = np.array([[10, 90], [10, nan], [10, 30], [0, nan]], dtype=float)
    computed = ranking.rank_matrix([1, 2, 3, 4], raw, ["a", "b"], {"a": 1, "b": 1})
    # b's percentiles among the two who have an input; 1 and 3 tie on `a`
    assert list(computed.normalised[:, 1]) == [0.75, 0, 0.25, 0]
    a = computed.normalised[0, 0]
    assert computed.scores[1] == pytest.approx(100 * a)  # only `a` counts for person 2
    assert computed.scores[0] > computed.scores[1] > computed.scores[2]
    entry = computed.item(1)["breakdown"][1]
    assert entry["raw"] is None and entry["counted"] is False and entry["contribution"] == 0
    assert sum(b["contribution"] for b in computed.item(1)["breakdown"]) == pytest.approx(
        computed.item(1)["score"], abs=0.01
    )
    assert computed.scores[3] == 0  # nothing at all


# ---------------------------------------------------------------- peer marks


def test_good_marks_rank_above_poor_marks_all_else_equal(started_piscine):
    piscine, (good, poor, evaluator), _staff = started_piscine(n=3)
    _same_results(piscine, good, poor)
    evaluation(piscine, good, evaluator, mark=110, rating=3)
    evaluation(piscine, poor, evaluator, mark=35, rating=3)
    good_item, good_b = _entries(piscine, good)
    poor_item, poor_b = _entries(piscine, poor)
    assert good_b["peer_marks"]["raw"] == 110 and poor_b["peer_marks"]["raw"] == 35
    assert good_item["score"] > poor_item["score"] and good_item["rank"] < poor_item["rank"]
    # everything else is equal: the day criteria contribute the same
    for key in BASE:
        assert good_b[key]["contribution"] == poor_b[key]["contribution"]


def test_the_breakdown_explains_marks_flags_and_contribution(client, started_piscine, auth_header):
    piscine, (a, b, evaluator), staff = started_piscine(n=3)
    evaluation(piscine, a, evaluator, mark=80, flags="norm_error", rating=4)
    evaluation(piscine, a, b, mark=88, flags="ok", rating=3, day_id="c01")
    evaluation(piscine, b, evaluator, mark=70, rating=3)
    _item, entries = _entries(piscine, a)
    assert entries["peer_marks"]["detail"] == {
        "evaluations": 2,
        "mean": 84.0,
        "flags": {"norm_error": 1},
        "to_staff": 0,
        "waiting": 0,
    }
    _item, entries = _entries(piscine, evaluator)
    assert entries["evaluator_contribution"]["raw"] == pytest.approx(2 * (0.5 + 3.5 / 8))
    assert entries["evaluator_contribution"]["detail"]["done"] == 2
    assert entries["evaluator_contribution"]["detail"]["mean_rating"] == 3.5

    # the API: figures and a sentence in the request's language
    items = client.get(
        f"/api/v1/piscines/{piscine.id}/ranking",
        headers={**auth_header(staff), "Accept-Language": "en"},
    ).json["items"]
    of_a = {x["criterion"]: x for x in next(i for i in items if i["user_id"] == a.id)["breakdown"]}
    assert of_a["peer_marks"]["raw"] == 84 and of_a["peer_marks"]["detail"]["evaluations"] == 2
    assert "2 evaluation(s), mean 84" in of_a["peer_marks"]["explanation"]
    assert "flags: Norm error (1)" in of_a["peer_marks"]["explanation"]
    assert "Ok" not in of_a["peer_marks"]["explanation"]
    assert "0 evaluation(s) done" in of_a["evaluator_contribution"]["explanation"]
    of_e = {
        x["criterion"]: x
        for x in next(i for i in items if i["user_id"] == evaluator.id)["breakdown"]
    }
    assert "2 evaluation(s) done" in of_e["evaluator_contribution"]["explanation"]
    assert "3.5 / 4" in of_e["evaluator_contribution"]["explanation"]

    # the staff page, in French (the default)
    rnd = rounds.create_round(
        name="Pairs", piscine_ids=[piscine.id], weights=dict(ranking.DEFAULT_WEIGHTS), actor=staff
    )
    db.session.commit()
    login(client, staff.email)
    page = client.get(candidate_path(rnd, piscine, a)).get_data(as_text=True)
    assert "Notes des évaluations entre pairs" in page and "Contribution comme correcteur" in page
    assert "2 évaluation(s), moyenne 84" in page
    page = client.get(candidate_path(rnd, piscine, evaluator)).get_data(as_text=True)
    assert "2 évaluation(s) faite(s) comme correcteur" in page and "3,5 / 4" in page


def test_pending_voided_and_cancelled_evaluations_do_not_count(started_piscine):
    piscine, (a, b, c), _staff = started_piscine(n=3)
    evaluation(piscine, a, b, mark=100, rating=4)
    evaluation(piscine, a, c, status="submitted", mark=10, hours_ago=2)  # not final yet
    evaluation(piscine, a, c, status="voided", mark=0, flags="cheat")
    evaluation(piscine, a, c, status="booked")
    evaluation(piscine, a, c, status="cancelled")
    evaluation(piscine, a, c, status="no_show")
    _item, entries = _entries(piscine, a)
    assert entries["peer_marks"]["raw"] == 100
    detail = entries["peer_marks"]["detail"]
    assert detail["evaluations"] == 1 and detail["waiting"] == 1 and detail["flags"] == {}
    assert "1 not final yet (not counted)" in _english(entries["peer_marks"])
    # c evaluated once (the submitted one): the voided one is not a contribution
    _item, entries = _entries(piscine, c)
    assert entries["evaluator_contribution"]["detail"]["done"] == 1
    assert entries["evaluator_contribution"]["raw"] == 0.75  # submitted, not rated yet


def test_a_flag_for_staff_is_shown_and_weighs_only_through_its_zero(started_piscine):
    piscine, (cheat, empty, evaluator, other), _staff = started_piscine(n=4)
    _same_results(piscine, cheat, empty)
    evaluation(piscine, cheat, evaluator, mark=0, flags="cheat")
    evaluation(piscine, cheat, other, mark=100, day_id="c01")
    evaluation(piscine, empty, evaluator, mark=0, flags="empty_work")
    evaluation(piscine, empty, other, mark=100, day_id="c01")
    cheat_item, cheat_b = _entries(piscine, cheat)
    empty_item, empty_b = _entries(piscine, empty)
    assert cheat_b["peer_marks"]["raw"] == empty_b["peer_marks"]["raw"] == 50
    assert cheat_item["score"] == empty_item["score"]  # no penalty beyond the 0 mark
    assert cheat_b["peer_marks"]["detail"]["flags"] == {"cheat": 1}
    assert cheat_b["peer_marks"]["detail"]["to_staff"] == 1
    text = _english(cheat_b["peer_marks"])
    assert "Cheat (1)" in text and "1 sent to staff" in text


# ---------------------------------------------------------------- without any evaluation


def test_without_evaluations_both_criteria_are_neutral_and_say_so(started_piscine):
    piscine, (a, b, c), _staff = started_piscine(n=3)
    give_day_score(piscine, a, "c00", 90, passed=5)
    give_day_score(piscine, b, "c00", 40, passed=2)
    with_peers = ranking.rank_piscine(piscine, dict(ranking.DEFAULT_WEIGHTS))
    without = ranking.rank_piscine(piscine, BASE)
    assert np.allclose(with_peers.scores, without.scores)  # the same scores as before issue 13
    entries = {x["criterion"]: x for x in with_peers.item(with_peers.index_of(a.id))["breakdown"]}
    for key in ("peer_marks", "evaluator_contribution"):
        assert entries[key]["counted"] is False and entries[key]["raw"] is None
        assert "neutral" in _english(entries[key])

    # evaluations start: b has marks, a has none yet (neutral), nobody but c evaluated (a real 0)
    evaluation(piscine, b, c, mark=90, rating=4)
    item, entries = _entries(piscine, a)
    assert entries["peer_marks"]["counted"] is False
    assert "No final peer evaluation yet" in _english(entries["peer_marks"])
    assert entries["evaluator_contribution"]["counted"] is True
    assert entries["evaluator_contribution"]["raw"] == 0
    total = sum(b["weight"] for b in item["breakdown"] if b["counted"])
    assert total == sum(ranking.DEFAULT_WEIGHTS.values()) - ranking.DEFAULT_WEIGHTS["peer_marks"]
    assert item["score"] == pytest.approx(sum(b["contribution"] for b in item["breakdown"]), 0.01)


# ---------------------------------------------------------------- the cache follows evaluations


def test_the_cached_ranking_follows_evaluations_and_the_finality_clock(
    started_piscine, monkeypatch
):
    piscine, (a, b, c), _staff = started_piscine(n=3)
    evaluation(piscine, b, c, mark=60)
    pending = evaluation(piscine, a, c, status="submitted", mark=100, hours_ago=1)
    assert _entries(piscine, a)[1]["peer_marks"]["counted"] is False
    # 24 hours after submission the mark is final, with no write to the evaluation
    later = utcnow() + timedelta(hours=24)
    monkeypatch.setattr(peer_criteria, "utcnow", lambda: later)
    assert _entries(piscine, a)[1]["peer_marks"]["raw"] == 100
    # the evaluated person rates the feedback: the evaluator's contribution follows
    assert _entries(piscine, c)[1]["evaluator_contribution"]["raw"] == 1.5
    pending.status, pending.feedback_rating, pending.rated_at = "done", 0, utcnow()
    db.session.commit()
    assert _entries(piscine, c)[1]["evaluator_contribution"]["raw"] == pytest.approx(2 * 0.5)
    # staff void it: the mark no longer counts
    pending.status = "voided"
    db.session.commit()
    assert _entries(piscine, a)[1]["peer_marks"]["counted"] is False
    # re-opened and filled again with another mark
    pending.status, pending.mark = "done", 40
    db.session.commit()
    assert _entries(piscine, a)[1]["peer_marks"]["raw"] == 40


# ---------------------------------------------------------------- blind mode and the candidate


def test_blind_mode_shows_figures_but_no_name(client, started_piscine):
    piscine, (person, evaluator, other), staff = started_piscine(n=3)
    evaluator.first_name, evaluator.last_name = "Éloïse", "Correctrice"
    person.first_name, person.last_name = "Basile", "Évalué"
    db.session.commit()
    evaluation(piscine, person, evaluator, mark=75, flags="norm_error", rating=2)
    evaluation(piscine, evaluator, person, mark=95, rating=4)
    rnd = rounds.create_round(
        name="Aveugle",
        piscine_ids=[piscine.id],
        weights=dict(ranking.DEFAULT_WEIGHTS),
        blind=True,
        actor=staff,
    )
    db.session.commit()
    login(client, staff.email)
    code = ranking.pseudonym(person.id, rnd.id)
    pages = [
        client.get(candidate_path(rnd, piscine, person)),
        client.get(f"/staff/selection/rounds/{rnd.id}"),
        client.get(f"/staff/selection/rounds/{rnd.id}/piscines/{piscine.id}/export.csv"),
    ]
    for r in pages:
        text = r.get_data(as_text=True)
        assert r.status_code == 200 and code in text
        for secret in ("Basile", "Évalué", "Éloïse", "Correctrice", person.email, evaluator.email):
            assert secret not in text, secret
        assert FEEDBACK not in text and "ft_putchar" not in text
    assert "1 évaluation(s), moyenne 75" in pages[0].get_data(as_text=True)
    assert "Erreur de norme (1)" in pages[0].get_data(as_text=True)


def test_the_candidate_sees_the_explained_criteria_after_the_decision(
    client, started_piscine, auth_header
):
    piscine, (person, evaluator, _other), staff = started_piscine(n=3)
    evaluation(piscine, person, evaluator, mark=90, rating=4)
    decided = decisions.decide(
        piscine=piscine, user_id=person.id, decision="admit", reason="Très bon", actor=staff
    )
    notices.notify(decided)
    db.session.commit()
    login(client, person.email)
    page = client.get("/me/selection").get_data(as_text=True)
    assert "Notes des évaluations entre pairs" in page and "1 évaluation(s), moyenne 90" in page
    assert "0 évaluation(s) faite(s) comme correcteur" in page
    view = client.get("/api/v1/me/selection", headers=auth_header(person)).json["items"][0]
    marks = next(b for b in view["breakdown"] if b["criterion"] == "peer_marks")
    assert marks["raw"] == 90 and marks["detail"]["evaluations"] == 1
