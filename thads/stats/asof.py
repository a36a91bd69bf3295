"""Grouped bucket queries, and reports at a cut-off that is not a month end read from the
month-end totals plus a correction.

`engine.compute_groups` runs one of three statements, all selecting the same columns
(`g_unit`, `g_officer`, `g_dim`, `c_<bucket>`, `m_<bucket>`):

- `raw_sql`: the bucket expressions of `stats.sql` over every case in scope (facts ⋈ interval
  at T ⟕ interval at S − 1);
- `totals_sql`: the materialised totals of a month-end period (`stats.aggregates`);
- `corrected_sql`, for a cut-off T with no totals of its own: the rows of the totals of (S, M),
  M the last month end before T, followed by correction rows (`correction_sql`): for the cases
  whose contribution can differ between M and T, (contribution at T) − (contribution at M), the
  same bucket expressions evaluated on the interval at T and on the interval at M, in one pass
  over those cases. The engine sums the rows of each group (one statement: one snapshot).

Why the correction is exact. A bucket expression depends on the cut-off only through the
interval in force at T (`t`) and the scope condition `accepted_on <= T`; every other term reads
S, S − 1 or the case's facts, which do not depend on the cut-off (`t_free` checks it on the
statement itself: a term with a direct use of T — "older than a year at T", an overdue flag —
would change a case's bucket between M and T without a new interval, so the raw query runs
instead). A case's intervals (`facts.intervals_for`) are consecutive, the first starting on its
acceptance day and the last open, so the interval in force changes between M and T, or the case
enters the scope, exactly when one of its intervals starts in (M, T]. Every other case
contributes the same at M and at T, in the same group (groups are the case's facts). Hence
  raw(S, T) = totals(S, M) + Σ over those cases [raw_T(case) − raw_M(case)],
group by group, where raw_M(case) is 0 for a case accepted after M (out of scope at M; a case in
scope at M is in scope at T, the condition on the closing day does not depend on the cut-off);
a group exists when it has a case in scope, i.e. when its count of cases (chuyen_sang +
thu_ly_moi, one per case) is positive — the `HAVING` of the totals too.
"""

from __future__ import annotations

import datetime as dt
import re

from thads.common.replica import report_connection
from thads.stats.aggregates import ROLLUP_KIND
from thads.stats.sql import FROM_WHERE, bucket_columns

GROUP_NAMES = ("g_unit", "g_officer", "g_dim")
# The only uses of the cut-off T the correction accounts for (`stats.sql.FROM_WHERE`): the
# interval in force at T and the scope condition on the acceptance day.
T_TERMS = (
    "t.start_on <= %(T)s AND (t.end_on IS NULL OR t.end_on > %(T)s)",
    "f.accepted_on <= %(T)s",
)
# The join of the interval in force at T (`stats.sql.FROM_WHERE`), and beside it the interval in
# force at M (none for a case accepted after M).
T_JOIN = (
    "JOIN stats_stateinterval t\n"
    "  ON t.case_id = f.case_id AND t.start_on <= %(T)s AND (t.end_on IS NULL OR t.end_on > %(T)s)"
)
M_JOIN = (
    "\nLEFT JOIN stats_stateinterval m\n"
    "  ON m.case_id = f.case_id AND m.start_on <= %(M)s AND (m.end_on IS NULL OR m.end_on > %(M)s)"
)
INTERVAL_AT_T = re.compile(r"\bt\.")
# The cases whose contribution can differ between M and T: their interval in force at T started
# in (M, T] (a change of state or of the money collected or reduced since M; the first interval
# of a case accepted in (M, T]). Read from the index on the intervals' first day.
CHANGED = " AND t.start_on > %(M)s"
# A group is shown when it has a case in scope: every case counts 1 in chuyen_sang or thu_ly_moi.
HAVING_CASES = "HAVING SUM({p}c_chuyen_sang) + SUM({p}c_thu_ly_moi) > 0"


def column_names() -> list[str]:
    """c_<bucket> and m_<bucket>, in the order every grouped statement selects them."""
    case_cols, money_cols = bucket_columns()
    return [c.rsplit(" AS ", 1)[1] for c in case_cols + money_cols]


def _select_groups(group: list[str]) -> list[str]:
    return [f"{g} AS {n}" for g, n in zip(group, GROUP_NAMES, strict=True)]


def _group_by(group: list[str]) -> str:
    return ", ".join(g for g in group if g != "NULL")


def raw_sql(group: list[str], units_sql: str, filter_sql: str, *, sign: int = 1) -> str:
    """The bucket sums over the facts at the cut-off %(T)s, grouped (`sign` −1: negated)."""
    case_cols, money_cols = bucket_columns()
    columns = case_cols + money_cols if sign == 1 else [f"-{c}" for c in case_cols + money_cols]
    select = ", ".join(_select_groups(group) + columns)
    where = FROM_WHERE.format(units=units_sql, filters=filter_sql)
    return f"SELECT {select} {where} GROUP BY {_group_by(group)}"  # noqa: S608


def totals_sql(
    group: list[str], units_sql: str, filter_sql: str, *, rollup: bool, having: bool = True
) -> str:
    """The materialised totals of period %(period)s, grouped like `raw_sql`.

    `rollup`: read the per-unit rows (kind "*"; no officer, dimension or filter), else the
    group rows. `having`: leave out groups whose cases all left (delta rows summing to zero).
    """
    group = [g.replace("f.", "a.") for g in group]
    sums = [f"SUM(a.{n}) AS {n}" for n in column_names()]
    grain = f"a.kind {'=' if rollup else '<>'} '{ROLLUP_KIND}'"
    sql = (
        f"SELECT {', '.join(_select_groups(group) + sums)} "  # noqa: S608
        f"FROM stats_bucketaggregate a "
        f"WHERE a.period_id = %(period)s AND {grain} AND a.unit_id IN ({units_sql}) "
        f"{filter_sql.replace('f.', 'a.')} GROUP BY {_group_by(group)}"
    )
    return f"{sql} {HAVING_CASES.format(p='a.')}" if having else sql


def t_free(sql: str) -> bool:
    """True when the statement uses the cut-off %(T)s only through `T_TERMS`."""
    for term in T_TERMS:
        sql = sql.replace(term, "")
    return "%(T)s" not in sql


def correction_sql(group: list[str], units_sql: str, filter_sql: str) -> str | None:
    """Per group, Σ over the changed cases of (buckets at T − buckets at M), in one pass over
    those cases (the interval at M joined beside the one at T); parameters: those of `raw_sql`
    plus %(M)s. None when a bucket uses T otherwise than through `T_TERMS` (the raw query must
    run)."""
    if not t_free(raw_sql(group, units_sql, filter_sql)) or T_JOIN not in FROM_WHERE:
        return None
    case_cols, money_cols = bucket_columns()
    deltas = []
    for column in case_cols + money_cols:
        expr, name = column.rsplit(" AS ", 1)
        at_t = expr.removeprefix("SUM(").removesuffix(")")
        # At M: the interval in force at M; a case accepted after M was not in scope (0).
        at_m = INTERVAL_AT_T.sub("m.", at_t)
        deltas.append(
            f"SUM(({at_t}) - CASE WHEN f.accepted_on <= %(M)s THEN ({at_m}) ELSE 0 END) AS {name}"
        )
    where = FROM_WHERE.format(units=units_sql, filters=filter_sql + CHANGED)
    select = ", ".join(_select_groups(group) + deltas)
    return (
        f"SELECT {select} {where.replace(T_JOIN, T_JOIN + M_JOIN)} "  # noqa: S608
        f"GROUP BY {_group_by(group)}"
    )


def corrected_sql(group: list[str], units_sql: str, filter_sql: str, *, rollup: bool) -> str | None:
    """The rows of totals(S, M) (%(period)s) followed by the correction rows of the changed
    cases: summed per group (`engine.compute_groups`), they are the buckets at T. None when the
    raw query must run (`correction_sql`)."""
    correction = correction_sql(group, units_sql, filter_sql)
    if correction is None:
        return None
    base = totals_sql(group, units_sql, filter_sql, rollup=rollup, having=False)
    return f"{base} UNION ALL {correction}"


def month_end_before(day: dt.date) -> dt.date:
    """The last month end strictly before `day` (the day before when `day` is the 1st)."""
    return day.replace(day=1) - dt.timedelta(days=1)


def base_period(start: dt.date, end: dt.date) -> tuple[int, dt.date] | None:
    """(period id, M) of the materialised totals (start, M), M the last month end before
    `end`; None when M is before `start` or those totals are not stored (they are not filled
    here: filling a national month takes longer than the raw query it would save).

    Read on the connection that reads the totals, so a replica never sees a period without
    its rows (a period and its rows are written in one transaction).
    """
    m = month_end_before(end)
    if m < start:
        return None
    with report_connection().cursor() as cursor:
        cursor.execute(
            "SELECT id FROM stats_aggregateperiod WHERE start_on = %s AND end_on = %s", [start, m]
        )
        row = cursor.fetchone()
    return (row[0], m) if row else None
