"""The applications list as CSV for spreadsheets (see core/spreadsheet.py)."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from school101.core import audit
from school101.core.clock import PARIS
from school101.core.permissions import ensure_staff
from school101.core.spreadsheet import CSV_SEPARATOR, csv_safe
from school101.extensions import db
from school101.models import (
    Campaign,
)
from school101.models._base import utcnow
from school101.services.admissions.review import (
    ApplicationFilters,
    application_row,
    applications_query,
)

CSV_COLUMNS = (
    "id",
    "status",
    "last_name",
    "first_name",
    "email",
    "birth_date",
    "age",
    "age_band",
    "city",
    "postcode",
    "department",
    "situation",
    "memory_score",
    "logic_score",
    "combined_score",
    "logic_instructions",
    "logic_time_ms",
    "games_completed_at",
    "created_at",
)


def _paris_text(value: str | None) -> str:
    if not value:
        return ""
    return datetime.fromisoformat(value).astimezone(PARIS).strftime("%Y-%m-%d %H:%M")


def export_csv(campaign: Campaign, filters: ApplicationFilters, *, actor) -> str:
    """The filtered list as CSV text (BOM, ";" separator, times in Europe/Paris); audited."""
    ensure_staff(actor)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(
        out, delimiter=CSV_SEPARATOR, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n"
    )
    writer.writerow(CSV_COLUMNS)
    rows = 0
    for application in db.session.scalars(applications_query(campaign, filters)):
        row = application_row(application)
        row["games_completed_at"] = _paris_text(row["games_completed_at"])
        row["created_at"] = _paris_text(row["created_at"])
        writer.writerow([csv_safe(row[c]) for c in CSV_COLUMNS])
        rows += 1
    audit.record(
        "applications.exported",
        actor=actor,
        target=campaign,
        after={"filters": filters.as_args(), "rows": rows},
    )
    return out.getvalue()


def export_filename(campaign: Campaign) -> str:
    return f"applications-campaign{campaign.id}-{utcnow().astimezone(PARIS):%Y%m%d-%H%M}.csv"
