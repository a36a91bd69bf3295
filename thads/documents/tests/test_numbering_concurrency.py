"""Parallel issues never share a number nor leave a gap (PostgreSQL row locks)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections
from django.utils import translation

from thads.documents import services
from thads.documents.models import Document
from thads.documents.rendering import template_in_force
from thads.org.demo import build_org
from thads.testing.cases import new_case, staff

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]

DAY = dt.date(2025, 9, 1)
WORKERS = 8


def test_parallel_issues_take_consecutive_numbers():
    build_org()
    drafts = []
    for _ in range(WORKERS):
        case = new_case()
        drafts.append(
            services.document_draft(
                case,
                template=template_in_force("qd-phong-toa", DAY),
                doc_date=DAY,
                act={"bank": "Agribank", "account": "1234"},
            )
        )
    signer = staff("TN-SC-01")
    barrier = threading.Barrier(WORKERS)
    failed: list[Exception] = []

    def worker(pk: int) -> None:
        try:
            with translation.override("vi"):
                document = Document.objects.get(pk=pk)
                barrier.wait(timeout=20)
                services.document_issue(
                    document,
                    signer=signer,
                    expected_version=document.version,
                    today=dt.date(2025, 9, 10),
                )
        except Exception as exc:  # noqa: BLE001 - asserted below
            failed.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(d.pk,)) for d in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert failed == []
    numbers = sorted(Document.objects.filter(status="issued").values_list("number", flat=True))
    # After the QĐ THA numbers of the unit's cases (cases.act_numbers), no gap, no duplicate.
    assert numbers and numbers == list(range(numbers[0], numbers[0] + WORKERS))
