"""A known dataset for the analytics and retention tests (numbers are checked exactly).

Campaign "Campagne 2026" (open 5 Jan - 31 Mar 2026), piscine "Piscine avril" (6 Apr - 3 May,
immediate feedback) with days t00 (official deadline gradings), t01 (immediate runs) and an
exam exam00. People (all candidates unless said):
  A: 8 students, female, 69003, born 2005-01-10 (21-25), registered week of 5 Jan: applied,
     games done, invited, booked; A0-A4 admitted.
  B: 6 job seekers, male, 38000 (38), born 1990-01-01 (31+), registered week of 12 Jan:
     applied, games done; B0-B1 invited and booked; B0-B1 agreed to be kept two years.
  C: 3 employed, non-binary, 20090 (2A), born 2007-01-01 (18-20), registered week of 2 Feb:
     applied only.
  D: 2 retraining, female, 69003, registered week of 12 Jan: no application; D1 gave no consent.
  staff: one staff account (never counted, never anonymised).
Funnel: registered 19, consented 18, applied 17, games 14, invited 10, booked 10, admitted 5.
Piscine: seated 10; t00: 9 attended, 9 graded, 4 passed the day, ex00 7 passed, ex01 4 passed;
t01: 6 attended and graded, 2 passed the day, ex00 5 passed, ex01 2 passed;
exam00: 8 sat, level 0: 2, level 1: 3, level 2: 3.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

from school101.extensions import db
from school101.models import (
    Application,
    Booking,
    Campaign,
    Consent,
    DayGrading,
    Decision,
    GradingRun,
    Invitation,
    Piscine,
    PiscineDay,
    Submission,
)
from tests.factories import make_user

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)  # > 3 months after the piscine ended, < 2 years


def _person(group, i, *, situation, gender, postcode, birth, registered, consent=True):
    user = make_user(
        f"{group.lower()}{i}@example.org",
        first_name=f"{group}{i}",
        situation=situation,
        postcode=postcode,
        birth_date=birth,
        consent=consent,
        commit=False,
    )
    user.created_at = registered
    db.session.flush()
    from school101.models import Profile

    profile = db.session.get(Profile, user.id)
    profile.gender = gender
    for row in db.session.scalars(db.select(Consent).where(Consent.user_id == user.id)):
        row.given_at = registered
    return user


def _submission(user, piscine, day_id, exercise, at):
    sub = Submission(
        user_id=user.id,
        exercise=f"{day_id}/{exercise}",
        piscine_id=piscine.id,
        day_id=day_id,
        source="upload",
        archive=b"tar",
        sha256="0" * 64,
        size=3,
        file_count=1,
        created_at=at,
    )
    db.session.add(sub)
    db.session.flush()
    return sub


def _run(sub, passed, at):
    db.session.add(
        GradingRun(
            submission_id=sub.id,
            status="graded",
            passed=passed,
            score=100 if passed else 0,
            queued_at=at,
            finished_at=at,
            verdict=json.dumps(
                {
                    "exercise": sub.exercise,
                    "passed": passed,
                    "trace": "output of the candidate's code",
                }
            ),
        )
    )


def _day_grading(user, piscine, day_id, passes, *, at):
    """An official day grading: `passes` exercises passed in order, then one failure (or all passed)."""
    exercises = []
    for i in range(2):
        if i < passes:
            exercises.append({"exercise": f"{day_id}/ex0{i}", "passed": True, "status": "ok"})
        else:
            exercises.append(
                {"exercise": f"{day_id}/ex0{i}", "passed": False, "status": "wrong_output"}
            )
            break
    db.session.add(
        DayGrading(
            piscine_id=piscine.id,
            user_id=user.id,
            day_id=day_id,
            status="graded",
            score=50 * passes,
            max_score=100,
            queued_at=at,
            finished_at=at,
            verdict=json.dumps(
                {
                    "day": day_id,
                    "passed": passes == 2,
                    "score": 50 * passes,
                    "max_score": 100,
                    "exercises": exercises,
                }
            ),
        )
    )


def build_dataset():
    staff = make_user("staff@example.org", roles=("staff",), commit=False)
    campaign = Campaign(
        name="Campagne 2026",
        opens_at=datetime(2026, 1, 5, 8, tzinfo=UTC),
        closes_at=datetime(2026, 3, 31, 21, tzinfo=UTC),
        age_reference_date=date(2026, 3, 31),
    )
    db.session.add(campaign)
    db.session.flush()
    piscine = Piscine(
        name="Piscine avril",
        campaign_id=campaign.id,
        starts_on=date(2026, 4, 6),
        ends_on=date(2026, 5, 3),
        capacity=20,
        seats_taken=10,
        feedback="immediate",
    )
    db.session.add(piscine)
    db.session.flush()
    days = {}
    for pos, (day_id, kind) in enumerate((("t00", "day"), ("t01", "day"), ("exam00", "exam"))):
        opens = datetime(2026, 4, 6 + pos, 7, tzinfo=UTC)
        days[day_id] = PiscineDay(
            piscine_id=piscine.id,
            day_id=day_id,
            kind=kind,
            position=pos,
            opens_at=opens,
            closes_at=opens + timedelta(hours=14),
        )
        db.session.add(days[day_id])
    db.session.flush()

    a = [
        _person(
            "A",
            i,
            situation="student",
            gender="female",
            postcode="69003",
            birth=date(2005, 1, 10),
            registered=datetime(2026, 1, 6, 10, tzinfo=UTC),
        )
        for i in range(8)
    ]
    b = [
        _person(
            "B",
            i,
            situation="job_seeker",
            gender="male",
            postcode="38000",
            birth=date(1990, 1, 1),
            registered=datetime(2026, 1, 13, 10, tzinfo=UTC),
        )
        for i in range(6)
    ]
    c = [
        _person(
            "C",
            i,
            situation="employed",
            gender="non_binary",
            postcode="20090",
            birth=date(2007, 1, 1),
            registered=datetime(2026, 2, 3, 10, tzinfo=UTC),
        )
        for i in range(3)
    ]
    d = [
        _person(
            "D",
            i,
            situation="retraining",
            gender="female",
            postcode="69003",
            birth=date(2000, 1, 1),
            registered=datetime(2026, 1, 14, 10, tzinfo=UTC),
            consent=(i == 0),
        )
        for i in range(2)
    ]
    for user in b[:2]:
        db.session.add(
            Consent(
                user_id=user.id,
                text_version="v2",
                keep_two_years=True,
                given_at=datetime(2026, 2, 1, tzinfo=UTC),
            )
        )
    done = datetime(2026, 3, 1, tzinfo=UTC)
    for user in a + b:
        db.session.add(
            Application(
                user_id=user.id,
                campaign_id=campaign.id,
                status="invited" if user in a + b[:2] else "games_done",
                motivation="Parce que.",
                memory_score=50,
                logic_score=40,
                games_completed_at=done,
            )
        )
    for user in c:
        db.session.add(
            Application(
                user_id=user.id, campaign_id=campaign.id, status="applied", motivation="Oui."
            )
        )
    seated = a + b[:2]
    for user in seated:
        db.session.add(Invitation(piscine_id=piscine.id, user_id=user.id, invited_by_id=staff.id))
        db.session.add(
            Booking(
                piscine_id=piscine.id,
                user_id=user.id,
                status="booked",
                booked_at=datetime(2026, 3, 20, tzinfo=UTC),
                note="arrive late",
            )
        )
    for user in a[:5]:
        db.session.add(
            Decision(
                piscine_id=piscine.id,
                user_id=user.id,
                decision="admit",
                reason="Très bien",
                decided_by_id=staff.id,
                offer_status="confirmed",
            )
        )
    for user in a[5:]:
        db.session.add(
            Decision(
                piscine_id=piscine.id,
                user_id=user.id,
                decision="reject",
                reason="Pas assez régulier",
                decided_by_id=staff.id,
            )
        )
    # t00: 9 attend (A + B0) and are graded officially: passes per person.
    t00 = datetime(2026, 4, 6, 12, tzinfo=UTC)
    passes = [2, 2, 2, 2, 1, 1, 1, 0, 0]  # 4 full days; ex00 passed by 7, ex01 by 4
    for user, n in zip(a + b[:1], passes, strict=False):
        _submission(user, piscine, "t00", "ex00", t00)
        _day_grading(user, piscine, "t00", n, at=t00 + timedelta(hours=10))
    # A superseded official grading (older, all failed) for A0: the newest counts.
    db.session.add(
        DayGrading(
            piscine_id=piscine.id,
            user_id=a[0].id,
            day_id="t00",
            status="graded",
            score=0,
            max_score=100,
            verdict=json.dumps({"exercises": [{"exercise": "t00/ex00", "passed": False}]}),
        )
    )
    db.session.flush()
    # Make the superseded row older (lower id is newer? no: the newest id wins) -> re-add A0's newest.
    _day_grading(a[0], piscine, "t00", 2, at=t00 + timedelta(hours=11))
    # t01: immediate runs only. 6 attend (A0-A5): ex00 passed by A0-A4, ex01 tried by A0-A2, passed by A0-A1.
    t01 = datetime(2026, 4, 7, 12, tzinfo=UTC)
    for i, user in enumerate(a[:6]):
        s0 = _submission(user, piscine, "t01", "ex00", t01)
        if i == 0:
            _run(s0, False, t01)  # an older failing run, then a passing one
        _run(s0, i < 5, t01 + timedelta(minutes=5))
        if i < 3:
            s1 = _submission(user, piscine, "t01", "ex01", t01 + timedelta(minutes=10))
            _run(s1, i < 2, t01 + timedelta(minutes=15))
    # exam00: 8 sit it (A), levels reached 0,0,1,1,1,2,2,2.
    from school101.models.exams import ExamAttempt

    for user, level in zip(a, [0, 0, 1, 1, 1, 2, 2, 2], strict=False):
        db.session.add(
            ExamAttempt(
                exam_id=days["exam00"].id,
                piscine_id=piscine.id,
                user_id=user.id,
                pool="exam00",
                seed=1,
                duration_minutes=240,
                started_at=datetime(2026, 4, 8, 8, tzinfo=UTC),
                ends_at=datetime(2026, 4, 8, 12, tzinfo=UTC),
                level=level,
                levels_total=4,
                points=level * 25,
                max_points=100,
                status="finished",
            )
        )
    db.session.commit()
    return SimpleNamespace(
        staff=staff, campaign=campaign, piscine=piscine, days=days, a=a, b=b, c=c, d=d
    )
