"""Reports at a cut-off that is not a month end: the month-end totals of the month before plus
the correction of the changed cases (`stats.asof`) equal the raw query over every case."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thads.cases import services
from thads.cases.models import Case, CaseEvent
from thads.common.periods import as_of_period, month_period, report_year_of, year_start
from thads.org.models import Staff, Unit
from thads.stats import asof, engine
from thads.stats.aggregates import materialise_period
from thads.stats.layout import build_form
from thads.stats.models import AggregatePeriod, StateInterval
from thads.stats.tests import test_properties
from thads.stats.tests.strategies import lawful_case
from thads.testing.stats import CO, FAR_FUTURE, comparable_groups, ev, force_raw_query

pytestmark = pytest.mark.django_db
M = 1_000_000

VARIANTS = [
    {},
    {"by_officer": True},
    {"dimension": "kind"},
    {"dimension": "mode"},
    {"dimension": "ngan_sach"},
    {"filters": {"ngan_sach": True}},
    {"filters": {"kind": "hinh_su"}},
    {"by_officer": True, "dimension": "tin_dung", "filters": {"mode": "chu_dong"}},
]
# Report year 2022 (S = 01/10/2021) unless said otherwise.
CUT_OFFS = [
    dt.date(2021, 11, 1),  # the day after the first month end (M = 31/10/2021)
    dt.date(2021, 11, 15),  # mid-month
    dt.date(2022, 1, 1),  # first day of a calendar year (M = 31/12/2021)
    dt.date(2022, 1, 12),  # across the calendar-year boundary, after a payment (10/01)
    dt.date(2022, 2, 10),  # the day of an event (tra_don)
    dt.date(2022, 3, 1),  # first day of a month with an event on it (hoan)
    dt.date(2022, 3, 4),  # a reduction, a payment and a closing in (M, T]
    dt.date(2022, 6, 1),  # a termination on T
    dt.date(2022, 9, 29),  # the day before the year's last month end
    dt.date(2022, 11, 20),  # report year 2023: a case accepted and one resumed in (M, T]
]


def _groups(start, end, *, raw: bool, monkeypatch, **kwargs) -> tuple[list, bool]:
    """(sorted groups, whether the corrected totals were read)."""
    unit_ids = list(Unit.objects.values_list("pk", flat=True))
    if raw:
        force_raw_query(monkeypatch)
    try:
        with CaptureQueriesContext(connection) as queries:
            rows = engine.compute_groups(unit_ids, start, end, **kwargs)
    finally:
        monkeypatch.undo()
    corrected = any("LEFT JOIN stats_stateinterval m" in q["sql"] for q in queries.captured_queries)
    return comparable_groups(rows), corrected


def _materialise(*years: int) -> None:
    for year in years:
        for month in range(1, 13):
            period = month_period(year, month)
            materialise_period(period.start, period.end)


def _assert_same(end: dt.date, monkeypatch, variants=VARIANTS) -> None:
    start = year_start(report_year_of(end))
    for kwargs in variants:
        fast, corrected = _groups(start, end, raw=False, monkeypatch=monkeypatch, **kwargs)
        raw, _ = _groups(start, end, raw=True, monkeypatch=monkeypatch, **kwargs)
        assert fast == raw, (end, kwargs)
        stored = AggregatePeriod.objects.filter(
            start_on=start, end_on=asof.month_end_before(end)
        ).exists()
        assert corrected == stored, (end, kwargs)


@pytest.fixture
def officer():
    found = Staff.objects.filter(
        memberships__unit__code="TN-PY", title__startswith="chap_hanh_vien"
    ).first()
    assert found is not None
    return found


@pytest.fixture
def mixed(year_2022, history, officer):
    """year_2022 (every bucket at TN-SC) and cases in other units, with an officer, other
    kinds and flags, changing around the month ends."""
    extra = {
        "py": history(
            "TN-PY",
            "2021-11-05",
            10 * M,
            [ev(*CO, "2021-11-10"), ev("thu_tien", "2022-03-01", 4 * M)],
            officer=officer,
        ),
        "hs": history(
            "TN-PY",
            "2022-01-05",
            70 * M,
            [ev(*CO, "2022-01-10"), ev("thu_tien", "2022-01-31", 5 * M)],
            kind="hinh_su",
            mode="chu_dong",
            state_budget=True,
        ),
        "tin_dung": history(
            "TN-DT",
            "2020-12-31",
            40 * M,
            [ev("chua_co_dieu_kien", "2021-01-20"), ev("xac_minh_lai", "2021-11-01")],
            mode="chu_dong",
            bank_credit=True,
        ),
        # accepted on the last day of a month, closed on the first of the next
        "edge": history(
            "TN-DT",
            "2021-12-31",
            3 * M,
            [ev(*CO, "2021-12-31"), ev("thu_tien", "2022-01-01", 3 * M), ev("xong", "2022-01-01")],
        ),
    }
    return year_2022, extra


def test_arbitrary_dates_equal_the_raw_query(mixed, monkeypatch):
    _materialise(2022, 2023)
    for end in CUT_OFFS:
        _assert_same(end, monkeypatch)


def test_new_events_between_the_month_end_and_the_cut_off(mixed, history, officer, monkeypatch):
    year_2022, extra = mixed
    _materialise(2022)
    end = dt.date(2022, 4, 20)  # M = 31/03/2022
    before, corrected = _groups(year_start(2022), end, raw=False, monkeypatch=monkeypatch)
    assert corrected
    dang, chua, py = year_2022["dang"], year_2022["chua"], extra["py"]
    # In (M, T]: a payment, a verification, a closing, a new officer, a case accepted on T,
    # one accepted the day after T (not in scope) and an event after T.
    services.event_record(dang, type="thu_tien", on=dt.date(2022, 4, 2), amount=10 * M,
                          today=FAR_FUTURE)  # fmt: skip
    services.event_record(chua, type="xac_minh_co_dieu_kien", on=dt.date(2022, 4, 20),
                          today=FAR_FUTURE)  # fmt: skip
    services.event_record(py, type="thu_tien", on=dt.date(2022, 4, 5), amount=6 * M,
                          today=FAR_FUTURE)  # fmt: skip
    services.event_record(py, type="xong", on=dt.date(2022, 4, 5), today=FAR_FUTURE)
    services.case_assign(extra["hs"], officer=officer, on=dt.date(2022, 4, 10))
    history("TN-PY", "2022-04-20", 7 * M, [ev(*CO, "2022-04-20")], officer=officer)
    history("TN-PY", "2022-04-21", 8 * M)
    services.event_record(extra["tin_dung"], type="xac_minh_co_dieu_kien",
                          on=dt.date(2022, 4, 25), today=FAR_FUTURE)  # fmt: skip
    # Before M (reaches the stored totals by their deltas): a payment voided, a late closing.
    payment = CaseEvent.objects.get(case=extra["hs"], type="thu_tien")
    services.event_record(extra["hs"], type="huy_su_kien", on=dt.date(2022, 4, 15),
                          corrects=payment, today=FAR_FUTURE)  # fmt: skip
    services.event_record(year_2022["hoan_tt"], type="tiep_tuc", on=dt.date(2022, 3, 20),
                          today=FAR_FUTURE)  # fmt: skip
    after, corrected = _groups(year_start(2022), end, raw=False, monkeypatch=monkeypatch)
    assert corrected and after != before
    _assert_same(end, monkeypatch)
    for end in (dt.date(2022, 4, 1), dt.date(2022, 4, 4), dt.date(2022, 4, 21)):
        _assert_same(end, monkeypatch)


@pytest.mark.parametrize("code", ["1", "2", "3", "4", "5"])
def test_forms_at_arbitrary_dates_equal_the_raw_query(mixed, code, monkeypatch):
    _materialise(2022)
    national = Unit.objects.get(level=Unit.Level.NATIONAL)
    province = Unit.objects.get(code="TN")
    for unit, end in itertools.product(
        (national, province), (dt.date(2022, 1, 12), dt.date(2022, 3, 4), dt.date(2022, 9, 29))
    ):
        period = as_of_period(2022, end)
        with CaptureQueriesContext(connection) as queries:
            fast = build_form(code, unit, period)
        assert any("LEFT JOIN stats_stateinterval m" in q["sql"] for q in queries.captured_queries)
        force_raw_query(monkeypatch)
        try:
            raw = build_form(code, unit, period)
        finally:
            monkeypatch.undo()
        assert [(r.key, r.values) for r in fast.rows] == [(r.key, r.values) for r in raw.rows]
        assert fast.total.values == raw.total.values
        assert any(fast.total.values)


def test_without_the_month_before_the_raw_query_runs(mixed, monkeypatch):
    # Nothing stored: raw query, nothing materialised by the report.
    _assert_same(dt.date(2022, 3, 4), monkeypatch, variants=[{}])
    assert not AggregatePeriod.objects.exists()
    # The first month of the year has no month end before it in the period.
    _materialise(2022)
    _assert_same(dt.date(2021, 10, 20), monkeypatch, variants=[{}])
    assert asof.base_period(dt.date(2021, 10, 1), dt.date(2021, 10, 31)) is None
    assert asof.base_period(dt.date(2021, 10, 1), dt.date(2021, 11, 1))[1] == dt.date(2021, 10, 31)


def test_a_bucket_using_the_cut_off_directly_is_not_corrected(mixed, monkeypatch):
    """A term such as "accepted more than a year before T" changes a case's bucket without a
    new interval: such statements run the raw query."""
    real = asof.bucket_columns

    def with_age_term():
        case_cols, money_cols = real()
        case_cols = [
            "SUM(CASE WHEN t.state = 'dang_thi_hanh' AND f.accepted_on < %(T)s THEN 1 ELSE 0 END)"
            " AS c_dang_thi_hanh"
            if c.endswith(" AS c_dang_thi_hanh")
            else c
            for c in case_cols
        ]
        return case_cols, money_cols

    _materialise(2022)
    group = ["f.unit_id", "NULL", "NULL"]
    assert asof.corrected_sql(group, "1", "", rollup=True) is not None
    monkeypatch.setattr(asof, "bucket_columns", with_age_term)
    assert asof.corrected_sql(group, "1", "", rollup=True) is None
    unit_ids = list(Unit.objects.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as queries:
        engine.compute_groups(unit_ids, year_start(2022), dt.date(2022, 3, 4))
    assert not any("LEFT JOIN stats_stateinterval m" in q["sql"] for q in queries.captured_queries)
    assert asof.t_free("f.accepted_on <= %(T)s AND x")
    assert not asof.t_free("f.accepted_on <= %(T)s AND f.closed_on < %(T)s")


def test_intervals_are_consecutive_from_the_acceptance_day(mixed):
    """What the correction relies on (`stats.asof`): a case's interval in force changes, or the
    case enters the scope, only on the first day of one of its intervals."""
    engine.refresh_facts()
    for case in Case.objects.all():
        rows = list(
            StateInterval.objects.filter(case=case)
            .order_by("start_on")
            .values_list("start_on", "end_on")
        )
        assert rows[0][0] == case.accepted_on
        assert rows[-1][1] is None
        assert all(a[1] == b[0] for a, b in itertools.pairwise(rows))


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    plans=st.lists(lawful_case(), min_size=1, max_size=8),
    ends=st.lists(st.dates(dt.date(2021, 10, 1), dt.date(2022, 9, 30)), min_size=3, max_size=3),
)
def test_random_histories_at_random_dates(demo_org, plans, ends):
    with transaction.atomic():  # each example starts from the bare demo organisation
        for plan in plans:
            test_properties.create(plan)
        _materialise(2022)
        unit_ids = list(Unit.objects.values_list("pk", flat=True))
        for end in ends:
            for kwargs in ({}, {"by_officer": True, "dimension": "mode"}):
                fast = engine.compute_groups(unit_ids, year_start(2022), end, **kwargs)
                with pytest.MonkeyPatch.context() as mp:
                    force_raw_query(mp)
                    raw = engine.compute_groups(unit_ids, year_start(2022), end, **kwargs)
                assert comparable_groups(fast) == comparable_groups(raw), (end, kwargs)
        transaction.set_rollback(True)
