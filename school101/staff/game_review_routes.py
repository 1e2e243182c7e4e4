"""Staff review the timing flag of a game session (cleared or upheld, with a reason, audited).

GET /staff/games/sessions/<id>/review shows the session's timing report and the form;
POST records the review and goes back to the application. The score is never changed.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from school101.core.audit import REASON_MAX
from school101.core.errors import ServiceError
from school101.extensions import db
from school101.services.games import plausibility
from school101.staff.blueprint import bp
from school101.web.authz import staff_required
from school101.web.form_errors import show_service_error

REFUSAL_LABELS = {
    "sequence_not_shown": _l("answer before the sequence was shown"),
    "too_fast": _l("answer faster than the floor"),
    "step_too_early": _l("step asked for before the previous one was shown"),
}


class GameReviewForm(FlaskForm):
    """Staff's review of a flagged session."""

    decision = SelectField(
        _l("Review"),
        choices=[
            ("upheld", _l("Upheld: these timings are not a person's")),
            ("cleared", _l("Cleared: these timings are a person's")),
        ],
        validators=[DataRequired()],
    )
    reason = TextAreaField(
        _l("Reason"),
        render_kw={"rows": 2},
        validators=[
            DataRequired(message=_l("A reason is required.")),
            Length(max=REASON_MAX),
        ],
    )


def _render(session_id: int, form: GameReviewForm, status: int = 200):
    report = plausibility.session_report(session_id, actor=current_user)
    return render_template(
        "staff/game_review.html", r=report, form=form, refusal_labels=REFUSAL_LABELS
    ), status


@bp.get("/games/sessions/<int:session_id>/review")
@staff_required
def game_review(session_id: int):
    """A session's timing report (statistics, flag, refusals) and the review form."""
    return _render(session_id, GameReviewForm(formdata=None))


@bp.post("/games/sessions/<int:session_id>/review")
@staff_required
def game_review_post(session_id: int):
    """Record staff's review of a flagged session."""
    form = GameReviewForm()
    if form.validate_on_submit():
        try:
            plausibility.review(
                session_id, form.decision.data, form.reason.data, actor=current_user
            )
        except ServiceError as exc:
            db.session.rollback()
            return _render(session_id, form, show_service_error(form, exc))
        db.session.commit()
        flash(_("The review of the game session is recorded."), "success")
        application_id = plausibility.session_report(session_id, actor=current_user)[
            "application_id"
        ]
        return redirect(
            url_for("staff.application", application_id=application_id, _anchor="games-title")
        )
    return _render(session_id, form, 422)
