"""Machine-readable reports: the JSON and CSV of `thads report` (interchange spec)."""

from __future__ import annotations

import io
from decimal import Decimal

from thads.common.form_sources import form_source
from thads.common.money import rate
from thads.common.periods import Period
from thads.common.spreadsheets import csv_dict_writer
from thads.org.models import Unit
from thads.stats.buckets import CASE_KEYS, MONEY_KEYS
from thads.stats.layout import build_form
from thads.stats.models import FormDefinition
from thads.stats.report import Report, ReportRow


def _rate_text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def row_payload(row: ReportRow, measure: str) -> dict:
    """Every bucket key of the contract, money in đồng, and the rate as "83.99" or null."""
    if measure == "cases":
        data = {k: row.buckets.cases[k] for k in CASE_KEYS}
        data["ty_le_viec"] = _rate_text(row.case_rate)
    else:
        data = {k: row.buckets.money[k] for k in MONEY_KEYS}
        data["ty_le_tien"] = _rate_text(row.money_rate)
    head = {"unit": row.unit_code, "name": row.name}
    if row.officer_code is not None or "/" in row.key:
        head["officer"] = row.officer_code
    return {**head, **data}


def report_payload(report: Report, measure: str, form: str) -> dict:
    return {
        "unit": report.unit.code,
        "year": report.period.year,
        "from": report.period.start.isoformat(),
        "to": report.period.end.isoformat(),
        "form": form,
        "rows": [row_payload(r, measure) for r in report.rows],
        "total": row_payload(report.total, measure),
        "checks": [{"rule": c.rule, "ok": c.ok} for c in report.checks],
    }


def table_payload(table) -> dict:
    """A form counted by another app (`common.form_sources`) in the same shape as
    `report_payload`: each row has every bucket of the source (base and derived) and its
    rates ("95.00", null with no base)."""
    source = form_source(table.definition.measure)
    rates = source.rates if source is not None else ()

    def row(r) -> dict:
        out = {"unit": r.unit_code, "name": r.name, **r.raw}
        for key, numerator, denominator in rates:
            out[key] = _rate_text(rate(r.raw[numerator], r.raw[denominator]))
        return out

    return {
        "unit": table.unit.code,
        "year": table.period.year,
        "from": table.period.start.isoformat(),
        "to": table.period.end.isoformat(),
        "form": table.definition.code,
        "rows": [row(r) for r in table.rows],
        "total": row(table.total),
        "checks": [{"rule": c.rule, "ok": c.ok} for c in table.checks],
    }


def form_payload(code: str, unit: Unit, period: Period) -> dict:
    """The JSON of form `code` (every official form: 1–10, 12) for `unit` and `period`, as
    `thads report` and the API (/api/v1/reports/) give it: forms 1–5 from the engine's report
    rows (every bucket key, the rate as "83.99"), the others from their table (every bucket of
    the form's source). Raises `stats.layout.FormNotFound` when no definition is in force."""
    table = build_form(code, unit, period)
    if table.report is None:
        return table_payload(table)
    measure = "cases" if table.definition.measure == FormDefinition.Measure.CASES else "money"
    return report_payload(table.report, measure, code)


def report_csv(payload: dict, by: str = "unit") -> str:
    rows = [
        *payload["rows"],
        {**payload["total"], "name": f"Tổng cộng: {payload['total']['name']}"},
    ]
    keys = list(payload["total"].keys())
    if by == "officer" and "officer" not in keys:
        keys.insert(2, "officer")
    out = io.StringIO()
    writer = csv_dict_writer(out, keys, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in keys})
    return out.getvalue()
