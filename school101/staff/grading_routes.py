"""Staff: re-grade one exercise run, from the grading queue or from a submission's page.

The form posts here with `back=queue` (errors are shown on the queue page, 4xx) or
`back=submission` (errors are flashed on the submission page, which belongs to the piscine
area). The service (services/grading/recovery.regrade_run) checks the role again and audits.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from school101.core.errors import ServiceError
from school101.extensions import db
from school101.staff.blueprint import bp
from school101.staff.forms import RegradeForm
from school101.web.authz import staff_required
from school101.web.form_errors import show_service_error


def render_queue(forms: dict | None = None, status: int = 200):
    """The queue page, with a re-grade form per failed run (`forms` replaces some, with errors)."""
    from school101.services.grading.runs import queue_overview

    q = queue_overview()
    blank = {
        r["id"]: RegradeForm(prefix=f"regrade-{r['id']}", formdata=None) for r in q["failed_runs"]
    }
    return render_template(
        "staff/queue.html", q=q, regrade_forms={**blank, **(forms or {})}
    ), status


@bp.post("/grading/runs/<int:run_id>/regrade")
@staff_required
def regrade(run_id: int):
    """Grade a run's submission again as a new run (reason mandatory, audited)."""
    from school101.services.grading.recovery import regrade_run
    from school101.services.grading.runs import get_run

    back_to_submission = request.form.get("back") == "submission"
    form = RegradeForm(prefix=f"regrade-{run_id}")
    status = 422
    if form.validate_on_submit():
        try:
            new = regrade_run(run_id, actor=current_user, reason=form.reason.data)
        except ServiceError as exc:
            db.session.rollback()
            status = show_service_error(form, exc, always_flash=back_to_submission)
        else:
            db.session.commit()
            flash(
                _("Run #%(old)d will be graded again as run #%(new)d.", old=run_id, new=new.id),
                "success",
            )
            if back_to_submission:
                return redirect(
                    url_for("piscine.submission", submission_id=new.submission_id), code=303
                )
            return redirect(url_for("staff.queue"), code=303)
    elif back_to_submission:
        for message in [m for errors in form.errors.values() for m in errors]:
            flash(str(message), "error")
    if back_to_submission:
        return redirect(
            url_for("piscine.submission", submission_id=get_run(run_id).submission_id), code=303
        )
    return render_queue({run_id: form}, status)
