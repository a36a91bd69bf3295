"""Drill-down: the cases behind any cell of any form, each with its contribution."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case as When_
from django.db.models import IntegerField, Q, Sum, Value, When

from thads.cases.models import Case, CaseEvent
from thads.common.form_sources import FormSource, SourceItem
from thads.common.periods import Period
from thads.org.models import Staff, Unit
from thads.stats.buckets import TERM, expand
from thads.stats.engine import case_contributions
from thads.stats.report import row_unit_map, unit_nodes


@dataclass
class DrillRow:
    case: Case
    value: int


@dataclass
class DrillPage:
    count: int
    rows: list[DrillRow]


def drill(
    report_unit: Unit,
    period: Period,
    expr: str,
    measure: str,
    *,
    row_unit: Unit | None = None,
    officer: Staff | None | bool = False,
    filters: dict | None = None,
    limit: int = 50,
    offset: int = 0,
    order: str = "amount",
) -> DrillPage:
    """Cases behind the cell (row, column) of a form; `row_unit` None = the total row.

    Ordered by case amount, largest first, then case id (`order="contribution"`: largest
    contribution first) — see `engine.case_contributions`."""
    mapping = row_unit_map(report_unit, unit_nodes())
    unit_ids = [u for u, row in mapping.items() if row_unit is None or row == row_unit.pk]
    officer_id = officer.pk if isinstance(officer, Staff) else officer
    count, contributions = case_contributions(
        unit_ids,
        period.start,
        period.end,
        expand(expr, measure),
        measure=measure,
        officer_id=officer_id,
        filters=filters,
        limit=limit,
        offset=offset,
        order=order,
    )
    cases = Case.objects.select_related("unit", "officer", "judgment").in_bulk(
        [c.case_id for c in contributions]
    )
    return DrillPage(count=count, rows=[DrillRow(cases[c.case_id], c.value) for c in contributions])


def drill_decisions(
    report_unit: Unit,
    period: Period,
    expr: str,
    *,
    row_unit: Unit | None = None,
    limit: int = 50,
    offset: int = 0,
) -> DrillPage:
    """Form 7: the cases whose decisions or acts in the period make a cell, with their number.

    `expr` is a sum of "events.<type>[.<measure>]" terms (stats.form_defaults.FORM_7_COLUMNS);
    each case's contribution is Σ sign × its matching events dated in the period (corrected or
    voided events do not count). One query; largest contributions first.
    """
    terms = []
    for sign_text, key in TERM.findall(expr):
        if not key.startswith("events."):
            raise ValueError(f"Chỉ tiêu không tồn tại: {key}")
        kind, _, measure = key.removeprefix("events.").partition(".")
        condition = Q(type=kind) & (Q(data__measure=measure) if measure else Q())
        terms.append((-1 if sign_text == "-" else 1, kind, condition))
    units = list(Unit.objects.only("id", "parent_id", "successor_id", "path", "level"))
    mapping = row_unit_map(report_unit, units)
    unit_ids = [u for u, row in mapping.items() if row_unit is None or row == row_unit.pk]
    value = sum(
        (
            When_(When(condition, then=Value(sign)), default=Value(0), output_field=IntegerField())
            for sign, _kind, condition in terms
        ),
        Value(0),
    )
    rows = (
        CaseEvent.objects.filter(
            case__unit_id__in=unit_ids,
            on__gte=period.start,
            on__lte=period.end,
            corrected_by__isnull=True,
            type__in={kind for _s, kind, _c in terms},
        )
        .values("case_id")
        .annotate(v=Sum(value))
        .exclude(v=0)
        .order_by("-v", "case_id")
    )
    count = rows.count()
    page = list(rows[offset : offset + limit])
    cases = Case.objects.select_related("unit", "officer", "judgment").in_bulk(
        [r["case_id"] for r in page]
    )
    return DrillPage(count=count, rows=[DrillRow(cases[r["case_id"]], r["v"]) for r in page])


@dataclass
class ItemPage:
    count: int
    rows: list[SourceItem]


def drill_source(
    report_unit: Unit,
    period: Period,
    expr: str,
    source: FormSource,
    *,
    row_unit: Unit | None = None,
    limit: int = 50,
    offset: int = 0,
) -> ItemPage:
    """Forms 6, 8, 9, 10, 12 (`common.form_sources`): the records behind a cell, each with its
    contribution (Σ sign × its value in each base bucket of the expression; a rate drills into
    its numerator). Largest contributions first, then by code."""
    units = list(Unit.objects.only("id", "parent_id", "successor_id", "path", "level"))
    mapping = row_unit_map(report_unit, units)
    unit_ids = [u for u, row in mapping.items() if row_unit is None or row == row_unit.pk]
    merged: dict[tuple[str, str], SourceItem] = {}
    for sign, key in source.expand(expr):
        for item in source.items(unit_ids, period.start, period.end, key):
            ident = (item.url, item.key)
            value = sign * item.value + (merged[ident].value if ident in merged else 0)
            merged[ident] = SourceItem(item.key, item.label, item.detail, item.url, value)
    rows = sorted((i for i in merged.values() if i.value), key=lambda i: (-i.value, i.key))
    return ItemPage(count=len(rows), rows=rows[offset : offset + limit])
