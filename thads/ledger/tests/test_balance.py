"""A case's balance always equals what its events say: examples, cache checks, properties."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thads.cases.models import Case, EventType
from thads.cases.services import event_record
from thads.cases.state import replay
from thads.common.errors import DomainError
from thads.ledger import selectors, services
from thads.ledger.models import Receipt
from thads.testing.ledger import TODAY, budget_obligation, creditor_obligation

D = dt.date
ON = D(2024, 3, 1)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def test_balance_from_events(make_case, record):
    case = make_case(obligations=[budget_obligation(2_000_000), creditor_obligation(8_000_000)])
    services.payment_record(case, amount=3_000_000, received_on=ON, payer="X", today=TODAY)
    record(case, EventType.MIEN_GIAM, D(2024, 3, 2), amount=500_000)
    services.payout_record(case, paid_on=D(2024, 3, 3), total=1_000_000, today=TODAY)
    balance = selectors.assert_case_balance(case)
    assert balance.owed == 10_000_000
    assert balance.collected == 3_000_000
    assert balance.reduced == 500_000
    assert balance.remainder == 6_500_000
    assert balance.paid_out == 1_000_000
    assert balance.unpaid_collected == 2_000_000 == selectors.unpaid_collected(case)
    # As of a date: only the events on or before it.
    assert selectors.case_balance(case, as_of=ON).reduced == 0
    assert selectors.case_balance(case, as_of=ON).paid_out == 0


def test_mismatch_with_cache_is_reported(money_case):
    case = money_case()
    services.payment_record(case, amount=1_000, received_on=ON, payer="X", today=TODAY)
    Case.objects.filter(pk=case.pk).update(collected=999)
    problems = selectors.case_balance_problems(case)
    assert problems == ["collected: cache 999 != events 1000"]
    with pytest.raises(selectors.LedgerMismatch):
        selectors.assert_case_balance(case)


def test_event_voided_outside_the_ledger_is_reported(money_case):
    case = money_case()
    receipt = services.payment_record(case, amount=1_000, received_on=ON, payer="X", today=TODAY)
    event_record(case, type=EventType.HUY_SU_KIEN, on=ON, corrects=receipt.event, today=TODAY)
    assert selectors.case_balance_problems(case) == [
        f"{receipt.number}: event and reversal disagree"
    ]


def test_scoped_lists(money_case, access_a, access_none):
    case = money_case()
    services.payment_record(case, amount=1_000, received_on=ON, payer="X", today=TODAY)
    services.payout_record(case, paid_on=ON, today=TODAY)
    assert selectors.receipts_of_case(access_a, case).count() == 1
    assert selectors.payouts_of_case(access_a, case).count() == 1
    assert selectors.receipts_of_case(access_none, case).count() == 0
    assert selectors.payouts_of_case(access_none, case).count() == 0


operations = st.lists(
    st.one_of(
        st.tuples(st.just("pay"), st.integers(min_value=1, max_value=6_000_000)),
        st.tuples(st.just("reduce"), st.integers(min_value=1, max_value=2_000_000)),
        st.tuples(st.just("reverse"), st.integers(min_value=0, max_value=5)),
        st.tuples(st.just("payout"), st.integers(min_value=1, max_value=4_000_000)),
        st.tuples(st.just("unpay"), st.integers(min_value=0, max_value=5)),
    ),
    min_size=1,
    max_size=10,
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=operations)
def test_balance_property(make_case, ops):
    """Random payments, reductions, payouts and their reversals never break the balance."""
    case = make_case(obligations=[budget_obligation(3_000_000), creditor_obligation(7_000_000)])
    receipts: list[Receipt] = []
    payouts = []
    for op, value in ops:
        before = selectors.case_balance(case)
        try:
            if op == "pay":
                receipts.append(
                    services.payment_record(
                        case, amount=value, received_on=ON, payer="X", today=TODAY
                    )
                )
                assert value <= before.remainder
            elif op == "reduce":
                event_record(case, type=EventType.MIEN_GIAM, on=ON, amount=value, today=TODAY)
                assert value <= before.remainder
            elif op == "reverse":
                if not receipts:
                    continue
                target = receipts[value % len(receipts)]
                services.receipt_reverse(target, reason="Sai", on=ON, today=TODAY)
            elif op == "unpay":
                if not payouts:
                    continue
                target = payouts[value % len(payouts)]
                services.payout_reverse(target, reason="Sai", on=ON, today=TODAY)
            else:
                payouts += services.payout_record(case, paid_on=ON, total=value, today=TODAY)
                assert value <= before.unpaid_collected
            succeeded = True
        except DomainError:
            succeeded = False
        after = selectors.case_balance(case)
        case.refresh_from_db()
        events = list(case.events.all())
        snapshot = replay(case.amount, events)
        # The identity, from the events, the cache and the receipts alike.
        assert after.remainder == after.owed - after.collected - after.reduced >= 0
        assert (after.collected, after.reduced) == (snapshot.collected, snapshot.reduced)
        assert (case.collected, case.reduced) == (snapshot.collected, snapshot.reduced)
        live = Receipt.objects.filter(case=case, reverses__isnull=True, reversed_by__isnull=True)
        assert after.collected == sum(r.amount for r in live)
        assert 0 <= after.paid_out <= after.collected
        assert selectors.case_balance_problems(case) == []
        if not succeeded:
            assert after == before
            if op == "pay":
                assert value > before.remainder
            if op == "reduce":
                # Only the state-budget obligation (3.000.000 đ) may be reduced (Điều 61).
                assert value > min(before.remainder, 3_000_000 - before.reduced)
            if op == "payout":
                assert value > before.unpaid_collected
        elif op == "pay":
            assert after.collected == before.collected + value
        elif op == "reverse":
            assert after.collected == before.collected - target.amount
        elif op == "unpay":
            assert after.paid_out == before.paid_out - target.amount
        elif op == "payout":
            assert after.paid_out == before.paid_out + value
