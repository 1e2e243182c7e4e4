"""Selection pages: rounds, the explainable ranking, decisions, notifications; the candidate's view."""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from school101.core.errors import NotFound, ServiceError
from school101.core.paging import page_number, paginate_list
from school101.extensions import db
from school101.models import Decision, Piscine, RoundPiscine, SelectionRound, User
from school101.selection.forms import (
    BlindForm,
    DecisionForm,
    RankingFilterForm,
    RoundForm,
    TemplateForm,
    WeightsForm,
    weights_from,
)
from school101.services.piscine.queries import get_piscine
from school101.services.selection import blind as blind_mode
from school101.services.selection import decisions as decision_service
from school101.services.selection import dossier, notices, offers, ranking, ranking_view
from school101.services.selection import rounds as round_service
from school101.web.authz import staff_required
from school101.web.errors import flash_service_error
from school101.web.form_errors import show_service_error

bp = Blueprint("selection", __name__, template_folder="templates")
PER_PAGE = 50


@bp.app_context_processor
def _selection_notice():
    """`selection_notice()` for the menu and the candidate dashboard (queried only when called)."""
    return {"selection_notice": lambda: offers.candidate_notice(current_user)}


@bp.app_template_filter("fromjson")
def fromjson(value: str):
    """Parse JSON in a template."""
    return json.loads(value or "{}")


def _round_or_404(round_id: int) -> SelectionRound:
    """The round, or a 404 page that says so (never the default weights instead)."""
    selection_round = db.session.get(SelectionRound, round_id)
    if selection_round is None:
        raise NotFound(
            _l("Selection round %(id)s does not exist.", id=round_id), code="unknown_round"
        )
    return selection_round


def _round_piscine_or_404(selection_round: SelectionRound, piscine_id: int) -> Piscine:
    """A piscine ranked by the round (another piscine would be ranked with weights not meant for it)."""
    piscine = get_piscine(piscine_id)
    if not db.session.scalar(
        db.select(RoundPiscine.id).where(
            RoundPiscine.round_id == selection_round.id, RoundPiscine.piscine_id == piscine.id
        )
    ):
        raise NotFound(
            _l(
                "The selection round %(round)s does not rank this piscine.",
                round=selection_round.name,
            ),
            code="piscine_not_in_round",
        )
    return piscine


def _round_piscines(selection_round: SelectionRound) -> list[Piscine]:
    return list(
        db.session.scalars(
            db.select(Piscine)
            .join(RoundPiscine, RoundPiscine.piscine_id == Piscine.id)
            .where(RoundPiscine.round_id == selection_round.id)
            .order_by(Piscine.starts_on)
        )
    )


@bp.route("/staff/selection", methods=["GET", "POST"])
@staff_required
def rounds():
    """Selection rounds, and the form to start one."""
    form = RoundForm()
    form.piscine_ids.choices = [
        (p.id, p.name)
        for p in db.session.scalars(db.select(Piscine).order_by(Piscine.starts_on.desc()))
    ]
    status = 200
    if form.validate_on_submit():
        try:
            created = round_service.create_round(
                name=form.name.data,
                piscine_ids=form.piscine_ids.data,
                weights=weights_from(form),
                blind=form.blind.data,
                confirm_days=form.confirm_days.data,
                cohort_name=form.cohort_name.data,
                actor=current_user,
            )
        except ServiceError as exc:
            db.session.rollback()
            flash_service_error(exc, details=True)
            status = exc.status
        else:
            db.session.commit()
            flash(_("The selection round is created."), "success")
            return redirect(url_for("selection.round_ranking", round_id=created.id))
    elif request.method == "POST":
        status = 422
    listing = db.session.scalars(db.select(SelectionRound).order_by(SelectionRound.id.desc())).all()
    return render_template(
        "selection/rounds.html", rounds=listing, form=form, criteria=ranking.CRITERIA
    ), status


def _ranking_context(selection_round: SelectionRound, piscine: Piscine):
    weights = json.loads(selection_round.weights)
    computed = ranking.cached_rank(piscine, weights)
    return weights, computed


def _ranking_state(selection_round: SelectionRound, piscine: Piscine, args) -> dict:
    """The ranking as the page shows it: filter form (validated), query, everyone's key and,
    outside blind mode, name, the current decisions and the entries in the query's order."""
    form = RankingFilterForm(args)
    form.offer.choices = [SelectChoice("", _("Everybody"))] + [
        SelectChoice(k, label) for k, label in offers.OFFER_STATES.items()
    ]
    form.validate()
    sort, direction = ranking_view.parse_sort(args.get("sort"), args.get("direction"))
    query = (
        ranking_view.RankingQuery(sort=sort, direction=direction)
        if form.errors
        else ranking_view.RankingQuery(
            offer=form.offer.data or "",
            decision=form.decision.data or "",
            flagged=bool(form.flagged.data),
            q=(form.q.data or "").strip(),
            sort=sort,
            direction=direction,
        )
    )
    weights, computed = _ranking_context(selection_round, piscine)
    everyone = [int(u) for u in computed.user_ids]
    hiding = blind_mode.blind_round_for(piscine.id, selection_round)
    if hiding is not None:  # the search matches codes only: never a name while blind
        form.q.label.text = _("Search (code)")
    keys = blind_mode.keys(hiding, everyone)
    names = ranking.display_names(everyone) if hiding is None else {}
    decisions = ranking_view.current_decisions(piscine)
    items = ranking_view.ordered_items(computed, decisions, query, keys=keys, names=names)
    return {
        "form": form,
        "query": query,
        "weights": weights,
        "computed": computed,
        "hiding": hiding,
        "keys": keys,
        "names": names,
        "decisions": decisions,
        "items": items,
    }


def _ranking_chips(selection_round, piscine, state) -> list[dict]:
    """The ranking's active filters as removable chips."""
    form, query = state["form"], state["query"]
    values = {
        "q": query.q,
        "decision": {c.value: c.label for c in form.decision.choices}.get(
            query.decision, query.decision
        )
        if query.decision
        else "",
        "offer": offers.OFFER_STATES.get(query.offer, query.offer),
    }
    args = query.args()
    chips = []
    for name in query.filter_args():
        label = (
            _("Only confirmed plagiarism")
            if name == "flagged"
            else _("%(label)s: %(value)s", label=form[name].label.text, value=values[name])
        )
        rest = {k: v for k, v in args.items() if k != name}
        chips.append(
            {
                "label": label,
                "remove_url": url_for(
                    "selection.round_ranking",
                    round_id=selection_round.id,
                    piscine=piscine.id,
                    **rest,
                ),
            }
        )
    return chips


@bp.get("/staff/selection/rounds/<int:round_id>")
@staff_required
def round_ranking(round_id: int):
    """The ranking of one piscine of the round: filters, sort orders, pages of 50, the current
    decisions, and the bulk decision on the rows ticked."""
    selection_round = _round_or_404(round_id)
    piscines = _round_piscines(selection_round)
    if not piscines:
        abort(404)
    piscine_id = request.args.get("piscine", type=int) or piscines[0].id
    piscine = next((p for p in piscines if p.id == piscine_id), None)
    if piscine is None:
        raise NotFound(
            _l(
                "The selection round %(round)s does not rank this piscine.",
                round=selection_round.name,
            ),
            code="piscine_not_in_round",
        )
    state = _ranking_state(selection_round, piscine, request.args)
    listed = paginate_list(state["items"], page_number(request.args.get("page")), PER_PAGE)
    weights = state["weights"]
    weights_form = WeightsForm(data={k: int(weights.get(k, 0)) for k in ranking.CRITERIA})
    return render_template(
        "selection/ranking.html",
        round=selection_round,
        piscines=piscines,
        piscine=piscine,
        listed=listed,
        items=listed.items,
        users=state["names"],
        decisions=state["decisions"],
        weights=weights,
        total=len(state["computed"]),
        criteria=ranking.CRITERIA,
        weights_form=weights_form,
        decision_form=DecisionForm(),
        filter_form=state["form"],
        query=state["query"],
        args=state["query"].args(),
        chips=_ranking_chips(selection_round, piscine, state),
        offer_states=offers.OFFER_STATES,
        offer_state=offers.offer_state,
        key=state["keys"].get,
        hiding=state["hiding"],
        blind_form=BlindForm(prefix="blind", formdata=None),
    ), 422 if state["form"].errors else 200


@bp.post("/staff/selection/rounds/<int:round_id>/weights")
@staff_required
def round_weights(round_id: int):
    """Change the weights and blind mode of a round."""
    selection_round = _round_or_404(round_id)
    form = WeightsForm()
    if form.validate_on_submit():
        try:
            round_service.update_weights(selection_round, weights_from(form), actor=current_user)
        except ServiceError as exc:
            db.session.rollback()
            flash_service_error(exc, details=True)
        else:
            db.session.commit()
            flash(_("The weights are saved; the ranking is recomputed."), "success")
    else:
        flash(_("Weights are numbers from 0 to 1000."), "error")
    return redirect(
        url_for("selection.round_ranking", round_id=round_id, piscine=request.args.get("piscine"))
    )


@bp.post("/staff/selection/rounds/<int:round_id>/piscines/<int:piscine_id>/decisions")
@staff_required
def bulk_decision(round_id: int, piscine_id: int):
    """The same decision and reason for the people ticked after review."""
    selection_round = _round_or_404(round_id)
    piscine = _round_piscine_or_404(selection_round, piscine_id)
    form = DecisionForm()
    if form.validate_on_submit():
        try:
            user_ids = blind_mode.resolve_in_round(
                selection_round, piscine.id, request.form.getlist("candidates")
            )
            rows = decision_service.decide_bulk(
                piscine=piscine,
                user_ids=user_ids,
                decision=form.decision.data,
                reason=form.reason.data,
                actor=current_user,
                selection_round=selection_round,
            )
        except ServiceError as exc:
            db.session.rollback()
            flash_service_error(exc, details=True)
        else:
            db.session.commit()
            flash(_("%(n)d decision(s) recorded.", n=len(rows)), "success")
    else:
        flash(_("Choose a decision."), "error")
    # back to the same list, the focus on the first row ticked (or the bulk bar)
    ticked = request.form.getlist("candidates")
    anchor = f"row-{ticked[0]}" if ticked and ticked[0].replace("-", "").isalnum() else "bulk"
    kept = {
        k: v
        for k, v in request.args.items()
        if k in ("page", "offer", "decision", "flagged", "q", "sort", "direction")
    }
    return redirect(
        url_for(
            "selection.round_ranking",
            round_id=selection_round.id,
            piscine=piscine.id,
            _anchor=anchor,
            **kept,
        )
    )


def _after_decision(selection_round, piscine, candidate_key: str, user_id: int):
    """Where a recorded decision sends the person back, the focus on the decision: the piscine's
    candidate page when the form was sent from there, else this page with its list state."""
    if request.form.get("back") == "piscine":
        hiding = blind_mode.blind_round_for(piscine.id)
        if hiding is not None:
            target = url_for(
                "piscine.staff_blind_candidate",
                piscine_id=piscine.id,
                code=blind_mode.keys(hiding, [user_id])[user_id],
                _anchor="decision-panel",
            )
        else:
            target = url_for(
                "piscine.staff_candidate",
                piscine_id=piscine.id,
                user_id=user_id,
                _anchor="decision-panel",
            )
        return redirect(target)
    return redirect(
        url_for(
            "selection.candidate",
            round_id=selection_round.id,
            piscine_id=piscine.id,
            candidate_key=candidate_key,
            _anchor="decision-panel",
            **request.args,
        )
    )


@bp.route(
    "/staff/selection/rounds/<int:round_id>/piscines/<int:piscine_id>/candidates/<candidate_key>",
    methods=["GET", "POST"],
)
@staff_required
def candidate(round_id: int, piscine_id: int, candidate_key: str):
    """One candidate (by the round's code while blind, else by user id) on one screen: the
    breakdown, games, days, exams, evaluations, flags, notes, history and the decision form, with
    the previous/next person of the ranking as the list showed it. While blind, no identity."""
    selection_round = _round_or_404(round_id)
    piscine = _round_piscine_or_404(selection_round, piscine_id)
    user_id = blind_mode.resolve_in_round(selection_round, piscine.id, [candidate_key])[0]
    person = db.session.get(User, user_id) or abort(404)
    state = _ranking_state(selection_round, piscine, request.args)
    hiding, computed = state["hiding"], state["computed"]
    index = computed.index_of(user_id)
    if index is None:
        abort(404)
    form = DecisionForm()
    status = 200
    if form.validate_on_submit():
        try:
            decision_service.decide(
                piscine=piscine,
                user_id=user_id,
                decision=form.decision.data,
                reason=form.reason.data,
                actor=current_user,
                selection_round=selection_round,
            )
        except ServiceError as exc:
            db.session.rollback()
            status = show_service_error(form, exc)
        else:
            db.session.commit()
            flash(_("The decision is recorded."), "success")
            return _after_decision(selection_round, piscine, candidate_key, user_id)
    elif request.method == "POST":
        status = 422
    current = decision_service.current_decision(piscine.id, user_id)
    code = state["keys"][user_id]
    preview = notices.preview(current, shown_as=code if hiding else None) if current else None
    history = decision_service.history(piscine.id, user_id)
    deciders = ranking.display_names(sorted({d.decided_by_id for d in history if d.decided_by_id}))
    order = [i["user_id"] for i in state["items"]]
    before, after = ranking_view.neighbours(order, user_id)
    args = state["query"].args()

    def link(other):
        return url_for(
            "selection.candidate",
            round_id=round_id,
            piscine_id=piscine_id,
            candidate_key=state["keys"][other],
            **args,
        )

    return render_template(
        "selection/candidate.html",
        round=selection_round,
        piscine=piscine,
        person=person,
        item=computed.item(index),
        total=len(computed),
        criteria=ranking.CRITERIA,
        history=history,
        current=current,
        form=form,
        deciders=deciders,
        offer_states=offers.OFFER_STATES,
        offer_state=offers.offer_state,
        preview=preview,
        blind=hiding is not None,
        code=code,
        dossier=dossier.candidate_dossier(
            piscine, user_id, blind=hiding is not None, actor=current_user
        ),
        ranking_url=url_for(
            "selection.round_ranking",
            round_id=round_id,
            piscine=piscine_id,
            _anchor=f"row-{code}",
            **args,
        ),
        prev_url=link(before) if before else None,
        next_url=link(after) if after else None,
        position=(order.index(user_id) + 1) if user_id in order else None,
        listed=len(order),
    ), status


@bp.post(
    "/staff/selection/rounds/<int:round_id>/piscines/<int:piscine_id>/candidates/<candidate_key>/notify"
)
@staff_required
def notify(round_id: int, piscine_id: int, candidate_key: str):
    """Send the decision e-mail to one person."""
    selection_round = _round_or_404(round_id)
    piscine = _round_piscine_or_404(selection_round, piscine_id)
    user_id = blind_mode.resolve_in_round(selection_round, piscine.id, [candidate_key])[0]
    current = decision_service.current_decision(piscine.id, user_id) or abort(404)
    notices.notify(current)
    db.session.commit()
    flash(_("The e-mail is sent."), "success")
    return redirect(
        url_for(
            "selection.candidate",
            round_id=round_id,
            piscine_id=piscine_id,
            candidate_key=candidate_key,
        )
    )


@bp.post("/staff/selection/rounds/<int:round_id>/blind")
@staff_required
def round_blind(round_id: int):
    """Lift blind mode (names shown again) or turn it back on: confirmed, with a reason, audited."""
    selection_round = _round_or_404(round_id)
    form = BlindForm(prefix="blind")
    if not form.validate_on_submit():
        flash(_("The form has expired; please try again."), "error")
    else:
        try:
            blind_mode.set_blind(
                selection_round,
                form.action.data == "restore",
                confirm=bool(form.confirm.data),
                reason=form.reason.data,
                actor=current_user,
            )
        except ServiceError as exc:
            db.session.rollback()
            flash_service_error(exc, details=True)
        else:
            db.session.commit()
            flash(
                _("Blind mode is on again: candidates are shown by their code.")
                if selection_round.blind
                else _("Blind mode is lifted: names are shown."),
                "success",
            )
    return redirect(
        url_for("selection.round_ranking", round_id=round_id, piscine=request.args.get("piscine"))
    )


@bp.post("/staff/selection/rounds/<int:round_id>/piscines/<int:piscine_id>/notify")
@staff_required
def notify_all(round_id: int, piscine_id: int):
    """Send the decision e-mails not sent yet for this piscine."""
    rows = db.session.scalars(
        db.select(Decision).where(
            Decision.piscine_id == piscine_id,
            Decision.current.is_(True),
            Decision.notified_at.is_(None),
        )
    ).all()
    for row in rows:
        notices.notify(row)
    db.session.commit()
    flash(_("%(n)d e-mail(s) sent.", n=len(rows)), "success")
    return redirect(url_for("selection.round_ranking", round_id=round_id, piscine=piscine_id))


@bp.get("/staff/selection/rounds/<int:round_id>/piscines/<int:piscine_id>/export.csv")
@staff_required
def export(round_id: int, piscine_id: int):
    """The round's ranking for a piscine as CSV, with the breakdown and current decisions."""
    selection_round = _round_or_404(round_id)
    piscine = _round_piscine_or_404(selection_round, piscine_id)
    text = ranking.export_csv(selection_round, piscine, actor=current_user)
    db.session.commit()  # the export's audit row
    return Response(
        text,
        mimetype="text/csv",
        headers={
            "Content-Disposition": f"attachment; filename=ranking-round{round_id}-piscine{piscine_id}.csv"
        },
    )


@bp.route(
    "/staff/selection/templates/<any(admit, waitlist, reject):decision>/<any(fr, en):locale>",
    methods=["GET", "POST"],
)
@staff_required
def edit_template(decision: str, locale: str):
    """Edit a decision e-mail (French and English), with a preview."""
    subject, body = notices.template_for(decision, locale)
    form = (
        TemplateForm(data={"subject": subject, "body": body})
        if request.method == "GET"
        else TemplateForm()
    )
    status = 200
    if form.validate_on_submit():
        try:
            notices.save_template(
                decision, locale, form.subject.data, form.body.data, actor=current_user
            )
        except ServiceError as exc:
            db.session.rollback()
            show_service_error(form, exc)
            status = 422
        else:
            db.session.commit()
            flash(_("The template is saved."), "success")
            return redirect(request.path)
    try:
        preview = notices._render(
            form.subject.data or "", form.body.data or "", notices._sample_context()
        )
    except Exception:
        preview = None
    return render_template(
        "selection/template.html",
        form=form,
        decision=decision,
        locale=locale,
        preview=preview,
        variables=notices.TEMPLATE_VARIABLES,
    ), status


@bp.get("/me/selection")
@login_required
def mine():
    """After a decision: the criteria, the weights, my own breakdown, and my offer."""
    return render_template(
        "selection/mine.html", views=offers.candidate_view(current_user), criteria=ranking.CRITERIA
    )


@bp.post("/me/selection/<int:decision_id>/<any(confirm, decline):answer>")
@login_required
def answer(decision_id: int, answer: str):
    """Confirm or decline my place."""
    try:
        offers.respond_to_offer(current_user, decision_id, accept=answer == "confirm")
    except ServiceError as exc:
        db.session.rollback()
        flash(exc.message, "error")
    else:
        db.session.commit()
        flash(
            _("Your place is confirmed. Welcome to 101!")
            if answer == "confirm"
            else _("You declined your place. Thank you for telling us."),
            "success",
        )
    return redirect(url_for("selection.mine"))
