"""The graduates directory as employers see it.

What an employer can reach is built here and only here (public cards of opted-in graduates)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_

from school101.core import paging
from school101.core.clock import paris_today
from school101.core.errors import Forbidden, NotFound, ValidationFailed
from school101.core.paging import Page
from school101.extensions import db
from school101.models import User
from school101.models.students import AVAILABILITIES, Cohort, GraduateProfile, Student
from school101.services.directory.organisations import can_use_directory
from school101.services.directory.students import normalise_skill

PER_PAGE = 20


MAX_PER_PAGE = 50


def require_directory_access(user) -> None:
    """403 unless staff or an employer of a verified, non-suspended member organisation."""
    if not can_use_directory(user):
        raise Forbidden(
            _l("The directory is open to employers of verified member organisations."),
            code="directory_forbidden",
        )


def _listed():
    """Opted-in graduates whose account is active."""
    return (
        db.select(GraduateProfile, Student, User, Cohort)
        .join(Student, Student.user_id == GraduateProfile.user_id)
        .join(User, User.id == GraduateProfile.user_id)
        .join(Cohort, Cohort.id == Student.cohort_id)
        .where(
            GraduateProfile.opted_in.is_(True),
            Student.status == "graduated",
            User.active.is_(True),
            User.erased_at.is_(None),
        )
    )


def public_card(profile: GraduateProfile, student: Student, user: User, cohort: Cohort) -> dict:
    """Exactly what an employer may see of a graduate: hidden fields are absent."""
    card = {
        "user_id": user.id,
        "first_name": user.first_name,
        "last_name": user.last_name
        if profile.show_last_name
        else (user.last_name[:1] + "." if user.last_name else ""),
        "headline": profile.headline,
        "skills": profile.skill_list,
        "availability": profile.availability,
        "available_from": profile.available_from.isoformat() if profile.available_from else None,
        "cohort": cohort.name,
        "graduated_on": student.graduated_at.date().isoformat() if student.graduated_at else None,
    }
    if profile.show_city and profile.city:
        card["city"] = profile.city
    if profile.show_links:
        card["links"] = profile.link_list
    if profile.show_projects and profile.projects:
        card["projects"] = profile.projects
    return card


def search(
    viewer,
    *,
    skill: str = "",
    city: str = "",
    availability: str = "",
    cohort: str = "",
    page: int = 1,
    per_page: int = PER_PAGE,
) -> Page:
    """Opted-in graduates matching the filters, as public cards; hidden cities never match."""
    require_directory_access(viewer)
    page = paging.page_number(page)  # 1 to PAGE_MAX: 2**63 would overflow the OFFSET
    per_page = max(1, min(int(per_page or PER_PAGE), MAX_PER_PAGE))
    query = _listed()
    errors = {}
    if skill:
        tag = normalise_skill(skill)
        if not tag:
            errors["skill"] = _l("This is not a valid skill.")
        query = query.where(GraduateProfile.skills.contains(f",{tag},", autoescape=True))
    if city:
        query = query.where(
            GraduateProfile.show_city.is_(True),
            db.func.lower(GraduateProfile.city) == city.strip().lower(),
        )
    if availability:
        if availability not in AVAILABILITIES:
            errors["availability"] = _l("Choose an availability from the list.")
        elif availability == "available_now":
            query = query.where(
                or_(
                    GraduateProfile.availability == "available_now",
                    (GraduateProfile.availability == "from_date")
                    & (GraduateProfile.available_from <= paris_today()),
                )
            )
        else:
            query = query.where(GraduateProfile.availability == availability)
    if cohort:
        query = query.where(Cohort.name == cohort.strip())
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    total = db.session.scalar(db.select(db.func.count()).select_from(query.subquery())) or 0
    rows = db.session.execute(
        query.order_by(GraduateProfile.opted_in_at.desc(), GraduateProfile.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return Page(
        items=[public_card(*row) for row in rows], page=page, per_page=per_page, total=total
    )


def graduate_card(viewer, user_id: int) -> dict:
    """One opted-in graduate's public card (404 when not listed)."""
    require_directory_access(viewer)
    row = db.session.execute(_listed().where(GraduateProfile.user_id == user_id)).first()
    if row is None:
        raise NotFound(_l("This graduate is not in the directory."))
    return public_card(*row)


def cities() -> list[str]:
    return sorted(
        {
            c
            for c in db.session.scalars(
                db.select(GraduateProfile.city).where(
                    GraduateProfile.opted_in.is_(True),
                    GraduateProfile.show_city.is_(True),
                    GraduateProfile.city != "",
                )
            )
        }
    )


def cohort_names() -> list[str]:
    return list(db.session.scalars(db.select(Cohort.name).order_by(Cohort.name.desc())))
