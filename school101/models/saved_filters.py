"""Saved filters of the back office lists: a staff member's named query strings, per page."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from school101.extensions import db
from school101.models._base import UTCDateTime, utcnow


class SavedFilter(db.Model):
    """One named set of list filters (a query string of whitelisted keys) of one staff member
    on one list page (`page_key`, e.g. "applications")."""

    __tablename__ = "saved_filters"
    __table_args__ = (UniqueConstraint("user_id", "page_key", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    page_key: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(60))
    query: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
