"""Filling month-end totals (issue 15 §3): several periods in one pass over the facts, and a new
month derived from its stored neighbour, give exactly the rows a period filled alone gets."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thads.cases import services
from thads.common.periods import month_period
from thads.org.models import Unit
from thads.stats import aggregates, engine, freshness
from thads.stats.aggregates import GROUP_COLUMNS, materialise_periods, stored_columns
from thads.stats.facts import refresh_facts
from thads.stats.models import AggregatePeriod, BucketAggregate
from thads.testing.stats import CO, ev

pytestmark = pytest.mark.django_db

M = 1_000_000
FAR = dt.date(2100, 1, 1)
JULY = dt.date(2022, 7, 15)  # month 10 of report year 2022


def _key(period) -> tuple[dt.date, dt.date]:
    return (period.start, period.end)


def _rows(start: dt.date, end: dt.date) -> dict[tuple, list[int]]:
    """A period's totals folded by group (delta rows summed; groups left with no case dropped,
    as the reports drop them)."""
    names = stored_columns()
    folded: dict[tuple, list[int]] = {}
    rows = BucketAggregate.objects.filter(period__start_on=start, period__end_on=end).values_list(
        *GROUP_COLUMNS, *names
    )
    for row in rows:
        group, values = row[: len(GROUP_COLUMNS)], row[len(GROUP_COLUMNS) :]
        total = folded.setdefault(group, [0] * len(names))
        for i, value in enumerate(values):
            total[i] += value
    cases = [names.index("c_chuyen_sang"), names.index("c_thu_ly_moi")]
    return {g: v for g, v in folded.items() if sum(v[i] for i in cases) > 0}


def _one_row_per_group(start: dt.date, end: dt.date) -> bool:
    rows = BucketAggregate.objects.filter(period__start_on=start, period__end_on=end)
    return rows.count() == len(set(rows.values_list(*GROUP_COLUMNS)))


def _alone(periods) -> dict[tuple, dict]:
    """Each period filled by itself into empty totals (a full pass, no neighbour)."""
    out = {}
    for start, end in periods:
        AggregatePeriod.objects.all().delete()
        materialise_periods([(start, end)])
        out[(start, end)] = _rows(start, end)
    AggregatePeriod.objects.all().delete()
    return out


def _bucket_inserts(queries) -> int:
    return sum(q["sql"].startswith("INSERT INTO stats_bucketaggregate") for q in queries)


def _groups(period, *, raw, monkeypatch):
    unit_ids = list(Unit.objects.values_list("pk", flat=True))
    if raw:
        monkeypatch.setattr(engine, "period_id_for", lambda *a, **k: None)
    try:
        rows = engine.compute_groups(unit_ids, period.start, period.end, by_officer=True)
    finally:
        monkeypatch.undo()
    return sorted((g.unit_id, g.officer_id or 0, sorted(g.cases.items())) for g in rows)


@pytest.fixture
def more(year_2022, history):
    """Changes inside the months the tests move between, in a second unit too."""
    history(
        "TN-PY",
        "2022-05-10",  # accepted between the ends of months 7 and 8
        40 * M,
        [
            ev(*CO, "2022-05-20"),
            ev("thu_tien", "2022-06-03", 15 * M),
            ev("thu_tien", "2022-07-05", 5 * M),
        ],
        kind="hinh_su",
    )
    history("TN-PY", "2021-06-01", 9 * M, [ev("chua_co_dieu_kien", "2021-06-10")], bank_credit=True)
    refresh_facts()
    return year_2022


def test_periods_far_apart_are_filled_in_one_pass_equal_to_each_alone(more):
    periods = [_key(month_period(2022, k)) for k in (1, 3, 5, 7, 9, 11)]
    periods += [_key(month_period(2021, k)) for k in (2, 4, 6, 8, 10, 12)]  # another start
    with CaptureQueriesContext(connection) as queries:
        materialise_periods(periods)
    # One statement for the group rows of all 12 periods, one for their per-unit rows.
    assert _bucket_inserts(queries.captured_queries) == 2
    together = {p: _rows(*p) for p in periods}
    assert all(_one_row_per_group(*p) for p in periods)
    assert sum(len(rows) for rows in together.values()) > 12  # not empty: several groups
    assert together == _alone(periods)


def test_one_pass_over_two_starts_equals_the_raw_query(more, monkeypatch):
    """The pass's date bounds (`aggregates._bounds`: the earliest and latest of the periods) keep
    every case and interval a period needs — checked against the raw query, not another pass."""
    periods = [month_period(2022, 3), month_period(2022, 11), month_period(2021, 6)]
    materialise_periods([_key(p) for p in periods])
    for period in periods:
        assert _groups(period, raw=False, monkeypatch=monkeypatch) == _groups(
            period, raw=True, monkeypatch=monkeypatch
        )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL planner settings")
def test_a_full_pass_puts_the_planner_settings_back(more):
    """The full pass turns index scans off for its own statement only: the rest of the
    transaction (an import's, a request's) plans as before."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_bitmapscan = off")  # a caller's own setting, kept
        materialise_periods([_key(month_period(2022, 5))])
        cursor.execute(
            "SELECT current_setting('enable_indexscan'), current_setting('enable_bitmapscan')"
        )
        assert cursor.fetchone() == ("on", "off")


def test_the_warm_periods_one_pass_for_each_first_month_the_rest_derived(more):
    warm = freshness.warm_periods(JULY)
    assert len(warm) == 22  # 10 months of 2022, 12 of 2021: two starts
    with CaptureQueriesContext(connection) as queries:
        assert freshness.materialise(JULY) == 22
    inserts = [
        q["sql"] for q in queries.captured_queries if q["sql"].startswith("INSERT INTO stats_bu")
    ]
    # The two first months in one pass over the facts, 20 months derived, the per-unit rows.
    assert len(inserts) == 22
    assert sum("UNION ALL" in sql for sql in inserts) == 20
    together = {p: _rows(*p) for p in warm}
    assert all(_one_row_per_group(*p) for p in warm)
    assert together == _alone(warm)


def test_a_new_month_next_to_a_stored_one_is_derived_and_equals_a_full_pass(more, monkeypatch):
    may, june, july, april, august = (month_period(2022, k) for k in (8, 9, 10, 7, 11))
    materialise_periods([_key(june)])
    # Changes after the totals were filled: june's rows get delta rows (not folded).
    services.event_record(
        more["dang"], type="thu_tien", on=dt.date(2022, 6, 20), amount=7 * M, today=FAR
    )
    services.event_record(more["chua"], type="xac_minh_lai", on=dt.date(2022, 5, 15), today=FAR)
    assert refresh_facts() == 2
    assert not _one_row_per_group(*_key(june))

    derived = []
    real_derive = aggregates._derive
    monkeypatch.setattr(
        aggregates, "_derive", lambda cur, new, *a: derived.append(new) or real_derive(cur, new, *a)
    )
    ids = {}
    for period in (july, may, april, august):  # forward, backward, then from a derived one
        ids[_key(period)] = materialise_periods([_key(period)])[_key(period)]
    assert derived == [ids[_key(july)], ids[_key(may)], ids[_key(april)], ids[_key(august)]]
    monkeypatch.undo()

    got = {_key(p): _rows(*_key(p)) for p in (june, july, may, april, august)}
    assert all(_one_row_per_group(*_key(p)) for p in (july, may, april, august))
    assert got[_key(july)] != got[_key(june)] != got[_key(may)]  # the months do differ
    for period in (july, may):
        assert _groups(period, raw=False, monkeypatch=monkeypatch) == _groups(
            period, raw=True, monkeypatch=monkeypatch
        )
    assert got == _alone(got)


def test_a_month_two_months_from_any_stored_one_gets_a_full_pass(more, monkeypatch):
    materialise_periods([_key(month_period(2022, 6))])
    monkeypatch.setattr(aggregates, "_derive", lambda *a: pytest.fail("derived"))
    materialise_periods([_key(month_period(2022, 8))])  # 61 days away
    materialise_periods([_key(month_period(2021, 7))])  # another start
    assert AggregatePeriod.objects.count() == 3


def test_a_bucket_reading_the_cut_off_directly_is_never_derived(more, monkeypatch):
    """The correction assumes the cut-off T is read only through the interval in force and the
    scope; a bucket using T itself (e.g. "older than a year at T") must get a full pass."""
    assert aggregates._cut_off_only_in_t()
    real = aggregates.bucket_expression

    def reads_t(key, measure):
        if key == "xong" and measure == "cases":
            return "CASE WHEN t.state = 'xong' AND %(T)s IS NOT NULL THEN 1 ELSE 0 END"
        return real(key, measure)

    monkeypatch.setattr(aggregates, "bucket_expression", reads_t)
    assert not aggregates._cut_off_only_in_t()
    materialise_periods([_key(month_period(2022, 6))])
    monkeypatch.setattr(aggregates, "_derive", lambda *a: pytest.fail("derived"))
    materialise_periods([_key(month_period(2022, 7))])
    assert AggregatePeriod.objects.count() == 2


def test_asking_twice_fills_once(more):
    first = materialise_periods([_key(month_period(2022, 6)), _key(month_period(2021, 12))])
    rows = BucketAggregate.objects.count()
    again = materialise_periods([_key(month_period(2021, 12)), _key(month_period(2022, 6))])
    assert again == first
    assert BucketAggregate.objects.count() == rows
