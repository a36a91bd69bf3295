"""The leaders' cockpit: each unit below (or each officer) against its targets.

Every number comes from the statistics engine (`stats.report.build_report`, `stats.engine`)
and can be opened as its cases (`stats.drilldown`): nothing here counts cases itself.

Rules (statistics.md, "Rates and targets"):
* difference = rate − target in percentage points: "vượt 1,49%", "còn thiếu 0,85%", "đạt"
  when equal; a unit meets its target ("đạt") when rate ≥ target;
* met is None (unknown) when there is no target or no base (a rate with a zero base is "—");
* ranks: 1 = the highest rate; equal rates share a rank and the next rank is skipped
  (1, 2, 2, 4); rows without a rate have no rank;
* traffic light: green when met, amber when short by at most `TARGETS_AMBER_POINTS` points
  (settings, default 2), red otherwise, grey without a target or a base.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from thads.common.money import format_rate
from thads.common.periods import Period, as_of_period, month_end, month_period, year_end, year_start
from thads.org.access import scope_unit_ids
from thads.org.models import Unit, abbreviate
from thads.stats.buckets import case_rate, money_rate
from thads.stats.engine import totals_by_period
from thads.stats.facts import refresh_facts
from thads.stats.report import Report, ReportRow, build_report
from thads.targets.models import OfficerTarget, Target

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
MEASURES = ("cases", "money")


def amber_points() -> Decimal:
    return Decimal(str(getattr(settings, "TARGETS_AMBER_POINTS", 2)))


def difference(rate: Decimal | None, target: Decimal | None) -> Decimal | None:
    """rate − target in percentage points; None without a rate or a target."""
    if rate is None or target is None:
        return None
    return (rate - target).quantize(CENT)


def is_met(rate: Decimal | None, target: Decimal | None) -> bool | None:
    """ "Đạt" when rate ≥ target; None (unknown) without a base or a target."""
    if rate is None or target is None:
        return None
    return rate >= target


def diff_text(rate: Decimal | None, target: Decimal | None) -> str:
    """ "vượt 1,49%" / "còn thiếu 0,85%" / "đạt" (exactly on target) / "" when unknown."""
    diff = difference(rate, target)
    if diff is None:
        return ""
    if diff > 0:
        return _("vượt %(points)s") % {"points": format_rate(diff)}
    if diff < 0:
        return _("còn thiếu %(points)s") % {"points": format_rate(-diff)}
    return _("đạt")


def colour(rate: Decimal | None, target: Decimal | None, amber: Decimal | None = None) -> str:
    """Traffic light: "green" met, "amber" short by ≤ amber points, "red", or "none"."""
    diff = difference(rate, target)
    if diff is None:
        return "none"
    if diff >= 0:
        return "green"
    return "amber" if -diff <= (amber if amber is not None else amber_points()) else "red"


def ranks(values: list[Decimal | None]) -> list[int | None]:
    """Competition ranks, 1 = highest; ties share a rank (1, 2, 2, 4); None stays unranked."""
    ordered = sorted((v for v in values if v is not None), reverse=True)
    first = {}
    for index, value in enumerate(ordered, start=1):
        first.setdefault(value, index)
    return [first[v] if v is not None else None for v in values]


def project(
    current: Decimal | None,
    *,
    last_same: Decimal | None,
    last_end: Decimal | None,
    elapsed_days: int,
    year_days: int,
) -> Decimal | None:
    """The rate expected on 30/09 (end of the report year).

    Method: the year's shape is taken from the previous report year. If last year's rate at
    the same point of the year (`last_same`) and at 30/09 (`last_end`) are both known and
    `last_same` > 0, projected = current × last_end / last_same: the unit is expected to grow
    from now to the end of the year in the same proportion as it did last year (units speed up
    in the last months, the "bứt tốc" of August–September).
    Otherwise (a new unit, no case with conditions last year) the completions so far are
    extended at the same daily pace against the current base: projected =
    current × year_days / elapsed_days.
    Either way the result is clamped to 0–100 and rounded half up to two decimals; None when
    there is no current rate.
    """
    if current is None:
        return None
    if last_same is not None and last_end is not None and last_same > 0:
        value = current * last_end / last_same
    else:
        value = current * Decimal(year_days) / Decimal(max(elapsed_days, 1))
    value = min(max(value, Decimal(0)), HUNDRED)
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def needed(done: int, base: int, target: Decimal | None) -> int | None:
    """How many more cases (or đồng) must be completed to reach `target` on the current base.

    Completing a case with conditions moves it from "đang thi hành" to "xong" inside the same
    base (có điều kiện), so the base does not change. The rate shown is rounded half up to two
    decimals and "đạt" compares that rounded rate, so the answer is the smallest n with
    (done + n) / base × 100 ≥ target − 0,005, i.e. ceil((target − 0,005) × base / 100) − done,
    never negative. None without a base or a target.
    """
    if target is None or not base:
        return None
    required = math.ceil((Decimal(target) - Decimal("0.005")) * Decimal(base) / HUNDRED)
    return max(0, required - done)


@dataclass
class Side:
    """One measure (cases or money) of one cockpit row."""

    done: int  # xong + đình chỉ (+ giảm for money)
    base: int  # có điều kiện
    remaining: int  # có điều kiện still open: đang thi hành + hoãn theo thỏa thuận
    rate: Decimal | None
    target: Decimal | None
    projected: Decimal | None = None
    rank: int | None = None

    @property
    def diff(self) -> Decimal | None:
        return difference(self.rate, self.target)

    @property
    def diff_text(self) -> str:
        return diff_text(self.rate, self.target)

    @property
    def met(self) -> bool | None:
        return is_met(self.rate, self.target)

    @property
    def colour(self) -> str:
        return colour(self.rate, self.target)

    @property
    def needed(self) -> int | None:
        return needed(self.done, self.base, self.target)


@dataclass
class CockpitRow:
    key: str
    name: str
    unit_code: str
    officer_code: str | None
    cases: Side
    money: Side
    ranked: bool = True  # the "not assigned" officer row is shown but not ranked
    label: str = ""  # what rankings and charts print: the unit's short name, the officer's name

    def side(self, measure: str) -> Side:
        return self.cases if measure == "cases" else self.money


@dataclass
class TrendPoint:
    month: int
    end: dt.date
    case_rate: Decimal | None
    money_rate: Decimal | None


@dataclass
class Cockpit:
    unit: Unit
    period: Period
    by: str  # "unit" or "officer"
    rows: list[CockpitRow]
    total: CockpitRow
    last_period: Period
    trend_this: list[TrendPoint] = field(default_factory=list)
    trend_last: list[TrendPoint] = field(default_factory=list)

    @property
    def ranked(self) -> list[CockpitRow]:
        return [r for r in self.rows if r.ranked]

    def met_count(self, measure: str) -> int:
        return sum(1 for r in self.ranked if r.side(measure).met)

    def over_count(self, measure: str) -> int:
        """Rows strictly above the target."""
        return sum(1 for r in self.ranked if (r.side(measure).diff or 0) > 0)

    def targeted_count(self, measure: str) -> int:
        """Rows given a target for the measure (officers often have none: then "0/4 đạt" would
        read as four officers short of a target nobody set)."""
        return sum(1 for r in self.ranked if r.side(measure).target is not None)

    @property
    def case_targeted(self) -> int:
        return self.targeted_count("cases")

    @property
    def money_targeted(self) -> int:
        return self.targeted_count("money")

    @property
    def case_met(self) -> int:
        return self.met_count("cases")

    @property
    def money_met(self) -> int:
        return self.met_count("money")

    @property
    def count(self) -> int:
        return len(self.ranked)

    def low_rows(self, measure: str) -> list[CockpitRow]:
        """Rows with a low rate, lowest first: short of their own target, or, without a target,
        below the whole scope's rate (a row on or over either is not "low": with four officers
        and no target, all four were named, 84,50% among them)."""
        overall = self.total.side(measure).rate

        def low(r: CockpitRow) -> bool:
            side = r.side(measure)
            if side.rate is None or side.met is True:
                return False
            if side.met is False:
                return True
            return overall is not None and side.rate < overall

        return sorted(
            (r for r in self.ranked if low(r)),
            key=lambda r: (r.side(measure).met is not False, r.side(measure).rate, r.name),
        )

    def lowest(self, measure: str, n: int = 4) -> list[CockpitRow]:
        """The first `n` low rows (`low_rows`)."""
        return self.low_rows(measure)[:n]

    def sorted_rows(self, key: str = "", descending: bool = False) -> list[CockpitRow]:
        """Sort by "viec" / "tien" (rate) or "ten" (name); rows without a rate last."""
        if key in {"viec", "tien"}:
            measure = "cases" if key == "viec" else "money"
            with_rate = [r for r in self.rows if r.side(measure).rate is not None]
            without = [r for r in self.rows if r.side(measure).rate is None]
            with_rate.sort(key=lambda r: (r.side(measure).rate, r.name), reverse=descending)
            return with_rate + without
        if key == "ten":
            return sorted(self.rows, key=lambda r: r.name, reverse=descending)
        return list(self.rows)


def last_year_period(period: Period) -> Period:
    """The same point of the previous report year (month k, or the same day a year earlier)."""
    if period.month:
        return month_period(period.year - 1, period.month)
    end = period.end
    try:
        same = end.replace(year=end.year - 1)
    except ValueError:  # 29/02
        same = end.replace(year=end.year - 1, day=28)
    return as_of_period(period.year - 1, same)


def _sides(row: ReportRow, measure: str) -> tuple[int, int, int]:
    v = getattr(row.buckets, measure)
    done = v["xong"] + v["dinh_chi"] + (v["giam"] if measure == "money" else 0)
    return done, v["co_dieu_kien"], v["dang_thi_hanh"] + v["hoan_thoa_thuan"]


def _targets(unit: Unit, year: int, by: str, rows: list[ReportRow]):
    if by == "officer":
        found = {
            (t.unit.code, t.staff.code): t
            for t in OfficerTarget.objects.filter(unit=unit, year=year).select_related(
                "unit", "staff"
            )
        }
        per_row = {r.key: found.get((unit.code, r.officer_code)) for r in rows}
    else:
        codes = [r.unit_code for r in rows]
        found = {
            t.unit.code: t
            for t in Target.objects.filter(unit__code__in=codes, year=year).select_related("unit")
        }
        per_row = {r.key: found.get(r.unit_code) for r in rows}
    own = Target.objects.filter(unit=unit, year=year).first()
    return per_row, own


def _row(row: ReportRow, target, ranked: bool = True) -> CockpitRow:
    sides = {}
    for measure in MEASURES:
        done, base, remaining = _sides(row, measure)
        sides[measure] = Side(
            done=done,
            base=base,
            remaining=remaining,
            rate=row.case_rate if measure == "cases" else row.money_rate,
            target=getattr(target, "case_rate" if measure == "cases" else "money_rate", None),
        )
    return CockpitRow(
        key=row.key,
        name=row.name,
        unit_code=row.unit_code,
        officer_code=row.officer_code,
        cases=sides["cases"],
        money=sides["money"],
        ranked=ranked,
    )


def rows_by(unit: Unit) -> str:
    """A local unit's cockpit lists its officers; a province or the nation its units."""
    return "officer" if unit.level == Unit.Level.LOCAL else "unit"


def _label_rows(rows: list[CockpitRow], by: str, unit: Unit) -> None:
    """Units by their short name ("KV2", "TP. Sông Công"): long names all begin alike. The row of
    the cockpit's own unit (the cases it holds itself) says so."""
    if by != "unit":
        for row in rows:
            row.label = row.name
        return
    short = dict(
        Unit.objects.filter(code__in=[r.unit_code for r in rows]).values_list("code", "short_name")
    )
    for row in rows:
        row.label = short.get(row.unit_code) or abbreviate(row.name)
        if row.unit_code == unit.code:
            row.label = _("%(unit)s (trực tiếp thụ lý)") % {"unit": row.label}


def build_cockpit(unit: Unit, period: Period, *, trend: bool = True) -> Cockpit:
    """The cockpit of `unit` at the end of `period` (reports of this and last year)."""
    refresh_facts()
    by = rows_by(unit)
    report = build_report(unit, period, by=by, refresh=False)
    last_period = last_year_period(period)
    last = build_report(unit, last_period, by=by, refresh=False)
    last_full = build_report(unit, month_period(period.year - 1, 12), by=by, refresh=False)
    per_row, own = _targets(unit, period.year, by, report.rows)
    rows = [
        _row(r, per_row.get(r.key), ranked=(by == "unit" or r.officer_code is not None))
        for r in report.rows
    ]
    total = _row(report.total, own)
    _label_rows(rows, by, unit)
    total.label = total.name
    _project(rows, total, report, last, last_full, period)
    for measure in MEASURES:
        ranked = [r for r in rows if r.ranked]
        for r, rank in zip(ranked, ranks([r.side(measure).rate for r in ranked]), strict=True):
            r.side(measure).rank = rank
    cockpit = Cockpit(unit, period, by, rows, total, last_period)
    if trend:
        cockpit.trend_this, cockpit.trend_last = trends(unit, period)
    return cockpit


def _project(rows, total, report: Report, last: Report, last_full: Report, period: Period):
    start = year_start(period.year)
    elapsed = (period.end - start).days + 1
    year_days = (year_end(period.year) - start).days + 1
    same = {r.key: r for r in last.rows}
    end = {r.key: r for r in last_full.rows}
    pairs = [(row, same.get(row.key), end.get(row.key)) for row in rows]
    pairs.append((total, last.total, last_full.total))
    for row, then, full in pairs:
        for measure in MEASURES:
            attr = "case_rate" if measure == "cases" else "money_rate"
            row.side(measure).projected = project(
                row.side(measure).rate,
                last_same=getattr(then, attr, None),
                last_end=getattr(full, attr, None),
                elapsed_days=elapsed,
                year_days=year_days,
            )


def trends(unit: Unit, period: Period) -> tuple[list[TrendPoint], list[TrendPoint]]:
    """Cumulative case and money rates of `unit` month by month: this year up to the period's
    month (the period's own end for the last point), and the 12 months of last year.

    Totals only (`engine.totals_by_period`: the months with stored totals in one query over
    their per-unit rows, any other end set-based on its own), not the rows: the cockpit's chart
    needs no more.
    """
    scope = scope_unit_ids(unit)
    month = period.month or ((period.end.month - 10) % 12 + 1)
    this = [
        (k, month_end(period.year, k) if k < month else period.end) for k in range(1, month + 1)
    ]
    last = [(k, month_end(period.year - 1, k)) for k in range(1, 13)]
    totals = totals_by_period(
        scope,
        [(year_start(period.year), end) for _, end in this]
        + [(year_start(period.year - 1), end) for _, end in last],
    )

    def point(year: int, month: int, end: dt.date) -> TrendPoint:
        buckets = totals[(year_start(year), end)]
        return TrendPoint(month, end, case_rate(buckets.cases), money_rate(buckets.money))

    return (
        [point(period.year, k, end) for k, end in this],
        [point(period.year - 1, k, end) for k, end in last],
    )


def as_payload(cockpit: Cockpit) -> dict:
    """The `thads targets --format json` shape (rates as "83.99" strings, null when unknown)."""

    def text(value):
        return None if value is None else f"{value:.2f}"

    rows = []
    for r in cockpit.rows:
        if not r.ranked:
            continue
        rows.append(
            {
                "unit": r.key,
                "name": r.name,
                "case_rate": text(r.cases.rate),
                "case_target": text(r.cases.target),
                "case_diff": text(r.cases.diff),
                "case_met": r.cases.met,
                "money_rate": text(r.money.rate),
                "money_target": text(r.money.target),
                "money_diff": text(r.money.diff),
                "money_met": r.money.met,
                "case_rank": r.cases.rank,
                "money_rank": r.money.rank,
            }
        )
    # Ranking order, deterministic: by rank on cases (unranked last), ties by unit code — not
    # the report's tree order (a path of ids: "/1/96/100/" sorts before "/1/96/97/").
    rows.sort(key=lambda row: (row["case_rank"] is None, row["case_rank"] or 0, row["unit"]))
    return {
        "rows": rows,
        "summary": {
            "units": cockpit.count,
            "case_met": cockpit.case_met,
            "money_met": cockpit.money_met,
        },
    }


PAYLOAD_COLUMNS = [
    "unit",
    "name",
    "case_rate",
    "case_target",
    "case_diff",
    "case_met",
    "money_rate",
    "money_target",
    "money_diff",
    "money_met",
    "case_rank",
    "money_rank",
]
