"""The statistics engine: canonical case and money buckets for any unit subtree and cut-off.

The SQL of each bucket is `stats.sql`; month-end periods read the totals of `stats.aggregates`,
other cut-offs the totals of the month end before them corrected by the cases changed since
(`stats.asof`, which also builds the grouped statements).

One set-based query over the facts (`stats.models`), grouped by holding unit (or officer);
rows are then rolled up to the report's row units in Python over a few hundred groups at most —
never a loop over cases, never a query per unit. SQLite and PostgreSQL run the same SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from thads.common.replica import report_connection
from thads.stats.aggregates import ROLLUP_KIND
from thads.stats.asof import base_period, column_names, corrected_sql, raw_sql, totals_sql
from thads.stats.buckets import (
    ACCEPTANCE_KEYS,
    BASE_KEYS,
    MONEY_BASE_KEYS,
    STATE_BUCKETS,
    counted_money_terms,
    derive_cases,
    derive_money,
)
from thads.stats.facts import refresh_facts
from thads.stats.month_fill import period_id_for
from thads.stats.sql import DIMENSIONS, FROM_WHERE, contribution_columns, sql_params


@dataclass
class GroupRow:
    """Base buckets of one group (holding unit, officer, dimension value)."""

    unit_id: int
    officer_id: int | None
    dimension: object
    cases: dict[str, int] = field(default_factory=dict)
    money: dict[str, int] = field(default_factory=dict)


def compute_groups(
    unit_ids: Iterable[int],
    start: dt.date,
    end: dt.date,
    *,
    by_officer: bool = False,
    dimension: str | None = None,
    filters: dict | None = None,
    refresh: bool = True,
) -> list[GroupRow]:
    """Base case and money buckets grouped by holding unit (and officer / dimension)."""
    if refresh:
        refresh_facts()
    units_sql, filter_sql, params = sql_params(unit_ids, start, end, filters)
    group = ["f.unit_id", "f.officer_id" if by_officer else "NULL"]
    group.append(DIMENSIONS[dimension] or "NULL")
    # Without officers, dimension or filters the per-unit rows (kind "*") of the totals suffice.
    rollup = not by_officer and dimension is None and not filters
    sql = None
    period_id = period_id_for(start, end)
    if period_id is not None:
        # Month-end period: sum the materialised group totals (`stats.aggregates`).
        params["period"] = period_id
        sql = totals_sql(group, units_sql, filter_sql, rollup=rollup)
    elif (base := base_period(start, end)) is not None:
        # Any other cut-off T: the totals of the last month end M before T, then the correction
        # rows of the cases with an interval starting in (M, T] (`stats.asof`), summed below.
        params["period"], params["M"] = base
        sql = corrected_sql(group, units_sql, filter_sql, rollup=rollup)
    corrected = sql is not None and period_id is None
    if sql is None:
        sql = raw_sql(group, units_sql, filter_sql)
    with report_connection().cursor() as cursor:
        cursor.execute(sql, params)
        names = [c[0] for c in cursor.description]
        rows = cursor.fetchall()
    index = {name: i for i, name in enumerate(names)}
    case_at, money_at = _bucket_positions(index)
    unit_at, officer_at, dim_at = index["g_unit"], index["g_officer"], index["g_dim"]
    flag = dimension in {"ngan_sach", "tin_dung", "tham_nhung_kinh_te"}
    groups = [
        GroupRow(
            unit_id=raw[unit_at],
            officer_id=raw[officer_at],
            dimension=bool(raw[dim_at]) if flag else raw[dim_at],
            cases={k: int(raw[i] or 0) for k, i in case_at},
            money={k: int(raw[i] or 0) for k, i in money_at},
        )
        for raw in rows
    ]
    return _sum_corrections(groups) if corrected else groups


def _bucket_positions(index: dict[str, int]) -> tuple[list, list]:
    """(key, column position) of the case and of the money buckets in a grouped row whose
    columns are named c_<key> and m_<key>."""
    case_at = [(k, index[f"c_{k}"]) for k in BASE_KEYS]
    # Money keys in the order the engine always gave them: flows and states, then xong.
    money_at = [(k, index[f"m_{k}"]) for k in MONEY_BASE_KEYS if k != "xong"]
    money_at.append(("xong", index["m_xong"]))
    return case_at, money_at


def _sum_corrections(groups: list[GroupRow]) -> list[GroupRow]:
    """The month-end rows plus the correction rows of the same group; a group is kept when it
    has a case in scope at T (every case counts 1 in chuyen_sang or thu_ly_moi), as in the raw
    query."""
    merged: dict[tuple, GroupRow] = {}
    for g in groups:
        key = (g.unit_id, g.officer_id, g.dimension)
        found = merged.get(key)
        if found is None:
            merged[key] = g
        else:
            add_into(found.cases, g.cases)
            add_into(found.money, g.money)
    return [g for g in merged.values() if g.cases["chuyen_sang"] + g.cases["thu_ly_moi"] > 0]


def zero_cases() -> dict[str, int]:
    return dict.fromkeys(BASE_KEYS, 0)


def zero_money() -> dict[str, int]:
    return dict.fromkeys(MONEY_BASE_KEYS, 0)


def add_into(target: dict[str, int], source: dict[str, int]) -> None:
    for key, value in source.items():
        target[key] = target.get(key, 0) + value


@dataclass
class Buckets:
    """Case and money buckets with the identities derived."""

    cases: dict[str, int]
    money: dict[str, int]

    @classmethod
    def from_base(cls, cases: dict[str, int], money: dict[str, int]) -> Buckets:
        return cls(derive_cases(cases), derive_money(money))


def total_of(groups: Iterable[GroupRow]) -> Buckets:
    cases, money = zero_cases(), zero_money()
    for g in groups:
        add_into(cases, g.cases)
        add_into(money, g.money)
    return Buckets.from_base(cases, money)


def totals_by_period(
    unit_ids: Iterable[int], periods: Iterable[tuple[dt.date, dt.date]]
) -> dict[tuple[dt.date, dt.date], Buckets]:
    """`total_of(compute_groups(unit_ids, start, end, refresh=False))` of each (start, end):
    the periods with stored month-end totals are summed in one grouped query over their
    per-unit rows (the cockpit's trend: 24 months, one statement instead of 24); the others
    one by one. Summing without the per-group `HAVING` is the same: a group whose cases all
    left has every column zero (its delta rows cancel)."""
    unit_ids = list(unit_ids)
    wanted = list(dict.fromkeys(periods))
    by_id = {pk: p for p in wanted if (pk := period_id_for(*p)) is not None}
    result: dict[tuple[dt.date, dt.date], Buckets] = {}
    if by_id:
        units_sql = sql_params(unit_ids, wanted[0][0], wanted[0][1], None)[0]
        names = column_names()
        ids = ",".join(str(int(pk)) for pk in by_id)
        sql = (
            f"SELECT a.period_id, {', '.join(f'SUM(a.{n})' for n in names)} "  # noqa: S608
            f"FROM stats_bucketaggregate a WHERE a.period_id IN ({ids}) "
            f"AND a.kind = '{ROLLUP_KIND}' AND a.unit_id IN ({units_sql}) GROUP BY a.period_id"
        )
        with report_connection().cursor() as cursor:
            cursor.execute(sql)
            rows = cursor.fetchall()
        case_at, money_at = _bucket_positions({name: i + 1 for i, name in enumerate(names)})
        for raw in rows:
            result[by_id[raw[0]]] = Buckets.from_base(
                {k: int(raw[i] or 0) for k, i in case_at},
                {k: int(raw[i] or 0) for k, i in money_at},
            )
    stored = set(by_id.values())
    for period in wanted:
        if period in stored:
            result.setdefault(period, total_of([]))  # no row: nothing in scope
        else:
            result[period] = total_of(compute_groups(unit_ids, *period, refresh=False))
    return result


@dataclass(frozen=True)
class Contribution:
    case_id: int
    value: int


DRILL_ORDERS = {
    # Largest case amount first (what leaders look at first), then case id: PostgreSQL walks
    # the index stats_fact_amount_case and stops after the page.
    "amount": "f.amount DESC, f.case_id",
    # Largest contribution first: every case in scope is computed and sorted (slow nationally).
    "contribution": "ABS(v) DESC, case_id",
}


def _count_from_totals(
    unit_ids: list[int],
    start: dt.date,
    end: dt.date,
    terms: list[tuple[int, str]],
    *,
    measure: str,
    officer_id: int | None | bool,
    filters: dict | None,
) -> int | None:
    """Number of cases with a non-zero contribution, read from the month-end totals; None when
    the period has no totals or the totals cannot tell.

    Cases: a case counts 1 in exactly one acceptance bucket (chuyen_sang / thu_ly_moi) and at
    most one state bucket, so with coefficient α on both acceptance buckets and β_s on state s
    its contribution is α + β_s: the count is Σ_s [α + β_s ≠ 0] × c_s, plus the cases in no
    state bucket when α ≠ 0 (one acceptance bucket mixed with states: cannot tell).
    Money: n_<key> counts the cases whose money in <key> is not zero; it answers one bucket,
    buckets no case can share (remaining-money states; chuyen_sang / thu_ly_moi), and the
    mixes of `buckets.COUNTED_MONEY` (their own n_<name>); other mixes: cannot tell.
    """
    coef = dict.fromkeys(MONEY_BASE_KEYS, 0)
    for sign, key in terms:
        coef[key] += sign
    keys = {k for k, c in coef.items() if c}
    if not keys:
        return None
    alpha_cs, alpha_new = coef["chuyen_sang"], coef["thu_ly_moi"]
    has_states = any(coef[k] for k in STATE_BUCKETS)
    if measure == "cases":
        if alpha_cs != alpha_new and has_states:
            return None
        columns = [f"c_{k}" for k in BASE_KEYS]
    else:
        remainders = set(STATE_BUCKETS) - {"xong"}
        merged = {k: c for k, c in coef.items() if c}
        counted = [
            name
            for name, expansion in counted_money_terms().items()
            if dict((k, s) for s, k in expansion) == merged
        ]
        if counted:
            columns = [f"n_{counted[0]}"]
        elif len(keys) == 1 or keys <= remainders or keys <= set(ACCEPTANCE_KEYS):
            columns = [f"n_{k}" for k in sorted(keys)]
        else:
            return None
    period_id = period_id_for(start, end)
    if period_id is None:
        return None
    units_sql, filter_sql, params = sql_params(unit_ids, start, end, filters)
    rollup = officer_id is False and not filters
    where = [
        "a.period_id = %(period)s",
        f"a.kind {'=' if rollup else '<>'} '{ROLLUP_KIND}'",
        f"a.unit_id IN ({units_sql})",
    ]
    params["period"] = period_id
    if officer_id is None:
        where.append("a.officer_id IS NULL")
    elif officer_id is not False:
        params["officer"] = officer_id
        where.append("a.officer_id = %(officer)s")
    sql = (
        f"SELECT {', '.join(f'SUM(a.{c})' for c in columns)} "  # noqa: S608
        f"FROM stats_bucketaggregate a WHERE {' AND '.join(where)} "
        f"{filter_sql.replace('f.', 'a.')}"
    )
    with report_connection().cursor() as cursor:
        cursor.execute(sql, params)
        totals = {c: int(v or 0) for c, v in zip(columns, cursor.fetchone(), strict=True)}
    if measure == "money":
        return sum(totals.values())
    if not has_states:
        return (totals["c_chuyen_sang"] if alpha_cs else 0) + (
            totals["c_thu_ly_moi"] if alpha_new else 0
        )
    in_states = sum(totals[f"c_{k}"] for k in STATE_BUCKETS)
    outside = totals["c_chuyen_sang"] + totals["c_thu_ly_moi"] - in_states
    return (outside if alpha_cs else 0) + sum(
        totals[f"c_{k}"] for k in STATE_BUCKETS if alpha_cs + coef[k] != 0
    )


def _state_restriction(terms: list[tuple[int, str]], measure: str, params: dict) -> str:
    """`AND t.state IN (...)` when only state buckets can make the contribution non-zero.

    Money state buckets and case state buckets are both zero outside their state; chuyen_sang,
    thu_ly_moi, xong and giam (money) depend on more than the state, so they allow no
    restriction.
    """
    keys = {k for _s, k in terms}
    if not keys or not keys <= set(STATE_BUCKETS) or (measure == "money" and "xong" in keys):
        # Money `xong` is the amount collected in the period, whatever the state.
        return ""
    names = []
    for i, key in enumerate(sorted(keys)):
        params[f"st{i}"] = key
        names.append(f"%(st{i})s")
    return f" AND t.state IN ({', '.join(names)})"


def case_contributions(
    unit_ids: Iterable[int],
    start: dt.date,
    end: dt.date,
    terms: list[tuple[int, str]],
    *,
    measure: str,
    officer_id: int | None | bool = False,
    filters: dict | None = None,
    limit: int = 50,
    offset: int = 0,
    refresh: bool = True,
    order: str = "amount",
) -> tuple[int, list[Contribution]]:
    """The cases behind a cell, each with its contribution to Σ sign × bucket.

    `terms` are (sign, base bucket key) pairs, e.g. [(1, "xong"), (1, "dinh_chi")]; derived
    keys are expanded by the caller (`buckets.expand`). Returns (number of cases, one page).
    `officer_id=False` means any officer; None means cases without an officer.

    `order="amount"` (default): largest case amount (số tiền phải thi hành) first, then case id —
    one SELECT with the contribution in WHERE and ORDER BY … LIMIT, which PostgreSQL answers by
    walking the index stats_fact_amount_case and stopping after the page. The count comes from
    the month-end totals when they can tell (`_count_from_totals`), else from one COUNT.
    `order="contribution"`: largest |contribution| first, then case id (computes every case).
    """
    if order not in DRILL_ORDERS:
        raise ValueError(f"unknown order {order}")
    if refresh:
        refresh_facts()
    unit_ids = sorted(set(unit_ids))
    units_sql, filter_sql, params = sql_params(unit_ids, start, end, filters)
    if officer_id is None:
        filter_sql += " AND f.officer_id IS NULL"
    elif officer_id is not False:
        params["officer"] = officer_id
        filter_sql += " AND f.officer_id = %(officer)s"
    cols = contribution_columns([k for _s, k in terms], measure)
    value = " + ".join(f"({sign}) * {col}" for (sign, _k), col in zip(terms, cols, strict=True))
    filter_sql += _state_restriction(terms, measure, params)
    from_where = FROM_WHERE.format(units=units_sql, filters=filter_sql)
    params["limit"], params["offset"] = limit, offset
    count = _count_from_totals(
        unit_ids, start, end, terms, measure=measure, officer_id=officer_id, filters=filters
    )
    # Only validated bucket keys and fixed SQL are interpolated; values are parameters.
    with report_connection().cursor() as cursor:
        if count is None:
            cursor.execute(f"SELECT COUNT(*) {from_where} AND ({value}) <> 0", params)  # noqa: S608
            count = cursor.fetchone()[0]
        if order == "amount":
            sql = (
                f"SELECT f.case_id, {value} AS v {from_where} AND ({value}) <> 0 "  # noqa: S608
                f"ORDER BY {DRILL_ORDERS[order]} LIMIT %(limit)s OFFSET %(offset)s"
            )
        else:
            inner = f"SELECT f.case_id AS case_id, {value} AS v {from_where}"
            sql = (
                f"SELECT case_id, v FROM ({inner}) x WHERE x.v <> 0 "  # noqa: S608
                f"ORDER BY {DRILL_ORDERS[order]} LIMIT %(limit)s OFFSET %(offset)s"
            )
        cursor.execute(sql, params)
        rows = [Contribution(case_id=r[0], value=int(r[1])) for r in cursor.fetchall()]
    return count, rows
