"""Month-end bucket totals kept fresh by deltas, so national reports do not scan a million cases.

A materialised period (`AggregatePeriod`, a pair S, T) holds, per group (holding unit, officer,
kind, mode, flags), the SUM of every base bucket over the cases in scope — exactly what
`engine.compute_groups` computes from the facts. Rows are additive: `facts_rebuild` appends, for
the cases it rebuilds, minus their old contribution (before deleting the old facts) and plus
their new one, for every materialised period, in the same transaction (`apply_delta`). A report
over a materialised period sums those rows: a few hundred thousand rows at national scale
instead of ~1 million cases joined with their intervals. `compact` folds the delta rows.

Concurrency (PostgreSQL): rebuilds hold a shared advisory lock, materialisation an exclusive one,
so a period is filled from a snapshot that includes every committed rebuild and no rebuild
misses a period being filled.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.db import connection, transaction

from thads.common.replica import on_primary
from thads.common.request_memo import in_reading_request, memoised
from thads.stats.buckets import counted_money_terms
from thads.stats.models import AggregatePeriod
from thads.stats.sql import bucket_columns, contribution_columns

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


def _bucket_pairs() -> list[tuple[str, str]]:
    """(column name, SQL aggregate over f/t/s) with the period's dates taken from `p`.

    Each money bucket m_<key> has a count n_<key> of the cases whose money in it is not zero.
    """
    case_cols, money_cols = bucket_columns()
    pairs = []
    for col in case_cols + money_cols:
        expr, name = col.rsplit(" AS ", 1)
        expr = _period_dates(expr)
        pairs.append((name, expr))
        if name.startswith("m_"):
            inner = expr.removeprefix("SUM(").removesuffix(")")
            pairs.append(("n_" + name[2:], f"SUM(CASE WHEN ({inner}) <> 0 THEN 1 ELSE 0 END)"))
    for name, terms in counted_money_terms().items():
        cols = contribution_columns([k for _s, k in terms], "money")
        value = " + ".join(f"({s}) * {c}" for (s, _k), c in zip(terms, cols, strict=True))
        value = _period_dates(value)
        pairs.append((f"n_{name}", f"SUM(CASE WHEN ({value}) <> 0 THEN 1 ELSE 0 END)"))
    return pairs


def _period_dates(expr: str) -> str:
    return (
        expr.replace("%(S1)s", "p.prev_on")
        .replace("%(S)s", "p.start_on")
        .replace("%(T)s", "p.end_on")
    )


# Rows summed per unit only (officer NULL, kind/mode "*", flags false): what reports without
# officers, dimensions or filters read (`engine.compute_groups`), ~1 row per unit and period.
ROLLUP_KIND = "*"
ROLLUP_VALUES = ("f.unit_id", "NULL", "'*'", "'*'", "FALSE", "FALSE", "FALSE")


AGG_FROM = """
FROM stats_aggregateperiod p
JOIN stats_casefact f
  ON f.accepted_on <= p.end_on AND (f.closed_on IS NULL OR f.closed_on >= p.start_on)
JOIN stats_stateinterval t
  ON t.case_id = f.case_id AND t.start_on <= p.end_on AND (t.end_on IS NULL OR t.end_on > p.end_on)
LEFT JOIN stats_stateinterval s
  ON s.case_id = f.case_id AND s.start_on <= p.prev_on
  AND (s.end_on IS NULL OR s.end_on > p.prev_on)
"""


def _insert_sql(where: str, sign: int, *, rollup: bool = False) -> str:
    pairs = _bucket_pairs()
    names = ["period_id", *GROUP_COLUMNS] + [n for n, _e in pairs]
    groups = list(ROLLUP_VALUES) if rollup else [f"f.{c}" for c in GROUP_COLUMNS]
    values = ["p.id", *groups] + [f"({sign}) * {e}" for _n, e in pairs]
    group = ["p.id", "f.unit_id"] if rollup else ["p.id", *groups]
    return (
        f"INSERT INTO stats_bucketaggregate ({', '.join(names)}) "
        f"SELECT {', '.join(values)} {AGG_FROM} WHERE {where} GROUP BY {', '.join(group)}"
    )


def _rollup_from_groups_sql() -> str:
    """The per-unit rows of a period summed from its group rows (cheaper than the facts)."""
    names = [n for n, _e in _bucket_pairs()]
    values = [v.removeprefix("f.") for v in ROLLUP_VALUES]
    return (
        f"INSERT INTO stats_bucketaggregate (period_id, {', '.join(GROUP_COLUMNS)}, "  # noqa: S608
        f"{', '.join(names)}) SELECT period_id, {', '.join(values)}, "
        f"{', '.join(f'SUM({n})' for n in names)} FROM stats_bucketaggregate "
        f"WHERE period_id = %s AND kind <> '{ROLLUP_KIND}' GROUP BY period_id, unit_id"
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
    """The materialised period (S, T), filled on first use when it is a month-end period."""
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


@transaction.atomic
def materialise_period(start: dt.date, end: dt.date) -> int:
    """Fill the totals of (start, end) from the facts (one grouped INSERT … SELECT)."""
    lock(shared=False)
    period, created = AggregatePeriod.objects.get_or_create(
        start_on=start, end_on=end, defaults={"prev_on": start - dt.timedelta(days=1)}
    )
    if created:
        with connection.cursor() as cursor:
            cursor.execute(_insert_sql("p.id = %s", 1), [period.pk])
            cursor.execute(_rollup_from_groups_sql(), [period.pk])
    return period.pk


@transaction.atomic
def compact(period_id: int) -> None:
    """Fold the delta rows of a period into one row per group (same sums)."""
    lock(shared=False)
    pairs = _bucket_pairs()
    sums = ", ".join(f"SUM({n}) AS {n}" for n, _e in pairs)
    names = ", ".join(n for n, _e in pairs)
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
            f"INSERT INTO stats_bucketaggregate (period_id, {group}, {names}) "  # noqa: S608
            "SELECT * FROM stats_agg_compact"
        )
        cursor.execute("DROP TABLE stats_agg_compact")
