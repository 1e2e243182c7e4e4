"""Staff change a piscine after creating it: close booking, capacity, cancellation deadline."""

from datetime import UTC, datetime, timedelta

from school101.extensions import db
from school101.models import AuditLog, Booking, Piscine
from tests.conftest import login


def test_close_booking_then_reopen_through_the_api(
    client, make_user, make_piscine, invited, auth_header
):
    piscine = make_piscine(capacity=5, feedback="immediate")
    a, _b = invited(piscine, 2)
    staff = auth_header(make_user(roles=("staff",)))
    now = datetime.now(UTC).isoformat()
    r = client.patch(
        f"/api/v1/piscines/{piscine.id}", json={"booking_closes_at": now}, headers=staff
    )
    assert r.status_code == 200 and r.json["booking_closes_at"]
    r = client.post(f"/api/v1/piscines/{piscine.id}/booking", headers=auth_header(a))
    assert r.status_code == 409 and r.json["error"]["code"] == "booking_closed"
    client.patch(f"/api/v1/piscines/{piscine.id}", json={"booking_closes_at": None}, headers=staff)
    assert (
        client.post(f"/api/v1/piscines/{piscine.id}/booking", headers=auth_header(a)).status_code
        == 201
    )
    assert AuditLog.query.filter_by(action="piscine.updated").count() == 2


def test_capacity_cannot_drop_below_seats_and_raising_it_seats_the_waitlist(
    client, make_user, make_piscine, invited, auth_header
):
    piscine = make_piscine(capacity=1, feedback="immediate")
    a, b = invited(piscine, 2)
    client.post(f"/api/v1/piscines/{piscine.id}/booking", headers=auth_header(a))
    assert (
        client.post(f"/api/v1/piscines/{piscine.id}/booking", headers=auth_header(b)).status_code
        == 409
    )
    staff = auth_header(make_user(roles=("staff",)))
    r = client.patch(f"/api/v1/piscines/{piscine.id}", json={"capacity": 0}, headers=staff)
    assert r.status_code == 422 and "capacity" in r.json["error"]["fields"]
    r = client.patch(
        f"/api/v1/piscines/{piscine.id}", json={"capacity": 2, "name": ""}, headers=staff
    )
    assert r.status_code == 422
    db.session.expire_all()
    assert db.session.get(Piscine, piscine.id).capacity == 1
    r = client.patch(f"/api/v1/piscines/{piscine.id}", json={"capacity": 2}, headers=staff)
    assert r.status_code == 200 and r.json["seats_taken"] == 2
    assert Booking.query.filter_by(user_id=b.id).one().status == "booked"
    assert (
        client.patch(
            f"/api/v1/piscines/{piscine.id}", json={"capacity": 9}, headers=auth_header(a)
        ).status_code
        == 403
    )


def test_close_booking_now_from_the_page(client, make_user, make_piscine):
    piscine = make_piscine(capacity=5, feedback="immediate")
    staff = make_user(roles=("staff",))
    login(client, staff.email)
    r = client.post(
        f"/staff/piscines/{piscine.id}/settings",
        data={"name": piscine.name, "capacity": 5, "close_now": "1"},
    )
    assert r.status_code == 302
    db.session.expire_all()
    closes = db.session.get(Piscine, piscine.id).booking_closes_at
    assert closes is not None and closes <= datetime.now(UTC) + timedelta(seconds=1)
    r = client.post(f"/staff/piscines/{piscine.id}/settings", data={"name": "", "capacity": -3})
    assert r.status_code == 422 and 'aria-invalid="true"' in r.get_data(as_text=True)
