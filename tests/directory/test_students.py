"""Students and graduates: enrolment, graduation, the profile and its validation, opt-in."""

import pytest

from school101.core.errors import Conflict, Forbidden, ValidationFailed
from school101.extensions import db
from school101.models import AuditLog
from school101.models.students import Cohort, GraduateProfile, Student
from school101.services.directory import students
from tests.conftest import count


def test_enrol_is_idempotent_and_audited(app, make_user):
    user = make_user()
    first = students.enrol(user, cohort_name="2026", actor=user)
    db.session.commit()
    again = students.enrol(user, cohort_name="2026", actor=user)
    db.session.commit()
    assert first.id == again.id and first.status == "student" and first.cohort.name == "2026"
    assert count(Student) == 1 and count(Cohort) == 1
    assert user.roles == ["candidate"]  # no new role: being a student is the Student row
    assert [
        a.action
        for a in db.session.scalars(db.select(AuditLog).where(AuditLog.action.like("student.%")))
    ] == ["student.enrolled"]


def test_mark_graduated_by_staff_only(app, make_user):
    staff = make_user(roles=("staff",))
    user = make_user()
    row = students.enrol(user, cohort_name="2026", actor=None)
    with pytest.raises(Forbidden):
        students.mark_graduated(row, actor=user)
    students.mark_graduated(row, actor=staff)
    db.session.commit()
    assert row.status == "graduated" and row.graduated_at is not None
    audit = db.session.scalars(
        db.select(AuditLog).where(AuditLog.action == "student.graduated")
    ).one()
    assert audit.actor_id == staff.id and audit.target_id == user.id


def profile_data(**overrides):
    data = {
        "headline": "Développeuse",
        "skills": "Python, C,  Docker , python",
        "projects": "minishell",
        "links": "https://github.com/gaelle\nhttp://gaelle.example/cv",
        "availability": "from_date",
        "available_from": "2027-01-15",
        "city": "Lyon",
        "contact_email": "",
        "contact_phone": "",
        "contact_preferences": "",
        "show_city": True,
        "show_links": True,
        "show_projects": True,
        "show_last_name": False,
    }
    data.update(overrides)
    return data


def test_profile_normalises_skills_and_links(app, make_user):
    user = make_user()
    students.enrol(user, cohort_name="2026", actor=None)
    profile = students.update_profile(user, profile_data())
    db.session.commit()
    assert profile.skill_list == ["python", "c", "docker"]
    assert profile.link_list == ["https://github.com/gaelle", "http://gaelle.example/cv"]
    assert profile.available_from.isoformat() == "2027-01-15"


@pytest.mark.parametrize(
    "field, value",
    [
        ("links", "javascript:alert(1)"),
        ("links", "ftp://files.example/cv"),
        ("links", "www.example.org"),
        ("links", "https://exa mple.org"),
        ("links", "data:text/html,<b>x</b>"),
        ("links", "https://localhost/x"),
        ("skills", "<script>"),
        ("skills", "x" * 31),
        ("availability", "soon"),
        ("available_from", "15/01/2027"),
        ("contact_email", "not-an-email"),
        ("contact_phone", "call me"),
        ("headline", "h" * 141),
    ],
)
def test_bad_profile_fields_are_refused_and_nothing_is_written(app, make_user, field, value):
    user = make_user()
    students.enrol(user, cohort_name="2026", actor=None)
    db.session.commit()
    with pytest.raises(ValidationFailed) as err:
        students.update_profile(user, profile_data(**{field: value}))
    assert field in err.value.fields and str(err.value.fields[field])
    db.session.rollback()
    assert count(GraduateProfile) == 0


def test_a_bad_link_does_not_change_a_saved_profile(app, make_user):
    user = make_user()
    students.enrol(user, cohort_name="2026", actor=None)
    students.update_profile(user, profile_data())
    db.session.commit()
    with pytest.raises(ValidationFailed) as err:
        students.update_profile(user, profile_data(headline="Changed", links="javascript:alert(1)"))
    assert "http" in str(err.value.fields["links"])
    db.session.rollback()
    assert students.profile_of(user).headline == "Développeuse"


def test_only_students_have_a_profile(app, make_user):
    with pytest.raises(Forbidden):
        students.update_profile(make_user(), profile_data())


def test_opt_in_is_for_graduates_and_audited(app, make_user):
    staff = make_user(roles=("staff",))
    user = make_user()
    row = students.enrol(user, cohort_name="2026", actor=None)
    students.update_profile(user, profile_data())
    with pytest.raises(Conflict):
        students.set_opt_in(user, True)
    students.mark_graduated(row, actor=staff)
    students.set_opt_in(user, True)
    students.set_opt_in(user, True)  # no change, no second audit row
    students.set_opt_in(user, False)
    db.session.commit()
    assert [
        a.action
        for a in db.session.scalars(
            db.select(AuditLog).where(AuditLog.action.like("directory.%")).order_by(AuditLog.id)
        )
    ] == ["directory.opted_in", "directory.opted_out"]


def test_opt_in_needs_something_to_show(app, make_user):
    staff = make_user(roles=("staff",))
    user = make_user()
    students.mark_graduated(students.enrol(user, cohort_name="2026", actor=None), actor=staff)
    with pytest.raises(ValidationFailed):
        students.set_opt_in(user, True)


def test_selection_hook_enrols_with_the_cohort_name(app, make_user):
    """The selection flow calls enrol(user, cohort_name=..., actor=...) when a place is confirmed."""
    user = make_user()
    students.enrol(user, cohort_name=" 2027 ", actor=user)
    assert students.student_of(user).cohort.name == "2027"


def test_export_and_erasure_of_directory_data(app, make_graduate, make_employer):
    from school101.models.organisations import ContactRequest
    from school101.services.directory.contacts import (
        create_contact_request,
        erase_directory_data,
        export_directory_data,
    )
    from school101.services.privacy.rights import erase_account

    grad = make_graduate(contact_phone="06 00 00 00 01")
    employer = make_employer()
    create_contact_request(employer, grad.id, "Message personnel")
    db.session.commit()
    data = export_directory_data(grad)
    assert (
        data["student"]["status"] == "graduated"
        and data["graduate_profile"]["contact_phone"] == "06 00 00 00 01"
    )
    assert data["contact_requests"][0]["role"] == "graduate"
    assert export_directory_data(employer)["organisation"]["name"]
    erase_directory_data(grad)
    erase_account(grad, actor=None)
    db.session.commit()
    assert count(GraduateProfile) == 0
    assert db.session.scalars(db.select(ContactRequest)).one().message == ""
