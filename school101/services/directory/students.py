"""Students and graduates: enrolment in a cohort, graduation, the directory profile and opt-in.

A user is a student when they have a Student row and a graduate when its status is "graduated";
no role is added (roles stay candidate/staff/admin/employer), so nothing else changes for them.
Only graduates may opt in to the directory; everything they show is chosen field by field.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from school101.core import audit
from school101.core.errors import Conflict, NotFound, ValidationFailed
from school101.extensions import db
from school101.models import User
from school101.models._base import utcnow
from school101.models.students import AVAILABILITIES, Cohort, GraduateProfile, Student
from school101.services.identity.validation import email_error, normalise_email

MAX_SKILLS = 20
MAX_SKILL_LENGTH = 30
MAX_LINKS = 5
MAX_LINK_LENGTH = 300
MAX_PROJECTS = 3000
MAX_HEADLINE = 140
MAX_PREFERENCES = 500
SKILL_RE = re.compile(r"^[a-z0-9][a-z0-9+#. -]*$")
PHONE_RE = re.compile(r"^\+?[0-9 .()-]{6,30}$")
VISIBILITY_FIELDS = ("show_last_name", "show_city", "show_links", "show_projects")


# --- cohorts and students -------------------------------------------------------------------


def get_or_create_cohort(name: str) -> Cohort:
    """The cohort of that name, created when missing."""
    name = (name or "").strip()[:60]
    if not name:
        raise ValidationFailed(
            _l("A cohort needs a name."), fields={"cohort": _l("A cohort needs a name.")}
        )
    cohort = db.session.scalars(db.select(Cohort).where(Cohort.name == name)).first()
    if cohort is None:
        cohort = Cohort(name=name)
        try:
            with db.session.begin_nested():
                db.session.add(cohort)
        except IntegrityError:  # created concurrently
            cohort = db.session.scalars(db.select(Cohort).where(Cohort.name == name)).one()
    return cohort


def student_of(user) -> Student | None:
    """The user's Student row, or None."""
    if user is None or not getattr(user, "id", None):
        return None
    return db.session.scalars(db.select(Student).where(Student.user_id == user.id)).first()


def is_graduate(user) -> bool:
    row = student_of(user)
    return row is not None and row.status == "graduated"


def enrol(user: User, *, cohort_name: str, actor) -> Student:
    """Make `user` a student of the cohort `cohort_name` (created when missing). Idempotent:
    an existing enrolment is returned unchanged (whatever its cohort). Audited on creation."""
    existing = student_of(user)
    if existing is not None:
        return existing
    cohort = get_or_create_cohort(cohort_name)
    row = Student(user_id=user.id, cohort_id=cohort.id, status="student", admitted_at=utcnow())
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:  # enrolled concurrently
        return student_of(user)
    audit.record(
        "student.enrolled",
        actor=actor,
        target_type="users",
        target_id=user.id,
        after={"cohort": cohort.name},
    )
    return row


def get_student(student_id: int) -> Student:
    row = db.session.get(Student, student_id)
    if row is None:
        raise NotFound(_l("No such student."))
    return row


def mark_graduated(student: Student, *, actor, reason: str = "") -> Student:
    """Staff mark a student as graduated (audited). Marking again changes nothing."""
    if actor is None or not actor.is_staff:
        from school101.core.errors import Forbidden

        raise Forbidden(_l("Only staff can mark a graduation."))
    if student.status == "graduated":
        return student
    if student.status == "left":
        raise Conflict(_l("This person has left the school."), code="student_left")
    before = student.status
    student.status = "graduated"
    student.graduated_at = utcnow()
    audit.record(
        "student.graduated",
        actor=actor,
        target_type="users",
        target_id=student.user_id,
        before={"status": before},
        after={"status": "graduated"},
        reason=reason,
    )
    return student


def students_of(cohort: Cohort) -> list[Student]:
    return list(
        db.session.scalars(
            db.select(Student)
            .join(User, User.id == Student.user_id)
            .where(Student.cohort_id == cohort.id)
            .order_by(User.last_name, User.first_name)
        )
    )


def cohorts() -> list[tuple[Cohort, int, int]]:
    """(cohort, students, graduates), newest first."""
    rows = []
    for cohort in db.session.scalars(db.select(Cohort).order_by(Cohort.name.desc())):
        total = db.session.scalar(
            db.select(db.func.count(Student.id)).where(Student.cohort_id == cohort.id)
        )
        grads = db.session.scalar(
            db.select(db.func.count(Student.id)).where(
                Student.cohort_id == cohort.id, Student.status == "graduated"
            )
        )
        rows.append((cohort, total or 0, grads or 0))
    return rows


# --- the graduate's profile -----------------------------------------------------------------


def profile_of(user: User, *, create: bool = False) -> GraduateProfile | None:
    row = db.session.scalars(
        db.select(GraduateProfile).where(GraduateProfile.user_id == user.id)
    ).first()
    if row is None and create:
        city = getattr(getattr(user, "profile", None), "city", "") or ""
        row = GraduateProfile(user_id=user.id, city=city[:100], availability="available_now")
        db.session.add(row)
        db.session.flush()
    return row


def normalise_skills(value) -> tuple[list[str], str | None]:
    """Lower-case, trimmed, de-duplicated tags from "Python, C, Docker" or a list; an error message."""
    items = value if isinstance(value, (list, tuple)) else re.split(r"[,\n;]", value or "")
    tags: list[str] = []
    for raw in items:
        tag = re.sub(r"\s+", " ", str(raw).strip().lower())
        if not tag:
            continue
        if len(tag) > MAX_SKILL_LENGTH or not SKILL_RE.match(tag):
            return [], _l(
                "“%(tag)s” is not a valid skill: letters, digits, spaces and + # . - only, "
                "%(n)d characters at most.",
                tag=tag[:40],
                n=MAX_SKILL_LENGTH,
            )
        if tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_SKILLS:
        return [], _l("%(n)d skills at most.", n=MAX_SKILLS)
    return tags, None


def normalise_skill(value: str) -> str:
    """One search tag, normalised like stored skills ("" when absent or invalid)."""
    tags, error = normalise_skills([value or ""])
    return tags[0] if tags and not error else ""


def link_error(url: str):
    """A message when `url` is not an absolute http(s) URL with a host, else None."""
    if len(url) > MAX_LINK_LENGTH:
        return _l("This link is too long.")
    if any(c.isspace() or ord(c) < 32 for c in url):
        return _l("“%(url)s” is not a valid link: it contains spaces.", url=url[:80])
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or "." not in parts.hostname:
        return _l(
            "“%(url)s” is not a valid link: only http:// and https:// addresses are accepted.",
            url=url[:80],
        )
    return None


def normalise_links(value) -> tuple[list[str], str | None]:
    items = value if isinstance(value, (list, tuple)) else (value or "").splitlines()
    links: list[str] = []
    for raw in items:
        url = str(raw).strip()
        if not url:
            continue
        if msg := link_error(url):
            return [], msg
        if url not in links:
            links.append(url)
    if len(links) > MAX_LINKS:
        return [], _l("%(n)d links at most.", n=MAX_LINKS)
    return links, None


def validate_profile(data: dict) -> tuple[dict, dict]:
    """Clean values and per-field errors for a profile update (nothing is written)."""
    errors: dict = {}
    clean: dict = {}
    headline = (data.get("headline") or "").strip()
    if len(headline) > MAX_HEADLINE:
        errors["headline"] = _l("%(n)d characters at most.", n=MAX_HEADLINE)
    clean["headline"] = headline
    skills, msg = normalise_skills(data.get("skills") or "")
    if msg:
        errors["skills"] = msg
    clean["skills"] = ("," + ",".join(skills) + ",") if skills else ""
    links, msg = normalise_links(data.get("links") or "")
    if msg:
        errors["links"] = msg
    clean["links"] = "\n".join(links)
    projects = (data.get("projects") or "").strip()
    if len(projects) > MAX_PROJECTS:
        errors["projects"] = _l("%(n)d characters at most.", n=MAX_PROJECTS)
    clean["projects"] = projects
    availability = data.get("availability") or "available_now"
    available_from = data.get("available_from")
    if isinstance(available_from, str):
        try:
            available_from = date.fromisoformat(available_from) if available_from.strip() else None
        except ValueError:
            errors["available_from"] = _l("Give a date as YYYY-MM-DD.")
            available_from = None
    if availability not in AVAILABILITIES:
        errors["availability"] = _l("Choose an availability from the list.")
    elif availability == "from_date" and available_from is None and "available_from" not in errors:
        errors["available_from"] = _l("Give the date from which you are available.")
    clean["availability"] = availability
    clean["available_from"] = available_from if availability == "from_date" else None
    city = (data.get("city") or "").strip()
    if len(city) > 100 or any(c in city for c in "<>{}"):
        errors["city"] = _l("This is not a valid city name.")
    clean["city"] = city
    contact_email = normalise_email(data.get("contact_email") or "")
    if contact_email and (msg := email_error(contact_email)):
        errors["contact_email"] = msg
    clean["contact_email"] = contact_email
    phone = (data.get("contact_phone") or "").strip()
    if phone and not PHONE_RE.match(phone):
        errors["contact_phone"] = _l("This is not a valid phone number.")
    clean["contact_phone"] = phone
    prefs = (data.get("contact_preferences") or "").strip()
    if len(prefs) > MAX_PREFERENCES:
        errors["contact_preferences"] = _l("%(n)d characters at most.", n=MAX_PREFERENCES)
    clean["contact_preferences"] = prefs
    for key in VISIBILITY_FIELDS:
        if key in data:
            clean[key] = bool(data[key])
    return clean, errors


def _require_student(user: User) -> Student:
    row = student_of(user)
    if row is None or row.status == "left":
        from school101.core.errors import Forbidden

        raise Forbidden(
            _l("The directory profile is for the school's students and graduates."),
            code="not_a_student",
        )
    return row


def update_profile(user: User, data: dict) -> GraduateProfile:
    """Validate everything first, then write; a bad field changes nothing."""
    _require_student(user)
    clean, errors = validate_profile(data)
    if errors:
        raise ValidationFailed(_l("Some fields are not valid."), fields=errors)
    profile = profile_of(user, create=True)
    for key, value in clean.items():
        setattr(profile, key, value)
    return profile


def set_opt_in(user: User, opted_in: bool) -> GraduateProfile:
    """Opt in to (graduates only) or out of the directory; audited when it changes."""
    student = _require_student(user)
    if opted_in and student.status != "graduated":
        raise Conflict(_l("Only graduates can appear in the directory."), code="not_graduated")
    profile = profile_of(user, create=True)
    if opted_in and not profile.skill_list and not profile.headline:
        raise ValidationFailed(
            _l("Add a headline or some skills before opting in."),
            fields={"skills": _l("Add a headline or some skills before opting in.")},
        )
    if profile.opted_in == opted_in:
        return profile
    profile.opted_in = opted_in
    profile.opted_in_at = utcnow() if opted_in else None
    audit.record(
        "directory.opted_in" if opted_in else "directory.opted_out",
        actor=user,
        target_type="users",
        target_id=user.id,
    )
    return profile
