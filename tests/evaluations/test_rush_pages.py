"""Rush teams through the doors: the staff page (form the teams, move a person, errors under
the fields), the candidate's team on the piscine dashboard, the API twins (staff see all, a
candidate only their team), and the worker's duty that forms the teams two hours before a
rush opens (once, not before the window, not twice, not by two workers)."""

from __future__ import annotations

import html as html_lib
import re
import shutil
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest

from school101.core.errors import Conflict
from school101.extensions import db
from school101.jobs.periodic import run_periodic_duties
from school101.models import AuditLog, RushTeam, RushTeamMember
from school101.services.evaluations import teams
from school101.services.piscine.sessions import create_piscine
from tests.evaluations.conftest import DAY, NOW
from tests.fixtures.people import client_for

SHIPPED = Path(__file__).resolve().parents[2] / "exercises"
RUSH = "rushA"  # opens an hour after NOW, one variant per team
LATER_RUSH = "rushB"  # opens three days after NOW


@pytest.fixture
def app_config(app_config):
    root = Path(app_config["EXERCISES_DIR"])
    for name, extra in (
        (RUSH, 'assign = "one"\nexercises = ["ex00", "ex01", "ex02"]\n'),
        (LATER_RUSH, ""),
    ):
        (root / name).mkdir(exist_ok=True)
        (root / name / "day.toml").write_text(
            f'id = "{name}"\nkind = "rush"\nteam_size = 2\n'
            f'title = {{ fr = "Rush {name}", en = "Rush {name}" }}\n{extra}'
        )
    for ex in ("ex00", "ex01", "ex02"):  # rush00's variant, copied three times
        shutil.copytree(SHIPPED / "rush00" / "ex00", root / RUSH / ex, dirs_exist_ok=True)
    return app_config


@pytest.fixture
def piscine(app, staff):
    """A piscine with a closed day, a rush opening in an hour and one in three days."""
    p = create_piscine(
        {
            "name": "Rushs",
            "starts_on": date(2027, 1, 4),
            "ends_on": date(2027, 1, 29),
            "capacity": 50,
            "feedback": "after_deadline",
        },
        actor=staff,
        calendar=[
            {
                "day_id": DAY,
                "kind": "day",
                "position": 0,
                "opens_at": NOW - timedelta(days=2),
                "closes_at": NOW - timedelta(hours=1),
            },
            {
                "day_id": RUSH,
                "kind": "day",
                "position": 1,
                "opens_at": NOW + timedelta(hours=1),
                "closes_at": NOW + timedelta(days=2),
            },
            {
                "day_id": LATER_RUSH,
                "kind": "day",
                "position": 2,
                "opens_at": NOW + timedelta(days=3),
                "closes_at": NOW + timedelta(days=5),
            },
        ],
    )
    db.session.commit()
    return p


@pytest.fixture
def clock(monkeypatch):
    """The worker's clock (the periodic duty reads models._base.utcnow at each tick)."""
    state = {"now": NOW}
    monkeypatch.setattr("school101.models._base.utcnow", lambda: state["now"])
    return state


def _error_of(page: str, field_id: str) -> str:
    found = re.search(
        rf'<small id="{re.escape(field_id)}-error" class="field-error">([^<]*)</small>', page
    )
    return html_lib.unescape(found.group(1)) if found else ""


def _members(day_id: str = RUSH) -> dict[int, int]:
    """user id -> team number."""
    rows = db.session.execute(
        db.select(RushTeamMember.user_id, RushTeam.number)
        .join(RushTeam, RushTeam.id == RushTeamMember.team_id)
        .where(RushTeam.day_id == day_id)
    ).all()
    return dict(rows)


# ---------------------------------------------------------------- staff page


def test_staff_form_the_teams_on_the_page_and_see_them(app, piscine, candidates, staff_client):
    people = candidates(5)
    page = staff_client.get(f"/staff/piscines/{piscine.id}/rushes").get_data(as_text=True)
    assert "Rush rushA" in page and "Rush rushB" in page
    assert page.count("Former les équipes") == 2  # French by default, one button per rush
    assert f'href="/staff/piscines/{piscine.id}/rushes"' in page  # the staff piscine menu

    r = staff_client.post(f"/staff/piscines/{piscine.id}/rushes/{RUSH}/teams")
    assert r.status_code == 302
    page = staff_client.get(r.headers["Location"]).get_data(as_text=True)
    assert "2 équipes formées." in page
    for person in people:
        assert f"{person.last_name} {person.first_name}" in page
    assert f"{RUSH}/ex00" in page and f"{RUSH}/ex01" in page
    assert page.count("Former les équipes") == 1  # rushB still waits
    assert AuditLog.query.filter_by(action="rush.teams_formed").one().actor_id is not None

    again = staff_client.post(f"/staff/piscines/{piscine.id}/rushes/{RUSH}/teams")
    assert again.status_code == 409
    assert "déjà formées" in again.get_data(as_text=True)
    assert db.session.query(RushTeam).filter_by(day_id=RUSH).count() == 2


def test_staff_move_a_person_with_a_reason_and_errors_under_the_fields(
    app, piscine, candidates, staff, staff_client
):
    candidates(5)  # a pair and a three
    teams.form_teams(staff, piscine, RUSH)
    db.session.commit()
    before = _members()
    three = next(n for n in set(before.values()) if list(before.values()).count(n) == 3)
    other = 1 if three == 2 else 2
    mover = next(u for u, n in before.items() if n == three)
    url = f"/staff/piscines/{piscine.id}/rushes/{RUSH}/move"
    prefix = f"move-{RUSH}-"

    r = staff_client.post(url, data={prefix + "user_id": str(mover), prefix + "team": str(other)})
    assert r.status_code == 422
    assert (
        _error_of(r.get_data(as_text=True), prefix + "reason")
        == "Une justification est obligatoire."
    )
    r = staff_client.post(
        url, data={prefix + "user_id": str(mover), prefix + "team": "9", prefix + "reason": "x"}
    )
    assert r.status_code == 422
    assert _error_of(r.get_data(as_text=True), prefix + "team") == "Cette équipe n'existe pas."
    r = staff_client.post(
        url, data={prefix + "user_id": "999999", prefix + "team": "1", prefix + "reason": "x"}
    )
    assert r.status_code == 422
    assert _error_of(r.get_data(as_text=True), prefix + "user_id")
    db.session.expire_all()
    assert _members() == before  # nothing changed

    r = staff_client.post(
        url,
        data={
            prefix + "user_id": str(mover),
            prefix + "team": str(other),
            prefix + "reason": "Binôme plus équilibré",
        },
    )
    assert r.status_code == 302
    db.session.expire_all()
    assert _members()[mover] == other
    row = AuditLog.query.filter_by(action="rush.member_moved").one()
    assert row.reason == "Binôme plus équilibré"


def test_candidates_cannot_open_the_staff_page(app, piscine, candidates):
    (person,) = candidates(1)
    client = client_for(app, person)
    assert client.get(f"/staff/piscines/{piscine.id}/rushes").status_code in (302, 403)
    r = client.post(f"/staff/piscines/{piscine.id}/rushes/{RUSH}/teams")
    assert r.status_code in (302, 403)
    assert db.session.query(RushTeam).count() == 0


def test_an_unknown_rush_is_not_found(app, piscine, staff_client):
    assert staff_client.post(f"/staff/piscines/{piscine.id}/rushes/{DAY}/teams").status_code == 404
    assert staff_client.post(f"/staff/piscines/{piscine.id}/rushes/nope/move").status_code == 404


# ---------------------------------------------------------------- candidate side


def test_the_dashboard_shows_my_team_and_exercise_once_formed(app, piscine, candidates, staff):
    people = candidates(4)
    client = client_for(app, people[0])
    r = client.get(f"/piscine/{piscine.id}/")
    assert r.status_code == 200 and "Mes équipes de rush" not in r.get_data(as_text=True)
    formed = teams.form_teams(staff, piscine, RUSH)
    db.session.commit()
    mine = next(t for t in formed if people[0].id in {m.user_id for m in t.members})
    mate = next(p for p in people if p.id in {m.user_id for m in mine.members} and p != people[0])
    stranger = next(p for p in people if p.id not in {m.user_id for m in mine.members})
    page = client.get(f"/piscine/{piscine.id}/").get_data(as_text=True)
    assert "Mes équipes de rush" in page
    assert f"équipe {mine.number}" in page
    assert mate.full_name in page and stranger.full_name not in page
    assert f"{RUSH}/{mine.exercise}" in page


# ---------------------------------------------------------------- API


def test_api_staff_form_list_and_move(app, client, piscine, candidates, staff, auth_header):
    people = candidates(4)
    (candidate_header, staff_header) = (auth_header(people[0]), auth_header(staff))
    base = f"/api/v1/piscines/{piscine.id}/rushes/{RUSH}/teams"

    r = client.get(base, headers=staff_header)
    assert r.status_code == 200 and r.json == {
        "piscine_id": piscine.id,
        "day_id": RUSH,
        "formed": False,
        "teams": [],
    }
    assert client.post(base, headers=candidate_header).status_code == 403
    r = client.post(base, headers=staff_header)
    assert r.status_code == 201
    assert [t["number"] for t in r.json["teams"]] == [1, 2]
    assert [t["exercise"] for t in r.json["teams"]] == ["ex00", "ex01"]
    r = client.post(base, headers=staff_header)
    assert r.status_code == 409 and r.json["error"]["code"] == "teams_exist"

    mine = client.get(base, headers=candidate_header).json
    assert mine["formed"] is True and len(mine["teams"]) == 1
    assert people[0].id in {m["id"] for m in mine["teams"][0]["members"]}
    assert len(client.get(base, headers=staff_header).json["teams"]) == 2

    number = mine["teams"][0]["number"]
    other = 2 if number == 1 else 1
    move = base + "/move"
    body = {"user_id": people[0].id, "team": other, "reason": "Demande de l'équipe"}
    assert client.post(move, json=body, headers=candidate_header).status_code == 403
    r = client.post(move, json={**body, "reason": "  "}, headers=staff_header)
    assert r.status_code == 422 and "reason" in r.json["error"]["fields"]
    r = client.post(move, json={**body, "team": 7}, headers=staff_header)
    assert r.status_code == 422 and "team" in r.json["error"]["fields"]
    r = client.post(move, json={**body, "user_id": "x"}, headers=staff_header)
    assert r.status_code == 422
    db.session.expire_all()
    assert _members()[people[0].id] == number
    r = client.post(move, json=body, headers=staff_header)
    assert r.status_code == 200 and r.json["number"] == other
    assert people[0].id in {m["id"] for m in r.json["members"]}


def test_api_refuses_strangers_and_unknown_rushes(
    app, client, piscine, staff, make_user, auth_header
):
    outsider = auth_header(make_user())
    base = f"/api/v1/piscines/{piscine.id}/rushes"
    r = client.get(f"{base}/{RUSH}/teams", headers=outsider)
    assert r.status_code == 403 and r.json["error"]["code"] == "no_seat"
    assert client.get(f"{base}/{RUSH}/teams").status_code == 401
    r = client.get(f"{base}/{DAY}/teams", headers=auth_header(staff))
    assert r.status_code == 404 and "error" in r.json


# ---------------------------------------------------------------- the worker's duty


def test_the_duty_forms_the_teams_in_the_window_once(app, piscine, candidates, clock):
    candidates(6)
    clock["now"] = NOW - timedelta(hours=1, minutes=1)  # 2 h 01 before the rush opens
    assert run_periodic_duties(app)["rush teams"] == 0
    assert db.session.query(RushTeam).count() == 0

    clock["now"] = NOW - timedelta(minutes=59)  # 1 h 59 before
    assert run_periodic_duties(app)["rush teams"] == 1
    db.session.expire_all()
    assert sorted(set(_members().values())) == [1, 2, 3]
    assert _members(LATER_RUSH) == {}  # three days away: not yet
    row = AuditLog.query.filter_by(action="rush.teams_formed").one()
    assert row.actor_id is None and '"auto": true' in row.after

    assert run_periodic_duties(app)["rush teams"] == 0  # not twice
    assert AuditLog.query.filter_by(action="rush.teams_formed").count() == 1
    assert db.session.query(RushTeam).filter_by(day_id=RUSH).count() == 3


def test_the_duty_leaves_a_rush_with_too_few_people_and_closed_rushes(
    app, piscine, candidates, clock
):
    candidates(1)
    clock["now"] = NOW
    assert run_periodic_duties(app)["rush teams"] == 0
    candidates(1)
    clock["now"] = NOW + timedelta(days=2, minutes=1)  # rushA closed, rushB 3 days away
    assert run_periodic_duties(app)["rush teams"] == 0
    assert db.session.query(RushTeam).count() == 0


def test_a_formation_that_lost_the_race_is_a_conflict_not_a_crash(
    app, piscine, candidates, staff, monkeypatch
):
    """Two formations that both saw no teams: the unique team numbers let one in."""
    candidates(4)
    teams.form_teams(staff, piscine, RUSH)
    db.session.commit()
    monkeypatch.setattr(teams, "_formed", lambda *_: False)  # the other worker's stale read
    with pytest.raises(Conflict):
        teams.form_teams(staff, piscine, RUSH)
    db.session.commit()  # the caller's transaction is still usable
    assert db.session.query(RushTeam).filter_by(day_id=RUSH).count() == 2
    assert AuditLog.query.filter_by(action="rush.teams_formed").count() == 1


def test_two_workers_at_the_same_instant_form_the_teams_once(app, piscine, candidates, monkeypatch):
    """Both workers see the rush due and without teams; the unique team numbers let one in."""
    candidates(6)
    barrier = threading.Barrier(2)
    original = teams._form

    def both_saw_it_due(*args, **kwargs):
        barrier.wait(timeout=10)  # both past the "no teams yet" query before inserting
        return original(*args, **kwargs)

    monkeypatch.setattr(teams, "_form", both_saw_it_due)
    outcomes: list = []

    def worker() -> None:
        with app.app_context():
            try:
                outcomes.append(teams.form_due_teams(NOW))
                db.session.commit()
            except Exception as exc:  # reported by the assertion below
                db.session.rollback()
                outcomes.append(repr(exc))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(outcomes, key=str) == [0, 1], outcomes
    db.session.expire_all()
    assert db.session.query(RushTeam).filter_by(day_id=RUSH).count() == 3
    assert len(_members()) == 6
    assert AuditLog.query.filter_by(action="rush.teams_formed").count() == 1
