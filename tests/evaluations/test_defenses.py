"""Rush defenses: a team books one defense after the deadline, the evaluator is never one of
its members, every member's quarter-hours are held, the booking member pays the point, and
the evaluator gives individual marks (absent 0, "can't explain" 0 for that member only);
bad input changes nothing."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy.exc import OperationalError

from school101.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from school101.extensions import db
from school101.models import (
    AuditLog,
    BusyQuarter,
    Evaluation,
    EvaluationMember,
    PiscineDay,
    PointsEntry,
    RushTeam,
    RushTeamMember,
    Submission,
)
from school101.services.evaluations import availability, booking, defenses, points
from tests.evaluations.conftest import DAY, NOW, SCALE, root_of

RUSH = "rush_t"
LATER = NOW + timedelta(hours=2)  # 12:00 Paris
FEEDBACK = "Projet propre, chacun a su expliquer sa partie ; pensez aux cas d'erreur du parseur."
ANSWERS = {"works": 1, "explains": 5}  # the full mark: 100


@pytest.fixture
def rush(app, piscine):
    """A rush `rush_t` (pairs) whose deadline passed an hour before NOW, with a scale."""
    root = root_of(app)
    (root / RUSH).mkdir(exist_ok=True)
    (root / RUSH / "day.toml").write_text(
        f'id = "{RUSH}"\nkind = "rush"\ntitle = {{ fr = "Rush", en = "Rush" }}\n'
        "team_size = 2\npeer_evaluations = 1\n"
    )
    (root / RUSH / "scale.toml").write_text(SCALE)
    db.session.add(
        PiscineDay(
            piscine_id=piscine.id,
            day_id=RUSH,
            kind="day",
            position=1,
            opens_at=NOW - timedelta(days=2),
            closes_at=NOW - timedelta(hours=1),
        )
    )
    db.session.commit()
    return RUSH


def _team(piscine, people, number=1, day_id=RUSH):
    team = RushTeam(piscine_id=piscine.id, day_id=day_id, number=number)
    db.session.add(team)
    db.session.flush()
    for user in people:
        db.session.add(
            RushTeamMember(team_id=team.id, piscine_id=piscine.id, day_id=day_id, user_id=user.id)
        )
    db.session.commit()
    return team


def _offer(user, piscine, start=LATER, minutes=60):
    availability.publish(user, piscine, start, start + timedelta(minutes=minutes), now=NOW)
    db.session.commit()


@pytest.fixture
def booked(piscine, candidates, rush):
    """(defense, [a, b, c] the team of three, evaluator): booked by a for 12:00."""
    a, b, c, evaluator = candidates(4)
    _team(piscine, [a, b, c])
    _offer(evaluator, piscine)
    defense = defenses.book_defense(a, piscine, RUSH, LATER, now=NOW)
    db.session.commit()
    return defense, [a, b, c], evaluator


def test_a_team_books_one_defense_and_the_booking_member_pays(piscine, booked):
    defense, (a, b, c), evaluator = booked
    assert defense.team_id is not None and defense.evaluated_id == a.id
    assert defense.evaluator_id == evaluator.id and defense.status == "booked"
    rows = EvaluationMember.query.filter_by(evaluation_id=defense.id).all()
    assert sorted(r.user_id for r in rows) == sorted([a.id, b.id, c.id])
    # four people hold the two quarter-hours
    assert BusyQuarter.query.filter_by(evaluation_id=defense.id).count() == 8
    start = piscine.evaluation_points
    assert points.balance(piscine, a.id) == start - 1
    assert points.balance(piscine, b.id) == start and points.balance(piscine, c.id) == start
    assert AuditLog.query.filter_by(action="defense.booked").count() == 1
    # the team has its defense: another member cannot book a second one
    with pytest.raises(Conflict) as caught:
        defenses.book_defense(b, piscine, RUSH, LATER + timedelta(hours=2), now=NOW)
    assert caught.value.code == "defense_exists"
    assert defenses.defense_needs(b, piscine, now=NOW) == []


def test_the_evaluator_is_never_a_member_of_the_team(piscine, candidates, rush):
    a, b, outsider = candidates(3)
    _team(piscine, [a, b])
    for user in (a, b):  # both members offer that very time: neither may be drawn
        _offer(user, piscine)
    with pytest.raises(Conflict) as caught:
        defenses.book_defense(a, piscine, RUSH, LATER, now=NOW)
    assert caught.value.code == "no_evaluator"
    db.session.rollback()
    _offer(outsider, piscine)
    defense = defenses.book_defense(a, piscine, RUSH, LATER, now=NOW)
    assert defense.evaluator_id == outsider.id


def test_members_are_held_and_cannot_be_booked_elsewhere_then(piscine, booked, candidates):
    defense, (a, b, c), evaluator = booked
    other = candidates(1)[0]
    _offer(other, piscine, minutes=120)
    # b (not the booking member) has an evaluation of the day to book: not at the defense
    with pytest.raises(Conflict) as caught:
        booking.book(b, piscine, DAY, LATER, now=NOW)
    assert caught.value.code == "busy_then"
    db.session.rollback()
    # nor can b be drawn as someone's evaluator then
    assert b.id not in booking.free_evaluators(other, piscine, LATER)
    # after the defense b is free again
    assert booking.book(b, piscine, DAY, LATER + timedelta(minutes=30), now=NOW).evaluator_id


def test_a_member_busy_then_stops_the_booking_and_nothing_changes(piscine, candidates, rush):
    a, b, evaluator, someone = candidates(4)
    _team(piscine, [a, b])
    _offer(b, piscine)
    booking.book(someone, piscine, DAY, LATER, now=NOW)  # b evaluates someone at 12:00
    db.session.commit()
    _offer(evaluator, piscine)
    before = BusyQuarter.query.count()
    with pytest.raises(Conflict) as caught:
        defenses.book_defense(a, piscine, RUSH, LATER, now=NOW)
    assert caught.value.code == "busy_then"
    db.session.rollback()
    assert BusyQuarter.query.count() == before
    assert Evaluation.query.filter(Evaluation.team_id.isnot(None)).count() == 0
    assert points.balance(piscine, a.id) == piscine.evaluation_points


def test_bad_bookings_change_nothing(piscine, candidates, rush):
    a, b, loner, evaluator = candidates(4)
    _team(piscine, [a, b])
    _offer(evaluator, piscine)
    cases = [
        (a, DAY, LATER, ValidationFailed),  # not a rush
        (a, "nope", LATER, ValidationFailed),
        (a, RUSH, "12:00", ValidationFailed),
        (a, RUSH, LATER + timedelta(minutes=7), ValidationFailed),  # off the grid
        (a, RUSH, NOW + timedelta(minutes=5), ValidationFailed),  # less than 15 minutes ahead
        (loner, RUSH, LATER, ValidationFailed),  # in no team
    ]
    for user, day_id, start, error in cases:
        with pytest.raises(error):
            defenses.book_defense(user, piscine, day_id, start, now=NOW)
        db.session.rollback()
    # before the deadline
    with pytest.raises(ValidationFailed):
        defenses.book_defense(a, piscine, RUSH, LATER, now=NOW - timedelta(hours=2))
    db.session.rollback()
    # no point left
    points.move(piscine, a.id, -piscine.evaluation_points, "granted")
    db.session.commit()
    with pytest.raises(Conflict) as caught:
        defenses.book_defense(a, piscine, RUSH, LATER, now=NOW)
    assert caught.value.code == "no_points"
    db.session.rollback()
    assert Evaluation.query.count() == 0 and BusyQuarter.query.count() == 0
    assert EvaluationMember.query.count() == 0
    # b, who has points, can book for the team
    assert defenses.book_defense(b, piscine, RUSH, LATER, now=NOW).evaluated_id == b.id


def _members(defense, overrides=None):
    overrides = overrides or {}
    return [
        {"user_id": uid, "absent": False, "cannot_explain": False, **overrides.get(uid, {})}
        for uid in defenses.member_ids(defense)
    ]


def test_individual_marks_absent_zero_and_cannot_explain_for_one(piscine, booked):
    defense, (a, b, c), evaluator = booked
    at = LATER + timedelta(minutes=5)
    members = _members(defense, {b.id: {"absent": True}, c.id: {"cannot_explain": True}})
    defenses.submit_defense(evaluator, defense, ANSWERS, [], FEEDBACK, members, now=at)
    db.session.commit()
    marks = {m.user_id: m.mark for m in defense.members}
    assert marks == {a.id: 100, b.id: 0, c.id: 0}
    assert defense.mark == 100 and defense.status == "submitted"
    assert defense.to_staff  # "can't explain" goes to staff, as the flag does
    assert defenses.individual(defense, c.id).cannot_explain
    assert defenses.individual(defense, b.id).absent
    # the evaluator earned one point; the members paid nothing more
    assert points.balance(piscine, evaluator.id) == piscine.evaluation_points + 1
    assert points.balance(piscine, b.id) == piscine.evaluation_points
    assert AuditLog.query.filter_by(action="defense.members_marked").count() == 1


def test_everyone_present_keeps_the_team_mark(piscine, booked):
    defense, (a, b, c), evaluator = booked
    at = LATER + timedelta(minutes=5)
    answers = {"works": 1, "explains": 2}  # 6 + 4 x 2/5 of 10: 76
    defenses.submit_defense(evaluator, defense, answers, [], FEEDBACK, _members(defense), now=at)
    db.session.commit()
    assert {m.mark for m in defense.members} == {76} and not defense.to_staff


def test_every_member_sees_the_defense_others_do_not(piscine, booked, candidates, staff):
    defense, (a, b, c), evaluator = booked
    for user in (a, b, c, evaluator, staff):
        assert defenses.get_visible(user, defense.id).id == defense.id
    outsider = candidates(1)[0]
    with pytest.raises(NotFound):
        defenses.get_visible(outsider, defense.id)
    assert [d.id for d in defenses.defenses_of(c, piscine)] == [defense.id]
    assert defenses.defenses_of(evaluator, piscine) == []


def test_bad_member_answers_change_nothing(piscine, booked):
    defense, (a, b, c), evaluator = booked
    at = LATER + timedelta(minutes=5)
    bad = [
        "present",
        _members(defense)[:2],  # a member missing
        [*_members(defense), {"user_id": 999999, "absent": False}],  # a stranger
        _members(defense, {b.id: {"absent": "yes"}}),
        _members(defense, {b.id: {"absent": True, "cannot_explain": True}}),
    ]
    for members in bad:
        with pytest.raises(ValidationFailed):
            defenses.submit_defense(evaluator, defense, ANSWERS, [], FEEDBACK, members, now=at)
        db.session.rollback()
    with pytest.raises(Forbidden):  # a member cannot mark the team
        defenses.submit_defense(a, defense, ANSWERS, [], FEEDBACK, _members(defense), now=at)
    db.session.rollback()
    db.session.expire_all()
    defense = db.session.get(Evaluation, defense.id)
    assert defense.status == "booked" and defense.mark is None
    assert all(m.mark is None for m in defense.members)
    assert PointsEntry.query.filter_by(reason="earned").count() == 0


def test_cancelling_releases_every_member_and_refunds_the_booker(piscine, booked):
    defense, (a, b, c), evaluator = booked
    booking.cancel(a, defense, now=NOW)
    db.session.commit()
    assert BusyQuarter.query.count() == 0
    assert points.balance(piscine, a.id) == piscine.evaluation_points
    assert defenses.defense_needs(b, piscine, now=NOW)[0]["day_id"] == RUSH


def test_staff_take_a_defense_over(piscine, booked, candidates, staff):
    defense, (a, b, c), evaluator = booked
    with pytest.raises(Forbidden):
        defenses.take_over(b, defense, now=NOW)
    defenses.take_over(staff, defense, now=NOW)
    db.session.commit()
    assert defense.evaluator_id == staff.id
    held = {q.user_id for q in BusyQuarter.query.filter_by(evaluation_id=defense.id)}
    assert held == {a.id, b.id, c.id, staff.id}  # the drawn candidate is free again
    assert AuditLog.query.filter_by(action="defense.taken_over").count() == 1


def test_staff_take_a_defense_over_from_their_page(app, monkeypatch, piscine, booked, staff):
    from school101.piscine import staff_evaluation_routes
    from tests.fixtures.people import client_for

    clock = {"now": NOW}
    monkeypatch.setattr(staff_evaluation_routes, "utcnow", lambda: clock["now"])
    defense, (a, b, c), evaluator = booked
    cs, ca = client_for(app, staff), client_for(app, a)
    url = f"/staff/piscines/{piscine.id}/evaluations/{defense.id}/take-over"
    page = cs.get(f"/staff/piscines/{piscine.id}/evaluations").data.decode()
    assert url in page  # the button is there for a booked defense not started yet
    assert ca.post(url).status_code in (403, 404)  # a candidate cannot
    clock["now"] = LATER + timedelta(minutes=1)  # started: refused with a message, unchanged
    r = cs.post(url, follow_redirects=True)
    assert "pas commencé peut être reprise" in r.data.decode().replace("&#39;", "'")
    db.session.expire_all()
    assert db.session.get(Evaluation, defense.id).evaluator_id == evaluator.id
    clock["now"] = NOW
    r = cs.post(url)
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/evaluations/{defense.id}")
    db.session.expire_all()
    assert db.session.get(Evaluation, defense.id).evaluator_id == staff.id
    assert AuditLog.query.filter_by(action="defense.taken_over").count() == 1
    page = cs.get(f"/staff/piscines/{piscine.id}/evaluations").data.decode()
    assert url not in page  # staff evaluate it now: no button


# ---------------------------------------------------------------- the API


@pytest.fixture
def api_clock(monkeypatch):
    class Clock:
        now = NOW

        def __call__(self):
            return self.now

    clock = Clock()
    monkeypatch.setattr("school101.api.defenses.utcnow", clock)
    monkeypatch.setattr("school101.api.evaluations.utcnow", clock)
    return clock


def test_a_defense_through_the_api(client, api_clock, piscine, candidates, rush, auth_header):
    a, b, evaluator, outsider = candidates(4)
    _team(piscine, [a, b])
    _offer(evaluator, piscine)
    ha, hb, he, ho = (auth_header(u) for u in (a, b, evaluator, outsider))
    base = f"/api/v1/piscines/{piscine.id}/defenses"
    needs = client.get(f"{base}/needs", headers=hb)
    assert needs.status_code == 200 and needs.json[0]["day_id"] == RUSH

    # bad input: a clear JSON error, nothing booked
    for body in (
        {"day_id": RUSH},
        {"day_id": RUSH, "starts_at": "midi"},
        {"day_id": DAY, "starts_at": LATER.isoformat()},
    ):
        r = client.post(base, json=body, headers=ha)
        assert r.status_code == 422 and r.json["error"]["code"], r.json
    r = client.post(base, json={"day_id": RUSH, "starts_at": LATER.isoformat()}, headers=ho)
    assert r.status_code == 422 and "day_id" in r.json["error"]["fields"]  # in no team
    assert Evaluation.query.count() == 0

    r = client.post(base, json={"day_id": RUSH, "starts_at": LATER.isoformat()}, headers=ha)
    assert r.status_code == 201, r.json
    eid = r.json["id"]
    r = client.post(base, json={"day_id": RUSH, "starts_at": LATER.isoformat()}, headers=hb)
    assert r.status_code == 409 and r.json["error"]["code"] == "defense_exists"

    # every member sees it; an outsider does not
    seen = client.get(f"/api/v1/defenses/{eid}", headers=hb).json
    assert seen["role"] == "member" and seen["work"] is None
    assert [m["user_id"] for m in seen["members"]] == [a.id, b.id]
    assert client.get(f"/api/v1/defenses/{eid}", headers=ho).status_code == 404
    assert [d["id"] for d in client.get(base, headers=hb).json] == [eid]

    api_clock.now = LATER + timedelta(minutes=5)
    body = {
        "answers": ANSWERS,
        "flags": [],
        "feedback": FEEDBACK,
        "members": [
            {"user_id": a.id, "absent": False, "cannot_explain": False},
            {"user_id": b.id, "absent": False, "cannot_explain": True},
        ],
    }
    bad = {**body, "members": [{"user_id": a.id}]}
    r = client.post(f"/api/v1/defenses/{eid}/submit", json=bad, headers=he)
    assert r.status_code == 422 and "members" in r.json["error"]["fields"]
    r = client.post(f"/api/v1/defenses/{eid}/submit", json=body, headers=hb)
    assert r.status_code == 403
    assert db.session.get(Evaluation, eid).status == "booked"
    r = client.post(f"/api/v1/defenses/{eid}/submit", json=body, headers=he)
    assert r.status_code == 200, r.json
    assert {m["user_id"]: m["mark"] for m in r.json["members"]} == {a.id: 100, b.id: 0}

    # each member sees their own individual mark only
    mine_a = client.get(f"/api/v1/defenses/{eid}", headers=ha).json
    mine_b = client.get(f"/api/v1/defenses/{eid}", headers=hb).json
    assert {m["user_id"]: m["mark"] for m in mine_a["members"]} == {a.id: 100, b.id: None}
    assert {m["user_id"]: m["mark"] for m in mine_b["members"]} == {a.id: None, b.id: 0}
    assert mine_b["mark"] == 100 and mine_b["scale"] is not None


# ---------------------------------------------------------------- the pages


def test_a_defense_through_the_pages(app, monkeypatch, piscine, candidates, rush):
    from school101.piscine import evaluation_routes
    from tests.fixtures.people import client_for

    clock = {"now": NOW}
    monkeypatch.setattr(evaluation_routes, "utcnow", lambda: clock["now"])
    a, b, evaluator = candidates(3)
    _team(piscine, [a, b])
    _offer(evaluator, piscine)
    ca, cb, ce = (client_for(app, u) for u in (a, b, evaluator))
    page = cb.get(f"/piscine/{piscine.id}/evaluations").data.decode()
    assert f"/evaluations/defense/{RUSH}" in page
    key = f"book-defense-{RUSH}"
    r = ca.post(
        f"/piscine/{piscine.id}/evaluations/defense/{RUSH}",
        data={f"{key}-date": "2027-01-12", f"{key}-starts_at": "12:07"},
    )
    assert r.status_code == 422 and Evaluation.query.count() == 0  # off the grid
    r = ca.post(
        f"/piscine/{piscine.id}/evaluations/defense/{RUSH}",
        data={f"{key}-date": "2027-01-12", f"{key}-starts_at": "12:00"},
    )
    assert r.status_code == 302, r.data.decode()[-2000:]
    defense = Evaluation.query.one()
    assert defense.team_id and defense.evaluator_id == evaluator.id
    # the member who did not book sees it too
    assert cb.get(f"/piscine/evaluations/{defense.id}").status_code == 200

    clock["now"] = LATER + timedelta(minutes=5)
    form = ce.get(f"/piscine/evaluations/{defense.id}").data.decode()
    assert f'name="member-{a.id}"' in form and f'name="explain-{b.id}"' in form
    scale = {"answer-works": "1", "answer-explains": "5", "feedback": FEEDBACK}
    bad = {**scale, f"member-{a.id}": "absent", f"explain-{a.id}": "1"}  # both: refused
    r = ce.post(f"/piscine/evaluations/{defense.id}", data=bad)
    assert r.status_code == 422 and f'id="member-{a.id}-error"' in r.data.decode()
    db.session.expire_all()
    assert db.session.get(Evaluation, defense.id).status == "booked"
    good = {**scale, f"member-{a.id}": "present", f"member-{b.id}": "absent"}
    r = ce.post(f"/piscine/evaluations/{defense.id}", data=good)
    assert r.status_code == 302
    db.session.expire_all()
    marks = {m.user_id: m.mark for m in db.session.get(Evaluation, defense.id).members}
    assert marks == {a.id: 100, b.id: 0}
    seen_by_b = cb.get(f"/piscine/evaluations/{defense.id}").data.decode()
    marks_html = seen_by_b.split('id="individual-marks"')[1].split("</ul>")[0]
    assert "<strong>0</strong>" in marks_html and "<strong>100</strong>" not in marks_html


def test_a_rush_is_not_booked_as_an_individual_evaluation(piscine, candidates, rush):
    a, b, evaluator = candidates(3)
    _team(piscine, [a, b])
    db.session.add(
        Submission(
            user_id=a.id,
            exercise=f"{RUSH}/ex00",
            piscine_id=piscine.id,
            day_id=RUSH,
            archive=b"",
            sha256="0" * 64,
            size=0,
            file_count=1,
        )
    )
    db.session.commit()
    _offer(evaluator, piscine)
    assert RUSH not in {n["day_id"] for n in booking.needs(a, piscine, now=NOW)}
    with pytest.raises(ValidationFailed):
        booking.book(a, piscine, RUSH, LATER, now=NOW)


def test_two_members_booking_at_once_make_one_defense(app, piscine, candidates, rush):
    """Both members of a team book at the same instant (at different times, with evaluators
    free for both): one defense, the other member is refused; nothing half-written."""
    a, b, first, second = candidates(4)
    _team(piscine, [a, b])
    _offer(first, piscine, minutes=180)
    _offer(second, piscine, minutes=180)
    starts = {a.id: LATER, b.id: LATER + timedelta(hours=1)}
    piscine_id = piscine.id
    barrier = threading.Barrier(2)
    outcomes: dict[int, str] = {}

    def attempt(user_id: int) -> None:
        with app.app_context():
            from school101.models import Piscine, User

            user = db.session.get(User, user_id)
            p = db.session.get(Piscine, piscine_id)
            barrier.wait()
            try:
                defenses.book_defense(user, p, RUSH, starts[user_id], now=NOW)
                db.session.commit()
                outcomes[user_id] = "booked"
            except Conflict as exc:
                db.session.rollback()
                outcomes[user_id] = exc.code
            except OperationalError:  # SQLite: the second writer is refused outright
                db.session.rollback()
                outcomes[user_id] = "locked"
            finally:
                db.session.remove()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in starts]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    db.session.expire_all()
    assert sorted(outcomes.values())[0] == "booked", outcomes
    assert list(outcomes.values()).count("booked") == 1, outcomes
    assert Evaluation.query.filter(Evaluation.team_id.isnot(None)).count() == 1
    assert PointsEntry.query.filter_by(reason="booked").count() == 1
    assert BusyQuarter.query.count() == 6  # two members and one evaluator, two quarters each


def test_every_member_is_reminded_told_their_own_mark_and_lists_the_defense(piscine, booked):
    from school101.models import OutboxMail
    from school101.services.evaluations import notices, overview

    defense, (a, b, c), evaluator = booked
    # the booking mail reached every member and the evaluator, naming nobody
    booked_to = sorted(m.to for m in OutboxMail.query.filter_by(kind="evaluation_booked"))
    assert booked_to == sorted(u.email for u in (a, b, c, evaluator))
    assert notices.send_reminders(now=LATER - timedelta(minutes=10)) == 1
    db.session.commit()
    reminders = {m.to: m.body for m in OutboxMail.query.filter_by(kind="evaluation_reminder")}
    assert sorted(reminders) == sorted(u.email for u in (a, b, c, evaluator))
    for member in (a, b, c):  # each member learns who evaluates the team
        assert evaluator.last_name in reminders[member.email]
    # a member who did not book lists the defense on the defended side, without cancel rights
    row = overview.mine(b, piscine, now=NOW)["as_evaluated"][0]
    assert row["evaluation"].id == defense.id and not row["booked_by_me"]
    at = LATER + timedelta(minutes=5)
    members = _members(defense, {c.id: {"cannot_explain": True}})
    defenses.submit_defense(evaluator, defense, ANSWERS, [], FEEDBACK, members, now=at)
    db.session.commit()
    feedback = {m.to: m.body for m in OutboxMail.query.filter_by(kind="evaluation_feedback")}
    assert sorted(feedback) == sorted(u.email for u in (a, b, c))
    assert "100" in feedback[b.email] and "100" not in feedback[c.email]  # c's own mark: 0
    mine_c = overview.mine(c, piscine, now=at)["as_evaluated"][0]
    assert mine_c["member"].mark == 0


def test_the_evaluator_reads_the_teams_work_whoever_pushed_it(piscine, booked):
    from school101.services.evaluations import overview

    defense, (a, b, c), evaluator = booked
    pushed = Submission(
        user_id=b.id,
        team_id=defense.team_id,
        exercise=f"{RUSH}/ex00",
        piscine_id=piscine.id,
        day_id=RUSH,
        archive=b"",
        sha256="0" * 64,
        size=0,
        file_count=0,
        created_at=NOW - timedelta(hours=3),
    )  # fmt: skip  (pushed by b before the deadline; a booked the defense)
    db.session.add(pushed)
    db.session.commit()
    at = LATER - timedelta(minutes=10)
    work = overview.evaluated_work(evaluator, defense, now=at)
    assert [item["submission"].id for item in work] == [pushed.id]
