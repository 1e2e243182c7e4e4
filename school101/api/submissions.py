"""API: turning in exercises and reading their verdicts."""

from __future__ import annotations

from flask import g, request
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from school101.api.auth_helpers import BEARER, token_required
from school101.extensions import db
from school101.services.grading import submissions

blp = Blueprint(
    "api_submissions", __name__, url_prefix="/api/v1/submissions", description="Submissions"
)


class SubmissionOut(Schema):
    id = fields.Integer()
    exercise = fields.String()
    source = fields.String()
    created_at = fields.String()
    status = fields.String(metadata={"description": "queued | running | graded | failed"})
    grading = fields.String(
        metadata={"description": "immediate | at_deadline | deadline | rerun | exam | regrade"}
    )
    verdict = fields.Dict(allow_none=True, metadata={"description": "the grader's JSON"})
    message = fields.String(
        metadata={"description": "when failed: why there is no verdict (not your code)"}
    )


class RegradeIn(Schema):
    reason = fields.String(required=True, metadata={"description": "why (kept in the audit log)"})


class SubmissionForm(Schema):
    exercise = fields.String(required=True, metadata={"example": "c00/ex00"})
    files = fields.Raw(metadata={"type": "string", "format": "binary"})


@blp.post("")
@blp.doc(
    security=BEARER, requestBody={"content": {"multipart/form-data": {"schema": SubmissionForm}}}
)
@token_required()
@blp.response(202, SubmissionOut)
@blp.alt_response(403, description="No seat in a piscine")
@blp.alt_response(409, description="Day not open or deadline passed")
@blp.alt_response(413, description="Too large (1 MiB a file, 10 MiB in all, 200 files)")
@blp.alt_response(422, description="Unknown exercise or bad file name")
def create():
    """Turn in files (multipart: `exercise`, one or more `files`, or one zip/tar archive)."""
    uploads = [(f.filename or "", f.read()) for f in request.files.getlist("files")]
    submission, _run = submissions.submit(
        g.api_user, request.form.get("exercise", ""), uploads, source="api"
    )
    db.session.commit()
    return submissions.submission_to_json(submission)


@blp.get("/<int:submission_id>")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, SubmissionOut)
def get(submission_id: int):
    """A submission with the status of its latest grading and the verdict when graded."""
    return submissions.submission_to_json(submissions.get_submission(g.api_user, submission_id))


@blp.get("")
@blp.doc(security=BEARER)
@token_required()
@blp.response(200, SubmissionOut(many=True))
def mine():
    """The caller's submissions, newest first (100 at most; `exercise` filters)."""
    from school101.models import Submission

    query = db.select(Submission).where(Submission.user_id == g.api_user.id)
    if request.args.get("exercise"):
        query = query.where(Submission.exercise == request.args["exercise"])
    rows = db.session.scalars(query.order_by(Submission.id.desc()).limit(100))
    return [submissions.submission_to_json(s) for s in rows]


@blp.post("/<int:submission_id>/regrade")
@blp.doc(security=BEARER)
@token_required("staff", "admin")
@blp.arguments(RegradeIn)
@blp.response(202, SubmissionOut)
@blp.alt_response(404, description="No such submission")
@blp.alt_response(
    409, description="Never graded (kept for the deadline), or a grading is under way"
)
@blp.alt_response(422, description="Missing reason")
def regrade(data, submission_id: int):
    """Grade the submission's latest run again as a new run (staff; reason mandatory, audited)."""
    from school101.services.grading.recovery import regrade_submission

    submission = submissions.get_submission(g.api_user, submission_id)
    regrade_submission(submission, actor=g.api_user, reason=data["reason"])
    db.session.commit()
    return submissions.submission_to_json(submission)
