"""services.review without HTTP: filters, sort, pagination, age bands, CSV, funnel, notes,
decisions, exceptions, and the staff check every function makes."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta

import pytest

from school101.core import audit, clock, paging, spreadsheet
from school101.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from school101.extensions import db
from school101.models import (
    Application,
    ApplicationNote,
    AuditLog,
    Campaign,
    Consent,
    EligibilityException,
    GameLevel,
    GameSession,
    OutboxMail,
    User,
)
from school101.services.admissions import (
    application_file,
    campaigns,
    decisions,
    exceptions,
    exports,
    funnel,
    notes,
    review,
)
from school101.services.identity import staff_accounts
from school101.services.messaging import staff_outbox
from tests.conftest import count

REF = date(2026, 6, 30)
pytestmark = pytest.mark.usefixtures("request_ctx")


@pytest.fixture
def campaign(make_campaign):
    return make_campaign(age_reference_date=REF)


def _app(
    make_user,
    make_application,
    campaign,
    *,
    born,
    postcode="69003",
    situation="job_seeker",
    first="Camille",
    last=None,
    email=None,
    **fields,
):
    user = make_user(
        email,
        birth_date=born,
        postcode=postcode,
        situation=situation,
        first_name=first,
        last_name=last,
    )
    return make_application(user, campaign, **fields)


def _ids(page_or_list):
    items = page_or_list.items if hasattr(page_or_list, "items") else page_or_list
    return [a.id for a in items]


def _list(staff, campaign, **args):
    return review.list_applications(campaign, review.parse_filters(args), actor=staff)


# ---------------------------------------------------------------- age bands


@pytest.mark.parametrize(
    "born, band",
    [
        (date(2008, 7, 1), "-17"),  # 17 the day before their 18th birthday
        (date(2008, 6, 30), "18-20"),  # 18 exactly on the reference date
        (date(2005, 7, 1), "18-20"),  # still 20
        (date(2005, 6, 30), "21-25"),  # 21 on the day
        (date(2000, 7, 1), "21-25"),
        (date(2000, 6, 30), "26-30"),
        (date(1995, 7, 1), "26-30"),
        (date(1995, 6, 30), "31+"),
        (date(1960, 1, 1), "31+"),
    ],
)
def test_age_band_boundaries_in_python_and_sql_agree(
    staff, campaign, make_user, make_application, born, band
):
    application = _app(make_user, make_application, campaign, born=born)
    assert review.age_band_of(born, REF) == band
    for name in review.AGE_BANDS:
        found = _ids(_list(staff, campaign, age_band=name))
        assert (application.id in found) == (name == band), (name, band)


def test_age_band_on_29_february_reference(staff, make_campaign, make_user, make_application):
    leap = make_campaign(age_reference_date=date(2028, 2, 29))
    a = _app(make_user, make_application, leap, born=date(2010, 2, 28))  # 18 on 2028-02-28
    b = _app(make_user, make_application, leap, born=date(2010, 3, 1))  # still 17
    assert _ids(_list(staff, leap, age_band="18-20")) == [a.id]
    assert _ids(_list(staff, leap, age_band="-17")) == [b.id]


def test_age_band_excludes_unknown_birth_dates(staff, campaign, make_user, make_application):
    _app(make_user, make_application, campaign, born=None)
    for name in review.AGE_BANDS:
        assert _list(staff, campaign, age_band=name).total == 0


# ---------------------------------------------------------------- filters


def test_filters_status_situation_place_scores_and_search(
    staff, campaign, make_user, make_application
):
    lyon = _app(
        make_user,
        make_application,
        campaign,
        born=date(2001, 1, 1),
        postcode="69003",
        situation="job_seeker",
        first="Léa",
        last="Dupont",
        memory_score=80,
        logic_score=5,
        status="games_done",
    )
    villeurbanne = _app(
        make_user,
        make_application,
        campaign,
        born=date(2001, 1, 1),
        postcode="69100",
        situation="student",
        first="Nora",
        last="Benali",
        email="nora.b@example.org",
        memory_score=40,
        logic_score=9,
    )
    ajaccio = _app(
        make_user,
        make_application,
        campaign,
        born=date(2001, 1, 1),
        postcode="20000",
        situation="employed",
        last="Santoni",
    )
    bastia = _app(
        make_user,
        make_application,
        campaign,
        born=date(2001, 1, 1),
        postcode="20200",
        situation="retraining",
        last="Paoli",
    )
    reunion = _app(
        make_user,
        make_application,
        campaign,
        born=date(2001, 1, 1),
        postcode="97400",
        last="Hoarau",
    )
    assert _ids(_list(staff, campaign, status="games_done")) == [lyon.id]
    assert _ids(_list(staff, campaign, situation="student")) == [villeurbanne.id]
    assert set(_ids(_list(staff, campaign, place="69"))) == {lyon.id, villeurbanne.id}
    assert _ids(_list(staff, campaign, place="691")) == [villeurbanne.id]
    assert _ids(_list(staff, campaign, place="2A")) == [ajaccio.id]
    assert _ids(_list(staff, campaign, place="2b")) == [bastia.id]
    assert _ids(_list(staff, campaign, place="974")) == [reunion.id]
    assert set(_ids(_list(staff, campaign, memory_min="40"))) == {lyon.id, villeurbanne.id}
    assert _ids(_list(staff, campaign, memory_min="41")) == [lyon.id]
    assert _ids(_list(staff, campaign, logic_min="6")) == [villeurbanne.id]
    assert _ids(_list(staff, campaign, memory_min="10", logic_min="6")) == [villeurbanne.id]
    # search: case- and word-insensitive on names and e-mail; % and _ are literal
    assert _ids(_list(staff, campaign, q="dupont")) == [lyon.id]
    assert _ids(_list(staff, campaign, q="léa DUPONT")) == [lyon.id]
    assert _ids(_list(staff, campaign, q="NORA.B@")) == [villeurbanne.id]
    assert _list(staff, campaign, q="%").total == 0
    assert _list(staff, campaign, q="_").total == 0
    assert _list(staff, campaign, q="léa benali").total == 0


def test_list_is_limited_to_the_campaign(
    staff, campaign, make_campaign, make_user, make_application
):
    other = make_campaign(open=False, name="Ancienne")
    mine = _app(make_user, make_application, campaign, born=date(2001, 1, 1))
    _app(make_user, make_application, other, born=date(2001, 1, 1))
    assert _ids(_list(staff, campaign)) == [mine.id]


@pytest.mark.parametrize(
    "args, field",
    [
        ({"status": "accepted"}, "status"),
        ({"age_band": "40-50"}, "age_band"),
        ({"situation": "astronaut"}, "situation"),
        ({"place": "Lyon"}, "place"),
        ({"place": "123456"}, "place"),
        ({"memory_min": "-1"}, "memory_min"),
        ({"logic_min": "abc"}, "logic_min"),
        ({"sort": "email"}, "sort"),
        ({"direction": "up"}, "direction"),
        ({"q": "x" * 101}, "q"),
    ],
)
def test_bad_filters_are_refused_with_the_field_named(args, field):
    with pytest.raises(ValidationFailed) as err:
        review.parse_filters(args)
    assert field in err.value.fields


def test_filters_round_trip_through_query_args():
    filters = review.parse_filters(
        {
            "status": "applied",
            "place": " 69 ",
            "memory_min": "3",
            "q": "x",
            "sort": "name",
            "direction": "asc",
        }
    )
    assert filters.as_args() == {
        "status": "applied",
        "place": "69",
        "memory_min": 3,
        "q": "x",
        "sort": "name",
        "direction": "asc",
    }
    assert review.parse_filters({k: str(v) for k, v in filters.as_args().items()}) == filters
    assert review.parse_filters({}).as_args() == {}


# ---------------------------------------------------------------- sort and pagination


def test_sorts_with_missing_scores_last(staff, campaign, make_user, make_application):
    a = _app(
        make_user,
        make_application,
        campaign,
        born=date(2001, 1, 1),
        last="Bernard",
        memory_score=10,
        logic_score=7,
        logic_instructions=30,
    )
    b = _app(
        make_user,
        make_application,
        campaign,
        born=date(2001, 1, 1),
        last="adam",
        memory_score=50,
        logic_score=7,
        logic_instructions=12,
    )
    c = _app(make_user, make_application, campaign, born=date(2001, 1, 1), last="Zola")
    d = _app(
        make_user,
        make_application,
        campaign,
        born=date(2001, 1, 1),
        last="Martin",
        memory_score=30,
        logic_score=None,
    )
    assert _ids(_list(staff, campaign, sort="name", direction="asc")) == [b.id, a.id, d.id, c.id]
    assert _ids(_list(staff, campaign, sort="name", direction="desc")) == [c.id, d.id, a.id, b.id]
    assert _ids(_list(staff, campaign, sort="memory", direction="desc")) == [b.id, d.id, a.id, c.id]
    assert _ids(_list(staff, campaign, sort="memory", direction="asc")) == [a.id, d.id, b.id, c.id]
    # logic: same level count, fewer instructions first; missing scores last both ways
    assert _ids(_list(staff, campaign, sort="logic", direction="desc"))[:2] == [b.id, a.id]
    assert _ids(_list(staff, campaign, sort="logic", direction="asc"))[-2:] in (
        [d.id, c.id],
        [c.id, d.id],
    )
    assert _ids(_list(staff, campaign, sort="combined", direction="desc")) == [
        b.id,
        d.id,
        a.id,
        c.id,
    ]
    assert _ids(_list(staff, campaign, sort="combined", direction="asc")) == [
        a.id,
        d.id,
        b.id,
        c.id,
    ]
    assert _ids(_list(staff, campaign, sort="created_at", direction="asc")) == [
        a.id,
        b.id,
        c.id,
        d.id,
    ]
    assert _ids(_list(staff, campaign)) == [d.id, c.id, b.id, a.id]  # default: newest first


def test_pagination_and_page_size_cap(staff, campaign, make_user, make_application):
    ids = [_app(make_user, make_application, campaign, born=date(2001, 1, 1)).id for _ in range(7)]
    filters = review.parse_filters({"sort": "created_at", "direction": "asc"})
    first = review.list_applications(campaign, filters, actor=staff, page=1, per_page=3)
    third = review.list_applications(campaign, filters, actor=staff, page=3, per_page=3)
    assert (first.total, first.pages, first.has_prev, first.has_next) == (7, 3, False, True)
    assert _ids(first) == ids[:3] and _ids(third) == ids[6:]
    assert not third.has_next and third.prev_num == 2
    beyond = review.list_applications(campaign, filters, actor=staff, page=9, per_page=3)
    assert beyond.items == [] and beyond.total == 7
    capped = review.list_applications(campaign, filters, actor=staff, page=1, per_page=10_000)
    assert capped.per_page == paging.PER_PAGE_MAX
    for bad in ({"page": 0}, {"page": "x"}, {"per_page": 0}, {"per_page": "-3"}):
        with pytest.raises(ValidationFailed):
            review.list_applications(campaign, filters, actor=staff, **bad)


# ---------------------------------------------------------------- CSV


def _csv_rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_csv_export_has_bom_semicolons_header_and_filtered_rows(
    staff, campaign, make_user, make_application
):
    done = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    a = _app(
        make_user,
        make_application,
        campaign,
        born=date(2001, 1, 1),
        last="Dupont; Fils",
        first='Jean "Jo"',
        memory_score=12,
        logic_score=3,
        games_completed_at=done,
    )
    _app(make_user, make_application, campaign, born=date(1980, 1, 1), last="Autre")
    text = exports.export_csv(campaign, review.parse_filters({"age_band": "21-25"}), actor=staff)
    rows = _csv_rows(text)
    assert rows[0] == list(exports.CSV_COLUMNS)
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=False))
    assert (
        row["id"] == str(a.id)
        and row["last_name"] == "Dupont; Fils"
        and row["first_name"] == 'Jean "Jo"'
    )
    assert row["combined_score"] == "15" and row["age"] == "25" and row["department"] == "69"
    assert row["games_completed_at"] == "2026-07-01 14:00"  # Europe/Paris, summer time
    assert "\r\n" in text
    log = db.session.scalars(
        db.select(AuditLog).where(AuditLog.action == "applications.exported")
    ).one()
    assert json.loads(log.after) == {"filters": {"age_band": "21-25"}, "rows": 1}


@pytest.mark.parametrize(
    "value",
    ["=1+1", "+33 6 00", "-2+3", "@SUM(A1)", "\t=cmd", "\r=cmd", '=HYPERLINK("http://evil")'],
)
def test_csv_safe_neutralises_formulas(value):
    assert spreadsheet.csv_safe(value) == "'" + value


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Dupont", "Dupont"),
        ("", ""),
        (None, ""),
        (12, "12"),
        ("a=b", "a=b"),
        ("Jean-Pierre", "Jean-Pierre"),
    ],
)
def test_csv_safe_leaves_plain_values(value, expected):
    assert spreadsheet.csv_safe(value) == expected


def test_csv_export_neutralises_injection_in_every_text_column(
    staff, campaign, make_user, make_application
):
    user = make_user(
        "=cmd@example.org", first_name="=1+2", last_name="@SUM(A1:A9)", birth_date=date(2001, 1, 1)
    )
    user.profile.city = "+33 Lyon"
    db.session.commit()
    make_application(user, campaign)
    rows = _csv_rows(exports.export_csv(campaign, review.parse_filters({}), actor=staff))
    row = dict(zip(rows[0], rows[1], strict=False))
    assert row["first_name"] == "'=1+2"
    assert row["last_name"] == "'@SUM(A1:A9)"
    assert row["email"] == "'=cmd@example.org"
    assert row["city"] == "'+33 Lyon"
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r)


# ---------------------------------------------------------------- funnel


def test_funnel_counts_each_step(staff, campaign, make_campaign, make_user, make_application):
    # registered only, registered without consent, applied, games done, invited, not selected
    make_user()
    make_user(consent=False)
    done = datetime.now(UTC)
    make_application(campaign=campaign)
    make_application(campaign=campaign, status="games_done", games_completed_at=done)
    make_application(campaign=campaign, status="invited", games_completed_at=done)
    make_application(campaign=campaign, status="not_selected", games_completed_at=done)
    # staff are not candidates; an erased candidate does not count
    erased = make_user()
    erased.erased_at = done
    db.session.commit()
    steps = {s.key: s for s in funnel.funnel(campaign, actor=staff)}
    assert [s.key for s in funnel.funnel(campaign, actor=staff)] == [
        "registered",
        "consented",
        "applied",
        "games_completed",
        "invited",
        "not_selected",
    ]
    assert steps["registered"].count == 6
    assert steps["consented"].count == 5
    assert steps["applied"].count == 4
    assert steps["games_completed"].count == 3
    assert steps["invited"].count == 1 and steps["not_selected"].count == 1
    assert steps["registered"].percent == 100.0 and steps["applied"].percent == round(400 / 6, 1)


def test_funnel_separates_campaigns(staff, make_campaign, make_user, make_application):
    old = make_campaign(open=False, name="2025")
    old.opens_at = old.opens_at - timedelta(days=400)
    old.closes_at = old.closes_at - timedelta(days=300)
    old_user = make_user()
    old_user.created_at = old.closes_at - timedelta(days=5)
    db.session.commit()
    new = make_campaign(name="2026")
    make_application(campaign=new)
    steps = {s.key: s.count for s in funnel.funnel(new, actor=staff)}
    assert steps["registered"] == 1 and steps["applied"] == 1
    old_steps = {s.key: s.count for s in funnel.funnel(old, actor=staff)}
    assert old_steps["registered"] == 1 and old_steps["applied"] == 0
    # someone from last year who applies again counts this year too
    make_application(old_user, new)
    assert {s.key: s.count for s in funnel.funnel(new, actor=staff)}["registered"] == 2


def test_funnel_of_an_empty_campaign(staff, campaign):
    assert all(s.count == 0 and s.percent == 0 for s in funnel.funnel(campaign, actor=staff))


# ---------------------------------------------------------------- detail, notes, decisions, exceptions


def test_detail_has_profile_games_levels_history_and_no_solutions(
    staff, campaign, make_user, make_application
):
    application = _app(make_user, make_application, campaign, born=date(2001, 1, 1), memory_score=3)
    session = GameSession(
        application_id=application.id,
        game="memory",
        attempt_no=1,
        seed="s",
        status="finished",
        levels_solved=1,
        score=3,
    )
    db.session.add(session)
    db.session.flush()
    db.session.add_all(
        [
            GameLevel(
                session_id=session.id,
                level=1,
                puzzle="[1,2]",
                solution='"SECRET-SOLUTION"',
                answer="[1,2]",
                correct=True,
                time_ms=1500,
            ),
            GameLevel(
                session_id=session.id,
                level=2,
                puzzle="[1,2,3]",
                solution='"SECRET-2"',
                answer="[3]",
                correct=False,
                time_ms=900,
            ),
        ]
    )
    db.session.commit()
    notes.add_note(application.id, "Très motivée.", actor=staff)
    db.session.commit()
    detail = application_file.application_detail(application.id, actor=staff)
    assert detail["profile"]["postcode"] == "69003" and detail["motivation"]
    attempt = detail["games"]["memory"][0]
    assert attempt["score"] == 3 and [lv["correct"] for lv in attempt["levels"]] == [True, False]
    assert attempt["levels"][0]["time_ms"] == 1500
    assert detail["games"]["logic"] == []
    assert "SECRET" not in json.dumps(detail)
    assert (
        detail["notes"][0]["body"] == "Très motivée."
        and detail["notes"][0]["author"] == staff.email
    )
    assert detail["history"][0]["action"] == "application.note_added"
    with pytest.raises(NotFound):
        application_file.application_detail(99999, actor=staff)


def test_add_note_validates_and_audits(staff, campaign, make_user, make_application):
    application = _app(make_user, make_application, campaign, born=date(2001, 1, 1))
    for bad in ("", "   \n", None, "x" * (notes.NOTE_MAX + 1)):
        with pytest.raises(ValidationFailed) as err:
            notes.add_note(application.id, bad, actor=staff)
        assert "body" in err.value.fields
    assert count(ApplicationNote) == 0
    note = notes.add_note(application.id, "  ok  ", actor=staff)
    db.session.commit()
    assert note.body == "ok" and note.author_id == staff.id
    log = db.session.scalars(
        db.select(AuditLog).where(AuditLog.action == "application.note_added")
    ).one()
    assert log.actor_id == staff.id and log.target_id == application.id and "ok" not in log.after


def test_decide_requires_reason_and_audits_before_after(
    staff, campaign, make_user, make_application
):
    application = _app(
        make_user, make_application, campaign, born=date(2001, 1, 1), status="games_done"
    )
    with pytest.raises(ValidationFailed) as err:
        decisions.decide(application.id, "invited", "  ", actor=staff)
    assert "reason" in err.value.fields
    with pytest.raises(ValidationFailed) as err:
        decisions.decide(application.id, "admitted", "why", actor=staff)
    assert "status" in err.value.fields
    assert db.session.get(Application, application.id).status == "games_done"
    decisions.decide(application.id, "invited", "Top 400", actor=staff)
    db.session.commit()
    assert db.session.get(Application, application.id).status == "invited"
    log = db.session.scalars(
        db.select(AuditLog).where(AuditLog.action == "application.decided")
    ).one()
    assert json.loads(log.before) == {"status": "games_done"} and json.loads(log.after) == {
        "status": "invited"
    }
    assert log.reason == "Top 400" and log.actor_id == staff.id
    with pytest.raises(Conflict):
        decisions.decide(application.id, "invited", "again", actor=staff)
    application.status = "withdrawn"
    db.session.commit()
    with pytest.raises(Conflict):
        decisions.decide(application.id, "not_selected", "late", actor=staff)


def test_grant_exception_by_email_user_or_application(staff, campaign, make_user, make_application):
    old = make_user("old@example.org", birth_date=date(1970, 1, 1))
    with pytest.raises(ValidationFailed):
        exceptions.grant_exception(
            actor=staff, reason="", email="old@example.org", campaign_id=campaign.id
        )
    assert count(EligibilityException) == 0
    with pytest.raises(NotFound):
        exceptions.grant_exception(
            actor=staff, reason="r", email="nobody@example.org", campaign_id=campaign.id
        )
    with pytest.raises(NotFound):
        exceptions.grant_exception(
            actor=staff, reason="r", email="old@example.org", campaign_id=999
        )
    row = exceptions.grant_exception(
        actor=staff,
        reason="Reconversion, dossier solide",
        email="OLD@example.org",
        campaign_id=campaign.id,
    )
    db.session.commit()
    assert row.user_id == old.id and row.granted_by_id == staff.id
    with pytest.raises(Conflict):
        exceptions.grant_exception(
            actor=staff, reason="again", user_id=old.id, campaign_id=campaign.id
        )
    application = _app(make_user, make_application, campaign, born=date(2001, 1, 1))
    row = exceptions.grant_exception(
        actor=staff, reason="Cas particulier", application_id=application.id
    )
    db.session.commit()
    assert row.user_id == application.user_id
    logs = db.session.scalars(
        db.select(AuditLog).where(AuditLog.action == "eligibility.exception_granted")
    ).all()
    assert len(logs) == 2 and {log.reason for log in logs} == {
        "Reconversion, dossier solide",
        "Cas particulier",
    }


# ---------------------------------------------------------------- authorisation inside the services


def test_every_service_refuses_non_staff(candidate, campaign, make_user, make_application):
    application = _app(make_user, make_application, campaign, born=date(2001, 1, 1))
    filters = review.parse_filters({})
    calls = [
        lambda: campaigns.campaigns(candidate),
        lambda: funnel.funnel(campaign, actor=candidate),
        lambda: review.list_applications(campaign, filters, actor=candidate),
        lambda: exports.export_csv(campaign, filters, actor=candidate),
        lambda: application_file.application_detail(application.id, actor=candidate),
        lambda: notes.add_note(application.id, "x", actor=candidate),
        lambda: decisions.decide(application.id, "invited", "x", actor=candidate),
        lambda: exceptions.grant_exception(
            actor=candidate, reason="x", application_id=application.id
        ),
        lambda: staff_outbox.outbox(actor=candidate),
        lambda: audit.audit_log(actor=candidate),
        lambda: staff_accounts.users(actor=candidate),
        lambda: campaigns.create_campaign({}, actor=candidate),
        lambda: campaigns.update_campaign(campaign.id, {}, actor=candidate),
        lambda: review.list_applications(campaign, filters, actor=None),
    ]
    for call in calls:
        with pytest.raises(Forbidden):
            call()
    assert count(ApplicationNote) == 0 and count(EligibilityException) == 0


def test_admin_functions_refuse_staff(staff, admin):
    with pytest.raises(Forbidden):
        staff_accounts.users(actor=staff)
    with pytest.raises(Forbidden):
        staff_accounts.create_account(
            actor=staff, email="x@example.org", password="a long password", roles=["staff"]
        )
    with pytest.raises(Forbidden):
        staff_accounts.change_roles(admin.id, ["staff"], actor=staff, reason="coup")
    assert admin.roles == ["admin"]


def test_outbox_hides_mails_to_staff_accounts_from_staff(staff, admin, make_user):
    from school101.services.messaging import outbox as mail

    candidate = make_user("c1@example.org")
    mail.send(
        to=candidate.email, kind="confirm_email", subject="Confirm", body="link", user=candidate
    )
    mail.send(
        to=admin.email, kind="password_reset", subject="Reset", body="secret link", user=admin
    )
    mail.send(to=staff.email, kind="password_reset", subject="Reset", body="secret link")
    db.session.commit()
    assert [m.to for m in staff_outbox.outbox(actor=staff).items] == ["c1@example.org"]
    assert staff_outbox.outbox(actor=admin).total == 3
    hidden = db.session.scalars(db.select(OutboxMail).where(OutboxMail.to == admin.email)).one()
    with pytest.raises(NotFound):
        staff_outbox.outbox_mail(hidden.id, actor=staff)
    assert staff_outbox.outbox_mail(hidden.id, actor=admin).body == "secret link"


def test_audit_log_filters(staff, campaign, make_user, make_application):
    application = _app(make_user, make_application, campaign, born=date(2001, 1, 1))
    notes.add_note(application.id, "n", actor=staff)
    db.session.commit()
    assert {
        r.action for r in audit.audit_log(actor=staff, action="application.note_added").items
    } == {"application.note_added"}
    assert audit.audit_log(actor=staff, action="consent.").total == count(Consent)
    assert "application.note_added" in audit.audit_actions(actor=staff)


def test_paris_time_conversion_round_trip():
    winter = clock.paris_to_utc(datetime(2026, 1, 15, 9, 0))
    summer = clock.paris_to_utc(datetime(2026, 7, 15, 9, 0))
    assert winter == datetime(2026, 1, 15, 8, 0, tzinfo=UTC)
    assert summer == datetime(2026, 7, 15, 7, 0, tzinfo=UTC)
    assert clock.utc_to_paris_naive(summer) == datetime(2026, 7, 15, 9, 0)


def test_list_and_export_use_a_constant_number_of_queries(
    staff, campaign, make_user, make_application
):
    """~2,500 applications a year: no query per row (the person and profile load in batches)."""
    from sqlalchemy import event

    for n in range(120):
        make_application(
            make_user(commit=False, birth_date=date(2000, 1, 1)),
            campaign,
            commit=False,
            memory_score=n,
        )
    db.session.commit()
    campaign_id, staff_id = campaign.id, staff.id
    db.session.expunge_all()
    statements = []

    def count_statement(*args):
        statements.append(args[2])

    campaign = db.session.get(Campaign, campaign_id)
    staff = db.session.get(User, staff_id)
    staff.roles  # noqa: B018 - loaded before counting
    event.listen(db.engine, "before_cursor_execute", count_statement)
    try:
        page = review.list_applications(
            campaign, review.parse_filters({"sort": "memory"}), actor=staff, per_page=100
        )
        rows = [review.application_row(a) for a in page.items]
        listed = len(statements)
        text = exports.export_csv(campaign, review.parse_filters({}), actor=staff)
        exported = len(statements) - listed
    finally:
        event.remove(db.engine, "before_cursor_execute", count_statement)
    assert len(rows) == 100 and text.count("\r\n") == 121
    assert listed <= 8, statements
    assert exported <= 8, statements
