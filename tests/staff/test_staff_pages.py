"""Staff pages end to end through the test client: campaigns, applications list, filters,
export, one application (notes, exception, decision), outbox, audit log."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from school101.extensions import db
from school101.models import (
    Application,
    ApplicationNote,
    AuditLog,
    Campaign,
    EligibilityException,
    OutboxMail,
)
from school101.services.admissions import applications
from tests.conftest import count

GOOD_CAMPAIGN = {
    "name": "Campagne 2027",
    "opens_at": "2027-05-02T09:00",
    "closes_at": "2027-06-30T23:59",
    "age_min": "18",
    "age_max": "30",
    "age_reference_date": "2027-10-01",
    "memory_attempts": "2",
    "memory_levels": "12",
    "logic_attempts": "3",
    "logic_levels": "10",
    "invitations_planned": "400",
}


def _audits(action: str) -> list[AuditLog]:
    return list(db.session.scalars(db.select(AuditLog).where(AuditLog.action == action)))


def _text(response) -> str:
    return response.get_data(as_text=True)


# ---------------------------------------------------------------- dashboard


def test_dashboard_shows_the_funnel_of_the_open_campaign(
    staff_client, make_campaign, make_application
):
    campaign = make_campaign(name="Campagne du printemps")
    make_application(campaign=campaign)
    make_application(campaign=campaign, status="games_done", games_completed_at=datetime.now(UTC))
    r = staff_client.get("/staff/")
    assert r.status_code == 200
    page = _text(r)
    assert "Campagne du printemps" in page and "Entonnoir" in page
    assert 'id="funnel-applied"' in page and "<progress" in page
    assert f'href="/staff/applications?campaign={campaign.id}"' in page
    assert "style=" not in page  # the CSP forbids inline styles: bars are <progress>


def test_dashboard_without_campaign_invites_to_create_one(staff_client):
    r = staff_client.get("/staff/")
    assert r.status_code == 200 and "/staff/campaigns/new" in _text(r)


def test_pages_are_french_by_default_and_english_on_request(staff_client, make_campaign):
    make_campaign()
    assert "Candidatures" in _text(staff_client.get("/staff/applications"))
    r = staff_client.get("/staff/applications?lang=en")
    english = _text(r)
    assert r.status_code == 200 and 'lang="en"' in english, english[:300]
    assert "No application matches these filters." in english, english[english.find("<main") :][
        :1500
    ]


# ---------------------------------------------------------------- campaigns


def test_staff_creates_a_campaign_in_paris_time(staff_client, staff):
    r = staff_client.get("/staff/campaigns/new")
    assert r.status_code == 200 and 'name="opens_at"' in _text(r)
    r = staff_client.post("/staff/campaigns/new", data=GOOD_CAMPAIGN)
    assert r.status_code == 302, _text(r)[:2000]
    campaign = db.session.scalars(db.select(Campaign)).one()
    assert campaign.name == "Campagne 2027"
    # 09:00 in Paris in May (CEST, UTC+2) is 07:00 UTC
    assert campaign.opens_at == datetime(2027, 5, 2, 7, 0, tzinfo=UTC)
    assert campaign.closes_at == datetime(2027, 6, 30, 21, 59, tzinfo=UTC)
    assert campaign.logic_attempts == 3 and campaign.age_reference_date == date(2027, 10, 1)
    log = _audits("campaign.created")[0]
    assert log.actor_id == staff.id and log.target_id == campaign.id
    # the edit form shows the Paris local times back
    page = _text(staff_client.get(f"/staff/campaigns/{campaign.id}/edit"))
    assert 'value="2027-05-02T09:00"' in page and 'value="2027-06-30T23:59"' in page
    assert "Campagne 2027" in _text(staff_client.get("/staff/campaigns"))


def test_bad_campaign_input_gives_field_errors_and_writes_nothing(staff_client):
    bad = dict(GOOD_CAMPAIGN, name="", age_min="abc", closes_at="2027-04-01T09:00")
    r = staff_client.post("/staff/campaigns/new", data=bad)
    assert r.status_code == 422
    page = _text(r)
    assert (
        "field-error" in page and "a été enregistré" in page and 'aria-invalid="None"' not in page
    )
    assert count(Campaign) == 0 and count(AuditLog) == 0


def test_editing_with_bad_input_changes_nothing(staff_client, make_campaign):
    campaign = make_campaign(name="Avant")
    before = {
        c: getattr(campaign, c) for c in ("name", "opens_at", "closes_at", "age_min", "age_max")
    }
    audits = count(AuditLog)
    # closes before it opens (service rule) and age_max below age_min
    bad = dict(
        GOOD_CAMPAIGN,
        name="Après",
        opens_at="2027-06-01T10:00",
        closes_at="2027-05-01T10:00",
        age_min="30",
        age_max="20",
    )
    r = staff_client.post(f"/staff/campaigns/{campaign.id}/edit", data=bad)
    assert r.status_code == 422
    page = _text(r)
    assert 'id="closes_at-error"' in page and 'id="age_max-error"' in page
    assert 'aria-invalid="true"' in page
    db.session.expire_all()
    after = db.session.get(Campaign, campaign.id)
    assert {c: getattr(after, c) for c in before} == before
    assert count(AuditLog) == audits
    # form-level type errors too
    r = staff_client.post(
        f"/staff/campaigns/{campaign.id}/edit",
        data=dict(GOOD_CAMPAIGN, memory_levels="99", opens_at="not a date"),
    )
    assert (
        r.status_code == 422
        and 'id="memory_levels-error"' in _text(r)
        and 'id="opens_at-error"' in _text(r)
    )
    db.session.expire_all()
    assert db.session.get(Campaign, campaign.id).name == "Avant"


def test_editing_a_campaign_is_audited_with_before_and_after(staff_client, staff, make_campaign):
    campaign = make_campaign(name="Avant")
    r = staff_client.post(
        f"/staff/campaigns/{campaign.id}/edit",
        data=dict(GOOD_CAMPAIGN, name="Après", invitations_planned="420"),
    )
    assert r.status_code == 302
    db.session.expire_all()
    assert db.session.get(Campaign, campaign.id).invitations_planned == 420
    log = _audits("campaign.updated")[0]
    assert json.loads(log.before)["name"] == "Avant" and json.loads(log.after)["name"] == "Après"
    assert log.actor_id == staff.id


def test_overlapping_campaigns_are_refused(staff_client, make_campaign):
    make_campaign()  # open now
    now = datetime.now(UTC)
    overlapping = dict(
        GOOD_CAMPAIGN,
        opens_at=now.strftime("%Y-%m-%dT%H:%M"),
        closes_at=now.replace(year=now.year + 1).strftime("%Y-%m-%dT%H:%M"),
    )
    r = staff_client.post("/staff/campaigns/new", data=overlapping)
    assert r.status_code == 422 and 'id="opens_at-error"' in _text(r)
    assert count(Campaign) == 1


# ---------------------------------------------------------------- applications list and export


def _people(make_user, make_application, campaign):
    lea = make_application(
        make_user(
            first_name="Léa",
            last_name="Dupont",
            postcode="69003",
            situation="student",
            birth_date=date(2005, 1, 1),
        ),
        campaign,
        memory_score=50,
        logic_score=8,
        status="games_done",
    )
    marc = make_application(
        make_user(
            first_name="Marc",
            last_name="Zidane",
            postcode="75011",
            situation="employed",
            birth_date=date(1996, 1, 1),
        ),
        campaign,
        memory_score=20,
    )
    return lea, marc


def test_list_filters_search_sort_and_pagination(
    staff_client, make_campaign, make_user, make_application
):
    campaign = make_campaign()
    lea, _marc = _people(make_user, make_application, campaign)
    page = _text(staff_client.get("/staff/applications"))
    assert "Dupont" in page and "Zidane" in page and "2 candidatures" in page
    assert f'href="/staff/applications/{lea.id}"' in page
    page = _text(staff_client.get(f"/staff/applications?campaign={campaign.id}&place=69"))
    assert "Dupont" in page and "Zidane" not in page and "1 candidature" in page
    page = _text(staff_client.get("/staff/applications?q=zid&situation=employed"))
    assert "Zidane" in page and "Dupont" not in page
    page = _text(staff_client.get("/staff/applications?status=games_done&memory_min=30"))
    assert "Dupont" in page and "Zidane" not in page
    # the filter form keeps what was asked, sort links keep the filters
    page = _text(staff_client.get("/staff/applications?place=69&sort=memory&direction=desc"))
    assert 'value="69"' in page
    assert "place=69" in page and "sort=memory" in page and "direction=asc" in page
    # ordering
    page = _text(staff_client.get("/staff/applications?sort=name&direction=asc"))
    assert page.index("Dupont") < page.index("Zidane")
    page = _text(staff_client.get("/staff/applications?sort=name&direction=desc"))
    assert page.index("Zidane") < page.index("Dupont")
    # the CSV link keeps the filters
    page = _text(staff_client.get("/staff/applications?place=69&status=games_done"))
    assert "/staff/applications/export.csv?" in page
    link = page.split('href="/staff/applications/export.csv?')[1].split('"')[0]
    assert "place=69" in link and "status=games_done" in link


def test_list_paginates(staff_client, make_campaign, make_application):
    campaign = make_campaign()
    for _ in range(55):
        make_application(campaign=campaign, commit=False)
    db.session.commit()
    page = _text(staff_client.get("/staff/applications?place=69"))
    assert "Page 1 sur 2" in page or "Page 1 of 2" in page
    assert "page=2" in page and "place=69" in page.split('rel="next"')[0].rsplit("href=", 1)[1]
    second = _text(staff_client.get("/staff/applications?place=69&page=2"))
    assert second.count('href="/staff/applications/') - second.count("export.csv") == 5


def test_list_empty_state_and_bad_filters(staff_client, make_campaign):
    make_campaign()
    r = staff_client.get("/staff/applications")
    assert r.status_code == 200 and "Aucune candidature ne correspond à ces filtres." in _text(r)
    r = staff_client.get("/staff/applications?place=Lyon&status=nope&memory_min=-3")
    assert r.status_code == 422
    page = _text(r)
    assert "Indiquez un début de code postal" in page and 'id="place-error"' in page
    assert 'id="status-error"' in page and 'id="memory_min-error"' in page
    assert staff_client.get("/staff/applications?campaign=999").status_code == 404


def test_export_csv_of_the_filtered_list(
    staff_client, staff, make_campaign, make_user, make_application
):
    campaign = make_campaign()
    _people(make_user, make_application, campaign)
    r = staff_client.get("/staff/applications/export.csv?place=69")
    assert r.status_code == 200
    assert (
        r.headers["Content-Type"].startswith("text/csv")
        and "charset=utf-8" in r.headers["Content-Type"]
    )
    assert (
        "attachment" in r.headers["Content-Disposition"]
        and ".csv" in r.headers["Content-Disposition"]
    )
    body = r.data.decode("utf-8")
    assert body.startswith("\ufeffid;status;last_name")
    assert "Dupont" in body and "Zidane" not in body
    assert _audits("applications.exported")[0].actor_id == staff.id
    # bad filters: back to the list (with the errors), no file
    r = staff_client.get("/staff/applications/export.csv?place=Lyon")
    assert r.status_code == 302 and "/staff/applications" in r.headers["Location"]


# ---------------------------------------------------------------- one application


def test_application_page_notes_exception_and_decision(
    staff_client, staff, make_campaign, make_application
):
    campaign = make_campaign()
    application = make_application(campaign=campaign, memory_score=42)
    r = staff_client.get(f"/staff/applications/{application.id}")
    assert r.status_code == 200
    page = _text(r)
    assert application.user.email in page and "Lyon" in page and "J&#39;aime résoudre" in page
    assert "Jeu de mémoire" in page and "Pas encore joué." in page
    assert staff_client.get("/staff/applications/99999").status_code == 404

    # an empty note: clear error, nothing written
    r = staff_client.post(f"/staff/applications/{application.id}/notes", data={"body": "   "})
    assert r.status_code == 422 and "La note est vide." in _text(r)
    assert count(ApplicationNote) == 0
    r = staff_client.post(
        f"/staff/applications/{application.id}/notes", data={"body": "Appel <b>ok</b>"}
    )
    assert r.status_code == 302
    page = _text(staff_client.get(f"/staff/applications/{application.id}"))
    assert "Appel &lt;b&gt;ok&lt;/b&gt;" in page and "La note est ajoutée." in page
    assert _audits("application.note_added")[0].actor_id == staff.id

    # an exception without a reason is refused; with one it is recorded and audited
    r = staff_client.post(f"/staff/applications/{application.id}/exception", data={"reason": ""})
    assert r.status_code == 422 and "Une justification est obligatoire." in _text(r)
    assert count(EligibilityException) == 0
    r = staff_client.post(
        f"/staff/applications/{application.id}/exception",
        data={"reason": "Parcours de reconversion"},
    )
    assert r.status_code == 302
    assert count(EligibilityException) == 1
    assert _audits("eligibility.exception_granted")[0].reason == "Parcours de reconversion"
    assert "Parcours de reconversion" in _text(
        staff_client.get(f"/staff/applications/{application.id}")
    )

    # a decision needs a reason; then it is recorded with before/after
    r = staff_client.post(
        f"/staff/applications/{application.id}/decision", data={"status": "invited", "reason": ""}
    )
    assert r.status_code == 422
    db.session.expire_all()
    assert db.session.get(Application, application.id).status == "applied"
    r = staff_client.post(
        f"/staff/applications/{application.id}/decision",
        data={"status": "invited", "reason": "Très bon profil"},
    )
    assert r.status_code == 302
    db.session.expire_all()
    assert db.session.get(Application, application.id).status == "invited"
    log = _audits("application.decided")[0]
    assert log.reason == "Très bon profil" and json.loads(log.before) == {"status": "applied"}
    page = _text(staff_client.get(f"/staff/applications/{application.id}"))
    assert "application.decided" in page and "Très bon profil" in page
    # the same decision again: a conflict, shown, nothing written
    r = staff_client.post(
        f"/staff/applications/{application.id}/decision",
        data={"status": "invited", "reason": "again"},
    )
    assert r.status_code == 422 and "La candidature a déjà ce statut." in _text(r)
    assert len(_audits("application.decided")) == 1


def test_invited_decision_can_invite_to_a_piscine_session(
    staff_client, staff, make_campaign, make_application
):
    from datetime import timedelta

    from school101.models.piscine import Invitation
    from school101.services.piscine.sessions import create_piscine

    campaign = make_campaign()
    application = make_application(campaign=campaign)
    today = date.today()
    upcoming = create_piscine(
        {
            "name": "Piscine d'été",
            "starts_on": today + timedelta(days=30),
            "ends_on": today + timedelta(days=57),
            "capacity": 10,
        },
        actor=staff,
        calendar=[],
    )
    over = create_piscine(
        {
            "name": "Piscine passée",
            "starts_on": today - timedelta(days=90),
            "ends_on": today - timedelta(days=63),
            "capacity": 10,
        },
        actor=staff,
        calendar=[],
    )
    db.session.commit()
    url = f"/staff/applications/{application.id}"
    page = _text(staff_client.get(url))
    assert "Piscine d&#39;été" in page and "Piscine passée" not in page  # only sessions not over
    # bad input: a session that is over, or a session with "not selected": refused, nothing written
    for data in (
        {"status": "invited", "reason": "ok", "piscine_id": str(over.id)},
        {"status": "not_selected", "reason": "ok", "piscine_id": str(upcoming.id)},
        {"status": "invited", "reason": "ok", "piscine_id": "abc"},
    ):
        r = staff_client.post(url + "/decision", data=data)
        assert r.status_code == 422, data
        assert 'id="decision-piscine_id-error"' in _text(r)
    db.session.expire_all()
    assert (
        db.session.get(Application, application.id).status == "applied" and count(Invitation) == 0
    )
    # invited without a session: the page says no session invitation exists yet
    r = staff_client.post(
        url + "/decision", data={"status": "invited", "reason": "Bon profil", "piscine_id": ""}
    )
    assert r.status_code == 302 and count(Invitation) == 0
    assert "pas encore à une session de piscine" in _text(staff_client.get(url))
    # back to not selected, then invited with a session: the invitation and its e-mail follow
    staff_client.post(url + "/decision", data={"status": "not_selected", "reason": "Erreur"})
    r = staff_client.post(
        url + "/decision",
        data={"status": "invited", "reason": "Très bon profil", "piscine_id": str(upcoming.id)},
    )
    assert r.status_code == 302
    invitation = db.session.scalars(db.select(Invitation)).one()
    assert (invitation.piscine_id, invitation.user_id) == (upcoming.id, application.user_id)
    mails = db.session.scalars(
        db.select(OutboxMail).where(OutboxMail.kind == "piscine_invitation")
    ).all()
    assert [m.to for m in mails] == [application.user.email]
    assert json.loads(_audits("application.decided")[-1].after) == {
        "status": "invited",
        "piscine_id": upcoming.id,
    }
    page = _text(staff_client.get(url))
    assert "Invitation à la piscine" in page and "pas encore à une session de piscine" not in page


def test_exception_by_email_on_the_campaign_page(staff_client, make_campaign, make_user):
    campaign = make_campaign()
    person = make_user("senior@example.org", birth_date=date(1970, 3, 3))
    url = f"/staff/campaigns/{campaign.id}/exceptions"
    r = staff_client.post(url, data={"email": "senior@example.org", "reason": ""})
    assert r.status_code == 422 and count(EligibilityException) == 0
    r = staff_client.post(url, data={"email": "nobody@example.org", "reason": "x"})
    assert r.status_code == 422 and 'id="email-error"' in _text(r)
    r = staff_client.post(
        url, data={"email": "senior@example.org", "reason": "Projet de reconversion"}
    )
    assert r.status_code == 302
    row = db.session.scalars(db.select(EligibilityException)).one()
    assert row.user_id == person.id and row.campaign_id == campaign.id
    page = _text(staff_client.get(f"/staff/campaigns/{campaign.id}/edit"))
    assert "senior@example.org" in page and "Projet de reconversion" in page
    # the person can now apply although 56

    assert applications.eligibility_problem(person, campaign) is None


# ---------------------------------------------------------------- outbox and audit log


def test_outbox_list_and_one_mail(staff_client, make_user):
    from school101.services.messaging import outbox as mail

    user = make_user("reader@example.org")
    for n in range(3):
        mail.send(
            to=user.email, kind="confirm_email", subject=f"Sujet {n}", body=f"Corps {n}", user=user
        )
    db.session.commit()
    page = _text(staff_client.get("/staff/outbox"))
    assert "Sujet 0" in page and "Sujet 2" in page and "reader@example.org" in page
    mail_id = db.session.scalars(
        db.select(OutboxMail.id).where(OutboxMail.subject == "Sujet 1")
    ).one()
    page = _text(staff_client.get(f"/staff/outbox/{mail_id}"))
    assert "Corps 1" in page
    assert staff_client.get("/staff/outbox/99999").status_code == 404
    assert "Aucun e-mail." in _text(staff_client.get("/staff/outbox?to=nobody"))


def test_audit_page_filters_by_action(staff_client, staff, make_campaign, make_application):
    application = make_application(campaign=make_campaign())
    staff_client.post(f"/staff/applications/{application.id}/notes", data={"body": "note"})
    page = _text(staff_client.get("/staff/audit"))
    assert "application.note_added" in page and "consent.given" in page
    page = _text(staff_client.get("/staff/audit?action=application.note_added"))
    assert "application.note_added" in page and "<code>consent.given</code>" not in page
    assert f'href="/staff/applications/{application.id}"' in page


def test_audit_actions_read_in_french_and_every_recorded_action_has_a_label(
    staff_client, make_campaign, make_application
):
    import re
    from pathlib import Path

    from school101.core.audit_labels import ACTION_LABELS

    application = make_application(campaign=make_campaign())
    staff_client.post(f"/staff/applications/{application.id}/notes", data={"body": "note"})
    page = _text(staff_client.get("/staff/audit"))
    assert "Note de l&#39;équipe ajoutée" in page and "Consentement donné" in page
    # every action key the code records (literal keys and the f-string families) has a label
    source = "\n".join(p.read_text() for p in Path("school101").rglob("*.py"))
    calls = re.findall(r"audit\.record\(\s*f?\"([a-z_]+\.[a-z_{}]+)\"", source)
    calls += re.findall(r"audit\.record\(\s*\"([a-z_.]+)\" if .*? else \"([a-z_.]+)\"", source)
    keys = set()
    for found in calls:
        for key in found if isinstance(found, tuple) else (found,):
            families = {
                "contact.{status}": ("accepted", "declined"),  # services/directory.respond
                "selection.offer_{status}": ("confirmed", "declined"),
            }  # selection.answer_offer
            keys.update(
                [key.replace("{status}", s) for s in families[key]] if "{status}" in key else [key]
            )
    assert len(keys) > 50
    missing = sorted(k for k in keys if k not in ACTION_LABELS)
    assert not missing, (
        f"audit actions without a readable label in services/audit_labels.py: {missing}"
    )


def test_application_page_shows_real_game_levels_without_solutions(
    staff_client, make_campaign, make_application
):
    """Play two memory levels through the games service, fail the third; staff see each level."""
    import pytest

    games = pytest.importorskip("school101.services.games.sessions")
    from school101.models import GameLevel, GameSession
    from tests.games.conftest import mark_shown

    campaign = make_campaign()
    application = make_application(campaign=campaign)
    user = application.user
    app = staff_client.application
    with app.test_request_context("/"):
        session, _created = games.start_or_resume(user, "memory")
        db.session.commit()
        for level in (1, 2, 3):
            row = db.session.scalars(
                db.select(GameLevel).where(
                    GameLevel.session_id == session.id, GameLevel.level == level
                )
            ).one()
            sequence = json.loads(row.solution)["sequence"]
            cells = sequence if level < 3 else list(reversed(sequence)) + [sequence[0]]
            mark_shown(session.id)  # as if the page had shown the sequence
            games.answer(user, session.id, {"level": level, "cells": cells})
            db.session.commit()
    session = db.session.get(GameSession, session.id)
    assert session.status == "finished" and session.levels_solved == 2
    page = _text(staff_client.get(f"/staff/applications/{application.id}"))
    assert page.count("<td>réussi</td>") == 2 and page.count("<td>échoué</td>") == 1
    assert "meilleur essai" in page
    assert "game.started" in page
    for row in db.session.scalars(db.select(GameLevel)):
        assert row.solution not in page
    detail = staff_client.get(f"/staff/applications/{application.id}").status_code
    assert detail == 200
