"""The fast drill-down: counts read from the month-end totals equal the counted cases, and the
page is ordered largest case amount first (then case id)."""

from __future__ import annotations

import pytest

from thads.cases.models import Case
from thads.common.periods import as_of_period, month_period
from thads.org.models import Staff, Unit
from thads.stats import engine
from thads.stats.buckets import BASE_KEYS, DERIVED_KEYS, MONEY_BASE_KEYS
from thads.stats.drilldown import drill, expand
from thads.stats.models import AggregatePeriod
from thads.testing.stats import CO, ev

pytestmark = pytest.mark.django_db
M = 1_000_000

EXPRESSIONS = [
    *BASE_KEYS,
    *DERIVED_KEYS,
    "giam",
    "chuyen_sang + xong",  # one acceptance bucket with a state: counted by SQL
    "thu_ly_moi - xong",
    "xong + giam",  # two money flows one case can share: counted by SQL
    "dang_thi_hanh - chuyen_sang",
    "rate(xong + dinh_chi; co_dieu_kien)",
    "rate(xong + dinh_chi + giam; co_dieu_kien)",
]


@pytest.fixture
def cases(year_2022, history):  # noqa: F811
    officer = Staff.objects.filter(
        memberships__unit__code="TN-PY", title__startswith="chap_hanh_vien"
    ).first()
    assert officer is not None
    # Fully paid but not closed: in dang_thi_hanh with nothing left (money 0, case 1).
    history(
        "TN-PY",
        "2021-11-05",
        10 * M,
        [ev(*CO, "2021-11-10"), ev("thu_tien", "2022-03-01", 10 * M)],
        officer=officer,
    )
    history("TN-PY", "2022-01-05", 70 * M, [ev(*CO, "2022-01-10")], kind="hinh_su")
    history("TN-PY", "2022-02-05", 70 * M, [ev("chua_co_dieu_kien", "2022-03-10")])
    return officer


def _raw(unit, period, expr, measure, monkeypatch, **kwargs):
    """The same drill-down counted and listed by SQL over every case (no totals)."""
    monkeypatch.setattr(engine, "period_id_for", lambda *a, **k: None)
    try:
        return drill(unit, period, expr, measure, limit=1000, **kwargs)
    finally:
        monkeypatch.undo()


@pytest.mark.parametrize("measure", ["cases", "money"])
def test_counts_from_totals_equal_the_cases(cases, measure, monkeypatch):
    unit = Unit.objects.get(code="TN")
    period = month_period(2022, 12)
    variants = [
        {},
        {"row_unit": Unit.objects.get(code="TN-PY")},
        {"officer": cases},
        {"officer": None},
        {"filters": {"kind": "hinh_su"}},
    ]
    for expr in EXPRESSIONS:
        if measure == "cases" and "giam" in expr:
            continue
        for kwargs in variants:
            raw = _raw(unit, period, expr, measure, monkeypatch, **kwargs)
            fast = drill(unit, period, expr, measure, limit=1000, **kwargs)
            assert fast.count == raw.count == len(raw.rows), (expr, kwargs)
            assert [(r.case.pk, r.value) for r in fast.rows] == [
                (r.case.pk, r.value) for r in raw.rows
            ], (expr, kwargs)
    assert AggregatePeriod.objects.filter(start_on=period.start, end_on=period.end).exists()


def test_totals_answer_the_count_when_they_can(cases, monkeypatch):
    """The count query runs only for mixes the totals cannot tell (no full count nationally)."""
    unit = Unit.objects.get(code="TN")
    period = month_period(2022, 12)
    ids = list(Unit.objects.values_list("pk", flat=True))

    def count(expr, measure, **kwargs):
        return engine._count_from_totals(
            ids,
            period.start,
            period.end,
            expand(expr, measure),
            measure=measure,
            officer_id=kwargs.get("officer_id", False),
            filters=None,
        )

    drill(unit, period, "xong", "cases")  # materialises the period
    for key in (*BASE_KEYS, *DERIVED_KEYS):
        assert count(key, "cases") is not None, key
    for key in (*MONEY_BASE_KEYS, "chuyen_ky_sau", "hoan_tam_dinh_chi", "tong_thu_ly"):
        assert count(key, "money") is not None, key
    for expr in ("phai_thi_hanh", "co_dieu_kien", "xong + dinh_chi + giam"):
        assert count(expr, "money") is not None, expr
    assert count("chuyen_sang + xong", "cases") is None
    assert count("xong + giam", "money") is None
    assert count("xong + dinh_chi", "money") is None
    # A period that is not a month end has no totals.
    other = as_of_period(2022, period.end.replace(day=15))
    assert (
        engine._count_from_totals(
            ids,
            other.start,
            other.end,
            [(1, "xong")],
            measure="cases",
            officer_id=False,
            filters=None,
        )
        is None
    )


def test_page_is_largest_amount_first_then_case_id(cases):
    unit = Unit.objects.get(code="TN")
    period = month_period(2022, 12)
    page = drill(unit, period, "tong_thu_ly", "cases", limit=1000)
    amounts = [(-r.case.amount, r.case.pk) for r in page.rows]
    assert len(amounts) > 3 and amounts == sorted(amounts)
    assert amounts[0][0] == -100 * M
    # Two cases of 70 000 000 đ: the smaller case id first; pages follow the same order.
    tied = [pk for a, pk in amounts if a == -70 * M]
    assert len(tied) == 2 and tied[0] < tied[1]
    second = drill(unit, period, "tong_thu_ly", "cases", limit=2, offset=2)
    assert [r.case.pk for r in second.rows] == [pk for _a, pk in amounts[2:4]]
    # Largest contribution first stays available.
    _count, rows = engine.case_contributions(
        Unit.objects.values_list("pk", flat=True),
        period.start,
        period.end,
        [(1, "dang_thi_hanh")],
        measure="money",
        order="contribution",
    )
    values = [r.value for r in rows]
    assert values == sorted(values, reverse=True) and len(values) >= 2
    assert Case.objects.get(pk=rows[0].case_id).amount - values[0] >= 0
