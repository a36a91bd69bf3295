"""Parallel intakes in one unit: every case numbered, no gap, no duplicate (PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections
from django.utils import translation

from thads.cases.models import Case
from thads.testing.cases import new_case

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks"),
    pytest.mark.django_db(transaction=True),
]


def test_parallel_intakes_get_consecutive_codes(demo_org):
    n = 8
    barrier = threading.Barrier(n)
    failed: list[Exception] = []
    lock = threading.Lock()

    def worker() -> None:
        try:
            with translation.override("vi"):
                barrier.wait(timeout=10)
                new_case(accepted_on=dt.date(2026, 11, 20), auto_code=True)
        except Exception as exc:  # noqa: BLE001 - asserted below
            with lock:
                failed.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert failed == []
    codes = sorted(Case.objects.filter(unit__code="TNG-KV2").values_list("code", flat=True))
    # Accepted in November 2026: the report year 2027's series.
    assert codes == [f"TNG-KV2/2027/{i:04d}" for i in range(1, n + 1)]
