"""Data retention: anonymise candidates who were not admitted, once their data is no longer needed.

Rule (docs/retention.md):
- who: accounts holding the candidate role and no staff, admin or employer role, whose
  current decision is not "admit" in any piscine (services.selection.admitted_user_ids),
  not anonymised yet;
- when: 3 months after the end of their latest campaign, or 2 years after it when their
  latest consent (by date) agreed to be kept for later campaigns (keep_two_years, not
  withdrawn). A campaign ends when applications close (Campaign.closes_at) or, when its
  piscines end later, at the end (midnight, Europe/Paris) of its last piscine: nobody is
  anonymised in the middle of the selection. People who never applied belong to the first
  campaign closing after they registered;
- what: before anything is wiped, the counts the analytics show are added to
  CampaignStatistic (per campaign, metric and group; no person in them); then personal data
  is wiped in place (rows stay, so foreign keys and non-personal facts hold) and the audit
  trail keeps only facts (action, date, ids) with no personal content. One audit row per
  run records the counts. Running again changes nothing more (anonymised people are listed
  in AnonymisedPerson and skipped).
"""

from __future__ import annotations

import bisect
import calendar
import logging
import os
import shutil
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import String, cast, delete, func, insert, or_, select, update

from school101.core import audit
from school101.core.clock import PARIS
from school101.extensions import db
from school101.models import (
    ApiToken,
    Application,
    ApplicationNote,
    AuditLog,
    Booking,
    Campaign,
    Consent,
    DayGrading,
    Decision,
    EligibilityException,
    ExamAttempt,
    ExamConnection,
    GameLevel,
    GamePlausibility,
    GameSession,
    GradingRun,
    Invitation,
    OutboxMail,
    Piscine,
    Profile,
    RushTeam,
    RushTeamMember,
    SavedFilter,
    Submission,
    User,
    UserRole,
)
from school101.models._base import utcnow
from school101.models.retention import AnonymisedPerson, CampaignStatistic
from school101.services.analytics import report

log = logging.getLogger(__name__)


PROTECTED_ROLES = ("staff", "admin", "employer")


SHORT_MONTHS = 3


LONG_MONTHS = 24


# Security events that name no account (a git login lockout keeps the network address and the
# user name tried) are evidence for a year, then their details are cleared; the fact stays.
SECURITY_LOG_MONTHS = 12


SECURITY_ACTIONS = ("git.auth_locked_out", "git.requests_limited")


def add_months(value: datetime, months: int) -> datetime:
    """`value` plus whole calendar months (the day is clamped to the month's last day)."""
    month0 = value.month - 1 + months
    year, month = value.year + month0 // 12, month0 % 12 + 1
    day = min(value.day, calendar.monthrange(year, month)[1])
    return value.replace(year=year, month=month, day=day)


@dataclass
class Due:
    """One person the job would anonymise (ids and dates only)."""

    user_id: int
    rule: str  # three_months | two_years
    campaign_end: datetime  # end of their latest campaign
    due_at: datetime


@dataclass
class Plan:
    """What a run at `now` would change."""

    now: datetime
    due: list[Due] = field(default_factory=list)
    waiting: int = 0  # candidates not due yet
    protected: int = 0  # candidates kept because admitted or holding a staff/admin/employer role
    unattached: int = 0  # candidates with no campaign ending after their registration
    already: int = 0  # anonymised by earlier runs
    security_events: int = 0  # security audit rows whose details are older than SECURITY_LOG_MONTHS

    def counts(self) -> dict:
        rules = Counter(d.rule for d in self.due)
        return {
            "due": len(self.due),
            "three_months": rules["three_months"],
            "two_years": rules["two_years"],
            "waiting": self.waiting,
            "protected": self.protected,
            "unattached": self.unattached,
            "already_anonymised": self.already,
            "security_events": self.security_events,
        }


def campaign_ends() -> dict[int, datetime]:
    """When each campaign ends: applications closed and its last piscine over (UTC)."""
    ends = {
        cid: closes for cid, closes in db.session.execute(select(Campaign.id, Campaign.closes_at))
    }
    for cid, last_day in db.session.execute(
        select(Piscine.campaign_id, func.max(Piscine.ends_on))
        .where(Piscine.campaign_id.is_not(None))
        .group_by(Piscine.campaign_id)
    ):
        if cid in ends and last_day is not None:
            over = datetime.combine(last_day + timedelta(days=1), time(0), PARIS).astimezone(UTC)
            ends[cid] = max(ends[cid], over)
    return ends


def _admitted_ids() -> set[int]:
    from school101.services.selection.decisions import admitted_user_ids

    return admitted_user_ids()


def _stale_security_events(now: datetime):
    """Security audit rows past SECURITY_LOG_MONTHS whose details are not cleared yet."""
    return (
        AuditLog.action.in_(SECURITY_ACTIONS),
        AuditLog.at < add_months(now, -SECURITY_LOG_MONTHS),
        or_(AuditLog.before != "", AuditLog.after != "", AuditLog.reason != ""),
    )


def plan(now: datetime | None = None) -> Plan:
    """Who a run at `now` would anonymise, and why (reads only)."""
    now = now or utcnow()
    result = Plan(now)
    result.security_events = (
        db.session.scalar(
            select(func.count()).select_from(AuditLog).where(*_stale_security_events(now))
        )
        or 0
    )
    candidates = select(UserRole.user_id).where(UserRole.role == "candidate")
    protected_roles = select(UserRole.user_id).where(UserRole.role.in_(PROTECTED_ROLES))
    anonymised = select(AnonymisedPerson.user_id)
    result.already = db.session.scalar(select(func.count()).select_from(AnonymisedPerson)) or 0
    pool = select(User.id).where(User.id.in_(candidates), User.id.not_in(anonymised))
    people = dict(
        db.session.execute(select(User.id, User.created_at).where(User.id.in_(pool))).all()
    )
    admitted = _admitted_ids()
    staffish = set(db.session.scalars(protected_roles))
    keep = (admitted | staffish) & set(people)
    result.protected = len(keep)
    for uid in keep:
        people.pop(uid)
    if not people:
        return result
    ends = campaign_ends()
    latest_end: dict[int, datetime] = {}
    for uid, cid in db.session.execute(
        select(Application.user_id, Application.campaign_id).where(Application.user_id.in_(pool))
    ):
        if cid in ends:
            latest_end[uid] = max(latest_end.get(uid, ends[cid]), ends[cid])
    # Invited or seated in a piscine: not before that piscine (and its campaign) is over.
    for table in (Booking, Invitation):
        for uid, cid, last_day in db.session.execute(
            select(table.user_id, Piscine.campaign_id, Piscine.ends_on)
            .join(Piscine, Piscine.id == table.piscine_id)
            .where(table.user_id.in_(pool))
        ):
            over = datetime.combine(last_day + timedelta(days=1), time(0), PARIS).astimezone(UTC)
            if cid in ends:
                over = max(over, ends[cid])
            latest_end[uid] = max(latest_end.get(uid, over), over)
    closes = sorted(
        (c, cid) for cid, c in db.session.execute(select(Campaign.id, Campaign.closes_at))
    )
    closing_times = [c for c, _ in closes]
    latest_consent: dict[int, tuple] = {}
    for uid, keep_two, withdrawn in db.session.execute(
        select(Consent.user_id, Consent.keep_two_years, Consent.withdrawn_at)
        .where(Consent.user_id.in_(pool))
        .order_by(Consent.user_id, Consent.given_at, Consent.id)
    ):
        latest_consent[uid] = (keep_two, withdrawn)
    for uid, created in sorted(people.items()):
        end = latest_end.get(uid)
        if end is None:  # never applied: the campaign they registered for
            i = bisect.bisect_left(closing_times, created)
            if i == len(closes):
                result.unattached += 1
                continue
            end = ends[closes[i][1]]
        keep_two, withdrawn = latest_consent.get(uid, (False, None))
        rule = "two_years" if keep_two and withdrawn is None else "three_months"
        due_at = add_months(end, LONG_MONTHS if rule == "two_years" else SHORT_MONTHS)
        if due_at <= now:
            result.due.append(Due(uid, rule, end, due_at))
        else:
            result.waiting += 1
    return result


@dataclass
class RunResult:
    plan: Plan
    dry_run: bool
    anonymised: int = 0
    statistics: int = 0  # CampaignStatistic rows written or increased
    audit_id: int | None = None
    removed_repositories: int = 0


def run(now: datetime | None = None, dry_run: bool = False, *, actor=None) -> RunResult:
    """Anonymise everyone due at `now` (after keeping their aggregates) and commit.

    A dry run only returns the plan: nothing is written, not even an audit row.
    """
    now = now or utcnow()
    current = plan(now)
    result = RunResult(current, dry_run)
    if dry_run:
        return result
    counts = current.counts()
    row = audit.record(
        "retention.run",
        actor=actor,
        target_type="retention",
        after={
            "anonymised": counts["due"],
            "three_months": counts["three_months"],
            "two_years": counts["two_years"],
            "waiting": counts["waiting"],
            "protected": counts["protected"],
            "security_events": counts["security_events"],
            "dry_run": False,
        },
    )
    db.session.flush()
    result.audit_id = row.id
    if current.security_events:
        db.session.execute(
            update(AuditLog)
            .where(*_stale_security_events(now))
            .values(before="", after="", reason="")
            .execution_options(synchronize_session=False)
        )
    if current.due:
        db.session.execute(
            insert(AnonymisedPerson),
            [
                {"user_id": d.user_id, "anonymised_at": now, "rule": d.rule, "run_id": row.id}
                for d in current.due
            ],
        )
        result.statistics = keep_statistics(row.id)
        wipe_personal_data(
            select(AnonymisedPerson.user_id).where(AnonymisedPerson.run_id == row.id), now=now
        )
        result.anonymised = len(current.due)
    db.session.commit()
    if current.due:
        result.removed_repositories = _remove_repositories([d.user_id for d in current.due])
    return result


def keep_statistics(run_id: int) -> int:
    """Add the analytics counts of a run's people to CampaignStatistic, campaign by campaign."""

    written = 0
    for campaign in db.session.scalars(select(Campaign).order_by(Campaign.id)):
        found = report.counts(campaign, run_id=run_id)
        if not found:
            continue
        existing = {
            (s.metric, s.group_key): s
            for s in db.session.scalars(
                select(CampaignStatistic).where(CampaignStatistic.campaign_id == campaign.id)
            )
        }
        for (metric, group), value in found.items():
            if not value:
                continue
            stat = existing.get((metric, group))
            if stat is None:
                db.session.add(
                    CampaignStatistic(
                        campaign_id=campaign.id, metric=metric, group_key=group, value=value
                    )
                )
            else:
                stat.value += value
            written += 1
    db.session.flush()
    return written


def wipe_personal_data(user_ids, *, now: datetime | None = None) -> None:
    """Wipe the personal data of `user_ids` (a SELECT of ids, or a list) in place, set-based.

    Rows stay (foreign keys, non-personal facts such as statuses, scores and dates); what could
    identify or describe a person is emptied: account fields, profile, tokens, free texts
    written by or about them, e-mails sent, IP addresses, turned-in code and program output,
    and the content (before/after/reason) of audit rows about them or by them.
    """
    now = now or utcnow()
    applications = select(Application.id).where(Application.user_id.in_(user_ids))
    # a rush team's work is also its other members': it stays while one of them is still here
    kept_teams = _teams_with_others(user_ids)
    their_teams = select(RushTeamMember.team_id).where(RushTeamMember.user_id.in_(user_ids))
    submissions = select(Submission.id).where(
        or_(
            Submission.user_id.in_(user_ids) & Submission.team_id.is_(None),
            Submission.team_id.in_(their_teams) & Submission.team_id.not_in(kept_teams),
        )
    )
    sessions = select(GameSession.id).where(GameSession.application_id.in_(applications))
    s = db.session
    s.execute(delete(ApplicationNote).where(ApplicationNote.application_id.in_(applications)))
    s.execute(update(Application).where(Application.id.in_(applications)).values(motivation=""))
    s.execute(
        update(EligibilityException)
        .where(EligibilityException.user_id.in_(user_ids))
        .values(reason="")
    )
    s.execute(
        update(GameLevel)
        .where(GameLevel.session_id.in_(sessions))
        .values(answer="", puzzle="{}", solution="{}")
    )
    s.execute(
        update(GamePlausibility)
        .where(GamePlausibility.session_id.in_(sessions))
        .values(review_reason="")
    )
    s.execute(delete(Profile).where(Profile.user_id.in_(user_ids)))
    s.execute(delete(ApiToken).where(ApiToken.user_id.in_(user_ids)))
    s.execute(delete(SavedFilter).where(SavedFilter.user_id.in_(user_ids)))  # searches typed
    s.execute(
        update(OutboxMail)
        .where(OutboxMail.user_id.in_(user_ids))
        .values(to="erased", subject="(erased)", body="", error="", link_ref=None)
    )
    s.execute(update(Consent).where(Consent.user_id.in_(user_ids)).values(ip=""))
    s.execute(
        update(GradingRun)
        .where(GradingRun.submission_id.in_(submissions))
        .values(verdict="", error="")
    )
    s.execute(
        update(Submission).where(Submission.id.in_(submissions)).values(archive=b"", sha256="")
    )
    s.execute(
        update(DayGrading)
        .where(
            or_(
                DayGrading.user_id.in_(user_ids) & DayGrading.team_id.is_(None),
                DayGrading.team_id.in_(their_teams) & DayGrading.team_id.not_in(kept_teams),
            )
        )
        .values(verdict="", submissions="", error="")
    )
    s.execute(
        update(Decision).where(Decision.user_id.in_(user_ids)).values(reason="", breakdown="")
    )
    s.execute(update(Booking).where(Booking.user_id.in_(user_ids)).values(note=""))
    their_attempts = select(ExamAttempt.id).where(ExamAttempt.user_id.in_(user_ids))
    s.execute(
        update(ExamConnection)
        .where(ExamConnection.attempt_id.in_(their_attempts))
        .values(address="", user_agent="")
    )
    evaluations = _wipe_evaluations(user_ids)
    targets = [
        (AuditLog.target_type == "evaluations") & AuditLog.target_id.in_(evaluations),
        AuditLog.actor_id.in_(user_ids),
        (AuditLog.target_type == "users") & AuditLog.target_id.in_(user_ids),
        (AuditLog.target_type == "applications") & AuditLog.target_id.in_(applications),
        (AuditLog.target_type == "submissions") & AuditLog.target_id.in_(submissions),
        (AuditLog.target_type == "game_sessions") & AuditLog.target_id.in_(sessions),
    ]
    for model in (Booking, Invitation, Decision, DayGrading):
        targets.append(
            (AuditLog.target_type == model.__tablename__)
            & AuditLog.target_id.in_(select(model.id).where(model.user_id.in_(user_ids)))
        )
    s.execute(
        update(AuditLog).where(or_(*targets)).values(before="", after="", reason=""),
        execution_options={"synchronize_session": False},
    )
    s.execute(
        update(User)
        .where(User.id.in_(user_ids))
        .values(
            email="anonymised-" + cast(User.id, String(20)) + "@erased.invalid",
            first_name="",
            last_name="",
            birth_date=None,
            password_hash=None,
            email_confirmed_at=None,
            last_login_at=None,
            active=False,
            session_version=User.session_version + 1,
        ),
        execution_options={"synchronize_session": False},
    )
    s.execute(
        update(User).where(User.id.in_(user_ids), User.erased_at.is_(None)).values(erased_at=now),
        execution_options={"synchronize_session": False},
    )
    from school101.services.directory.contacts import wipe_directory_data

    wipe_directory_data(user_ids)
    s.expire_all()


def _wipe_evaluations(user_ids):
    """Peer evaluations: the free texts written by or about the people (feedback, comments,
    grant notes) are emptied, their availability windows deleted; marks, flags and dates
    stay (facts about the work, needed by the other side's record). Returns the SELECT of
    the evaluations concerned, for the audit rows about them."""
    from school101.models import AvailabilitySlot, Evaluation, PointsEntry

    s = db.session
    concerned = select(Evaluation.id).where(
        or_(Evaluation.evaluated_id.in_(user_ids), Evaluation.evaluator_id.in_(user_ids))
    )
    s.execute(
        update(Evaluation)
        .where(Evaluation.id.in_(concerned))
        .values(feedback="", feedback_comment="")
    )
    s.execute(delete(AvailabilitySlot).where(AvailabilitySlot.user_id.in_(user_ids)))
    s.execute(
        update(PointsEntry)
        .where(or_(PointsEntry.user_id.in_(user_ids), PointsEntry.actor_id.in_(user_ids)))
        .values(note="")
    )
    return concerned


def _teams_with_others(user_ids):
    """The rush teams with a member who is neither in `user_ids` nor erased already: their
    shared work (team submissions, the team's grading, the team repository) is kept."""
    return (
        select(RushTeamMember.team_id)
        .join(User, User.id == RushTeamMember.user_id)
        .where(RushTeamMember.user_id.not_in(user_ids), User.erased_at.is_(None))
    )


def _remove_team_repositories(user_ids: list[int]) -> int:
    """Delete the repositories of the rush teams of `user_ids` that nobody else keeps (every
    other member erased too); a team repository still shared with someone stays."""
    from flask import current_app

    from school101.services.grading.repositories import git_root
    from school101.services.grading.team_work import team_repo_path

    root = git_root(current_app)
    gone = db.session.scalars(
        select(RushTeam).where(
            RushTeam.id.in_(
                select(RushTeamMember.team_id).where(RushTeamMember.user_id.in_(user_ids))
            ),
            RushTeam.id.not_in(_teams_with_others(user_ids)),
        )
    )
    removed = 0
    for team in gone:
        path = team_repo_path(root, team)
        if os.path.isdir(path):
            shutil.rmtree(path, ignore_errors=True)
            removed += 1
    return removed


def _remove_repositories(user_ids: list[int]) -> int:
    """Delete the git day repositories of anonymised people (GIT_ROOT/<user_id>/)."""
    from flask import current_app

    from school101.services.grading.repositories import git_root

    root = git_root(current_app)
    removed = _remove_team_repositories(user_ids)
    for uid in user_ids:
        path = os.path.join(root, str(int(uid)))
        if os.path.isdir(path):
            shutil.rmtree(path, ignore_errors=True)
            removed += 1
    return removed


DAILY_AT = time(3, 17)  # Europe/Paris, a quiet hour
