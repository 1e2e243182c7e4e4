"""Peer-evaluation data in the person's export, and what an erasure wipes: the feedback they
wrote or received and their windows go; marks and dates stay for the other side's record."""

from __future__ import annotations

from datetime import timedelta

from school101.extensions import db
from school101.models import AuditLog, AvailabilitySlot
from school101.services.evaluations import availability, booking, evaluating
from school101.services.privacy.export import export_data
from school101.services.privacy.rights import erase_account
from tests.evaluations.conftest import DAY, NOW

LATER = NOW + timedelta(hours=2)
FEEDBACK = "Très bonne gestion des cas limites ; le découpage en fonctions pourrait être plus net."


def _done_evaluation(piscine, candidates):
    evaluated, evaluator = candidates(2)
    availability.publish(evaluator, piscine, LATER, LATER + timedelta(hours=2), now=NOW)
    db.session.commit()
    e = booking.book(evaluated, piscine, DAY, LATER, now=NOW)
    evaluating.submit(evaluator, e, {"works": 1, "explains": 4}, ["ok"], FEEDBACK, now=LATER)
    evaluating.rate(evaluated, e, 3, "Merci pour les conseils.", now=LATER)
    db.session.commit()
    return e, evaluated, evaluator


def test_the_export_holds_both_roles_without_the_other_persons_identity(piscine, candidates):
    e, evaluated, evaluator = _done_evaluation(piscine, candidates)
    mine = export_data(evaluated)["evaluations"]
    (row,) = mine["evaluations"]
    assert row["role"] == "evaluated" and row["mark"] == 92 and row["feedback"] == FEEDBACK
    assert "evaluator_id" not in row and evaluator.email not in str(mine)
    theirs = export_data(evaluator)["evaluations"]
    assert theirs["evaluations"][0]["role"] == "evaluator"
    assert theirs["availability"] and theirs["points"][-1]["reason"] == "earned"


def test_erasure_wipes_the_feedback_and_windows_but_keeps_the_mark(piscine, candidates):
    e, evaluated, evaluator = _done_evaluation(piscine, candidates)
    erase_account(evaluator, actor=evaluator)
    db.session.commit()
    db.session.expire_all()
    assert e.feedback == "" and e.feedback_comment == "" and e.mark == 92
    assert AvailabilitySlot.query.filter_by(user_id=evaluator.id).count() == 0
    about = AuditLog.query.filter_by(target_type="evaluations", target_id=e.id).all()
    assert about and all(a.after == "" and a.before == "" for a in about)


def test_a_rush_teams_shared_work_outlives_one_members_erasure(app, piscine, candidates):
    """Erasing one member keeps the team's work for the others (submissions, the team's
    grading, the repository); once every member is erased, it goes too."""
    import os

    from school101.models import DayGrading, RushTeam, RushTeamMember, Submission
    from school101.services.grading.repositories import git_root
    from school101.services.grading.team_work import team_repo_path

    a, b = candidates(2)
    team = RushTeam(piscine_id=piscine.id, day_id="rush00", number=1)
    db.session.add(team)
    db.session.flush()
    for user in (a, b):
        db.session.add(
            RushTeamMember(team_id=team.id, piscine_id=piscine.id, day_id="rush00", user_id=user.id)
        )
    pushed = Submission(
        user_id=a.id, team_id=team.id, piscine_id=piscine.id, day_id="rush00",
        exercise="rush00/ex00", source="git", archive=b"tar", sha256="f" * 64, size=3,
        file_count=1,
    )  # fmt: skip
    grading = DayGrading(
        piscine_id=piscine.id, user_id=a.id, team_id=team.id, day_id="rush00",
        status="done", verdict='{"score": 80}',
    )  # fmt: skip
    db.session.add_all([pushed, grading])
    db.session.commit()
    repo = team_repo_path(git_root(app), team)
    os.makedirs(os.path.join(repo, "objects"))

    listed = export_data(b)["evaluations"]["rush_teams"][0]["team_submissions"]
    assert listed == [
        {
            "id": pushed.id,
            "exercise": "rush00/ex00",
            "created_at": listed[0]["created_at"],
            "pushed_by_you": False,
        }
    ]
    assert a.email not in str(listed)

    erase_account(a, actor=a)
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Submission, pushed.id).archive == b"tar"  # b still has the work
    assert db.session.get(DayGrading, grading.id).verdict == '{"score": 80}'
    assert os.path.isdir(repo)

    erase_account(b, actor=b)
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Submission, pushed.id).archive == b""
    assert db.session.get(DayGrading, grading.id).verdict == ""
    assert not os.path.exists(repo)
