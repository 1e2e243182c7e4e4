"""The retention job on the known dataset (tests/analytics/dataset.py), run at NOW:
the piscine ended on 3 May 2026, so 3 months have passed and 2 years have not."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from school101.extensions import db
from school101.jobs import retention as retention_job
from school101.models import (
    Application,
    AuditLog,
    Booking,
    Campaign,
    Consent,
    DayGrading,
    Decision,
    OutboxMail,
    Profile,
    Submission,
    User,
    UserRole,
)
from school101.models.retention import AnonymisedPerson, CampaignStatistic
from school101.services.analytics import report
from school101.services.privacy import retention
from tests.analytics.dataset import NOW
from tests.conftest import count


def _ids(users):
    return sorted(u.id for u in users)


def _due_ids(d):
    """Who must be anonymised at NOW: rejected A5-A7, B2-B5 (3 months), all of C and D."""
    return _ids(d.a[5:] + d.b[2:] + d.c + d.d)


def _snapshot():
    """Everything personal the job could change, to prove a dry run changes nothing."""
    return {
        "users": [
            (u.id, u.email, u.first_name, u.last_name, u.birth_date, u.erased_at)
            for u in db.session.scalars(db.select(User).order_by(User.id))
        ],
        "profiles": count(Profile),
        "audit": count(AuditLog),
        "stats": count(CampaignStatistic),
        "marks": count(AnonymisedPerson),
        "motivations": sorted(db.session.scalars(db.select(Application.motivation))),
        "archives": sorted(db.session.scalars(db.select(Submission.sha256))),
    }


def test_dry_run_lists_and_changes_nothing(dataset):
    before = _snapshot()
    result = retention.run(NOW, True)
    db.session.expire_all()
    assert sorted(d.user_id for d in result.plan.due) == _due_ids(dataset)
    assert result.anonymised == 0 and result.audit_id is None
    assert _snapshot() == before


def test_plan_rules(dataset):
    plan = retention.plan(NOW)
    rules = {d.user_id: d.rule for d in plan.due}
    assert set(rules) == set(_due_ids(dataset))
    assert set(rules.values()) == {"three_months"}
    counts = plan.counts()
    assert counts["waiting"] == 2  # B0, B1 agreed to be kept two years
    assert counts["protected"] == 5  # A0-A4 admitted (the staff account is not a candidate)
    due = {d.user_id: d for d in plan.due}
    end = datetime(2026, 5, 3, 22, 0, tzinfo=UTC)  # end of the piscine's last day, Paris time
    assert due[dataset.c[0].id].campaign_end == end
    assert due[dataset.c[0].id].due_at == datetime(2026, 8, 3, 22, 0, tzinfo=UTC)
    # Before 3 months: nobody; after 2 years: the two-year people too, never the admitted.
    assert retention.plan(datetime(2026, 8, 3, 21, 0, tzinfo=UTC)).due == []
    later = retention.plan(datetime(2028, 5, 4, tzinfo=UTC))
    assert {d.user_id: d.rule for d in later.due if d.rule == "two_years"} == {
        dataset.b[0].id: "two_years",
        dataset.b[1].id: "two_years",
    }
    assert not {u.id for u in dataset.a[:5]} & {d.user_id for d in later.due}


def test_withdrawn_two_year_consent_falls_back_to_three_months(dataset):
    consent = db.session.scalars(
        db.select(Consent).where(
            Consent.user_id == dataset.b[0].id, Consent.keep_two_years.is_(True)
        )
    ).one()
    consent.withdrawn_at = datetime(2026, 6, 1, tzinfo=UTC)
    db.session.commit()
    assert dataset.b[0].id in {d.user_id for d in retention.plan(NOW).due}


def test_staff_employer_and_people_of_a_later_campaign_are_kept(dataset, make_user):
    # A candidate who is also staff, another who became an employer: never touched.
    helper = make_user("helper@example.org", roles=("candidate", "staff"), commit=False)
    employer = make_user("employer@example.org", roles=("candidate", "employer"), commit=False)
    db.session.flush()
    for user in (helper, employer):
        db.session.add(
            Application(user_id=user.id, campaign_id=dataset.campaign.id, status="applied")
        )
    # C0 applies again to a campaign that is still open: their data is still needed.
    later = Campaign(
        name="Campagne 2027",
        opens_at=datetime(2026, 11, 1, tzinfo=UTC),
        closes_at=datetime(2027, 3, 31, tzinfo=UTC),
        age_reference_date=datetime(2027, 3, 31).date(),
    )
    db.session.add(later)
    db.session.flush()
    db.session.add(Application(user_id=dataset.c[0].id, campaign_id=later.id, status="applied"))
    db.session.commit()
    due = {d.user_id for d in retention.plan(NOW).due}
    assert helper.id not in due and employer.id not in due and dataset.staff.id not in due
    assert dataset.c[0].id not in due
    assert dataset.c[1].id in due


def test_run_anonymises_exactly_the_right_people(dataset):
    totals_before = report.report_json(report.report(dataset.campaign, actor=dataset.staff))
    result = retention.run(NOW)
    db.session.expire_all()
    assert result.anonymised == 12
    gone = set(_due_ids(dataset))
    assert set(db.session.scalars(db.select(AnonymisedPerson.user_id))) == gone
    for user in db.session.scalars(db.select(User)):
        if user.id in gone:
            assert user.email == f"anonymised-{user.id}@erased.invalid"
            assert (user.first_name, user.last_name, user.birth_date, user.password_hash) == (
                "",
                "",
                None,
                None,
            )
            assert user.erased_at is not None and not user.active
            assert db.session.get(Profile, user.id) is None
        else:
            assert "@example.org" in user.email and user.first_name and user.birth_date is not None
            assert db.session.get(Profile, user.id) is not None
    # Free texts, code, program output, decision reasons, IPs, e-mails: wiped for them only.
    rejected = dataset.a[5]
    app = db.session.scalars(db.select(Application).where(Application.user_id == rejected.id)).one()
    assert app.motivation == "" and app.status == "invited" and app.memory_score == 50
    decision = db.session.scalars(db.select(Decision).where(Decision.user_id == rejected.id)).one()
    assert decision.reason == "" and decision.decision == "reject"
    kept_decision = db.session.scalars(
        db.select(Decision).where(Decision.user_id == dataset.a[0].id)
    ).one()
    assert kept_decision.reason == "Très bien"
    for sub in db.session.scalars(db.select(Submission).where(Submission.user_id == rejected.id)):
        assert sub.archive == b""
        assert all(run.verdict == "" for run in sub.runs)
    assert all(
        s.archive == b"tar"
        for s in db.session.scalars(
            db.select(Submission).where(Submission.user_id == dataset.a[0].id)
        )
    )
    assert all(
        g.verdict == ""
        for g in db.session.scalars(db.select(DayGrading).where(DayGrading.user_id == rejected.id))
    )
    assert (
        db.session.scalars(db.select(Booking).where(Booking.user_id == rejected.id)).one().note
        == ""
    )
    # The audit trail keeps facts about them, not content.
    rows = list(db.session.scalars(db.select(AuditLog).where(AuditLog.actor_id.in_(gone))))
    assert rows and all((r.before, r.after, r.reason) == ("", "", "") for r in rows)
    assert {r.action for r in rows} == {"consent.given"}
    kept = db.session.scalars(
        db.select(AuditLog).where(AuditLog.actor_id == dataset.a[0].id)
    ).first()
    assert kept.after != ""
    # One audit row for the run, with counts and nothing personal.
    (run_row,) = db.session.scalars(db.select(AuditLog).where(AuditLog.action == "retention.run"))
    assert run_row.id == result.audit_id
    facts = json.loads(run_row.after)
    assert facts["anonymised"] == 12 and facts["three_months"] == 12 and facts["two_years"] == 0
    assert "@" not in run_row.after and run_row.target_id is None
    # The dashboard adds up exactly as before.
    totals_after = report.report_json(report.report(dataset.campaign, actor=dataset.staff))
    assert totals_after.pop("anonymised_applicants") == 10  # A5-A7, B2-B5, C0-C2 applied
    totals_before.pop("anonymised_applicants")
    assert totals_after == totals_before
    assert report.totals(dataset.campaign)[("applied", "")] == 17


def test_running_twice_changes_nothing_more(dataset):
    retention.run(NOW)
    db.session.expire_all()
    stats = sorted(
        db.session.execute(
            db.select(
                CampaignStatistic.metric, CampaignStatistic.group_key, CampaignStatistic.value
            )
        ).all()
    )
    users = sorted(
        db.session.execute(
            db.select(User.id, User.email, User.erased_at, User.session_version)
        ).all()
    )
    second = retention.run(NOW)
    db.session.expire_all()
    assert second.anonymised == 0 and second.plan.due == []
    assert (
        sorted(
            db.session.execute(
                db.select(
                    CampaignStatistic.metric, CampaignStatistic.group_key, CampaignStatistic.value
                )
            ).all()
        )
        == stats
    )
    assert (
        sorted(
            db.session.execute(
                db.select(User.id, User.email, User.erased_at, User.session_version)
            ).all()
        )
        == users
    )
    runs = list(
        db.session.scalars(
            db.select(AuditLog).where(AuditLog.action == "retention.run").order_by(AuditLog.id)
        )
    )
    assert [json.loads(r.after)["anonymised"] for r in runs] == [12, 0]


def test_two_years_later_the_rest_go_and_totals_still_add_up(dataset):
    before = report.report_json(report.report(dataset.campaign, actor=dataset.staff))
    retention.run(NOW)
    result = retention.run(datetime(2028, 6, 1, tzinfo=UTC))
    assert result.anonymised == 2
    assert {d.rule for d in result.plan.due} == {"two_years"}
    after = report.report_json(report.report(dataset.campaign, actor=dataset.staff))
    before.pop("anonymised_applicants"), after.pop("anonymised_applicants")
    assert after == before
    admitted = db.session.get(User, dataset.a[0].id)
    assert admitted.erased_at is None and admitted.email == "a0@example.org"


def test_anonymised_person_cannot_log_in(client, dataset):
    from tests.conftest import login

    retention.run(NOW)
    response = login(client, "a5@example.org")
    assert response.status_code != 302 or "/auth/login" in response.headers.get("Location", "")


def test_outbox_mails_are_wiped(dataset):
    db.session.add(
        OutboxMail(
            to="c0@example.org",
            user_id=dataset.c[0].id,
            kind="decision",
            subject="Bonjour C0",
            body="Chère C0",
        )
    )
    db.session.commit()
    retention.run(NOW)
    db.session.expire_all()
    mail = db.session.scalars(
        db.select(OutboxMail).where(OutboxMail.user_id == dataset.c[0].id)
    ).one()
    assert (mail.to, mail.subject, mail.body) == ("erased", "(erased)", "")


def test_git_repositories_of_anonymised_people_are_removed(app, dataset, tmp_path):
    app.config["GIT_ROOT"] = str(tmp_path / "git")
    for user in (dataset.c[0], dataset.a[0]):
        path = tmp_path / "git" / str(user.id) / "c00.git"
        path.mkdir(parents=True)
        (path / "HEAD").write_text("ref: refs/heads/main\n")
    result = retention.run(NOW)
    assert result.removed_repositories == 1
    assert not (tmp_path / "git" / str(dataset.c[0].id)).exists()
    assert (tmp_path / "git" / str(dataset.a[0].id) / "c00.git" / "HEAD").exists()


def test_scheduled_retention(dataset, monkeypatch):
    monkeypatch.setattr(retention, "utcnow", lambda: NOW)
    counts = retention_job.scheduled_retention()
    assert counts["anonymised"] == 12 and counts["audit_id"]
    assert retention_job.scheduled_retention()["anonymised"] == 0


@pytest.fixture
def cli(app):
    from school101.cli.retention import register

    register(app)
    return app.test_cli_runner()


def test_cli_dry_run_and_run(cli, dataset):
    out = cli.invoke(args=["retention", "run", "--dry-run", "--now", NOW.isoformat()])
    assert out.exit_code == 0, out.output
    assert f"would anonymise user {dataset.c[0].id} rule=three_months" in out.output
    assert "dry run: would anonymise 12 candidate(s)" in out.output
    assert count(AnonymisedPerson) == 0
    out = cli.invoke(args=["retention", "run", "--now", NOW.isoformat()])
    assert out.exit_code == 0, out.output
    assert "anonymised 12 candidate(s)" in out.output
    assert count(AnonymisedPerson) == 12
    again = cli.invoke(args=["retention", "run", "--now", NOW.isoformat()])
    assert "anonymised 0 candidate(s)" in again.output and "already anonymised 12" in again.output
    bad = cli.invoke(args=["retention", "run", "--now", "yesterday"])
    assert bad.exit_code != 0


def test_security_events_keep_their_details_one_year(cli, dataset):
    """A git lockout names no account but keeps a network address: cleared after 12 months."""
    old = AuditLog(
        action="git.auth_locked_out",
        at=NOW - timedelta(days=400),
        after=json.dumps({"ip": "203.0.113.9", "username": "someone@example.org"}),
    )
    recent = AuditLog(
        action="git.auth_locked_out",
        at=NOW - timedelta(days=30),
        after=json.dumps({"ip": "198.51.100.7", "username": "other@example.org"}),
    )
    other = AuditLog(
        action="piscine.created", at=NOW - timedelta(days=400), after=json.dumps({"name": "P"})
    )
    db.session.add_all([old, recent, other])
    db.session.commit()
    out = cli.invoke(args=["retention", "run", "--dry-run", "--now", NOW.isoformat()])
    assert "security events to clear (older than 12 months) 1" in out.output
    db.session.expire_all()
    assert "203.0.113.9" in db.session.get(AuditLog, old.id).after  # a dry run changes nothing
    out = cli.invoke(args=["retention", "run", "--now", NOW.isoformat()])
    assert out.exit_code == 0 and "security events cleared (older than 12 months) 1" in out.output
    db.session.expire_all()
    cleared = db.session.get(AuditLog, old.id)
    assert (
        cleared.action == "git.auth_locked_out" and cleared.after == "" and cleared.at is not None
    )
    assert "198.51.100.7" in db.session.get(AuditLog, recent.id).after
    assert db.session.get(AuditLog, other.id).after == json.dumps({"name": "P"})
    run_row = db.session.scalars(
        db.select(AuditLog).where(AuditLog.action == "retention.run")
    ).one()
    assert json.loads(run_row.after)["security_events"] == 1
    assert retention.plan(NOW).security_events == 0


def test_2500_candidates_in_one_run(app, make_user):
    """Set-based: 2,500 applicants of an old campaign are anonymised in one quick run."""
    import time
    from datetime import date

    from sqlalchemy import insert

    staff = make_user(roles=("staff",))
    opens = datetime(2025, 1, 6, 8, tzinfo=UTC)
    campaign = Campaign(
        name="Ancienne campagne",
        opens_at=opens,
        closes_at=opens + timedelta(days=90),
        age_reference_date=date(2025, 4, 6),
    )
    db.session.add(campaign)
    db.session.flush()
    n = 2500
    first = (db.session.scalar(db.select(db.func.max(User.id))) or 0) + 1
    db.session.execute(
        insert(User),
        [
            {
                "id": first + i,
                "email": f"old{i}@example.org",
                "first_name": "X",
                "last_name": "Y",
                "birth_date": date(1995, 1, 1),
                "created_at": opens + timedelta(hours=i % 2000),
                "locale": "fr",
                "active": True,
                "session_version": 0,
            }
            for i in range(n)
        ],
    )
    db.session.execute(
        insert(UserRole), [{"user_id": first + i, "role": "candidate"} for i in range(n)]
    )
    db.session.execute(
        insert(Profile),
        [
            {
                "user_id": first + i,
                "postcode": "69003",
                "situation": "student",
                "gender": "female",
                "city": "Lyon",
                "heard_from": "",
                "phone": "",
                "updated_at": opens,
            }
            for i in range(n)
        ],
    )
    db.session.execute(
        insert(Application),
        [
            {
                "user_id": first + i,
                "campaign_id": campaign.id,
                "status": "applied",
                "motivation": "Oui",
                "created_at": opens,
                "updated_at": opens,
            }
            for i in range(n)
        ],
    )
    db.session.commit()
    before = report.report_json(report.report(campaign, actor=staff))
    started = time.perf_counter()
    result = retention.run(NOW)
    elapsed = time.perf_counter() - started
    assert result.anonymised == n
    assert count(Profile) == 1  # the staff member's
    after = report.report_json(report.report(campaign, actor=staff))
    before.pop("anonymised_applicants"), after.pop("anonymised_applicants")
    assert after == before
    assert elapsed < 15, f"retention run took {elapsed:.1f} s"
    print(f"retention run for {n} candidates: {elapsed:.2f} s")


def test_next_daily_run_is_0317_paris():
    assert retention_job.next_daily_run(datetime(2026, 11, 23, 1, 0, tzinfo=UTC)) == datetime(
        2026, 11, 23, 2, 17, tzinfo=UTC
    )
    assert retention_job.next_daily_run(datetime(2026, 11, 23, 2, 17, tzinfo=UTC)) == datetime(
        2026, 11, 24, 2, 17, tzinfo=UTC
    )
    assert retention_job.next_daily_run(datetime(2026, 7, 1, 12, 0, tzinfo=UTC)) == datetime(
        2026, 7, 2, 1, 17, tzinfo=UTC
    )


def test_daily_job_with_real_redis(app, dataset, redis_url, monkeypatch):
    """schedule_daily is idempotent; the job runs in a real RQ worker and schedules the next day."""
    from redis import Redis
    from rq import Queue, SimpleWorker

    connection = Redis.from_url(redis_url)
    queue = Queue("maintenance-test", connection=connection)
    first = retention_job.schedule_daily(queue, now=NOW)
    assert first.id == "retention-2026-11-24"
    assert retention_job.schedule_daily(queue, now=NOW).id == first.id
    assert queue.scheduled_job_registry.get_job_ids() == ["retention-2026-11-24"]
    # Run one now, as the scheduler would at 03:17.
    monkeypatch.setattr(retention, "utcnow", lambda: NOW)
    monkeypatch.setattr(retention_job, "utcnow", lambda: NOW)
    job = queue.enqueue(retention_job.scheduled_retention, kwargs={"reschedule": True})
    SimpleWorker([queue], connection=connection).work(burst=True)
    job.refresh()
    assert job.get_status() == "finished", job.latest_result()
    assert job.return_value()["anonymised"] == 12
    assert count(AnonymisedPerson) == 12
    assert queue.scheduled_job_registry.get_job_ids() == [
        "retention-2026-11-24"
    ]  # tomorrow's, once
