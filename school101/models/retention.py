"""Data retention: aggregates kept for anonymised people, and the list of who was anonymised.

`CampaignStatistic` holds, per campaign, the counts the analytics need for people whose
personal data the retention job has anonymised (metric, group key, value: no person in it).
`AnonymisedPerson` records the fact that an account was anonymised by the job and when (no
personal content); the analytics count these people only through `CampaignStatistic`, so the
dashboard adds up before and after the job.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from school101.extensions import db
from school101.models._base import UTCDateTime, utcnow

RETENTION_REASONS = ("three_months", "two_years")


class CampaignStatistic(db.Model):
    """An aggregated count kept for a campaign after its people were anonymised.

    `metric` is a funnel step or piscine measure ("applications", "attendance", ...);
    `group_key` a group ("" for the total, "situation:student", "piscine:3:day:c00", ...).
    Values are added by each retention run (one row per campaign, metric and group).
    """

    __tablename__ = "campaign_statistics"
    __table_args__ = (
        UniqueConstraint("campaign_id", "metric", "group_key", name="uq_campaign_statistic"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    metric: Mapped[str] = mapped_column(String(40))
    group_key: Mapped[str] = mapped_column(String(120), default="")
    value: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class AnonymisedPerson(db.Model):
    """The fact that the retention job anonymised an account, when and under which rule."""

    __tablename__ = "anonymised_people"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    anonymised_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    rule: Mapped[str] = mapped_column(String(20))  # three_months | two_years
    run_id: Mapped[int | None] = mapped_column(Integer, index=True)  # the audit row of the run
