"""The form-layout evaluator: a form definition (data) evaluated on the engine's buckets into a
printable table (columns are expressions over bucket keys, `buckets.TERM` / `buckets.RATE`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count

from thads.cases.models import CaseEvent
from thads.common.form_sources import FormSource, form_source
from thads.common.money import rate
from thads.common.periods import Period
from thads.common.request_memo import memoised
from thads.org.models import Unit
from thads.stats.buckets import RATE, TERM, Check
from thads.stats.models import FormDefinition
from thads.stats.report import Report, build_report, row_unit_map


class FormNotFound(LookupError):
    pass


def definition_for(code: str, on: dt.date) -> FormDefinition:
    """The definition of form `code` in force on `on` (the latest effective_from ≤ on); read
    once per page (`common.request_memo`)."""
    definition = memoised(
        ("stats.form_definition", code, on),
        lambda: (
            FormDefinition.objects.filter(code=code, effective_from__lte=on)
            .order_by("-effective_from")
            .first()
        ),
    )
    if definition is None:
        raise FormNotFound(f"Không có biểu số {code} áp dụng vào ngày {on:%d/%m/%Y}.")
    return definition


def _sum(expr: str, values: dict) -> int:
    total, pos = 0, 0
    expr = expr.strip()
    while pos < len(expr):
        match = TERM.match(expr, pos)
        if not match or match.end() == pos:
            raise ValueError(f"Biểu thức không hợp lệ: {expr}")
        sign, key = match.groups()
        if key not in values:
            raise ValueError(f"Chỉ tiêu không tồn tại: {key}")
        total += -values[key] if sign == "-" else values[key]
        pos = match.end()
    return total


def evaluate(expr: str, values: dict) -> int | Decimal | None:
    """A column's value: a sum of keys, or rate(numerator; denominator) in percent."""
    match = RATE.match(expr.strip())
    if match:
        return rate(_sum(match.group(1), values), _sum(match.group(2), values))
    return _sum(expr, values)


def is_rate(expr: str) -> bool:
    return expr.strip().startswith("rate(")


@dataclass
class TableRow:
    key: str
    name: str
    unit_code: str
    officer_code: str | None
    values: list
    raw: dict = field(default_factory=dict, repr=False)


@dataclass
class FormTable:
    definition: FormDefinition
    unit: Unit
    period: Period
    rows: list[TableRow]
    total: TableRow
    checks: list[Check]
    report: Report | None = None

    @property
    def columns(self) -> list[dict]:
        return self.definition.columns


def event_counts(unit_ids, start: dt.date, end: dt.date) -> dict[int, dict[str, int]]:
    """Decisions and acts recorded in [start, end] per holding unit: "type" and "type.measure"."""
    rows = (
        CaseEvent.objects.filter(
            case__unit_id__in=list(unit_ids), on__gte=start, on__lte=end, corrected_by__isnull=True
        )
        .values("case__unit_id", "type", "data__measure")
        .annotate(n=Count("id"))
    )
    counts: dict[int, dict[str, int]] = {}
    for row in rows:
        bucket = counts.setdefault(row["case__unit_id"], {})
        bucket[row["type"]] = bucket.get(row["type"], 0) + row["n"]
        if row["data__measure"]:
            key = f"{row['type']}.{row['data__measure']}"
            bucket[key] = bucket.get(key, 0) + row["n"]
    return counts


def _event_values(columns: list[dict], counts: dict[str, int]) -> dict[str, int]:
    keys = set()
    for column in columns:
        keys.update(k for _s, k in TERM.findall(column["expr"]) if k.startswith("events."))
    return {k: counts.get(k.removeprefix("events."), 0) for k in keys}


def build_form(code: str, unit: Unit, period: Period, *, refresh: bool = True) -> FormTable:
    definition = definition_for(code, period.end)
    source = form_source(definition.measure)
    if source is not None:
        return _build_source_form(definition, unit, period, source)
    if definition.measure == FormDefinition.Measure.MEASURES:
        return _build_measures_form(definition, unit, period)
    report = build_report(
        unit, period, by=definition.rows_by, filters=definition.filters or None, refresh=refresh
    )
    measure = "cases" if definition.measure == FormDefinition.Measure.CASES else "money"

    def table_row(row) -> TableRow:
        values = getattr(row.buckets, measure)
        return TableRow(
            key=row.key,
            name=row.name,
            unit_code=row.unit_code,
            officer_code=row.officer_code,
            values=[evaluate(c["expr"], values) for c in definition.columns],
            raw=values,
        )

    return FormTable(
        definition=definition,
        unit=unit,
        period=period,
        rows=[table_row(r) for r in report.rows],
        total=table_row(report.total),
        checks=report.checks,
        report=report,
    )


def _build_measures_form(definition: FormDefinition, unit: Unit, period: Period) -> FormTable:
    units = list(
        Unit.objects.only("id", "code", "name", "parent_id", "successor_id", "path", "tree_order")
    )
    by_id = {u.pk: u for u in units}
    mapping = row_unit_map(unit, units)
    counts = event_counts(mapping.keys(), period.start, period.end)
    per_row: dict[int, dict[str, int]] = {}
    total: dict[str, int] = {}
    for unit_id, values in counts.items():
        target = per_row.setdefault(mapping[unit_id], {})
        for key, n in values.items():
            target[key] = target.get(key, 0) + n
            total[key] = total.get(key, 0) + n

    def table_row(u: Unit, values: dict[str, int]) -> TableRow:
        ev = _event_values(definition.columns, values)
        return TableRow(
            key=u.code,
            name=u.name,
            unit_code=u.code,
            officer_code=None,
            values=[evaluate(c["expr"], ev) for c in definition.columns],
            raw=ev,
        )

    rows = [
        table_row(by_id[uid], v)
        for uid, v in sorted(per_row.items(), key=lambda i: by_id[i[0]].tree_order)
    ]
    total_row = table_row(unit, total)
    sums_ok = all(
        sum(r.values[i] for r in rows) == total_row.values[i]
        for i in range(len(definition.columns))
    )
    return FormTable(
        definition=definition,
        unit=unit,
        period=period,
        rows=rows,
        total=total_row,
        checks=[Check("Cộng các dòng đơn vị bằng tổng", sums_ok)],
    )


def _build_source_form(
    definition: FormDefinition, unit: Unit, period: Period, source: FormSource
) -> FormTable:
    """A form whose buckets another app counts (`common.form_sources`: forms 6, 8, 9, 10, 12): rows
    per unit below the report unit, as for forms 1–2, with the source's identities derived."""
    units = list(
        Unit.objects.only("id", "code", "name", "parent_id", "successor_id", "path", "tree_order")
    )
    by_id = {u.pk: u for u in units}
    mapping = row_unit_map(unit, units)
    counts = source.counts(list(mapping.keys()), period.start, period.end)
    per_row: dict[int, dict[str, int]] = {}
    total: dict[str, int] = {}
    for unit_id, values in counts.items():
        target = per_row.setdefault(mapping[unit_id], {})
        for key, n in values.items():
            target[key] = target.get(key, 0) + n
            total[key] = total.get(key, 0) + n

    def table_row(u: Unit, base: dict[str, int]) -> TableRow:
        values = source.derive(base)
        return TableRow(
            key=u.code,
            name=u.name,
            unit_code=u.code,
            officer_code=None,
            values=[evaluate(c["expr"], values) for c in definition.columns],
            raw=values,
        )

    rows = [
        table_row(by_id[uid], v)
        for uid, v in sorted(per_row.items(), key=lambda i: by_id[i[0]].tree_order)
        if uid != unit.pk
    ]
    own = per_row.get(unit.pk)
    if own:  # the report unit's own records (a province's own monitoring) come first
        rows.insert(0, table_row(unit, own))
    total_row = table_row(unit, total)
    sums_ok = all(
        not isinstance(total_row.values[i], int)
        or sum(r.values[i] for r in rows) == total_row.values[i]
        for i in range(len(definition.columns))
    )
    return FormTable(
        definition=definition,
        unit=unit,
        period=period,
        rows=rows,
        total=total_row,
        checks=[Check("Cộng các dòng đơn vị bằng tổng", sums_ok)],
    )
