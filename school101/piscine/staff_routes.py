"""Staff pages: piscines list and creation, invitations from the ranking, who booked, the live
board (results grid, today's submissions, queue, missing work) and audited re-runs."""

from __future__ import annotations

from datetime import date, timedelta

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from school101.core import clock
from school101.core.clock import paris_today
from school101.core.errors import ServiceError, ValidationFailed
from school101.core.paging import paginate_list
from school101.extensions import db
from school101.models._base import utcnow
from school101.piscine.blind_codes import BlindCodes
from school101.piscine.blueprint import bp, locale, page_arg
from school101.piscine.board_filters import board_query, filter_form, ordered_people
from school101.piscine.forms import (
    ActionForm,
    InviteTopForm,
    PiscineForm,
    RankingFilterForm,
    RerunForm,
    campaign_id_of,
)
from school101.services.grading import deadline
from school101.services.grading import runs as grading
from school101.services.piscine import (
    board,
    board_live,
    booking,
    calendar,
    content,
    invitations,
    queries,
    sessions,
    submission_views,
)
from school101.services.selection import blind as blind_mode
from school101.services.selection import decisions as decision_service
from school101.services.selection import dossier, ranking_view
from school101.web.authz import staff_required
from school101.web.form_errors import show_service_error

BLANK_ROWS = 2


def _day_choices() -> list[tuple[str, str]]:
    lang = locale()
    return [SelectChoice("", _("— none (remove this entry) —"))] + [
        SelectChoice(d, f"{d} · {content.day_title(d, lang)}") for d in content.known_days()
    ]


def _fill_calendar(form: PiscineForm, starts_on: date) -> None:
    while form.calendar.entries:
        form.calendar.pop_entry()
    ends_on = form.ends_on.data if isinstance(form.ends_on.data, date) else None
    for entry in calendar.default_calendar(starts_on, ends_on=ends_on):
        form.calendar.append_entry(
            {
                "day_id": entry["day_id"],
                "kind": entry["kind"],
                "opens_at": clock.utc_to_paris_naive(entry["opens_at"]),
                "closes_at": clock.utc_to_paris_naive(entry["closes_at"]),
            }
        )
    for _i in range(BLANK_ROWS):
        form.calendar.append_entry({"day_id": "", "kind": "day"})


def _set_choices(form: PiscineForm) -> None:
    choices = _day_choices()
    for entry in form.calendar.entries:
        entry.form.day_id.choices = choices


def _copy_errors(form: PiscineForm, exc: ServiceError) -> list[str]:
    """Service messages onto the form's fields; returns the messages for the whole calendar."""
    general = []
    entries = {e.name: e for e in form.calendar.entries}
    for key, message in exc.fields.items():
        if key.startswith("calendar-") and key.count("-") >= 2:
            row, _sep, name = key.rpartition("-")
            entry = entries.get(row)
            if entry is not None and name in entry.form:
                if not entry.form[name].errors:
                    entry.form[name].errors = list(entry.form[name].errors or []) + [str(message)]
                continue
        if key in form and key != "calendar":
            if not form[key].errors:
                form[key].errors = list(form[key].errors or []) + [str(message)]
        else:
            general.append(str(message))
    return general


def _form_data(form: PiscineForm) -> tuple[dict, list[dict]]:
    data = {
        "name": form.name.data or "",
        "starts_on": form.starts_on.data,
        "ends_on": form.ends_on.data,
        "capacity": form.capacity.data,
        "feedback": form.feedback.data or "after_deadline",
        "campaign_id": campaign_id_of(form.campaign_id.data),
        "booking_closes_at": clock.paris_to_utc(form.booking_closes_at.data),
        "cancel_until": clock.paris_to_utc(form.cancel_until.data),
    }
    rows = [
        {
            "key": e.name + "-",
            "day_id": e.form.day_id.data,
            "kind": e.form.kind.data,
            "opens_at": e.form.opens_at.data,
            "closes_at": e.form.closes_at.data,
        }
        for e in form.calendar.entries
    ]
    return data, rows


@bp.get("/staff/piscines/")
@staff_required
def staff_list():
    """Every piscine with its seats and dates."""
    page = queries.piscines(page_arg(request.args.get("page")))
    return render_template("piscine/staff/list.html", page=page)


@bp.route("/staff/piscines/new", methods=["GET", "POST"])
@staff_required
def staff_new():
    """Create a piscine: settings and the calendar (default one shown, editable per entry)."""
    form = PiscineForm()
    general: list[str] = []
    status = 200
    if request.method == "GET":
        start = paris_today() + timedelta(days=(7 - paris_today().weekday()) % 7 or 7)
        form.starts_on.data, form.ends_on.data = start, start + timedelta(days=25)
        form.capacity.data, form.feedback.data = 200, "after_deadline"
        _fill_calendar(form, start)
    elif request.form.get("action") == "default":
        _fill_calendar(
            form, form.starts_on.data if isinstance(form.starts_on.data, date) else paris_today()
        )
        form.starts_on.errors = []
    else:
        form_ok = form.validate_on_submit()
        data, rows = _form_data(form)
        try:
            if not form_ok:
                raise ValidationFailed(
                    _("Some fields are not valid."), fields=_service_errors(data, rows)
                )
            piscine = sessions.create_from_form(data, rows, actor=current_user)
        except ValidationFailed as exc:
            db.session.rollback()
            general = _copy_errors(form, exc)
            status = 422
        else:
            db.session.commit()
            flash(_("The piscine is created."), "success")
            return redirect(url_for("piscine.staff_show", piscine_id=piscine.id))
    _set_choices(form)
    return render_template("piscine/staff/new.html", form=form, general_errors=general), status


def _service_errors(data: dict, rows: list[dict]) -> dict:
    """The service's messages too, when the form itself already failed (all errors at once)."""
    errors = dict(sessions.validate_piscine(data))
    errors.update(calendar.check_calendar(rows)[1])
    return errors


@bp.get("/staff/piscines/<int:piscine_id>")
@staff_required
def staff_show(piscine_id: int, settings_form=None, status: int = 200):
    """A piscine's settings (editable), calendar and counts."""
    from school101.piscine.forms import SettingsForm

    piscine = queries.get_piscine(piscine_id)
    if settings_form is None:
        settings_form = SettingsForm(
            data={
                "name": piscine.name,
                "capacity": piscine.capacity,
                "campaign_id": str(piscine.campaign_id or ""),
                "booking_closes_at": clock.utc_to_paris_naive(piscine.booking_closes_at),
                "cancel_until": clock.utc_to_paris_naive(piscine.cancel_until),
            }
        )
    return render_template(
        "piscine/staff/show.html",
        piscine=piscine,
        settings_form=settings_form,
        counts=queries.piscine_counts(piscine),
        calendar=calendar.calendar(piscine, utcnow(), locale()),
    ), status


@bp.post("/staff/piscines/<int:piscine_id>/settings")
@staff_required
def staff_settings(piscine_id: int):
    """Change name, capacity, booking closing date, cancellation deadline ("close now" too)."""
    from flask_login import current_user

    from school101.core.errors import ServiceError
    from school101.piscine.forms import SettingsForm

    piscine = queries.get_piscine(piscine_id)
    form = SettingsForm()
    if not form.validate_on_submit():
        return staff_show(piscine_id, settings_form=form, status=422)
    closes = (
        utcnow()
        if request.form.get("close_now")
        else clock.paris_to_utc(form.booking_closes_at.data)
    )
    data = {
        "name": form.name.data or "",
        "capacity": form.capacity.data,
        "campaign_id": campaign_id_of(form.campaign_id.data),
        "booking_closes_at": closes,
        "cancel_until": clock.paris_to_utc(form.cancel_until.data),
    }
    try:
        sessions.update_settings(piscine, data, actor=current_user)
    except ServiceError as exc:
        db.session.rollback()
        return staff_show(piscine_id, settings_form=form, status=show_service_error(form, exc))
    db.session.commit()
    flash(_("The settings are saved."), "success")
    return redirect(url_for("piscine.staff_show", piscine_id=piscine_id))


def _ranking_filters(args) -> dict:
    campaign = args.get("campaign", "")
    return {
        "campaign_id": int(campaign) if str(campaign).isdigit() else None,
        "status": args.get("status", "")
        if args.get("status", "")
        in ("applied", "games_done", "invited", "not_selected", "withdrawn")
        else "",
        "only_new": args.get("only_new") in ("y", "1", "on", "true"),
    }


def _ranking_args(filters: dict) -> dict:
    args = {}
    if filters["campaign_id"]:
        args["campaign"] = filters["campaign_id"]
    if filters["status"]:
        args["status"] = filters["status"]
    if filters["only_new"]:
        args["only_new"] = "y"
    return args


def _render_invite(piscine, *, top_form=None, status: int = 200):
    filters = _ranking_filters(request.args if request.method == "GET" else request.form)
    filter_form = RankingFilterForm(request.args if request.method == "GET" else None)
    filter_form.campaign.choices = [SelectChoice("", _("All"))] + [
        SelectChoice(str(c.id), c.name) for c in queries.campaigns()
    ]
    if request.method != "GET":
        filter_form.campaign.data = str(filters["campaign_id"] or "")
        filter_form.status.data = filters["status"]
        filter_form.only_new.data = filters["only_new"]
    page = invitations.ranked_applications(
        piscine,
        campaign_id=filters["campaign_id"],
        status=filters["status"],
        only_new=filters["only_new"],
        page=page_arg(request.args.get("page")),
    )
    args = _ranking_args(filters)
    if top_form is None:
        top_form = InviteTopForm(
            formdata=None, campaign=args.get("campaign", ""), status=args.get("status", "")
        )
    return render_template(
        "piscine/staff/invite.html",
        piscine=piscine,
        page=page,
        args=args,
        filter_form=filter_form,
        top_form=top_form,
        form=ActionForm(),
        counts=queries.piscine_counts(piscine),
    ), status


@bp.get("/staff/piscines/<int:piscine_id>/invite")
@staff_required
def staff_invite(piscine_id: int):
    """The ranked applications (memory + logic, then logic instructions and time) to invite from."""
    return _render_invite(queries.get_piscine(piscine_id))


@bp.post("/staff/piscines/<int:piscine_id>/invite")
@staff_required
def staff_invite_selected(piscine_id: int):
    """Invite the ticked people; each is e-mailed (services.piscine.invite, audited)."""
    piscine = queries.get_piscine(piscine_id)
    back = url_for(
        "piscine.staff_invite",
        piscine_id=piscine.id,
        **_ranking_args(_ranking_filters(request.form)),
    )
    if not ActionForm().validate_on_submit():
        flash(_("The form has expired; please try again."), "error")
        return redirect(back)
    raw = request.form.getlist("user_ids")
    user_ids = [int(v) for v in raw if v.isdigit()]
    if not user_ids or len(user_ids) != len(raw):
        flash(_("Tick at least one person to invite."), "error")
        return redirect(back)
    try:
        count = invitations.invite(piscine, user_ids, actor=current_user)
    except ServiceError as exc:
        db.session.rollback()
        flash(" ".join([str(exc.message)] + [str(m) for m in exc.fields.values()]), "error")
        return redirect(back)
    db.session.commit()
    flash(
        ngettext(
            "%(num)d new invitation sent by e-mail.",
            "%(num)d new invitations sent by e-mail.",
            count,
        ),
        "success",
    )
    return redirect(back)


@bp.post("/staff/piscines/<int:piscine_id>/invite-top")
@staff_required
def staff_invite_top(piscine_id: int):
    """Invite the top N of the ranking not invited yet (with the current filters)."""
    piscine = queries.get_piscine(piscine_id)
    form = InviteTopForm()
    filters = _ranking_filters(request.form)
    if form.validate_on_submit():
        try:
            count = invitations.invite_top(
                piscine,
                form.n.data,
                actor=current_user,
                campaign_id=filters["campaign_id"],
                status=filters["status"],
            )
        except ValidationFailed as exc:
            db.session.rollback()
            form.n.errors = list(form.n.errors or []) + [str(m) for m in exc.fields.values()]
        else:
            db.session.commit()
            flash(
                ngettext(
                    "%(num)d new invitation sent by e-mail.",
                    "%(num)d new invitations sent by e-mail.",
                    count,
                ),
                "success",
            )
            return redirect(
                url_for("piscine.staff_invite", piscine_id=piscine.id, **_ranking_args(filters))
            )
    return _render_invite(piscine, top_form=form, status=422)


@bp.get("/staff/piscines/<int:piscine_id>/people")
@staff_required
def staff_people(piscine_id: int):
    """Who is invited, booked, waitlisted (with positions), declined or cancelled."""
    piscine = queries.get_piscine(piscine_id)
    status = request.args.get("status", "booked")
    if status not in queries.PEOPLE_STATUSES:
        status = "booked"
    return render_template(
        "piscine/staff/people.html",
        piscine=piscine,
        status=status,
        statuses=queries.PEOPLE_STATUSES,
        counts=queries.piscine_counts(piscine),
        page=queries.people(piscine, status, page_arg(request.args.get("page"))),
    )


@bp.get("/staff/piscines/<int:piscine_id>/candidates/<int:user_id>")
@staff_required
def staff_candidate(piscine_id: int, user_id: int):
    """One candidate's results per day (with the verdicts' traces) and submissions; while the
    piscine is blind, a user id is refused like an unknown code (staff_blind_candidate)."""
    return _render_candidate(queries.get_piscine(piscine_id), str(user_id))


@bp.get("/staff/piscines/<int:piscine_id>/candidates/<code>")
@staff_required
def staff_blind_candidate(piscine_id: int, code: str):
    """One candidate of a blind piscine, by the code of the round hiding it (or of a round that
    was blind, once lifted); nothing of the person's identity is shown while blind."""
    return _render_candidate(queries.get_piscine(piscine_id), code)


def _person_key(codes: BlindCodes, user) -> dict:
    """The URL arguments naming a person on the piscine's pages: the code while blind."""
    if codes:
        return {"endpoint": "piscine.staff_blind_candidate", "code": codes(user)}
    return {"endpoint": "piscine.staff_candidate", "user_id": user.id}


def candidate_url(piscine, codes: BlindCodes, user, args: dict, **extra) -> str:
    """The candidate page of `user`, carrying the board's filters and order (`args`)."""
    key = _person_key(codes, user)
    return url_for(key.pop("endpoint"), piscine_id=piscine.id, **key, **args, **extra)


def _board_state(piscine, codes: BlindCodes):
    """The board's filter form, query and ordered people, from the query string."""
    days = [d for d in piscine.days if d.kind == "day"]
    form = filter_form(request.args, days, blind=bool(codes))
    form.validate()
    query = board_query(form, request.args, days)
    return form, query, ordered_people(piscine, codes, query)


def _decision_target(piscine, user) -> dict | None:
    """Where the candidate page's decision form posts: the newest round ranking the piscine."""
    rounds = dossier.rounds_ranking(piscine)
    if not rounds:
        return None
    selection_round = rounds[0]
    hiding = blind_mode.blind_round_for(piscine.id, selection_round)
    key = blind_mode.keys(hiding, [user.id])[user.id]
    return {
        "round": selection_round,
        "url": url_for(
            "selection.candidate",
            round_id=selection_round.id,
            piscine_id=piscine.id,
            candidate_key=key,
        ),
        "current": decision_service.current_decision(piscine.id, user.id),
    }


def _render_candidate(piscine, key: str):
    codes = BlindCodes(piscine)
    user = booking.seated_candidate(piscine, blind_mode.resolve_for_piscine(piscine.id, key))
    shown_as = codes(user) if codes else None
    _form, query, people = _board_state(piscine, codes)
    before, after = ranking_view.neighbours([u.id for u in people], user.id)
    by_id = {u.id: u for u in people}
    args = query.args()
    person = _person_key(codes, user)
    return render_template(
        "piscine/staff/candidate.html",
        piscine=piscine,
        candidate=user,
        shown_as=shown_as,
        who=shown_as or f"{user.last_name} {user.first_name}",
        dossier=dossier.candidate_dossier(piscine, user.id, blind=bool(codes), actor=current_user),
        titles={d.day_id: content.day_title(d.day_id, locale()) for d in piscine.days},
        submissions=submission_views.candidate_submissions(
            piscine, user.id, page_arg(request.args.get("page"))
        ),
        decision=_decision_target(piscine, user),
        board_args=args,
        board_url=url_for("piscine.staff_board", piscine_id=piscine.id, **args),
        prev_url=candidate_url(piscine, codes, by_id[before], args) if before else None,
        next_url=candidate_url(piscine, codes, by_id[after], args) if after else None,
        page_endpoint=person["endpoint"],
        page_args={k: v for k, v in person.items() if k != "endpoint"}
        | {"piscine_id": piscine.id, **args},
    )


def _board_chips(piscine, form, query) -> list[dict]:
    """The active filters as removable chips."""
    chips = []
    labels = {
        "q": _("%(label)s: %(value)s", label=form.q.label.text, value=query.q),
        "missing": _("Nothing submitted for %(day)s", day=query.missing),
        "flagged": _("Only confirmed plagiarism"),
    }
    args = query.args()
    for name in query.filter_args():
        rest = {k: v for k, v in args.items() if k != name}
        chips.append(
            {
                "label": labels[name],
                "remove_url": url_for("piscine.staff_board", piscine_id=piscine.id, **rest),
            }
        )
    return chips


def _render_board(piscine, *, rerun_forms: dict | None = None, status: int = 200):
    now = utcnow()
    codes = BlindCodes(piscine)
    days = [d for d in piscine.days if d.kind == "day"]
    forms = {d.day_id: RerunForm(prefix=f"rerun-{d.day_id}", formdata=None) for d in days}
    forms.update(rerun_forms or {})
    open_days = board.open_days(piscine, now)
    missing = {
        d.day_id: board.not_submitted(
            piscine, d, page_arg(request.args.get("missing_page")), sort_key=codes.sort_key()
        )
        for d in open_days
    }
    day_gradings = board.day_grading_stats(piscine)
    filter_form, query, people = _board_state(piscine, codes)
    listed = paginate_list(people, page_arg(request.args.get("page")))
    listed.items = board.people_rows(piscine, listed.items)
    if filter_form.errors and status == 200:
        status = 422
    return render_template(
        "piscine/staff/board.html",
        piscine=piscine,
        days=days,
        now=now,
        rerun_forms=forms,
        board=listed,
        codes=codes,
        filter_form=filter_form,
        query=query,
        args=query.args(),
        chips=_board_chips(piscine, filter_form, query),
        candidate_url=lambda user: candidate_url(piscine, codes, user, query.args()),
        today=board.todays_submissions(piscine, now, page_arg(request.args.get("today_page"))),
        queue=grading.queue_stats(),
        day_gradings=day_gradings,
        graded_results=board_live.graded_results(piscine, day_gradings),
        live_interval=current_app.config.get("BOARD_LIVE_INTERVAL_SECONDS", 15),
        open_days=open_days,
        missing=missing,
        titles={d.day_id: content.day_title(d.day_id, locale()) for d in piscine.days},
        states={d.day_id: calendar.day_state(d, now) for d in piscine.days},
    ), status


@bp.get("/staff/piscines/<int:piscine_id>/board")
@staff_required
def staff_board(piscine_id: int):
    """The live board: results grid, today's submissions, grading queue, missing work. With
    JavaScript, board-live.js refreshes the figures from staff_board_live every
    BOARD_LIVE_INTERVAL_SECONDS (15 by default); the grid and lists refresh with the page."""
    return _render_board(queries.get_piscine(piscine_id))


@bp.post("/staff/piscines/<int:piscine_id>/days/<day_id>/rerun")
@staff_required
def staff_rerun(piscine_id: int, day_id: str):
    """Re-run the moulinette on a day for every seated candidate (reason mandatory, audited)."""
    piscine = queries.get_piscine(piscine_id)
    calendar.calendar_entry(piscine, day_id)
    form = RerunForm(prefix=f"rerun-{day_id}")
    if form.validate_on_submit():
        try:
            rows = deadline.rerun_day(piscine, day_id, actor=current_user, reason=form.reason.data)
        except ValidationFailed as exc:
            db.session.rollback()
            form.reason.errors = list(form.reason.errors or []) + [
                str(m) for m in exc.fields.values()
            ]
        else:
            db.session.commit()
            flash(
                ngettext(
                    "The moulinette will grade %(day)s again for %(num)d candidate.",
                    "The moulinette will grade %(day)s again for %(num)d candidates.",
                    len(rows),
                    day=day_id,
                ),
                "success",
            )
            return redirect(url_for("piscine.staff_board", piscine_id=piscine.id))
    return _render_board(piscine, rerun_forms={day_id: form}, status=422)
