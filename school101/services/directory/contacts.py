"""Contact requests between employers and graduates, abuse reports, and their personal data."""

from __future__ import annotations

from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_
from sqlalchemy.exc import IntegrityError

from school101.core import audit
from school101.core.errors import Conflict, Forbidden, NotFound, ServiceError, ValidationFailed
from school101.extensions import db
from school101.models import User
from school101.models._base import utcnow
from school101.models.organisations import AbuseReport, ContactRequest, Organisation
from school101.models.students import GraduateProfile
from school101.services.directory.organisations import can_use_directory, organisation_of
from school101.services.directory.search import _listed, require_directory_access
from school101.services.messaging import outbox as mail

MESSAGE_MAX = 2000


DAILY_REQUESTS = 20  # per employer, rolling 24 hours


DECLINE_COOLDOWN_DAYS = 180  # no new request from the same organisation after a refusal


class RateLimited(ServiceError):
    status = 429
    code = "rate_limited"


def create_contact_request(employer, graduate_id: int, message: str, *, now=None) -> ContactRequest:
    """An employer of an active member organisation asks a listed graduate for contact."""
    if employer is None or not employer.has_role("employer"):
        raise Forbidden(_l("Only employers can send contact requests."), code="directory_forbidden")
    require_directory_access(employer)
    org = organisation_of(employer)
    message = (message or "").strip()
    if not message:
        raise ValidationFailed(_l("Write a message."), fields={"message": _l("Write a message.")})
    if len(message) > MESSAGE_MAX:
        raise ValidationFailed(
            _l("%(n)d characters at most.", n=MESSAGE_MAX),
            fields={"message": _l("%(n)d characters at most.", n=MESSAGE_MAX)},
        )
    if db.session.execute(_listed().where(GraduateProfile.user_id == graduate_id)).first() is None:
        raise NotFound(_l("This graduate is not in the directory."))
    now = now or utcnow()
    sent = db.session.scalar(
        db.select(db.func.count(ContactRequest.id)).where(
            ContactRequest.employer_id == employer.id,
            ContactRequest.created_at > now - timedelta(days=1),
        )
    )
    if sent >= DAILY_REQUESTS:
        raise RateLimited(
            _l(
                "You have sent %(n)d contact requests in the last 24 hours; please wait.",
                n=DAILY_REQUESTS,
            )
        )
    if db.session.scalar(
        db.select(ContactRequest.id).where(
            ContactRequest.employer_id == employer.id,
            ContactRequest.graduate_id == graduate_id,
            ContactRequest.status == "pending",
        )
    ):
        raise Conflict(
            _l("You already have a pending request to this graduate."), code="already_pending"
        )
    declined = db.session.scalar(
        db.select(ContactRequest.id).where(
            ContactRequest.organisation_id == (org.id if org else None),
            ContactRequest.graduate_id == graduate_id,
            ContactRequest.status == "declined",
            ContactRequest.responded_at > now - timedelta(days=DECLINE_COOLDOWN_DAYS),
        )
    )
    if declined:
        raise Conflict(
            _l("This graduate declined a request from your organisation recently."),
            code="declined_recently",
        )
    row = ContactRequest(
        employer_id=employer.id,
        organisation_id=org.id if org else None,
        graduate_id=graduate_id,
        message=message,
        status="pending",
        created_at=now,
    )
    if row.organisation_id is None:
        raise Forbidden(_l("Only employers can send contact requests."), code="directory_forbidden")
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:  # a concurrent request to the same graduate won
        raise Conflict(
            _l("You already have a pending request to this graduate."), code="already_pending"
        ) from None
    audit.record(
        "contact.requested", actor=employer, target=row, after={"graduate_id": graduate_id}
    )
    graduate = db.session.get(User, graduate_id)
    from flask import url_for

    mail.send_template(
        "directory_contact_request",
        graduate.email,
        user=graduate,
        org=org,
        link=url_for("directory.inbox", _external=True),
    )
    return row


def get_request(request_id: int) -> ContactRequest:
    row = db.session.get(ContactRequest, request_id)
    if row is None:
        raise NotFound(_l("No such contact request."))
    return row


def _own_received(user, request_id: int) -> ContactRequest:
    row = get_request(request_id)
    if row.graduate_id != user.id:
        raise NotFound(_l("No such contact request."))
    return row


def respond(graduate, request_id: int, *, accept: bool) -> ContactRequest:
    """The graduate accepts or declines a pending request (race-free: one answer wins)."""
    row = _own_received(graduate, request_id)
    status = "accepted" if accept else "declined"
    done = db.session.execute(
        db.update(ContactRequest)
        .where(ContactRequest.id == row.id, ContactRequest.status == "pending")
        .values(status=status, responded_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if not done:
        raise Conflict(_l("This request has already been answered."), code="already_answered")
    db.session.refresh(row)
    audit.record(f"contact.{status}", actor=graduate, target=row)
    if accept:
        from flask import url_for

        mail.send_template(
            "directory_contact_accepted",
            row.employer.email,
            user=row.employer,
            link=url_for("directory.sent", _external=True),
        )
    return row


def withdraw(employer, request_id: int) -> ContactRequest:
    row = get_request(request_id)
    if row.employer_id != employer.id:
        raise NotFound(_l("No such contact request."))
    done = db.session.execute(
        db.update(ContactRequest)
        .where(ContactRequest.id == row.id, ContactRequest.status == "pending")
        .values(status="withdrawn", responded_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if not done:
        raise Conflict(_l("This request has already been answered."), code="already_answered")
    db.session.refresh(row)
    audit.record("contact.withdrawn", actor=employer, target=row)
    return row


def graduate_contact(graduate_id: int) -> dict:
    """The graduate's contact details as they chose them (shared after acceptance only)."""
    user = db.session.get(User, graduate_id)
    profile = db.session.scalars(
        db.select(GraduateProfile).where(GraduateProfile.user_id == graduate_id)
    ).first()
    details = {
        "name": user.full_name,
        "email": (profile.contact_email if profile and profile.contact_email else user.email),
    }
    if profile and profile.contact_phone:
        details["phone"] = profile.contact_phone
    if profile and profile.contact_preferences:
        details["preferences"] = profile.contact_preferences
    return details


def employer_contact(row: ContactRequest) -> dict:
    return {
        "name": row.employer.full_name,
        "email": row.employer.email,
        "organisation": row.organisation.name if row.organisation else "",
    }


def request_view(row: ContactRequest, viewer) -> dict:
    """A contact request as `viewer` (its employer or its graduate) may see it."""
    as_employer = row.employer_id == viewer.id
    data = {
        "id": row.id,
        "status": row.status,
        "message": row.message,
        "created_at": row.created_at,
        "responded_at": row.responded_at,
        "organisation": row.organisation.name if row.organisation else "",
        "graduate_id": row.graduate_id,
    }
    if as_employer:
        graduate = row.graduate
        profile = db.session.scalars(
            db.select(GraduateProfile).where(GraduateProfile.user_id == row.graduate_id)
        ).first()
        data["graduate_name"] = graduate.first_name + (
            " " + graduate.last_name
            if profile and profile.show_last_name
            else (" " + graduate.last_name[:1] + "." if graduate.last_name else "")
        )
        if row.status == "accepted":
            # An organisation suspended (or no longer a member) loses the graduates' details it
            # was given: the graduate agreed to share them with a member in good standing.
            if can_use_directory(viewer):
                data["contact"] = graduate_contact(row.graduate_id)
            else:
                data["contact_withheld"] = True
    else:
        data["employer_name"] = row.employer.first_name
        if row.status == "accepted":
            data["contact"] = employer_contact(row)
    return data


def sent_requests(employer) -> list[ContactRequest]:
    return list(
        db.session.scalars(
            db.select(ContactRequest)
            .where(ContactRequest.employer_id == employer.id)
            .order_by(ContactRequest.created_at.desc(), ContactRequest.id.desc())
        )
    )


def received_requests(graduate) -> list[ContactRequest]:
    return list(
        db.session.scalars(
            db.select(ContactRequest)
            .where(ContactRequest.graduate_id == graduate.id)
            .order_by(ContactRequest.created_at.desc(), ContactRequest.id.desc())
        )
    )


def report_abuse(graduate, request_id: int, reason: str) -> AbuseReport:
    """The graduate reports a request; a pending request is declined at the same time."""
    row = _own_received(graduate, request_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(
            _l("Tell us what is wrong."), fields={"reason": _l("Tell us what is wrong.")}
        )
    if len(reason) > MESSAGE_MAX:
        raise ValidationFailed(
            _l("%(n)d characters at most.", n=MESSAGE_MAX),
            fields={"reason": _l("%(n)d characters at most.", n=MESSAGE_MAX)},
        )
    if db.session.scalar(
        db.select(AbuseReport.id).where(
            AbuseReport.contact_request_id == row.id, AbuseReport.reporter_id == graduate.id
        )
    ):
        raise Conflict(_l("You have already reported this request."), code="already_reported")
    report = AbuseReport(contact_request_id=row.id, reporter_id=graduate.id, reason=reason)
    db.session.add(report)
    if row.status == "pending":
        row.status = "declined"
        row.responded_at = utcnow()
    db.session.flush()
    audit.record("contact.reported", actor=graduate, target=row, after={"report_id": report.id})
    return report


def abuse_reports(*, open_only: bool = False) -> list[AbuseReport]:
    query = db.select(AbuseReport).order_by(
        AbuseReport.handled_at.isnot(None), AbuseReport.created_at.desc()
    )
    if open_only:
        query = query.where(AbuseReport.handled_at.is_(None))
    return list(db.session.scalars(query))


def handle_report(
    report_id: int, *, actor, outcome: str, suspend_organisation: bool = False
) -> AbuseReport:
    """Staff close a report with an outcome, optionally suspending the organisation (audited)."""
    if actor is None or not actor.is_staff:
        raise Forbidden(_l("Only staff can do this."))
    report = db.session.get(AbuseReport, report_id)
    if report is None:
        raise NotFound(_l("No such report."))
    outcome = (outcome or "").strip()
    if not outcome:
        raise ValidationFailed(_l("Give a reason."), fields={"outcome": _l("Give a reason.")})
    if report.handled_at is not None:
        raise Conflict(_l("This report has already been handled."), code="already_handled")
    if suspend_organisation:
        from school101.services.directory.organisations import suspend

        org = db.session.get(Organisation, report.contact_request.organisation_id)
        suspend(org, actor=actor, reason=outcome)
    report.handled_at = utcnow()
    report.handled_by_id = actor.id
    report.outcome = outcome[:2000]
    audit.record(
        "contact.report_handled",
        actor=actor,
        target=report,
        reason=outcome,
        after={"suspended": bool(suspend_organisation)},
    )
    return report


def export_directory_data(user) -> dict:
    """The person's directory data: student record, graduate profile, organisation, requests."""
    from school101.models.organisations import OrganisationMember
    from school101.services.directory.students import profile_of, student_of

    def iso(value):
        return value.isoformat() if value is not None else None

    student = student_of(user)
    profile = profile_of(user)
    membership = db.session.scalars(
        db.select(OrganisationMember).where(OrganisationMember.user_id == user.id)
    ).first()
    requests = db.session.scalars(
        db.select(ContactRequest)
        .where(or_(ContactRequest.employer_id == user.id, ContactRequest.graduate_id == user.id))
        .order_by(ContactRequest.id)
    )
    return {
        "student": None
        if student is None
        else {
            "cohort": student.cohort.name,
            "status": student.status,
            "admitted_at": iso(student.admitted_at),
            "graduated_at": iso(student.graduated_at),
        },
        "graduate_profile": None
        if profile is None
        else {
            "opted_in": profile.opted_in,
            "opted_in_at": iso(profile.opted_in_at),
            "headline": profile.headline,
            "skills": profile.skill_list,
            "projects": profile.projects,
            "links": profile.link_list,
            "availability": profile.availability,
            "available_from": iso(profile.available_from),
            "city": profile.city,
            "contact_email": profile.contact_email,
            "contact_phone": profile.contact_phone,
            "contact_preferences": profile.contact_preferences,
            "visibility": {
                k: getattr(profile, k)
                for k in ("show_last_name", "show_city", "show_links", "show_projects")
            },
        },
        "organisation": None
        if membership is None
        else {"name": membership.organisation.name, "is_org_admin": membership.is_org_admin},
        "contact_requests": [
            {
                "id": r.id,
                "role": "employer" if r.employer_id == user.id else "graduate",
                "status": r.status,
                "message": r.message,
                "created_at": iso(r.created_at),
                "responded_at": iso(r.responded_at),
            }
            for r in requests
        ],
    }


def erase_directory_data(user) -> None:
    """Wipe one person's directory data (see wipe_directory_data)."""
    wipe_directory_data([user.id])


def wipe_directory_data(user_ids) -> None:
    """Wipe these people's directory data: profiles and memberships deleted, messages and report
    reasons emptied (the facts stay: who asked whom, when, and the answer). For erasure/retention."""
    from school101.models.organisations import OrganisationMember

    if isinstance(user_ids, (list, tuple, set)):  # or a SELECT of ids (the retention job)
        user_ids = list(user_ids)
        if not user_ids:
            return
    db.session.execute(db.delete(GraduateProfile).where(GraduateProfile.user_id.in_(user_ids)))
    db.session.execute(
        db.delete(OrganisationMember).where(OrganisationMember.user_id.in_(user_ids))
    )
    db.session.execute(
        db.update(ContactRequest)
        .where(
            or_(ContactRequest.employer_id.in_(user_ids), ContactRequest.graduate_id.in_(user_ids))
        )
        .values(message="")
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        db.update(AbuseReport)
        .where(AbuseReport.reporter_id.in_(user_ids))
        .values(reason="")
        .execution_options(synchronize_session=False)
    )
