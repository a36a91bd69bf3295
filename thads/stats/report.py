"""Reports: the engine's groups rolled up to rows (units below the report unit, or officers)."""

from __future__ import annotations

from dataclasses import dataclass, field

from thads.common.periods import Period
from thads.common.request_memo import memoised
from thads.org.access import scope_unit_ids
from thads.org.models import Staff, Unit
from thads.stats.buckets import (
    BASE_KEYS,
    MONEY_BASE_KEYS,
    Check,
    case_rate,
    identity_checks,
    money_rate,
)
from thads.stats.engine import Buckets, GroupRow, add_into, compute_groups, zero_cases, zero_money


@dataclass
class ReportRow:
    key: str  # unit code, or "<unit code>/<staff code>"
    name: str
    unit_code: str
    buckets: Buckets
    officer_code: str | None = None

    @property
    def case_rate(self):
        return case_rate(self.buckets.cases)

    @property
    def money_rate(self):
        return money_rate(self.buckets.money)


@dataclass
class Report:
    unit: Unit
    period: Period
    by: str
    rows: list[ReportRow]
    total: ReportRow
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)


def row_unit_map(report_unit: Unit, units: list[Unit]) -> dict[int, int]:
    """Map every unit of the report's scope to the row that shows it.

    The report unit and its predecessors → the report unit's own row; any other unit → the
    unit directly below the report unit that contains it, followed through successors so that a
    Chi cục closed on 30/06/2025 is counted in the Phòng THADS khu vực that continues it.
    """
    by_id = {u.pk: u for u in units}
    scope = scope_unit_ids(report_unit, units)
    identity = {report_unit.pk}
    changed = True
    while changed:  # predecessors of the report unit, transitively
        changed = False
        for u in units:
            if u.successor_id in identity and u.pk not in identity:
                identity.add(u.pk)
                changed = True
    mapping: dict[int, int] = {}
    for unit_id in scope:
        node = by_id[unit_id]
        if node.pk in identity:
            mapping[unit_id] = report_unit.pk
            continue
        while node.parent_id not in identity and node.parent_id is not None:
            node = by_id[node.parent_id]
        seen = set()
        while node.successor_id and node.successor_id in scope and node.pk not in seen:
            seen.add(node.pk)
            node = by_id[node.successor_id]
        mapping[unit_id] = report_unit.pk if node.pk in identity else node.pk
    return mapping


class UnitNode:
    """The columns of a unit the reports need (cheaper than a `Unit` instance)."""

    __slots__ = (
        "pk",
        "code",
        "name",
        "parent_id",
        "successor_id",
        "path",
        "tree_order",
        "level",
        "valid_from",
        "valid_to",
    )

    def __init__(self, *values) -> None:
        for name, value in zip(self.__slots__, values, strict=True):
            setattr(self, name, value)

    @property
    def id(self) -> int:
        return self.pk


def unit_nodes() -> list[UnitNode]:
    """Every unit as a `UnitNode` (one query, tuples only; once per page: `request_memo`)."""
    return memoised(
        "stats.unit_nodes",
        lambda: [UnitNode(*values) for values in Unit.objects.values_list(*UNIT_COLUMNS)],
    )


UNIT_COLUMNS = ("id", *UnitNode.__slots__[1:])


def build_report(
    report_unit: Unit,
    period: Period,
    *,
    by: str = "unit",
    filters: dict | None = None,
    refresh: bool = True,
) -> Report:
    """Forms 1–2 (by unit) or 4–5 (by officer) for `report_unit`'s subtree over `period`."""
    units = unit_nodes()
    by_id = {u.pk: u for u in units}
    mapping = row_unit_map(report_unit, units)
    groups = compute_groups(
        mapping.keys(),
        period.start,
        period.end,
        by_officer=(by == "officer"),
        filters=filters,
        refresh=refresh,
    )
    # Roll the groups up as flat vectors (case buckets, then money buckets).
    n_cases = len(BASE_KEYS)
    width = n_cases + len(MONEY_BASE_KEYS)
    rows: dict[tuple[int, int | None], list[int]] = {}
    total = [0] * width
    for g in groups:
        key = (mapping[g.unit_id], g.officer_id if by == "officer" else None)
        vector = [g.cases[k] for k in BASE_KEYS] + [g.money[k] for k in MONEY_BASE_KEYS]
        acc = rows.get(key)
        rows[key] = vector if acc is None else [a + b for a, b in zip(acc, vector, strict=True)]
        total = [a + b for a, b in zip(total, vector, strict=True)]
    if by == "unit":
        # Every unit shown in the period has a row, even with no case.
        for unit in units:
            if (
                unit.parent_id == report_unit.pk
                and unit.valid_from <= period.end
                and (unit.valid_to is None or unit.valid_to >= period.start)
                and mapping.get(unit.pk) == unit.pk
            ):
                rows.setdefault((unit.pk, None), [0] * width)

    def buckets(vector: list[int]) -> Buckets:
        return Buckets.from_base(
            dict(zip(BASE_KEYS, vector[:n_cases], strict=True)),
            dict(zip(MONEY_BASE_KEYS, vector[n_cases:], strict=True)),
        )

    staff = {}
    if by == "officer":
        officer_ids = {k[1] for k in rows if k[1]}
        staff = {s.pk: s for s in Staff.objects.filter(pk__in=officer_ids)}
    report_rows = []
    for (unit_id, officer_id), vector in sorted(
        rows.items(),
        key=lambda item: (
            # The report unit's own row first, then the units in the tree's order (siblings
            # by code), never by the id path as text ("/1/96/100/" before "/1/96/97/").
            by_id[item[0][0]].tree_order if item[0][0] != report_unit.pk else "",
            staff[item[0][1]].full_name if item[0][1] in staff else "~",
        ),
    ):
        unit = by_id[unit_id]
        if by == "officer":
            person = staff.get(officer_id)
            name = person.full_name if person else "Chưa phân công Chấp hành viên"
            code = f"{unit.code}/{person.code if person else '-'}"
        else:
            person, name, code = None, unit.name, unit.code
        report_rows.append(
            ReportRow(
                key=code,
                name=name,
                unit_code=unit.code,
                buckets=buckets(vector),
                officer_code=person.code if person else None,
            )
        )
    total_row = ReportRow(
        key=report_unit.code,
        name=report_unit.name,
        unit_code=report_unit.code,
        buckets=buckets(total),
    )
    report = Report(unit=report_unit, period=period, by=by, rows=report_rows, total=total_row)
    report.checks = identity_checks(total_row.buckets.cases, total_row.buckets.money) + _row_checks(
        report
    )
    return report


def _row_checks(report: Report) -> list[Check]:
    sums_c, sums_m = zero_cases(), zero_money()
    for row in report.rows:
        add_into(sums_c, {k: row.buckets.cases[k] for k in sums_c})
        add_into(sums_m, {k: row.buckets.money[k] for k in sums_m})
    ok = all(sums_c[k] == report.total.buckets.cases[k] for k in sums_c) and all(
        sums_m[k] == report.total.buckets.money[k] for k in sums_m
    )
    label = (
        "Cộng các dòng Chấp hành viên bằng tổng"
        if report.by == "officer"
        else ("Cộng các dòng đơn vị bằng tổng")
    )
    return [Check(label, ok)]


__all__ = [
    "GroupRow",
    "Report",
    "ReportRow",
    "UnitNode",
    "build_report",
    "row_unit_map",
    "unit_nodes",
]
