"""Receipts: numbering without gaps, no overdraw, reversing entries, append-only rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import translation

from thads.cases.models import CaseEvent, EventType
from thads.cases.transitions import TransitionError
from thads.common.errors import DomainError
from thads.ledger import selectors, services
from thads.ledger.models import (
    Fee,
    HeldMoney,
    HeldMoneyRelease,
    Payout,
    PayoutReversal,
    Receipt,
    ReceiptCounter,
)
from thads.testing.ledger import TODAY

D = dt.date
MARCH_1 = D(2024, 3, 1)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def pay(case, amount, on=MARCH_1, payer="Phạm Văn Dũng", **kwargs):
    kwargs.setdefault("today", TODAY)
    return services.payment_record(case, amount=amount, received_on=on, payer=payer, **kwargs)


def test_payment_appends_event_and_receipt(money_case):
    case = money_case()
    receipt = pay(case, 1_250_000)
    assert receipt.number == "BL-2024/000001"
    assert receipt.event.type == EventType.THU_TIEN
    assert receipt.event.amount == 1_250_000
    assert receipt.event.case_id == case.pk
    assert receipt.amount_words == "Một triệu hai trăm năm mươi nghìn đồng"
    case.refresh_from_db()
    assert case.collected == 1_250_000
    assert case.remainder == 8_750_000
    assert selectors.case_balance_problems(case) == []


def test_numbers_run_per_unit_and_year_without_gaps(money_case, units):
    a1, a2 = money_case(), money_case()
    b = money_case(unit=units["B"])
    numbers = [
        pay(a1, 100).number,
        pay(a2, 100).number,
        pay(b, 100).number,
        pay(a1, 100, on=D(2025, 1, 3)).number,
    ]
    assert numbers == ["BL-2024/000001", "BL-2024/000002", "BL-2024/000001", "BL-2025/000001"]
    # A refused payment gives its number back: the next receipt takes it.
    with pytest.raises(TransitionError):
        pay(a1, 50_000_000)
    assert pay(a2, 100).number == "BL-2024/000003"
    assert ReceiptCounter.objects.get(unit=units["A"], year=2024).last == 3


def test_overdraw_refused_nothing_changed(money_case):
    case = money_case(amount=1_000_000)
    pay(case, 600_000)
    with pytest.raises(TransitionError) as excinfo:
        pay(case, 400_001)
    assert "vượt quá số tiền còn phải thi hành" in excinfo.value.message
    case.refresh_from_db()
    assert case.collected == 600_000
    assert Receipt.objects.filter(case=case).count() == 1
    assert case.events.count() == 1


@pytest.mark.parametrize("amount", [0, -5, 1.5, "100", True])
def test_amount_must_be_positive_integer(money_case, amount):
    case = money_case()
    with pytest.raises(DomainError, match="số nguyên dương"):
        pay(case, amount)
    assert not Receipt.objects.exists()
    assert not CaseEvent.objects.filter(case=case).exists()


def test_payer_required_and_no_future_date(money_case):
    case = money_case()
    with pytest.raises(DomainError, match="người nộp tiền"):
        pay(case, 100, payer="  ")
    with pytest.raises(TransitionError, match="ngày tương lai"):
        pay(case, 100, on=D(2025, 7, 1))
    assert not Receipt.objects.exists()


def test_expected_version_conflict(money_case):
    from thads.common.concurrency import ConcurrentEditError

    case = money_case()
    stale = case.version
    pay(case, 100)
    with pytest.raises(ConcurrentEditError):
        pay(case, 100, expected_version=stale)
    assert Receipt.objects.count() == 1


def test_reversal_voids_event_and_restores_balance(money_case):
    case = money_case()
    first = pay(case, 3_000_000)
    pay(case, 1_000_000)
    reversal = services.receipt_reverse(
        first, reason="Ghi nhầm số tiền", on=D(2024, 3, 5), today=TODAY
    )
    assert reversal.reverses == first
    assert reversal.number == "BL-2024/000003"
    assert reversal.amount == 3_000_000
    assert reversal.signed_amount == -3_000_000
    assert reversal.event.type == EventType.HUY_SU_KIEN
    assert reversal.event.corrects_id == first.event_id
    case.refresh_from_db()
    assert case.collected == 1_000_000
    assert selectors.case_balance(case).collected == 1_000_000
    assert selectors.case_balance_problems(case) == []
    # The original is still there, untouched.
    first.refresh_from_db()
    assert first.amount == 3_000_000


def test_reversal_rules(money_case):
    case = money_case()
    receipt = pay(case, 1_000_000)
    with pytest.raises(DomainError, match="lý do"):
        services.receipt_reverse(receipt, reason=" ", today=TODAY)
    with pytest.raises(DomainError, match="trước ngày thu"):
        services.receipt_reverse(receipt, reason="Sai", on=D(2024, 2, 1), today=TODAY)
    reversal = services.receipt_reverse(receipt, reason="Sai", on=D(2024, 3, 2), today=TODAY)
    with pytest.raises(DomainError, match="đã được hủy"):
        services.receipt_reverse(receipt, reason="Sai", today=TODAY)
    with pytest.raises(DomainError, match="biên lai hủy"):
        services.receipt_reverse(reversal, reason="Sai", today=TODAY)
    assert Receipt.objects.filter(case=case).count() == 2


def test_reversal_refused_once_money_paid_out(money_case):
    case = money_case()
    receipt = pay(case, 1_000_000)
    services.payout_record(case, paid_on=D(2024, 3, 2), today=TODAY)
    with pytest.raises(TransitionError, match="chi trả vượt quá"):
        services.receipt_reverse(receipt, reason="Sai", on=D(2024, 3, 3), today=TODAY)
    case.refresh_from_db()
    assert case.collected == 1_000_000
    assert not Receipt.objects.filter(reverses=receipt).exists()


def test_model_refuses_update_and_delete(money_case):
    receipt = pay(money_case(), 100)
    receipt.payer = "Người khác"
    with pytest.raises(PermissionError):
        receipt.save()
    with pytest.raises(PermissionError):
        receipt.delete()


@pytest.mark.parametrize(
    ("model", "change"),
    [
        (Receipt, {"amount": 1}),
        (Payout, {"amount": 1}),
        (Fee, {"amount": 1}),
        (HeldMoney, {"amount": 1}),
        (HeldMoneyRelease, {"reason": "Sửa"}),
        (PayoutReversal, {"reason": "Sửa"}),
    ],
    ids=["receipt", "payout", "fee", "held_money", "held_release", "payout_reversal"],
)
def test_database_refuses_update_and_delete(money_case, units, model, change):
    case = money_case()
    pay(case, 1_000_000)
    [payout] = services.payout_record(case, paid_on=D(2024, 3, 2), today=TODAY)
    services.payout_reverse(payout, reason="Sai", on=D(2024, 3, 2), today=TODAY)
    held = services.held_money_receive(
        units["A"], kind="tam_giu", amount=5, received_on=D(2024, 1, 5), source="X", today=TODAY
    )
    services.held_money_release(held, released_on=D(2024, 1, 6), reason="Trả lại", today=TODAY)
    rows = model.objects.all()
    assert rows.exists()
    with pytest.raises((DatabaseError, IntegrityError)), transaction.atomic():
        rows.update(**change)
    with pytest.raises((DatabaseError, IntegrityError)), transaction.atomic():
        rows._raw_delete(rows.db)
    assert model.objects.filter(**change).count() == 0


def test_database_refuses_non_positive_receipt(money_case):
    receipt = pay(money_case(), 100)
    clone = Receipt(
        unit_id=receipt.unit_id,
        year=2024,
        seq=99,
        number="BL-2024/000099",
        case_id=receipt.case_id,
        amount=-100,
        received_on=receipt.received_on,
        payer="X",
        event_id=CaseEvent.objects.create(
            case_id=receipt.case_id, seq=99, type="thong_bao", on=D(2024, 3, 1), law_version="2008"
        ).pk,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Receipt.objects.bulk_create([clone])


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row history triggers (pghistory) exist only on PostgreSQL",
)
def test_row_history_is_kept(money_case):
    from thads.ledger.models import ReceiptHistory

    receipt = pay(money_case(), 100)
    assert ReceiptHistory.objects.filter(pgh_obj_id=receipt.pk, pgh_label="insert").count() == 1
