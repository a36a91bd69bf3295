"""Payouts in the legal order of payment, with the enforcement fee of the creditor."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from thads.cases.models import CaseMode, EventType, Obligation
from thads.common.errors import DomainError
from thads.ledger import selectors, services
from thads.ledger.models import Fee, FeeSchedule, Payout
from thads.testing.ledger import TODAY, budget_obligation, creditor_obligation

D = dt.date
PAID_ON = D(2024, 8, 1)  # schedule with lương cơ sở 2.340.000 đ: no fee up to 4.680.000 đ
A, B, C = Obligation.Priority.CAP_DUONG, Obligation.Priority.AN_PHI, Obligation.Priority.KHAC
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def pay(case, amount, on=PAID_ON):
    return services.payment_record(case, amount=amount, received_on=on, payer="X", today=TODAY)


def payout(case, **kwargs):
    kwargs.setdefault("paid_on", PAID_ON)
    kwargs.setdefault("today", TODAY)
    return services.payout_record(case, **kwargs)


@pytest.fixture
def three_classes(make_case):
    return make_case(
        obligations=[
            creditor_obligation(6_000_000, C, "Trả tiền vay"),
            budget_obligation(1_000_000),
            creditor_obligation(2_000_000, A, "Cấp dưỡng nuôi con"),
            creditor_obligation(2_000_000, C, "Bồi thường tài sản"),
        ]
    )


def shares(payouts):
    return {p.obligation.description: p.amount for p in payouts}


def test_automatic_distribution_follows_article_47(three_classes):
    case = three_classes
    pay(case, 5_000_000)
    result = payout(case)
    assert shares(result) == {
        "Cấp dưỡng nuôi con": 2_000_000,
        "Án phí dân sự sơ thẩm": 1_000_000,
        "Trả tiền vay": 1_500_000,
        "Bồi thường tài sản": 500_000,
    }
    assert [p.obligation.priority for p in result] == [A, B, C, C]
    assert all(p.event.type == EventType.CHI_TRA for p in result)
    assert selectors.unpaid_collected(case) == 0
    balance = selectors.case_balance(case)
    assert balance.paid_out == balance.collected == 5_000_000
    assert selectors.case_balance_problems(case) == []
    # The next payout continues pro rata on what is still owed.
    pay(case, 4_000_000)
    assert shares(payout(case, total=4_000_000)) == {
        "Trả tiền vay": 3_000_000,
        "Bồi thường tài sản": 1_000_000,
    }


def test_payout_never_exceeds_collected(three_classes):
    case = three_classes
    pay(case, 1_000_000)
    with pytest.raises(DomainError, match="vượt quá số tiền đã thu chưa chi"):
        payout(case, total=1_000_001)
    with pytest.raises(DomainError, match="vượt quá số tiền đã thu chưa chi"):
        payout(case, amounts={case.obligations.get(priority=A): 1_500_000})
    payout(case)
    with pytest.raises(DomainError, match="Không có tiền"):
        payout(case)
    assert Payout.objects.filter(case=case).count() == 1


def test_manual_payout_must_respect_the_order(three_classes):
    case = three_classes
    pay(case, 5_000_000)
    loan = case.obligations.get(description="Trả tiền vay")
    alimony = case.obligations.get(priority=A)
    with pytest.raises(DomainError, match="Phải chi trả đủ “Cấp dưỡng nuôi con”") as excinfo:
        payout(case, amounts={loan: 1_000_000})
    assert excinfo.value.article == "Luật THADS 2008, Điều 47 k1"
    with pytest.raises(DomainError, match="vượt quá số còn phải trả"):
        payout(case, amounts={alimony: 2_000_001})
    assert not Payout.objects.exists()
    result = payout(
        case,
        amounts={alimony: 2_000_000, case.obligations.get(priority=B): 1_000_000, loan: 2_000_000},
    )
    assert sum(p.amount for p in result) == 5_000_000


def test_manual_payout_rejects_foreign_obligation(three_classes, make_case):
    other = make_case()
    pay(three_classes, 1_000_000)
    with pytest.raises(DomainError, match="không thuộc việc này"):
        payout(three_classes, amounts={other.obligations.get(): 1_000})


def test_fee_on_creditor_payout(money_case):
    case = money_case(amount=10_000_000)
    pay(case, 10_000_000)
    [p] = payout(case)
    fee = p.fee
    assert fee.amount == fee.full_amount == 300_000
    assert p.net_amount == 9_700_000
    assert fee.schedule_valid_from == D(2024, 7, 1)
    assert selectors.case_balance(case).fees == 300_000


def test_fee_is_cumulative_per_creditor(money_case):
    case = money_case(amount=10_000_000)
    pay(case, 4_000_000)
    [first] = payout(case)
    assert first.fee.amount == 0  # 4.000.000 đ ≤ 2 × lương cơ sở
    pay(case, 2_000_000)
    [second] = payout(case)
    assert second.fee.received_before == 4_000_000
    assert second.fee.amount == 180_000  # 3% of 6.000.000 đ


def test_no_fee_for_chu_dong_or_state_budget(make_case, money_case):
    case = money_case(mode=CaseMode.CHU_DONG)
    pay(case, 10_000_000)
    payout(case)
    budget = make_case(obligations=[budget_obligation(10_000_000)])
    pay(budget, 10_000_000)
    [p] = payout(budget)
    assert p.payee is None
    assert not Fee.objects.exists()


def test_one_third_fee_when_parties_settled(money_case):
    case = money_case(amount=10_000_000)
    pay(case, 10_000_000)
    [p] = payout(case, self_settled=True)
    assert p.fee.is_reduced
    assert p.fee.full_amount == 300_000
    assert p.fee.amount == 100_000


def test_no_reduction_after_a_coercion_decision(money_case, record):
    case = money_case(amount=10_000_000)
    record(case, EventType.XAC_MINH_CO_DIEU_KIEN, D(2024, 2, 1))
    record(case, EventType.QUYET_DINH_CUONG_CHE, D(2024, 3, 1), data={"measure": "ke_bien"})
    pay(case, 10_000_000)
    with pytest.raises(DomainError, match="Đã có quyết định cưỡng chế") as excinfo:
        payout(case, self_settled=True)
    assert excinfo.value.article == "TT 216/2016/TT-BTC, Điều 4 k4"
    assert not Payout.objects.exists()
    # Settled before that decision: still one third.
    case2 = money_case(amount=10_000_000)
    pay(case2, 10_000_000, on=D(2024, 2, 1))
    [p] = payout(case2, self_settled=True, paid_on=D(2024, 2, 1))
    assert p.fee.is_reduced


def test_exempt_class_by_configuration(make_case):
    FeeSchedule.objects.create(
        valid_from=D(2024, 7, 15),
        legal_basis="Thử nghiệm",
        tiers=[{"up_to": None, "rate": "0.03"}],
        exempt_up_to=0,
        exempt_priorities=[A],
    )
    case = make_case(
        obligations=[creditor_obligation(5_000_000, A), creditor_obligation(5_000_000, C)]
    )
    pay(case, 10_000_000)
    alimony, other = payout(case)
    assert alimony.fee.amount == 0
    assert other.fee.amount == 150_000


def test_reductions_reduce_what_is_owed(make_case, record):
    case = make_case(obligations=[budget_obligation(1_000_000), creditor_obligation(2_000_000)])
    record(case, EventType.MIEN_GIAM, D(2024, 3, 1), amount=400_000)
    pay(case, 2_600_000)
    result = payout(case)
    assert shares(result) == {"Án phí dân sự sơ thẩm": 600_000, "Trả nợ 2000000": 2_000_000}
    assert selectors.case_balance(case).remainder == 0


def test_payout_reversal(money_case):
    case = money_case(amount=10_000_000)
    receipt = pay(case, 10_000_000)
    [p] = payout(case)
    with pytest.raises(DomainError, match="lý do"):
        services.payout_reverse(p, reason="", today=TODAY)
    with pytest.raises(DomainError, match="trước ngày chi trả"):
        services.payout_reverse(p, reason="Sai", on=D(2024, 7, 1), today=TODAY)
    reversal = services.payout_reverse(p, reason="Chi nhầm người", on=PAID_ON, today=TODAY)
    assert reversal.event.type == EventType.HUY_SU_KIEN
    assert reversal.event.corrects_id == p.event_id
    balance = selectors.case_balance(case)
    assert (balance.paid_out, balance.unpaid_collected, balance.fees) == (0, 10_000_000, 0)
    assert selectors.case_balance_problems(case) == []
    with pytest.raises(DomainError, match="đã được hủy"):
        services.payout_reverse(p, reason="Sai", today=TODAY)
    # Paid again: the fee is computed afresh; the receipt can no longer be reversed.
    [again] = payout(case)
    assert again.fee.received_before == 0
    assert again.fee.amount == 300_000
    assert selectors.case_balance(case).fees == 300_000
    with pytest.raises(DomainError):
        services.receipt_reverse(receipt, reason="Sai", on=PAID_ON, today=TODAY)
    # Once the payout is reversed, the receipt can be.
    services.payout_reverse(again, reason="Sai", on=PAID_ON, today=TODAY)
    services.receipt_reverse(receipt, reason="Sai", on=PAID_ON, today=TODAY)
    assert selectors.assert_case_balance(case).collected == 0
