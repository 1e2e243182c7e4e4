"""Staff: the plagiarism report of a piscine (pairs by day, threshold and size, clusters),
one pair side by side with its matched regions, and the audited decision on it."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from school101.core.audit import REASON_MAX
from school101.core.errors import ServiceError, ValidationFailed
from school101.core.paging import page_number
from school101.extensions import db
from school101.services.integrity import pairs as integrity
from school101.services.piscine import content, queries
from school101.staff.blueprint import bp
from school101.web.authz import staff_required
from school101.web.form_errors import show_service_error

STATUS_LABELS = {"open": _l("to decide"), "cleared": _l("cleared"), "confirmed": _l("confirmed")}


class PairDecisionForm(FlaskForm):
    """Cleared or confirmed, with the reason kept in the audit log."""

    status = RadioField(
        _l("Decision"),
        choices=[
            SelectChoice("cleared", _l("Cleared: no copy")),
            SelectChoice("confirmed", _l("Confirmed: a copy")),
        ],
        validators=[DataRequired(message=_l("Choose cleared or confirmed."))],
    )
    reason = TextAreaField(
        _l("Reason (recorded in the audit log)"),
        render_kw={"rows": 3},
        validators=[DataRequired(message=_l("A reason is required.")), Length(max=REASON_MAX)],
    )


@bp.get("/piscines/<int:piscine_id>/integrity")
@staff_required
def integrity_report(piscine_id: int):
    """Pairs of a piscine above a threshold, filtered by day and size, and the clusters."""
    piscine = queries.get_piscine(piscine_id)
    args = {k: request.args.get(k, "") for k in ("day", "threshold", "min_tokens", "status")}
    errors = {}
    try:
        filters = integrity.parse_filters(**args)
    except ValidationFailed as exc:
        errors = {k: str(v) for k, v in (exc.fields or {}).items()}
        filters = integrity.Filters()
    page = integrity.list_pairs(
        piscine.id, filters, page_number(request.args.get("page")), actor=current_user
    )
    groups = integrity.clusters(piscine.id, filters, actor=current_user)
    owners = {p.owner_a for p in page.items} | {p.owner_b for p in page.items}
    owners |= {o for g in groups for o in g["owners"]}
    return render_template(
        "staff/integrity.html",
        piscine=piscine,
        filters=filters,
        args={k: v for k, v in args.items() if v},
        errors=errors,
        page=page,
        clusters=groups,
        names=integrity.owner_names(owners),
        days=[d.day_id for d in piscine.days],
        titles={
            d.day_id: content.day_title(d.day_id, str(get_locale() or "fr")) for d in piscine.days
        },
        status_labels=STATUS_LABELS,
    ), (422 if errors else 200)


def _render_pair(pair_id: int, form: PairDecisionForm | None = None, status: int = 200):
    pair = integrity.get_pair(pair_id, actor=current_user)
    piscine = queries.get_piscine(pair.piscine_id)
    if form is None:
        form = PairDecisionForm(formdata=None, data={"status": None})
    return render_template(
        "staff/integrity_pair.html",
        piscine=piscine,
        pair=pair,
        evidence=integrity.pair_evidence(pair),
        names=integrity.owner_names([pair.owner_a, pair.owner_b]),
        form=form,
        status_labels=STATUS_LABELS,
    ), status


@bp.get("/integrity/pairs/<int:pair_id>")
@staff_required
def integrity_pair(pair_id: int):
    """Two files side by side, matched regions numbered and marked, and the decision form."""
    return _render_pair(pair_id)


@bp.post("/integrity/pairs/<int:pair_id>/decision")
@staff_required
def integrity_decide(pair_id: int):
    """Clear or confirm a pair with a reason (audited)."""
    form = PairDecisionForm()
    if not form.validate_on_submit():
        return _render_pair(pair_id, form, 422)
    try:
        integrity.decide(pair_id, form.status.data, form.reason.data, actor=current_user)
    except ServiceError as exc:
        db.session.rollback()
        return _render_pair(pair_id, form, show_service_error(form, exc))
    db.session.commit()
    flash(_("The decision is recorded."), "success")
    return redirect(url_for("staff.integrity_pair", pair_id=pair_id), code=303)
