"""Staff piscine pages: creation (errors, default calendar, Paris times), invitations from the
ranking (top N and ticked), bookings lists, the live board and audited re-runs."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from school101.extensions import db
from school101.models import (
    AuditLog,
    DayGrading,
    Invitation,
    OutboxMail,
    Piscine,
    PiscineDay,
)
from school101.services.grading.runs import create_submission
from tests.conftest import count

pytestmark = pytest.mark.redis

MONDAY = date(2027, 1, 11)  # winter: Paris is UTC+1


def _calendar_fields(rows):
    data = {}
    for i, (day_id, kind, opens, closes) in enumerate(rows):
        data.update(
            {
                f"calendar-{i}-day_id": day_id,
                f"calendar-{i}-kind": kind,
                f"calendar-{i}-opens_at": opens,
                f"calendar-{i}-closes_at": closes,
            }
        )
    return data


def _valid_form(**overrides):
    data = {
        "name": "Piscine janvier 2027",
        "starts_on": "2027-01-11",
        "ends_on": "2027-02-05",
        "capacity": "200",
        "feedback": "after_deadline",
        "booking_closes_at": "2027-01-08T18:00",
        "cancel_until": "2027-01-09T12:00",
        "action": "create",
    }
    data.update(
        _calendar_fields(
            [
                ("c00", "day", "2027-01-11T09:00", "2027-01-12T23:59"),
                ("c01", "day", "2027-01-12T00:00", "2027-01-13T23:59"),
                ("exam00", "exam", "2027-01-15T14:00", "2027-01-15T18:00"),
                ("", "day", "", ""),
            ]
        )
    )
    data.update(overrides)
    return data


def test_create_form_shows_the_default_calendar(staff_client):
    r = staff_client.get("/staff/piscines/new?lang=en")
    assert r.status_code == 200
    html = r.data.decode()
    for day_id in ("c00", "c01", "shell00", "c02", "c03", "exam00"):
        assert f'value="{day_id}" selected' in html or f'selected value="{day_id}"' in html
    assert 'value="exam" selected' in html or 'selected value="exam"' in html
    assert "T00:00" in html and "T23:59" in html  # Paris wall-clock times in the inputs


def test_recompute_default_calendar_writes_nothing(staff_client):
    r = staff_client.post(
        "/staff/piscines/new?lang=en",
        data={
            "name": "x",
            "starts_on": "2027-01-11",
            "ends_on": "2027-02-05",
            "capacity": "10",
            "feedback": "immediate",
            "action": "default",
            **_calendar_fields([("c00", "day", "", "")]),
        },
    )
    assert r.status_code == 200
    html = r.data.decode()
    assert 'value="2027-01-11T00:00"' in html and 'value="2027-01-12T23:59"' in html  # c00
    assert 'value="2027-01-12T00:00"' in html  # c01 the next weekday
    assert 'value="2027-01-15T14:00"' in html  # the exam on the first Friday
    assert count(Piscine) == 0


def test_bad_input_gives_clear_errors_and_writes_nothing(staff_client):
    data = _valid_form(name="", ends_on="2027-01-01", capacity="0", starts_on="2027-01-11")
    data.update(
        _calendar_fields(
            [
                ("c00", "day", "2027-01-11T09:00", "2027-01-11T08:00"),
                ("nope", "day", "2027-01-12T00:00", "2027-01-13T23:59"),
                ("c00", "day", "2027-01-12T00:00", "2027-01-13T23:59"),
                ("c01", "day", "", "2027-01-13T23:59"),
            ]
        )
    )
    r = staff_client.post("/staff/piscines/new?lang=en", data=data)
    assert r.status_code == 422
    html = r.data.decode()
    assert "nothing was saved" in html
    assert "Name is required." in html
    assert "The piscine must end on or after its first day." in html
    assert "Must be between 1 and 2000." in html
    assert "Must be after the opening." in html
    assert "Unknown day: nope" in html
    assert "This day is already in the calendar." in html
    assert "An opening date and time is required." in html
    assert 'aria-invalid="true"' in html
    assert count(Piscine) == 0 and count(PiscineDay) == 0
    assert (
        db.session.scalar(
            db.select(db.func.count())
            .select_from(AuditLog)
            .where(AuditLog.action == "piscine.created")
        )
        == 0
    )


def test_unparseable_values_are_reported_with_the_rest(staff_client):
    r = staff_client.post("/staff/piscines/new?lang=en", data=_valid_form(capacity="abc", name=""))
    assert r.status_code == 422
    html = r.data.decode()
    assert "Name is required." in html and "integer" in html.lower()
    assert count(Piscine) == 0


def test_booking_must_close_before_the_end(staff_client):
    r = staff_client.post(
        "/staff/piscines/new?lang=en", data=_valid_form(booking_closes_at="2027-03-01T10:00")
    )
    assert r.status_code == 422
    assert "Booking must close before the piscine ends." in r.data.decode()
    assert count(Piscine) == 0


def test_create_stores_utc_and_audits(staff_client, staff):
    r = staff_client.post("/staff/piscines/new", data=_valid_form())
    assert r.status_code == 302
    piscine = db.session.scalars(db.select(Piscine)).one()
    assert r.headers["Location"].endswith(f"/staff/piscines/{piscine.id}")
    assert (piscine.name, piscine.capacity, piscine.feedback) == (
        "Piscine janvier 2027",
        200,
        "after_deadline",
    )
    assert piscine.booking_closes_at == datetime(2027, 1, 8, 17, 0, tzinfo=UTC)
    assert piscine.cancel_until == datetime(2027, 1, 9, 11, 0, tzinfo=UTC)
    days = [(d.day_id, d.kind, d.position, d.opens_at, d.closes_at) for d in piscine.days]
    assert days == [
        (
            "c00",
            "day",
            0,
            datetime(2027, 1, 11, 8, 0, tzinfo=UTC),
            datetime(2027, 1, 12, 22, 59, tzinfo=UTC),
        ),
        (
            "c01",
            "day",
            1,
            datetime(2027, 1, 11, 23, 0, tzinfo=UTC),
            datetime(2027, 1, 13, 22, 59, tzinfo=UTC),
        ),
        (
            "exam00",
            "exam",
            2,
            datetime(2027, 1, 15, 13, 0, tzinfo=UTC),
            datetime(2027, 1, 15, 17, 0, tzinfo=UTC),
        ),
    ]
    audit = db.session.scalars(
        db.select(AuditLog).where(AuditLog.action == "piscine.created")
    ).one()
    assert audit.actor_id == staff.id
    page = staff_client.get(f"/staff/piscines/{piscine.id}?lang=en").data.decode()
    assert "Piscine janvier 2027" in page and "exam00" in page
    assert "Jan 11, 2027, 9:00 AM" in page  # shown in Paris time, without seconds
    listing = staff_client.get("/staff/piscines/?lang=en").data.decode()
    assert "Piscine janvier 2027" in listing and "0/200" in listing


def test_list_empty_state(staff_client):
    r = staff_client.get("/staff/piscines/?lang=en")
    assert r.status_code == 200 and "There is no piscine yet." in r.data.decode()


@pytest.fixture
def ranked(make_user, make_campaign, make_application):
    """Six applications with game scores (ties broken by logic instructions, then time)."""
    campaign = make_campaign()
    other = make_campaign(name="Autre campagne")
    specs = [  # name, memory, logic, instructions, time
        ("Alpha", 50, 50, 30, 9000),  # 100, more instructions
        ("Bravo", 60, 40, 20, 9000),  # 100, fewer instructions -> before Alpha
        ("Charlie", 40, 60, 20, 5000),  # 100, same instructions, faster -> before Bravo
        ("Delta", 10, 10, 5, 1000),  # 20
        ("Echo", 70, 60, 40, 9000),  # 130 -> first
        ("Foxtrot", None, None, None, None),  # no games -> last
    ]
    people = {}
    for name, memory, logic, instructions, time_ms in specs:
        user = make_user(last_name=name, commit=False)
        make_application(
            user,
            campaign,
            status="games_done" if memory is not None else "applied",
            memory_score=memory,
            logic_score=logic,
            logic_instructions=instructions,
            logic_time_ms=time_ms,
            commit=False,
        )
        people[name] = user
    outsider = make_user(last_name="Zulu", commit=False)
    make_application(
        outsider, other, status="games_done", memory_score=99, logic_score=99, commit=False
    )
    db.session.commit()
    return campaign, people, outsider


def test_ranking_page_orders_by_game_results(staff_client, make_piscine, ranked):
    campaign, _people, _outsider = ranked
    piscine = make_piscine()
    html = staff_client.get(
        f"/staff/piscines/{piscine.id}/invite?lang=en&campaign={campaign.id}"
    ).data.decode()
    order = [html.index(name) for name in ("Echo", "Charlie", "Bravo", "Alpha", "Delta", "Foxtrot")]
    assert order == sorted(order)
    assert "Zulu" not in html
    everyone = staff_client.get(f"/staff/piscines/{piscine.id}/invite?lang=en").data.decode()
    assert everyone.index("Zulu") < everyone.index("Echo")


def test_invite_top_n_sends_emails(staff_client, staff, make_piscine, ranked):
    campaign, people, outsider = ranked
    piscine = make_piscine()
    r = staff_client.post(
        f"/staff/piscines/{piscine.id}/invite-top?lang=en",
        data={"n": "3", "campaign": str(campaign.id), "status": ""},
    )
    assert r.status_code == 302
    invited = set(
        db.session.scalars(db.select(Invitation.user_id).where(Invitation.piscine_id == piscine.id))
    )
    assert invited == {people["Echo"].id, people["Charlie"].id, people["Bravo"].id}
    mails = db.session.scalars(
        db.select(OutboxMail).where(OutboxMail.kind == "piscine_invitation")
    ).all()
    assert sorted(m.to for m in mails) == sorted(
        people[n].email for n in ("Echo", "Charlie", "Bravo")
    )
    assert "/piscine" in mails[0].body
    assert (
        db.session.scalars(db.select(AuditLog).where(AuditLog.action == "piscine.invited"))
        .one()
        .actor_id
        == staff.id
    )
    page = staff_client.get(r.headers["Location"]).data.decode()
    assert "3 new invitations sent by e-mail." in page
    # the next top 2 skip those already invited
    staff_client.post(
        f"/staff/piscines/{piscine.id}/invite-top",
        data={"n": "2", "campaign": str(campaign.id), "status": ""},
    )
    invited = set(
        db.session.scalars(db.select(Invitation.user_id).where(Invitation.piscine_id == piscine.id))
    )
    assert (
        people["Alpha"].id in invited
        and people["Delta"].id in invited
        and outsider.id not in invited
    )
    assert count(OutboxMail) == 5


def test_invite_top_n_bad_number(staff_client, make_piscine, ranked):
    piscine = make_piscine()
    r = staff_client.post(f"/staff/piscines/{piscine.id}/invite-top?lang=en", data={"n": "0"})
    assert r.status_code == 422 and "Number must be between" in r.data.decode()
    assert count(Invitation) == 0 and count(OutboxMail) == 0


def test_invite_ticked_people(staff_client, make_piscine, ranked):
    _campaign, people, _ = ranked
    piscine = make_piscine()
    r = staff_client.post(
        f"/staff/piscines/{piscine.id}/invite",
        data={"user_ids": [str(people["Delta"].id), str(people["Foxtrot"].id)]},
    )
    assert r.status_code == 302
    assert set(db.session.scalars(db.select(Invitation.user_id))) == {
        people["Delta"].id,
        people["Foxtrot"].id,
    }
    assert count(OutboxMail) == 2
    r = staff_client.post(
        f"/staff/piscines/{piscine.id}/invite?lang=en", data={}, follow_redirects=True
    )
    assert "Tick at least one person to invite." in r.data.decode()


def test_invite_refuses_non_candidates(staff_client, staff, make_piscine):
    piscine = make_piscine()
    r = staff_client.post(
        f"/staff/piscines/{piscine.id}/invite?lang=en",
        data={"user_ids": [str(staff.id)]},
        follow_redirects=True,
    )
    assert "Not candidates" in r.data.decode()
    assert count(Invitation) == 0


def test_people_lists_with_waitlist_positions(app, staff_client, make_piscine, invited):
    from school101.services.piscine import booking

    piscine = make_piscine(capacity=1)
    a, b, c, d, e = invited(piscine, n=5)
    for user in (a, b, c):
        booking.book(user, piscine.id)
        db.session.commit()
    with app.test_request_context():
        booking.decline_invitation(d, piscine.id)
    db.session.commit()
    html = staff_client.get(
        f"/staff/piscines/{piscine.id}/people?status=waitlisted&lang=en"
    ).data.decode()
    assert html.index(b.last_name) < html.index(c.last_name)
    assert "<td>1</td>" in html and "<td>2</td>" in html
    booked = staff_client.get(f"/staff/piscines/{piscine.id}/people?lang=en").data.decode()
    assert a.last_name in booked and b.last_name not in booked
    assert (
        d.last_name
        in staff_client.get(f"/staff/piscines/{piscine.id}/people?status=declined").data.decode()
    )
    assert (
        e.last_name
        in staff_client.get(f"/staff/piscines/{piscine.id}/people?status=invited").data.decode()
    )
    empty = staff_client.get(
        f"/staff/piscines/{piscine.id}/people?status=cancelled&lang=en"
    ).data.decode()
    assert "Nobody in this state." in empty


def test_board_shows_candidates_submissions_queue_and_missing(staff_client, seated, make_piscine):
    piscine = make_piscine(capacity=5)
    _, worker, _client = seated(piscine, last_name="Travailleur")
    _, _idle, _client2 = seated(piscine, last_name="Absent")
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
    assert "Travailleur" in html and "Absent" in html
    assert "30/100" in html
    assert "Grading queue" in html
    today = html[html.index('id="today-title"') : html.index('id="rerun-title"')]
    assert "c00/ex00" in today and "Travailleur" in today
    missing = html[html.index('id="missing-title"') : html.index('id="today-title"')]
    assert "Absent" in missing and "Travailleur" not in missing
    assert '<th scope="col">' in html and "<caption>" in html
    detail = staff_client.get(
        f"/staff/piscines/{piscine.id}/candidates/{worker.id}?lang=en"
    ).data.decode()
    assert (
        "Travailleur" in detail
        and "30/100" in detail
        and f"/piscine/submissions/{sub.id}" in detail
    )
    assert (
        staff_client.get(f"/staff/piscines/{piscine.id}/candidates/{worker.id + 1000}").status_code
        == 404
    )


def test_board_empty_states(staff_client, make_piscine):
    piscine = make_piscine()
    html = staff_client.get(f"/staff/piscines/{piscine.id}/board?lang=en").data.decode()
    assert "Nobody holds a seat in this piscine yet." in html
    assert "No submission today yet." in html


def test_rerun_needs_a_reason_and_is_audited(staff_client, staff, seated, make_piscine):
    piscine = make_piscine(capacity=5)
    _, user, _client = seated(piscine)
    r = staff_client.post(
        f"/staff/piscines/{piscine.id}/days/c00/rerun?lang=en", data={"rerun-c00-reason": "  "}
    )
    assert r.status_code == 422
    assert "A reason is required." in r.data.decode()
    assert count(DayGrading) == 0
    assert (
        db.session.scalar(
            db.select(db.func.count())
            .select_from(AuditLog)
            .where(AuditLog.action == "piscine.day_rerun")
        )
        == 0
    )
    r = staff_client.post(
        f"/staff/piscines/{piscine.id}/days/c00/rerun",
        data={"rerun-c00-reason": "Test ex03 corrigé"},
    )
    assert r.status_code == 302
    rows = db.session.scalars(db.select(DayGrading)).all()
    assert [(g.user_id, g.day_id, g.reason) for g in rows] == [(user.id, "c00", "rerun")]
    audit = db.session.scalars(
        db.select(AuditLog).where(AuditLog.action == "piscine.day_rerun")
    ).one()
    assert audit.reason == "Test ex03 corrigé" and audit.actor_id == staff.id
    assert (
        staff_client.post(
            f"/staff/piscines/{piscine.id}/days/nope/rerun", data={"rerun-nope-reason": "x"}
        ).status_code
        == 404
    )
