"""The analytics service on the known dataset (tests/analytics/dataset.py)."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import insert

from school101.core.errors import Forbidden
from school101.extensions import db
from school101.models import Application, Campaign, Profile, User, UserRole
from school101.services.analytics import report
from school101.services.analytics.report import MASKED, SMALL, suppress


def _funnel(rep):
    return {s["key"]: s["count"] for s in rep.funnel}


def _breakdown(rep, dim):
    return {
        r["key"]: {k: c.display for k, c in r["cells"].items()}
        for b in rep.breakdowns
        if b["key"] == dim
        for r in b["rows"]
    }


def test_funnel_numbers(dataset):
    rep = report.report(dataset.campaign, actor=dataset.staff)
    assert _funnel(rep) == {
        "registered": 19,
        "consented": 18,
        "applied": 17,
        "games_done": 14,
        "invited": 10,
        "booked": 10,
        "admitted": 5,
    }
    assert rep.funnel[-1]["percent_of_registered"] == round(100 * 5 / 19, 1)
    assert rep.weeks == [
        {"week": "2026-01-05", "count": 8},
        {"week": "2026-01-12", "count": 8},
        {"week": "2026-01-19", "count": 0},
        {"week": "2026-01-26", "count": 0},
        {"week": "2026-02-02", "count": 3},
    ]
    assert not rep.empty


def test_breakdowns_hide_small_groups_and_their_complement(dataset):
    rep = report.report(dataset.campaign, actor=dataset.staff)
    situation = _breakdown(rep, "situation")
    # applied: student 8, job seeker 6, employed 3 -> employed hidden, and the next smallest masked
    assert situation["employed"]["applied"] == SMALL
    assert situation["job_seeker"]["applied"] == MASKED
    assert situation["student"]["applied"] == "8"
    # booked: student 8, job seeker 2 -> both hidden
    assert situation["job_seeker"]["booked"] == SMALL
    assert situation["student"]["booked"] == MASKED
    assert situation["student"]["admitted"] == "5"
    age = _breakdown(rep, "age")
    assert set(age) == {"18-20", "21-25", "26-30", "31+"}
    assert age["21-25"]["registered"] == "8" and age["18-20"]["applied"] == SMALL
    department = _breakdown(rep, "department")
    assert set(department) == {"69", "38", "2A"}
    assert department["69"]["registered"] == "10"
    gender = _breakdown(rep, "gender")
    assert gender["female"]["admitted"] == "5" and gender["non_binary"]["registered"] == SMALL
    # No hidden count can be derived: in every row and step, hidden cells are 0 or at least 2.
    for b in rep.breakdowns:
        for step in report.STEPS:
            hidden = [r for r in b["rows"] if r["cells"][step].hidden]
            assert len(hidden) != 1, (b["key"], step)
    # Exact small counts never leave the service.
    data = report.report_json(rep)
    for b in data["breakdowns"]:
        for g in b["groups"]:
            for v in g["counts"].values():
                assert v in ("<5", "masked") or v == 0 or v >= 5


@pytest.mark.parametrize(
    "cells, expected",
    [
        ({"a": 10, "b": 7, "c": 3}, {"a": "10", "b": MASKED, "c": SMALL}),
        ({"a": 10, "b": 2, "c": 3}, {"a": "10", "b": SMALL, "c": SMALL}),
        ({"a": 10, "b": 7}, {"a": "10", "b": "7"}),
        ({"a": 4}, {"a": SMALL}),
        (
            {"a": 10, "b": 1, "c": 1},
            {"a": MASKED, "b": SMALL, "c": SMALL},
        ),  # 1 + 1 = 2 would pin both
        ({"a": 10, "b": 4, "c": 4}, {"a": MASKED, "b": SMALL, "c": SMALL}),  # 4 + 4 = 8 too
        (
            {"a": 10, "b": 5, "c": 1},
            {"a": MASKED, "b": MASKED, "c": SMALL},
        ),  # 1 + 5 = 6 is the least
        ({"a": 10, "b": 6, "c": 1, "d": 0}, {"a": "10", "b": MASKED, "c": SMALL, "d": "0"}),
        ({"a": 5}, {"a": "5"}),
    ],
)
def test_suppress(cells, expected):
    assert {k: c.display for k, c in suppress(cells).items()} == expected


def test_pass_rates_attendance_and_exam_levels(dataset):
    rep = report.report(dataset.campaign, actor=dataset.staff)
    (piscine,) = rep.piscines
    assert piscine["seated"] == 10
    assert [(d["day_id"], d["attended"], d["rate"]) for d in piscine["days"]] == [
        ("t00", 9, 90.0),
        ("t01", 6, 60.0),
        ("exam00", 8, 80.0),
    ]
    t00, t01 = piscine["passes"]
    # official deadline gradings (the newest per candidate counts)
    assert (t00["day_id"], t00["graded"], t00["passed"]) == ("t00", 9, 4)
    assert [(e["exercise"], e["passed"], e["rate"]) for e in t00["exercises"]] == [
        ("t00/ex00", 7, 77.8),
        ("t00/ex01", 4, 44.4),
    ]
    # immediate feedback, no official grading: the latest verdicts
    assert (t01["day_id"], t01["graded"], t01["passed"]) == ("t01", 6, 2)
    assert [(e["exercise"], e["passed"]) for e in t01["exercises"]] == [
        ("t01/ex00", 5),
        ("t01/ex01", 2),
    ]
    (exam,) = piscine["exams"]
    assert exam["sat"] == 8
    assert [(lv["level"], lv["count"]) for lv in exam["levels"]] == [(0, 2), (1, 3), (2, 3)]


def test_report_is_for_staff_only(dataset):
    with pytest.raises(Forbidden):
        report.report(dataset.campaign, actor=dataset.a[0])
    with pytest.raises(Forbidden):
        report.report(dataset.campaign, actor=None)


def test_empty_campaign(app, make_user, make_campaign):
    staff = make_user(roles=("staff",))
    campaign = make_campaign(open=True)
    rep = report.report(campaign, actor=staff)
    assert rep.empty and rep.piscines == [] and rep.weeks == []
    assert "funnel,registered,,count,0" in report.report_csv(rep)


def test_csv_has_every_table_and_no_small_exact_counts(dataset):
    text = report.report_csv(report.report(dataset.campaign, actor=dataset.staff))
    lines = text.splitlines()
    assert lines[0] == "section,item,group,measure,value"
    assert "funnel,admitted,,count,5" in lines
    assert "breakdown_situation,applied,employed,count,< 5" in lines
    assert "breakdown_situation,applied,job_seeker,count,masked" in lines
    assert "piscine 1,t00/ex00,,passed,7" in lines
    assert "piscine 1,exam00,level 2,count,3" in lines


def test_fast_for_2500_applicants(app, make_user):
    """Aggregate SQL: the whole report of a 2,500-applicant campaign takes well under 2 s."""
    staff = make_user(roles=("staff",))
    opens = datetime(2026, 1, 5, 8, tzinfo=UTC)
    campaign = Campaign(
        name="Grosse campagne",
        opens_at=opens,
        closes_at=opens + timedelta(days=90),
        age_reference_date=date(2026, 4, 5),
    )
    db.session.add(campaign)
    db.session.flush()
    n = 2500
    first = (db.session.scalar(db.select(db.func.max(User.id))) or 0) + 1
    situations = ("student", "job_seeker", "employed", "retraining", "self_employed", "other")
    db.session.execute(
        insert(User),
        [
            {
                "id": first + i,
                "email": f"bulk{i}@example.org",
                "first_name": "X",
                "last_name": "Y",
                "birth_date": date(1990 + i % 15, 1 + i % 12, 1 + i % 28),
                "created_at": opens + timedelta(hours=i % 2000),
                "locale": "fr",
                "active": True,
                "session_version": 0,
            }
            for i in range(n)
        ],
    )
    db.session.execute(
        insert(UserRole), [{"user_id": first + i, "role": "candidate"} for i in range(n)]
    )
    db.session.execute(
        insert(Profile),
        [
            {
                "user_id": first + i,
                "postcode": f"{1 + i % 95:02d}{i % 1000:03d}",
                "situation": situations[i % 6],
                "gender": ("female", "male", "non_binary")[i % 3],
                "city": "",
                "heard_from": "",
                "phone": "",
                "updated_at": opens,
            }
            for i in range(n)
        ],
    )
    db.session.execute(
        insert(Application),
        [
            {
                "user_id": first + i,
                "campaign_id": campaign.id,
                "status": "applied",
                "motivation": "",
                "created_at": opens,
                "updated_at": opens,
                "games_completed_at": opens if i % 2 else None,
            }
            for i in range(n)
        ],
    )
    db.session.commit()
    started = time.perf_counter()
    rep = report.report(campaign, actor=staff)
    elapsed = time.perf_counter() - started
    assert _funnel(rep)["applied"] == n and _funnel(rep)["games_done"] == n // 2
    assert elapsed < 2.0, f"report took {elapsed:.2f} s"
    print(f"analytics report for {n} applicants: {elapsed * 1000:.0f} ms")
