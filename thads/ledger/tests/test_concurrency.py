"""Two simultaneous payments on one case can never overdraw it (PostgreSQL row locks)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections
from django.utils import translation

from thads.cases.models import Case
from thads.common.errors import DomainError
from thads.ledger import selectors, services
from thads.ledger.models import Receipt
from thads.testing.ledger import TODAY

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks (SELECT FOR UPDATE)"
    ),
    pytest.mark.django_db(transaction=True),
]


def _race(case_pk, amounts: list[int]) -> tuple[list[Receipt], list[Exception]]:
    """Pay `amounts` at once from one thread each (`case_pk`: one case, or one per amount)."""
    case_pks = case_pk if isinstance(case_pk, list) else [case_pk] * len(amounts)
    barrier = threading.Barrier(len(amounts))
    done: list[Receipt] = []
    failed: list[Exception] = []
    lock = threading.Lock()

    def worker(pk: int, amount: int) -> None:
        try:
            with translation.override("vi"):
                case = Case.objects.get(pk=pk)
                barrier.wait(timeout=10)
                receipt = services.payment_record(
                    case, amount=amount, received_on=dt.date(2024, 3, 1), payer="X", today=TODAY
                )
            with lock:
                done.append(receipt)
        except Exception as exc:  # noqa: BLE001 - collected and asserted on below
            with lock:
                failed.append(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=worker, args=(pk, a))
        for pk, a in zip(case_pks, amounts, strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return done, failed


def test_two_payments_of_more_than_half_cannot_both_succeed(money_case):
    case = money_case(amount=10_000_000)
    services.payment_record(
        case, amount=2_000_000, received_on=dt.date(2024, 2, 1), payer="X", today=TODAY
    )
    # Remainder 8.000.000 đ; each thread pays 4.000.001 đ.
    for _round in range(3):
        case.refresh_from_db()
        half = case.remainder // 2 + 1
        if case.remainder < 2:
            break
        done, failed = _race(case.pk, [half, half])
        assert len(done) == 1, failed
        assert len(failed) == 1
        assert isinstance(failed[0], DomainError)
        assert "vượt quá số tiền còn phải thi hành" in failed[0].message
        case.refresh_from_db()
        assert case.remainder >= 0
        assert selectors.case_balance_problems(case) == []
    numbers = sorted(Receipt.objects.filter(case=case).values_list("seq", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))  # no gap from the refused payments


def test_simultaneous_receipts_of_one_unit_get_consecutive_numbers(money_case):
    # No counter row exists yet for 2024: both transactions try to create it.
    cases = [money_case(), money_case(), money_case()]
    done, failed = _race([c.pk for c in cases], [1_000, 2_000, 3_000])
    assert failed == []
    assert sorted(r.number for r in done) == ["BL-2024/000001", "BL-2024/000002", "BL-2024/000003"]
