"""The ranking follows its inputs (cache), batches immediate results, counts only exercise days,
weights every registered criterion, audits its export, hides people in blind mode, refuses unknown
rounds."""

import csv
import hashlib
import io
import json
from datetime import date, timedelta

import pytest
from flask_babel import lazy_gettext as _l

from school101.extensions import db
from school101.models import (
    AuditLog,
    DayGrading,
    ExamAttempt,
    GradingRun,
    SelectionRound,
    Submission,
)
from school101.models._base import utcnow
from school101.services.grading.results import day_result
from school101.services.selection import blind, decisions, ranking, rounds
from tests.conftest import login
from tests.factories import exam_entry
from tests.selection.conftest import candidate_path, give_day_score

WEIGHTS = {"day_scores": 40.0, "exam_scores": 30.0, "progress": 15.0, "regularity": 15.0}


def _score(piscine, user):
    computed = ranking.cached_rank(piscine, WEIGHTS)
    return computed.item(computed.index_of(user.id))["score"]


def _submission(piscine, user, exercise, day_id=None):
    sub = Submission(
        user_id=user.id,
        exercise=exercise,
        piscine_id=piscine.id,
        day_id=day_id or exercise.split("/")[0],
        archive=b"x",
        sha256="0" * 64,
        size=1,
        file_count=1,
    )
    db.session.add(sub)
    db.session.flush()
    return sub


def _run(sub, status="graded", passed=True, with_column=True):
    run = GradingRun(
        submission_id=sub.id,
        status=status,
        reason="submission",
        passed=passed if with_column and status in ("graded", "failed") else None,
        verdict=json.dumps({"passed": passed, "status": "ok" if passed else "wrong_output"})
        if status in ("graded", "failed")
        else "",
        finished_at=utcnow(),
    )
    db.session.add(run)
    db.session.flush()
    return run


# ---------------------------------------------------------------- 1. the cache follows the inputs


def test_grading_a_queued_day_changes_the_cached_ranking(started_piscine):
    piscine, (a, b, _c), _staff = started_piscine()
    give_day_score(piscine, b, "c00", 50, passed=4)
    row = DayGrading(
        piscine_id=piscine.id,
        user_id=a.id,
        day_id="c00",
        status="queued",
        score=90,
        max_score=100,
        verdict=json.dumps({"exercises": [{"passed": True}] * 8}),
    )
    db.session.add(row)
    db.session.commit()
    assert _score(piscine, a) == 0
    row.status = "graded"  # the worker's verdict: a status change only, no new row
    db.session.commit()
    assert _score(piscine, a) > _score(piscine, b) > 0


def test_rerun_in_place_and_exam_verdict_change_the_cached_ranking(started_piscine):
    piscine, (a, b, _c), _staff = started_piscine()
    give_day_score(piscine, a, "c00", 50, passed=4)
    give_day_score(piscine, b, "c00", 60, passed=4)
    before = _score(piscine, a)
    row = DayGrading.query.filter_by(user_id=a.id).one()
    row.score, row.finished_at = 70, utcnow()  # a re-run recorded on the same row
    db.session.commit()
    assert _score(piscine, a) > before
    exam = exam_entry(piscine, opens_at=utcnow(), closes_at=utcnow() + timedelta(hours=4))
    attempt = ExamAttempt(
        exam_id=exam.id,
        piscine_id=piscine.id,
        user_id=b.id,
        pool="exam00",
        seed=1,
        duration_minutes=240,
        ends_at=utcnow() + timedelta(hours=4),
        levels_total=4,
        points=0,
    )
    db.session.add(attempt)
    db.session.commit()
    before_b = _score(piscine, b)
    attempt.points, attempt.level = 25, 1  # an exam verdict arrives
    db.session.commit()
    assert _score(piscine, b) > before_b


def test_candidate_page_shows_the_new_score_after_grading(client, started_piscine):
    piscine, (a, b, _c), staff = started_piscine()
    give_day_score(piscine, b, "c00", 50, passed=4)
    row = DayGrading(
        piscine_id=piscine.id,
        user_id=a.id,
        day_id="c00",
        status="queued",
        score=90,
        max_score=100,
        verdict=json.dumps({"exercises": [{"passed": True}] * 8}),
    )
    db.session.add(row)
    rnd = rounds.create_round(
        name="R", piscine_ids=[piscine.id], weights=WEIGHTS, blind=False, actor=staff
    )
    db.session.commit()
    login(client, staff.email)
    url = f"/staff/selection/rounds/{rnd.id}/piscines/{piscine.id}/candidates/{a.id}"
    first = client.get(url).get_data(as_text=True)
    row.status = "graded"
    db.session.commit()
    second = client.get(url).get_data(as_text=True)
    assert first != second and "<td>90.0</td>" in second and "<td>90.0</td>" not in first


# ---------------------------------------------------------------- 2. immediate piscines, batched


@pytest.fixture
def immediate_piscine(started_piscine):
    piscine, users, staff = started_piscine(n=6)
    piscine.feedback = "immediate"
    db.session.commit()
    return piscine, users, staff


def test_immediate_scores_are_those_of_day_result(immediate_piscine):
    piscine, (a, b, c, d, e, f), _staff = immediate_piscine
    for name in ("ex00", "ex01", "ex02"):  # a: three passed in a row
        _run(_submission(piscine, a, f"c00/{name}"))
    _run(
        _submission(piscine, b, "c00/ex00")
    )  # b: ex01 failed, ex02 passed (counted in passed, not in score)
    _run(_submission(piscine, b, "c00/ex01"), passed=False)
    _run(_submission(piscine, b, "c00/ex02"))
    old = _submission(piscine, c, "c00/ex00")  # c: newest submission still queued, older one passed
    _run(old)
    _run(_submission(piscine, c, "c00/ex00"), status="queued")
    _run(
        _submission(piscine, d, "c00/ex00"), with_column=False
    )  # d: verdict only (no `passed` column)
    _run(_submission(piscine, d, "c01/ex00"), status="failed", passed=False)
    _submission(piscine, e, "c00/ex00")  # e: submitted, never graded
    _run(
        _submission(piscine, f, "c00/ex00")
    )  # f: a day grading exists (queued): no immediate score
    db.session.add(DayGrading(piscine_id=piscine.id, user_id=f.id, day_id="c00", status="queued"))
    _run(_submission(piscine, a, "c00/ex00", day_id="exam00"))  # exam pool: not an exercise day
    db.session.commit()
    users = [a, b, c, d, e, f]
    expected = {}
    for day in (x for x in piscine.days if x.kind == "day"):
        for u in users:
            result = day_result(piscine, u.id, day)
            if result.score is not None:
                expected[(u.id, day.day_id)] = (
                    result.score,
                    result.max_score,
                    sum(1 for x in result.exercises if x["passed"]),
                )
    got = ranking._compute_official_scores(piscine, [u.id for u in users])
    assert got == expected
    assert got[(a.id, "c00")][0] > 0 and got[(b.id, "c00")][2] == 2 and (f.id, "c00") not in got
    assert got[(e.id, "c00")][0] == 0


def test_one_ranking_reads_official_scores_once(immediate_piscine, monkeypatch):
    piscine, (a, *_), _staff = immediate_piscine
    _run(_submission(piscine, a, "c00/ex00"))
    db.session.commit()
    calls = []
    real = ranking._compute_official_scores
    monkeypatch.setattr(
        ranking, "_compute_official_scores", lambda p, ids: calls.append(1) or real(p, ids)
    )
    ranking.rank_piscine(piscine, WEIGHTS)
    assert len(calls) == 1


def test_a_bulk_decision_ranks_once(started_piscine, monkeypatch):
    piscine, users, staff = started_piscine(n=5)
    give_day_score(piscine, users[0], "c00", 50)
    calls = []
    real = ranking.rank_piscine
    monkeypatch.setattr(ranking, "rank_piscine", lambda p, w=None: calls.append(1) or real(p, w))
    ranking._CACHE.clear()
    rows = decisions.decide_bulk(
        piscine=piscine,
        user_ids=[u.id for u in users],
        decision="reject",
        reason="Pas assez de rendus",
        actor=staff,
    )
    assert len(rows) == 5 and len(calls) == 1
    assert all(json.loads(r.breakdown)["breakdown"] for r in rows)


# ---------------------------------------------------------------- 3. regularity: exercise days only


def test_regularity_does_not_count_the_exam(started_piscine):
    piscine, (a, b, _c), _staff = started_piscine()
    exam_entry(piscine, opens_at=utcnow(), closes_at=utcnow() + timedelta(hours=4))
    _submission(piscine, a, "c00/ex00")
    _submission(
        piscine, a, "exam00/level0/fizzbuzz", day_id="exam00"
    )  # what services/exams.py records
    _submission(piscine, b, "c00/ex00")
    _submission(piscine, b, "c01/ex00")
    db.session.commit()
    assert ranking._regularity(piscine, [a.id, b.id]) == {a.id: 1.0, b.id: 2.0}


# ---------------------------------------------------------------- 4. criteria added later


@pytest.fixture
def extra_criterion():
    @ranking.criterion("peer_reviews", _l("Peer reviews"), _l("Reviews given to other candidates."))
    def _peer(piscine, user_ids):
        return dict.fromkeys(user_ids, 1.0)

    yield "peer_reviews"
    del ranking.CRITERIA["peer_reviews"]


def test_a_registered_criterion_is_weighted_on_the_pages(client, started_piscine, extra_criterion):
    piscine, _users, staff = started_piscine()
    login(client, staff.email)
    form = client.get("/staff/selection").get_data(as_text=True)
    assert "Peer reviews" in form and 'name="peer_reviews"' in form
    r = client.post(
        "/staff/selection",
        data={
            "name": "Avec pairs",
            "piscine_ids": [piscine.id],
            "day_scores": 40,
            "exam_scores": 30,
            "progress": 15,
            "regularity": 5,
            "peer_reviews": 10,
            "confirm_days": 7,
        },
    )
    assert r.status_code == 302
    rnd = SelectionRound.query.one()
    assert json.loads(rnd.weights)["peer_reviews"] == 10
    page = client.get(f"/staff/selection/rounds/{rnd.id}").get_data(as_text=True)
    assert 'name="peer_reviews"' in page and 'value="10"' in page
    # saving the weights form again keeps every weight, the new criterion's included
    client.post(
        f"/staff/selection/rounds/{rnd.id}/weights",
        data={
            "day_scores": 50,
            "exam_scores": 30,
            "progress": 15,
            "regularity": 5,
            "peer_reviews": 10,
        },
    )
    db.session.refresh(rnd)
    assert json.loads(rnd.weights) == {
        "day_scores": 50,
        "exam_scores": 30,
        "progress": 15,
        "regularity": 5,
        "peer_reviews": 10,
        "peer_marks": 0,  # registered by issue 13, left empty: 0, still stored
        "evaluator_contribution": 0,
    }
    client.post(
        f"/staff/selection/rounds/{rnd.id}/weights", data={"day_scores": 50, "peer_reviews": 10}
    )
    db.session.refresh(rnd)
    assert set(json.loads(rnd.weights)) == set(ranking.CRITERIA)  # an empty field is 0, not dropped
    assert {
        b["criterion"]
        for b in ranking.rank_piscine(piscine, json.loads(rnd.weights)).item(0)["breakdown"]
    } >= {"peer_reviews", "day_scores"}


# ---------------------------------------------------------------- 5. the export is audited


def test_ranking_export_is_audited(client, started_piscine):
    piscine, _users, staff = started_piscine(n=3)
    rnd = rounds.create_round(name="R", piscine_ids=[piscine.id], weights=WEIGHTS, actor=staff)
    db.session.commit()
    login(client, staff.email)
    r = client.get(f"/staff/selection/rounds/{rnd.id}/piscines/{piscine.id}/export.csv")
    assert r.status_code == 200
    row = AuditLog.query.filter_by(action="selection.ranking_exported").one()
    after = json.loads(row.after)
    assert row.actor_id == staff.id and row.at is not None and row.target_id == rnd.id
    assert after["round_id"] == rnd.id and after["piscine_id"] == piscine.id and after["rows"] == 3


# ---------------------------------------------------------------- 6. blind mode


def test_pseudonyms_are_distinct_in_a_round_even_when_prefixes_collide(app, monkeypatch):
    monkeypatch.setattr(ranking, "PSEUDONYM_MIN_HEX", 1)  # 16 codes for 400 people: many collisions
    monkeypatch.setattr(ranking, "round_people", lambda round_id: list(range(1, 401)))
    codes = ranking.pseudonyms(7)
    assert len(set(codes.values())) == 400
    monkeypatch.undo()
    monkeypatch.setattr(ranking, "round_people", lambda round_id: list(range(1, 401)))
    codes = ranking.pseudonyms(7)
    assert len(set(codes.values())) == 400 and all(len(c) >= 8 for c in codes.values())
    assert ranking.pseudonym(5, 7) == codes[5]  # stable
    # keyed by the app's secret: not the public hash of the round and the id
    assert codes[5][2:6] != hashlib.sha256(b"round-7:5").hexdigest()[:4].upper()


def _blind_round(started_piscine):
    piscine, users, staff = started_piscine(n=3)
    person = users[0]
    person.birth_date = date(1999, 3, 14)
    person.profile.gender = "non_binary"
    person.profile.postcode = "38217"
    person.profile.city = "Vienne-sur-Rhône"
    give_day_score(piscine, person, "c00", 80, passed=6)
    rnd = rounds.create_round(
        name="Aveugle", piscine_ids=[piscine.id], weights=WEIGHTS, blind=True, actor=staff
    )
    db.session.commit()
    return piscine, person, staff, rnd


def _identity(person):
    age = date.today().year - 1999 - ((date.today().month, date.today().day) < (3, 14))
    return [
        person.first_name + " " + person.last_name,
        person.last_name,
        person.email,
        "1999-03-14",
        "14/03/1999",
        "14 mars 1999",
        "1999",
        f"{age} ans",
        f"{age} years",
        "non_binary",
        "Non binaire",
        "non binaire",
        "38217",
        "Vienne-sur-Rhône",
    ]


def test_blind_candidate_page_and_csv_hide_identity(client, started_piscine):
    piscine, person, staff, rnd = _blind_round(started_piscine)
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
        for secret in _identity(person):
            assert secret not in text, secret
    rows = list(
        csv.reader(io.StringIO(pages[2].get_data(as_text=True).lstrip("\ufeff")), delimiter=";")
    )
    mine = next(row for row in rows if row[2] == code)
    assert mine[1] == ""  # no user id either
    # a decision does not name the person (decide, read, revise would de-anonymise in one click)
    decisions.decide(
        piscine=piscine,
        user_id=person.id,
        decision="admit",
        reason="Très bon",
        actor=staff,
        selection_round=rnd,
    )
    db.session.commit()
    export = f"/staff/selection/rounds/{rnd.id}/piscines/{piscine.id}/export.csv"
    text = client.get(export).get_data(as_text=True)
    assert person.last_name not in text and code in text
    # lifting blind mode names the person again
    blind.set_blind(rnd, False, confirm=True, reason="Jury final", actor=staff)
    db.session.commit()
    assert person.last_name in client.get(export).get_data(as_text=True)


# ---------------------------------------------------------------- 7. unknown rounds


def test_unknown_round_is_404_not_default_weights(client, started_piscine, auth_header):
    piscine, (a, *_), staff = started_piscine()
    other, _u, _s = started_piscine(n=1)
    rnd = rounds.create_round(
        name="Autre", piscine_ids=[other.id], weights={"day_scores": 1}, actor=staff
    )
    db.session.commit()
    h = auth_header(staff)
    for round_id in (9999, rnd.id, "abc"):
        r = client.get(f"/api/v1/piscines/{piscine.id}/ranking?round_id={round_id}", headers=h)
        assert r.status_code == 404 and r.json["error"]["code"] == "unknown_round", round_id
        assert (
            "round" in r.json["error"]["message"].lower()
            or "tour" in r.json["error"]["message"].lower()
        )
    assert (
        client.get(f"/api/v1/piscines/{other.id}/ranking?round_id={rnd.id}", headers=h).json[
            "round_id"
        ]
        == rnd.id
    )
    login(client, staff.email)
    r = client.get("/staff/selection/rounds/9999")
    assert r.status_code == 404 and "9999" in r.get_data(as_text=True)
    for url in (
        f"/staff/selection/rounds/{rnd.id}?piscine={piscine.id}",
        f"/staff/selection/rounds/{rnd.id}/piscines/{piscine.id}/candidates/{a.id}",
        f"/staff/selection/rounds/{rnd.id}/piscines/{piscine.id}/export.csv",
    ):
        r = client.get(url)
        assert r.status_code == 404 and "Autre" in r.get_data(as_text=True), url
