"""Month-end totals kept fresh by deltas, and the refresh marker: same results as the raw query."""

from __future__ import annotations

import datetime as dt

import pytest

from thads.cases import services
from thads.common.periods import as_of_period, month_period
from thads.org.models import Unit
from thads.stats import engine
from thads.stats.aggregates import compact, is_month_end_period
from thads.stats.facts import refresh_facts, stale_case_ids
from thads.stats.models import AggregatePeriod, BucketAggregate
from thads.testing.stats import collecting_case, comparable_groups, force_raw_query

pytestmark = pytest.mark.django_db

M = 1_000_000
FAR = dt.date(2100, 1, 1)


def _groups(period, *, raw, monkeypatch, **kwargs):
    unit_ids = list(Unit.objects.values_list("pk", flat=True))
    if raw:
        force_raw_query(monkeypatch)
    try:
        rows = engine.compute_groups(unit_ids, period.start, period.end, **kwargs)
    finally:
        monkeypatch.undo()
    return comparable_groups(rows)


@pytest.fixture
def cases(history):
    return [
        collecting_case(history),
        history(
            "TN-SC",
            "2020-05-01",
            50 * M,
            [("xac_minh_co_dieu_kien", "2020-06-01"), ("thu_tien", "2021-03-01", 20 * M)],
        ),
        history(
            "TN-PY",
            "2022-02-01",
            10 * M,
            [("chua_co_dieu_kien", "2022-03-01")],
            kind="hinh_su",
            state_budget=True,
        ),
    ]


def test_month_end_period_is_materialised_and_equals_the_raw_query(cases, monkeypatch):
    period = month_period(2022, 6)
    for kwargs in (
        {},
        {"by_officer": True},
        {"dimension": "kind"},
        {"filters": {"ngan_sach": True}},
    ):
        materialised = _groups(period, raw=False, monkeypatch=monkeypatch, **kwargs)
        assert materialised == _groups(period, raw=True, monkeypatch=monkeypatch, **kwargs)
        assert materialised
    assert AggregatePeriod.objects.filter(start_on=period.start, end_on=period.end).exists()


def test_an_event_after_materialisation_reaches_the_totals(cases, monkeypatch):
    period = month_period(2022, 6)
    before = _groups(period, raw=False, monkeypatch=monkeypatch)
    # A payment inside the period, and a case closed before the period leaves the scope.
    services.event_record(
        cases[0], type="thu_tien", on=dt.date(2022, 3, 1), amount=60 * M, today=FAR
    )
    services.event_record(cases[1], type="dinh_chi", on=dt.date(2021, 6, 1), today=FAR)
    after = _groups(period, raw=False, monkeypatch=monkeypatch)
    assert after != before
    assert after == _groups(period, raw=True, monkeypatch=monkeypatch)
    # Folding the delta rows keeps the sums.
    period_id = AggregatePeriod.objects.get(start_on=period.start, end_on=period.end).pk
    rows_before = BucketAggregate.objects.filter(period_id=period_id).count()
    compact(period_id)
    assert BucketAggregate.objects.filter(period_id=period_id).count() < rows_before
    assert _groups(period, raw=False, monkeypatch=monkeypatch) == after


def test_other_cut_offs_use_the_raw_query():
    assert not is_month_end_period(dt.date(2021, 10, 1), dt.date(2022, 6, 15))
    assert not is_month_end_period(dt.date(2021, 11, 1), dt.date(2022, 6, 30))
    assert is_month_end_period(dt.date(2021, 10, 1), dt.date(2022, 2, 28))


def test_as_of_report_does_not_materialise(cases):
    period = as_of_period(2022, dt.date(2022, 6, 15))
    engine.compute_groups(list(Unit.objects.values_list("pk", flat=True)), period.start, period.end)
    assert not AggregatePeriod.objects.exists()


def test_refresh_rebuilds_only_the_changed_case(cases):
    refresh_facts()
    assert stale_case_ids() == []
    assert refresh_facts() == 0
    services.event_record(cases[2], type="xac_minh_lai", on=dt.date(2022, 9, 1), today=FAR)
    assert stale_case_ids() == [cases[2].pk]
    assert stale_case_ids(full=True) == [cases[2].pk]
    assert refresh_facts() == 1
    assert stale_case_ids() == []
