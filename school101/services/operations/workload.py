"""What is waiting for staff, counted for the back office navigation.

One small count per work queue (each an indexed COUNT), so the side navigation can show where
work waits on every staff page without slowing it down: applications whose games are done and
await a decision, grading work queued, admission offers awaiting the candidate's answer,
plagiarism pairs to review, e-mails that could not be delivered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from school101.core.clock import paris_today
from school101.extensions import db
from school101.models import (
    Application,
    DayGrading,
    Decision,
    GradingRun,
    IntegrityPair,
    OutboxMail,
    Piscine,
    SelectionRound,
)


@dataclass(frozen=True)
class Workload:
    """Counts of waiting work, and the piscine and round staff most likely work on."""

    applications_to_review: int
    grading_waiting: int
    offers_pending: int
    integrity_open: int
    mails_failed: int
    current_piscine_id: int | None
    latest_round_id: int | None


def _count(model, *conditions) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model).where(*conditions)) or 0


def current_piscine_id(today: date | None = None) -> int | None:
    """The piscine under way today, else the next one to start, else the latest one."""
    today = today or paris_today()
    running = db.session.scalar(
        db.select(Piscine.id)
        .where(Piscine.starts_on <= today, Piscine.ends_on >= today)
        .order_by(Piscine.starts_on)
        .limit(1)
    )
    if running is not None:
        return running
    upcoming = db.session.scalar(
        db.select(Piscine.id).where(Piscine.starts_on > today).order_by(Piscine.starts_on).limit(1)
    )
    if upcoming is not None:
        return upcoming
    return db.session.scalar(db.select(Piscine.id).order_by(Piscine.ends_on.desc()).limit(1))


def staff_workload(campaign_id: int | None) -> Workload:
    """The counts shown beside the back office links (`campaign_id`: the campaign staff look at
    by default; None counts no application)."""
    return Workload(
        applications_to_review=_count(
            Application,
            Application.campaign_id == campaign_id,
            Application.status == "games_done",
        )
        if campaign_id is not None
        else 0,
        grading_waiting=_count(GradingRun, GradingRun.status.in_(("queued", "running")))
        + _count(DayGrading, DayGrading.status.in_(("queued", "running"))),
        offers_pending=_count(Decision, Decision.offer_status == "pending"),
        integrity_open=_count(IntegrityPair, IntegrityPair.status == "open"),
        mails_failed=_count(OutboxMail, OutboxMail.status == "failed"),
        current_piscine_id=current_piscine_id(),
        latest_round_id=db.session.scalar(
            db.select(SelectionRound.id).order_by(SelectionRound.id.desc()).limit(1)
        ),
    )
