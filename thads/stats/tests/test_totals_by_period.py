"""`engine.totals_by_period` (the cockpit's trend in one query) equals the totals of each period
computed on its own, stored month ends and other cut-offs alike."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thads.cases import services
from thads.common.periods import month_end, year_start
from thads.org.access import scope_unit_ids
from thads.org.models import Unit
from thads.stats import engine, freshness
from thads.stats.facts import refresh_facts
from thads.targets.cockpit import trends
from thads.testing.stats import collecting_case

pytestmark = pytest.mark.django_db

M = 1_000_000
D = dt.date
FAR = D(2100, 1, 1)
JULY = D(2022, 7, 15)


@pytest.fixture
def cases(history):
    made = [
        collecting_case(history),
        history("TN-PY", "2021-02-01", 10 * M, [("chua_co_dieu_kien", "2021-03-01")]),
        history("TN-PY", "2022-03-05", 8 * M, [("xac_minh_co_dieu_kien", "2022-04-01")]),
    ]
    freshness.after_load(JULY)  # this report year's months 1–10 and last year's 12 stored
    # After the totals were stored: delta rows, one of them taking a case out of a unit group.
    services.event_record(made[0], type="thu_tien", on=D(2022, 2, 10), amount=5 * M, today=FAR)
    services.event_record(made[2], type="tra_don", on=D(2022, 5, 2), today=FAR)
    refresh_facts()
    return made


def _one_by_one(unit_ids, periods):
    return {p: engine.total_of(engine.compute_groups(unit_ids, *p, refresh=False)) for p in periods}


@pytest.mark.parametrize("unit_code", ["TNG", "TN-SC", "TN-PY"])
def test_every_period_equals_its_own_totals(cases, unit_code):
    unit_ids = scope_unit_ids(Unit.objects.get(code=unit_code))
    periods = [(year_start(2022), month_end(2022, k)) for k in range(1, 11)]
    periods += [(year_start(2021), month_end(2021, k)) for k in range(1, 13)]
    periods += [(year_start(2022), D(2022, 7, 14))]  # not a month end: corrected on its own
    expected = _one_by_one(unit_ids, periods)
    got = engine.totals_by_period(unit_ids, periods)
    assert got == expected
    assert any(b.cases["chuyen_sang"] + b.cases["thu_ly_moi"] for b in got.values())


def test_a_period_with_nothing_in_scope_is_zero(cases):
    unit_ids = [Unit.objects.get(code="TN-PY").pk]
    period = (year_start(2020), month_end(2020, 3))  # before every case
    freshness.aggregates.materialise_periods([period])
    assert engine.totals_by_period(unit_ids, [period]) == _one_by_one(unit_ids, [period])


def test_the_stored_months_are_read_in_one_query(cases):
    unit_ids = scope_unit_ids(Unit.objects.get(code="TNG"))
    periods = [(year_start(2022), month_end(2022, k)) for k in range(1, 11)]
    engine.totals_by_period(unit_ids, periods)  # the period lookups' first reads
    with CaptureQueriesContext(connection) as queries:
        engine.totals_by_period(unit_ids, periods)
    aggregate_reads = [q for q in queries if "stats_bucketaggregate" in q["sql"]]
    assert len(aggregate_reads) == 1


def test_the_cockpit_trend_is_each_months_totals(cases):
    from thads.common.periods import month_period
    from thads.stats.buckets import case_rate, money_rate

    province = Unit.objects.get(code="TNG")
    this, last = trends(province, month_period(2022, 10))
    unit_ids = scope_unit_ids(province)
    assert [p.month for p in this] == list(range(1, 11))
    assert [p.month for p in last] == list(range(1, 13))
    for year, points in ((2022, this), (2021, last)):
        for p in points:
            b = engine.total_of(engine.compute_groups(unit_ids, year_start(year), p.end))
            assert (p.case_rate, p.money_rate) == (case_rate(b.cases), money_rate(b.money))
