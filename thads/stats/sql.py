"""The SQL vocabulary of the statistics: one expression per base bucket over the facts.

Every set-based reader shares it — the engine's grouped counts (`stats.engine`), the month-end
totals (`stats.aggregates`), the drill-down, the snapshots and the checks — so a bucket means
the same thing everywhere. Aliases: `f` the case's facts (`stats_casefact`), `t` its state
interval at the cut-off T, `s` its interval on the day before the start S (none for a case
accepted in the period). Dates are the parameters %(S)s, %(T)s and %(S1)s (= S − 1 day).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from thads.stats.buckets import BASE_KEYS, MONEY_BASE_KEYS, STATE_BUCKETS

# Dimensions a report may be grouped by, and the filters a form definition may set.
DIMENSIONS = {
    None: None,
    "kind": "f.kind",
    "mode": "f.mode",
    "ngan_sach": "f.is_state_budget",
    "tin_dung": "f.is_bank_credit",
    "tham_nhung_kinh_te": "f.is_corruption",
}
FILTERS = {
    "kind": "f.kind = %s",
    "mode": "f.mode = %s",
    "ngan_sach": "f.is_state_budget = %s",
    "tin_dung": "f.is_bank_credit = %s",
    "tham_nhung_kinh_te": "f.is_corruption = %s",
}

# Remaining money of a case at T, and its amount at the start of the period.
REMAINDER_T = "(f.amount - t.collected_cum - t.reduced_cum)"
START_AMOUNT = (
    "(CASE WHEN f.accepted_on < %(S)s "
    "THEN f.amount - COALESCE(s.collected_cum, 0) - COALESCE(s.reduced_cum, 0) "
    "ELSE f.amount END)"
)

FROM_WHERE = """
FROM stats_casefact f
JOIN stats_stateinterval t
  ON t.case_id = f.case_id AND t.start_on <= %(T)s AND (t.end_on IS NULL OR t.end_on > %(T)s)
LEFT JOIN stats_stateinterval s
  ON s.case_id = f.case_id AND s.start_on <= %(S1)s AND (s.end_on IS NULL OR s.end_on > %(S1)s)
WHERE f.unit_id IN ({units})
  AND f.accepted_on <= %(T)s
  AND (f.closed_on IS NULL OR f.closed_on >= %(S)s)
  {filters}
"""


def bucket_expression(key: str, measure: str) -> str:
    """One case's contribution to a base bucket: a count (0/1) or an amount in đồng."""
    allowed = BASE_KEYS if measure == "cases" else MONEY_BASE_KEYS
    if key not in allowed:  # keys become SQL text: only the contract's own names pass
        raise ValueError(f"Chỉ tiêu không tồn tại: {key}")
    if measure == "cases":
        if key == "chuyen_sang":
            return "CASE WHEN f.accepted_on < %(S)s THEN 1 ELSE 0 END"
        if key == "thu_ly_moi":
            return "CASE WHEN f.accepted_on >= %(S)s THEN 1 ELSE 0 END"
        return f"CASE WHEN t.state = '{key}' THEN 1 ELSE 0 END"
    if key == "chuyen_sang":
        return f"CASE WHEN f.accepted_on < %(S)s THEN {START_AMOUNT} ELSE 0 END"
    if key == "thu_ly_moi":
        return "CASE WHEN f.accepted_on >= %(S)s THEN f.amount ELSE 0 END"
    if key == "xong":  # money collected in the period, whatever the state
        return "t.collected_cum - COALESCE(s.collected_cum, 0)"
    if key == "giam":
        return "t.reduced_cum - COALESCE(s.reduced_cum, 0)"
    return f"CASE WHEN t.state = '{key}' THEN {REMAINDER_T} ELSE 0 END"


def contribution_columns(keys: Iterable[str], measure: str) -> list[str]:
    """Per-case SQL expressions of the base buckets (count 0/1 or amount in đồng)."""
    return [f"({bucket_expression(key, measure)})" for key in keys]


# Money buckets in the order the engine always selected them: flows first, then the states.
MONEY_COLUMN_ORDER = (
    "chuyen_sang",
    "thu_ly_moi",
    "xong",
    "giam",
    *(k for k in STATE_BUCKETS if k != "xong"),
)


def bucket_columns() -> tuple[list[str], list[str]]:
    """`SUM(...) AS c_<key>` for every case bucket and `... AS m_<key>` for every money bucket."""
    case_cols = [f"SUM({bucket_expression(k, 'cases')}) AS c_{k}" for k in BASE_KEYS]
    money_cols = [f"SUM({bucket_expression(k, 'money')}) AS m_{k}" for k in MONEY_COLUMN_ORDER]
    return case_cols, money_cols


def sql_params(
    unit_ids: Iterable[int], start: dt.date, end: dt.date, filters: dict | None
) -> tuple[str, str, dict]:
    """(unit id list, filter conditions, parameters) for `FROM_WHERE` over [start, end]."""
    ids = sorted(set(unit_ids))
    params: dict[str, object] = {
        "S": start,
        "T": end,
        "S1": start - dt.timedelta(days=1),
    }
    # Unit ids are written as integer literals (int() of every id: nothing else reaches the SQL):
    # psycopg converts a thousand named placeholders slowly, and a literal list lets PostgreSQL
    # test membership with a hash instead of a semi-join.
    placeholders = [str(int(unit_id)) for unit_id in ids]
    where = []
    for i, (key, value) in enumerate((filters or {}).items()):
        if key not in FILTERS:
            raise ValueError(f"unknown filter {key}")
        params[f"f{i}"] = value
        where.append("AND " + FILTERS[key].replace("%s", f"%(f{i})s"))
    return ",".join(placeholders) or "NULL", " ".join(where), params
