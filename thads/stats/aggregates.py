"""Month-end bucket totals kept fresh by deltas, so national reports do not scan a million cases.

A materialised period (`AggregatePeriod`, a pair S, T) holds, per group (holding unit, officer,
kind, mode, flags), the SUM of every base bucket over the cases in scope — exactly what
`engine.compute_groups` computes from the facts. Rows are additive: `facts_rebuild` appends, for
the cases it rebuilds, minus their old contribution (before deleting the old facts) and plus
their new one, for every materialised period, in the same transaction (`apply_delta`). A report
over a materialised period sums those rows: a few hundred thousand rows at national scale
instead of ~1 million cases joined with their intervals. `compact` folds the delta rows.

Filling (`materialise_periods`): every bucket expression is evaluated once per case and period
in a derived table, its sums and counts read from it; the periods asked together (the import's
`freshness.after_load`: 14–15 month ends) are filled by one pass over the facts; a new month
next to a stored one is derived from it, correcting only the cases whose interval in force
changed in between.

Concurrency (PostgreSQL): rebuilds hold a shared advisory lock, materialisation an exclusive one,
so a period is filled from a snapshot that includes every committed rebuild and no rebuild
misses a period being filled.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import re
from collections.abc import Iterable, Iterator

from django.db import connection, transaction

from thads.common.replica import on_primary
from thads.common.request_memo import in_reading_request, memoised
from thads.stats.buckets import BASE_KEYS, counted_money_terms
from thads.stats.models import AggregatePeriod
from thads.stats.sql import MONEY_COLUMN_ORDER, bucket_expression

LOCK_KEY = 7_401_001  # pg advisory lock: rebuilds shared, materialisation exclusive
GROUP_COLUMNS = (
    "unit_id",
    "officer_id",
    "kind",
    "mode",
    "is_state_budget",
    "is_bank_credit",
    "is_corruption",
)


def _value_columns() -> list[tuple[str, str]]:
    """(name, one case's SQL value) of every base bucket, the period's dates taken from `p`."""
    values = [(f"c_{k}", bucket_expression(k, "cases")) for k in BASE_KEYS]
    values += [(f"m_{k}", bucket_expression(k, "money")) for k in MONEY_COLUMN_ORDER]
    return [(name, _period_dates(expr)) for name, expr in values]


def _row_columns() -> list[tuple[str, str]]:
    """(stored column, one case's value of it over the values of `_value_columns`).

    Each money bucket m_<key> has a count n_<key> of the cases whose money in it is not zero,
    and each mix of `buckets.COUNTED_MONEY` its own count n_<name>. The stored column is the
    SUM of the per-case value.
    """
    rows = []
    for name, _expr in _value_columns():
        rows.append((name, name))
        if name.startswith("m_"):
            rows.append(("n_" + name[2:], f"CASE WHEN {name} <> 0 THEN 1 ELSE 0 END"))
    for name, terms in counted_money_terms().items():
        value = " + ".join(f"({s}) * m_{k}" for s, k in terms)
        rows.append((f"n_{name}", f"CASE WHEN ({value}) <> 0 THEN 1 ELSE 0 END"))
    return rows


def stored_columns() -> list[str]:
    """The bucket columns of `BucketAggregate` (c_*, m_*, n_*)."""
    return [name for name, _value in _row_columns()]


def _period_dates(expr: str) -> str:
    return (
        expr.replace("%(S1)s", "p.prev_on")
        .replace("%(S)s", "p.start_on")
        .replace("%(T)s", "p.end_on")
    )


# Rows summed per unit only (officer NULL, kind/mode "*", flags false): what reports without
# officers, dimensions or filters read (`engine.compute_groups`), ~1 row per unit and period.
ROLLUP_KIND = "*"
ROLLUP_VALUES = ("unit_id", "NULL", "'*'", "'*'", "FALSE", "FALSE", "FALSE")


AGG_FROM = """
FROM stats_aggregateperiod p
JOIN stats_casefact f
  ON f.accepted_on <= p.end_on AND (f.closed_on IS NULL OR f.closed_on >= p.start_on)
JOIN stats_stateinterval t
  ON t.case_id = f.case_id AND t.start_on <= p.end_on AND (t.end_on IS NULL OR t.end_on > p.end_on)
LEFT JOIN stats_stateinterval s
  ON s.case_id = f.case_id AND s.start_on <= p.prev_on
  AND (s.end_on IS NULL OR s.end_on > p.prev_on) {interval_bounds}
"""


def _fence() -> str:
    """Keeps the per-case values a derived table of their own: PostgreSQL would otherwise pull
    the subquery up and evaluate every bucket expression again inside each aggregate using it
    (a money bucket is read by its sum, its count and up to three mixed counts)."""
    return "OFFSET 0" if connection.vendor == "postgresql" else "LIMIT -1 OFFSET 0"


def _date(day: dt.date) -> str:
    if not isinstance(day, dt.date):  # written into the SQL text: dates only
        raise TypeError(day)
    return f"'{day.isoformat()}'"  # a date in PostgreSQL, the stored text in SQLite


def _bounds(periods: list[tuple[dt.date, dt.date]]) -> tuple[str, str]:
    """Conditions implied by the join with these periods, written with dates — (on the facts and
    the interval at T, on the interval at S − 1): PostgreSQL then filters the facts and both
    intervals while scanning them (the ones in force at no period's end or start − 1 are ~3 in
    4 nationally) instead of joining every row with the periods."""
    ends = [end for _start, end in periods]
    starts = [start for start, _end in periods]
    prevs = [start - dt.timedelta(days=1) for start in starts]
    where = (
        f"f.accepted_on <= {_date(max(ends))} "
        f"AND (f.closed_on IS NULL OR f.closed_on >= {_date(min(starts))}) "
        f"AND t.start_on <= {_date(max(ends))} "
        f"AND (t.end_on IS NULL OR t.end_on > {_date(min(ends))})"
    )
    at_start = (
        f"AND s.start_on <= {_date(max(prevs))} "
        f"AND (s.end_on IS NULL OR s.end_on > {_date(min(prevs))})"
    )
    return where, at_start


def _case_values_sql(where: str, interval_bounds: str = "") -> str:
    """One row per (period, case in scope) matching `where`: its group and bucket values."""
    values = [f"{expr} AS {name}" for name, expr in _value_columns()]
    return (
        f"SELECT p.id AS period_id, {', '.join(f'f.{c}' for c in GROUP_COLUMNS)}, "
        f"{', '.join(values)} {AGG_FROM.format(interval_bounds=interval_bounds)} "
        f"WHERE {where} {_fence()}"
    )


@contextlib.contextmanager
def _scans_only(cursor) -> Iterator[None]:
    """A full pass reads most intervals: PostgreSQL underestimates the intervals in force at a
    day (it multiplies the selectivities of their first and last days) and walks the index of
    first days with a random heap read per row — 13 s of a 35 s national month. Sequential scans
    and hash joins for this statement only; the settings are put back for the transaction."""
    if connection.vendor != "postgresql":
        yield
        return
    names = ("enable_indexscan", "enable_bitmapscan")
    cursor.execute(
        "SELECT current_setting('enable_indexscan'), current_setting('enable_bitmapscan')"
    )
    before = cursor.fetchone()
    for name in names:
        cursor.execute(f"SET LOCAL {name} = off")
    yield  # on an error the transaction is rolled back, and the settings with it
    for name, value in zip(names, before, strict=True):
        cursor.execute(f"SELECT set_config('{name}', %s, true)", [value])


def _insert_sql(where: str, sign: int, *, rollup: bool = False, interval_bounds: str = "") -> str:
    """Sum the cases matching `where` (× sign) into rows of their periods: one pass over the
    facts whatever the number of periods `where` lets through, every bucket expression evaluated
    once per case and period."""
    rows = _row_columns()
    names = ["period_id", *GROUP_COLUMNS] + [n for n, _v in rows]
    groups = list(ROLLUP_VALUES) if rollup else list(GROUP_COLUMNS)
    values = ["period_id", *groups] + [f"({sign}) * SUM({v})" for _n, v in rows]
    group = ["period_id", "unit_id"] if rollup else ["period_id", *GROUP_COLUMNS]
    return (
        f"INSERT INTO stats_bucketaggregate ({', '.join(names)}) "  # noqa: S608
        f"SELECT {', '.join(values)} FROM ({_case_values_sql(where, interval_bounds)}) v "
        f"GROUP BY {', '.join(group)}"
    )


def _rollup_from_groups_sql(count: int) -> str:
    """The per-unit rows of `count` periods (ids as parameters) summed from their group rows
    (cheaper than the facts)."""
    names = stored_columns()
    marks = ", ".join(["%s"] * count)
    return (
        f"INSERT INTO stats_bucketaggregate (period_id, {', '.join(GROUP_COLUMNS)}, "  # noqa: S608
        f"{', '.join(names)}) SELECT period_id, {', '.join(ROLLUP_VALUES)}, "
        f"{', '.join(f'SUM({n})' for n in names)} FROM stats_bucketaggregate "
        f"WHERE period_id IN ({marks}) AND kind <> '{ROLLUP_KIND}' GROUP BY period_id, unit_id"
    )


def lock(shared: bool) -> None:
    if connection.vendor == "postgresql":
        fn = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {fn}(%s)", [LOCK_KEY])


def apply_delta(case_ids: list[int], sign: int) -> None:
    """Add (sign=1) or subtract (sign=−1) these cases' current facts in every materialised
    period. Called by `facts.facts_rebuild` inside its transaction."""
    if not case_ids or not AggregatePeriod.objects.exists():
        return
    placeholders = ", ".join(["%s"] * len(case_ids))
    with connection.cursor() as cursor:
        for rollup in (False, True):
            cursor.execute(
                _insert_sql(f"f.case_id IN ({placeholders})", sign, rollup=rollup), list(case_ids)
            )


def is_month_end_period(start: dt.date, end: dt.date) -> bool:
    """A monthly (cumulative) report period: from 01/10 to the last day of a month."""
    return (
        start.month == 10
        and start.day == 1
        and start <= end
        and end.day == calendar.monthrange(end.year, end.month)[1]
    )


@on_primary()
def period_id_for(start: dt.date, end: dt.date, *, materialise: bool = True) -> int | None:
    """The materialised period (S, T), filled here on first use when it is a month-end period
    (the report screens ask through `stats.month_fill.period_id_for`, which leaves the filling
    to the worker when one runs)."""
    found = _known_period(start, end)
    if found is not None:
        return found
    if not materialise or not is_month_end_period(start, end):
        return None
    return materialise_period(start, end)


def _known_period(start: dt.date, end: dt.date) -> int | None:
    """The id of the materialised period (start, end), if any. A page reads them all once
    (`common.request_memo`: the cockpit's trend asks for 24); elsewhere, one indexed lookup."""
    if not in_reading_request():
        rows = AggregatePeriod.objects.filter(start_on=start, end_on=end)
        return rows.values_list("pk", flat=True).first()
    known = memoised(
        "stats.aggregate_periods",
        lambda: {
            (s, e): pk
            for s, e, pk in AggregatePeriod.objects.values_list("start_on", "end_on", "pk")
        },
    )
    return known.get((start, end))


def materialise_period(start: dt.date, end: dt.date) -> int:
    """Fill the totals of one period (`materialise_periods`)."""
    return materialise_periods([(start, end)])[(start, end)]


# A stored month end at most this far from a new one (the month before or after) gives the new
# one's totals by a correction (`_derive`); further away a full pass is cheaper (measured:
# docs/performance.md, "Materialising month-end periods").
NEIGHBOUR_DAYS = 31


@transaction.atomic
def materialise_periods(periods: Iterable[tuple[dt.date, dt.date]]) -> dict[tuple, int]:
    """Fill the totals of these (start, end) periods not filled yet; returns every period's id.

    Taken in order of their ends, a new period next to a month end that is stored or filled
    before it (same start, ≤ NEIGHBOUR_DAYS away) is derived from it (`_derive`: its rows plus
    the correction of the cases whose interval in force changed in between — a month's changes,
    not every case). The others (the first month of each start, the import's two report years)
    are filled first, together, by one grouped `INSERT … SELECT` over the facts joined with the
    periods: one scan of the facts and intervals, not one per period. Then the per-unit rows
    of every new period, from its group rows, in one statement.
    """
    lock(shared=False)
    wanted = list(dict.fromkeys(periods))
    ids = {
        (s, e): pk for pk, s, e in AggregatePeriod.objects.values_list("pk", "start_on", "end_on")
    }
    new = sorted(p for p in wanted if p not in ids)
    derivable = _cut_off_only_in_t()
    # A period is filled from the facts when no neighbour will be filled before it.
    ready, full = set(ids), []
    for period in new:
        if not derivable or _neighbour(*period, ready) is None:
            full.append(period)
        ready.add(period)
    for start, end in new:
        ids[(start, end)] = AggregatePeriod.objects.create(
            start_on=start, end_on=end, prev_on=start - dt.timedelta(days=1)
        ).pk
    with connection.cursor() as cursor:
        if full:
            marks = ", ".join(["%s"] * len(full))
            where, at_start = _bounds(full)
            sql = _insert_sql(f"p.id IN ({marks}) AND {where}", 1, interval_bounds=at_start)
            with _scans_only(cursor):
                cursor.execute(sql, [ids[p] for p in full])
        filled = set(ids) - set(new) | set(full)
        for start, end in new:
            if (start, end) not in full:
                neighbour = _neighbour(start, end, filled)
                _derive(cursor, ids[(start, end)], end, ids[neighbour], neighbour[1])
                filled.add((start, end))
        if new:
            cursor.execute(_rollup_from_groups_sql(len(new)), [ids[p] for p in new])
    return {p: ids[p] for p in wanted}


def _neighbour(
    start: dt.date, end: dt.date, filled: Iterable[tuple[dt.date, dt.date]]
) -> tuple[dt.date, dt.date] | None:
    """The filled month-end period of the same start nearest to `end`, if close enough."""
    near = [
        (abs((e - end).days), (s, e))
        for s, e in filled
        if s == start and e != end and is_month_end_period(s, e)
    ]
    days, period = min(near, default=(NEIGHBOUR_DAYS + 1, None))
    return period if days <= NEIGHBOUR_DAYS else None


def _cut_off_only_in_t() -> bool:
    """The correction of `_derive` holds when a bucket reads the cut-off T only through the
    interval in force at T and the scope (`AGG_FROM`), never directly (an "older than a year at
    T" bucket would change without a new interval)."""
    return all("p.end_on" not in expr for _name, expr in _value_columns())


def _at(expr: str, alias: str) -> str:
    """A bucket's per-case SQL read on the interval `alias` instead of `t` (the interval in
    force at the cut-off): the same case at another end."""
    return re.sub(r"\bt\.", f"{alias}.", expr)


def _suffixed(row_value: str, end: str) -> str:
    """A stored column's per-case expression (`_row_columns`) over one end's values."""
    return re.sub(r"\b([cm]_\w+)", rf"\1_{end}", row_value)


def _derive(cursor, new_id: int, new_end: dt.date, old_id: int, old_end: dt.date) -> None:
    """Fill period `new_id` (ending `new_end`) from the rows of period `old_id` (same start,
    ending `old_end`) corrected by the cases whose contribution can differ between the two ends.

    A case's intervals are consecutive (the first from its acceptance day, the last open), so its
    interval in force differs between `low` and `high`, or it enters the scope, exactly when one
    of its intervals starts in (low, high]. Every other case contributes the same to both, in
    the same group (groups are the case's facts). So new = old + Σ over the changed cases of
    (value at the new end − value at the old end), group by group; a group is kept when it has
    a case in scope (each case counts 1 in chuyen_sang or thu_ly_moi), as a full pass keeps it.

    Each changed case is read once with both of its intervals (`hi` in force at `high`, `lo` at
    `low`, none when accepted after `low`: then out of scope there, value 0): one lookup of its
    facts and of its interval at S − 1 instead of one per end. The changed cases are found from
    the intervals' first days (indexed); the intervals' end has no index (a filter on it read all
    11 million intervals nationally).
    """
    low, high = min(new_end, old_end), max(new_end, old_end)
    rows = _row_columns()
    names = [n for n, _v in rows]
    groups = ", ".join(GROUP_COLUMNS)
    sign = {"hi": "" if new_end == high else "-", "lo": "-" if new_end == high else ""}
    values = []
    for name, expr in _value_columns():
        values.append(f"{_at(expr, 'hi')} AS {name}_hi")
        at_low = _at(expr, "lo")
        values.append(f"CASE WHEN lo.case_id IS NULL THEN 0 ELSE {at_low} END AS {name}_lo")
    # A stored column of one case (a sum, or a count of money not zero) at each end: the count's
    # change is its value at one end minus the other, not the count of the amounts' difference.
    deltas = [
        f"{sign['hi']}({_suffixed(v, 'hi')}) + {sign['lo']}({_suffixed(v, 'lo')})" for _n, v in rows
    ]
    changed = (
        f"SELECT {', '.join(f'f.{c}' for c in GROUP_COLUMNS)}, {', '.join(values)} "  # noqa: S608
        "FROM stats_aggregateperiod p "
        "JOIN stats_casefact f ON f.accepted_on <= %(high)s "
        "AND (f.closed_on IS NULL OR f.closed_on >= p.start_on) "
        "JOIN stats_stateinterval hi ON hi.case_id = f.case_id AND hi.start_on <= %(high)s "
        "AND (hi.end_on IS NULL OR hi.end_on > %(high)s) "
        "LEFT JOIN stats_stateinterval lo ON lo.case_id = f.case_id AND lo.start_on <= %(low)s "
        "AND (lo.end_on IS NULL OR lo.end_on > %(low)s) "
        "LEFT JOIN stats_stateinterval s ON s.case_id = f.case_id AND s.start_on <= p.prev_on "
        "AND (s.end_on IS NULL OR s.end_on > p.prev_on) "
        "WHERE p.id = %(new)s AND hi.start_on > %(low)s "
        f"{_fence()}"
    )
    cursor.execute(
        f"INSERT INTO stats_bucketaggregate (period_id, {groups}, {', '.join(names)}) "  # noqa: S608
        f"SELECT %(new)s, {groups}, {', '.join(f'SUM({n})' for n in names)} FROM ("
        f"SELECT {groups}, {', '.join(names)} FROM stats_bucketaggregate "
        f"WHERE period_id = %(old)s AND kind <> '{ROLLUP_KIND}' "
        f"UNION ALL SELECT {groups}, {', '.join(f'SUM({d})' for d in deltas)} "
        f"FROM ({changed}) v GROUP BY {groups}"
        f") d GROUP BY {groups} HAVING SUM(c_chuyen_sang) + SUM(c_thu_ly_moi) > 0",
        {"new": new_id, "old": old_id, "low": low, "high": high},
    )


@transaction.atomic
def compact(period_id: int) -> None:
    """Fold the delta rows of a period into one row per group (same sums)."""
    lock(shared=False)
    names = stored_columns()
    sums = ", ".join(f"SUM({n}) AS {n}" for n in names)
    group = ", ".join(GROUP_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE stats_agg_compact AS "  # noqa: S608
            f"SELECT period_id, {group}, {sums} FROM stats_bucketaggregate "
            f"WHERE period_id = %s GROUP BY period_id, {group}",
            [period_id],
        )
        cursor.execute("DELETE FROM stats_bucketaggregate WHERE period_id = %s", [period_id])
        cursor.execute(
            f"INSERT INTO stats_bucketaggregate (period_id, {group}, {', '.join(names)}) "  # noqa: S608
            "SELECT * FROM stats_agg_compact"
        )
        cursor.execute("DROP TABLE stats_agg_compact")
