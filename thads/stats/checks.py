"""Checks a monthly report must pass before it is submitted (statistics.md, "Checks").

Besides the identities of `report.checks` (buckets.identity_checks, rows sum to the total):

* carried over: `chuyen_sang` of year N = `chuyen_ky_sau` of year N−1 at month 12 (cases, money);
* cumulative flows (`thu_ly_moi`, `xong`, `dinh_chi` cases, `xong` money) never fall from month
  k−1 to month k, unless a correction explains it (then it is shown as a correction);
* cases and money agree case by case: every case in exactly one state bucket, its money in
  balance, and the case's summary cache equal to its replayed events (the facts);
* officer rows sum to their unit.

A failing check names the cases behind it, so the user can open each one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from thads.cases.models import Case, CaseEvent, EventType
from thads.common.money import format_vnd, group_thousands
from thads.common.periods import Period, calendar_month, month_period
from thads.org.models import Unit
from thads.stats.buckets import BASE_KEYS, MONEY_BASE_KEYS, STATE_BUCKETS
from thads.stats.models import ReportSnapshot, ReportSubmission
from thads.stats.report import Report, build_report
from thads.stats.snapshots import (
    _scope,
    case_buckets,
    frozen_case_buckets,
)
from thads.stats.sql import FROM_WHERE, contribution_columns, sql_params


# Cumulative flow columns: (measure, key, label).
def _show(measure: str, value: int) -> str:
    """A count grouped (1.234), money in đồng (1.234.567 đ): never a bare 1234567."""
    return format_vnd(value) if measure == "money" else group_thousands(value)


FLOWS = (
    ("cases", "thu_ly_moi", "thụ lý mới (việc)"),
    ("cases", "xong", "thi hành xong (việc)"),
    ("cases", "dinh_chi", "đình chỉ (việc)"),
    ("money", "xong", "thi hành xong (tiền)"),
)
MAX_LISTED = 200


@dataclass
class CaseNote:
    case_id: int
    code: str
    note: str


@dataclass
class ReportCheck:
    rule: str
    ok: bool
    detail: str = ""
    correction: bool = False  # passed only because a recorded correction explains it
    cases: list[CaseNote] = field(default_factory=list)


@dataclass
class CheckRun:
    report: Report
    checks: list[ReportCheck]
    by_officer: Report | None = None

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def failures(self) -> list[ReportCheck]:
        return [c for c in self.checks if not c.ok]


def _notes(items: Iterable[tuple[int, str]]) -> list[CaseNote]:
    items = list(items)[:MAX_LISTED]
    codes = dict(Case.objects.filter(pk__in=[i for i, _n in items]).values_list("pk", "code"))
    return [CaseNote(i, codes.get(i, str(i)), note) for i, note in items]


def _total(report: Report, measure: str, key: str) -> int:
    source = report.total.buckets.cases if measure == "cases" else report.total.buckets.money
    return source[key]


# ---- identities already computed by the report ------------------------------------------


def identity_checks(report: Report) -> list[ReportCheck]:
    return [ReportCheck(c.rule, c.ok, c.detail) for c in report.checks]


# ---- carried over from the previous year ------------------------------------------------


CARRY_TERMS = ("dang_thi_hanh", "hoan_thoa_thuan", "hoan_khac", "tam_dinh_chi", "chua_co_dieu_kien")


def carry_over_check(unit: Unit, period: Period, report: Report) -> ReportCheck:
    """`chuyen_sang` of year N equals `chuyen_ky_sau` of year N−1 at month 12 (cases, money).

    Month 12 of year N−1 is taken as approved (its frozen snapshot) when it was approved, else
    as computed today. A difference explained by corrections recorded after 30/09 of year N−1
    is shown as a correction; any other difference fails and names its cases.
    """
    previous = month_period(period.year - 1, 12)
    snapshot = approved_snapshot(unit, previous.year, 12)
    if snapshot is not None:
        before = {
            "cases": snapshot.payloads["1"]["total"]["chuyen_ky_sau"],
            "money": snapshot.payloads["2"]["total"]["chuyen_ky_sau"],
        }
    else:
        prior = build_report(unit, previous, refresh=False)
        before = {m: _total(prior, m, "chuyen_ky_sau") for m in ("cases", "money")}
    pairs = [(m, _total(report, m, "chuyen_sang"), before[m]) for m in ("cases", "money")]
    # "tháng 12 năm 2026" read as December 2026 (a running month); the year's last month is
    # September: the rule names the report year and its last day.
    rule = _(
        "Năm trước chuyển sang bằng chuyển kỳ sau của năm báo cáo %(year)s (hết ngày %(end)s)"
    ) % {"year": previous.year, "end": f"{previous.end:%d/%m/%Y}"}
    detail = "; ".join(
        f"{'việc' if m == 'cases' else 'tiền'}: {_show(m, now)} / {_show(m, was)}"
        for m, now, was in pairs
    )
    if all(now == was for _m, now, was in pairs):
        return ReportCheck(rule, True, detail)
    mapping, _units = _scope(unit)
    now_cases = case_buckets(mapping.keys(), period, refresh=False)
    if snapshot is not None:
        before_cases = frozen_case_buckets(snapshot)
    else:
        before_cases = case_buckets(mapping.keys(), previous, refresh=False)
    differing: dict[int, str] = {}
    for case_id in sorted(set(now_cases) | set(before_cases)):
        now = now_cases.get(case_id)
        was = before_cases.get(case_id)
        n_c = now.value("cases", "chuyen_sang") if now else 0
        n_m = now.value("money", "chuyen_sang") if now else 0
        b_c = sum(was.value("cases", k) for k in CARRY_TERMS) if was else 0
        b_m = sum(was.value("money", k) for k in CARRY_TERMS) if was else 0
        if (n_c, n_m) != (b_c, b_m):
            differing[case_id] = _(
                "chuyển sang %(now)s việc, %(now_m)s đ; chuyển kỳ sau %(b)s việc, %(b_m)s đ"
            ) % {
                "now": group_thousands(n_c),
                "now_m": group_thousands(n_m),
                "b": group_thousands(b_c),
                "b_m": group_thousands(b_m),
            }
    return _explain(rule, detail, differing, _corrected_since(differing, previous.end))


def _explain(rule: str, detail: str, differing: dict[int, str], explained: set[int]) -> ReportCheck:
    """Pass as a correction when every differing case has a recorded correction."""
    unexplained = [c for c in differing if c not in explained]
    if differing and not unexplained:
        notes = _notes((c, _("đã sửa sai: ") + differing[c]) for c in sorted(differing))
        return ReportCheck(rule, True, detail, correction=True, cases=notes)
    notes = _notes(
        (c, _("thay đổi không có sửa sai được ghi nhận: ") + differing[c])
        for c in sorted(unexplained)
    )
    return ReportCheck(rule, False, detail, cases=notes)


# ---- cumulative flows never fall within a year ------------------------------------------


def approved_snapshot(unit: Unit, year: int, month: int) -> ReportSnapshot | None:
    return (
        ReportSnapshot.objects.filter(
            submission__unit=unit,
            submission__year=year,
            submission__month=month,
            submission__status=ReportSubmission.Status.APPROVED,
        )
        .select_related("submission")
        .first()
    )


def _corrected_since(case_ids: Iterable[int], since: dt.date) -> set[int]:
    """Cases with a correction (an event that `corrects` another, or a void) recorded after
    `since` — the day the previous month closed."""
    after = timezone.make_aware(dt.datetime.combine(since + dt.timedelta(days=1), dt.time.min))
    events = CaseEvent.objects.filter(case_id__in=list(case_ids), recorded_at__gte=after)
    corrected = events.filter(corrects__isnull=False) | events.filter(type=EventType.HUY_SU_KIEN)
    return set(corrected.values_list("case_id", flat=True))


def flow_checks(unit: Unit, period: Period, report: Report) -> list[ReportCheck]:
    """Month k's cumulative flows are at least month k−1's (its frozen numbers if approved).

    A fall is shown as a correction when each case behind it has a correction (an event that
    `corrects` another, or a `huy_su_kien`) recorded after month k−1 ended; otherwise it fails.
    """
    if not period.month or period.month == 1:
        return [
            ReportCheck(
                _("Số liệu lũy kế không giảm so với tháng trước"),
                True,
                _("Tháng đầu năm báo cáo: không có tháng trước để so sánh."),
            )
        ]
    previous = month_period(period.year, period.month - 1)
    snapshot = approved_snapshot(unit, period.year, period.month - 1)
    if snapshot is not None:
        totals = {
            "cases": snapshot.payloads["1"]["total"],
            "money": snapshot.payloads["2"]["total"],
        }
        before_totals = {(m, k): totals[m][k] for m, k, _l in FLOWS}
    else:
        prior = build_report(unit, previous, refresh=False)
        before_totals = {(m, k): _total(prior, m, k) for m, k, _l in FLOWS}
    falling = [
        (m, k, label) for m, k, label in FLOWS if _total(report, m, k) < before_totals[(m, k)]
    ]
    # The previous month by its calendar name: "tháng 1" read as January in a November report.
    cal_year, cal_month = calendar_month(period.year, period.month - 1)
    rule = _(
        "Số liệu lũy kế (thụ lý mới, xong, đình chỉ, tiền thu được) không giảm so với "
        "tháng %(m)s/%(y)s"
    ) % {"m": cal_month, "y": cal_year}
    if not falling:
        return [ReportCheck(rule, True)]
    mapping, _units = _scope(unit)
    now = case_buckets(mapping.keys(), period, refresh=False)
    if snapshot is not None:
        before = frozen_case_buckets(snapshot)
    else:
        before = case_buckets(mapping.keys(), previous, refresh=False)
    decreased: dict[int, list[str]] = {}
    for m, k, label in falling:
        for case_id in set(before) | set(now):
            b = before[case_id].value(m, k) if case_id in before else 0
            n = now[case_id].value(m, k) if case_id in now else 0
            if n < b:
                decreased.setdefault(case_id, []).append(f"{label}: {_show(m, b)} → {_show(m, n)}")
    details = "; ".join(
        f"{label}: {_show(m, before_totals[(m, k)])} → {_show(m, _total(report, m, k))}"
        for m, k, label in falling
    )
    differing = {c: ", ".join(notes) for c, notes in decreased.items()}
    return [_explain(rule, details, differing, _corrected_since(decreased, previous.end))]


# ---- cases and money agree case by case --------------------------------------------------


def case_money_check(unit: Unit, period: Period) -> ReportCheck:
    """Every case in exactly one state bucket, its money balanced, its summary cache equal to
    its replayed events (the facts rebuilt from `cases.state`)."""
    mapping, _units = _scope(unit)
    units_sql, filter_sql, params = sql_params(mapping.keys(), period.start, period.end, None)
    state_sum = " + ".join(contribution_columns(STATE_BUCKETS, "cases"))
    money = dict(zip(MONEY_BASE_KEYS, contribution_columns(MONEY_BASE_KEYS, "money"), strict=True))
    start_amount = f"{money['chuyen_sang']} + {money['thu_ly_moi']}"
    remainders = " + ".join(money[k] for k in STATE_BUCKETS if k != "xong")
    ending = f"{money['xong']} + {money['giam']} + {remainders}"
    case_table = Case._meta.db_table
    base = FROM_WHERE.format(units=units_sql, filters=filter_sql)
    joins = (
        f"JOIN {case_table} c ON c.id = f.case_id\n"
        "LEFT JOIN stats_stateinterval l ON l.case_id = f.case_id AND l.end_on IS NULL\n"
        "WHERE"
    )
    assert base.count("WHERE") == 1
    base = base.replace("WHERE", joins)
    sql = (
        f"SELECT f.case_id, ({state_sum}) AS n_states, ({start_amount}) - ({ending}) AS gap, "
        "CASE WHEN l.state IS NULL OR c.state <> l.state OR c.collected <> l.collected_cum "
        "OR c.reduced <> l.reduced_cum THEN 1 ELSE 0 END AS stale "
        f"{base}"
    )
    sql = f"SELECT case_id, n_states, gap, stale FROM ({sql}) x "  # noqa: S608
    sql += "WHERE n_states <> 1 OR gap <> 0 OR stale = 1 ORDER BY case_id"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)  # only validated bucket keys are interpolated
        rows = cursor.fetchall()
    culprits = []
    for case_id, n_states, gap, stale in rows:
        notes = []
        if n_states != 1:
            notes.append(_("ở %(n)s trạng thái") % {"n": n_states})
        if gap:
            notes.append(_("tiền lệch %(gap)s") % {"gap": format_vnd(gap)})
        if stale:
            notes.append(_("số liệu tổng hợp của việc khác diễn biến đã ghi"))
        culprits.append((case_id, "; ".join(notes)))
    return ReportCheck(
        _("Việc và tiền khớp nhau theo từng việc (mỗi việc tính đúng một lần)"),
        not culprits,
        _("%(n)s việc không khớp") % {"n": len(culprits)} if culprits else "",
        cases=_notes(culprits),
    )


# ---- officer rows sum to their unit -------------------------------------------------------


def officer_rows_check(by_unit: Report, by_officer: Report) -> ReportCheck:
    """The officer rows of forms 4–5 add up to each unit row of forms 1–2."""
    sums: dict[str, tuple[dict, dict]] = {}
    for row in by_officer.rows:
        cases, money = sums.setdefault(row.unit_code, ({}, {}))
        for k in BASE_KEYS:
            cases[k] = cases.get(k, 0) + row.buckets.cases[k]
        for k in MONEY_BASE_KEYS:
            money[k] = money.get(k, 0) + row.buckets.money[k]
    bad = []
    for row in by_unit.rows:
        cases, money = sums.get(row.unit_code, ({}, {}))
        if any(cases.get(k, 0) != row.buckets.cases[k] for k in BASE_KEYS) or any(
            money.get(k, 0) != row.buckets.money[k] for k in MONEY_BASE_KEYS
        ):
            bad.append(row.unit_code)
    extra = set(sums) - {r.unit_code for r in by_unit.rows}
    bad += sorted(extra)
    names = {r.unit_code: r.name for r in by_unit.rows}
    return ReportCheck(
        _("Cộng các dòng Chấp hành viên bằng dòng đơn vị"),
        not bad,
        _("Đơn vị lệch: %(units)s") % {"units": ", ".join(names.get(c, c) for c in bad)}
        if bad
        else "",
    )


# ---- all of them ---------------------------------------------------------------------------


def run_checks(unit: Unit, period: Period) -> CheckRun:
    """Every check of the unit's report for `period` (the report itself is built here)."""
    report = build_report(unit, period)
    by_officer = build_report(unit, period, by="officer", refresh=False)
    checks = identity_checks(report)
    checks.append(officer_rows_check(report, by_officer))
    checks.append(case_money_check(unit, period))
    checks.append(carry_over_check(unit, period, report))
    checks += flow_checks(unit, period, report)
    return CheckRun(report=report, checks=checks, by_officer=by_officer)
