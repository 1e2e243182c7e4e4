"""/api/v1 peer evaluations: a whole evaluation between two candidates (publish, book, names
hidden then shown, the work and the scale, submit, rate, points moved), staff's list, void,
re-open, points and scales, and bad input on each endpoint (a clear JSON error, nothing
changed)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from school101.extensions import db
from school101.models import AuditLog, AvailabilitySlot, Evaluation, PointsEntry, Submission
from school101.services.grading.runs import snapshot
from tests.conftest import count
from tests.evaluations.conftest import DAY, NOW

LATER = NOW + timedelta(hours=2)  # 12:00 Paris
FEEDBACK = "Code clair, bonnes explications ; pensez aux entrées vides et aux très grands nombres."
SOURCE = b"#include <unistd.h>\n\nvoid\tft_putchar(char c)\n{\n\twrite(1, &c, 1);\n}\n"


class Clock:
    """The API's clock, set by the test."""

    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock(NOW)
    monkeypatch.setattr("school101.api.evaluations.utcnow", clock)
    return clock


@pytest.fixture
def pair(piscine, candidates, auth_header):
    """(evaluated, evaluator) with their headers; the evaluated turned in a real file."""
    evaluated, evaluator = candidates(2)
    db.session.add(
        Submission(
            user_id=evaluated.id,
            exercise=f"{DAY}/ex00",
            piscine_id=piscine.id,
            day_id=DAY,
            archive=snapshot({"ft_putchar.c": SOURCE}),
            sha256="1" * 64,
            size=len(SOURCE),
            file_count=1,
        )
    )
    db.session.commit()
    return (evaluated, auth_header(evaluated)), (evaluator, auth_header(evaluator))


def _iso(moment):
    return moment.isoformat()


def _publish(client, piscine, headers, start=LATER, minutes=60):
    return client.post(
        f"/api/v1/piscines/{piscine.id}/availability",
        json={"starts_at": _iso(start), "ends_at": _iso(start + timedelta(minutes=minutes))},
        headers=headers,
    )


def _book(client, piscine, headers, start=LATER, day_id=DAY):
    return client.post(
        f"/api/v1/piscines/{piscine.id}/evaluations",
        json={"day_id": day_id, "starts_at": _iso(start)},
        headers=headers,
    )


@pytest.fixture
def booked(client, clock, piscine, pair):
    (evaluated, he), (evaluator, hr) = pair
    assert _publish(client, piscine, hr).status_code == 201
    r = _book(client, piscine, he)
    assert r.status_code == 201, r.json
    return r.json["id"], pair


def test_a_whole_evaluation_between_two_candidates(client, clock, piscine, pair):
    (evaluated, he), (evaluator, hr) = pair
    start_points = piscine.evaluation_points
    r = client.get(f"/api/v1/piscines/{piscine.id}/evaluations/needs", headers=he)
    assert r.status_code == 200
    assert r.json == {
        "points": start_points,
        "needs": [{"day_id": DAY, "required": 2, "booked": 0}],
    }

    # the evaluator offers an hour, sees it listed
    r = _publish(client, piscine, hr)
    assert r.status_code == 201 and r.json["starts_at"] == "2027-01-12T11:00:00+00:00"
    windows = client.get(f"/api/v1/piscines/{piscine.id}/availability", headers=hr).json
    assert [w["id"] for w in windows] == [r.json["id"]]

    # the evaluated books: names hidden on both sides until 15 minutes before
    r = _book(client, piscine, he)
    assert r.status_code == 201, r.json
    eid = r.json["id"]
    assert r.json["status"] == "booked" and r.json["names_visible"] is False
    assert r.json["evaluator"] is None and r.json["evaluated"]["id"] == evaluated.id
    mine = client.get("/api/v1/evaluations", headers=hr).json
    assert mine["total"] == 1 and mine["items"][0]["role"] == "evaluator"
    assert mine["items"][0]["evaluated"] is None
    detail = client.get(f"/api/v1/evaluations/{eid}", headers=hr).json
    assert detail["work"] is None and detail["scale"] is None
    needs = client.get(f"/api/v1/piscines/{piscine.id}/evaluations/needs", headers=he).json
    assert needs["points"] == start_points - 1 and needs["needs"][0]["booked"] == 1

    # 15 minutes before: names and the work appear; the scale waits for the start
    clock.now = LATER - timedelta(minutes=15)
    detail = client.get(f"/api/v1/evaluations/{eid}", headers=hr).json
    assert detail["names_visible"] and detail["evaluated"]["name"] == evaluated.full_name
    assert detail["scale"] is None
    (sub,) = detail["work"]["submissions"]
    assert sub["exercise"] == f"{DAY}/ex00"
    assert sub["files"] == [{"name": "ft_putchar.c", "size": len(SOURCE), "text": SOURCE.decode()}]
    assert detail["work"]["grading"]["state"] == "submitted"
    seen_by_evaluated = client.get(f"/api/v1/evaluations/{eid}", headers=he).json
    assert seen_by_evaluated["evaluator"]["id"] == evaluator.id

    # at the start the evaluator reads the scale in their language and fills it
    clock.now = LATER
    detail = client.get(f"/api/v1/evaluations/{eid}", headers={**hr, "Accept-Language": "en"}).json
    assert detail["scale"]["intro"] == "Be polite."
    assert [q["id"] for q in detail["scale"]["sections"][0]["questions"]] == ["works", "explains"]
    assert {"id": "cheat", "label": "Cheat", "zero": True, "to_staff": True} in detail["scale"][
        "flags"
    ]
    fr = client.get(f"/api/v1/evaluations/{eid}", headers=hr).json
    assert fr["scale"]["sections"][0]["title"] == "Exercice 00"
    r = client.post(
        f"/api/v1/evaluations/{eid}/submit",
        json={"answers": {"works": 1, "explains": 3}, "flags": ["ok"], "feedback": FEEDBACK},
        headers=hr,
    )
    assert r.status_code == 200, r.json
    assert r.json["status"] == "submitted" and r.json["mark"] == 84

    # the evaluated person reads mark and feedback, rates them: final
    detail = client.get(f"/api/v1/evaluations/{eid}", headers=he).json
    assert detail["mark"] == 84 and detail["feedback"] == FEEDBACK
    assert detail["answers"] == {"works": 1, "explains": 3} and detail["work"] is None
    r = client.post(
        f"/api/v1/evaluations/{eid}/rate", json={"rating": 4, "comment": "Merci !"}, headers=he
    )
    assert r.status_code == 200 and r.json["status"] == "done" and r.json["final"] is True

    # points moved: one spent by the evaluated, one earned by the evaluator
    clock.now = LATER + timedelta(hours=1)
    assert (
        client.get(f"/api/v1/piscines/{piscine.id}/evaluations/needs", headers=he).json["points"]
        == start_points - 1
    )
    assert (
        client.get(f"/api/v1/piscines/{piscine.id}/evaluations/needs", headers=hr).json["points"]
        == start_points + 1
    )
    actions = [a.action for a in AuditLog.query.order_by(AuditLog.id)]
    for action in ("availability.published", "evaluation.booked", "evaluation.submitted"):
        assert action in actions
    assert actions[-1] == "evaluation.rated"


def test_cancel_withdraw_and_no_show(client, clock, piscine, booked):
    eid, ((evaluated, he), (evaluator, hr)) = booked
    r = client.post(f"/api/v1/evaluations/{eid}/no-show", headers=he)
    assert r.status_code == 409 and r.json["error"]["code"] == "not_started"
    r = client.post(f"/api/v1/evaluations/{eid}/cancel", headers=he)
    assert r.status_code == 200 and r.json["status"] == "cancelled"
    assert client.post(f"/api/v1/evaluations/{eid}/cancel", headers=he).status_code == 409
    slot = db.session.scalars(db.select(AvailabilitySlot)).one()
    r = client.delete(f"/api/v1/piscines/{piscine.id}/availability/{slot.id}", headers=hr)
    assert r.status_code == 204 and count(AvailabilitySlot) == 0
    # a new booking, then the evaluator does not come
    assert _publish(client, piscine, hr).status_code == 201
    eid = _book(client, piscine, he).json["id"]
    clock.now = LATER + timedelta(minutes=10)
    r = client.post(f"/api/v1/evaluations/{eid}/no-show", headers=he)
    assert r.status_code == 200 and r.json["no_show_of"] == "evaluator" and r.json["to_staff"]


def test_staff_list_void_reopen_grant_and_scales(
    client, clock, piscine, booked, staff, auth_header
):
    eid, ((evaluated, _he), (evaluator, _hr)) = booked
    hs = auth_header(staff)
    r = client.get(f"/api/v1/piscines/{piscine.id}/evaluations?status=pending", headers=hs)
    assert r.status_code == 200 and r.json["total"] == 1
    row = r.json["items"][0]
    assert row["role"] == "staff" and row["evaluator"]["id"] == evaluator.id
    done = client.get(f"/api/v1/piscines/{piscine.id}/evaluations?status=done", headers=hs)
    assert done.json["total"] == 0
    detail = client.get(f"/api/v1/evaluations/{eid}", headers=hs).json
    assert detail["scale"]["intro"] == "Soyez courtois." and detail["work"]["submissions"]

    r = client.post(f"/api/v1/evaluations/{eid}/void", json={"reason": "malade"}, headers=hs)
    assert r.status_code == 200 and r.json["status"] == "voided"
    assert (
        client.get(f"/api/v1/piscines/{piscine.id}/evaluations?status=cancelled", headers=hs).json[
            "total"
        ]
        == 1
    )
    r = client.post(
        f"/api/v1/evaluations/{eid}/reopen", json={"reason": "faite en salle"}, headers=hs
    )
    assert r.status_code == 200 and r.json["status"] == "booked"

    r = client.post(
        f"/api/v1/piscines/{piscine.id}/points",
        json={"user_id": evaluated.id, "amount": 3, "reason": "aide en salle"},
        headers=hs,
    )
    assert r.status_code == 200
    assert r.json == {"user_id": evaluated.id, "balance": piscine.evaluation_points + 3}

    r = client.get(f"/api/v1/scales/{DAY}", headers=hs)
    assert r.status_code == 200 and r.json["edited"] is False
    scale = r.json["scale"]
    scale["intro"]["fr"] = "Soyez bienveillant."
    r = client.put(f"/api/v1/scales/{DAY}", json={"scale": scale}, headers=hs)
    assert r.status_code == 200 and r.json["edited"] is True
    assert client.get(f"/api/v1/scales/{DAY}", headers=hs).json["scale"]["intro"]["fr"] == (
        "Soyez bienveillant."
    )
    r = client.delete(f"/api/v1/scales/{DAY}", headers=hs)  # back to the shipped scale
    assert r.status_code == 200 and r.json["edited"] is False
    assert r.json["scale"]["intro"]["fr"] != "Soyez bienveillant."
    r = client.delete(f"/api/v1/scales/{DAY}", headers=hs)  # nothing left to drop
    assert r.status_code == 404
    actions = {a.action for a in AuditLog.query}
    expected = {"evaluation.voided", "evaluation.reopened", "points.granted", "scale.saved"}
    assert expected | {"scale.reset"} <= actions


def test_a_reopened_evaluation_earns_its_evaluator_one_point_only(
    client, clock, piscine, booked, staff, auth_header
):
    """Re-opened and submitted again, an evaluation does not pay its evaluator twice."""
    eid, ((evaluated, he), (evaluator, hr)) = booked
    hs = auth_header(staff)
    clock.now = LATER
    body = {"answers": {"works": 1, "explains": 3}, "flags": [], "feedback": FEEDBACK}
    assert (
        client.post(f"/api/v1/evaluations/{eid}/submit", json=body, headers=hr).status_code == 200
    )
    r = client.post(f"/api/v1/evaluations/{eid}/reopen", json={"reason": "revoir"}, headers=hs)
    assert r.status_code == 200
    assert (
        client.post(f"/api/v1/evaluations/{eid}/submit", json=body, headers=hr).status_code == 200
    )
    needs = client.get(f"/api/v1/piscines/{piscine.id}/evaluations/needs", headers=hr).json
    assert needs["points"] == piscine.evaluation_points + 1
    assert PointsEntry.query.filter_by(user_id=evaluator.id, reason="earned").count() == 1


# ---------------------------------------------------------------- bad input


def _nothing_changed(before):
    db.session.expire_all()
    assert (count(Evaluation), count(AvailabilitySlot), count(PointsEntry)) == before


def _snapshot():
    return count(Evaluation), count(AvailabilitySlot), count(PointsEntry)


@pytest.mark.parametrize(
    "body, field",
    [
        ({"starts_at": "2027-01-12T12:00:00", "ends_at": "2027-01-12T13:00:00+01:00"}, "starts_at"),
        ({"starts_at": "demain", "ends_at": "2027-01-12T13:00:00+01:00"}, "starts_at"),
        ({"ends_at": "2027-01-12T13:00:00+01:00"}, "starts_at"),
        (
            {"starts_at": "2027-01-12T12:05:00+01:00", "ends_at": "2027-01-12T13:00:00+01:00"},
            "starts_at",
        ),
        (
            {"starts_at": "2027-01-12T12:00:00+01:00", "ends_at": "2027-01-12T12:15:00+01:00"},
            "ends_at",
        ),
        (
            {"starts_at": "2027-01-12T06:00:00+01:00", "ends_at": "2027-01-12T07:00:00+01:00"},
            "starts_at",
        ),
    ],
)
def test_bad_windows(client, clock, piscine, pair, body, field):
    _e, (_u, hr) = pair
    before = _snapshot()
    r = client.post(f"/api/v1/piscines/{piscine.id}/availability", json=body, headers=hr)
    assert r.status_code == 422, r.json
    assert field in r.json["error"]["fields"]
    _nothing_changed(before)


@pytest.mark.parametrize(
    "body, status, field",
    [
        ({"day_id": "c99", "starts_at": "2027-01-12T12:00:00+01:00"}, 422, "day_id"),
        ({"day_id": DAY, "starts_at": "2027-01-12T12:07:00+01:00"}, 422, "starts_at"),
        ({"day_id": DAY, "starts_at": "2027-01-12T10:05:00+01:00"}, 422, "starts_at"),
        ({"day_id": DAY}, 422, "starts_at"),
        ({"day_id": 3, "starts_at": "2027-01-12T12:00:00+01:00"}, 422, "day_id"),
        ({"day_id": DAY, "starts_at": "2027-01-12T16:00:00+01:00"}, 409, None),  # nobody free
    ],
)
def test_bad_bookings(client, clock, piscine, pair, body, status, field):
    (_u, he), (_v, hr) = pair
    assert _publish(client, piscine, hr).status_code == 201
    before = _snapshot()
    r = client.post(f"/api/v1/piscines/{piscine.id}/evaluations", json=body, headers=he)
    assert r.status_code == status, r.json
    if field:
        assert field in r.json["error"]["fields"]
    else:
        assert r.json["error"]["code"] == "no_evaluator"
    _nothing_changed(before)


@pytest.mark.parametrize(
    "body, field",
    [
        ({"answers": {"works": 1}, "feedback": FEEDBACK}, "answers.explains"),
        ({"answers": {"works": 2, "explains": 3}, "feedback": FEEDBACK}, "answers.works"),
        (
            {"answers": {"works": 1, "explains": 3}, "flags": ["great"], "feedback": FEEDBACK},
            "flags",
        ),
        ({"answers": {"works": 1, "explains": 3}, "feedback": "Bien."}, "feedback"),
        ({"answers": "all good", "feedback": FEEDBACK}, "answers"),
        ({"answers": {"works": 1, "explains": 3}}, "feedback"),
    ],
)
def test_bad_scales(client, clock, booked, body, field):
    eid, (_e, (_v, hr)) = booked
    clock.now = LATER
    before = _snapshot()
    r = client.post(f"/api/v1/evaluations/{eid}/submit", json=body, headers=hr)
    assert r.status_code == 422 and field in r.json["error"]["fields"], r.json
    _nothing_changed(before)
    assert db.session.get(Evaluation, eid).status == "booked"


def test_bad_ratings_and_wrong_sides(client, clock, booked):
    eid, ((_u, he), (_v, hr)) = booked
    clock.now = LATER
    body = {"answers": {"works": 1, "explains": 3}, "feedback": FEEDBACK}
    r = client.post(f"/api/v1/evaluations/{eid}/submit", json=body, headers=he)
    assert r.status_code == 403 and r.json["error"]["code"] == "not_evaluator"
    assert (
        client.post(f"/api/v1/evaluations/{eid}/submit", json=body, headers=hr).status_code == 200
    )
    for bad in ({"rating": 5}, {"rating": "4"}, {"rating": True}, {}, {"rating": 3, "comment": 7}):
        r = client.post(f"/api/v1/evaluations/{eid}/rate", json=bad, headers=he)
        assert r.status_code == 422, (bad, r.json)
        assert set(r.json["error"]["fields"]) <= {"rating", "comment"}
    r = client.post(f"/api/v1/evaluations/{eid}/rate", json={"rating": 3}, headers=hr)
    assert r.status_code == 403 and r.json["error"]["code"] == "not_evaluated"
    assert db.session.get(Evaluation, eid).status == "submitted"
    r = client.post(
        f"/api/v1/evaluations/{eid}/submit",
        data="{not json",
        headers={**hr, "Content-Type": "application/json"},
    )
    assert r.status_code == 400 and r.json["error"]["code"] == "malformed_json"


def test_someone_elses_evaluation_is_not_found(client, clock, candidates, booked, auth_header):
    eid, _pair = booked
    (stranger,) = candidates(1)
    h = auth_header(stranger)
    for method, path in [
        ("get", f"/api/v1/evaluations/{eid}"),
        ("post", f"/api/v1/evaluations/{eid}/cancel"),
        ("post", f"/api/v1/evaluations/{eid}/no-show"),
        ("post", f"/api/v1/evaluations/{eid}/submit"),
        ("post", f"/api/v1/evaluations/{eid}/rate"),
        ("get", "/api/v1/evaluations/999999"),
    ]:
        body = (
            {"answers": {}, "feedback": FEEDBACK}
            if path.endswith("submit")
            else {"rating": 1}
            if path.endswith("rate")
            else None
        )
        r = getattr(client, method)(path, json=body, headers=h)
        assert r.status_code == 404, (path, r.json)
        assert r.json["error"]["code"] == "not_found"
    assert client.get("/api/v1/evaluations", headers=h).json["total"] == 0
    assert db.session.get(Evaluation, eid).status == "booked"


def test_someone_elses_window_is_not_found(client, clock, piscine, pair):
    (_u, he), (_v, hr) = pair
    slot_id = _publish(client, piscine, hr).json["id"]
    r = client.delete(f"/api/v1/piscines/{piscine.id}/availability/{slot_id}", headers=he)
    assert r.status_code == 404
    r = client.delete(f"/api/v1/piscines/{piscine.id + 1}/availability/{slot_id}", headers=hr)
    assert r.status_code == 404
    assert count(AvailabilitySlot) == 1


def test_without_a_seat_or_a_piscine(client, clock, piscine, make_user, auth_header):
    h = auth_header(make_user())
    for path in ("evaluations/needs", "availability"):
        r = client.get(f"/api/v1/piscines/{piscine.id}/{path}", headers=h)
        assert r.status_code == 403 and r.json["error"]["code"] == "no_seat"
    r = client.get("/api/v1/piscines/999999/evaluations/needs", headers=h)
    assert r.status_code == 404
    r = _book(client, piscine, h)
    assert r.status_code == 403 and r.json["error"]["code"] == "no_seat"
    assert client.get(f"/api/v1/piscines/{piscine.id}/availability").status_code == 401


def test_candidates_are_refused_staff_endpoints(client, clock, piscine, booked):
    eid, ((evaluated, he), _r) = booked
    before = _snapshot()
    for method, path, body in [
        ("get", f"/api/v1/piscines/{piscine.id}/evaluations", None),
        ("post", f"/api/v1/evaluations/{eid}/void", {"reason": "x"}),
        ("post", f"/api/v1/evaluations/{eid}/reopen", {"reason": "x"}),
        (
            "post",
            f"/api/v1/piscines/{piscine.id}/points",
            {"user_id": evaluated.id, "amount": 5, "reason": "x"},
        ),
        ("get", f"/api/v1/scales/{DAY}", None),
        ("put", f"/api/v1/scales/{DAY}", {"scale": {}}),
        ("delete", f"/api/v1/scales/{DAY}", None),
    ]:
        r = getattr(client, method)(path, json=body, headers=he)
        assert r.status_code == 403, path
        assert r.json["error"]["code"] == "forbidden"
    _nothing_changed(before)


def test_bad_staff_input(client, clock, piscine, booked, staff, auth_header):
    eid, ((evaluated, _he), _r) = booked
    hs = auth_header(staff)
    before = _snapshot()
    cases = [
        ("get", f"/api/v1/piscines/{piscine.id}/evaluations?status=lost", None, 422, "status"),
        ("get", f"/api/v1/piscines/{piscine.id}/evaluations?page=0", None, 422, "page"),
        ("get", "/api/v1/piscines/999999/evaluations", None, 404, None),
        ("post", f"/api/v1/evaluations/{eid}/void", {"reason": "  "}, 422, "reason"),
        ("post", f"/api/v1/evaluations/{eid}/void", {}, 422, "reason"),
        ("post", f"/api/v1/evaluations/{eid}/reopen", {"reason": "x"}, 409, None),
        ("post", "/api/v1/evaluations/999999/void", {"reason": "x"}, 404, None),
        (
            "post",
            f"/api/v1/piscines/{piscine.id}/points",
            {"user_id": evaluated.id, "amount": 0, "reason": "x"},
            422,
            "amount",
        ),
        (
            "post",
            f"/api/v1/piscines/{piscine.id}/points",
            {"user_id": evaluated.id, "amount": "3", "reason": "x"},
            422,
            "amount",
        ),
        (
            "post",
            f"/api/v1/piscines/{piscine.id}/points",
            {"user_id": evaluated.id, "amount": 500, "reason": "x"},
            422,
            "amount",
        ),
        (
            "post",
            f"/api/v1/piscines/{piscine.id}/points",
            {"user_id": evaluated.id, "amount": 3},
            422,
            "reason",
        ),
        (
            "post",
            f"/api/v1/piscines/{piscine.id}/points",
            {"user_id": evaluated.id, "amount": -40, "reason": "x"},
            409,
            None,
        ),
        (
            "post",
            f"/api/v1/piscines/{piscine.id}/points",
            {"user_id": 999999, "amount": 3, "reason": "x"},
            422,
            "user_id",
        ),
        (
            "post",
            f"/api/v1/piscines/{piscine.id}/points",
            {"user_id": staff.id, "amount": 3, "reason": "x"},
            422,
            "user_id",
        ),
        (
            "post",
            "/api/v1/piscines/999999/points",
            {"user_id": evaluated.id, "amount": 3, "reason": "x"},
            404,
            None,
        ),
        ("get", "/api/v1/scales/c99", None, 404, None),
        ("put", "/api/v1/scales/c99", {"scale": {"intro": {}}}, 404, None),
        (
            "put",
            f"/api/v1/scales/{DAY}",
            {"scale": {"intro": {"fr": "x"}, "sections": []}},
            422,
            "intro",
        ),
        ("put", f"/api/v1/scales/{DAY}", {"scale": "texte"}, 422, "scale"),
    ]
    for method, path, body, status, field in cases:
        r = getattr(client, method)(path, json=body, headers=hs)
        assert r.status_code == status, (path, body, r.json)
        assert r.is_json and "error" in r.json
        if field:
            assert field in r.json["error"]["fields"], (path, body, r.json)
    _nothing_changed(before)
    assert client.get(f"/api/v1/scales/{DAY}", headers=hs).json["edited"] is False
    assert db.session.get(Evaluation, eid).status == "booked"


def test_notices_follow_an_evaluation_in_the_api_and_on_the_pages(
    app, client, clock, piscine, booked, monkeypatch
):
    """Booked: both sides told, nobody named; from 15 minutes before: named; feedback: the
    evaluated person is told to rate it; once rated, nothing left to say."""
    from school101.piscine import candidate_routes
    from school101.services.evaluations import evaluating
    from tests.fixtures.people import client_for

    monkeypatch.setattr(candidate_routes, "utcnow", clock)
    eid, ((evaluated, he), (evaluator, hr)) = booked
    url = f"/api/v1/piscines/{piscine.id}/evaluations/notices"
    (mine,) = client.get(url, headers=he).json["notices"]
    assert (mine["kind"], mine["role"], mine["other"]) == ("upcoming", "evaluated", None)
    (theirs,) = client.get(url, headers=hr).json["notices"]
    assert (theirs["kind"], theirs["role"], theirs["other"]) == ("upcoming", "evaluator", None)
    page = client_for(app, evaluated).get(f"/piscine/{piscine.id}/").data.decode()
    assert "révélé·e 15 minutes avant" in page and evaluator.last_name not in page

    clock.now = LATER - timedelta(minutes=10)
    (mine,) = client.get(url, headers=he).json["notices"]
    assert mine["other"]["id"] == evaluator.id
    page = client_for(app, evaluated).get(f"/piscine/{piscine.id}/").data.decode()
    assert f"votre évaluateur·rice est {evaluator.full_name}" in page

    clock.now = LATER + timedelta(minutes=5)
    e = db.session.get(Evaluation, eid)
    evaluating.submit(evaluator, e, {"works": 1, "explains": 5}, [], FEEDBACK, now=clock.now)
    db.session.commit()
    (mine,) = client.get(url, headers=he).json["notices"]
    assert (mine["kind"], mine["mark"], mine["can_rate"]) == ("feedback", 100, True)
    assert client.get(url, headers=hr).json["notices"] == []  # the evaluator is done
    evaluating.rate(evaluated, e, 4, "", now=clock.now)
    db.session.commit()
    assert client.get(url, headers=he).json["notices"] == []
