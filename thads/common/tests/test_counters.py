"""The locked counter: gap-free numbers, given back on rollback, never twice (PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from thads.common.counters import counter_next, counter_peek, counter_raise
from thads.common.models import Counter


@pytest.mark.django_db
def test_numbers_follow_each_other_per_scope_series_and_year():
    with transaction.atomic():
        assert counter_next("A", "case", 2027) == 1
        assert counter_next("A", "case", 2027) == 2
        assert counter_next("A", "case", 2026) == 1
        assert counter_next("A", "doc", 2027) == 1
        assert counter_next("B", "case", 2027) == 1
    assert Counter.objects.get(scope="A", series="case", year=2027).last == 2


@pytest.mark.django_db
def test_floor_is_read_once_when_the_series_starts():
    calls = []

    def floor() -> int:
        calls.append(1)
        return 41

    with transaction.atomic():
        assert counter_peek("A", "case", 2027, floor=floor) == 42
        assert counter_next("A", "case", 2027, floor=floor) == 42
        assert counter_next("A", "case", 2027, floor=floor) == 43
    assert len(calls) == 2  # the peek and the creation; never again once the row exists
    assert counter_peek("A", "case", 2027, floor=floor) == 44


@pytest.mark.django_db
def test_rollback_gives_the_number_back_and_raise_moves_forward():
    with pytest.raises(RuntimeError), transaction.atomic():
        counter_next("A", "case", 2027)
        raise RuntimeError
    with transaction.atomic():
        assert counter_next("A", "case", 2027) == 1
        counter_raise("A", "case", 2027, 10)
        counter_raise("A", "case", 2027, 5)  # never backwards
        assert counter_next("A", "case", 2027) == 11


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError, match="transaction.atomic"):
        counter_next("A", "case", 2027)


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks")
@pytest.mark.django_db(transaction=True)
def test_parallel_writers_get_every_number_once():
    threads_n, each = 6, 5
    barrier = threading.Barrier(threads_n)
    got: list[int] = []
    failed: list[Exception] = []
    lock = threading.Lock()

    def worker() -> None:
        try:
            barrier.wait(timeout=10)
            for _ in range(each):
                with transaction.atomic():
                    number = counter_next("A", "case", 2027)  # no row yet: all race to create
                with lock:
                    got.append(number)
        except Exception as exc:  # noqa: BLE001 - asserted below
            with lock:
                failed.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(threads_n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert failed == []
    assert sorted(got) == list(range(1, threads_n * each + 1))


def test_highest_serial_reads_only_the_codes_of_the_series():
    from thads.common.counters import highest_serial

    codes = ["A/2026/001", "A/2026/0009", "A/2026/x7", "A/2026/²", "B/2026/012", "A/2026/"]
    assert highest_serial(codes, "A/2026/") == 9
    assert highest_serial([], "A/2026/") == 0
