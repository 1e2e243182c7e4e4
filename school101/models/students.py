"""Students and graduates: cohorts, enrolments, and the profile a graduate shows employers.

There is no "student" or "graduate" role: a user is a student when a Student row exists for them,
and a graduate when that row's status is "graduated". Roles stay candidate/staff/admin/employer.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from school101.extensions import db
from school101.models._base import UTCDateTime, utcnow

STUDENT_STATUSES = ("student", "graduated", "left")
AVAILABILITIES = ("available_now", "from_date", "not_looking")


class Cohort(db.Model):
    """A promotion of students, named like "2026"."""

    __tablename__ = "cohorts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Student(db.Model):
    """A person admitted to the school, in one cohort."""

    __tablename__ = "students"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    cohort_id: Mapped[int] = mapped_column(
        ForeignKey("cohorts.id", ondelete="RESTRICT"), index=True
    )
    status: Mapped[str] = mapped_column(String(12), default="student", index=True)
    admitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    graduated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user = relationship("User")
    cohort: Mapped[Cohort] = relationship()


class GraduateProfile(db.Model):
    """What a graduate tells employers, and which parts of it they let employers see.

    `skills` is stored as ",tag,tag," (normalised lower-case tags) so a tag filter is a LIKE;
    `links` is newline-separated http(s) URLs. Contact details (contact_email, contact_phone)
    are shown only to an employer whose contact request the graduate accepted.
    """

    __tablename__ = "graduate_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    opted_in: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    opted_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    headline: Mapped[str] = mapped_column(String(140), default="")
    skills: Mapped[str] = mapped_column(Text, default="")
    projects: Mapped[str] = mapped_column(Text, default="")
    links: Mapped[str] = mapped_column(Text, default="")
    availability: Mapped[str] = mapped_column(String(20), default="available_now", index=True)
    available_from: Mapped[date | None] = mapped_column(Date)
    city: Mapped[str] = mapped_column(String(100), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    contact_phone: Mapped[str] = mapped_column(String(30), default="")
    contact_preferences: Mapped[str] = mapped_column(String(500), default="")
    show_last_name: Mapped[bool] = mapped_column(Boolean, default=False)
    show_city: Mapped[bool] = mapped_column(Boolean, default=True)
    show_links: Mapped[bool] = mapped_column(Boolean, default=True)
    show_projects: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    user = relationship("User")

    @property
    def skill_list(self) -> list[str]:
        return [s for s in (self.skills or "").split(",") if s]

    @property
    def link_list(self) -> list[str]:
        return [s for s in (self.links or "").splitlines() if s.strip()]
