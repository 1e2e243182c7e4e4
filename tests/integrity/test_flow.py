"""Plagiarism detection through the app: the incremental check after grading, the staff
report and decision (audited), the API twin, the scan command, the ranking flag."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from school101.core import signals
from school101.extensions import db
from school101.models import AuditLog, GradingRun, IntegrityPair
from school101.services.grading.runs import create_submission
from school101.services.integrity import pairs as integrity
from tests.fixtures.people import bearer, client_for
from tests.integrity.transforms import combined

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXERCISE = "c02/ex12"
ORIGINAL = (FIXTURES / "c02_ex12" / "a.c").read_text()
INDEPENDENT = (FIXTURES / "c02_ex12" / "b.c").read_text()


def graded(piscine, user, source: str, *, team=None):
    """A submission of ft_print_memory.c, graded (the worker's signal, without Docker)."""
    sub = create_submission(
        user=user, exercise=EXERCISE, files={"ft_print_memory.c": source.encode()}, source="api"
    )
    sub.piscine_id, sub.day_id = piscine.id, "c02"
    sub.team_id = team.id if team is not None else None
    run = GradingRun(submission=sub, status="graded", reason="submission", passed=True)
    db.session.add(run)
    db.session.commit()
    signals.grading_run_finished.send(run)
    return sub


@pytest.fixture
def cohort(make_piscine, invited):
    """Three candidates: the second copied the first (disguised), the third wrote her own."""
    piscine = make_piscine(capacity=10)
    first, copier, honest = invited(piscine, n=3)
    graded(piscine, first, ORIGINAL)
    graded(piscine, copier, combined(ORIGINAL, random.Random(3)))
    graded(piscine, honest, INDEPENDENT)
    return piscine, first, copier, honest


def pairs_of(piscine):
    return list(
        db.session.scalars(
            db.select(IntegrityPair).where(
                IntegrityPair.piscine_id == piscine.id, IntegrityPair.score >= 0.7
            )
        )
    )


def test_a_disguised_copy_is_paired_and_independent_code_is_not(cohort):
    piscine, first, copier, honest = cohort
    found = pairs_of(piscine)
    assert [{p.user_a_id, p.user_b_id} for p in found] == [{first.id, copier.id}]
    assert found[0].status == "open" and found[0].tokens >= 40


def test_a_new_submission_replaces_the_old_one_in_the_comparison(cohort):
    piscine, first, copier, honest = cohort
    graded(piscine, copier, INDEPENDENT.replace("left", "rest"))  # now a copy of the third
    found = pairs_of(piscine)
    assert [{p.user_a_id, p.user_b_id} for p in found] == [{copier.id, honest.id}]


def test_staff_open_the_report_and_decide_a_pair(app, cohort, staff, staff_client):
    piscine, first, copier, honest = cohort
    page = staff_client.get(f"/staff/piscines/{piscine.id}/integrity?day=c02")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert EXERCISE in html and "Plagia" in html
    (pair,) = pairs_of(piscine)
    shown = staff_client.get(f"/staff/integrity/pairs/{pair.id}").get_data(as_text=True)
    assert "<mark>" in shown and "[1]" in shown  # regions numbered, not colour only

    refused = staff_client.post(
        f"/staff/integrity/pairs/{pair.id}/decision", data={"status": "confirmed", "reason": " "}
    )
    assert refused.status_code == 422
    db.session.refresh(pair)
    assert pair.status == "open"

    done = staff_client.post(
        f"/staff/integrity/pairs/{pair.id}/decision",
        data={"status": "confirmed", "reason": "Same helper layout, same odd constants."},
    )
    assert done.status_code == 303
    db.session.refresh(pair)
    assert pair.status == "confirmed"
    row = db.session.scalar(db.select(AuditLog).where(AuditLog.action == "integrity.pair_decided"))
    assert row.actor_id == staff.id and "odd constants" in row.reason

    # the candidate's staff page shows the confirmed case; the candidates see nothing
    assert integrity.confirmed_cases(copier.id, piscine.id) == [pair]
    assert integrity.confirmed_cases(honest.id, piscine.id) == []
    candidate = client_for(app, copier)
    assert candidate.get(f"/staff/piscines/{piscine.id}/integrity").status_code == 403
    assert candidate.get(f"/staff/integrity/pairs/{pair.id}").status_code == 403


def test_bad_filters_are_refused_with_field_messages(cohort, staff_client):
    piscine = cohort[0]
    page = staff_client.get(f"/staff/piscines/{piscine.id}/integrity?threshold=2&min_tokens=x")
    assert page.status_code == 422
    assert 'id="threshold-error"' in page.get_data(as_text=True)


def test_api_twin_lists_and_decides(app, cohort, staff):
    piscine, first, copier, honest = cohort
    headers = bearer(app, staff)
    client = app.test_client()
    listed = client.get(f"/api/v1/staff/piscines/{piscine.id}/integrity/pairs", headers=headers)
    assert listed.status_code == 200 and listed.json["total"] == 1
    pair_id = listed.json["items"][0]["id"]
    bad = client.post(
        f"/api/v1/staff/integrity/pairs/{pair_id}/decision",
        json={"status": "guilty", "reason": ""},
        headers=headers,
    )
    assert bad.status_code == 422 and "status" in bad.json["error"]["fields"]
    ok = client.post(
        f"/api/v1/staff/integrity/pairs/{pair_id}/decision",
        json={"status": "cleared", "reason": "They pair-programmed with permission."},
        headers=headers,
    )
    assert ok.status_code == 200 and ok.json["status"] == "cleared" and ok.json["regions"]
    denied = client.get(
        f"/api/v1/staff/piscines/{piscine.id}/integrity/pairs", headers=bearer(app, copier)
    )
    assert denied.status_code == 403


def test_scan_command_rebuilds_the_pairs(app, cohort):
    piscine, first, copier, honest = cohort
    db.session.execute(db.delete(IntegrityPair))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["integrity", "scan", "--piscine", str(piscine.id)])
    assert result.exit_code == 0, result.output
    assert "3 documents" in result.output
    assert [{p.user_a_id, p.user_b_id} for p in pairs_of(piscine)] == [{first.id, copier.id}]
    missing = app.test_cli_runner().invoke(args=["integrity", "scan", "--piscine", "999999"])
    assert missing.exit_code != 0


def test_confirmed_case_shows_on_the_candidate_page_and_in_the_ranking(app, cohort, staff):
    from school101.services.selection.ranking import DEFAULT_WEIGHTS, cached_rank

    piscine, first, copier, honest = cohort
    from school101.models import Booking

    for user in (first, copier, honest):
        db.session.add(Booking(piscine_id=piscine.id, user_id=user.id, status="booked"))
    db.session.commit()
    (pair,) = pairs_of(piscine)
    flags = {
        i["user_id"]: i["integrity_confirmed"]
        for i in cached_rank(piscine, dict(DEFAULT_WEIGHTS)).items()
    }
    assert flags == {first.id: 0, copier.id: 0, honest.id: 0}  # open: nothing shown yet
    integrity.decide(pair.id, "confirmed", "Copied helper functions.", actor=staff)
    db.session.commit()
    flags = {
        i["user_id"]: i["integrity_confirmed"]
        for i in cached_rank(piscine, dict(DEFAULT_WEIGHTS)).items()
    }
    assert flags == {first.id: 1, copier.id: 1, honest.id: 0}
    page = client_for(app, staff).get(f"/staff/piscines/{piscine.id}/candidates/{copier.id}")
    assert page.status_code == 200 and "Copied helper functions." in page.get_data(as_text=True)


def test_three_candidates_sharing_code_make_a_cluster(cohort, invited, staff, staff_client):
    piscine, first, copier, honest = cohort
    (third,) = invited(piscine)
    graded(piscine, third, combined(ORIGINAL, random.Random(9)))
    filters = integrity.parse_filters(day="c02")
    (cluster,) = integrity.clusters(piscine.id, filters, actor=staff)
    assert cluster["owners"] == sorted(f"u{u.id}" for u in (first, copier, third))
    html = staff_client.get(f"/staff/piscines/{piscine.id}/integrity").get_data(as_text=True)
    assert f"{EXERCISE} (3)" in html


def test_earlier_piscines_are_compared_when_staff_ask(app, make_piscine, invited):
    from datetime import date, timedelta

    earlier = make_piscine(capacity=10, starts_on=date.today() - timedelta(days=200))
    (veteran,) = invited(earlier)
    graded(earlier, veteran, ORIGINAL)
    piscine = make_piscine(capacity=10)
    (newcomer,) = invited(piscine)
    graded(piscine, newcomer, combined(ORIGINAL, random.Random(4)))
    assert pairs_of(piscine) == []  # the incremental check stays within the piscine
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["integrity", "scan", "--piscine", str(piscine.id), "--with-earlier"]
    )
    assert result.exit_code == 0, result.output
    (pair,) = pairs_of(piscine)
    assert pair.earlier and (pair.user_a_id, pair.user_b_id) == (newcomer.id, veteran.id)


def test_rush_teams_are_compared_across_teams_and_members_carry_the_case(
    make_piscine, invited, staff
):
    from school101.models import RushTeam, RushTeamMember

    piscine = make_piscine(capacity=10)
    people = invited(piscine, n=4)
    teams = []
    for number, members in enumerate((people[:2], people[2:]), start=1):
        team = RushTeam(piscine_id=piscine.id, day_id="c02", number=number)
        db.session.add(team)
        db.session.flush()
        for user in members:
            db.session.add(
                RushTeamMember(
                    team_id=team.id, piscine_id=piscine.id, day_id="c02", user_id=user.id
                )
            )
        teams.append(team)
    db.session.commit()
    graded(piscine, people[0], ORIGINAL, team=teams[0])
    graded(piscine, people[1], ORIGINAL.replace("hex_out", "put_hex"), team=teams[0])  # same team
    graded(piscine, people[2], combined(ORIGINAL, random.Random(6)), team=teams[1])
    (pair,) = pairs_of(piscine)
    assert {pair.team_a_id, pair.team_b_id} == {teams[0].id, teams[1].id}
    integrity.decide(
        pair.id, "confirmed", "The second team took the first team's code.", actor=staff
    )
    db.session.commit()
    assert [c.id for c in integrity.confirmed_cases(people[3].id, piscine.id)] == [pair.id]
