"""Seat booking through the API: the rules of issue 5, and races through real HTTP."""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta

import requests

from school101.extensions import db
from school101.models import Booking, OutboxMail, Piscine
from school101.services.analytics import report
from school101.services.identity.accounts import issue_token
from tests.conftest import count
from tests.livesite import serving


def test_staff_create_piscine_gets_the_default_calendar(client, make_user, auth_header):
    h = auth_header(make_user(roles=("staff",)))
    r = client.post(
        "/api/v1/piscines",
        json={
            "name": "Piscine juillet",
            "starts_on": date.today().isoformat(),
            "ends_on": (date.today() + timedelta(days=27)).isoformat(),
            "capacity": 200,
            "feedback": "immediate",
        },
        headers=h,
    )
    assert r.status_code == 201
    piscine = db.session.get(Piscine, r.json["id"])
    assert [d.day_id for d in piscine.days][:2] == ["c00", "c01"]
    first = piscine.days[0]
    from zoneinfo import ZoneInfo

    opens = first.opens_at.astimezone(ZoneInfo("Europe/Paris"))
    closes = first.closes_at.astimezone(ZoneInfo("Europe/Paris"))
    assert opens.date() == date.today() and (opens.hour, opens.minute) == (0, 0)
    assert closes.date() == date.today() + timedelta(days=1) and (closes.hour, closes.minute) == (
        23,
        59,
    )
    for day in piscine.days[1:]:
        assert day.opens_at.astimezone(ZoneInfo("Europe/Paris")).weekday() < 5


def test_create_piscine_bad_input(client, make_user, auth_header):
    h = auth_header(make_user(roles=("staff",)))
    r = client.post(
        "/api/v1/piscines",
        json={
            "name": "",
            "starts_on": "2026-13-01",
            "ends_on": "x",
            "capacity": "lots",
            "feedback": "never",
        },
        headers=h,
    )
    assert r.status_code == 422
    assert {"starts_on", "ends_on", "capacity", "feedback"} <= set(r.json["error"]["fields"])
    r = client.post(
        "/api/v1/piscines",
        json={"name": "P", "starts_on": "2026-07-10", "ends_on": "2026-07-01", "capacity": 0},
        headers=h,
    )
    assert r.status_code == 422 and {"ends_on", "capacity"} <= set(r.json["error"]["fields"])
    assert count(Piscine) == 0
    candidate = auth_header(make_user())
    r = client.post(
        "/api/v1/piscines",
        json={"name": "P", "starts_on": "2026-07-01", "ends_on": "2026-07-28", "capacity": 5},
        headers=candidate,
    )
    assert r.status_code == 403


def test_invite_then_book_full_waitlist_cancel_promotes(
    client, make_user, make_piscine, auth_header
):
    piscine = make_piscine(capacity=1, feedback="immediate")
    staff = auth_header(make_user(roles=("staff",)))
    a, b, c, outsider = (make_user() for _ in range(4))
    r = client.post(
        f"/api/v1/piscines/{piscine.id}/invitations",
        json={"user_ids": [a.id, b.id, c.id]},
        headers=staff,
    )
    assert r.status_code == 201 and r.json == {"invited": 3}
    assert OutboxMail.query.filter_by(kind="piscine_invitation").count() == 3
    again = client.post(
        f"/api/v1/piscines/{piscine.id}/invitations", json={"user_ids": [a.id]}, headers=staff
    )
    assert again.json == {"invited": 0}

    ha, hb, hc = auth_header(a), auth_header(b), auth_header(c)
    url = f"/api/v1/piscines/{piscine.id}/booking"
    assert client.post(url, headers=auth_header(outsider)).status_code == 403
    r = client.post(url, headers=ha)
    assert r.status_code == 201 and r.json["status"] == "booked"
    assert client.post(url, headers=ha).status_code == 200  # seated again: existing booking
    r = client.post(url, headers=hb)
    assert r.status_code == 409 and r.json["error"]["code"] == "full" and r.json["position"] == 1
    assert client.post(url, headers=hb).json["position"] == 1  # same position, no second entry
    assert client.post(url, headers=hc).json["error"]["position"] == 2
    assert Booking.query.filter_by(piscine_id=piscine.id).count() == 3

    # a cancels: b (first waiting) is booked automatically and told by e-mail
    assert client.delete(url, headers=ha).status_code == 204
    assert client.get(url, headers=hb).json["status"] == "booked"
    assert client.get(url, headers=hc).json["position"] == 1
    mail = OutboxMail.query.filter_by(kind="seat_granted").one()
    assert mail.to == b.email
    # a books again: full, so a goes to the end of the waitlist
    r = client.post(url, headers=ha)
    assert r.status_code == 409 and r.json["position"] == 2
    db.session.expire_all()
    assert db.session.get(Piscine, piscine.id).seats_taken == 1


def test_cancel_without_booking_and_after_deadline(
    client, make_user, make_piscine, invited, auth_header
):
    from datetime import datetime

    piscine = make_piscine(
        capacity=5, feedback="immediate", cancel_until=datetime.now(UTC) - timedelta(hours=1)
    )
    (user,) = invited(piscine)
    h = auth_header(user)
    url = f"/api/v1/piscines/{piscine.id}/booking"
    assert client.delete(url, headers=h).status_code == 404
    assert client.post(url, headers=h).status_code == 201
    r = client.delete(url, headers=h)
    assert r.status_code == 409 and r.json["error"]["code"] == "cancel_closed"


def test_unknown_piscine_and_bad_invitations(client, make_user, make_piscine, auth_header):
    staff = auth_header(make_user(roles=("staff",)))
    assert (
        client.post("/api/v1/piscines/999/booking", headers=auth_header(make_user())).status_code
        == 404
    )
    piscine = make_piscine(feedback="immediate")
    for body in ({}, {"user_ids": []}, {"user_ids": ["a"]}, {"user_ids": [999999]}):
        r = client.post(f"/api/v1/piscines/{piscine.id}/invitations", json=body, headers=staff)
        assert r.status_code == 422, body
    assert OutboxMail.query.count() == 0


def _tokens(users):
    tokens = [issue_token(u) for u in users]
    db.session.commit()
    return tokens


def test_concurrent_bookings_never_exceed_capacity(app, make_piscine, invited):
    """60 invited candidates book 20 seats at once through real HTTP requests."""
    piscine = make_piscine(capacity=20, feedback="immediate")
    users = invited(piscine, 60)
    tokens = _tokens(users)
    piscine_id = piscine.id
    with serving(app) as base:

        def book(token):
            return requests.post(
                f"{base}/api/v1/piscines/{piscine_id}/booking",
                headers={"Authorization": f"Bearer {token}"},
                timeout=60,
            )

        with ThreadPoolExecutor(max_workers=30) as pool:
            responses = list(pool.map(book, tokens))
    codes = [r.status_code for r in responses]
    assert codes.count(201) == 20 and codes.count(409) == 40, codes
    positions = sorted(r.json()["position"] for r in responses if r.status_code == 409)
    assert positions == list(range(1, 41)), positions
    db.session.expire_all()
    assert db.session.get(Piscine, piscine.id).seats_taken == 20
    assert Booking.query.filter_by(piscine_id=piscine.id, status="booked").count() == 20
    assert Booking.query.filter_by(piscine_id=piscine.id, status="waitlisted").count() == 40


def test_same_candidate_booking_in_parallel_holds_one_seat(app, make_piscine, invited):
    piscine = make_piscine(capacity=5, feedback="immediate")
    (user,) = invited(piscine)
    (token,) = _tokens([user])
    piscine_id = piscine.id
    with serving(app) as base:

        def book(_):
            return requests.post(
                f"{base}/api/v1/piscines/{piscine_id}/booking",
                headers={"Authorization": f"Bearer {token}"},
                timeout=60,
            ).status_code

        with ThreadPoolExecutor(max_workers=10) as pool:
            codes = list(pool.map(book, range(10)))
    assert codes.count(201) == 1 and codes.count(200) == 9, codes
    db.session.expire_all()
    assert db.session.get(Piscine, piscine.id).seats_taken == 1
    assert Booking.query.filter_by(piscine_id=piscine.id).count() == 1


def test_booking_two_sessions_at_once_gives_one_seat_in_all(app, make_piscine, invited):
    """30 candidates invited to two sessions book both in parallel: each ends with one seat."""
    from school101.models import Invitation

    first = make_piscine(capacity=100, name="A", feedback="immediate")
    second = make_piscine(capacity=100, name="B", feedback="immediate")
    users = invited(first, 30)
    for user in users:
        db.session.add(Invitation(piscine_id=second.id, user_id=user.id))
    db.session.commit()
    tokens = _tokens(users)
    jobs = [(token, pid) for token in tokens for pid in (first.id, second.id)]
    with serving(app) as base:

        def book(job):
            token, pid = job
            return requests.post(
                f"{base}/api/v1/piscines/{pid}/booking",
                headers={"Authorization": f"Bearer {token}"},
                timeout=60,
            )

        with ThreadPoolExecutor(max_workers=20) as pool:
            responses = list(pool.map(book, jobs))
    codes = [r.status_code for r in responses]
    assert codes.count(201) == 30 and codes.count(409) == 30, codes
    assert {r.json()["error"]["code"] for r in responses if r.status_code == 409} == {
        "booked_elsewhere"
    }
    db.session.expire_all()
    seats = db.session.execute(
        db.select(Booking.user_id, db.func.count())
        .where(Booking.status == "booked")
        .group_by(Booking.user_id)
    ).all()
    assert len(seats) == 30 and all(n == 1 for _uid, n in seats)
    assert (
        db.session.get(Piscine, first.id).seats_taken
        + db.session.get(Piscine, second.id).seats_taken
        == 30
    )


def test_waitlist_promotion_skips_someone_seated_elsewhere(
    client, make_piscine, invited, auth_header
):
    """A freed seat goes to the first person waiting who holds no seat in another session."""
    from school101.models import Invitation

    full = make_piscine(capacity=1, name="Pleine", feedback="immediate")
    other = make_piscine(capacity=5, name="Autre", feedback="immediate")
    holder, waiting_elsewhere, waiting = invited(full, 3)
    db.session.add(Invitation(piscine_id=other.id, user_id=waiting_elsewhere.id))
    db.session.commit()
    url = f"/api/v1/piscines/{full.id}/booking"
    assert client.post(url, headers=auth_header(holder)).status_code == 201
    assert client.post(url, headers=auth_header(waiting_elsewhere)).json["position"] == 1
    assert client.post(url, headers=auth_header(waiting)).json["position"] == 2
    assert (
        client.post(
            f"/api/v1/piscines/{other.id}/booking", headers=auth_header(waiting_elsewhere)
        ).status_code
        == 201
    )
    assert client.delete(url, headers=auth_header(holder)).status_code == 204
    db.session.expire_all()
    booked = {b.user_id for b in Booking.query.filter_by(status="booked")}
    assert booked == {waiting.id, waiting_elsewhere.id}
    assert (
        Booking.query.filter_by(piscine_id=full.id, user_id=waiting_elsewhere.id).one().status
        == "waitlisted"
    )


def test_piscines_belong_to_their_campaign_so_the_funnel_counts_them(
    client, make_user, make_campaign, make_application, auth_header
):
    """Created through the API without a campaign, a piscine joins the latest campaign opened
    before its first day; the intake funnel then counts its bookings."""

    old = make_campaign(
        open=False,
        name="Ancienne",
        opens_at=datetime.now(UTC) - timedelta(days=400),
        closes_at=datetime.now(UTC) - timedelta(days=300),
    )
    campaign = make_campaign(name="Campagne actuelle")
    staff = make_user(roles=("staff",))
    h = auth_header(staff)
    body = {
        "name": "Piscine été",
        "starts_on": (date.today() + timedelta(days=3)).isoformat(),
        "ends_on": (date.today() + timedelta(days=30)).isoformat(),
        "capacity": 10,
    }
    r = client.post("/api/v1/piscines", json=body, headers=h)
    assert r.status_code == 201
    piscine_id = r.json["id"]
    assert (
        client.get(f"/api/v1/piscines/{piscine_id}", headers=h).json["campaign_id"] == campaign.id
    )
    # bad input: an unknown campaign is refused, nothing created
    bad = client.post("/api/v1/piscines", json=dict(body, campaign_id=99999), headers=h)
    assert bad.status_code == 422 and "campaign_id" in bad.json["error"]["fields"]
    assert Piscine.query.count() == 1
    # candidates of the campaign invited and booked through the API show in the funnel
    people = [make_application(campaign=campaign).user for _ in range(3)]
    r = client.post(
        f"/api/v1/piscines/{piscine_id}/invitations",
        json={"user_ids": [u.id for u in people]},
        headers=h,
    )
    assert r.status_code == 201
    for person in people:
        assert (
            client.post(
                f"/api/v1/piscines/{piscine_id}/booking", headers=auth_header(person)
            ).status_code
            == 201
        )
    assert report.totals(campaign)[("booked", "")] == 3
    # staff can move it to another campaign (audited)
    r = client.patch(f"/api/v1/piscines/{piscine_id}", json={"campaign_id": old.id}, headers=h)
    assert r.status_code == 200 and r.json["campaign_id"] == old.id
    assert report.totals(campaign)[("booked", "")] == 0
