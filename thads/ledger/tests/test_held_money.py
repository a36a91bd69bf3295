"""Tạm thu, tạm giữ: received, released by a later entry, aged, listed within the user's scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from thads.common.errors import DomainError
from thads.ledger import selectors, services
from thads.ledger.models import HeldMoney, HeldMoneyRelease
from thads.testing.ledger import TODAY

D = dt.date
JAN_2 = dt.date(2025, 1, 2)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def receive(unit, amount=1_000_000, on=JAN_2, kind="tam_thu", **kwargs):
    kwargs.setdefault("today", TODAY)
    kwargs.setdefault("source", "Nguyễn Văn Giàu")
    return services.held_money_receive(unit, kind=kind, amount=amount, received_on=on, **kwargs)


def test_receive_release_and_age(units, money_case):
    case = money_case()
    held = receive(units["A"], case=case, kind="tam_giu")
    assert held.age_days(D(2025, 1, 12)) == 10
    assert selectors.case_balance(case, as_of=D(2025, 2, 1)).held == 1_000_000
    release = services.held_money_release(
        held, released_on=D(2025, 3, 3), reason="Trả lại cho người nộp", today=TODAY
    )
    held = HeldMoney.objects.get(pk=held.pk)
    assert held.released_on() == D(2025, 3, 3) == release.released_on
    assert held.age_days(D(2025, 6, 1)) == 60  # stops at the release
    assert held.is_held_on(D(2025, 3, 2))
    assert not held.is_held_on(D(2025, 3, 3))
    assert selectors.case_balance(case, as_of=D(2025, 4, 1)).held == 0
    assert selectors.case_balance(case, as_of=D(2025, 2, 1)).held == 1_000_000


def test_receive_validation(units, money_case):
    with pytest.raises(DomainError, match="tạm thu hoặc tạm giữ"):
        receive(units["A"], kind="khac")
    with pytest.raises(DomainError, match="số nguyên dương"):
        receive(units["A"], amount=0)
    with pytest.raises(DomainError, match="người nộp"):
        receive(units["A"], source=" ")
    with pytest.raises(DomainError, match="ngày tương lai"):
        receive(units["A"], on=D(2025, 7, 1))
    with pytest.raises(DomainError, match="không thuộc đơn vị"):
        receive(units["B"], case=money_case())
    with pytest.raises(DomainError, match="không hoạt động"):
        receive(units["A"], on=D(2009, 1, 1))
    assert not HeldMoney.objects.exists()


def test_release_validation(units):
    held = receive(units["A"])
    with pytest.raises(DomainError, match="nội dung xử lý"):
        services.held_money_release(held, released_on=D(2025, 2, 1), reason="", today=TODAY)
    with pytest.raises(DomainError, match="trước ngày nhận"):
        services.held_money_release(held, released_on=D(2025, 1, 1), reason="X", today=TODAY)
    services.held_money_release(held, released_on=D(2025, 2, 1), reason="X", today=TODAY)
    with pytest.raises(DomainError, match="đã được xử lý"):
        services.held_money_release(held, released_on=D(2025, 2, 2), reason="X", today=TODAY)
    assert HeldMoneyRelease.objects.count() == 1


def test_older_than_scoped_and_aged(units, access_a, access_none):
    old = receive(units["A"], on=D(2025, 1, 2))
    receive(units["A"], on=D(2025, 5, 20))  # 11 days on 31/05
    exactly = receive(units["A"], on=D(2025, 5, 1))  # 30 days on 31/05: not older than 30
    released = receive(units["A"], on=D(2024, 1, 2))
    services.held_money_release(released, released_on=D(2025, 5, 1), reason="X", today=TODAY)
    receive(units["B"], on=D(2024, 1, 2))  # another unit: out of scope
    rows = selectors.held_money_older_than(access_a, 30, D(2025, 5, 31))
    assert [r.pk for r in rows] == [old.pk]
    assert rows[0].age == 149
    # As of before the release, the released money was still held.
    rows = selectors.held_money_older_than(access_a, 30, D(2025, 4, 30))
    assert [r.pk for r in rows] == [released.pk, old.pk]
    assert exactly.pk in [
        r.pk for r in selectors.held_money_older_than(access_a, 29, D(2025, 5, 31))
    ]
    assert selectors.held_money_older_than(access_none, 0, D(2025, 5, 31)) == []
