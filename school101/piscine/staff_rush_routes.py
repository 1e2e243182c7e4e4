"""Staff page of rush teams: per rush of the piscine's calendar, its teams (members, the
exercise assigned to the team), a button that draws them (`teams.form_teams`) and a form
that moves a person to another team with a reason (`teams.move_member`, audited)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from school101.core.errors import ServiceError
from school101.extensions import db
from school101.piscine.blind_codes import BlindCodes
from school101.piscine.blueprint import bp, locale
from school101.piscine.rush_forms import FormTeamsForm, MoveForm
from school101.services.evaluations import teams
from school101.services.piscine import content, queries
from school101.web.authz import staff_required
from school101.web.form_errors import show_service_error


def _move_form(
    day_id: str, rows: list[dict], codes: BlindCodes, form: MoveForm | None = None
) -> MoveForm:
    form = form or MoveForm(prefix=f"move-{day_id}", formdata=None)
    people = [(u, row["team"].number) for row in rows for u in row["members"]]
    if codes:  # blind: the code as the label and the value, in the order of the codes
        people.sort(key=lambda p: codes(p[0]))
        choices = [
            SelectChoice(codes(u), _("%(name)s (team %(n)d)", name=codes(u), n=n))
            for u, n in people
        ]
    else:
        people.sort(key=lambda p: (p[0].last_name, p[0].first_name, p[0].id))
        choices = [
            SelectChoice(str(u.id), _("%(name)s (team %(n)d)", name=u.full_name, n=n))
            for u, n in people
        ]
    form.user_id.choices = [SelectChoice("", _("— choose —")), *choices]
    return form


def _render(piscine, *, forms: dict | None = None, status: int = 200):
    lang = locale()
    codes = BlindCodes(piscine)
    rushes = []
    for day in teams.rush_days(piscine):
        rows = teams.team_rows(teams.teams(piscine, day.day_id))
        given = (forms or {}).get(day.day_id, {})
        rushes.append(
            {
                "day": day,
                "title": content.day_title(day.day_id, lang),
                "rows": rows,
                "form_form": given.get("form") or FormTeamsForm(prefix=f"form-{day.day_id}"),
                "move_form": _move_form(day.day_id, rows, codes, given.get("move")),
            }
        )
    return render_template(
        "piscine/staff/rushes.html", piscine=piscine, rushes=rushes, codes=codes
    ), status


@bp.get("/staff/piscines/<int:piscine_id>/rushes")
@staff_required
def staff_rushes(piscine_id: int):
    """The teams of every rush of the piscine, with the formation and move forms."""
    return _render(queries.get_piscine(piscine_id))


@bp.post("/staff/piscines/<int:piscine_id>/rushes/<day_id>/teams")
@staff_required
def staff_rush_form(piscine_id: int, day_id: str):
    """Draw the teams of one rush (audited)."""
    piscine = queries.get_piscine(piscine_id)
    day = teams.rush_day(piscine, day_id)
    form = FormTeamsForm(prefix=f"form-{day.day_id}")
    if not form.validate_on_submit():
        flash(_("The form has expired; please try again."), "error")
        return _render(piscine, status=422)
    try:
        formed = teams.form_teams(current_user, piscine, day.day_id)
    except ServiceError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return _render(piscine, status=exc.status)
    db.session.commit()
    flash(_("%(n)d teams formed.", n=len(formed)), "success")
    return redirect(url_for("piscine.staff_rushes", piscine_id=piscine.id) + f"#{day.day_id}")


@bp.post("/staff/piscines/<int:piscine_id>/rushes/<day_id>/move")
@staff_required
def staff_rush_move(piscine_id: int, day_id: str):
    """Move one person to another team of the rush, with a reason (audited)."""
    piscine = queries.get_piscine(piscine_id)
    day = teams.rush_day(piscine, day_id)
    rows = teams.team_rows(teams.teams(piscine, day.day_id))
    codes = BlindCodes(piscine)
    form = _move_form(day.day_id, rows, codes, MoveForm(prefix=f"move-{day.day_id}"))
    forms = {day.day_id: {"move": form}}
    if not form.validate_on_submit():
        if "csrf_token" in form.errors:
            flash(_("The form has expired; please try again."), "error")
        return _render(piscine, forms=forms, status=422)
    user_id = codes.person_id(form.user_id.data)
    if user_id is None or user_id not in {u.id for row in rows for u in row["members"]}:
        form.user_id.errors = [_("Choose a person in a team of this rush.")]
        return _render(piscine, forms=forms, status=422)
    try:
        team = teams.move_member(
            current_user, piscine, day.day_id, user_id, form.team.data, form.reason.data
        )
    except ServiceError as exc:
        db.session.rollback()
        status = show_service_error(form, exc)
        return _render(piscine, forms=forms, status=status)
    db.session.commit()
    flash(_("Moved to team %(n)d.", n=team.number), "success")
    return redirect(url_for("piscine.staff_rushes", piscine_id=piscine.id) + f"#{day.day_id}")
