"""RGPD rights that hold: the complete export (JSON and zip with the files turned in) of a person
who went through every step, and optional consents withdrawn one by one without erasure."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest

from school101.extensions import db
from school101.models import (
    AuditLog,
    Booking,
    Consent,
    Decision,
    ExamAssignment,
    ExamAttempt,
    ExamTry,
    GameLevel,
    GameSession,
    GradingRun,
    Invitation,
)
from school101.models._base import utcnow
from school101.models.results import DayGrading
from school101.models.students import GraduateProfile
from school101.services.grading.runs import create_submission
from school101.services.identity.consent import give_consent
from school101.services.privacy import retention
from tests.fixtures.people import bearer, client_for

PUTCHAR = b"#include <unistd.h>\nvoid ft_putchar(char c) { write(1, &c, 1); }\n"
FIZZ = b"int main(void) { return 0; }\n"
VERDICT = {
    "exercise": "c00/ex00",
    "status": "ok",
    "passed": True,
    "score": 100,
    "tests": [{"name": "a", "passed": True, "status": "ok"}],
    "trace": "ok",
    "duration_ms": 9,
}


def _graded(submission, *, passed=True, reason="submission"):
    run = GradingRun(
        submission_id=submission.id,
        status="graded",
        reason=reason,
        verdict_status="ok",
        passed=passed,
        score=100 if passed else 0,
        duration_ms=9,
        verdict=json.dumps({**VERDICT, "passed": passed}),
        finished_at=utcnow(),
    )
    db.session.add(run)
    db.session.flush()
    return run


@pytest.fixture
def journey(app, make_user, make_campaign, make_application, make_piscine):
    """A candidate who registered, consented, applied, played, was invited, booked, submitted
    and was graded, sat an exam, got a selection decision and confirmed the offer."""
    person = make_user("ada@example.org", first_name="Ada", last_name="Lovelace")
    other = make_user("bob@example.org")  # someone else's rows never leak into the export
    give_consent(person, keep_two_years=True, locale="fr")
    application = make_application(person, make_campaign(), status="games_done")
    make_application(other, application.campaign)
    session = GameSession(
        application_id=application.id,
        game="memory",
        attempt_no=1,
        seed="s",
        status="finished",
        levels_solved=1,
        score=80,
        finished_at=utcnow(),
    )
    db.session.add(session)
    db.session.flush()
    db.session.add(
        GameLevel(
            session_id=session.id,
            level=1,
            puzzle="{}",
            solution="{}",
            correct=True,
            instructions=4,
            time_ms=1200,
        )
    )
    piscine = make_piscine(capacity=5, feedback="immediate")
    for who in (person, other):
        db.session.add(Invitation(piscine_id=piscine.id, user_id=who.id))
    db.session.add(
        Booking(
            piscine_id=piscine.id,
            user_id=person.id,
            status="booked",
            booked_at=utcnow(),
            note="arrive early",
        )
    )
    day = create_submission(
        user=person, exercise="c00/ex00", files={"ft_putchar.c": PUTCHAR}, source="upload"
    )
    day.piscine_id, day.day_id = piscine.id, "c00"
    day_run = _graded(day)
    theirs = create_submission(
        user=other, exercise="c00/ex00", files={"x.c": b"x"}, source="upload"
    )
    _graded(theirs)
    db.session.add(
        DayGrading(
            piscine_id=piscine.id,
            user_id=person.id,
            day_id="c00",
            status="graded",
            score=100,
            max_score=100,
            submissions=json.dumps({"ex00": day.id}),
            verdict=json.dumps({"day": "c00", "score": 100}),
        )
    )
    exam_day = piscine.days[-1]
    exam_sub = create_submission(
        user=person, exercise="exam00/level0/fizzbuzz", files={"fizzbuzz.c": FIZZ}, source="exam"
    )
    exam_run = _graded(exam_sub, reason="exam")
    attempt = ExamAttempt(
        exam_id=exam_day.id,
        piscine_id=piscine.id,
        user_id=person.id,
        pool="exam00",
        seed=7,
        duration_minutes=120,
        ends_at=utcnow() + timedelta(hours=2),
        level=1,
        levels_total=2,
        points=50,
        max_points=100,
    )
    db.session.add(attempt)
    db.session.flush()
    assignment = ExamAssignment(
        attempt_id=attempt.id,
        level=0,
        level_key="level0",
        exercise="exam00/level0/fizzbuzz",
        points=50,
        tries=1,
        passed_at=utcnow(),
    )
    db.session.add(assignment)
    db.session.flush()
    db.session.add(
        ExamTry(
            attempt_id=attempt.id,
            assignment_id=assignment.id,
            number=1,
            submission_id=exam_sub.id,
            run_id=exam_run.id,
            outcome="passed",
            evaluated_at=utcnow(),
        )
    )
    db.session.add(
        Decision(
            piscine_id=piscine.id,
            user_id=person.id,
            version=1,
            decision="waitlist",
            reason="Close to the line.",
            current=False,
        )
    )
    db.session.add(
        Decision(
            piscine_id=piscine.id,
            user_id=person.id,
            version=2,
            decision="admit",
            reason="Strong piscine.",
            current=True,
            breakdown=json.dumps({"score": 0.9}),
            offer_status="confirmed",
            offer_deadline=utcnow() + timedelta(days=7),
            responded_at=utcnow(),
        )
    )
    db.session.add(
        Decision(
            piscine_id=piscine.id,
            user_id=other.id,
            version=1,
            decision="reject",
            reason="Other person.",
            current=True,
        )
    )
    db.session.commit()
    return {
        "person": person,
        "piscine": piscine,
        "day": day,
        "day_run": day_run,
        "exam_sub": exam_sub,
        "application": application,
    }


def _check_sections(data, j):
    piscine = j["piscine"]
    assert set(data) >= {
        "account",
        "profile",
        "consents",
        "api_tokens",
        "applications",
        "games",
        "piscine",
        "grading",
        "exams",
        "selection",
        "directory",
        "emails",
        "history",
    }
    assert data["account"]["email"] == "ada@example.org"
    assert [c["keep_two_years"] for c in data["consents"]][-1] is True
    assert [a["id"] for a in data["applications"]] == [j["application"].id]
    assert data["games"][0]["score"] == 80 and data["games"][0]["levels"][0]["time_ms"] == 1200
    assert [(i["piscine_id"], i["status"]) for i in data["piscine"]["invitations"]] == [
        (piscine.id, "invited")
    ]
    assert [(b["status"], b["note"]) for b in data["piscine"]["bookings"]] == [
        ("booked", "arrive early")
    ]
    subs = data["grading"]["submissions"]
    assert [(s["exercise"], s["source"]) for s in subs] == [
        ("c00/ex00", "upload"),
        ("exam00/level0/fizzbuzz", "exam"),
    ]
    assert subs[0]["files"] == f"submissions/c00/ex00/{j['day'].id}/"
    run = subs[0]["runs"][0]
    assert run["id"] == j["day_run"].id and run["passed"] is True and run["verdict"]["score"] == 100
    assert [(d["day_id"], d["score"]) for d in data["grading"]["day_results"]] == [("c00", 100)]
    (attempt,) = data["exams"]["attempts"]
    assert (
        attempt["points"] == 50
        and attempt["assignments"][0]["exercise"] == "exam00/level0/fizzbuzz"
    )
    assert [(t["number"], t["outcome"], t["submission_id"]) for t in attempt["tries"]] == [
        (1, "passed", j["exam_sub"].id)
    ]
    decisions = data["selection"]["decisions"]
    assert [(d["version"], d["decision"], d["current"]) for d in decisions] == [
        (1, "waitlist", False),
        (2, "admit", True),
    ]
    assert decisions[1]["reason"] == "Strong piscine." and decisions[1]["ranking"] == {"score": 0.9}
    assert decisions[1]["offer"]["status"] == "confirmed" and decisions[0]["offer"] is None
    assert "Other person." not in json.dumps(data) and "bob@example.org" not in json.dumps(data)


def test_the_json_export_is_complete(app, journey):
    client = client_for(app, journey["person"])
    r = client.get("/me/export.json")
    assert r.status_code == 200 and r.headers["Cache-Control"] == "no-store"
    _check_sections(r.get_json(), journey)
    api = app.test_client().get("/api/v1/me/export", headers=bearer(app, journey["person"]))
    assert api.status_code == 200 and api.is_json
    _check_sections(api.get_json(), journey)


def _zip(response):
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == "application/zip"
    assert response.headers["Cache-Control"] == "no-store"
    return zipfile.ZipFile(io.BytesIO(response.data))


def test_the_zip_holds_the_data_and_the_files_turned_in(app, journey):
    j = journey
    page = client_for(app, j["person"])
    account = page.get("/me/account").get_data(as_text=True)
    assert "/me/export.zip" in account
    archive = _zip(page.get("/me/export.zip"))
    names = set(archive.namelist())
    assert names == {
        "data.json",
        f"submissions/c00/ex00/{j['day'].id}/ft_putchar.c",
        f"submissions/exam00/level0/fizzbuzz/{j['exam_sub'].id}/fizzbuzz.c",
    }
    assert archive.read(f"submissions/c00/ex00/{j['day'].id}/ft_putchar.c") == PUTCHAR
    assert archive.read(f"submissions/exam00/level0/fizzbuzz/{j['exam_sub'].id}/fizzbuzz.c") == FIZZ
    _check_sections(json.loads(archive.read("data.json")), j)
    api = app.test_client()
    headers = bearer(app, j["person"])
    assert set(_zip(api.get("/api/v1/me/export?format=zip", headers=headers)).namelist()) == names
    bad = api.get("/api/v1/me/export?format=xml", headers=headers)
    assert bad.status_code == 422 and bad.get_json()["error"]["code"] == "bad_format"


def test_an_erased_snapshot_exports_no_file_and_odd_names_stay_inside(app, make_user):
    from school101.services.privacy.export import submission_folder

    for odd in ("../../etc", "/abs/x", "c00/../../x", ""):
        folder = submission_folder(odd, 3)
        parts = folder.split("/")
        assert parts[0] == "submissions" and parts[-1] == "3" and ".." not in parts, folder
        assert all(p and not p.startswith(".") for p in parts), folder
    assert submission_folder("c00/ex00", 3) == "submissions/c00/ex00/3"
    person = make_user()
    sub = create_submission(user=person, exercise="c01/ex02", files={"a.c": b"a"}, source="api")
    sub.archive = b""
    db.session.commit()
    archive = _zip(client_for(app, person).get("/me/export.zip"))
    assert archive.namelist() == ["data.json"]


# ---------------------------------------------------------------- optional consents


@pytest.fixture
def graduate(app, make_user, staff):
    """A graduate listed in the directory who agreed to keep their data two years."""
    from school101.services.directory.students import (
        enrol,
        mark_graduated,
        set_opt_in,
        update_profile,
    )

    user = make_user("grace@example.org", first_name="Grace", last_name="Hopper")
    give_consent(user, keep_two_years=True, locale="fr")
    student = enrol(user, cohort_name="2025", actor=staff)
    mark_graduated(student, actor=staff)
    update_profile(user, {"headline": "Développeuse C", "skills": "c, shell"})
    set_opt_in(user, True)
    db.session.commit()
    return user


def _listed(viewer, user) -> bool:
    from school101.core.errors import NotFound
    from school101.services.directory.search import graduate_card

    try:
        graduate_card(viewer, user.id)
    except NotFound:
        return False
    return True


def test_optional_consents_are_withdrawn_one_by_one_on_the_page(app, graduate, staff):
    assert _listed(staff, graduate)
    client = client_for(app, graduate)
    page = client.get("/me/consents").get_data(as_text=True)
    assert "Mes choix facultatifs" in page and page.count("Retirer") == 2
    r = client.post("/me/consents/directory/withdraw", follow_redirects=True)
    text = r.get_data(as_text=True)
    assert r.status_code == 200 and "ne figure plus dans l&#39;annuaire" in text
    profile = db.session.scalars(
        db.select(GraduateProfile).where(GraduateProfile.user_id == graduate.id)
    ).one()
    assert profile.opted_in is False and not _listed(staff, graduate)  # the card is gone
    # the two-year keeping still holds: only the directory changed
    assert (
        db.session.scalars(
            db.select(Consent).where(Consent.user_id == graduate.id).order_by(Consent.id.desc())
        )
        .first()
        .keep_two_years
        is True
    )
    assert retention.plan(utcnow() + timedelta(days=200)).due == []
    r = client.post("/me/consents/keep_two_years/withdraw", follow_redirects=True)
    assert "3 mois" in r.get_data(as_text=True)
    consents = list(
        db.session.scalars(
            db.select(Consent).where(Consent.user_id == graduate.id).order_by(Consent.id)
        )
    )
    assert consents[-1].keep_two_years is False and consents[-1].withdrawn_at is None
    assert consents[-2].keep_two_years is True and consents[-2].withdrawn_at is not None
    assert not client.get("/me").status_code >= 400  # still an account, no consent asked again
    actions = [
        a.after
        for a in db.session.scalars(
            db.select(AuditLog)
            .where(AuditLog.action == "consent.withdrawn", AuditLog.target_id == graduate.id)
            .order_by(AuditLog.id)
        )
    ]
    assert len(actions) == 2 and '"directory"' in actions[0] and '"keep_two_years"' in actions[1]
    # withdrawing again is refused, and changes nothing
    before = db.session.scalar(db.select(db.func.count()).select_from(Consent))
    r = client.post("/me/consents/keep_two_years/withdraw", follow_redirects=True)
    assert "pas accepté" in r.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Consent)) == before


def test_withdrawing_the_two_years_brings_back_the_three_month_rule(
    app, make_user, make_campaign, make_application
):
    from school101.services.privacy.consents import withdraw

    campaign = make_campaign(open=False)
    user = make_user()
    give_consent(user, keep_two_years=True)
    make_application(user, campaign)
    db.session.commit()
    later = campaign.closes_at + timedelta(days=120)
    assert [d.user_id for d in retention.plan(later).due] == []
    withdraw(user, "keep_two_years")
    db.session.commit()
    assert [(d.user_id, d.rule) for d in retention.plan(later).due] == [(user.id, "three_months")]


def test_the_api_shows_and_withdraws_optional_consents(app, graduate):
    client = app.test_client()
    headers = {**bearer(app, graduate), "Accept-Language": "en"}
    state = client.get("/api/v1/me/consent", headers=headers).get_json()
    assert [(o["name"], o["given"]) for o in state["optional"]] == [
        ("keep_two_years", True),
        ("directory", True),
    ]
    assert state["optional"][1]["withdraw_url"].endswith("/api/v1/me/consent/directory")
    r = client.delete("/api/v1/me/consent/directory", headers=headers)
    assert r.status_code == 200
    body = r.get_json()
    assert [(o["name"], o["given"]) for o in body["optional"]] == [
        ("keep_two_years", True),
        ("directory", False),
    ]
    assert "no longer shown" in body["optional"][1]["effect"]
    again = client.delete("/api/v1/me/consent/directory", headers=headers)
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "not_given"
    unknown = client.delete("/api/v1/me/consent/everything", headers=headers)
    assert unknown.status_code == 404 and unknown.is_json
    assert client.delete("/api/v1/me/consent/keep_two_years", headers=headers).status_code == 200
    assert body["needs_consent"] is False
