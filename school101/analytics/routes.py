"""Staff analytics pages: the intake funnel dashboard and its CSV export (/staff/analytics)."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request
from flask_babel import format_date, format_decimal
from flask_babel import gettext as _
from flask_login import current_user

from school101.analytics.charts import bar_chart, column_chart
from school101.core.errors import NotFound
from school101.services.analytics import report
from school101.web.authz import staff_required

bp = Blueprint(
    "analytics",
    __name__,
    url_prefix="/staff/analytics",
    template_folder="templates",
    static_folder="static",
    static_url_path="/static",
)


def _pick(campaign_id):
    try:
        return report.pick(campaign_id, actor=current_user)
    except NotFound:
        abort(404)


def _percent(value) -> str:
    return "—" if value is None else f"{format_decimal(value, format='#,##0.#')} %"


def _charts(rep: report.Report) -> dict:
    """SVG charts of the report (the template shows the same data as tables)."""
    charts = {}
    if not rep.empty:
        first = rep.funnel[0]["count"] or 1
        charts["funnel"] = bar_chart(
            [
                (
                    str(s["label"]),
                    s["count"],
                    f"{s['count']} ({_percent(s['percent_of_registered'])})",
                )
                for s in rep.funnel
            ],
            title=_("Intake funnel of %(campaign)s", campaign=rep.campaign.name),
            desc=_(
                "Number of people at each step, from %(first)s registered to %(last)s admitted.",
                first=rep.funnel[0]["count"],
                last=rep.funnel[-1]["count"],
            ),
            maximum=first,
        )
    if rep.weeks:
        peak = max(rep.weeks, key=lambda w: w["count"])
        charts["weeks"] = column_chart(
            [(format_date(_week(w["week"]), "d MMM"), w["count"]) for w in rep.weeks],
            title=_("Registrations by week"),
            desc=_(
                "%(total)s registrations over %(weeks)s weeks; the busiest week started on %(day)s "
                "with %(count)s.",
                total=sum(w["count"] for w in rep.weeks),
                weeks=len(rep.weeks),
                day=format_date(_week(peak["week"]), "long"),
                count=peak["count"],
            ),
        )
    for p in rep.piscines:
        if p["days"] and p["seated"]:
            charts[f"attendance-{p['id']}"] = bar_chart(
                [(d["day_id"], d["attended"], f"{d['attended']}/{d['seated']}") for d in p["days"]],
                title=_("Attendance per day, %(piscine)s", piscine=p["name"]),
                desc=_(
                    "Seated candidates who turned in at least one exercise, day by day, out of %(seated)s.",
                    seated=p["seated"],
                ),
                maximum=p["seated"],
            )
        if p["passes"]:
            charts[f"passes-{p['id']}"] = bar_chart(
                [(d["day_id"], d["rate"] or 0, _percent(d["rate"])) for d in p["passes"]],
                title=_("Pass rate per day, %(piscine)s", piscine=p["name"]),
                desc=_("Share of graded candidates who passed every exercise of the day."),
                maximum=100,
            )
    return charts


def _week(iso: str):
    from datetime import date

    return date.fromisoformat(iso)


@bp.get("/")
@staff_required
def index():
    """The funnel dashboard of the chosen campaign (the newest by default)."""
    campaign = _pick(request.args.get("campaign_id"))
    choices = report.campaigns(actor=current_user)
    if campaign is None:
        return render_template(
            "analytics/index.html", campaign=None, campaigns=choices, rep=None, charts={}
        )
    rep = report.report(campaign, actor=current_user)
    return render_template(
        "analytics/index.html",
        campaign=campaign,
        campaigns=choices,
        rep=rep,
        charts=_charts(rep),
        percent=_percent,
        steps=report.STEPS,
        step_labels=report.STEP_LABELS,
        min_group=report.MIN_GROUP,
        week=_week,
    )


@bp.get("/<int:campaign_id>.csv")
@staff_required
def export_csv(campaign_id: int):
    """Every aggregate table of the dashboard as CSV (small groups hidden as on the page)."""
    campaign = _pick(campaign_id)
    rep = report.report(campaign, actor=current_user)
    return Response(
        report.report_csv(rep),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="analytics-campaign-{campaign.id}.csv"'
        },
    )
