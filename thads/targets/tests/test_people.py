"""People: surges of new cases per unit, the load per officer and the head policy (reused from
cases.assignment)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from thads.cases.models import Case, CaseState
from thads.org.access import scope_unit_ids
from thads.org.models import Staff
from thads.targets import people
from thads.testing.targets import make_case

AS_OF = dt.date(2026, 5, 15)


@pytest.fixture
def units(shared_demo_org, db):
    return shared_demo_org


def test_last_complete_month():
    assert people.last_complete_month(dt.date(2026, 5, 15)) == dt.date(2026, 4, 1)
    assert people.last_complete_month(dt.date(2026, 5, 31)) == dt.date(2026, 5, 1)
    assert people.last_complete_month(dt.date(2026, 1, 1)) == dt.date(2025, 12, 1)


def test_month_starts_cross_the_year():
    months = people.month_starts(dt.date(2026, 2, 1), 4)
    assert months == [dt.date(2025, 11, 1), dt.date(2025, 12, 1), dt.date(2026, 1, 1),
                      dt.date(2026, 2, 1)]  # fmt: skip


@pytest.mark.parametrize(
    ("last", "window", "expected"),
    [
        (6, [4] * 6, True),  # exactly 1,5 × the average
        (5, [4] * 6, False),  # 1,25 ×
        (7, [5, 5, 5, 5, 5, 4], False),  # 7 < 1,5 × 4,83 (29/6): 42 < 43,5
        (7, [5, 5, 4, 4, 4, 6], True),  # 7 ≥ 1,5 × 4,67 (28/6): 42 ≥ 42
        (4, [0] * 6, False),  # fewer than the minimum of 5 cases
        (5, [0] * 6, True),
    ],
)
def test_surge_rule(last, window, expected):
    assert people.is_surge(last, window, Decimal("1.5"), 5) is expected


def _cases_in(unit, month: dt.date, n: int):
    for i in range(n):
        make_case(unit, decision=month.replace(day=1 + i % 28))


def test_surges_per_unit_with_predecessors_folded_in(units, settings):
    kv2, kv3 = units["TNG-KV2"], units["TNG-KV3"]
    chi_cuc = units["TN-SC"]  # merged into KV2 on 01/07/2025
    # KV2: 4 a month from 10/2025 to 03/2026 (from its Chi cục before 07/2025), 6 in 04/2026.
    for month in (dt.date(2025, 10, 1), dt.date(2025, 11, 1), dt.date(2025, 12, 1),
                  dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 3, 1)):  # fmt: skip
        _cases_in(kv2, month, 4)
    _cases_in(chi_cuc, dt.date(2025, 5, 1), 3)
    _cases_in(kv2, dt.date(2026, 4, 1), 6)
    _cases_in(kv2, dt.date(2026, 5, 1), 20)  # the month is not over: not counted yet
    # KV3: steady, 5 a month.
    for month in people.month_starts(dt.date(2026, 4, 1), 7):
        _cases_in(kv3, month, 5)
    ids = scope_unit_ids(units["TNG"])
    found = {s.unit.code: s for s in people.surges(ids, AS_OF)}
    assert "TN-SC" not in found and "TW" not in found
    surge = found["TNG-KV2"]
    assert [m for m, _n in surge.months][0] == dt.date(2025, 5, 1)
    assert surge.months[0][1] == 3  # the Chi cục's cases count for its successor
    assert surge.last == 6
    assert surge.average == Decimal("4.00")
    assert surge.ratio == Decimal("1.50")
    assert surge.is_surge
    assert not found["TNG-KV3"].is_surge
    assert list(found)[0] == "TNG-KV2"  # surging units first
    settings.THADS_SURGE_RATIO = "1.6"
    assert not {s.unit.code: s for s in people.surges(ids, AS_OF)}["TNG-KV2"].is_surge


def test_loads_and_head_policy_come_from_cases_assignment(units):
    from thads.cases import assignment

    kv2 = units["TNG-KV2"]
    load = assignment.unit_load(kv2, AS_OF)
    assert load.officer_count >= 3, "the demo region has 3 or more officers"
    head = load.head.staff
    officer = next(o.staff for o in load.officers if not o.is_head)
    make_case(kv2, officer=officer, amount=10_000_000)
    make_case(kv2, officer=officer, amount=5_000_000, classified=False,
              state=CaseState.CHUA_CO_DIEU_KIEN)  # fmt: skip
    ids = scope_unit_ids(units["TNG"])
    by_unit = {p.load.unit.code: p for p in people.loads(ids, AS_OF)}
    assert "TN-SC" not in by_unit  # a Chi cục no longer in force
    row = next(o for o in by_unit["TNG-KV2"].load.officers if o.staff == officer)
    assert (row.open_cases, row.with_conditions, row.remainder) == (2, 1, 15_000_000)
    assert by_unit["TNG-KV2"].violation is None
    make_case(kv2, officer=head)
    by_unit = {p.load.unit.code: p for p in people.loads(ids, AS_OF)}
    violation = by_unit["TNG-KV2"].violation
    assert violation is not None and violation.head == head
    assert "Thủ trưởng không trực tiếp giải quyết việc" in violation.message
    assert Case.objects.filter(officer=head).count() == 1
    assert isinstance(head, Staff)
