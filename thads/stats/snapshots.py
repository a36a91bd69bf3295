"""Frozen numbers of approved reports, and how today's numbers differ from them.

At approval (`stats.submission.report_approve`) the JSON payloads of forms 1, 2, 4 and 5
(`stats.exports.report_payload`, money in đồng) are stored, with each case's non-zero base
buckets so that every frozen number still drills down to its cases; forms 6, 8, 9, 10 and 12
(counted by oversight and complaints through `common.form_sources`) are stored with them as
`thads report` prints them. Later corrections dated in the period change the live report, never
the snapshot: the screen shows both side by side, for forms 1, 2, 4, 5 and for forms 6, 8, 9,
10, 12.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection

from thads.cases.models import Case
from thads.common.form_sources import form_source, form_sources
from thads.common.periods import Period
from thads.org.models import Unit
from thads.stats.buckets import BASE_KEYS, MONEY_BASE_KEYS, bucket_label
from thads.stats.exports import report_payload, table_payload
from thads.stats.facts import refresh_facts
from thads.stats.layout import FormNotFound, build_form
from thads.stats.models import FormDefinition, ReportSnapshot, ReportSubmission, SnapshotCase
from thads.stats.report import Report, build_report, row_unit_map
from thads.stats.sql import FROM_WHERE, contribution_columns, sql_params

# Forms frozen at approval: code → (rows by, measure).
FROZEN_FORMS = {"1": ("unit", "cases"), "2": ("unit", "money"), "4": ("officer", "cases")}
FROZEN_FORMS["5"] = ("officer", "money")


@dataclass(frozen=True)
class CaseBuckets:
    """One case's non-zero base buckets in a report (counts 0/1 and amounts in đồng)."""

    case_id: int
    unit_id: int
    officer_id: int | None
    cases: frozenset[str]
    money: tuple[tuple[str, int], ...]

    @property
    def money_dict(self) -> dict[str, int]:
        return dict(self.money)

    def value(self, measure: str, key: str) -> int:
        if measure == "cases":
            return 1 if key in self.cases else 0
        return self.money_dict.get(key, 0)


def case_buckets(
    unit_ids: Iterable[int], period: Period, *, refresh: bool = True
) -> dict[int, CaseBuckets]:
    """Every case of the report with its base buckets: one set-based query."""
    if refresh:
        refresh_facts()
    units_sql, filter_sql, params = sql_params(unit_ids, period.start, period.end, None)
    case_cols = contribution_columns(BASE_KEYS, "cases")
    money_cols = contribution_columns(MONEY_BASE_KEYS, "money")
    select = ", ".join(["f.case_id", "f.unit_id", "f.officer_id", *case_cols, *money_cols])
    sql = f"SELECT {select} {FROM_WHERE.format(units=units_sql, filters=filter_sql)}"
    result = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)  # only validated bucket keys are interpolated
        for raw in cursor.fetchall():
            case_id, unit_id, officer_id = raw[0], raw[1], raw[2]
            counts = raw[3 : 3 + len(BASE_KEYS)]
            amounts = raw[3 + len(BASE_KEYS) :]
            result[case_id] = CaseBuckets(
                case_id=case_id,
                unit_id=unit_id,
                officer_id=officer_id,
                cases=frozenset(k for k, v in zip(BASE_KEYS, counts, strict=True) if v),
                money=tuple(
                    (k, int(v)) for k, v in zip(MONEY_BASE_KEYS, amounts, strict=True) if v
                ),
            )
    return result


def _scope(report_unit: Unit) -> tuple[dict[int, int], list[Unit]]:
    units = list(Unit.objects.only("id", "parent_id", "successor_id", "path", "level"))
    return row_unit_map(report_unit, units), units


def live_case_buckets(report_unit: Unit, period: Period, *, refresh: bool = True):
    mapping, _units = _scope(report_unit)
    return case_buckets(mapping.keys(), period, refresh=refresh)


def build_reports(unit: Unit, period: Period) -> dict[str, Report]:
    """The unit and officer reports of forms 1–2 and 4–5."""
    by_unit = build_report(unit, period, by="unit")
    by_officer = build_report(unit, period, by="officer", refresh=False)
    return {"unit": by_unit, "officer": by_officer}


def payloads_of(reports: dict[str, Report]) -> dict[str, dict]:
    return {
        code: report_payload(reports[by], measure, code)
        for code, (by, measure) in FROZEN_FORMS.items()
    }


def source_payloads(unit: Unit, period: Period) -> dict[str, dict]:
    """Forms 6, 8, 9, 10, 12 (counted by another app, `common.form_sources`) as `thads report`
    prints them: frozen with forms 1–5 when the month is approved."""
    codes = (
        FormDefinition.objects.filter(measure__in=list(form_sources()))
        .values_list("code", flat=True)
        .distinct()
    )
    out = {}
    for code in sorted(set(codes), key=int):
        try:
            out[code] = table_payload(build_form(code, unit, period))
        except FormNotFound:
            continue
    return out


def snapshot_freeze(
    submission: ReportSubmission, period: Period, reports: dict[str, Report] | None = None
) -> ReportSnapshot:
    """Store the approved numbers and each case's contribution (called inside approval)."""
    unit = submission.unit
    reports = reports or build_reports(unit, period)
    snapshot = ReportSnapshot.objects.create(
        submission=submission,
        period_start=period.start,
        period_end=period.end,
        payloads={**payloads_of(reports), **source_payloads(unit, period)},
    )
    mapping, _units = _scope(unit)
    rows = [
        SnapshotCase(
            snapshot=snapshot,
            case_id=cb.case_id,
            row_unit_id=mapping.get(cb.unit_id, unit.pk),
            officer_id=cb.officer_id,
            cases=sorted(cb.cases),
            money=dict(cb.money),
        )
        for cb in case_buckets(mapping.keys(), period, refresh=False).values()
    ]
    SnapshotCase.objects.bulk_create(rows, batch_size=2000)
    return snapshot


def frozen_case_buckets(snapshot: ReportSnapshot) -> dict[int, CaseBuckets]:
    return {
        row.case_id: CaseBuckets(
            case_id=row.case_id,
            unit_id=row.row_unit_id,
            officer_id=row.officer_id,
            cases=frozenset(row.cases),
            money=tuple(sorted(row.money.items())),
        )
        for row in snapshot.cases.all()
    }


# ---- differences between the frozen and the live numbers --------------------------------


@dataclass
class CellDiff:
    form: str
    row: str  # unit code (or unit/officer code), "" for the total
    name: str
    key: str
    frozen: int | None
    live: int | None
    # Forms 6, 8, 9, 10, 12: the bucket's label from its source, and whether it is money (đồng).
    label: str = ""
    money: bool = False

    @property
    def delta(self) -> int:
        return (self.live or 0) - (self.frozen or 0)


@dataclass
class CaseChange:
    case: Case
    frozen: CaseBuckets | None
    live: CaseBuckets | None
    keys: list[str] = field(default_factory=list)  # "việc: xong", "tiền: xong"


@dataclass
class SnapshotDiff:
    cells: list[CellDiff]
    cases: list[CaseChange]

    @property
    def changed(self) -> bool:
        return bool(self.cells or self.cases)

    @property
    def source_cells(self) -> list[CellDiff]:
        """The changed cells of forms 6, 8, 9, 10 and 12 (their totals included)."""
        return [c for c in self.cells if c.form not in FROZEN_FORMS]

    def total_cells(self, form: str) -> dict[str, CellDiff]:
        return {c.key: c for c in self.cells if c.form == form and c.row == ""}


def _row_key(row: dict) -> str:
    return f"{row['unit']}/{row['officer'] or '-'}" if "officer" in row else row["unit"]


def _payload_diffs(form: str, frozen: dict, live: dict) -> list[CellDiff]:
    diffs = []
    pairs = [("", frozen["total"], live["total"])]
    frozen_rows = {_row_key(r): r for r in frozen["rows"]}
    live_rows = {_row_key(r): r for r in live["rows"]}
    for key in sorted(set(frozen_rows) | set(live_rows)):
        pairs.append((key, frozen_rows.get(key, {}), live_rows.get(key, {})))
    for row_key, f_row, l_row in pairs:
        name = (l_row or f_row).get("name", "")
        for key in l_row or f_row:
            if key in {"unit", "name", "officer"} or key.startswith("ty_le"):
                continue
            if f_row.get(key) != l_row.get(key):
                diffs.append(CellDiff(form, row_key, name, key, f_row.get(key), l_row.get(key)))
    return diffs


def _labelled(cells: list[CellDiff], code: str) -> list[CellDiff]:
    """Name the buckets of a form counted by another app (its source's labels and money keys)."""
    definition = FormDefinition.objects.filter(code=code).only("measure").first()
    source = form_source(definition.measure) if definition else None
    if source is None:
        return cells
    for cell in cells:
        cell.label = str(source.labels.get(cell.key, cell.key))
        cell.money = cell.key in source.money_keys
    return cells


def compare(submission: ReportSubmission, period: Period) -> SnapshotDiff | None:
    """Frozen versus live numbers of an approved report (forms 1, 2, 4, 5 and the forms 6, 10,
    12 frozen with them); None when there is no snapshot."""
    snapshot = ReportSnapshot.objects.filter(submission=submission).first()
    if snapshot is None:
        return None
    reports = build_reports(submission.unit, period)
    live = payloads_of(reports)
    cells = []
    for code in FROZEN_FORMS:
        if code in snapshot.payloads:
            cells += _payload_diffs(code, snapshot.payloads[code], live[code])
    frozen_sources = [code for code in snapshot.payloads if code not in FROZEN_FORMS]
    if frozen_sources:
        live_sources = source_payloads(submission.unit, period)
        for code in sorted(frozen_sources, key=int):
            if code in live_sources:
                diffs = _payload_diffs(code, snapshot.payloads[code], live_sources[code])
                cells += _labelled(diffs, code)
    return SnapshotDiff(cells=cells, cases=changed_cases(snapshot, submission.unit, period))


def changed_cases(snapshot: ReportSnapshot, unit: Unit, period: Period) -> list[CaseChange]:
    """The cases whose contribution differs between the snapshot and today's numbers."""
    frozen = frozen_case_buckets(snapshot)
    live = live_case_buckets(unit, period, refresh=False)
    found: list[tuple[int, list[str]]] = []
    for case_id in sorted(set(frozen) | set(live)):
        f, lv = frozen.get(case_id), live.get(case_id)
        keys = []
        for measure, label, all_keys in (
            ("cases", "việc", BASE_KEYS),
            ("money", "tiền", MONEY_BASE_KEYS),
        ):
            for key in all_keys:
                a = f.value(measure, key) if f else 0
                b = lv.value(measure, key) if lv else 0
                if a != b:
                    keys.append(f"{label}: {bucket_label(key).lower()}")
        if keys:
            found.append((case_id, keys))
    by_id = Case.objects.in_bulk([case_id for case_id, _k in found])
    return [
        CaseChange(case=by_id[case_id], frozen=frozen.get(case_id), live=live.get(case_id), keys=k)
        for case_id, k in found
    ]
